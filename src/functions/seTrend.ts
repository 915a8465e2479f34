import { TREND_DIRECTIONS, type Direction } from '../measures/direction';
import { trendOf } from '../measures/periods';
import {
  choiceList,
  invalidCell,
  isBlank,
  matchChoice,
  messages,
  readNumberOption,
  reportedIn,
  SeError,
  seriesOf,
  toMatrix,
  withoutNegativeZero,
} from '../values';

/**
 * Whether the latest periods are "Improving", "Steady" or "Worsening": the sign of the least-squares slope of
 * the last `window` reported values, where a slope under 2% of their mean per period counts as Steady and the
 * direction decides whether a rise is good. Over three values the slope is (last − first) / 2 and over two
 * their difference, compared as spreadsheets compare (to 15 significant digits): the same test as the CSF
 * Tracker's Trend column. Reported periods are the leading non-blank cells. A grid is one series per row (one
 * direction for all, or a column with one per row).
 * @customfunction TREND
 * @param values The values in period order: a row or a column, or a grid with one series per row.
 * @param [direction] "up" (default; a rise is improving) or "down" (a fall is improving); a cell or one per row.
 * @param [window] How many of the latest reported periods to look at (default 3, at least 2).
 * @returns "Improving", "Steady" or "Worsening" per series.
 * @example =SE_TREND(B2:H2) with 80, 90, 100, 95, 110, 105, 120 returns "Improving"
 */
export function SE_TREND(values: any[][], direction?: any[][], window?: any): any[][] {
  const fn = 'SE_TREND';
  const v = toMatrix(fn, 'values', values);
  const w = readNumberOption(fn, 'window', window, { min: 2, integer: true }, 3);
  const d = toMatrix(fn, 'direction', direction);
  const set = seriesOf(v);
  const seriesCount = set.count;
  const perSeries = !(d.rows === 1 && d.cols === 1);
  if (perSeries && (d.cols !== 1 || d.rows !== seriesCount)) {
    throw new SeError(
      'invalid',
      messages.custom(
        fn,
        `direction must be a single cell or a column of ${seriesCount} (one per series); found ${d.rows}x${d.cols}`,
      ),
      fn,
      'direction',
    );
  }
  const expected = choiceList(TREND_DIRECTIONS);
  const directionAt = (r: number): Direction => {
    const cell = d.data[r][0];
    if (isBlank(cell)) return 'up';
    const found = matchChoice(cell, TREND_DIRECTIONS);
    if (found === null) throw invalidCell(fn, 'direction', expected, cell, d, r, 0);
    return found;
  };
  // One direction for all is read once; a column of them, one per series.
  const forAll = perSeries ? null : directionAt(0);
  const out: string[][] = new Array(set.count);
  for (let i = 0; i < set.count; i++) {
    const cells = set.cells(i);
    const reported = reportedIn(fn, 'values', cells, set, i, 2);
    // reportedIn checked that the first `reported` cells are numbers.
    out[i] = [reported < 0 ? '' : trendOf(cells as readonly number[], forAll ?? directionAt(i), w, reported)];
  }
  return withoutNegativeZero(out);
}
