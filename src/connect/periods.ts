/**
 * Month headers as planning sheets write them (Connect my plan, issue 11): month names in nine languages, full
 * and short, with or without a year ("Jan-26", "März 2026"), "2026-01" and "01/2026", period codes ("P01",
 * "M1", "Month 1"), numbers 1-12, and dates (serial numbers with a date format). Pure and host-free.
 */

/** A month as a header names it: a calendar month (with or without its year), or a period of the fiscal year. */
export interface Period {
  /** Calendar year, or null when the header does not say. */
  y: number | null;
  /** Calendar month 1-12, or null for a period code (P01) whose calendar month depends on the fiscal year. */
  m: number | null;
  /** Period code number (P01 → 1), or null for a calendar month. */
  idx: number | null;
  /** How the header was read: the rule the evidence names. */
  kind: 'name' | 'yearMonth' | 'code' | 'number' | 'date' | 'textDate';
}

const MONTH_WORDS: [number, string[]][] = [
  [
    1,
    ['january', 'jan', 'januar', 'janvier', 'janv', 'enero', 'ene', 'gennaio', 'gen', 'janeiro', 'januari'],
  ],
  [
    2,
    ['february', 'feb', 'februar', 'fevrier', 'fevr', 'fev', 'febrero', 'febbraio', 'fevereiro', 'februari'],
  ],
  [3, ['march', 'mar', 'marz', 'maerz', 'mrz', 'mars', 'marzo', 'marco', 'maart', 'mrt', 'maret']],
  [4, ['april', 'apr', 'avril', 'avr', 'abril', 'abr', 'aprile']],
  [5, ['may', 'mai', 'mayo', 'maggio', 'mag', 'maio', 'mei']],
  [6, ['june', 'jun', 'juni', 'juin', 'junio', 'giugno', 'giu', 'junho']],
  [7, ['july', 'jul', 'juli', 'juillet', 'juil', 'julio', 'luglio', 'lug', 'julho']],
  [8, ['august', 'aug', 'aout', 'agosto', 'ago', 'augustus', 'agustus', 'agu', 'agt']],
  [9, ['september', 'sep', 'sept', 'septembre', 'septiembre', 'setiembre', 'settembre', 'set', 'setembro']],
  [10, ['october', 'oct', 'oktober', 'okt', 'octobre', 'octubre', 'ottobre', 'ott', 'outubro', 'out']],
  [11, ['november', 'nov', 'novembre', 'noviembre', 'novembro']],
  [
    12,
    [
      'december',
      'dec',
      'dezember',
      'dez',
      'decembre',
      'diciembre',
      'dic',
      'dicembre',
      'dezembro',
      'desember',
      'des',
    ],
  ],
];
const MONTH_BY_WORD = new Map<string, number>();
for (const [m, words] of MONTH_WORDS) for (const w of words) MONTH_BY_WORD.set(w, m);

/** Lower case, accents off (März → marz, août → aout), spaces trimmed. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();
}

const DAY_MS = 86_400_000;
const EPOCH = Date.UTC(1899, 11, 30);

/** Serial day number (1900 system, as both hosts store dates) → calendar year, month and day. */
export function serialToDate(serial: number): { y: number; m: number; d: number } {
  const d = new Date(EPOCH + Math.floor(serial) * DAY_MS);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() };
}

export function dateToSerial(y: number, m: number, d: number): number {
  return Math.round((Date.UTC(y, m - 1, d) - EPOCH) / DAY_MS);
}

/** A number format that shows a date (d, m with y, or yyyy…), not a plain number, % or currency. */
const dateFormats = new Map<string, boolean>();

export function isDateFormat(format: string | null | undefined): boolean {
  if (format === null || format === undefined || format === '' || format === 'General') return false;
  let known = dateFormats.get(format);
  if (known === undefined) {
    known = readDateFormat(format);
    if (dateFormats.size < 1000) dateFormats.set(format, known);
  }
  return known;
}

function readDateFormat(format: string): boolean {
  // Text in quotes and [colour]/[$-locale] parts say nothing about dates.
  const f = format
    .replace(/"[^"]*"/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .toLowerCase();
  return /[dy]/.test(f) || /m{3,}/.test(f) || (/m/.test(f) && /[/\-.]/.test(f) && !/[0#]/.test(f));
}

/** Serial numbers a plan's dates plausibly have (1950 to 2100). */
export function plausibleSerial(v: number): boolean {
  return v >= 18264 && v <= 73415;
}

const twoOrFourDigitYear = (s: string): number => {
  const n = Number(s);
  return s.length === 2 ? 2000 + n : n;
};

const textCache = new Map<string, Period | null>();

/** Reads a text cell as a month header, or null. Full dates written as text come back as kind `textDate`. */
export function parseTextPeriod(text: string): Period | null {
  if (text.length > 24) return null;
  const cached = textCache.get(text);
  if (cached !== undefined) return cached;
  const p = readText(fold(text));
  if (textCache.size < 10_000) textCache.set(text, p);
  return p;
}

function readText(s: string): Period | null {
  if (s === '') return null;
  let g: RegExpExecArray | null;
  // Month name, optionally with a year: Jan, January, Jan-26, Jan 2026, janv. 2026, Mar'26.
  if ((g = /^([a-z]+)\.?(?:[\s\-/'’.]*(\d{4}|\d{2}))?$/.exec(s)) !== null) {
    const m = MONTH_BY_WORD.get(g[1]);
    if (m !== undefined)
      return { y: g[2] === undefined ? null : twoOrFourDigitYear(g[2]), m, idx: null, kind: 'name' };
  }
  // A year then a month name: 2026 Jan, 2026-Jan.
  if ((g = /^(\d{4})[\s\-/.]*([a-z]+)\.?$/.exec(s)) !== null) {
    const m = MONTH_BY_WORD.get(g[2]);
    if (m !== undefined) return { y: Number(g[1]), m, idx: null, kind: 'name' };
  }
  // 2026-01, 2026/1, 2026.01, 2026M01.
  if ((g = /^(\d{4})\s*[-/.m]\s*(\d{1,2})$/.exec(s)) !== null) {
    const m = Number(g[2]);
    if (m >= 1 && m <= 12) return { y: Number(g[1]), m, idx: null, kind: 'yearMonth' };
  }
  // 01/2026, 1-2026.
  if ((g = /^(\d{1,2})[-/.](\d{4})$/.exec(s)) !== null) {
    const m = Number(g[1]);
    if (m >= 1 && m <= 12) return { y: Number(g[2]), m, idx: null, kind: 'yearMonth' };
  }
  // P01, P1, M1, M01, Month 1, Period 1, Per 1.
  if (
    (g = /^(?:p|m|per|period|periode|periodo|month|mo|monat|mois|mes|mese|mes|bulan)\.?\s*0?(\d{1,2})$/.exec(
      s,
    )) !== null
  ) {
    const idx = Number(g[1]);
    if (idx >= 1 && idx <= 16) return { y: null, m: null, idx, kind: 'code' };
  }
  // Full dates typed as text: 2026-01-15, 15/01/2026, 15.01.26, 1/15/2026.
  if ((g = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t].*)?$/.exec(s)) !== null) {
    const m = Number(g[2]);
    if (m >= 1 && m <= 12) return { y: Number(g[1]), m, idx: null, kind: 'textDate' };
  }
  if ((g = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$/.exec(s)) !== null) {
    const a = Number(g[1]);
    const b = Number(g[2]);
    // Day first unless that cannot be (15/01 is day first, 01/15 month first; 03/04 read day first).
    const m = b >= 1 && b <= 12 ? b : a;
    return { y: twoOrFourDigitYear(g[3]), m, idx: null, kind: 'textDate' };
  }
  // Month name with day and year as text: "Jan 15, 2026", "15 Jan 2026".
  if (
    (g = /^([a-z]+)\.?\s+\d{1,2},?\s+(\d{4})$/.exec(s)) !== null ||
    (g = /^\d{1,2}\.?\s+([a-z]+)\.?\s+(\d{4})$/.exec(s)) !== null
  ) {
    const m = MONTH_BY_WORD.get(g[1]);
    if (m !== undefined) return { y: Number(g[2]), m, idx: null, kind: 'textDate' };
  }
  return null;
}

/** A number cell as a month: a date when its format shows one. */
export function parseNumberPeriod(v: number, format: string | null): Period | null {
  if (isDateFormat(format) && plausibleSerial(v)) {
    const d = serialToDate(v);
    return { y: d.y, m: d.m, idx: null, kind: 'date' };
  }
  return null;
}

/** A year as a title or label writes it: 2026, FY2026, FY26, FY 2025/26 (the year it ends). */
export function yearIn(text: string): number | null {
  const s = fold(text);
  let g = /\bfy\s*'?(\d{4}|\d{2})(?:\s*[/-]\s*(\d{4}|\d{2}))?\b/.exec(s);
  if (g !== null) return twoOrFourDigitYear(g[1]);
  g = /(?:^|[^0-9])((?:19|20)\d{2})(?:[^0-9]|$)/.exec(s);
  return g === null ? null : Number(g[1]);
}

export function monthWord(m: number): string {
  return ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1];
}

/** Months since year 0: the order of calendar months. */
export const monthIndex = (y: number, m: number): number => y * 12 + (m - 1);
