import { DIRECTIONS, directionOrUndefined, type Direction } from '../measures/direction';
import { attainmentOf } from '../measures/status';
import {
  choiceList,
  describeCell,
  elementwise,
  finiteOrUndefined,
  NO_ARG,
  SeError,
  messages,
  toMatrix,
} from '../values';

/**
 * Attainment of an actual against its target as a ratio, where 1 means exactly on target: actual/target
 * for direction "up", target/actual for "down", and 1 − |actual − target| / |target| for "range". Every
 * argument may be a range of the same shape, or a single cell applied to all.
 * @customfunction ATTAINMENT
 * @param actual The actual value(s): a cell or a range.
 * @param target The target value(s): a cell or a range of the same shape.
 * @param [direction] "up" (default), "down" or "range": which way is good, per cell or for all.
 * @returns The attainment ratio per cell (format as %); blank where actual or target is blank.
 * @example =SE_ATTAINMENT(90, 100) returns 0.9; =SE_ATTAINMENT(80, 100, "down") returns 1.25
 */
export function SE_ATTAINMENT(actual: any[][], target: any[][], direction?: any[][]): any[][] {
  const fn = 'SE_ATTAINMENT';
  return elementwise(
    fn,
    [
      { name: 'actual', value: actual, expected: 'a number', read: finiteOrUndefined, numeric: true },
      { name: 'target', value: target, expected: 'a number', read: finiteOrUndefined, numeric: true },
      {
        name: 'direction',
        value: direction,
        expected: choiceList(DIRECTIONS),
        read: directionOrUndefined,
        blank: 'up' as Direction,
      },
      NO_ARG,
    ],
    (a, t, d, _none, r, c) => {
      const ratio = attainmentOf(a, t, d);
      if (ratio !== null) return ratio;
      // Name the cell that holds the zero: the target for up/range, the actual for down.
      const arg = d === 'down' ? 'actual' : 'target';
      const m = toMatrix(fn, arg, arg === 'actual' ? actual : target);
      const where = m.rows === 1 && m.cols === 1 ? null : describeCell(m, r, c);
      const why =
        d === 'down'
          ? 'attainment for direction "down" is target / actual'
          : `attainment for direction "${d}" divides by the target`;
      throw new SeError('invalid', messages.zeroDenominator(fn, arg, why, where), fn, arg);
    },
  );
}
