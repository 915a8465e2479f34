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
import { readChoiceOption } from './options';
import type { Aggregation } from '../measures/measure';

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
 * the rest are blanks. The reported values are then the first `n` cells, used in place with no copy. Each
 * cell is read once; the messages are built only on the way to an error.
 */
export function readSeries(
  fn: string,
  arg: string,
  cells: readonly Cell[],
  seriesIndex: number | null,
): number {
  const length = cells.length;
  let n = 0;
  while (n < length) {
    const v = cells[n];
    if (typeof v !== 'number' || v - v !== 0) break;
    n++;
  }
  for (let j = n; j < length; j++) {
    const v = cells[j];
    if (v === '' || v === null || v === undefined) continue;
    throw seriesError(fn, arg, cells, n, j, seriesIndex);
  }
  return n;
}

/** The error for cell `j` of a series whose leading run of numbers ends at `n` (j ≥ n, cell j not blank). */
function seriesError(
  fn: string,
  arg: string,
  cells: readonly Cell[],
  n: number,
  j: number,
  seriesIndex: number | null,
): SeError {
  const v = cells[j];
  const series = seriesLabel(seriesIndex);
  if (j > n && isFiniteNumber(v))
    return new SeError('invalid', messages.periodGap(fn, arg, n + 1, j + 1, series), fn, arg);
  return new SeError('invalid', messages.expected(fn, arg, 'numbers', v, periodWhere(j, series)), fn, arg);
}

function periodWhere(index: number, series: string | null): string {
  return series === null ? `period ${index + 1}` : `period ${index + 1} of ${series}`;
}

/** The error for a single series with nothing reported yet (Excel shows #N/A). */
export function noReportedPeriod(fn: string, arg: string): SeError {
  return new SeError('notAvailable', messages.noReportedPeriod(fn, arg), fn, arg);
}

/** The aggregation words of SE_FORECAST and SE_REQUIRED_RATE (SPEC §0), as typed in a formula. */
export const AGGREGATION_WORDS = ['sum', 'average', 'last'] as const;

/** The `aggregation` option: "sum" (default), "average" or "last", as the measure model names them. */
export function readAggregation(fn: string, value: unknown): Aggregation {
  const word = readChoiceOption(fn, 'aggregation', value, AGGREGATION_WORDS, 'sum');
  return word === 'sum' ? 'Sum' : word === 'average' ? 'Average' : 'Last';
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

/**
 * How many periods of series `index` of `set` are reported (see readSeries), with the project's rules for
 * missing data: a single series with fewer than `minReported` is a #N/A-style error; in a grid of series such a
 * row gives a blank result (-1 here) so one CSF without actuals yet does not hide the others.
 *
 * The period functions loop over their series themselves (one result row per series: [[x]] for one series, an
 * n×1 column for a grid), so the engine sees one computation per loop and calls it directly; a loop shared
 * through a callback would call each function's computation indirectly and box every number it returns.
 */
export function reportedIn(
  fn: string,
  arg: string,
  cells: readonly Cell[],
  set: SeriesSet,
  index: number,
  minReported: number,
): number {
  const reported = readSeries(fn, arg, cells, set.single ? null : index);
  if (reported >= minReported) return reported;
  if (!set.single) return -1;
  if (reported === 0) throw noReportedPeriod(fn, arg);
  throw new SeError(
    'notAvailable',
    messages.custom(fn, `${arg} needs at least ${minReported} reported periods; found ${reported}`),
    fn,
    arg,
  );
}

/** A series' number as a result cell, or the "too large" message for one that is not finite. */
export function seriesNumber(fn: string, value: number, set: SeriesSet, index: number): number {
  return value - value === 0 ? value : finiteResult(fn, value, seriesLabel(set.single ? null : index));
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
