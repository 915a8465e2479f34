/**
 * The loop shared by the element-wise functions (SE_STATUS, SE_ATTAINMENT): broadcast the arguments, read
 * each cell once, validate with messages that name the argument and the cell, and compute.
 */
import { broadcastShape, isBlank, toMatrix, type Matrix } from './matrix';
import { describeCell } from './describe';
import { invalidCell } from './numbers';
import { finiteResult } from './results';

export interface ElementArg<T> {
  name: string;
  value: unknown;
  /** What a valid cell is, for the message. */
  expected: string;
  /** The cell's value, or undefined when the cell is not valid. Blank cells are handled before this. */
  read(cell: unknown): T | undefined;
  /** The value a blank cell stands for; undefined means a blank makes the result blank. */
  blank?: T;
  /** True when `read` accepts exactly the finite numbers: lets the loop check such cells inline. */
  numeric?: boolean;
}

export function elementwise<A, B, C, D>(
  fn: string,
  args: readonly [ElementArg<A>, ElementArg<B>, ElementArg<C>, ElementArg<D>],
  compute: (a: A, b: B, c: C, d: D, row: number, col: number) => number | string,
): (number | string)[][] {
  const mats: Matrix[] = args.map((a) => toMatrix(fn, a.name, a.value));
  const { rows, cols } = broadcastShape(
    fn,
    mats.map((m, i) => ({ name: args[i].name, matrix: m })),
  );
  // A single cell applies to every cell of the others: read and check it once, not once per cell.
  const one = mats.map((m) => m.rows === 1 && m.cols === 1);
  const fixed: unknown[] = [undefined, undefined, undefined, undefined];
  let fixedBlank = false;
  for (let k = 0; k < 4; k++) {
    if (!one[k]) continue;
    const cell = mats[k].data[0][0];
    const arg = args[k] as ElementArg<unknown>;
    if (isBlank(cell)) {
      if (arg.blank === undefined) fixedBlank = true;
      else fixed[k] = arg.blank;
      continue;
    }
    const v = arg.read(cell);
    if (v === undefined) throw invalidCell(fn, arg.name, arg.expected, cell, mats[k], 0, 0);
    fixed[k] = v;
  }
  const varying = [0, 1, 2, 3].filter((k) => !one[k]);
  const vals = fixed.slice();

  // The whole per-cell rule: blanks, reading, messages naming the cell, and the finite-result guard.
  const cellResult = (r: number, c: number): number | string => {
    let blank = fixedBlank;
    for (let i = 0; i < varying.length; i++) {
      const k = varying[i];
      const cell = mats[k].data[r][c];
      const arg = args[k] as ElementArg<unknown>;
      if (isBlank(cell)) {
        if (arg.blank === undefined) blank = true;
        else vals[k] = arg.blank;
        continue;
      }
      const v = arg.read(cell);
      if (v === undefined) throw invalidCell(fn, arg.name, arg.expected, cell, mats[k], r, c);
      vals[k] = v;
    }
    if (blank) return '';
    const v = compute(vals[0] as A, vals[1] as B, vals[2] as C, vals[3] as D, r, c);
    return typeof v === 'number' && !Number.isFinite(v)
      ? finiteResult(fn, v, describeCell({ rows, cols }, r, c))
      : v;
  };

  const out: (number | string)[][] = new Array(rows);
  // The fast path for the common case (one or two ranges of numbers, options as single cells): plain
  // numbers are checked inline and computed straight away; any other cell takes the full rule above.
  const fast = !fixedBlank && varying.length <= 2 && varying.every((k) => args[k].numeric === true);
  if (fast) {
    const k0 = varying.length > 0 ? varying[0] : -1;
    const k1 = varying.length > 1 ? varying[1] : -1;
    for (let r = 0; r < rows; r++) {
      const row0 = k0 < 0 ? null : mats[k0].data[r];
      const row1 = k1 < 0 ? null : mats[k1].data[r];
      const line: (number | string)[] = new Array(cols);
      for (let c = 0; c < cols; c++) {
        const x = row0 === null ? 0 : row0[c];
        const y = row1 === null ? 0 : row1[c];
        if (typeof x === 'number' && typeof y === 'number' && x - x === 0 && y - y === 0) {
          if (k0 >= 0) vals[k0] = x;
          if (k1 >= 0) vals[k1] = y;
          const v = compute(vals[0] as A, vals[1] as B, vals[2] as C, vals[3] as D, r, c);
          line[c] =
            typeof v === 'number' && v - v !== 0
              ? finiteResult(fn, v, describeCell({ rows, cols }, r, c))
              : v;
        } else line[c] = cellResult(r, c);
      }
      out[r] = line;
    }
    return out;
  }
  for (let r = 0; r < rows; r++) {
    const line: (number | string)[] = new Array(cols);
    for (let c = 0; c < cols; c++) line[c] = cellResult(r, c);
    out[r] = line;
  }
  return out;
}

/** A placeholder fourth argument for functions with three. */
export const NO_ARG: ElementArg<null> = {
  name: '',
  value: undefined,
  expected: '',
  read: () => null,
  blank: null,
};
