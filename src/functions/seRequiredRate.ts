import { neededByAggregation, type Aggregation } from '../measures/measure';
import {
  checkPeriods,
  invalidCell,
  isBlank,
  isFiniteNumber,
  messages,
  readAggregation,
  readNumberOption,
  reportedIn,
  SeError,
  seriesLabel,
  seriesNumber,
  seriesOf,
  toMatrix,
  withoutNegativeZero,
} from '../values';

/**
 * What each remaining period still needs for the year to reach its target, as `aggregation` says how periods
 * add up. "sum": the average still needed per period, (target − total so far) / periods left. "average": the
 * mean the remaining periods need, (target × periods − sum so far) / periods left. "last": the change per
 * period, (target − latest) / periods left. The result is 0 once nothing more is needed, with or without
 * periods left: the total so far at or above the target ("sum"), the periods reported already making the
 * target mean over all periods ("average"), the latest value at or above the target ("last"). The function
 * has no direction: for a cost, read the result as the most that may still be spent per period, and for
 * "last" as the change per period needed to reach the target (0 once at or above it). When every period is
 * reported and the target was missed, the message says the period is over and by how much. Reported periods
 * are the leading non-blank cells. A grid is one series per row, with one target per row (a column) or one
 * target for all.
 * @customfunction REQUIRED_RATE
 * @param actuals The actuals in period order: a row or a column, or a grid with one series per row.
 * @param target The target for the whole period (e.g. the annual target): a cell, or a column with one per row.
 * @param [periods] The number of periods in the whole (default: the number of cells per series).
 * @param [aggregation] How periods add up: "sum" (default; flows such as sales), "average" (rates; the target is the year's mean) or "last" (levels; the target is the level at the last period).
 * @returns Per series, what is needed in each remaining period: an amount ("sum"), a mean ("average") or a change ("last"); 0 once the target is reached.
 * @example =SE_REQUIRED_RATE(B2:H2, 1300, 12) with 80, 90, 100, 95, 110, 105, 120 returns 120
 * @example =SE_REQUIRED_RATE(B2:D2, 6%, 12, "average") with rates 5%, 6%, 4% returns 6.33%; =SE_REQUIRED_RATE(B2:D2, 200, 12, "last") with headcount 100, 110, 120 returns 8.89
 */
export function SE_REQUIRED_RATE(
  actuals: any[][],
  target: any[][],
  periods?: any,
  aggregation?: any,
): any[][] {
  const fn = 'SE_REQUIRED_RATE';
  const a = toMatrix(fn, 'actuals', actuals);
  const t = toMatrix(fn, 'target', target);
  const set = seriesOf(a);
  const perSeries = !(t.rows === 1 && t.cols === 1);
  if (perSeries && (set.single || t.cols !== 1 || t.rows !== set.count)) {
    const wanted = set.single
      ? 'a single cell'
      : `a single cell or a column of ${set.count} (one per row of actuals)`;
    throw new SeError(
      'invalid',
      messages.custom(fn, `target must be ${wanted}; found ${t.rows}x${t.cols}`),
      fn,
      'target',
    );
  }
  const given = readNumberOption(fn, 'periods', periods, { min: 1, integer: true }, null);
  const kind = readAggregation(fn, aggregation);
  const count = given ?? set.length;
  const out: (number | string)[][] = new Array(set.count);
  for (let i = 0; i < set.count; i++) {
    const cells = set.cells(i);
    const reported = reportedIn(fn, 'actuals', cells, set, i, 1);
    const r = perSeries ? i : 0;
    const goal = t.data[r][0];
    if (reported < 0 || isBlank(goal)) {
      out[i] = [''];
      continue;
    }
    if (!isFiniteNumber(goal)) throw invalidCell(fn, 'target', 'a number', goal, t, r, 0);
    const series = set.single ? null : i;
    checkPeriods(fn, reported, count, series);
    // reportedIn checked that the first `reported` cells are numbers.
    const { gap, needed } = neededByAggregation(cells as readonly number[], reported, goal, count, kind);
    // Reached: nothing more is needed, whether or not periods are left (the gap is 0 to 15 digits).
    if (gap <= 0) {
      out[i] = [0];
      continue;
    }
    if (needed === null) throw periodOver(fn, kind, count, goal, gap, series);
    out[i] = [seriesNumber(fn, needed, set, i)];
  }
  return withoutNegativeZero(out);
}

/** Every period is reported and the target was missed: the message says by how much. */
function periodOver(
  fn: string,
  kind: Aggregation,
  periods: number,
  target: number,
  gap: number,
  series: number | null,
): SeError {
  if (!Number.isFinite(gap)) return new SeError('invalid', messages.tooLarge(fn, seriesLabel(series)), fn);
  // The mean was missed by the shortfall of the sum spread over the periods.
  const missedBy = kind === 'Average' ? gap / periods : gap;
  const word = kind === 'Average' ? 'target mean' : kind === 'Last' ? 'target level' : 'target';
  return new SeError(
    'notAvailable',
    messages.periodOver(fn, periods, word, target, missedBy, seriesLabel(series)),
    fn,
    'target',
  );
}
