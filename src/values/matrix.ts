/**
 * Ranges as the core sees them. Hosts hand a custom function either a scalar (Sheets, for one cell) or a 2-D
 * array (a range; Excel always, since our parameters are declared as matrices). Both become a `Matrix` without
 * copying the cells, so a million-cell range costs no more than the loop over it.
 */
import { SeError } from './errors';
import type { Shape } from './describe';
import { messages } from './messages';

export type Cell = unknown;

export interface Matrix extends Shape {
  /** Row-major cells; for a scalar argument, one row of one cell. */
  readonly data: readonly (readonly Cell[])[];
  /** True when the argument arrived as a single value rather than a range. */
  readonly scalar: boolean;
}

export function isBlank(value: Cell): boolean {
  return value === '' || value === null || value === undefined;
}

/** Optional arguments arrive as `undefined` (Sheets), `null` (Excel) or an empty cell. */
export function isOmitted(value: unknown): boolean {
  if (Array.isArray(value))
    return value.length === 1 && Array.isArray(value[0]) && value[0].length === 1 && isBlank(value[0][0]);
  return isBlank(value);
}

export function toMatrix(fn: string, arg: string, value: unknown): Matrix {
  if (!Array.isArray(value)) return { rows: 1, cols: 1, data: [[value]], scalar: true };
  if (value.length === 0) throw new SeError('invalid', messages.emptyRange(fn, arg), fn, arg);
  // A 1-D array is a row of cells (some callers pass one); a 2-D array is rows of cells.
  if (!Array.isArray(value[0])) {
    if (value.some((v) => Array.isArray(v))) throw new SeError('invalid', messages.ragged(fn, arg), fn, arg);
    return { rows: 1, cols: value.length, data: [value], scalar: false };
  }
  const cols = (value[0] as unknown[]).length;
  if (cols === 0) throw new SeError('invalid', messages.emptyRange(fn, arg), fn, arg);
  for (let r = 1; r < value.length; r++) {
    const row = value[r];
    if (!Array.isArray(row) || row.length !== cols)
      throw new SeError('invalid', messages.ragged(fn, arg), fn, arg);
  }
  return { rows: value.length, cols, data: value as Cell[][], scalar: false };
}

export function isSingleCell(m: Shape): boolean {
  return m.rows === 1 && m.cols === 1;
}

/** True for a single row or a single column (a 1x1 counts as both). */
export function isVector(m: Shape): boolean {
  return m.rows === 1 || m.cols === 1;
}

export interface NamedMatrix {
  name: string;
  matrix: Matrix;
}

/**
 * The shape of an element-wise result: every argument has the same shape, or is a single cell applied to
 * every cell of the others. The message names the first two arguments that disagree.
 */
export function broadcastShape(fn: string, args: readonly NamedMatrix[]): Shape {
  let shape: Shape = { rows: 1, cols: 1 };
  let owner: NamedMatrix | null = null;
  for (const a of args) {
    if (isSingleCell(a.matrix)) continue;
    if (owner === null) {
      owner = a;
      shape = { rows: a.matrix.rows, cols: a.matrix.cols };
    } else if (a.matrix.rows !== shape.rows || a.matrix.cols !== shape.cols) {
      throw new SeError(
        'invalid',
        messages.shapeMismatch(fn, owner.name, shape, a.name, a.matrix),
        fn,
        a.name,
      );
    }
  }
  return shape;
}

/** The cells of a row or a column in order, without copying the row of a row vector. */
export function vectorCells(m: Matrix): readonly Cell[] {
  if (m.rows === 1) return m.data[0];
  const out = new Array<Cell>(m.rows);
  for (let r = 0; r < m.rows; r++) out[r] = m.data[r][0];
  return out;
}

/** A rows x cols matrix of blanks, for a result whose inputs were all blank. */
export function blankMatrix(rows: number, cols: number): string[][] {
  const out: string[][] = new Array(rows);
  for (let r = 0; r < rows; r++) out[r] = new Array<string>(cols).fill('');
  return out;
}
