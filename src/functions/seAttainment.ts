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
 * Attainment of an actual against its target as a ratio, where 1 means exactly on target and above 1 always
 * means better than target, whatever the sign of the target. Direction "up" (more is better): actual/target
 * for a positive target; for a negative target (a planned loss or cash burn) 1 + (actual − target)/|target|, so
 * a burn of 80 against a planned 100 (−80 vs −100) is 1.2. Direction "down" (less is better): target/actual
 * when both are positive, otherwise 1 − (actual − target)/|target| (so an actual of 0 against 100 is 2).
 * Direction "range": 1 − |actual − target|/|target|. A target of 0 has no attainment and is an error. Every
 * argument may be a range of the same shape, or a single cell applied to all.
 * @customfunction ATTAINMENT
 * @param actual The actual value(s): a cell or a range.
 * @param target The target value(s), not 0: a cell or a range of the same shape.
 * @param [direction] "up" (default), "down" or "range": which way is good, per cell or for all.
 * @returns The attainment ratio per cell (format as %); blank where actual or target is blank.
 * @example =SE_ATTAINMENT(90, 100) returns 0.9; =SE_ATTAINMENT(80, 100, "down") returns 1.25
 * @example =SE_ATTAINMENT(-80, -100) returns 1.2 and =SE_ATTAINMENT(-120, -100) returns 0.8 (cash burn planned at 100)
 */
export function SE_ATTAINMENT(actual: any[][], target: any[][], direction?: any[][]): any[][] {
  const fn = 'SE_ATTAINMENT';
  try {
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
      attainmentCell,
      true,
    );
  } catch (e) {
    if (!(e instanceof ZeroTarget)) throw e;
    // Only a zero target has no attainment: name its cell.
    const m = toMatrix(fn, 'target', target);
    const where = m.rows === 1 && m.cols === 1 ? null : describeCell(m, e.row, e.col);
    const why = 'attainment compares the actual with the target, and a target of 0 gives no ratio';
    throw new SeError('invalid', messages.zeroDenominator(fn, 'target', why, where), fn, 'target');
  }
}

/** Where a target of 0 was met; SE_ATTAINMENT turns it into the message. */
class ZeroTarget {
  constructor(
    readonly row: number,
    readonly col: number,
  ) {}
}

/** One cell's attainment (a function of the module, not a closure per call: the loop calls it directly). */
function attainmentCell(a: number, t: number, d: Direction, _none: null, r: number, c: number): number {
  const ratio = attainmentOf(a, t, d);
  if (ratio === null) throw new ZeroTarget(r, c);
  return ratio;
}
