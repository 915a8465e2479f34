/**
 * The sales funnel: stage counts from the top down (contacts → appointments → … → sales), the conversion of
 * each step, and where the funnel leaks (seed 002: "these weaknesses are where we leak closing ratio").
 * Behind FUNNEL_LEAK, FUNNEL_STEPS, the Activity Funnel template and the review's coaching focus.
 */
import { describeFigure } from '../values/describe';
import { SeError } from '../values/errors';
import type { FunnelSet } from '../values/funnels';
import { messages } from '../values/messages';
import { above, atLeast, below } from './compare';

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

/**
 * The first step whose count rises (stage i+1 holds more than stage i, compared as a spreadsheet compares), or
 * -1. A funnel only narrows: a rise means the stages are out of order (statuses sorted alphabetically, "Lost"
 * above "New") or a count is wrong, and any step named from such counts would mislead.
 */
export function firstRise(counts: ArrayLike<number>): number {
  for (let i = 0; i < counts.length - 1; i++) if (above(counts[i + 1], counts[i])) return i;
  return -1;
}

/** "Lost (3) to New (12)": the two stages of a rising step and their counts, for messages. */
export function riseWords(names: readonly string[] | null, counts: ArrayLike<number>, i: number): string {
  const name = (s: number) => (names === null ? `Stage ${s + 1}` : names[s]);
  return `${name(i)} (${describeFigure(counts[i])}) to ${name(i + 1)} (${describeFigure(counts[i + 1])})`;
}

/**
 * Two quotients closer to a whole number than this share of themselves may sit on the wrong side of it by
 * floating-point rounding (84 / 0.7 is 120.00000000000001): only those are settled by comparing as a sheet does.
 */
const NEAR_WHOLE = 2 ** -40;

/**
 * The fewest whole units at a stage that reach `next` at the stage below with conversion `rate` (above 0): the
 * smallest whole x with x × rate ≥ next, where ≥ compares as spreadsheets compare (to 15 significant digits).
 * So 84 at 70% needs 120, not 121, though 84 / 0.7 is 120.00000000000001 in floating point; and 1 at a rate of
 * =1/3 needs 3. The Activity Funnel's template formula, INT(q)+(INT(q)*rate<next), makes the same choice.
 */
export function wholeNeed(next: number, rate: number): number {
  const q = next / rate;
  const up = Math.ceil(q);
  // Clearly between two whole numbers (the usual case): the ceiling is the answer.
  if (up - q > q * NEAR_WHOLE && q - (up - 1) > q * NEAR_WHOLE) return up;
  if (up >= 1 && atLeast((up - 1) * rate, next)) return up - 1;
  return below(up * rate, next) ? up + 1 : up;
}

/**
 * Activity targets from a goal (seed 002: "convert the Result goals into the contributing Activity measures"):
 * `rates` are the n conversions from the top stage down; `into` (n + 1 long) gets each stage's target, the last
 * being the goal. Rounded up stage by stage from the bottom (wholeNeed), or the exact need (goal over the
 * product of the rates below) without rounding. The goal itself is kept as it is.
 */
export function activityTargets(
  goal: number,
  rates: ArrayLike<number>,
  roundUp: boolean,
  into: Float64Array,
): Float64Array {
  const n = rates.length;
  into[n] = goal;
  let next = goal;
  for (let i = n - 1; i >= 0; i--) {
    next = roundUp ? wholeNeed(next, rates[i]) : next / rates[i];
    into[i] = next;
  }
  return into;
}

/**
 * The error for a funnel whose counts rise from one stage to the next (see firstRise), naming the funnel (when
 * the range holds several), the two stages and their counts, instead of a leak computed from them.
 */
export function risingCounts(
  fn: string,
  arg: string,
  set: Pick<FunnelSet, 'names' | 'funnels' | 'down' | 'offset'>,
  f: number,
  counts: ArrayLike<number>,
  i: number,
): SeError {
  const which =
    set.funnels === 1
      ? 'the counts rise'
      : `funnel ${f + 1} (${set.down ? 'column' : 'row'} ${f + set.offset + 1} of ${arg}) rises`;
  return new SeError(
    'invalid',
    messages.custom(
      fn,
      `${arg} must fall (or stay level) from the top of the funnel down, but ${which} from ` +
        `${riseWords(set.names, counts, i)}; a funnel only narrows, so the stages are probably out of order ` +
        `(e.g. sorted alphabetically): put them in funnel order, top first, or check the counts`,
    ),
    fn,
    arg,
  );
}
