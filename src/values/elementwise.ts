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
  /** True when the results are numbers (blanks aside): see numberRows. */
  numbers = false,
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
    // v === 0 ? 0: a -0 result reads 0 (see withoutNegativeZero).
    return typeof v === 'number' && !Number.isFinite(v)
      ? finiteResult(fn, v, describeCell({ rows, cols }, r, c))
      : v === 0
        ? 0
        : v;
  };

  // The fast path for the common case (the first two arguments ranges of numbers or single cells, the options
  // single cells): see fastRows.
  const fast = !fixedBlank && one[2] && one[3] && varying.every((k) => k < 2 && args[k].numeric === true);
  if (fast)
    return (numbers ? numberRows : textRows)(
      fn,
      rows,
      cols,
      one[0] ? null : mats[0],
      one[1] ? null : mats[1],
      fixed[0] as A,
      fixed[1] as B,
      fixed[2] as C,
      fixed[3] as D,
      compute,
      cellResult,
    );
  const out: (number | string)[][] = new Array(rows);
  for (let r = 0; r < rows; r++) {
    const line: (number | string)[] = new Array(cols);
    for (let c = 0; c < cols; c++) line[c] = cellResult(r, c);
    out[r] = line;
  }
  return out;
}

type Compute<A, B, C, D> = (a: A, b: B, c: C, d: D, row: number, col: number) => number | string;
type FastRows = <A, B, C, D>(
  fn: string,
  rows: number,
  cols: number,
  m0: Matrix | null,
  m1: Matrix | null,
  f0: A,
  f1: B,
  f2: C,
  f3: D,
  compute: Compute<A, B, C, D>,
  cellResult: (r: number, c: number) => number | string,
) => (number | string)[][];

/*
 * The loop of the fast path: the options are read once, plain numbers are checked inline and computed straight
 * away with locals (no per-cell writes into a shared array), and any other cell takes the full rule
 * (cellResult). It sits in functions of its own so that the engine keeps it optimised whatever happens in the
 * set-up, and there are two identical copies, one for functions that give numbers (SE_ATTAINMENT) and one for
 * those that give words (SE_STATUS): the engine learns per function which `compute` it calls and what its rows
 * hold, and a loop shared by both would call neither directly (a number handed back through an indirect call
 * is one allocation per cell) and would make rows that box every number.
 */

/** The fast loop for functions whose results are numbers (blanks aside). */
const numberRows: FastRows = (fn, rows, cols, m0, m1, f0, f1, f2, f3, compute, cellResult) => {
  const out: (number | string)[][] = new Array(rows);
  for (let r = 0; r < rows; r++) {
    const row0 = m0 === null ? null : m0.data[r];
    const row1 = m1 === null ? null : m1.data[r];
    const line: (number | string)[] = new Array(cols);
    for (let c = 0; c < cols; c++) {
      const x = row0 === null ? f0 : row0[c];
      const y = row1 === null ? f1 : row1[c];
      if (typeof x === 'number' && typeof y === 'number' && x - x === 0 && y - y === 0) {
        const v = compute(x as typeof f0, y as typeof f1, f2, f3, r, c);
        line[c] =
          typeof v === 'number' && v - v !== 0
            ? finiteResult(fn, v, describeCell({ rows, cols }, r, c))
            : v === 0
              ? 0
              : v;
      } else line[c] = cellResult(r, c);
    }
    out[r] = line;
  }
  return out;
};

/** The fast loop for functions whose results are words: the same loop as numberRows. */
const textRows: FastRows = (fn, rows, cols, m0, m1, f0, f1, f2, f3, compute, cellResult) => {
  const out: (number | string)[][] = new Array(rows);
  for (let r = 0; r < rows; r++) {
    const row0 = m0 === null ? null : m0.data[r];
    const row1 = m1 === null ? null : m1.data[r];
    const line: (number | string)[] = new Array(cols);
    for (let c = 0; c < cols; c++) {
      const x = row0 === null ? f0 : row0[c];
      const y = row1 === null ? f1 : row1[c];
      if (typeof x === 'number' && typeof y === 'number' && x - x === 0 && y - y === 0) {
        const v = compute(x as typeof f0, y as typeof f1, f2, f3, r, c);
        line[c] =
          typeof v === 'number' && v - v !== 0 ? finiteResult(fn, v, describeCell({ rows, cols }, r, c)) : v;
      } else line[c] = cellResult(r, c);
    }
    out[r] = line;
  }
  return out;
};

/** A placeholder fourth argument for functions with three. */
export const NO_ARG: ElementArg<null> = {
  name: '',
  value: undefined,
  expected: '',
  read: () => null,
  blank: null,
};
