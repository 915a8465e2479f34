/** How a cell value and a cell's position are named in messages. */

const MAX_TEXT = 40;

/** What was found, as a user would recognise it: `"n/a"`, `TRUE`, `a blank`, `a date (2026-03-01)`. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return 'a blank';
  if (typeof value === 'string') {
    const shown = value.length > MAX_TEXT ? `${cutText(value, MAX_TEXT)}…` : value;
    return JSON.stringify(shown);
  }
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN (not a number)';
    if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? 'an invalid date' : `a date (${value.toISOString().slice(0, 10)})`;
  }
  if (Array.isArray(value)) return 'a range';
  return `a value of type ${typeof value}`;
}

/**
 * The first `max` UTF-16 units of `text`, one fewer when the cut would split a surrogate pair (an emoji or
 * another character beyond U+FFFF): half a pair is not a character and shows as a replacement sign.
 */
function cutText(text: string, max: number): string {
  const last = text.charCodeAt(max - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}

/**
 * A computed number as a spreadsheet shows it: to 15 significant digits, so 0.06 × 12 − 0.66 reads 0.06, not
 * 0.05999999999999994.
 */
export function describeFigure(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(15))) : describeValue(value);
}

export interface Shape {
  rows: number;
  cols: number;
}

export function describeShape(shape: Shape): string {
  return `${shape.rows}x${shape.cols}`;
}

/**
 * Where a cell sits inside an argument, counted from 1 inside the range the user selected: a column range
 * speaks of rows, a row range of columns, a grid of both, and a single cell of nothing (null).
 */
export function describeCell(shape: Shape, row: number, col: number): string | null {
  if (shape.rows === 1 && shape.cols === 1) return null;
  if (shape.cols === 1) return `row ${row + 1}`;
  if (shape.rows === 1) return `column ${col + 1}`;
  return `row ${row + 1}, column ${col + 1}`;
}
