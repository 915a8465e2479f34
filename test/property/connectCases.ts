/**
 * Random plans for the Connect my plan property tests: monthly series laid out as users lay them out (wide with a
 * line column, the line in the label, separate blocks, separate sheets; months down; long tables of dated rows or
 * of year and month columns), with random fiscal year, header style, gaps, zeros and negatives.
 */
import fc from 'fast-check';
import type { ScanSheet } from '../../src/connect/types';
import type { PlanValue } from '../../src/templates/sheetPlan';
import { monthsFrom, LONG, SHORT } from '../connect/fixtures';
import { serial } from '../connect/harness';

export const LAYOUTS = [
  'wideLineColumn',
  'wideGroups',
  'wideLabel',
  'wideBlocks',
  'wideSheets',
  'monthsDown',
  'longDaily',
  'longYearMonth',
] as const;
type Layout = (typeof LAYOUTS)[number];
const HEADERS = [
  'short',
  'long',
  'german',
  'french',
  'monYY',
  'isoMonth',
  'dates',
  'codes',
  'numbers',
] as const;
type Header = (typeof HEADERS)[number];
const LABELS = ['Revenue', 'Leads', 'Calls', 'Cost of sales', 'Deals', 'Meetings'];
const PLAN_WORDS = ['Plan', 'Budget', 'Target', 'Forecast'];
const ACTUAL_WORDS = ['Actual', 'Act', 'Actuals'];
const GERMAN = ['Jan', 'Feb', 'Mär', 'Apr', 'Mai', 'Jun', 'Jul', 'Aug', 'Sep', 'Okt', 'Nov', 'Dez'];
const FRENCH = [
  'janv.',
  'févr.',
  'mars',
  'avr.',
  'mai',
  'juin',
  'juil.',
  'août',
  'sept.',
  'oct.',
  'nov.',
  'déc.',
];

interface MonthlySeries {
  label: string;
  plan: (number | null)[] | null;
  actual: (number | null)[] | null;
}

export interface Case {
  fy: number;
  year: number;
  layout: Layout;
  header: Header;
  /** Source months start this many months before the tracker's year, and run this many months. */
  before: number;
  length: number;
  measures: MonthlySeries[];
  planWord: string;
  actualWord: string;
  split: number[];
}

const cents = fc.integer({ min: -2_000_000, max: 50_000_000 }).map((c) => c / 100);
const value: fc.Arbitrary<number | null> = fc.oneof(
  { weight: 6, arbitrary: cents },
  { weight: 1, arbitrary: fc.constant(0) },
  { weight: 2, arbitrary: fc.constant(null) },
);

export const caseArb: fc.Arbitrary<Case> = fc
  .record({
    fy: fc.integer({ min: 1, max: 12 }),
    year: fc.integer({ min: 2024, max: 2028 }),
    layout: fc.constantFrom(...LAYOUTS),
    header: fc.constantFrom(...HEADERS),
    before: fc.integer({ min: 0, max: 2 }),
    extra: fc.integer({ min: 0, max: 2 }),
    count: fc.integer({ min: 1, max: 3 }),
    lines: fc.array(fc.constantFrom('both', 'both', 'plan', 'actual'), { minLength: 3, maxLength: 3 }),
    values: fc.array(fc.array(value, { minLength: 14, maxLength: 14 }), { minLength: 6, maxLength: 6 }),
    planWord: fc.constantFrom(...PLAN_WORDS),
    actualWord: fc.constantFrom(...ACTUAL_WORDS),
    labels: fc.shuffledSubarray(LABELS, { minLength: 3, maxLength: 3 }),
    split: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 14, maxLength: 14 }),
  })
  .map((r) => {
    let { header, before, extra } = r;
    const wide = r.layout.startsWith('wide');
    // Headers without a year, and period codes, name one fiscal year: exactly the tracker's.
    if (!wide && (header === 'codes' || header === 'numbers')) header = 'dates';
    if (r.layout === 'longDaily' || r.layout === 'longYearMonth')
      header = r.layout === 'longDaily' ? 'dates' : header;
    const yearless =
      header === 'short' ||
      header === 'long' ||
      header === 'german' ||
      header === 'french' ||
      header === 'codes';
    const fy = header === 'numbers' ? 1 : r.fy;
    if (r.layout === 'longYearMonth' && !['short', 'long', 'numbers'].includes(header)) header = 'long';
    if (yearless || header === 'numbers' || r.layout === 'longYearMonth') {
      before = 0;
      extra = 0;
    }
    const length = 12 + before + extra;
    const measures = r.labels.slice(0, r.count).map((label, i) => {
      const v = r.values[i * 2].slice(0, length);
      const a = r.values[i * 2 + 1].slice(0, length);
      // Each line holds at least one number (an empty line is not a line).
      if (!v.some((x) => x !== null)) v[0] = 1;
      if (!a.some((x) => x !== null)) a[length - 1] = 2;
      return {
        label,
        plan: r.lines[i] === 'actual' ? null : v,
        actual: r.lines[i] === 'plan' ? null : a,
      };
    });
    return {
      fy,
      year: r.year,
      layout: r.layout,
      header,
      before,
      length,
      measures,
      planWord: r.planWord,
      actualWord: r.actualWord,
      split: r.split,
    };
  });

/** The source months of a case, as calendar months. */
export function sourceMonths(c: Case): { y: number; m: number }[] {
  const startZ = c.fy - 1 - c.before;
  const y = c.year + Math.floor(startZ / 12);
  const m = (((startZ % 12) + 12) % 12) + 1;
  return monthsFrom(y, m, c.length);
}

function headerCell(
  c: Case,
  x: { y: number; m: number },
  i: number,
): { value: PlanValue; format: string | null } {
  switch (c.header) {
    case 'short':
      return { value: SHORT[x.m - 1], format: null };
    case 'long':
      return { value: LONG[x.m - 1], format: null };
    case 'german':
      return { value: GERMAN[x.m - 1], format: null };
    case 'french':
      return { value: FRENCH[x.m - 1], format: null };
    case 'monYY':
      return { value: `${SHORT[x.m - 1]}-${String(x.y).slice(2)}`, format: null };
    case 'isoMonth':
      return { value: `${x.y}-${String(x.m).padStart(2, '0')}`, format: null };
    case 'dates':
      return { value: serial(x.y, x.m, 1), format: 'mmm yyyy' };
    case 'codes':
      return { value: `P${String(i + 1).padStart(2, '0')}`, format: null };
    case 'numbers':
      return { value: x.m, format: null };
  }
}

class SheetBuilder {
  values: PlanValue[][] = [];
  formats: (string | null)[][] = [];
  constructor(readonly name: string) {}
  push(values: PlanValue[], formats: (string | null)[] = []): void {
    this.values.push(values);
    this.formats.push(values.map((_, i) => formats[i] ?? null));
  }
  build(): ScanSheet {
    return { name: this.name, values: this.values, formats: this.formats };
  }
}

export function buildSources(c: Case): ScanSheet[] {
  const months = sourceMonths(c);
  const heads = months.map((x, i) => headerCell(c, x, i));
  const title = `Plan ${c.year}`;
  const wideHeader = (b: SheetBuilder, first: PlanValue[]) =>
    b.push(
      [...first, ...heads.map((h) => h.value)],
      [...first.map(() => null), ...heads.map((h) => h.format)],
    );
  switch (c.layout) {
    case 'wideLineColumn': {
      const b = new SheetBuilder('Plan');
      b.push([title]);
      wideHeader(b, ['Measure', 'Line']);
      for (const m of c.measures) {
        if (m.plan !== null) b.push([m.label, c.planWord, ...m.plan]);
        if (m.actual !== null) b.push([m.label, c.actualWord, ...m.actual]);
      }
      return [b.build()];
    }
    case 'wideLabel': {
      const b = new SheetBuilder('Plan');
      b.push([title]);
      wideHeader(b, ['Measure']);
      for (const m of c.measures) {
        if (m.plan !== null) b.push([`${m.label} ${c.planWord.toLowerCase()}`, ...m.plan]);
        if (m.actual !== null) b.push([`${m.label} ${c.actualWord.toLowerCase()}`, ...m.actual]);
      }
      return [b.build()];
    }
    case 'wideGroups': {
      // Each measure on its own row, its lines under it labelled only with the line word.
      const b = new SheetBuilder('Plan');
      b.push([title]);
      // Month numbers need a word in their row to be told from a row of data (1, 2, 3 calls).
      wideHeader(b, [c.header === 'numbers' ? 'Measure' : '']);
      for (const m of c.measures) {
        b.push([m.label]);
        if (m.plan !== null) b.push([c.planWord, ...m.plan]);
        if (m.actual !== null) b.push([c.actualWord, ...m.actual]);
      }
      return [b.build()];
    }
    case 'wideBlocks': {
      const b = new SheetBuilder('Plan');
      for (const [word, line] of [
        [c.planWord, 'plan'],
        [c.actualWord, 'actual'],
      ] as const) {
        b.push([`${word} ${c.year}`]);
        wideHeader(b, ['Measure']);
        for (const m of c.measures) {
          const v = m[line];
          // A line a measure lacks still has its row, empty (as plans leave actuals to come).
          b.push([m.label, ...(v ?? [])]);
        }
        b.push([]);
      }
      return [b.build()];
    }
    case 'wideSheets': {
      return (['plan', 'actual'] as const).map((line) => {
        const b = new SheetBuilder(line === 'plan' ? 'Budget' : 'Actuals');
        b.push([`${line === 'plan' ? c.planWord : c.actualWord} ${c.year}`]);
        wideHeader(b, ['Measure']);
        for (const m of c.measures) b.push([m.label, ...(m[line] ?? [])]);
        return b.build();
      });
    }
    case 'monthsDown': {
      const b = new SheetBuilder('Monthly');
      b.push([title]);
      const cols: { head: string; v: (number | null)[] }[] = [];
      for (const m of c.measures) {
        if (m.plan !== null) cols.push({ head: `${m.label} ${c.planWord.toLowerCase()}`, v: m.plan });
        if (m.actual !== null) cols.push({ head: `${m.label} ${c.actualWord.toLowerCase()}`, v: m.actual });
      }
      b.push(['Month', ...cols.map((x) => x.head)]);
      months.forEach((_, i) => b.push([heads[i].value, ...cols.map((x) => x.v[i])], [heads[i].format]));
      return [b.build()];
    }
    case 'longDaily': {
      const b = new SheetBuilder('Transactions');
      b.push(['Date', 'Measure', 'Line', 'Value']);
      months.forEach((x, i) => {
        for (const m of c.measures)
          for (const [line, word] of [
            ['plan', c.planWord],
            ['actual', c.actualWord],
          ] as const) {
            const v = m[line]?.[i] ?? null;
            if (v === null) continue;
            // The month's figure in 1-3 dated rows (whole cents), on days spread through the month.
            const parts = c.split[i];
            const total = Math.round(v * 100);
            const days = new Date(Date.UTC(x.y, x.m, 0)).getUTCDate();
            let left = total;
            for (let k = 0; k < parts; k++) {
              const part = k === parts - 1 ? left : Math.trunc(total / parts);
              left -= part;
              const day = k === parts - 1 ? days : 1 + k * 9;
              b.push([serial(x.y, x.m, day), m.label, word, part / 100], ['yyyy-mm-dd']);
            }
          }
      });
      return [b.build()];
    }
    case 'longYearMonth': {
      const b = new SheetBuilder('Data');
      const hasPlan = c.measures.some((m) => m.plan !== null);
      const hasActual = c.measures.some((m) => m.actual !== null);
      b.push([
        'Year',
        'Month',
        'Measure',
        ...(hasPlan ? [c.planWord] : []),
        ...(hasActual ? [c.actualWord] : []),
      ]);
      months.forEach((x, i) => {
        for (const m of c.measures) {
          const cells: PlanValue[] = [
            x.y,
            c.header === 'numbers' ? x.m : c.header === 'short' ? SHORT[x.m - 1] : LONG[x.m - 1],
            m.label,
          ];
          if (hasPlan) cells.push(m.plan?.[i] ?? null);
          if (hasActual) cells.push(m.actual?.[i] ?? null);
          b.push(cells);
        }
      });
      return [b.build()];
    }
  }
}

/** The figure a case's tracker must show for line `line` of measure `m` in fiscal period p (1-12), or null. */
export function expectedFigure(
  c: Case,
  m: Case['measures'][number],
  line: 'plan' | 'actual',
  p: number,
): number | null {
  const z = c.fy - 1 + p - 1;
  const y = c.year + Math.floor(z / 12);
  const mo = (z % 12) + 1;
  const at = sourceMonths(c).findIndex((x) => x.y === y && x.m === mo);
  return m[line] === null || at < 0 ? null : (m[line]?.[at] ?? null);
}
