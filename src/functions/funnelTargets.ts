import { activityTargets } from '../measures/funnel';
import {
  finiteResult,
  invalidCell,
  isBlank,
  isFiniteNumber,
  isOmitted,
  messages,
  readRates,
  SeError,
  toMatrix,
  withoutNegativeZero,
} from '../values';

/**
 * The activity each stage of the funnel needs to reach a goal at the given conversion rates (seed 002: turn
 * the result goal into activity measures). The rates run from the top stage down; the result has one more
 * stage than there are rates, in the same orientation, ending with the goal. With round_up (the default) every
 * stage above the goal is a whole number, rounded up stage by stage from the bottom: 84 opportunities at
 * 70% need exactly 120 presentations. Several goals (one per rep) give one funnel each, side
 * by side: with the rates in a column, goals in a row give one column per goal; with the rates in a row, goals
 * in a column give one row per goal. A blank goal gives a blank funnel.
 * @customfunction FUNNEL_TARGETS
 * @param goal The result to reach at the bottom of the funnel (e.g. 25 sales), at least 0; or a row or column of goals, one per rep.
 * @param rates Conversion rate of each step from the top stage down (e.g. 35%, 65%, 70%, 30%), each above 0 and at most 100%.
 * @param [round_up] TRUE (default) for whole numbers rounded up from the bottom; FALSE for the exact need.
 * @returns The activity target of each stage, top first, ending with the goal.
 * @example =FUNNEL_TARGETS(25, B2:B5) with rates 35%, 65%, 70%, 30% returns 529, 185, 120, 84, 25
 */
export function FUNNEL_TARGETS(goal: any[][], rates: any[][], round_up?: any): any[][] {
  const fn = 'FUNNEL_TARGETS';
  const g = toMatrix(fn, 'goal', goal);
  const { rates: r, column: ratesColumn } = readRates(fn, 'rates', toMatrix(fn, 'rates', rates));
  const roundUp = readRoundUp(fn, round_up);
  if (g.rows > 1 && g.cols > 1) {
    throw new SeError(
      'invalid',
      messages.custom(
        fn,
        `goal must be a single cell, or a row or column of goals (one funnel per goal); found ${g.rows}x${g.cols}`,
      ),
      fn,
      'goal',
    );
  }
  const goalsColumn = g.rows > 1;
  const goals = goalsColumn ? g.rows : g.cols;
  // The funnel runs the way the rates run (one rate: across when the goals run down), the goals the other way.
  const funnelDown = ratesColumn ?? !goalsColumn;
  if (goals > 1 && funnelDown === goalsColumn) {
    const along = funnelDown ? 'column' : 'row';
    const across = funnelDown ? 'row' : 'column';
    throw new SeError(
      'invalid',
      messages.custom(
        fn,
        `goal holds ${goals} goals in a ${along} and rates run down a ${along} too; each funnel runs the way the rates run, so put the goals in a ${across} (one funnel per goal side by side), or the rates in a ${across}`,
      ),
      fn,
      'goal',
    );
  }
  const stages = r.length + 1;
  const out: (number | string)[][] = funnelDown
    ? Array.from({ length: stages }, () => new Array<number | string>(goals))
    : Array.from({ length: goals }, () => new Array<number | string>(stages));
  const line = new Float64Array(stages);
  for (let k = 0; k < goals; k++) {
    const gr = goalsColumn ? k : 0;
    const gc = goalsColumn ? 0 : k;
    const v = g.data[gr][gc];
    if (isBlank(v)) {
      for (let s = 0; s < stages; s++) put(out, funnelDown, s, k, '');
      continue;
    }
    if (!(isFiniteNumber(v) && v >= 0)) throw invalidCell(fn, 'goal', 'a number of at least 0', v, g, gr, gc);
    activityTargets(v, r, roundUp, line);
    // From the bottom up, so a message names the first stage that overflows.
    for (let s = stages - 1; s >= 0; s--) {
      const x = line[s];
      put(out, funnelDown, s, k, x - x === 0 ? x : finiteResult(fn, x, where(s, k, goals)));
    }
  }
  return withoutNegativeZero(out);
}

function put(out: (number | string)[][], down: boolean, stage: number, goal: number, v: number | string) {
  if (down) out[stage][goal] = v;
  else out[goal][stage] = v;
}

function where(stage: number, goal: number, goals: number): string {
  return goals === 1 ? `stage ${stage + 1}` : `stage ${stage + 1} of goal ${goal + 1}`;
}

/** round_up: TRUE or FALSE (1 or 0, as spreadsheets take them); blank or omitted is TRUE. */
function readRoundUp(fn: string, value: unknown): boolean {
  if (isOmitted(value)) return true;
  const m = toMatrix(fn, 'round_up', value);
  if (m.rows !== 1 || m.cols !== 1)
    throw new SeError('invalid', messages.singleValue(fn, 'round_up', 'TRUE or FALSE', m), fn, 'round_up');
  const v = m.data[0][0];
  if (typeof v === 'boolean') return v;
  if (v === 1 || v === 0) return v === 1;
  throw new SeError('invalid', messages.expected(fn, 'round_up', 'TRUE or FALSE', v, null), fn, 'round_up');
}
