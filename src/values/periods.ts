/**
 * Period series (a row or a column of monthly values in period order). Reported periods are the leading
 * non-blank cells; trailing blanks are periods still to come; a blank followed by a later value is an error.
 * A grid (more than one row and column) holds one series per row, periods across, as in the CSF Tracker.
 */
import { SeError } from './errors';
import { messages } from './messages';
import { isBlank, type Cell, type Matrix } from './matrix';
import { isFiniteNumber } from './numbers';

export interface SeriesSet {
  /** How many series the argument holds. */
  count: number;
  /** Periods per series (cells in the row or column). */
  length: number;
  /** True for a single row or column: one series, one result cell. */
  single: boolean;
  cells(index: number): readonly Cell[];
  /** How a message names series `index` (`row 3`), or null for a single series. */
  label(index: number): string | null;
}

export function seriesOf(m: Matrix): SeriesSet {
  if (m.rows === 1 || m.cols === 1) {
    const cells = m.rows === 1 ? m.data[0] : m.data.map((row) => row[0]);
    return { count: 1, length: cells.length, single: true, cells: () => cells, label: () => null };
  }
  return {
    count: m.rows,
    length: m.cols,
    single: false,
    cells: (i) => m.data[i],
    label: (i) => `row ${i + 1}`,
  };
}

/** The reported values of one series: its leading numbers. Empty when the series is all blank. */
export function readSeries(fn: string, arg: string, cells: readonly Cell[], series: string | null): number[] {
  const values: number[] = [];
  let i = 0;
  for (; i < cells.length; i++) {
    const v = cells[i];
    if (isFiniteNumber(v)) {
      values.push(v);
      continue;
    }
    if (isBlank(v)) break;
    throw new SeError('invalid', messages.expected(fn, arg, 'numbers', v, periodWhere(i, series)), fn, arg);
  }
  for (let j = i + 1; j < cells.length; j++) {
    const v = cells[j];
    if (isBlank(v)) continue;
    if (isFiniteNumber(v)) throw new SeError('invalid', messages.periodGap(fn, arg, i + 1, j + 1, series), fn, arg);
    throw new SeError('invalid', messages.expected(fn, arg, 'numbers', v, periodWhere(j, series)), fn, arg);
  }
  return values;
}

function periodWhere(index: number, series: string | null): string {
  return series === null ? `period ${index + 1}` : `period ${index + 1} of ${series}`;
}

/** The error for a single series with nothing reported yet (Excel shows #N/A). */
export function noReportedPeriod(fn: string, arg: string): SeError {
  return new SeError('notAvailable', messages.noReportedPeriod(fn, arg), fn, arg);
}

/** A weights profile (one value per period): numbers of at least 0, adding up to more than 0. */
export function readWeights(fn: string, arg: string, cells: readonly Cell[]): number[] {
  const out = new Array<number>(cells.length);
  let sum = 0;
  for (let i = 0; i < cells.length; i++) {
    const v = cells[i];
    if (!isFiniteNumber(v) || v < 0) {
      const expected = isBlank(v) ? 'numbers of at least 0 (enter 0 for a period with no weight)' : 'numbers of at least 0';
      throw new SeError('invalid', messages.expected(fn, arg, expected, v, `period ${i + 1}`), fn, arg);
    }
    out[i] = v;
    sum += v;
  }
  if (!(sum > 0)) throw new SeError('invalid', messages.custom(fn, `${arg} must add up to more than 0`), fn, arg);
  return out;
}
