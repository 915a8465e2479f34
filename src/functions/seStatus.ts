import { DIRECTIONS, directionOrUndefined, type Direction } from '../measures/direction';
import { statusOf } from '../measures/status';
import { choiceList, elementwise, finiteOrUndefined, isFiniteNumber } from '../values';

/**
 * Status of an actual against its target: "On track", "At risk" or "Off track". For direction "up" (more is
 * better) an actual at or above target is on track and one within the tolerance below it is at risk; "down"
 * (less is better) mirrors that; "range" is on track within the tolerance either side and at risk within
 * twice it; bands are measured against |target|, so a negative target keeps its band on the bad side. Values
 * are compared as spreadsheets compare them, to 15 significant digits, so the result agrees with the same
 * test written in a cell and with the CSF Tracker's Status column at the band edges. Every argument may be a
 * range of the same shape, or a single cell applied to all.
 * @customfunction STATUS
 * @param actual The actual value(s): a cell or a range.
 * @param target The target value(s): a cell or a range of the same shape.
 * @param [direction] "up" (default), "down" or "range": which way is good, per cell or for all.
 * @param [tolerance] How far from target still counts as at risk, as a share of the target (default 0.1, i.e. 10%).
 * @returns "On track", "At risk" or "Off track" per cell; blank where actual or target is blank.
 * @example =SE_STATUS(95, 100) returns "At risk"; =SE_STATUS(95, 100, "down") returns "On track"
 * @example =SE_STATUS(1.38, 1.84, "up", 0.25) returns "At risk" (1.84 × 0.75 is 1.38); =SE_STATUS(1.1, 1, "range", 0.1) returns "On track"
 */
export function SE_STATUS(
  actual: any[][],
  target: any[][],
  direction?: any[][],
  tolerance?: any[][],
): any[][] {
  return elementwise(
    'SE_STATUS',
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
      {
        name: 'tolerance',
        value: tolerance,
        expected: 'a number from 0 to 1',
        read: readTolerance,
        blank: 0.1,
      },
    ],
    statusOf,
  );
}

function readTolerance(v: unknown): number | undefined {
  return isFiniteNumber(v) && v >= 0 && v <= 1 ? v : undefined;
}
