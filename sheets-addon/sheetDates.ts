/**
 * Sheets hands a custom function a date cell as a Date at midnight on the spreadsheet's clock: a 2026-03-01
 * cell in a Paris spreadsheet arrives as 2026-02-28T23:00Z, and a message built from its UTC day would name the
 * wrong day. Dates are never valid input to SE Toolkit's functions, so they only ever reach a message; this
 * turns each Date argument into the Date whose UTC reading is the spreadsheet's wall clock, so the message
 * names the day the user sees.
 */

/** Formats a Date on a time zone's clock as `yyyy-MM-dd'T'HH:mm:ss.SSS` (Apps Script's Utilities.formatDate). */
export type WallClock = (date: Date) => string;

export const WALL_CLOCK_PATTERN = "yyyy-MM-dd'T'HH:mm:ss.SSS";

/** Not `instanceof Date`: Apps Script's host objects and a test's vm come from other realms. */
function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

function local(date: Date, wallClock: WallClock): Date {
  if (Number.isNaN(date.getTime())) return date;
  const parsed = Date.parse(`${wallClock(date)}Z`);
  return Number.isNaN(parsed) ? date : new Date(parsed);
}

/**
 * The arguments with every Date (a single cell, or inside a range's rows) on the spreadsheet's clock, or null
 * when there is no Date among them. `wallClock` is asked only when a Date is found (a service call in Sheets).
 */
export function withWallClockDates(args: readonly unknown[], wallClock: () => WallClock): unknown[] | null {
  let clock: WallClock | undefined;
  const at = (date: Date): Date => local(date, (clock ??= wallClock()));
  let found = false;
  const mapped = args.map((arg) => {
    if (isDate(arg)) {
      found = true;
      return at(arg);
    }
    if (!Array.isArray(arg)) return arg;
    if (!arg.some((row) => Array.isArray(row) && row.some(isDate))) return arg;
    found = true;
    return arg.map((row: unknown) => (Array.isArray(row) ? row.map((v) => (isDate(v) ? at(v) : v)) : row));
  });
  return found ? mapped : null;
}
