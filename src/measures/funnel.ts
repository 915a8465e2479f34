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
 * benchmark, the one whose rise to it adds the most results at the bottom, and -1 ("No leak") when no step is
 * below its benchmark. Ties go to the earliest step.
 */
export function leakiestStep(
  counts: ArrayLike<number>,
  benchmarks: ArrayLike<number | null>,
  mode: LeakMode,
): number {
  let best = -1;
  let bestScore = -Infinity;
  const steps = counts.length - 1;
  for (let i = 0; i < steps; i++) {
    const rate = conversionAt(counts, i);
    if (rate === null) continue;
    let score: number;
    if (mode === 'rate') score = -rate;
    else if (mode === 'loss') score = counts[i] - counts[i + 1];
    else {
      const b = benchmarks[i];
      if (b === null || b === undefined || rate >= b) continue;
      score = extraAtBenchmark(counts, benchmarks, i) ?? 0;
    }
    if (score > bestScore) {
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
