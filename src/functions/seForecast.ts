import { phasedForecast, runRateForecast, trendForecast } from '../measures/periods';
import {
  checkPeriods,
  mapSeries,
  messages,
  readChoiceOption,
  readNumberOption,
  readWeights,
  SeError,
  seriesLabel,
  seriesOf,
  toMatrix,
  type Matrix,
} from '../values';

const METHODS = ['runrate', 'trend', 'phased'] as const;

/**
 * Projected total for the whole period (e.g. the year) from the periods reported so far. "runrate": the
 * average so far times the number of periods. "trend": the total so far plus the least-squares line of the
 * reported values over the periods to come (as TREND/FORECAST.LINEAR). "phased": the total so far divided by
 * the share of the target profile (weights, e.g. the monthly targets) that has elapsed. Reported periods are
 * the leading non-blank cells; trailing blanks are periods still to come. A grid is one series per row
 * (months across, as in the CSF Tracker) and spills one forecast per row.
 * @customfunction FORECAST
 * @param actuals The actuals in period order: a row or a column, or a grid with one series per row.
 * @param [periods] The number of periods in the whole (default: the number of cells per series).
 * @param [method] "runrate" (default), "trend" or "phased".
 * @param [weights] For "phased": the target profile, one value per period (a row or column, or a grid like actuals).
 * @returns The projected total per series.
 * @example =SE_FORECAST(B2:H2, 12) with 80, 90, 100, 95, 110, 105, 120 returns 1200; with "trend" about 1371.43
 */
export function SE_FORECAST(actuals: any[][], periods?: any, method?: any, weights?: any[][]): any[][] {
  const fn = 'SE_FORECAST';
  const a = toMatrix(fn, 'actuals', actuals);
  const how = readChoiceOption(fn, 'method', method, METHODS, 'runrate');
  const given = readNumberOption(fn, 'periods', periods, { min: 1, integer: true }, null);
  const count = given ?? seriesOf(a).length;
  const profile = how === 'phased' ? weightsFor(fn, a, weights, count) : null;
  return mapSeries(fn, 'actuals', a, 1, (values, reported, { index, series }) => {
    checkPeriods(fn, reported, count, series);
    if (how === 'runrate') return runRateForecast(values, count, reported);
    if (how === 'trend') return trendForecast(values, count, reported);
    const result = phasedForecast(values, (profile as (i: number) => number[])(index), reported);
    if (result === null) {
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
    return result;
  });
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
