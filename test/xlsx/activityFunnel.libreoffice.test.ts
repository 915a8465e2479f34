/**
 * The Activity Funnel's template formulas agree with FUNNEL_TARGETS, FUNNEL_STEPS and FUNNEL_LEAK on the same
 * inputs, recalculated by LibreOffice (issue 13, "Done when"): seeded random funnels, each sheet with its own
 * benchmarks, written through the template to one .xlsx and recalculated in a single soffice run. Expected
 * values come from the core functions called on the cells the sheet holds (stage names from its header,
 * benchmarks from the row above the conversions); text exactly, numbers to 1e-9 relative.
 *
 * The rows cover narrowing funnels (with level steps and empty stages), counts that rise (statuses out of
 * order), blank and fractional goals, goals that are an exact multiple of a rate (84 at 70% needs 120), and a
 * sheet with a blank benchmark.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workbook, type Worksheet } from 'exceljs';
import { addPlanWorksheet } from '../../preview/planToXlsx';
import { FUNNEL_LEAK } from '../../src/functions/funnelLeak';
import { FUNNEL_STEPS } from '../../src/functions/funnelSteps';
import { FUNNEL_TARGETS } from '../../src/functions/funnelTargets';
import { SeError } from '../../src/values';
import {
  activityFunnel,
  FUNNEL_BENCHMARK_ROW as B,
  FUNNEL_CHECK_OK,
  FUNNEL_COLUMNS as C,
  FUNNEL_FIRST_DATA_ROW as FIRST,
  FUNNEL_RISE_CHECK,
  FUNNEL_STAGES,
} from '../../src/templates/activityFunnel';
import type { PlanValue, SheetPlan } from '../../src/templates/sheetPlan';
import { call } from '../fixtures/testHelpers';
import { convertWithLibreOffice, ensureSoffice } from './libreOffice';
import { readCell, readXlsx } from './xlsxFiles';

const STAGES = FUNNEL_STAGES.length;
const STEPS = STAGES - 1;
const ROWS_PER_SHEET = 120;
const SEED = 20_261_130;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Kind = 'narrowing' | 'rising' | 'empty stage' | 'level';
interface FunnelCase {
  kind: Kind;
  counts: number[];
  goal: number | null;
}
interface SheetCase {
  name: string;
  benchmarks: (number | null)[];
  rows: FunnelCase[];
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

function makeSheets(): SheetCase[] {
  const rand = mulberry32(SEED);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const percent = () => int(5, 100) / 100;
  const benchmarkSets: (number | null)[][] = [
    [0.35, 0.65, 0.7, 0.3], // the seed's
    [0.35, 0.65, 0.3, 0.7], // the last step at 70%: goals of 84 need exactly 120
    [percent(), percent(), percent(), percent()],
    [percent(), percent(), percent(), percent()],
    [int(1, 999) / 1000, int(1, 999) / 1000, int(100, 1000) / 1000, int(100, 1000) / 1000],
    [0.4, null, 0.5, 0.25], // a step without a benchmark: no targets above it, no extra for it
  ];
  return benchmarkSets.map((benchmarks, k) => {
    const rows: FunnelCase[] = [];
    if (k === 0) rows.push({ kind: 'narrowing', counts: [1000, 300, 150, 100, 25], goal: 25 });
    if (k === 1) rows.push({ kind: 'narrowing', counts: [1000, 300, 150, 100, 84], goal: 84 });
    while (rows.length < ROWS_PER_SHEET) {
      const i = rows.length;
      const kind: Kind = (['narrowing', 'narrowing', 'narrowing', 'rising', 'empty stage', 'level'] as const)[
        i % 6
      ];
      let counts: number[];
      if (kind === 'rising') counts = Array.from({ length: STAGES }, () => int(0, 1500));
      else {
        counts = [int(0, 2000)];
        for (let s = 1; s < STAGES; s++) counts.push(Math.round(counts[s - 1] * rand()));
        if (kind === 'empty stage') for (let s = int(1, STAGES - 1); s < STAGES; s++) counts[s] = 0;
        if (kind === 'level') counts[int(1, STAGES - 1)] = counts[0];
        counts.sort((a, b) => b - a);
      }
      // A rising case that happens to fall is a narrowing one.
      const falls = counts.every((c, s) => s === 0 || c <= counts[s - 1]);
      const last = benchmarks[STEPS - 1];
      let goal: number | null;
      switch (i % 5) {
        case 0:
          goal = null;
          break;
        case 1:
          goal = int(0, 100) + int(0, 99) / 100; // fractional goals stay as typed
          break;
        case 2: {
          // An exact multiple of the last rate: N × rate is whole, so the stage above needs exactly N.
          const p = Math.round((last ?? 0.3) * 1000);
          const n = int(1, 20) * (1000 / gcd(p, 1000));
          goal = (n * p) / 1000;
          break;
        }
        default:
          goal = int(0, 500);
      }
      rows.push({ kind: kind === 'rising' && falls ? 'narrowing' : kind, counts, goal });
    }
    return { name: `Funnel ${k + 1}`, benchmarks, rows };
  });
}

const sheets = makeSheets();

/** The template with this sheet's benchmarks and rows typed in, as a user would. */
function sheetPlan(s: SheetCase): SheetPlan {
  const plan = activityFunnel.render({ examples: false, rows: s.rows.length });
  const put = (r: number, c: number, value: PlanValue) => {
    while (plan.cells[r].length <= c) plan.cells[r].push({ value: null });
    plan.cells[r][c] = { value };
  };
  s.benchmarks.forEach((b, i) => put(B, C.conversions + i, b));
  s.rows.forEach((row, i) => {
    put(FIRST + i, C.month, 46204); // 1 Jul 2026
    put(FIRST + i, C.rep, `Rep ${i + 1}`);
    row.counts.forEach((n, st) => put(FIRST + i, C.counts + st, n));
    put(FIRST + i, C.goal, row.goal);
  });
  // The cells only: formats, validation and colours do not change a value.
  return { ...plan, name: s.name, formats: [], validations: [], conditionalFormats: [], columnWidths: [] };
}

function sameValue(got: PlanValue, want: PlanValue): boolean {
  const g = got ?? '';
  const w = want ?? '';
  if (typeof w === 'number' && typeof g === 'number')
    return Math.abs(g - w) <= 1e-9 * Math.max(1, Math.abs(w), Math.abs(g));
  return g === w;
}

function attempt(run: () => unknown[][]): unknown[][] | SeError {
  try {
    return run();
  } catch (e) {
    if (e instanceof SeError) return e;
    throw e;
  }
}

/** Two extras equal up to floating-point noise but not bit for bit: the core and MATCH may pick either. */
function nearTie(extras: number[]): boolean {
  const top = Math.max(...extras);
  return extras.some((x) => x !== top && Math.abs(x - top) <= 1e-9 * Math.max(1, Math.abs(top)));
}

const tally = new Map<string, number>();
const count = (key: string) => tally.set(key, (tally.get(key) ?? 0) + 1);

/** Every cell of one row that differs from the core, in words. */
function rowDifferences(sheet: Worksheet, s: SheetCase, i: number): string[] {
  const row = s.rows[i];
  const r = FIRST + i;
  const out: string[] = [];
  const got = (c: number) => readCell(sheet, r, c).value;
  const expect = (what: string, c: number, want: PlanValue) => {
    if (!sameValue(got(c), want))
      out.push(
        `${s.name} row ${r + 1} ${what}: LibreOffice ${JSON.stringify(got(c))}, core ${JSON.stringify(want)}; ` +
          `counts ${row.counts.join(', ')}, goal ${row.goal}, benchmarks ${s.benchmarks.join(', ')}`,
      );
  };
  // The inputs as the sheet holds them: stage names from its header, benchmarks from its row.
  const names = FUNNEL_STAGES.map((_, st) => readCell(sheet, FIRST - 1, C.counts + st).value);
  const bench = s.benchmarks.map((b) => b ?? '');
  const stages = [names, row.counts];

  // Targets: FUNNEL_TARGETS(goal, benchmarks); blank for a blank goal; the template leaves the stages above a
  // missing benchmark blank, where FUNNEL_TARGETS refuses the blank rate.
  const targets = row.goal === null ? null : attempt(() => call(FUNNEL_TARGETS, row.goal, [bench]));
  if (targets === null) for (let st = 0; st < STAGES; st++) expect(`target ${st + 1}`, C.targets + st, '');
  else if (targets instanceof SeError) {
    const missing = s.benchmarks.lastIndexOf(null);
    count('targets: refused by FUNNEL_TARGETS (a blank benchmark), blank in the sheet');
    for (let st = 0; st <= missing; st++) expect(`target ${st + 1}`, C.targets + st, '');
  } else {
    count('targets: compared with FUNNEL_TARGETS');
    const t = targets[0] as number[];
    t.forEach((v, st) => expect(`target ${st + 1}`, C.targets + st, v));
    t.forEach((v, st) => expect(`% of target ${st + 1}`, C.ofTarget + st, v === 0 ? '' : row.counts[st] / v));
  }

  // Steps and leak.
  const steps = attempt(() => call(FUNNEL_STEPS, stages, [bench]));
  const leak = attempt(() => call(FUNNEL_LEAK, stages, [bench]));
  if (steps instanceof SeError || leak instanceof SeError) {
    if (!(steps instanceof SeError && leak instanceof SeError && /counts rise/.test(leak.message)))
      out.push(`${s.name} row ${r + 1}: the core refused only one of FUNNEL_STEPS / FUNNEL_LEAK`);
    count(`rows: counts rise (${row.kind})`);
    expect('check', C.check, FUNNEL_RISE_CHECK);
    expect('leak', C.leak, '');
    expect('value at stake', C.atStake, '');
    return out;
  }
  count(`rows: ${row.kind}`);
  expect('check', C.check, FUNNEL_CHECK_OK);
  const table = steps.slice(1);
  table.forEach((step, st) => {
    const [, , , conversion, benchmark, , lost, extra] = step as PlanValue[];
    expect(`lost ${st + 1}`, C.lost + st, lost);
    expect(`conversion ${st + 1}`, C.conversions + st, conversion);
    expect(`extra ${st + 1}`, C.extras + st, extra);
    const flag =
      conversion === '' || benchmark === ''
        ? ''
        : (conversion as number) < (benchmark as number)
          ? 'Below'
          : 'OK';
    expect(`vs benchmark ${st + 1}`, C.flags + st, flag);
  });
  const label = leak[0][0] as string;
  const extras = table.map((step) => (step[7] === '' ? 0 : (step[7] as number)));
  if (nearTie(extras)) {
    count('leak: near tie (floating-point noise), label not compared');
  } else {
    expect('leak', C.leak, label);
    count(label === 'No leak' ? 'leak: No leak' : 'leak: a step');
  }
  const at = table.findIndex((step) => step[0] === label);
  expect('value at stake', C.atStake, label === 'No leak' ? '' : (table[at]?.[7] as PlanValue));
  return out;
}

describe('Activity Funnel formulas = FUNNEL_TARGETS / FUNNEL_STEPS / FUNNEL_LEAK, recalculated by LibreOffice', () => {
  const recalculated = new Map<string, Worksheet>();

  beforeAll(
    async () => {
      const soffice = ensureSoffice((line) => process.stderr.write(`${line}\n`));
      const dir = await mkdtemp(join(tmpdir(), 'se-funnel-lo-'));
      const wb = new Workbook();
      wb.calcProperties.fullCalcOnLoad = true;
      for (const s of sheets) addPlanWorksheet(wb, sheetPlan(s));
      const file = join(dir, 'funnels.xlsx');
      await wb.xlsx.writeFile(file);
      const { outputs, millis } = await convertWithLibreOffice(soffice, [file]);
      (await readXlsx(outputs[0])).eachSheet((sheet) => recalculated.set(sheet.name, sheet));
      process.stderr.write(`Activity Funnel LibreOffice test: one soffice run, ${millis} ms\n`);
    },
    10 * 60 * 1000,
  );

  it('every sheet came back recalculated', () => {
    expect([...recalculated.keys()]).toEqual(sheets.map((s) => s.name));
    // The seed's funnel, by hand: 529, 185, 120, 84, 25 and Appointments → Presentations (+7.5 sales).
    const first = recalculated.get('Funnel 1')!;
    const row = (c: number) => readCell(first, FIRST, c).value;
    expect(FUNNEL_STAGES.map((_, st) => row(C.targets + st))).toEqual([529, 185, 120, 84, 25]);
    expect(row(C.leak)).toBe('Appointments → Presentations');
    expect(row(C.atStake)).toBeCloseTo(7.5, 12);
  });

  it('84 at 70% needs exactly 120 in LibreOffice too', () => {
    const s = sheets[1];
    expect(s.benchmarks[STEPS - 1]).toBe(0.7);
    const sheet = recalculated.get(s.name)!;
    let checked = 0;
    s.rows.forEach((row, i) => {
      if (row.goal !== 84) return;
      expect(readCell(sheet, FIRST + i, C.targets + STEPS - 1).value).toBe(120);
      checked++;
    });
    expect(checked).toBeGreaterThan(0);
  });

  it('every computed cell of every row equals the core functions on the same inputs', () => {
    const found: string[] = [];
    for (const s of sheets) {
      const sheet = recalculated.get(s.name)!;
      s.rows.forEach((_, i) => found.push(...rowDifferences(sheet, s, i)));
    }
    process.stderr.write(
      `${sheets.length * ROWS_PER_SHEET} funnels:\n${[...tally.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => `  ${k}: ${v}`)
        .join('\n')}\n`,
    );
    expect({ count: found.length, first: found.slice(0, 12) }).toEqual({ count: 0, first: [] });
    // The cases really cover what they claim.
    for (const key of [
      'rows: narrowing',
      'rows: empty stage',
      'rows: level',
      'targets: compared with FUNNEL_TARGETS',
      'targets: refused by FUNNEL_TARGETS (a blank benchmark), blank in the sheet',
      'leak: a step',
    ])
      expect([key, (tally.get(key) ?? 0) > 5]).toEqual([key, true]);
    expect([...tally.keys()].some((k) => k.startsWith('rows: counts rise'))).toBe(true);
  });
});
