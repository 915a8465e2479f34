/**
 * The last line of defence of the contract "a finite number or a clear error": inputs near the limits of
 * floating point (1e308) can overflow however careful the maths, and a silent Infinity or NaN in a cell is
 * the one outcome we never allow.
 */
import { SeError } from './errors';
import { messages } from './messages';

export function finiteResult(fn: string, value: number, where: string | null): number {
  if (Number.isFinite(value)) return value;
  throw new SeError('invalid', messages.tooLarge(fn, where), fn);
}

/**
 * Turns every -0 of a result into 0, in place: arithmetic on a blank-looking 0 (0 × -1, -0 typed or passed on)
 * gives -0, which some hosts show as "-0" and which compares differently under Object.is. Returns `cells`.
 */
export function withoutNegativeZero<T extends unknown[][]>(cells: T): T {
  for (const row of cells) {
    for (let c = 0; c < row.length; c++) if (row[c] === 0) row[c] = 0;
  }
  return cells;
}

/** The largest result a host can spill: past it the cell shows #SPILL! (Excel) or #REF! (Sheets), no words. */
export interface GridLimits {
  host: string;
  rows: number;
  cols: number;
  /** Sheets caps a whole spreadsheet at 10 million cells; a single result cannot be larger. */
  cells: number;
}

export const EXCEL_GRID: GridLimits = {
  host: 'Excel',
  rows: 1_048_576,
  cols: 16_384,
  cells: 1_048_576 * 16_384,
};
/** Sheets has no row limit of its own: the 10 million cells are the limit on rows. */
export const SHEETS_GRID: GridLimits = {
  host: 'Google Sheets',
  rows: Number.POSITIVE_INFINITY,
  cols: 18_278,
  cells: 10_000_000,
};

const grouped = (n: number): string => n.toLocaleString('en-US');

/**
 * Refuses a result that cannot fit the host's grid (e.g. a 1x20,000 row from an array expression, wider than
 * both hosts' columns), naming its shape and the limit, instead of the host's bare #SPILL! or #REF!.
 */
export function refuseOffGrid(fn: string, result: readonly unknown[][], limits: GridLimits): void {
  const rows = result.length;
  let cols = 0;
  for (const row of result) if (row.length > cols) cols = row.length;
  let over: string | null = null;
  if (cols > limits.cols) over = `wider than the ${grouped(limits.cols)} columns ${limits.host} has`;
  else if (rows > limits.rows) over = `taller than the ${grouped(limits.rows)} rows ${limits.host} has`;
  else if (rows * cols > limits.cells)
    over = `more than the ${grouped(limits.cells)} cells ${limits.host} allows`;
  if (over === null) return;
  throw new SeError(
    'invalid',
    `${fn}: the result would be ${rows}x${cols} (rows x columns), ${over}; give it fewer cells at once`,
    fn,
  );
}
