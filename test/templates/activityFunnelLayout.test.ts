/**
 * The Activity Funnel's layout (issue 13, item 2; SPEC §2) and its formulas evaluated by the preview's engine
 * (HyperFormula), against the core functions on the same inputs. test/xlsx/activityFunnel.libreoffice.test.ts
 * does the same through LibreOffice.
 */
import { MemoryWorkbook } from '../../preview/memoryWorkbook';
import { FUNNEL_LEAK } from '../../src/functions/funnelLeak';
import { FUNNEL_STEPS } from '../../src/functions/funnelSteps';
import { FUNNEL_TARGETS } from '../../src/functions/funnelTargets';
import { readFunnel, coachingFocus } from '../../src/review/coaching';
import { columnLetter } from '../../src/templates/a1';
import {
  activityFunnel,
  FUNNEL_BENCHMARK_ROW as B,
  FUNNEL_COLUMNS as C,
  FUNNEL_FIRST_DATA_ROW as FIRST,
  FUNNEL_HEADER_ROW as H,
  FUNNEL_LEAK_COL,
  FUNNEL_NAMES,
  FUNNEL_RISE_CHECK,
  FUNNEL_STAGES,
} from '../../src/templates/activityFunnel';
import type { CellRange, PlanValue, SheetPlan } from '../../src/templates/sheetPlan';
import { call } from '../fixtures/testHelpers';

const STAGES = FUNNEL_STAGES.length;
const STEPS = STAGES - 1;

function formulaAt(plan: SheetPlan, r: number, c: number): string | null {
  const cell = plan.cells[r]?.[c];
  return cell !== undefined && 'formula' in cell ? cell.formula : null;
}

/** A formula with its references made relative to its own cell (R1C1-like), to compare shapes down a column. */
function shape(formula: string, row: number, col: number): string {
  return formula.replace(/(\$?)([A-Z]{1,3})(\$?)(\d+)(?![\d(])/g, (_m, ca, letters, ra, digits) => {
    let c = 0;
    for (const ch of letters as string) c = c * 26 + ch.charCodeAt(0) - 64;
    const colPart = ca === '$' ? `C${c - 1}` : `C[${c - 1 - col}]`;
    const rowPart = ra === '$' ? `R${Number(digits) - 1}` : `R[${Number(digits) - 1 - row}]`;
    return rowPart + colPart;
  });
}

function inRange(r: CellRange, row: number, col: number): boolean {
  return row >= r.row && row < r.row + r.rows && col >= r.col && col < r.col + r.cols;
}

describe('Activity Funnel layout (FAST)', () => {
  const plan = activityFunnel.render({ examples: true, rows: 1000 });
  const dataFormulas: { r: number; c: number; f: string }[] = [];
  plan.cells.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (r >= FIRST && 'formula' in cell) dataFormulas.push({ r, c, f: cell.formula });
    }),
  );

  it('every formula is at most 120 characters, even on row 1006', () => {
    const all = plan.cells.flatMap((row) => row.flatMap((c) => ('formula' in c ? [c.formula] : [])));
    expect(all.length).toBeGreaterThan(1000);
    const long = all.filter((f) => f.length > 120);
    expect(long).toEqual([]);
  });

  it('one formula shape down each column', () => {
    const shapes = new Map<number, Set<string>>();
    for (const { r, c, f } of dataFormulas) {
      const set = shapes.get(c) ?? new Set<string>();
      set.add(shape(f, r, c));
      shapes.set(c, set);
    }
    expect(shapes.size).toBe(C.atStake - C.lost + 1);
    for (const [c, set] of shapes) expect([columnLetter(c), set.size]).toEqual([columnLetter(c), 1]);
  });

  it('no constants buried in formulas: no number but 0 and 1 (the benchmarks are cells)', () => {
    const constants = dataFormulas
      .map(({ f }) => f.replace(/"[^"]*"/g, '').replace(/\$?[A-Z]{1,3}\$?\d+/g, ''))
      .flatMap((f) => f.match(/\d+(\.\d+)?/g) ?? [])
      .filter((n) => n !== '0' && n !== '1');
    expect([...new Set(constants)]).toEqual([]);
  });

  it('uses only functions Excel, Google Sheets and LibreOffice compute alike, and no array arithmetic', () => {
    const allowed = new Set([
      'IF',
      'IFERROR',
      'AND',
      'OR',
      'N',
      'INT',
      'COUNT',
      'COUNTBLANK',
      'COLUMNS',
      'MIN',
      'MAX',
      'INDEX',
      'MATCH',
      'PRODUCT',
      'LOWER',
    ]);
    const used = new Set(
      plan.cells.flatMap((row) =>
        row.flatMap((c) =>
          'formula' in c
            ? [...c.formula.replace(/"[^"]*"/g, '').matchAll(/([A-Z][A-Z.]*)\(/g)].map((m) => m[1])
            : [],
        ),
      ),
    );
    for (const fn of used) expect([fn, allowed.has(fn)]).toEqual([fn, true]);
    expect(used.has('SUMPRODUCT')).toBe(false);
  });

  it('inputs, workings and outputs are apart: inputs left and white, everything after them computed (grey)', () => {
    // No formula among the inputs (month, rep, counts, goal) of a data row; every cell after them is one.
    for (let c = 0; c <= C.goal; c++) expect(formulaAt(plan, FIRST + 10, c)).toBeNull();
    for (let c = C.lost; c <= C.atStake; c++) expect(formulaAt(plan, FIRST + 10, c)).not.toBeNull();
    const grey = plan.formats.filter((f) => f.background === '#f3f3f3');
    for (let c = C.lost; c <= C.atStake; c++)
      expect(grey.some((f) => inRange(f.range, FIRST + 10, c))).toBe(true);
    for (let c = 0; c <= C.goal; c++) expect(grey.some((f) => inRange(f.range, FIRST + 10, c))).toBe(false);
  });
});

describe('Activity Funnel headers, formats and highlights', () => {
  const plan = activityFunnel.render({ examples: false });
  const formatAt = (r: number, c: number) =>
    plan.formats.filter((f) => inRange(f.range, r, c) && f.numberFormat !== undefined).pop()?.numberFormat;

  it('benchmarks sit above the conversion columns (a named range of one per step), not above the counts', () => {
    const named = plan.namedRanges.find((n) => n.name === FUNNEL_NAMES.benchmarks)!;
    expect(named.range).toEqual({ row: B, col: C.conversions, rows: 1, cols: STEPS });
    expect(named.range.row).toBe(H - 1);
    for (let c = C.counts; c < C.counts + STAGES; c++)
      expect(plan.cells[B]?.[c] ?? { value: null }).toEqual({ value: null });
    expect(plan.cells[B].slice(C.conversions, C.conversions + STEPS)).toEqual([
      { value: 0.35 },
      { value: 0.65 },
      { value: 0.7 },
      { value: 0.3 },
    ]);
  });

  it('months show as "May 2026", counts, goals and targets as whole numbers, rates as %, the value at stake in words', () => {
    expect(formatAt(FIRST, C.month)).toBe('mmm yyyy');
    for (let s = 0; s < STAGES; s++) {
      expect(formatAt(FIRST, C.counts + s)).toBe('#,##0');
      expect(formatAt(FIRST, C.targets + s)).toBe('#,##0');
      expect(formatAt(FIRST, C.ofTarget + s)).toBe('0%');
    }
    expect(formatAt(FIRST, C.goal)).toBe('#,##0');
    for (let s = 0; s < STEPS; s++) expect(formatAt(FIRST, C.conversions + s)).toBe('0%');
    expect(formatAt(FIRST, C.atStake)).toBe('"+"#,##0.0" sales at benchmark"');
  });

  it('below-benchmark conversions are highlighted, and so is a row whose counts rise', () => {
    const below = plan.conditionalFormats.find((f) => f.textEquals === 'Below')!;
    expect(below.range).toMatchObject({ row: FIRST, col: C.flags, cols: STEPS });
    expect(below.background).toBe('#f4cccc');
    expect(
      plan.conditionalFormats.some((f) => f.textEquals === FUNNEL_RISE_CHECK && f.range.col === C.check),
    ).toBe(true);
  });

  it('plain headers that follow the stage names', async () => {
    const wb = new MemoryWorkbook();
    const { name } = await wb.insertSheet(plan);
    const header = wb.sheetValues(name)[H];
    expect(header.slice(0, C.goal + 1)).toEqual(['Month', 'Rep', ...FUNNEL_STAGES, 'Sales goal']);
    expect(header[C.targets]).toBe('Contacts target');
    expect(header[C.ofTarget + 4]).toBe('Sales % of target');
    expect(header[C.conversions + 1]).toBe('Appointments → Presentations');
    expect(header[C.flags + 1]).toBe('Appointments → Presentations vs benchmark');
    expect(header[C.extras + 1]).toBe('Extra sales if Appointments → Presentations hit benchmark');
    expect(header[C.leak]).toBe('Coaching focus (leakiest step)');
    expect(header[C.atStake]).toBe('Value at stake');
    for (const h of header) expect(String(h)).not.toMatch(/bench…|\+ at/);
    // Renaming a stage renames it everywhere.
    wb.setCell(name, H, C.counts + 4, 'Deals');
    const renamed = wb.sheetValues(name)[H];
    expect([renamed[C.goal], renamed[C.targets + 4], renamed[C.conversions + 3]]).toEqual([
      'Deals goal',
      'Deals target',
      'Opportunities → Deals',
    ]);
  });
});

/** Rows typed into a blank sheet, evaluated by HyperFormula, beside the core functions on the same cells. */
describe('Activity Funnel formulas agree with FUNNEL_TARGETS, FUNNEL_STEPS and FUNNEL_LEAK (HyperFormula)', () => {
  const rows: { rep: string; counts: number[]; goal: number | null }[] = [
    { rep: 'Ana', counts: [1000, 300, 150, 100, 25], goal: 25 }, // the seed funnel
    { rep: 'Ben', counts: [800, 300, 210, 150, 40], goal: 40 },
    { rep: 'New rep', counts: [200, 60, 0, 0, 0], goal: 10 }, // an empty stage: later steps at benchmark
    { rep: 'Eva', counts: [1100, 330, 230, 165, 55], goal: null },
    { rep: 'Zed', counts: [400, 400, 400, 400, 400], goal: 1 }, // no leak
    { rep: 'Ivo', counts: [10, 10, 7, 0, 0], goal: 84 },
  ];
  let values: PlanValue[][];
  let wb: MemoryWorkbook;
  let name: string;
  beforeAll(async () => {
    wb = new MemoryWorkbook();
    ({ name } = await wb.insertSheet(activityFunnel.render({ examples: false })));
    rows.forEach((row, i) => {
      wb.setCell(name, FIRST + i, C.month, 46204 + i); // 2026-07-01 …
      wb.setCell(name, FIRST + i, C.rep, row.rep);
      row.counts.forEach((n, s) => wb.setCell(name, FIRST + i, C.counts + s, n));
      wb.setCell(name, FIRST + i, C.goal, row.goal);
    });
    values = wb.sheetValues(name);
  });
  const benchmarks = () => values[B].slice(C.conversions, C.conversions + STEPS);
  const stageNames = () => values[H].slice(C.counts, C.counts + STAGES);

  it("Ana (the seed's funnel): targets 529, 185, 120, 84, 25; leak Appointments → Presentations worth +7.5", () => {
    const ana = values[FIRST];
    expect(ana.slice(C.targets, C.targets + STAGES)).toEqual([529, 185, 120, 84, 25]);
    expect(ana[C.conversions + 1]).toBe(0.5);
    expect(ana[C.flags + 1]).toBe('Below');
    expect(ana[FUNNEL_LEAK_COL]).toBe('Appointments → Presentations');
    expect(ana[C.atStake]).toBeCloseTo(7.5, 12);
    expect(ana[C.check]).toBe('OK');
  });

  it('every row agrees with the core on the same inputs', () => {
    rows.forEach((row, i) => {
      const v = values[FIRST + i];
      const where = `${row.rep} (row ${FIRST + i + 1})`;
      const targets =
        row.goal === null ? ['', '', '', '', ''] : call(FUNNEL_TARGETS, row.goal, [benchmarks()])[0];
      expect([where, v.slice(C.targets, C.targets + STAGES).map((x) => x ?? '')]).toEqual([where, targets]);
      const stages = [stageNames(), row.counts];
      const leak = call(FUNNEL_LEAK, stages, [benchmarks()])[0][0];
      expect([where, v[C.leak]]).toEqual([where, leak]);
      const steps = call(FUNNEL_STEPS, stages, [benchmarks()]).slice(1);
      steps.forEach((step, s) => {
        const [, , , conversion, , , lost, extra] = step;
        expect([where, s, v[C.lost + s]]).toEqual([where, s, lost]);
        if (conversion === '') expect([where, s, v[C.conversions + s]]).toEqual([where, s, '']);
        else expect(v[C.conversions + s] as number).toBeCloseTo(conversion as number, 12);
        if (extra === '') expect([where, s, v[C.extras + s]]).toEqual([where, s, '']);
        else expect(v[C.extras + s] as number).toBeCloseTo(extra as number, 9);
      });
      const atStake =
        leak === 'No leak' ? '' : Math.max(...steps.map((s) => (s[7] === '' ? 0 : (s[7] as number))));
      if (atStake === '') expect([where, v[C.atStake]]).toEqual([where, '']);
      else expect(v[C.atStake] as number).toBeCloseTo(atStake, 9);
    });
  });

  it('a row whose counts rise says so where FUNNEL_LEAK refuses it; the leak stays blank', () => {
    const r = FIRST + rows.length;
    // Statuses sorted alphabetically: Appointments 300, Contacts 1000, …
    [300, 1000, 100, 150, 25].forEach((n, s) => wb.setCell(name, r, C.counts + s, n));
    wb.setCell(name, r, C.rep, 'Sorted');
    const v = wb.sheetValues(name)[r];
    expect(v[C.check]).toBe(FUNNEL_RISE_CHECK);
    expect([v[C.leak], v[C.atStake]]).toEqual(['', '']);
    expect(() => call(FUNNEL_LEAK, [stageNames(), [300, 1000, 100, 150, 25]], [benchmarks()])).toThrow(
      /counts rise from Contacts \(300\) to Appointments \(1000\)/,
    );
  });

  it('the monthly review reads the new layout: stages, benchmarks, goals and the coaching focus by name', async () => {
    const table = await wb.readTable(FUNNEL_NAMES.table);
    const bench = await wb.readNamedRange(FUNNEL_NAMES.benchmarks);
    const funnel = readFunnel(table, bench, { startMonth: 1, firstYear: 2026 })!;
    expect(funnel.stages).toEqual([...FUNNEL_STAGES]);
    expect(funnel.benchmarks).toEqual([0.35, 0.65, 0.7, 0.3]);
    expect(funnel.rows[0]).toMatchObject({ rep: 'Ana', period: 7, month: '2026-07', goal: 25 });
    const focus = coachingFocus(funnel, [7], 'Jul');
    const ana = focus.find((f) => f.rep === 'Ana')!;
    expect(ana).toMatchObject({
      leak: 'Appointments → Presentations',
      conversion: 0.5,
      benchmark: 0.65,
      basis: 'Jul',
    });
    expect(ana.extra).toBeCloseTo(7.5, 12);
    for (const f of focus) {
      const i = rows.findIndex((row) => row.rep === f.rep);
      if (i >= 0) expect([f.rep, f.leak]).toEqual([f.rep, values[FIRST + i][C.leak]]);
    }
    expect(focus.find((f) => f.rep === 'Sorted')!.leak).toBe(
      'Counts rise from Contacts (300) to Appointments (1000): check the stage order',
    );
  });
});

describe('an Activity Funnel inserted with the earlier layout still reads', () => {
  it('benchmarks above the counts with the first blank, conversions after the counts', () => {
    const header: PlanValue[] = ['Month', 'Rep', ...FUNNEL_STAGES, 'Contacts → Appointments'];
    const funnel = readFunnel(
      {
        sheet: 'Activity Funnel',
        row: 5,
        col: 0,
        values: [header, ['Example: Jul', 'Ana', 1000, 300, 150, 100, 25, 0.3]],
      },
      [[null, 0.35, 0.65, 0.7, 0.3]],
      { startMonth: 1, firstYear: 2026 },
    )!;
    expect(funnel.benchmarks).toEqual([0.35, 0.65, 0.7, 0.3]);
    expect(funnel.rows[0]).toMatchObject({ rep: 'Ana', period: null, month: null, goal: null });
    expect(coachingFocus(funnel, [7], 'Jul')[0]).toMatchObject({
      leak: 'Appointments → Presentations',
      basis: 'latest row',
    });
  });
});
