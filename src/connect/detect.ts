/**
 * Finding planning tables in the values of a user's sheets (Connect my plan, SPEC §3, issue 11). Pure: values
 * (and number formats where the host gives them) in, descriptions out, each with the cells and the rule it
 * rests on. Every sheet is read in one pass down its rows: row tables (long tables and months down) are found
 * by their header row and read to their end, and the rows left are tried as month headers of wide tables.
 */
import { a1, quoteSheet } from '../templates/a1';
import type { PlanValue } from '../templates/sheetPlan';
import type {
  Evidence,
  FoundMeasure,
  MonthKey,
  PlanLayout,
  PlanLine,
  PlanScan,
  ScanSelection,
  ScanSheet,
} from './types';
import {
  fold,
  monthIndex,
  parseNumberPeriod,
  parseTextPeriod,
  plausibleSerial,
  serialToDate,
  yearIn,
  type Period,
} from './periods';

/** A month as resolved for a series: calendar month with or without year, or a fiscal period number. */
export interface SeriesMonth {
  y: number | null;
  m: number | null;
  idx: number | null;
}

/** How a link reaches one wide row: its label (and line word) in fixed columns, one column per month. */
export interface WideLink {
  kind: 'wide';
  firstRow: number;
  lastRow: number;
  labelCol: number;
  labelText: string;
  lineCol: number | null;
  lineWord: string | null;
  monthCols: { month: SeriesMonth; col: number }[];
}

/** How a link reaches a row table's figures: sums of one value column over rows matched by month and keys. */
export interface RowLink {
  kind: 'rows';
  firstRow: number;
  lastRow: number;
  valueCol: number;
  when:
    | { kind: 'date'; col: number }
    | { kind: 'period'; col: number; words: Map<string, PlanValue> }
    | { kind: 'yearMonth'; yearCol: number; monthCol: number; words: Map<string, PlanValue> };
  measureCol: number | null;
  measureText: string | null;
  entityCol: number | null;
  entityText: string | null;
  lineCol: number | null;
  lineWord: string | null;
  /** The date column's cells holding text that reads as a date. */
  textDates: number;
}

/** One line (plan or actual) of one measure as found. */
export interface LineSeries {
  sheet: string;
  layout: PlanLayout;
  line: PlanLine;
  label: string;
  entity: string | null;
  months: SeriesMonth[];
  values: (number | null)[];
  link: WideLink | RowLink;
  source: string;
  evidence: Evidence[];
  problems: Evidence[];
  cumulativeWord: Evidence | null;
  average: Evidence | null;
  unit: string | null;
}

/** What detection found, with what the links need (planConnect re-detects to get it). */
export interface Detected {
  scan: PlanScan;
  lines: Map<string, Partial<Record<PlanLine, LineSeries>>>;
}

const PLAN_WORDS = new Set([
  'plan',
  'planned',
  'budget',
  'bud',
  'bgt',
  'target',
  'targets',
  'tgt',
  'forecast',
  'fcst',
  'fc',
  'goal',
  'objective',
  'soll',
  'ziel',
  'plano',
  'orcamento',
  'presupuesto',
  'objetivo',
  'previsione',
  'obiettivo',
  'meta',
  'prevision',
  'objectif',
  'begroting',
  'doel',
  'anggaran',
  'rencana',
  'target.',
  'plan.',
]);
const ACTUAL_WORDS = new Set([
  'actual',
  'actuals',
  'act',
  'act.',
  'ist',
  'reel',
  'realise',
  'real',
  'realizado',
  'consuntivo',
  'effettivo',
  'werkelijk',
  'realisatie',
  'realisasi',
  'aktual',
  'achieved',
  'achieved.',
]);

/** A whole cell that is a line word (Plan, Budget, Actual, Act…), or null. */
export function lineOfWord(text: string): PlanLine | null {
  const s = fold(text);
  if (PLAN_WORDS.has(s)) return 'plan';
  if (ACTUAL_WORDS.has(s)) return 'actual';
  return null;
}

/** A label with a line word at its start or end ("Revenue plan", "Actual - Revenue", "Revenue (Budget)"). */
export function splitLine(label: string): { line: PlanLine | null; rest: string } {
  const words = label
    .trim()
    .split(/[\s\-–:|/()[\],]+/)
    .filter((w) => w !== '');
  if (words.length >= 2) {
    const last = lineOfWord(words[words.length - 1]);
    if (last !== null)
      return {
        line: last,
        rest: label
          .trim()
          .replace(/[\s\-–:|/([,]*[A-Za-zÀ-ÿ.]+[)\]]?\s*$/, '')
          .trim(),
      };
    const first = lineOfWord(words[0]);
    if (first !== null)
      return {
        line: first,
        rest: label
          .trim()
          .replace(/^[A-Za-zÀ-ÿ.]+[\s\-–:|/)\],]*/, '')
          .trim(),
      };
  }
  return {
    line: lineOfWord(label),
    rest: words.length === 1 && lineOfWord(label) !== null ? '' : label.trim(),
  };
}

const CUMULATIVE_RE =
  /\b(ytd|y\.t\.d\.|cumulative|cumul|cumule|cum\.|running total|kumuliert|acumulado|cumulato|acumulado|kumulatif|year to date)\b/;
const AVERAGE_RE =
  /(%|\b(rate|ratio|per|average|avg|mean|margin|nps|score|conversion|churn|quote|taux|tasa|tasso|rata)\b)/;
const HEADER_WORDS = {
  date: /^(date|day|datum|fecha|data|tanggal|posting date|booking date|transaction date|doc date|period|month|periode|periodo|mois|monat|mes|mese|bulan|tag|jour|dia|giorno)$/,
  year: /^(year|fy|fiscal year|jahr|annee|ano|anno|jaar|tahun|yr)$/,
  month: /^(month|period|monat|mois|mes|mese|maand|bulan|periode|periodo|mo|per)$/,
  line: /^(line|scenario|version|type|kind|plan\/actual|plan vs actual|category|szenario|scenario type|data type|art|tipo)$/,
  measure:
    /^(measure|metric|kpi|account|item|line item|indicator|kennzahl|mesure|medida|misura|ukuran|indicador|konto|compte|cuenta|conto|rekening|akun|description|name)$/,
  entity:
    /^(team|region|entity|rep|sales rep|bu|business unit|unit|department|dept|country|store|branch|segment|product|channel|owner|division|area|office|cost centre|cost center|site|market)$/,
  unit: /^(unit|units|uom|einheit|unite|unidad|unita|satuan|eenheid)$/,
};

const isText = (v: PlanValue): v is string => typeof v === 'string' && v.trim() !== '';
const isNum = (v: PlanValue): v is number => typeof v === 'number' && Number.isFinite(v);

/** `'Plan 2026'!B3:M3` */
export function cellsRef(sheet: string, r0: number, c0: number, r1 = r0, c1 = c0): string {
  const name = /^[A-Za-z_][A-Za-z0-9_]*$/.test(sheet) ? sheet : quoteSheet(sheet);
  const start = a1(r0, c0);
  return r0 === r1 && c0 === c1 ? `${name}!${start}` : `${name}!${start}:${a1(r1, c1)}`;
}

/** The key a resolved month is looked up by: `2026-4`, `m4` (a month with no year), `p4` (period 4). */
export function monthLookupKeys(y: number, m: number, period: number): string[] {
  return [`${y}-${m}`, `m${m}`, `p${period}`];
}
const monthKeys = new WeakMap<SeriesMonth, string>();
function keyOf(s: SeriesMonth): string {
  let k = monthKeys.get(s);
  if (k === undefined) {
    k = s.m !== null && s.y !== null ? `${s.y}-${s.m}` : s.m !== null ? `m${s.m}` : `p${s.idx ?? 0}`;
    monthKeys.set(s, k);
  }
  return k;
}

interface Grid {
  sheet: ScanSheet;
  r0: number;
  r1: number;
  c0: number;
  c1: number;
  at(r: number, c: number): PlanValue;
  fmt(r: number, c: number): string | null;
}

function gridOf(sheet: ScanSheet, sel: ScanSelection | null): Grid {
  const rows = sheet.values.length;
  let cols = 0;
  for (const row of sheet.values) if (row.length > cols) cols = row.length;
  const r0 = sel === null ? 0 : Math.max(0, sel.row);
  const c0 = sel === null ? 0 : Math.max(0, sel.col);
  const r1 = sel === null ? rows - 1 : Math.min(rows - 1, sel.row + sel.rows - 1);
  const c1 = sel === null ? cols - 1 : Math.min(cols - 1, sel.col + sel.cols - 1);
  const values = sheet.values;
  const formats = sheet.formats;
  return {
    sheet,
    r0,
    r1,
    c0,
    c1,
    at: (r, c) => values[r]?.[c] ?? null,
    fmt: (r, c) => formats?.[r]?.[c] ?? null,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Row tables: long tables (one row per record) and months down (one row per month).

type ColumnKind = 'date' | 'period' | 'textDate' | 'year' | 'month' | 'number' | 'text' | 'line' | 'empty';

interface RowTable {
  header: number;
  first: number;
  last: number;
}

const SAMPLE = 60;

function classifyColumn(g: Grid, t: RowTable, c: number): ColumnKind {
  const head = isText(g.at(t.header, c)) ? fold(g.at(t.header, c) as string) : '';
  let n = 0;
  let nums = 0;
  let dates = 0;
  let serials = 0;
  let periods = 0;
  let textDates = 0;
  let years = 0;
  let monthNums = 0;
  let lines = 0;
  let texts = 0;
  const end = Math.min(t.last, t.first + SAMPLE - 1);
  for (let r = t.first; r <= end; r++) {
    const v = g.at(r, c);
    if (v === null || v === '') continue;
    n++;
    if (isNum(v)) {
      nums++;
      if (parseNumberPeriod(v, g.fmt(r, c)) !== null) dates++;
      if (plausibleSerial(v)) serials++;
      if (Number.isInteger(v) && v >= 1900 && v <= 2100) years++;
      if (Number.isInteger(v) && v >= 1 && v <= 12) monthNums++;
    } else if (typeof v === 'string') {
      texts++;
      const p = parseTextPeriod(v);
      if (p !== null && p.kind === 'textDate') textDates++;
      else if (p !== null) periods++;
      if (lineOfWord(v) !== null) lines++;
    }
  }
  if (n === 0) return 'empty';
  const most = (k: number) => k >= 0.8 * n;
  if (most(dates + textDates) && dates + textDates > 0 && textDates < dates + textDates)
    return dates > 0 ? 'date' : 'textDate';
  if (most(textDates)) return 'textDate';
  if (HEADER_WORDS.year.test(head) && most(years)) return 'year';
  if (HEADER_WORDS.month.test(head) && most(monthNums + periods)) return 'month';
  if (most(periods) && periods > 0) return 'period';
  if (HEADER_WORDS.date.test(head) && most(serials)) return 'date';
  if (most(lines) && lines > 0) return 'line';
  if (nums >= texts) return 'number';
  return 'text';
}

/** The text of up to two rows above `row` (titles that say YTD, Budget, a year). */
function titleAbove(g: Grid, row: number, stop: number): { text: string; row: number; col: number }[] {
  const out: { text: string; row: number; col: number }[] = [];
  for (let r = row - 1; r >= Math.max(g.r0, row - 2, stop); r--)
    for (let c = g.c0; c <= g.c1; c++) {
      const v = g.at(r, c);
      if (isText(v)) out.push({ text: v, row: r, col: c });
    }
  return out;
}

function isBlankRow(g: Grid, r: number): boolean {
  for (let c = g.c0; c <= g.c1; c++) {
    const v = g.at(r, c);
    if (v !== null && v !== '') return false;
  }
  return true;
}

interface Bucket {
  line: PlanLine;
  label: string;
  entity: string | null;
  measureText: string | null;
  entityText: string | null;
  lineWord: string | null;
  valueCol: number;
  sums: Map<string, { month: SeriesMonth; value: number }>;
  percent: boolean;
  header: string;
}

/**
 * A header row over a row table, read to its end; returns the row after the table, or null when `h` does not
 * start one.
 */
function readRowTable(g: Grid, h: number, stopAbove: number, out: LineSeries[]): number | null {
  let last = h;
  for (let r = h + 1; r <= g.r1; r++) {
    if (isBlankRow(g, r)) break;
    last = r;
  }
  if (last < h + 2) return null;
  const t: RowTable = { header: h, first: h + 1, last };
  const kinds = new Map<number, ColumnKind>();
  for (let c = g.c0; c <= g.c1; c++) kinds.set(c, classifyColumn(g, t, c));
  const colsOf = (k: ColumnKind) => [...kinds].filter(([, v]) => v === k).map(([c]) => c);
  const dateCols = colsOf('date');
  const textDateCols = colsOf('textDate');
  const periodCols = colsOf('period');
  const yearCols = colsOf('year');
  const monthCols = colsOf('month');
  let when: RowLink['when'];
  let whenCols: number[];
  if (dateCols.length > 0) {
    when = { kind: 'date', col: dateCols[0] };
    whenCols = [dateCols[0]];
  } else if (textDateCols.length > 0) {
    when = { kind: 'date', col: textDateCols[0] };
    whenCols = [textDateCols[0]];
  } else if (yearCols.length > 0 && monthCols.length > 0) {
    when = { kind: 'yearMonth', yearCol: yearCols[0], monthCol: monthCols[0], words: new Map() };
    whenCols = [yearCols[0], monthCols[0]];
  } else if (periodCols.length > 0 || monthCols.length > 0) {
    const col = periodCols[0] ?? monthCols[0];
    when = { kind: 'period', col, words: new Map() };
    whenCols = [col];
  } else return null;
  const headText = (c: number) => (isText(g.at(h, c)) ? (g.at(h, c) as string).trim() : '');
  const valueCols = colsOf('number').filter(
    (c) => !whenCols.includes(c) && !HEADER_WORDS.year.test(fold(headText(c))),
  );
  if (valueCols.length === 0) return null;
  const lineCol =
    colsOf('line')[0] ??
    [...kinds.keys()].find((c) => HEADER_WORDS.line.test(fold(headText(c))) && kinds.get(c) === 'text') ??
    null;
  const textCols = colsOf('text').filter((c) => c !== lineCol && !HEADER_WORDS.unit.test(fold(headText(c))));
  let measureCol: number | null = textCols.find((c) => HEADER_WORDS.measure.test(fold(headText(c)))) ?? null;
  let entityCol: number | null =
    textCols.find((c) => c !== measureCol && HEADER_WORDS.entity.test(fold(headText(c)))) ?? null;
  const generic = (c: number) => {
    const s = splitLine(headText(c)).rest;
    return (
      s === '' ||
      /^(value|values|amount|amt|betrag|montant|importe|importo|valor|valore|waarde|nilai|total|figure|number)$/.test(
        fold(s),
      )
    );
  };
  for (const c of textCols) {
    if (c === measureCol || c === entityCol) continue;
    if (measureCol === null && valueCols.every(generic)) measureCol = c;
    else if (entityCol === null) entityCol = c;
  }
  const sheet = g.sheet.name;
  const titles = titleAbove(g, h, stopAbove);
  const titleText = titles.map((x) => x.text).join(' ');
  const unitCol = [...kinds.keys()].find((c) => HEADER_WORDS.unit.test(fold(headText(c)))) ?? null;

  // One pass down the rows: each row's month, keys and values into its series' monthly sums.
  const buckets = new Map<string, Bucket>();
  const order: Bucket[] = [];
  let textDates = 0;
  let firstTextDate: number | null = null;
  let unreadable = 0;
  const monthsSeen = new Map<string, number>();
  const words = when.kind === 'date' ? null : when.words;
  const units = new Map<string, string>();
  const byDay = new Map<number, SeriesMonth>();
  const byIndex = new Map<number, SeriesMonth>();
  const byKey = new Map<string, SeriesMonth>();
  const text = (v: PlanValue): string => (typeof v === 'string' ? v.trim() : v === null ? '' : String(v));
  for (let r = t.first; r <= t.last; r++) {
    let month: SeriesMonth;
    if (when.kind === 'date') {
      const v = g.at(r, when.col);
      if (isNum(v) && plausibleSerial(v)) {
        // One month object per calendar month (daily rows share it): no date or key built per row.
        const day = Math.floor(v);
        let known = byDay.get(day);
        if (known === undefined) {
          const d = serialToDate(day);
          const at = monthIndex(d.y, d.m);
          known = byIndex.get(at);
          if (known === undefined) {
            known = { y: d.y, m: d.m, idx: null };
            byIndex.set(at, known);
          }
          byDay.set(day, known);
        }
        month = known;
      } else if (typeof v === 'string' && v.trim() !== '') {
        const p = parseTextPeriod(v);
        if (p !== null && p.kind === 'textDate') {
          textDates++;
          if (firstTextDate === null) firstTextDate = r;
        } else unreadable++;
        continue;
      } else continue;
    } else {
      const mv = g.at(r, when.kind === 'period' ? when.col : when.monthCol);
      let p: Period | null = null;
      if (isNum(mv))
        p =
          parseNumberPeriod(mv, g.fmt(r, when.kind === 'period' ? when.col : when.monthCol)) ??
          (Number.isInteger(mv) && mv >= 1 && mv <= 12
            ? { y: null, m: mv, idx: null, kind: 'number' }
            : null);
      else if (typeof mv === 'string') p = parseTextPeriod(mv);
      if (p === null || p.kind === 'textDate') {
        if (mv !== null && mv !== '') unreadable++;
        continue;
      }
      let y = p.y;
      if (when.kind === 'yearMonth') {
        const yv = g.at(r, when.yearCol);
        y = isNum(yv) ? yv : typeof yv === 'string' ? yearIn(yv) : null;
        if (y === null) continue;
      }
      const k0 = y !== null && p.m !== null ? `${y}-${p.m}` : p.m !== null ? `m${p.m}` : `p${p.idx ?? 0}`;
      let known = byKey.get(k0);
      if (known === undefined) {
        known = { y, m: p.m, idx: p.idx };
        byKey.set(k0, known);
      }
      month = known;
      const k = keyOf(month);
      if (words !== null && !words.has(k)) words.set(k, mv);
      if (words !== null && month.m !== null && !words.has(`m${month.m}`)) words.set(`m${month.m}`, mv);
    }
    const mk = keyOf(month);
    monthsSeen.set(mk, (monthsSeen.get(mk) ?? 0) + 1);
    const measureText = measureCol === null ? null : text(g.at(r, measureCol));
    const entityText = entityCol === null ? null : text(g.at(r, entityCol));
    const lineWord = lineCol === null ? null : text(g.at(r, lineCol));
    if (measureText === '' || entityText === '') continue;
    for (const c of valueCols) {
      const v = g.at(r, c);
      const key = `${measureText ?? ''}\u0000${entityText ?? ''}\u0000${lineWord ?? ''}\u0000${c}`;
      let b = buckets.get(key);
      if (b === undefined) {
        const head = headText(c);
        const split = splitLine(head);
        let line: PlanLine =
          (lineWord !== null ? lineOfWord(lineWord) : null) ??
          split.line ??
          splitLine(measureText ?? '').line ??
          titleLine(titleText) ??
          titleLine(sheet) ??
          'plan';
        if (lineWord !== null && lineOfWord(lineWord) === null) line = 'plan';
        const measureLabel =
          measureText !== null && measureText !== ''
            ? measureText
            : split.rest !== '' && (!generic(c) || titleLabel(titles) === null)
              ? split.rest
              : (titleLabel(titles) ?? sheet);
        b = {
          line,
          label: measureLabel,
          entity: entityText,
          measureText,
          entityText,
          lineWord,
          valueCol: c,
          sums: new Map(),
          percent: false,
          header: head,
        };
        buckets.set(key, b);
        order.push(b);
      }
      if (unitCol !== null && isText(g.at(r, unitCol)))
        units.set(b.label, (g.at(r, unitCol) as string).trim());
      if (isNum(v)) {
        const s = b.sums.get(mk);
        if (s === undefined) b.sums.set(mk, { month, value: v });
        else s.value += v;
        if (!b.percent && (g.fmt(r, c) ?? '').includes('%')) b.percent = true;
      }
    }
  }
  const unique = [...monthsSeen.values()].every((n) => n === 1);
  const layout: PlanLayout =
    unique && measureCol === null && entityCol === null && lineCol === null ? 'monthsDown' : 'long';
  // All months of the table, in order: by calendar when the years are known, else as they first appear.
  const allMonths = new Map<string, SeriesMonth>();
  for (const b of order) for (const [k, s] of b.sums) if (!allMonths.has(k)) allMonths.set(k, s.month);
  const months = [...allMonths.values()].sort((a, b) =>
    a.y !== null && b.y !== null && a.m !== null && b.m !== null
      ? monthIndex(a.y, a.m) - monthIndex(b.y, b.m)
      : 0,
  );
  const whenRef =
    when.kind === 'yearMonth'
      ? cellsRef(
          sheet,
          t.first,
          Math.min(when.yearCol, when.monthCol),
          t.last,
          Math.max(when.yearCol, when.monthCol),
        )
      : cellsRef(sheet, t.first, when.col, t.last, when.col);
  const dateCol = when.kind === 'date' ? when.col : null;
  // Month names with no year (months down under "Ventas 2026") take the title's year, for display.
  const display = new Map<SeriesMonth, SeriesMonth>();
  const yearHint = yearIn(titleText) ?? yearIn(sheet);
  if (yearHint !== null) {
    let y = yearHint;
    let prev: number | null = null;
    for (const m of months)
      if (m.y === null && m.m !== null) {
        if (prev !== null && m.m < prev) y++;
        display.set(m, { y, m: m.m, idx: null });
        prev = m.m;
      }
  }
  for (const b of order) {
    // Months of this series only: a row table's other series may run longer.
    const mine = months.filter((m) => b.sums.has(keyOf(m)));
    const values = mine.map((m) => b.sums.get(keyOf(m))?.value ?? null);
    const own = mine.map((m) => display.get(m) ?? m);
    const evidence: Evidence[] = [
      {
        rule: layout === 'monthsDown' ? 'months-down' : 'long-table',
        cells: cellsRef(sheet, h, g.c0, t.last, g.c1),
        text:
          layout === 'monthsDown'
            ? `one row per month in ${whenRef}, ${b.line === 'plan' ? 'plan' : 'actual'} figures in column "${b.header}"`
            : `${t.last - t.first + 1} rows with ${when.kind === 'yearMonth' ? 'year and month columns' : when.kind === 'date' ? 'a date column' : 'a month column'} (${whenRef}), summed by month`,
      },
    ];
    if (b.lineWord !== null && lineCol !== null)
      evidence.push({
        rule: 'line-column',
        cells: cellsRef(sheet, h, lineCol),
        text: `line "${b.lineWord}" in column "${headText(lineCol)}"`,
      });
    const problems: Evidence[] = [];
    if (textDates > 0 && firstTextDate !== null && dateCol !== null)
      problems.push({
        rule: 'text-dates',
        cells: cellsRef(sheet, t.first, dateCol, t.last, dateCol),
        text: `${textDates} dates stored as text in ${cellsRef(sheet, t.first, dateCol, t.last, dateCol)} (first: ${cellsRef(sheet, firstTextDate, dateCol)}): type them as dates`,
      });
    if (unreadable > 0)
      problems.push({
        rule: 'unreadable-dates',
        cells: whenRef,
        text: `${unreadable} rows whose month cannot be read in ${whenRef}`,
      });
    const cumulativeWord = wordIn([b.header, b.label, titleText], CUMULATIVE_RE, sheet, h, b.valueCol);
    const avgWord =
      b.percent || fold(units.get(b.label) ?? '').includes('%')
        ? {
            rule: 'percent-format',
            cells: cellsRef(sheet, t.first, b.valueCol, t.last, b.valueCol),
            text: 'values formatted as %',
          }
        : wordIn([b.header, b.label], AVERAGE_RE, sheet, h, b.valueCol);
    out.push({
      sheet,
      layout,
      line: b.line,
      label: b.label,
      entity: b.entityText,
      months: own,
      values,
      link: {
        kind: 'rows',
        firstRow: t.first,
        lastRow: t.last,
        valueCol: b.valueCol,
        when,
        measureCol,
        measureText: b.measureText,
        entityCol,
        entityText: b.entityText,
        lineCol,
        lineWord: b.lineWord,
        textDates,
      },
      source: cellsRef(sheet, t.first, b.valueCol, t.last, b.valueCol),
      evidence,
      problems,
      cumulativeWord,
      average: avgWord,
      unit: units.get(b.label) ?? (b.percent ? '%' : null),
    });
  }
  return t.last + 1;
}

function titleLine(text: string): PlanLine | null {
  for (const w of text.split(/[\s\-–:|/()[\],]+/)) {
    const l = lineOfWord(w);
    if (l !== null) return l;
  }
  return null;
}

function titleLabel(titles: { text: string }[]): string | null {
  for (const t of titles) {
    const words = t.text
      .trim()
      .split(/\s+/)
      .filter((w) => lineOfWord(w) === null && yearIn(w) === null && !CUMULATIVE_RE.test(fold(w)));
    if (words.length > 0) return words.join(' ');
  }
  return null;
}

function wordIn(texts: string[], re: RegExp, sheet: string, row: number, col: number): Evidence | null {
  for (const t of texts) {
    const m = re.exec(fold(t));
    if (m !== null)
      return {
        rule: re === CUMULATIVE_RE ? 'ytd-word' : 'average-word',
        cells: cellsRef(sheet, row, col),
        text: `"${m[1] ?? m[0]}" in "${t}"`,
      };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// Wide tables: a header row of months across, one row per measure (and line).

interface Token {
  col: number;
  p: Period;
  serialGuess: boolean;
}

function family(p: Period): 'cal' | 'code' | 'num' {
  return p.kind === 'code' ? 'code' : p.kind === 'number' ? 'num' : 'cal';
}

function follows(a: Period, b: Period): boolean {
  if (family(a) !== family(b)) return false;
  if (a.kind === 'code') return b.idx === (a.idx ?? 0) + 1;
  if (a.m === null || b.m === null) return false;
  if (a.y !== null && b.y !== null) return monthIndex(b.y, b.m) === monthIndex(a.y, a.m) + 1;
  if ((a.y === null) !== (b.y === null)) return false;
  return b.m === (a.m % 12) + 1;
}

/** The longest run of consecutive month headers in row r (other cells, e.g. Q1 or Total, may sit between). */
function monthRun(g: Grid, r: number): Token[] | null {
  const tokens: Token[] = [];
  let texts = 0;
  for (let c = g.c0; c <= g.c1; c++) {
    const v = g.at(r, c);
    if (typeof v === 'string') {
      if (v.trim() === '') continue;
      texts++;
      const p = parseTextPeriod(v);
      // A header date typed as text still names its month (the column is linked, not the date).
      if (p !== null) tokens.push({ col: c, p, serialGuess: false });
    } else if (isNum(v)) {
      const p = parseNumberPeriod(v, g.fmt(r, c));
      if (p !== null) tokens.push({ col: c, p, serialGuess: false });
      else if (plausibleSerial(v) && Number.isInteger(v)) {
        const d = serialToDate(v);
        tokens.push({ col: c, p: { y: d.y, m: d.m, idx: null, kind: 'date' }, serialGuess: true });
      } else if (Number.isInteger(v) && v >= 1 && v <= 12)
        tokens.push({ col: c, p: { y: null, m: v, idx: null, kind: 'number' }, serialGuess: false });
    }
  }
  if (tokens.length < 3) return null;
  let best: Token[] = [];
  let run: Token[] = [tokens[0]];
  for (let i = 1; i < tokens.length; i++) {
    const prev = run[run.length - 1];
    if (follows(prev.p, tokens[i].p) && prev.serialGuess === tokens[i].serialGuess) run.push(tokens[i]);
    else {
      if (run.length > best.length) best = run;
      run = [tokens[i]];
    }
  }
  if (run.length > best.length) best = run;
  const f = family(best[0].p);
  if (best.length < 3) return null;
  if (f === 'num' && (best.length < 6 || texts === 0)) return null;
  return best;
}

interface WideBlock {
  header: number;
  run: Token[];
  rows: number[];
  /** Numbers in each of those rows. */
  numbers: number[];
  yearHint: number | null;
  line: PlanLine | null;
  lineEvidence: Evidence | null;
  title: string;
}

function readWideBlock(g: Grid, b: WideBlock, out: LineSeries[]): void {
  const sheet = g.sheet.name;
  const firstMonthCol = b.run[0].col;
  const lastMonthCol = b.run[b.run.length - 1].col;
  if (b.rows.length === 0) return;
  const firstRow = b.rows[0];
  const lastRow = b.rows[b.rows.length - 1];
  // Label, line and unit columns left of the months.
  let labelCol: number | null = null;
  let lineCol: number | null = null;
  let unitCol: number | null = null;
  let bestTexts = 0;
  for (let c = g.c0; c < firstMonthCol; c++) {
    const head = g.at(b.header, c);
    if (isText(head) && HEADER_WORDS.unit.test(fold(head))) {
      unitCol = c;
      continue;
    }
    let texts = 0;
    let lines = 0;
    const distinct = new Set<string>();
    for (const r of b.rows) {
      const v = g.at(r, c);
      if (!isText(v)) continue;
      texts++;
      distinct.add(fold(v));
      if (lineOfWord(v) !== null) lines++;
    }
    if (texts > 0 && lines === texts && lineCol === null && distinct.size <= 4 && labelCol !== null) {
      lineCol = c;
      continue;
    }
    if (texts > bestTexts) {
      bestTexts = texts;
      labelCol = c;
    }
  }
  if (labelCol === null) return;
  // Months resolved: years from the headers, else from a year in the title or the row.
  const months: SeriesMonth[] = [];
  let y = b.yearHint;
  let prevM: number | null = null;
  for (const t of b.run) {
    if (t.p.kind === 'code') months.push({ y: null, m: null, idx: t.p.idx });
    else if (t.p.y !== null) months.push({ y: t.p.y, m: t.p.m, idx: null });
    else {
      if (y !== null && prevM !== null && t.p.m !== null && t.p.m < prevM) y++;
      months.push({ y, m: t.p.m, idx: null });
      prevM = t.p.m;
    }
  }
  const headerRef = cellsRef(sheet, b.header, firstMonthCol, b.header, lastMonthCol);
  const rule = b.run[0].serialGuess
    ? 'month-serials'
    : {
        name: 'month-names',
        yearMonth: 'year-month',
        code: 'period-codes',
        number: 'month-numbers',
        date: 'date-headers',
        textDate: 'date-headers',
      }[b.run[0].p.kind];
  const monthCols = b.run.map((t, i) => ({ month: months[i], col: t.col }));
  const seen = new Map<string, LineSeries>();
  let heading: { line: PlanLine; label: string | null } | null = null;
  // A measure named on a row of its own, with rows labelled only Plan / Actual under it: its rows are matched
  // within the group's rows (the label "Plan" is unique there).
  let group: { label: string; start: number; members: WideLink[] } | null = null;
  const groups: { start: number; end: number; members: WideLink[] }[] = [];
  const closeGroup = (end: number) => {
    if (group !== null && group.members.length > 0)
      groups.push({ start: group.start, end, members: group.members });
    group = null;
  };
  for (const r of b.rows) {
    const raw = g.at(r, labelCol);
    const labelText = isText(raw) ? raw.trim() : isNum(raw) ? String(raw) : '';
    const values: (number | null)[] = [];
    let numbers = 0;
    let percent = false;
    let firstText: number | null = null;
    for (const t of b.run) {
      const v = g.at(r, t.col);
      if (isNum(v)) {
        numbers++;
        values.push(v);
        if (!percent && (g.fmt(r, t.col) ?? '').includes('%')) percent = true;
      } else {
        values.push(null);
        if (isText(v) && firstText === null) firstText = t.col;
      }
    }
    const lineWord =
      lineCol === null ? null : isText(g.at(r, lineCol)) ? (g.at(r, lineCol) as string).trim() : null;
    const split = splitLine(labelText);
    if (numbers === 0 && lineWord === null) {
      // A heading row: a line word ("Actual") sets the line of the rows below it.
      if (labelText !== '' && split.line !== null)
        heading = { line: split.line, label: split.rest === '' ? null : split.rest };
      if (split.line === null) {
        if (labelText !== '') {
          closeGroup(r - 1);
          group = { label: labelText, start: r + 1, members: [] };
        }
        continue;
      }
      // A bare Plan / Actual row with no numbers yet is a line only under a measure's heading.
      if (split.rest === '' && group === null) continue;
    }
    if (labelText === '') continue;
    let line: PlanLine;
    let label: string;
    const ev: Evidence[] = [
      {
        rule,
        cells: headerRef,
        text: `months across in ${headerRef}${b.run[0].serialGuess ? ' (consecutive month-start serial numbers)' : ''}`,
      },
    ];
    const open = group as { label: string; start: number; members: WideLink[] } | null;
    let member = false;
    if (lineWord === null && split.line !== null && split.rest === '' && open !== null) {
      line = split.line;
      label = open.label;
      member = true;
      ev.push({
        rule: 'line-under-heading',
        cells: cellsRef(sheet, r, labelCol),
        text: `"${labelText}" under the heading "${open.label}"`,
      });
    } else if (lineWord !== null && lineOfWord(lineWord) !== null) {
      line = lineOfWord(lineWord) as PlanLine;
      label = labelText;
      ev.push({
        rule: 'line-column',
        cells: cellsRef(sheet, r, lineCol as number),
        text: `line "${lineWord}"`,
      });
    } else if (split.line !== null && split.rest !== '') {
      line = split.line;
      label = split.rest;
      ev.push({
        rule: 'line-in-label',
        cells: cellsRef(sheet, r, labelCol),
        text: `"${labelText}" names the line`,
      });
    } else if (heading !== null) {
      line = heading.line;
      label = labelText;
      ev.push({
        rule: 'line-heading',
        cells: cellsRef(sheet, r, labelCol),
        text: `under a "${heading.line}" heading`,
      });
    } else if (b.line !== null) {
      line = b.line;
      label = labelText;
      if (b.lineEvidence !== null) ev.push(b.lineEvidence);
    } else {
      line = 'plan';
      label = labelText;
      ev.push({
        rule: 'no-line-word',
        cells: headerRef,
        text: 'no line word (Plan, Budget, Actual…): read as the plan',
      });
    }
    if (numbers === 0 && lineWord === null && split.line === null) continue;
    const dupKey = `${fold(label)}\u0000${line}`;
    const cumulativeWord = wordIn([labelText, b.title], CUMULATIVE_RE, sheet, r, labelCol);
    const unitText =
      unitCol !== null && isText(g.at(r, unitCol)) ? (g.at(r, unitCol) as string).trim() : null;
    const average = percent
      ? {
          rule: 'percent-format',
          cells: cellsRef(sheet, r, firstMonthCol, r, lastMonthCol),
          text: 'values formatted as %',
        }
      : unitText !== null && AVERAGE_RE.test(fold(unitText))
        ? { rule: 'average-unit', cells: cellsRef(sheet, r, unitCol as number), text: `unit "${unitText}"` }
        : wordIn([labelText], AVERAGE_RE, sheet, r, labelCol);
    const prior = seen.get(dupKey);
    if (prior !== undefined) {
      prior.problems.push({
        rule: 'duplicate-label',
        cells: cellsRef(sheet, r, labelCol),
        text: `"${labelText}" is found twice (${prior.source.split(':')[0]} and ${cellsRef(sheet, r, labelCol)}): the link flags it`,
      });
      continue;
    }
    const series: LineSeries = {
      sheet,
      layout: 'wide',
      line,
      label,
      entity: null,
      months,
      values,
      link: {
        kind: 'wide',
        firstRow,
        lastRow,
        labelCol,
        labelText,
        lineCol: lineWord !== null ? lineCol : null,
        lineWord: lineWord !== null ? lineWord : null,
        monthCols,
      },
      source: cellsRef(sheet, r, labelCol, r, lastMonthCol),
      evidence: ev,
      problems:
        firstText === null
          ? []
          : [
              {
                rule: 'text-in-months',
                cells: cellsRef(sheet, r, firstText),
                text: `${cellsRef(sheet, r, firstText)} holds text, not a number: that month is read as blank`,
              },
            ],
      cumulativeWord,
      average,
      unit: unitText ?? (percent ? '%' : null),
    };
    seen.set(dupKey, series);
    out.push(series);
    if (member && open !== null) open.members.push(series.link as WideLink);
  }
  closeGroup(lastRow);
  for (const x of groups)
    for (const link of x.members) {
      link.firstRow = x.start;
      link.lastRow = x.end;
    }
}

function scanSheet(g: Grid, out: LineSeries[]): void {
  let block: WideBlock | null = null;
  let lastEnd = g.r0;
  const flush = () => {
    if (block !== null) readWideBlock(g, block, out);
    block = null;
  };
  for (let r = g.r0; r <= g.r1; r++) {
    // A header row of text over rows with numbers may start a row table.
    let texts = 0;
    let numbers = 0;
    for (let c = g.c0; c <= g.c1; c++) {
      const v = g.at(r, c);
      if (isText(v)) texts++;
      else if (isNum(v)) numbers++;
    }
    const run = texts + numbers >= 3 ? monthRun(g, r) : null;
    if (run === null && texts >= 2 && numbers === 0 && r < g.r1) {
      const end = readRowTable(g, r, lastEnd, out);
      if (end !== null) {
        flush();
        r = end - 1;
        lastEnd = end;
        continue;
      }
    }
    if (run !== null) {
      // Rows without numbers just above a header are its block's title, not the last rows of the block before.
      const prior = block as WideBlock | null;
      while (prior !== null && prior.rows.length > 0 && prior.numbers[prior.numbers.length - 1] === 0) {
        prior.rows.pop();
        prior.numbers.pop();
      }
      flush();
      const titles = titleAbove(g, r, lastEnd);
      const rowTexts: string[] = [];
      for (let c = g.c0; c < run[0].col; c++) {
        const v = g.at(r, c);
        if (isText(v)) rowTexts.push(v);
      }
      const title = [...titles.map((t) => t.text), ...rowTexts].join(' ');
      let yearHint: number | null = null;
      for (const t of [...rowTexts, ...titles.map((x) => x.text), g.sheet.name]) {
        yearHint = yearIn(t);
        if (yearHint !== null) break;
      }
      let line: PlanLine | null = null;
      let lineEvidence: Evidence | null = null;
      for (const t of [...rowTexts.map((text) => ({ text, row: r, col: run[0].col - 1 })), ...titles]) {
        const l = titleLine(t.text);
        if (l !== null) {
          line = l;
          lineEvidence = {
            rule: 'line-title',
            cells: cellsRef(g.sheet.name, t.row, Math.max(0, t.col)),
            text: `"${t.text}" over the block`,
          };
          break;
        }
      }
      if (line === null) {
        const l = titleLine(g.sheet.name);
        if (l !== null) {
          line = l;
          lineEvidence = {
            rule: 'line-sheet',
            cells: cellsRef(g.sheet.name, r, run[0].col),
            text: `sheet "${g.sheet.name}"`,
          };
        }
      }
      block = { header: r, run, rows: [], numbers: [], yearHint, line, lineEvidence, title };
      lastEnd = r;
      continue;
    }
    if (block !== null && (texts > 0 || numbers > 0)) {
      (block as WideBlock).rows.push(r);
      (block as WideBlock).numbers.push(numbers);
    }
  }
  flush();
}

// ---------------------------------------------------------------------------------------------------------
// Measures: lines of the same label (and entity) put together, with suggestions.

function toMonthKey(s: SeriesMonth, fy: number): MonthKey {
  if (s.m !== null) return { year: s.y ?? 0, month: s.m };
  const m = ((fy - 1 + (s.idx ?? 1) - 1) % 12) + 1;
  return { year: 0, month: m };
}

function nonDecreasingRunning(values: (number | null)[]): boolean {
  const nums = values.filter((v): v is number => v !== null);
  if (nums.length < 4 || nums[0] <= 0) return false;
  for (let i = 1; i < nums.length; i++) if (nums[i] < nums[i - 1]) return false;
  return nums[nums.length - 1] >= 0.6 * nums.length * nums[0];
}

function fallOf(s: LineSeries): string | null {
  let prev: number | null = null;
  for (let i = 0; i < s.values.length; i++) {
    const v = s.values[i];
    if (v === null) continue;
    if (prev !== null && v < prev) {
      const m = s.months[i];
      return m.m !== null
        ? ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m.m - 1]
        : `P${m.idx}`;
    }
    prev = v;
  }
  return null;
}

/** The add-in's own sheets hold months too (the tracker's monthly columns, the links' outputs): never plans. */
function addInSheet(sheet: ScanSheet): string | null {
  const at = (r: number, c: number) => sheet.values[r]?.[c];
  if (at(0, 0) === 'Plan Links' && at(7, 0) === 'Key') return 'links sheet';
  for (let r = 0; r < Math.min(10, sheet.values.length); r++)
    if (at(r, 0) === 'Team' && at(r, 1) === 'CSF' && at(r, 2) === 'Metric') return 'CSF Tracker';
  return null;
}

export function detect(sheets: ScanSheet[], selection: ScanSelection | null = null): Detected {
  const notes: string[] = [];
  const found: LineSeries[] = [];
  for (const sheet of sheets) {
    if (selection !== null && selection.sheet !== sheet.name) continue;
    const own = addInSheet(sheet);
    if (own !== null) {
      notes.push(`${sheet.name}: skipped, it is the add-in's ${own}`);
      continue;
    }
    const g = gridOf(sheet, selection);
    const before = found.length;
    if (g.r1 >= g.r0 && g.c1 >= g.c0) scanSheet(g, found);
    if (found.length === before)
      notes.push(`${sheet.name}: no months across or down, and no table of dated rows`);
  }
  // Lines of one measure: the same label (and entity), first come first served.
  const lines = new Map<string, Partial<Record<PlanLine, LineSeries>>>();
  const keyOfMeasure = new Map<string, string>();
  for (const s of found) {
    const id = `${fold(s.label)}\u0000${fold(s.entity ?? '')}`;
    let key = keyOfMeasure.get(id);
    if (key === undefined) {
      key = `${s.sheet}|${s.label}${s.entity === null ? '' : `|${s.entity}`}`;
      keyOfMeasure.set(id, key);
      lines.set(key, {});
    }
    const entry = lines.get(key) as Partial<Record<PlanLine, LineSeries>>;
    if (entry[s.line] === undefined) entry[s.line] = s;
    else
      notes.push(
        `${s.label}: a second ${s.line} line in ${s.source} is not used (the first is ${entry[s.line]?.source})`,
      );
  }
  const measures: FoundMeasure[] = [];
  for (const [key, entry] of lines) {
    const all = [entry.plan, entry.actual].filter((x): x is LineSeries => x !== undefined);
    const head = all[0];
    // Months of both lines, in order.
    const byKey = new Map<string, SeriesMonth>();
    for (const s of all) for (const m of s.months) if (!byKey.has(keyOf(m))) byKey.set(keyOf(m), m);
    const months = [...byKey.values()];
    if (months.every((m) => m.y !== null && m.m !== null))
      months.sort(
        (a, b) => monthIndex(a.y as number, a.m as number) - monthIndex(b.y as number, b.m as number),
      );
    const valuesOf = (s: LineSeries | undefined) => {
      if (s === undefined) return months.map(() => null);
      const at = new Map<string, number | null>();
      s.months.forEach((x, i) => at.set(keyOf(x), s.values[i]));
      return months.map((m) => at.get(keyOf(m)) ?? null);
    };
    const evidence: Evidence[] = all.flatMap((s) => s.evidence);
    const problems: Evidence[] = all.flatMap((s) => s.problems);
    let input: 'Per month' | 'Cumulative' = 'Per month';
    const word = all.map((s) => s.cumulativeWord).find((w) => w !== null) ?? null;
    if (word !== null) {
      input = 'Cumulative';
      evidence.push({ ...word, text: `running totals: ${word.text}` });
    } else {
      const rising = all.find((s) => nonDecreasingRunning(s.values));
      if (rising !== undefined) {
        input = 'Cumulative';
        evidence.push({
          rule: 'non-decreasing',
          cells: rising.source,
          text: 'the figures never fall and grow like a running total',
        });
      }
    }
    if (input === 'Cumulative')
      for (const s of all) {
        const fall = fallOf(s);
        if (fall !== null)
          problems.push({
            rule: 'running-total-falls',
            cells: s.source,
            text: `the running total falls in ${fall} (${s.source})`,
          });
      }
    const avg = all.map((s) => s.average).find((a) => a !== null) ?? null;
    if (avg !== null) evidence.push({ ...avg, text: `a rate: ${avg.text}` });
    const calendar = months.filter((m) => m.m !== null);
    const fiscalYearStart = calendar.length > 0 && months[0].m !== null ? months[0].m : null;
    if (months.some((m) => m.m !== null && m.y === null))
      notes.push(`${head.label}: the month headers give no year; they are matched to the tracker by month`);
    measures.push({
      key,
      label: head.label,
      entity: head.entity,
      layout: head.layout,
      sources: { plan: entry.plan?.source ?? null, actual: entry.actual?.source ?? null },
      months: months.map((m) => toMonthKey(m, fiscalYearStart ?? 1)),
      values: { plan: valuesOf(entry.plan), actual: valuesOf(entry.actual) },
      suggested: {
        input: avg !== null && word === null ? 'Per month' : input,
        aggregation: avg !== null ? 'Average' : 'Sum',
        unit: all.map((s) => s.unit).find((u) => u !== null) ?? null,
        fiscalYearStart,
      },
      evidence,
      problems,
    });
  }
  if (measures.length === 0)
    notes.push('No planning table was found: select the plan (labels and month headers) and scan again');
  return { scan: { measures, notes }, lines };
}

/** The core's first entry point: the planning tables in `sheets` (or in the selection), described. */
export function detectPlans(sheets: ScanSheet[], selection: ScanSelection | null = null): PlanScan {
  return detect(sheets, selection).scan;
}
