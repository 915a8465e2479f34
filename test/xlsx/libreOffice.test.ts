/**
 * The third engine: the exported templates workbook, recalculated by LibreOffice Calc (headless), must give
 * every formula cell the value HyperFormula gives it; the CSF Tracker's rows must show what the measure model
 * computes from their cells, and the Activity Funnel and SE Scorecard rows must agree with the core functions.
 * LibreOffice is required: missing, it is installed (root + apt) or the suite fails with the install command;
 * it is never skipped.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ValueType, type Worksheet } from 'exceljs';
import { formulaFunctions } from '../../preview/planToXlsx';
import { writeTemplatesXlsx, type TemplatesWorkbook } from '../../scripts/lib/templatesXlsx';
import { TEMPLATES } from '../../src/templates';
import {
  FUNNEL_BENCHMARK_ROW,
  FUNNEL_COLUMNS,
  FUNNEL_FIRST_DATA_ROW,
  FUNNEL_LEAK_COL,
} from '../../src/templates/activityFunnel';
import { CSF_COLUMNS as C, CSF_FIRST_DATA_ROW, CSF_SETTINGS, PERIODS } from '../../src/templates/csfTracker';
import { csfFigures, defaultReviewMonth, type MeasureRow } from '../../src/measures/measure';
import { periodLabel } from '../../src/review/calendar';
import type { PlanValue, SheetPlan } from '../../src/templates/sheetPlan';
import { SE_SCORE } from '../../src/functions/seScore';
import { FUNNEL_LEAK } from '../../src/functions/funnelLeak';
import { call } from '../fixtures/testHelpers';
import { convertWithLibreOffice, ensureSoffice } from './libreOffice';
import { readCell, readXlsx, sheetGrid } from './xlsxFiles';

/**
 * Functions every engine has computed alike since Excel 2007 (no `_xlfn.` prefix in .xlsx). Extend only with
 * classic ones: a newer function would be #NAME? in older Excel and needs the prefix in the file.
 */
const CLASSIC_FUNCTIONS = new Set([
  'IF',
  'SUM',
  'SUMIF',
  'COUNT',
  'COUNTA',
  'COUNTIF',
  'AND',
  'OR',
  'NOT',
  'ABS',
  'MIN',
  'MAX',
  'INDEX',
  'MATCH',
  'CHOOSE',
  'MOD',
  'TODAY',
  'ISNUMBER',
  'ISTEXT',
  'N',
  // The Activity Funnel's: all in ECMA-376's own function list (IFERROR came with Excel 2007 and the .xlsx format
  // itself), so Excel writes them bare; only functions added after 2007 take _xlfn. (MS-XLSX 2.2.2).
  'INT',
  'IFERROR',
  'COUNTBLANK',
  'COLUMNS',
  'PRODUCT',
  'LOWER',
]);

/** Cached result the scratch copy carries in every formula cell: it survives only if nothing recalculated. */
const STALE = 'STALE (not recalculated)';

const plans = TEMPLATES.map((t) => ({ ...t.render({ examples: true }), name: t.title }));

function formulaCells(plan: SheetPlan): { row: number; col: number; formula: string }[] {
  const out: { row: number; col: number; formula: string }[] = [];
  plan.cells.forEach((line, row) =>
    line.forEach((cell, col) => {
      if ('formula' in cell) out.push({ row, col, formula: cell.formula });
    }),
  );
  return out;
}

describe('template formulas are portable', () => {
  it.each(plans.map((p) => [p.name, p]))('%s calls only classic functions', (_name, plan) => {
    const cells = formulaCells(plan);
    const foreign = new Set<string>();
    for (const { formula } of cells) {
      expect(formula).toMatch(/^=/);
      expect(formula).not.toMatch(/_xlfn\.|_xlws\./i);
      for (const fn of formulaFunctions(formula)) if (!CLASSIC_FUNCTIONS.has(fn)) foreign.add(fn);
    }
    expect([...foreign]).toEqual([]);
  });

  it('the function scanner sees calls, not text', () => {
    expect(
      formulaFunctions('=IF(A1="SUM(x)",INDEX(B1:C1,1,MATCH(MAX(B1:C1),B1:C1,0)),_xlfn.IFS(1))'),
    ).toEqual(['IF', 'INDEX', 'MATCH', 'MAX', '_XLFN.IFS']);
  });
});

/** Equal as spreadsheet values: numbers to 1e-9 (relative beyond 1), text and booleans exactly, blank as blank. */
function sameValue(got: PlanValue, want: PlanValue): boolean {
  if (typeof want === 'number' && typeof got === 'number')
    return Math.abs(got - want) <= 1e-9 * Math.max(1, Math.abs(want), Math.abs(got));
  return got === want;
}

describe('LibreOffice recalculation of the exported templates', () => {
  let built: TemplatesWorkbook;
  /** LibreOffice's output of the export as written (HyperFormula's values cached). */
  const recalculated = new Map<string, Worksheet>();
  /** LibreOffice's output of the scratch copy whose every cached result was STALE. */
  const fromStale = new Map<string, Worksheet>();
  let definedNames: { name: string; ranges: string[] }[] = [];

  beforeAll(
    async () => {
      const soffice = ensureSoffice((line) => process.stderr.write(`${line}\n`));
      const dir = await mkdtemp(join(tmpdir(), 'se-xlsx-'));
      const exported = join(dir, 'se-toolkit-templates.xlsx');
      built = await writeTemplatesXlsx(exported);

      const stale = await readXlsx(exported);
      stale.eachSheet((sheet) =>
        sheet.eachRow((row) =>
          row.eachCell((cell) => {
            if (cell.type === ValueType.Formula) cell.value = { formula: cell.formula, result: STALE };
          }),
        ),
      );
      const staleFile = join(dir, 'stale-copy.xlsx');
      await stale.xlsx.writeFile(staleFile);

      const { outputs, millis } = await convertWithLibreOffice(soffice, [exported, staleFile]);
      process.stderr.write(`LibreOffice recalculated 2 workbooks in ${millis} ms\n`);
      const [out, outStale] = await Promise.all(outputs.map(readXlsx));
      for (const plan of plans) {
        const sheet = out.getWorksheet(plan.name);
        const sheetStale = outStale.getWorksheet(plan.name);
        if (sheet === undefined || sheetStale === undefined)
          throw new Error(`LibreOffice lost sheet ${plan.name}`);
        recalculated.set(plan.name, sheet);
        fromStale.set(plan.name, sheetStale);
      }
      definedNames = out.definedNames.model;
    },
    20 * 60 * 1000,
  );

  it('really recalculated: no stale cached result survives in the scratch copy', () => {
    expect(plans.reduce((n, p) => n + formulaCells(p).length, 0)).toBeGreaterThan(600);
    const survivors: string[] = [];
    for (const plan of plans)
      for (const { row, col } of formulaCells(plan))
        if (readCell(fromStale.get(plan.name)!, row, col).value === STALE)
          survivors.push(`${plan.name}!R${row + 1}C${col + 1}`);
    expect(survivors).toEqual([]);
  });

  describe.each(plans.map((p) => [p.name, p]))('%s', (name, plan) => {
    const compare = (source: Map<string, Worksheet>) => {
      const hf = built.memory.sheetValues(name);
      const sheet = source.get(name)!;
      const differences: string[] = [];
      const cells = formulaCells(plan);
      for (const { row, col, formula } of cells) {
        const lo = readCell(sheet, row, col);
        const want = hf[row]?.[col] ?? null;
        if (lo.formula === null)
          differences.push(`R${row + 1}C${col + 1}: LibreOffice dropped the formula ${formula}`);
        else if (!sameValue(lo.value, want))
          differences.push(
            `R${row + 1}C${col + 1}: LibreOffice ${JSON.stringify(lo.value)}, HyperFormula ${JSON.stringify(want)}  ${formula}`,
          );
      }
      return { differences, count: cells.length };
    };

    it('every formula cell: LibreOffice = HyperFormula', () => {
      const { differences, count } = compare(recalculated);
      expect(count).toBe(formulaCells(plan).length);
      expect(differences).toEqual([]);
    });

    it('the same from the copy with stale cached results', () => {
      expect(compare(fromStale).differences).toEqual([]);
    });

    it('every constant comes back as written', () => {
      const sheet = recalculated.get(name)!;
      const differences: string[] = [];
      plan.cells.forEach((line, row) =>
        line.forEach((cell, col) => {
          if ('formula' in cell) return;
          const got = readCell(sheet, row, col);
          // An empty text constant is written as a blank cell.
          const want = cell.value === '' ? null : cell.value;
          if (got.formula !== null || !sameValue(got.value, want))
            differences.push(
              `R${row + 1}C${col + 1}: ${JSON.stringify(got)} ≠ ${JSON.stringify(cell.value)}`,
            );
        }),
      );
      expect(differences).toEqual([]);
    });

    it('keeps its named ranges', () => {
      for (const n of plan.namedRanges) {
        const entry = definedNames.find((d) => d.name === n.name);
        expect(entry).toBeDefined();
        expect(entry!.ranges.length).toBe(1);
      }
    });
  });

  const lo = (name: string) => {
    const plan = plans.find((p) => p.name === name)!;
    return sheetGrid(recalculated.get(name)!, plan.rows, plan.cols);
  };

  it('CSF Tracker rows show what the measure model (csfFigures) computes from the same cells', () => {
    const plan = plans[0];
    const values = lo('CSF Tracker');
    const cell = (key: keyof typeof CSF_SETTINGS) => values[CSF_SETTINGS[key].row][CSF_SETTINGS[key].col];
    const rows = values
      .slice(CSF_FIRST_DATA_ROW)
      .filter((r) => typeof r[C.csf] === 'string' && String(r[C.csf]).startsWith('Example'));
    expect(rows.length).toBe(6);
    const measure = (r: PlanValue[]): MeasureRow => ({
      aggregation: r[C.aggregation],
      input: r[C.input],
      direction: r[C.direction],
      tolerance: r[C.tolerance],
      annualTarget: r[C.annualTarget],
      targets: r.slice(C.firstTarget, C.firstTarget + PERIODS),
      actuals: r.slice(C.firstActual, C.firstActual + PERIODS),
    });
    expect(cell('reviewPeriod')).toBeNull();
    const month = defaultReviewMonth(rows.map(measure));
    expect(month).toBe(7);
    expect(cell('reviewMonthUsed')).toBe(month);
    const cal = { startMonth: cell('fiscalYearStart') as number, firstYear: cell('firstYear') as number };
    const defaults = {
      tolerance: cell('defaultTolerance') as number,
      steadyShare: cell('steadyShare') as number,
    };
    const statuses = new Set<PlanValue>();
    const differences: string[] = [];
    for (const row of rows) {
      const f = csfFigures(measure(row), month, (p) => periodLabel(cal, p), defaults);
      const want: [number, PlanValue][] = [
        [C.through, `${f.awaiting ? 'through ' : ''}${periodLabel(cal, f.through)}`],
        [C.ytdTarget, f.ytdTarget],
        [C.ytdActual, f.ytdActual],
        [C.variance, f.variance],
        [C.side, f.favourable ? 'Favourable' : 'Unfavourable'],
        [C.attainment, f.attainment],
        [C.status, f.status],
        [C.forecast, f.forecast],
        [C.forecastGap, f.forecastGap],
        [C.needed, f.needed],
        [C.trend, f.trend],
        [C.check, f.flag ?? f.note ?? ''],
      ];
      for (const [col, v] of want)
        if (!sameValue(row[col] ?? '', v ?? ''))
          differences.push(
            `${String(row[C.csf])} column ${col}: ${JSON.stringify(row[col])} ≠ ${JSON.stringify(v)}`,
          );
      statuses.add(row[C.status]);
    }
    expect(differences).toEqual([]);
    // The examples show every status: a late actual (Awaiting actual), a cost and a rate at risk.
    expect([...statuses].sort()).toEqual(['At risk', 'Awaiting actual', 'Off track', 'On track']);
    expect(plan.name).toBe('CSF Tracker');
  });

  it('Activity Funnel: the leakiest step per rep is FUNNEL_LEAK in impact mode', () => {
    const values = lo('Activity Funnel');
    const header = values[FUNNEL_FIRST_DATA_ROW - 1].slice(2, 7);
    // Benchmarks sit above the conversion columns: one per step (n − 1), as FUNNEL_LEAK takes them.
    const C = FUNNEL_COLUMNS;
    const benchmarks = values[FUNNEL_BENCHMARK_ROW].slice(C.conversions, C.conversions + 4).map(
      (v) => v ?? '',
    );
    expect(benchmarks).toEqual([0.35, 0.65, 0.7, 0.3]); // the seed's benchmarks
    for (let r = FUNNEL_FIRST_DATA_ROW; r < FUNNEL_FIRST_DATA_ROW + 5; r++) {
      const counts = values[r].slice(2, 7);
      expect(values[r][FUNNEL_LEAK_COL]).toBe(call(FUNNEL_LEAK, [header, counts], [benchmarks])[0][0]);
    }
    expect(values[FUNNEL_FIRST_DATA_ROW][FUNNEL_LEAK_COL]).toBe('Appointments → Presentations');
  });

  it('SE Scorecard: the score is SE_SCORE (9x4 = 36, 6x8 = 48)', () => {
    const values = lo('SE Scorecard');
    expect(values[4][4]).toBe(36);
    expect(values[5][4]).toBe(48);
    for (let r = 4; r < 6; r++) expect(values[r][4]).toBe(call(SE_SCORE, values[r][2], values[r][3])[0][0]);
  });

  it('Coaching Log: status (computed with TODAY()) is a known category on every example row', () => {
    // TODAY() makes the exact value depend on the run date; both engines ran within seconds of each other,
    // so the cell comparison above is exact except across midnight. Here: the categories themselves.
    const plan = plans.find((p) => p.name === 'Coaching Log')!;
    const values = lo('Coaching Log');
    const statusCells = formulaCells(plan).filter((c) => c.formula.includes('TODAY()'));
    expect(statusCells.length).toBeGreaterThan(0);
    for (const { row, col } of statusCells)
      expect(['', 'Open', 'Done', 'Overdue']).toContain(values[row][col]);
    expect(statusCells.some(({ row, col }) => values[row][col] !== '')).toBe(true);
  });
});
