/**
 * The sales funnel: stage counts from the top down (contacts → appointments → … → sales), the conversion of
 * each step, and where the funnel leaks (seed 002: "these weaknesses are where we leak closing ratio").
 * Behind FUNNEL_LEAK, FUNNEL_STEPS, the Activity Funnel template and the review's coaching focus.
 */

export type LeakMode = 'impact' | 'rate' | 'loss';
export const LEAK_MODES: readonly LeakMode[] = ['impact', 'rate', 'loss'];

/** Conversion of step i (stage i → i+1), or null when stage i is empty: no conversion, never the leak. */
export function conversionAt(counts: ArrayLike<number>, i: number): number | null {
  const from = counts[i];
  return from > 0 ? counts[i + 1] / from : null;
}

/**
 * Results added at the bottom of the funnel if step i converted at its benchmark while every later step kept
 * its own conversion: (benchmark·from − to) × the later conversions. A later step with no conversion (an
 * empty stage) is assumed to convert at its benchmark, or not at all without one. 0 when the step is at or
 * above its benchmark; null without a benchmark or a conversion.
 */
export function extraAtBenchmark(
  counts: ArrayLike<number>,
  benchmarks: ArrayLike<number | null>,
  i: number,
): number | null {
  const rate = conversionAt(counts, i);
  const b = benchmarks[i];
  if (rate === null || b === null || b === undefined) return null;
  if (rate >= b) return 0;
  let carried = 1;
  for (let j = i + 1; j < counts.length - 1; j++) carried *= conversionAt(counts, j) ?? benchmarks[j] ?? 0;
  return (b * counts[i] - counts[i + 1]) * carried;
}

/**
 * The step that leaks most, or -1 for none. Only steps with a conversion (out of a non-empty stage) count.
 * `rate`: the lowest conversion; `loss`: the largest drop (from − to); `impact`: among the steps below their
 * benchmark, the one whose rise to it adds the most results at the bottom (the same figure as
 * extraAtBenchmark), and -1 ("No leak") when no step is below its benchmark. Ties go to the earliest step.
 */
/**
 * Two steps whose scores differ only by floating-point rounding (the same gain reached through products taken
 * in another order) are a tie, and ties go to the earliest step whatever the order of multiplication.
 */
const TIE = 1e-12;
function clearlyAbove(score: number, best: number): boolean {
  return best === -Infinity || score > best + TIE * Math.max(Math.abs(score), Math.abs(best));
}
function notClearlyBelow(score: number, best: number): boolean {
  return best === -Infinity || score >= best - TIE * Math.max(Math.abs(score), Math.abs(best));
}

export function leakiestStep(
  counts: ArrayLike<number>,
  benchmarks: ArrayLike<number | null>,
  mode: LeakMode,
): number {
  const steps = counts.length - 1;
  let best = -1;
  let bestScore = -Infinity;
  if (mode === 'impact') {
    // Walk from the bottom up, carrying the product of the later steps' conversions, so every step's
    // extra costs one multiplication instead of a pass over the rest of the funnel.
    let carried = 1;
    for (let i = steps - 1; i >= 0; i--) {
      const rate = conversionAt(counts, i);
      const b = benchmarks[i];
      if (rate !== null && b !== null && b !== undefined && rate < b) {
        const score = (b * counts[i] - counts[i + 1]) * carried;
        // Walking upwards, an earlier step that ties (up to rounding) takes the place of a later one.
        if (notClearlyBelow(score, bestScore)) {
          best = i;
          bestScore = score;
        }
      }
      carried *= rate ?? b ?? 0;
    }
    return best;
  }
  for (let i = 0; i < steps; i++) {
    const rate = conversionAt(counts, i);
    if (rate === null) continue;
    const score = mode === 'rate' ? -rate : counts[i] - counts[i + 1];
    if (clearlyAbove(score, bestScore)) {
      best = i;
      bestScore = score;
    }
  }
  return best;
}

export function stepLabel(names: readonly string[] | null, i: number): string {
  return names === null ? `Stage ${i + 1} → Stage ${i + 2}` : `${names[i]} → ${names[i + 1]}`;
}

export const NO_LEAK = 'No leak';
