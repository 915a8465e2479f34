/**
 * Arithmetic and comparison as spreadsheets do them, so the core and the tracker's formulas agree at band
 * edges. Excel and LibreOffice treat two numbers that agree to about 15 significant digits as equal: in a
 * cell, 1.84*0.75>=1.38 is TRUE although in JavaScript 1.84 * 0.75 is 1.3800000000000001. LibreOffice's rule
 * (rtl::math::approxEqual) is a relative difference under 2^-48 (about 3.6e-15); its `-` and `+` return an
 * exact 0 for such a pair. Every comparison and subtraction the tracker's formulas make has its twin here.
 */

const E48 = 1 / 2 ** 48;
const E44 = E48 * 16;

/** Whether a spreadsheet would call the two numbers equal (to about 15 significant digits). */
export function approxEqual(a: number, b: number): boolean {
  if (a === b) return true;
  if (a === 0 || b === 0) return false;
  const d = Math.abs(a - b);
  if (!Number.isFinite(d)) return false;
  const aa = Math.abs(a);
  const ab = Math.abs(b);
  if (d > aa * E44 || d > ab * E44) return false;
  // Two different integers that doubles hold exactly are never equal.
  if (Number.isSafeInteger(d) && Number.isSafeInteger(aa) && Number.isSafeInteger(ab)) return false;
  return d < aa * E48 && d < ab * E48;
}

/** `a>=b` in a cell. */
export function atLeast(a: number, b: number): boolean {
  return a > b || approxEqual(a, b);
}

/** `a<=b` in a cell. */
export function atMost(a: number, b: number): boolean {
  return a < b || approxEqual(a, b);
}

/** `a<b` in a cell. */
export function below(a: number, b: number): boolean {
  return a < b && !approxEqual(a, b);
}

/** `a>b` in a cell. */
export function above(a: number, b: number): boolean {
  return a > b && !approxEqual(a, b);
}

/** `a-b` in a cell: an exact 0 when the two are equal to 15 digits. */
export function sheetSub(a: number, b: number): number {
  if (((a < 0 && b < 0) || (a > 0 && b > 0)) && approxEqual(a, b)) return 0;
  return a - b;
}

/** `a+b` in a cell: an exact 0 when one is minus the other to 15 digits. */
export function sheetAdd(a: number, b: number): number {
  if (((a < 0 && b > 0) || (b < 0 && a > 0)) && approxEqual(a, -b)) return 0;
  return a + b;
}
