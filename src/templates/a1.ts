/** A1 notation for 0-based positions: what template formulas and the adapters speak. */
import type { CellRange } from './sheetPlan';

export function columnLetter(col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function a1(row: number, col: number, absolute = false): string {
  return absolute ? `$${columnLetter(col)}$${row + 1}` : `${columnLetter(col)}${row + 1}`;
}

export function rangeA1(r: CellRange, absolute = false): string {
  const start = a1(r.row, r.col, absolute);
  if (r.rows === 1 && r.cols === 1) return start;
  return `${start}:${a1(r.row + r.rows - 1, r.col + r.cols - 1, absolute)}`;
}

/** A sheet name as formulas quote it: 'CSF Tracker (2)'!A1. */
export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}
