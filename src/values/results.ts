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
