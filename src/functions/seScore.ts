import {
  broadcastShape,
  invalidCell,
  isBlank,
  numberBetween,
  readNumberOption,
  toMatrix,
  withoutNegativeZero,
} from '../values';

/**
 * Strategy-execution score: plan quality times execution effectiveness, from 0 to 100. A 9/10 plan executed
 * at 4/10 scores 36; a 6/10 plan executed at 8/10 scores 48. Takes single cells or whole ranges (a single
 * cell is applied to every cell of the other range); a blank cell gives a blank result.
 * @customfunction SCORE
 * @param plan Plan quality, from 0 to scale: a cell or a range.
 * @param execution Execution effectiveness, from 0 to scale: a cell or a range of the same shape.
 * @param [scale] The top of the rating scale (default 10; use 1 for ratings entered as percentages).
 * @returns The SE score from 0 to 100, one per cell.
 * @example =SE_SCORE(9, 4) returns 36; =SE_SCORE(0.9, 0.4, 1) returns 36
 */
export function SE_SCORE(plan: any[][], execution: any[][], scale?: any): any[][] {
  const fn = 'SE_SCORE';
  const s = readNumberOption(fn, 'scale', scale, { min: 0, minInclusive: false }, 10);
  const p = toMatrix(fn, 'plan', plan);
  const e = toMatrix(fn, 'execution', execution);
  const { rows, cols } = broadcastShape(fn, [
    { name: 'plan', matrix: p },
    { name: 'execution', matrix: e },
  ]);
  const pOne = p.rows === 1 && p.cols === 1;
  const eOne = e.rows === 1 && e.cols === 1;
  // p·e·100/s/s keeps whole-number scores exact (9 × 4 is 36, not 36.00000000000001); for extreme scales,
  // where p·e would overflow or vanish, divide each rating by the scale first.
  // Where 100/s² is a whole number (scales 10, 5, 2, 1) one multiplication is just as exact, and fastest.
  const exactForm = s >= 1e-100 && s <= 1e100;
  const factor = 100 / (s * s);
  const multiply = exactForm && Number.isInteger(factor);
  const out: (number | string)[][] = new Array(rows);
  for (let r = 0; r < rows; r++) {
    const pRow = p.data[pOne ? 0 : r];
    const eRow = e.data[eOne ? 0 : r];
    const line: (number | string)[] = new Array(cols);
    for (let c = 0; c < cols; c++) {
      const pv = pRow[pOne ? 0 : c];
      const ev = eRow[eOne ? 0 : c];
      if (typeof pv === 'number' && typeof ev === 'number' && pv >= 0 && pv <= s && ev >= 0 && ev <= s) {
        line[c] = multiply
          ? pv * ev * factor
          : exactForm
            ? (pv * ev * 100) / s / s
            : (pv / s) * (ev / s) * 100;
        continue;
      }
      if (isBlank(pv) || isBlank(ev)) {
        checkRating(fn, 'plan', pv, s, p, pOne ? 0 : r, pOne ? 0 : c);
        checkRating(fn, 'execution', ev, s, e, eOne ? 0 : r, eOne ? 0 : c);
        line[c] = '';
        continue;
      }
      checkRating(fn, 'plan', pv, s, p, pOne ? 0 : r, pOne ? 0 : c);
      checkRating(fn, 'execution', ev, s, e, eOne ? 0 : r, eOne ? 0 : c);
    }
    out[r] = line;
  }
  return withoutNegativeZero(out);
}

/** Throws the message for a rating that is neither blank nor a number from 0 to scale. */
function checkRating(
  fn: string,
  arg: string,
  v: unknown,
  s: number,
  m: { rows: number; cols: number },
  r: number,
  c: number,
): void {
  if (isBlank(v) || (typeof v === 'number' && v >= 0 && v <= s)) return;
  throw invalidCell(fn, arg, numberBetween(0, s), v, m, r, c);
}
