/**
 * Period series (a row or a column of monthly values in period order). Reported periods are the leading
 * non-blank cells; trailing blanks are periods still to come; a blank followed by a later value is an error.
 * A grid (more than one row and column) holds one series per row, periods across, as in the CSF Tracker.
 */
import { SeError } from './errors';
import { messages } from './messages';
import { isBlank, type Cell, type Matrix } from './matrix';
import { isFiniteNumber } from './numbers';
import { finiteResult } from './results';

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
    if (isFiniteNumber(v))
      throw new SeError('invalid', messages.periodGap(fn, arg, i + 1, j + 1, series), fn, arg);
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
      const expected = isBlank(v)
        ? 'numbers of at least 0 (enter 0 for a period with no weight)'
        : 'numbers of at least 0';
      throw new SeError('invalid', messages.expected(fn, arg, expected, v, `period ${i + 1}`), fn, arg);
    }
    out[i] = v;
    sum += v;
  }
  if (!(sum > 0))
    throw new SeError('invalid', messages.custom(fn, `${arg} must add up to more than 0`), fn, arg);
  return out;
}

export interface SeriesContext {
  /** The series' position among all series (0 for a single series). */
  index: number;
  /** How a message names the series (`row 3`), or null for a single series. */
  label: string | null;
  /** Cells per series: the default number of periods. */
  length: number;
}

/**
 * Runs `compute` over each series of a period argument, with the project's rules for missing data: a single
 * series with too few reported periods is a #N/A-style error; in a grid of series such a row gives a blank
 * result so one CSF without actuals yet does not hide the others. Returns [[x]] for one series and an n×1
 * column for a grid.
 */
export function mapSeries(
  fn: string,
  arg: string,
  m: Matrix,
  minReported: number,
  compute: (reported: number[], ctx: SeriesContext) => number | string,
): (number | string)[][] {
  const set = seriesOf(m);
  const out: (number | string)[][] = new Array(set.count);
  for (let i = 0; i < set.count; i++) {
    const label = set.label(i);
    const reported = readSeries(fn, arg, set.cells(i), label);
    if (reported.length < minReported) {
      if (set.single) {
        if (reported.length === 0) throw noReportedPeriod(fn, arg);
        throw new SeError(
          'notAvailable',
          messages.custom(
            fn,
            `${arg} needs at least ${minReported} reported periods; found ${reported.length}`,
          ),
          fn,
          arg,
        );
      }
      out[i] = [''];
      continue;
    }
    const v = compute(reported, { index: i, label, length: set.length });
    out[i] = [typeof v === 'number' ? finiteResult(fn, v, label) : v];
  }
  return out;
}

/** Checks that `periods` leaves room for every reported period. */
export function checkPeriods(fn: string, reported: number, periods: number, series: string | null): void {
  if (periods < reported)
    throw new SeError('invalid', messages.tooManyReported(fn, reported, periods, series), fn, 'periods');
}
