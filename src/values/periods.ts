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
}

/** How a message names series `index` of a grid (`row 3`); null for a single series. Built only for messages. */
export function seriesLabel(index: number | null): string | null {
  return index === null ? null : `row ${index + 1}`;
}

export function seriesOf(m: Matrix): SeriesSet {
  if (m.rows === 1 || m.cols === 1) {
    const cells = m.rows === 1 ? m.data[0] : m.data.map((row) => row[0]);
    return { count: 1, length: cells.length, single: true, cells: () => cells };
  }
  return {
    count: m.rows,
    length: m.cols,
    single: false,
    cells: (i) => m.data[i],
  };
}

/**
 * How many periods of one series are reported: its leading numbers (0 when it is all blank), after checking
 * the rest are blanks. The reported values are then the first `n` cells, used in place with no copy.
 */
export function readSeries(
  fn: string,
  arg: string,
  cells: readonly Cell[],
  seriesIndex: number | null,
): number {
  let n = 0;
  while (n < cells.length && isFiniteNumber(cells[n])) n++;
  if (n < cells.length && !isBlank(cells[n])) {
    throw new SeError(
      'invalid',
      messages.expected(fn, arg, 'numbers', cells[n], periodWhere(n, seriesLabel(seriesIndex))),
      fn,
      arg,
    );
  }
  for (let j = n + 1; j < cells.length; j++) {
    const v = cells[j];
    if (isBlank(v)) continue;
    if (isFiniteNumber(v))
      throw new SeError(
        'invalid',
        messages.periodGap(fn, arg, n + 1, j + 1, seriesLabel(seriesIndex)),
        fn,
        arg,
      );
    throw new SeError(
      'invalid',
      messages.expected(fn, arg, 'numbers', v, periodWhere(j, seriesLabel(seriesIndex))),
      fn,
      arg,
    );
  }
  return n;
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
  /** The series' index in a grid, or null for a single series (see seriesLabel). */
  series: number | null;
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
  compute: (values: readonly number[], reported: number, ctx: SeriesContext) => number | string,
): (number | string)[][] {
  const set = seriesOf(m);
  const out: (number | string)[][] = new Array(set.count);
  for (let i = 0; i < set.count; i++) {
    const series = set.single ? null : i;
    const cells = set.cells(i);
    const reported = readSeries(fn, arg, cells, series);
    if (reported < minReported) {
      if (set.single) {
        if (reported === 0) throw noReportedPeriod(fn, arg);
        throw new SeError(
          'notAvailable',
          messages.custom(fn, `${arg} needs at least ${minReported} reported periods; found ${reported}`),
          fn,
          arg,
        );
      }
      out[i] = [''];
      continue;
    }
    // readSeries checked that the first `reported` cells are numbers.
    const v = compute(cells as readonly number[], reported, { index: i, series, length: set.length });
    out[i] = [typeof v === 'number' && v - v !== 0 ? finiteResult(fn, v, seriesLabel(series)) : v];
  }
  return out;
}

/** Checks that `periods` leaves room for every reported period. */
export function checkPeriods(fn: string, reported: number, periods: number, series: number | null): void {
  if (periods < reported) {
    throw new SeError(
      'invalid',
      messages.tooManyReported(fn, reported, periods, seriesLabel(series)),
      fn,
      'periods',
    );
  }
}
