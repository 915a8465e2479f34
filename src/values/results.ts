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
