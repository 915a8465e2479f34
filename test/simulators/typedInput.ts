/**
 * What a spreadsheet makes of a string written as a cell's value, as if a user in the en-US locale had typed
 * it: Excel (Range.values / Range.formulas, TableRowCollection.add) and Google Sheets (Range.setValues, which
 * parses "as if entered into the UI", like the Sheets API's USER_ENTERED) both turn typed-looking text into
 * numbers, dates, booleans, errors or formulas. Only a leading apostrophe (the prefix character, not kept in
 * the value) or a cell formatted as text ("@") keeps the string as it is.
 *
 * Both fakes store what this returns, so an adapter that writes `$100` without saying "text" gets the number
 * 100 back, as in the hosts (issue 10, defect 6). The rules cover what the two hosts agree on for en-US; where
 * they differ in detail (which date spellings parse) the common spellings are modelled.
 */

export type Typed =
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'error'; error: string }
  | { kind: 'formula'; formula: string };

const ERRORS = ['#N/A', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#NULL!'];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MS_PER_DAY = 86_400_000;
const EPOCH = Date.UTC(1899, 11, 30);

/** The serial day number of a calendar date, or null when the date does not exist (Feb 30). */
function serial(year: number, month: number, day: number): number | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  if (back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return null;
  return (ms - EPOCH) / MS_PER_DAY;
}

function fullYear(y: string): number {
  const n = Number(y);
  if (y.length > 2) return n;
  return n < 30 ? 2000 + n : 1900 + n;
}

function month(name: string): number {
  const i = MONTHS.indexOf(name.slice(0, 3).toLowerCase());
  const full = [
    'january',
    'february',
    'march',
    'april',
    'may',
    'june',
    'july',
    'august',
    'september',
    'october',
    'november',
    'december',
  ];
  if (i < 0) return 0;
  const lower = name.toLowerCase();
  return lower.length === 3 || full[i] === lower || (lower === 'sept' && i === 8) ? i + 1 : 0;
}

/** Typed-looking numbers: 007, 1e5, 1,000, $100, (100), -5, +1, 50%, .5 */
function asNumber(text: string): number | null {
  let s = text.trim();
  if (s === '') return null;
  let negative = false;
  const parens = /^\((.*)\)$/.exec(s);
  if (parens !== null) {
    negative = true;
    s = parens[1].trim();
  }
  let sign = /^[-+]/.exec(s);
  if (sign !== null) {
    if (parens !== null) return null;
    negative = sign[0] === '-';
    s = s.slice(1);
  }
  s = s.replace(/^[$€£¥]\s*/, '');
  sign = /^[-+]/.exec(s);
  if (sign !== null && !negative && parens === null) {
    negative = sign[0] === '-';
    s = s.slice(1);
  }
  let percent = false;
  if (s.endsWith('%')) {
    percent = true;
    s = s.slice(0, -1).trim();
  }
  const m = /^(\d{1,3}(?:,\d{3})+|\d*)(\.\d*)?(?:[eE]([-+]?\d+))?$/.exec(s);
  if (m === null || !/\d/.test(m[1] + (m[2] ?? ''))) return null;
  let value = Number(`${m[1].replace(/,/g, '')}${m[2] ?? ''}${m[3] === undefined ? '' : `e${m[3]}`}`);
  if (!Number.isFinite(value)) return null;
  if (percent) value /= 100;
  return negative ? -value : value;
}

/** Typed-looking dates and times: 12/01/2026, 12/1, 2026-07-01, 2026-07, Jul 2026, 1-Jan, July 4, 2026, 3:30 PM */
function asDate(text: string): number | null {
  const s = text.trim();
  let m = /^(\d{1,2})\/(\d{1,2})(?:\/(\d{2}|\d{4}))?$/.exec(s);
  if (m !== null) return serial(m[3] === undefined ? 2026 : fullYear(m[3]), Number(m[1]), Number(m[2]));
  m = /^(\d{4})[-/](\d{1,2})(?:[-/](\d{1,2}))?$/.exec(s);
  if (m !== null) return serial(Number(m[1]), Number(m[2]), m[3] === undefined ? 1 : Number(m[3]));
  m = /^([A-Za-z]+)[\s-]+(\d{4}|\d{2})$/.exec(s);
  if (m !== null && month(m[1]) > 0) {
    // "Jul 2026" is July 2026; "Jul 26" is July 26th of the current year in Excel: both are dates.
    if (m[2].length === 4) return serial(Number(m[2]), month(m[1]), 1);
    return serial(2026, month(m[1]), Number(m[2])) ?? serial(fullYear(m[2]), month(m[1]), 1);
  }
  m = /^(\d{1,2})[\s-]+([A-Za-z]+)(?:[\s-]+(\d{2}|\d{4}))?$/.exec(s);
  if (m !== null && month(m[2]) > 0)
    return serial(m[3] === undefined ? 2026 : fullYear(m[3]), month(m[2]), Number(m[1]));
  m = /^([A-Za-z]+)\s+(\d{1,2}),?\s+(\d{4})$/.exec(s);
  if (m !== null && month(m[1]) > 0) return serial(Number(m[3]), month(m[1]), Number(m[2]));
  m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?$/.exec(s);
  if (m !== null) {
    let hours = Number(m[1]);
    const minutes = Number(m[2]);
    const seconds = m[3] === undefined ? 0 : Number(m[3]);
    if (minutes > 59 || seconds > 59) return null;
    if (m[4] !== undefined) {
      if (hours < 1 || hours > 12) return null;
      hours = (hours % 12) + (m[4].toLowerCase() === 'pm' ? 12 : 0);
    }
    if (hours > 23) return null;
    return (hours * 3600 + minutes * 60 + seconds) / 86400;
  }
  return null;
}

/**
 * What a host stores for `raw` written into a cell; `asText` when the cell's number format is text ("@"),
 * which keeps any string as it is (a formula too: in a text cell "=1+1" is the text "=1+1").
 */
export function typedInput(raw: string, asText = false): Typed {
  if (asText) return { kind: 'text', text: raw };
  if (raw.startsWith("'")) return { kind: 'text', text: raw.slice(1) };
  if (raw.startsWith('=') && raw.length > 1) return { kind: 'formula', formula: raw };
  const trimmed = raw.trim();
  if (trimmed === '') return { kind: 'text', text: raw };
  if (/^(true|false)$/i.test(trimmed)) return { kind: 'boolean', value: trimmed.toLowerCase() === 'true' };
  const error = ERRORS.find((e) => e === trimmed.toUpperCase());
  if (error !== undefined) return { kind: 'error', error };
  const number = asNumber(raw);
  if (number !== null) return { kind: 'number', value: number };
  const date = asDate(raw);
  if (date !== null) return { kind: 'number', value: date };
  // Excel and Sheets read a leading + - or @ as the start of a formula ("+1+1", "@SUM(A1)", "-A1").
  if (/^[+\-@]/.test(raw) && raw.length > 1)
    return { kind: 'formula', formula: `=${raw.startsWith('@') ? raw.slice(1) : raw}` };
  return { kind: 'text', text: raw };
}
