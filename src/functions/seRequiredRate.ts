import { requiredRate } from '../measures/periods';
import {
  checkPeriods,
  invalidCell,
  isBlank,
  isFiniteNumber,
  mapSeries,
  messages,
  readNumberOption,
  SeError,
  seriesLabel,
  seriesOf,
  toMatrix,
} from '../values';

/**
 * The average still needed in each remaining period to reach the target: (target − total so far) divided by
 * the periods left. 0 once the target is reached. Reported periods are the leading non-blank cells. A grid
 * is one series per row, with one target per row (a column) or one target for all.
 * @customfunction REQUIRED_RATE
 * @param actuals The actuals in period order: a row or a column, or a grid with one series per row.
 * @param target The target for the whole period (e.g. the annual target): a cell, or a column with one per row.
 * @param [periods] The number of periods in the whole (default: the number of cells per series).
 * @returns The required average per remaining period, per series.
 * @example =SE_REQUIRED_RATE(B2:H2, 1300, 12) with 80, 90, 100, 95, 110, 105, 120 returns 120
 */
export function SE_REQUIRED_RATE(actuals: any[][], target: any[][], periods?: any): any[][] {
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
  const count = given ?? set.length;
  return mapSeries(fn, 'actuals', a, 1, (values, reported, { index, series }) => {
    const r = perSeries ? index : 0;
    const goal = t.data[r][0];
    if (isBlank(goal)) return '';
    if (!isFiniteNumber(goal)) throw invalidCell(fn, 'target', 'a number', goal, t, r, 0);
    checkPeriods(fn, reported, count, series);
    if (reported === count) {
      const where = series === null ? '' : ` in ${seriesLabel(series)}`;
      throw new SeError(
        'invalid',
        messages.custom(fn, `no periods remain${where}: all ${count} are reported`),
        fn,
        'periods',
      );
    }
    return requiredRate(values, goal, count, reported);
  });
}
