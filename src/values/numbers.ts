/** Reading numbers out of cells: only real, finite numbers count; text that looks like a number does not. */
import { describeCell, type Shape } from './describe';
import { SeError } from './errors';
import { messages } from './messages';

export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** The error for a cell that is not what `expected` describes. */
export function invalidCell(
  fn: string,
  arg: string,
  expected: string,
  value: unknown,
  shape: Shape,
  row: number,
  col: number,
): SeError {
  return new SeError(
    'invalid',
    messages.expected(fn, arg, expected, value, describeCell(shape, row, col)),
    fn,
    arg,
  );
}

/** A description of a closed number range for messages: `a number from 0 to 10`. */
export function numberBetween(min: number, max: number): string {
  return `a number from ${min} to ${max}`;
}

/** A cell reader for element-wise arguments: the number, or undefined when the cell is not a finite number. */
export function finiteOrUndefined(v: unknown): number | undefined {
  return isFiniteNumber(v) ? v : undefined;
}
