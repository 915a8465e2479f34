import { phasedForecast, runRateForecast, trendForecast } from '../measures/periods';
import {
  checkPeriods,
  messages,
  readAggregation,
  readChoiceOption,
  readNumberOption,
  readWeights,
  reportedIn,
  SeError,
  seriesLabel,
  seriesNumber,
  seriesOf,
  toMatrix,
  type Matrix,
  withoutNegativeZero,
} from '../values';

const METHODS = ['runrate', 'trend', 'phased'] as const;

/**
 * The year's projected figure from the periods reported so far: a total, a mean or a year-end level, as
 * `aggregation` says how periods add up. "runrate": "sum" the average so far times the number of periods,
 * "average" the mean so far, "last" the latest value. "trend" carries the least-squares line of the reported
 * values (as TREND/FORECAST.LINEAR) over the periods to come: "sum" the total so far plus the line, "average"
 * (the reported values plus the line) divided by the periods, "last" the line at the last period. With one
 * reported period the line is flat (it has no slope), so the trend is the run-rate. "phased" ("sum" only): the
 * total so far divided by the share of the target profile (weights, e.g. the monthly targets) that has
 * elapsed. Once every period is reported, every method gives the actual figure. Reported periods are the
 * leading non-blank cells; trailing blanks are periods still to come. A grid is one series per row (months
 * across, as in the CSF Tracker) and spills one forecast per row.
 * @customfunction FORECAST
 * @param actuals The actuals in period order: a row or a column, or a grid with one series per row.
 * @param [periods] The number of periods in the whole (default: the number of cells per series).
 * @param [method] "runrate" (default), "trend" or "phased".
 * @param [weights] For "phased": the target profile, one value per period (a row or column, or a grid like actuals).
 * @param [aggregation] How periods add up: "sum" (default; flows such as sales), "average" (rates such as a conversion %) or "last" (levels such as headcount).
 * @returns The projected figure per series: a total ("sum"), a mean ("average") or a level at the last period ("last").
 * @example =SE_FORECAST(B2:H2, 12) with 80, 90, 100, 95, 110, 105, 120 returns 1200; with "trend" about 1371.43
 * @example =SE_FORECAST(B2:D2, 12, "trend", , "average") with rates 5%, 6%, 4% returns 2.75%; with "runrate" 5%
 * @example =SE_FORECAST(B2:D2, 12, "trend", , "last") with headcount 100, 110, 120 returns 210; with "runrate" 120
 */
export function SE_FORECAST(
  actuals: any[][],
  periods?: any,
  method?: any,
  weights?: any[][],
  aggregation?: any,
): any[][] {
  const fn = 'SE_FORECAST';
  const a = toMatrix(fn, 'actuals', actuals);
  const how = readChoiceOption(fn, 'method', method, METHODS, 'runrate');
  const given = readNumberOption(fn, 'periods', periods, { min: 1, integer: true }, null);
  const kind = readAggregation(fn, aggregation);
  if (how === 'phased' && kind !== 'Sum')
    throw new SeError(
      'invalid',
      messages.onlyWith(fn, 'method', 'phased', 'aggregation', 'sum', kind.toLowerCase()),
      fn,
      'method',
    );
  const set = seriesOf(a);
  const count = given ?? set.length;
  const profile = how === 'phased' ? weightsFor(fn, a, weights, count) : null;
  const out: (number | string)[][] = new Array(set.count);
  for (let i = 0; i < set.count; i++) {
    const cells = set.cells(i);
    const reported = reportedIn(fn, 'actuals', cells, set, i, 1);
    if (reported < 0) {
      out[i] = [''];
      continue;
    }
    checkPeriods(fn, reported, count, set.single ? null : i);
    // reportedIn checked that the first `reported` cells are numbers.
    const values = cells as readonly number[];
    const v =
      profile !== null
        ? phased(fn, values, profile(i), reported, set.single ? null : i)
        : how === 'trend'
          ? trendForecast(values, count, reported, kind)
          : runRateForecast(values, count, reported, kind);
    out[i] = [seriesNumber(fn, v, set, i)];
  }
  return withoutNegativeZero(out);
}

/** The phased forecast of one series; an error when the profile has no weight in its reported periods. */
function phased(
  fn: string,
  values: readonly number[],
  weights: readonly number[],
  reported: number,
  series: number | null,
): number {
  const result = phasedForecast(values, weights, reported);
  if (result !== null) return result;
  const where = series === null ? '' : ` for ${seriesLabel(series)}`;
  throw new SeError(
    'invalid',
    messages.custom(
      fn,
      `weights must not be all 0 over the reported periods${where}; the phased forecast divides by their share`,
    ),
    fn,
    'weights',
  );
}

/** The weights profile for each series: one row or column for all, or a grid with one profile per row. */
function weightsFor(
  fn: string,
  actuals: Matrix,
  weights: unknown,
  periods: number,
): (index: number) => number[] {
  const arg = 'weights';
  if (weights === undefined || weights === null || (Array.isArray(weights) && weights.length === 0)) {
    throw new SeError(
      'invalid',
      messages.custom(fn, `method "phased" needs weights: the target profile, one value per period`),
      fn,
      arg,
    );
  }
  const w = toMatrix(fn, arg, weights);
  const grid = !(w.rows === 1 || w.cols === 1);
  if (grid) {
    if (w.rows !== actuals.rows || w.cols !== periods) {
      throw new SeError(
        'invalid',
        messages.custom(
          fn,
          `weights must be one row or column of ${periods} values, or ${actuals.rows}x${periods} (one profile per row of actuals); found ${w.rows}x${w.cols}`,
        ),
        fn,
        arg,
      );
    }
    const cache = new Map<number, number[]>();
    return (i) => {
      let row = cache.get(i);
      if (row === undefined) cache.set(i, (row = readWeights(fn, arg, w.data[i])));
      return row;
    };
  }
  const cells = w.rows === 1 ? w.data[0] : w.data.map((r) => r[0]);
  if (cells.length !== periods)
    throw new SeError(
      'invalid',
      messages.lengthMismatch(fn, arg, periods, 'one per period', cells.length),
      fn,
      arg,
    );
  const profile = readWeights(fn, arg, cells);
  return () => profile;
}
