/**
 * Connect my plan (issue 11): how long detection takes on the two sizes the issue names, a 50,000-row long
 * table of dated rows and a 2,000 x 40 wide sheet (target: under 1 s each). The sheets are built once; the time
 * is the median of several runs after a warm-up. Exported for `npm run bench` (bench/run.ts) and the speed test.
 */
import { performance } from 'node:perf_hooks';
import { detectPlans } from '../src/connect/detect';
import type { ScanSheet } from '../src/connect/types';
import type { PlanValue } from '../src/templates/sheetPlan';

const EPOCH = Date.UTC(1899, 11, 30);
const serial = (y: number, m: number, d: number) => Math.round((Date.UTC(y, m - 1, d) - EPOCH) / 86_400_000);

/** Dated rows: date, region, measure, line, amount; 50,000 rows over two years. */
export function longTable(rows = 50_000): ScanSheet {
  const values: PlanValue[][] = [['Date', 'Region', 'Measure', 'Line', 'Amount']];
  const formats: (string | null)[][] = [[null, null, null, null, null]];
  const regions = ['North', 'South', 'East', 'West'];
  const measures = ['Revenue', 'Units', 'Calls'];
  let seed = 11;
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const first = serial(2025, 1, 1);
  for (let i = 0; i < rows; i++) {
    values.push([
      first + Math.floor((i / rows) * 730),
      regions[i % 4],
      measures[i % 3],
      i % 5 === 0 ? 'Budget' : 'Actual',
      Math.round(rnd() * 100_000) / 100,
    ]);
    formats.push(['yyyy-mm-dd', null, null, null, '#,##0.00']);
  }
  return { name: 'Transactions', values, formats };
}

/** 2,000 rows x 40 columns: measure, line, 36 months (Jan 2024 - Dec 2026), total, unit. */
export function wideSheet(rows = 2_000): ScanSheet {
  const months = Array.from({ length: 36 }, (_, i) => serial(2024 + Math.floor(i / 12), (i % 12) + 1, 1));
  const values: PlanValue[][] = [['Measure', 'Line', ...months, 'Total', 'Unit']];
  const formats: (string | null)[][] = [[null, null, ...months.map(() => 'mmm-yy'), null, null]];
  let seed = 5;
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  for (let r = 1; r < rows; r++) {
    const line = r % 2 === 1 ? 'Plan' : 'Actual';
    const cells = months.map(() => Math.round(rnd() * 1_000_000) / 100);
    values.push([`Account ${Math.ceil(r / 2)}`, line, ...cells, null, 'k€']);
    formats.push([null, null, ...months.map(() => '#,##0'), null, null]);
  }
  return { name: 'Plan', values, formats };
}

/** Median milliseconds of `runs` detections after two warm-up runs, and what was found. */
export function timeDetection(sheet: ScanSheet, runs = 5): { ms: number; measures: number } {
  let measures = 0;
  for (let i = 0; i < 2; i++) measures = detectPlans([sheet]).measures.length;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    detectPlans([sheet]);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], measures };
}

/** The bench section: one row per size. */
export function connectSection(): {
  title: string;
  headers: string[];
  numeric: boolean[];
  rows: string[][];
  notes: string[];
} {
  const cases: [string, ScanSheet][] = [
    ['long table, 50,000 dated rows x 5', longTable()],
    ['wide sheet, 2,000 rows x 40', wideSheet()],
  ];
  const rows = cases.map(([name, sheet]) => {
    const t = timeDetection(sheet);
    return [name, t.ms.toFixed(0), String(t.measures), t.ms < 1000 ? 'yes' : 'NO'];
  });
  return {
    title: 'Connect my plan: detection time',
    headers: ['sheet', 'ms (median of 5)', 'measures found', 'under 1 s'],
    numeric: [false, true, true, false],
    rows,
    notes: [
      'detectPlans reads each sheet in one pass: header rows are tried once, a row table is read to its end.',
    ],
  };
}

if (require.main === module) {
  const s = connectSection();
  console.log(s.title);
  for (const r of s.rows) console.log(r.join('  '));
}
