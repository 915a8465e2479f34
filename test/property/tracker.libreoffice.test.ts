/**
 * The CSF Tracker's formulas are the measure model (issue 9, first "Done when"): 1,000 random trackers, seeded,
 * each written through the template to .xlsx and recalculated by LibreOffice, must show in every computed cell
 * what csfFigures() computes from the same cells: the review month used, Through, YTD target and actual,
 * variance, side, attainment, status, forecast, forecast vs annual target, needed per month, trend, check and
 * CSFs in team, and the monthly figures the workings use. Statuses and words exactly; numbers to 1e-9,
 * relative beyond 1.
 *
 * The trackers cover every aggregation x input x direction x sign of target (each combination in turn), and
 * per row a shape: complete, a gap, text in a month, a falling running total, YTD values on an exact band
 * edge, a trend on the Steady edge, a missing target; settings as listed, blank, in another letter case or
 * invalid; default or typed targets; a typed or a blank review month (late actuals are Awaiting actual).
 */
import { mkdtemp } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workbook, type Worksheet } from 'exceljs';
import { addPlanWorksheet } from '../../preview/planToXlsx';
import type { CsfFigures } from '../../src/measures/measure';
import {
  CSF_COLUMNS as C,
  CSF_FIRST_DATA_ROW,
  CSF_SETTINGS,
  CSF_WORKINGS as W,
} from '../../src/templates/csfTracker';
import type { PlanValue, SheetPlan } from '../../src/templates/sheetPlan';
import { convertInParallel, ensureSoffice } from '../xlsx/libreOffice';
import { readCell, readXlsx } from '../xlsx/xlsxFiles';
import {
  AGGREGATION_KINDS,
  DIRECTION_KINDS,
  expectedFigures,
  INPUT_KINDS,
  monthName,
  SIGN_KINDS,
  trackerCases,
  shiftRows,
  stackedPlan,
  trackerPlan,
  type Placement,
  type TrackerCase,
} from './trackerCases';

const SEED = 20_261_109;
const TRACKERS = 1000;
/** Trackers on a sheet of their own; the rest stacked, this many to a sheet. */
const STANDALONE = 40;
const TRACKERS_PER_SHEET = 40;
/** Workbooks, and LibreOffice runs side by side (each converts its workbooks one after the other). */
const WORKBOOKS = 2;
const PROCESSES = Math.min(2, Math.max(1, availableParallelism()));

const cases = trackerCases(TRACKERS, SEED);

/** Equal as spreadsheet values: numbers to 1e-9 (relative beyond 1), text exactly; null (blank) as "". */
function sameValue(got: PlanValue, want: PlanValue): boolean {
  const g = got ?? '';
  const w = want ?? '';
  if (typeof w === 'number' && typeof g === 'number')
    return Math.abs(g - w) <= 1e-9 * Math.max(1, Math.abs(w), Math.abs(g));
  return g === w;
}

/** The computed cells of one row as the model says they should read. */
function expectedCells(f: CsfFigures | null, month: (p: number) => string): [string, number, PlanValue][] {
  const n = (v: number | null): PlanValue => v ?? '';
  if (f === null) {
    // A row without a CSF name is not computed.
    const computed: number[] = [C.through, C.ytdTarget, C.ytdActual, C.variance, C.side, C.attainment];
    computed.push(C.status, C.forecast, C.forecastGap, C.needed, C.trend, C.check);
    return computed.map((col) => ['blank row', col, '']);
  }
  const figures = f.flag === null;
  const through = !figures
    ? ''
    : f.through === 0
      ? 'no actual yet'
      : `${f.awaiting ? 'through ' : ''}${month(f.through)}`;
  const cells: [string, number, PlanValue][] = [
    ['Through', C.through, through],
    ['YTD target', C.ytdTarget, n(f.ytdTarget)],
    ['YTD actual', C.ytdActual, n(f.ytdActual)],
    ['Variance', C.variance, n(f.variance)],
    ['Side', C.side, f.favourable === null ? '' : f.favourable ? 'Favourable' : 'Unfavourable'],
    ['Attainment', C.attainment, n(f.attainment)],
    ['Status', C.status, f.status],
    ['Forecast', C.forecast, n(f.forecast)],
    ['Forecast vs annual target', C.forecastGap, n(f.forecastGap)],
    ['Needed per month', C.needed, n(f.needed)],
    ['Trend', C.trend, f.trend],
    ['Check', C.check, f.flag ?? f.note ?? ''],
  ];
  if (figures)
    for (let p = 0; p < f.through; p++) {
      cells.push([`Monthly actual ${p + 1}`, W.monthlyActual + p, f.monthlyActuals[p]]);
      cells.push([`Monthly target ${p + 1}`, W.monthlyTarget + p, f.monthlyTargets[p]]);
    }
  return cells;
}

/** Every difference between the recalculated sheet and the model, in words. */
function differences(t: TrackerCase, sheet: Worksheet, name: string, offset: number): string[] {
  const out: string[] = [];
  const expected = expectedFigures(t);
  const month = monthName(t.fyStart);
  const used = readCell(
    sheet,
    offset + CSF_SETTINGS.reviewMonthUsed.row,
    CSF_SETTINGS.reviewMonthUsed.col,
  ).value;
  if (used !== expected.reviewMonth)
    out.push(`${name}: review month used ${JSON.stringify(used)}, model ${expected.reviewMonth}`);
  expected.rows.forEach(({ csf, figures }, i) => {
    const row = offset + CSF_FIRST_DATA_ROW + i;
    const cells = expectedCells(figures, month);
    const teamCount = t.csfs.filter((c) => c.team === csf.team).length;
    cells.push([
      'CSFs in team',
      C.teamCheck,
      teamCount > t.maxPerTeam ? `More than ${t.maxPerTeam} CSFs` : 'OK',
    ]);
    for (const [what, col, want] of cells) {
      const got = readCell(sheet, row, col).value;
      if (!sameValue(got, want))
        out.push(
          `${name} row ${row + 1} ${what}: LibreOffice ${JSON.stringify(got)}, model ${JSON.stringify(want)}; ` +
            `case ${JSON.stringify({ ...csf, kind: undefined })} review ${t.review} fy ${t.fyStart} defaults ${JSON.stringify(t.defaults)}`,
        );
    }
  });
  return out;
}

/** How many rows of each kind ran: the test prints these. */
function tally(): string {
  const count = new Map<string, number>();
  const add = (key: string) => count.set(key, (count.get(key) ?? 0) + 1);
  let rows = 0;
  const combos = new Map<string, number>();
  for (const t of cases) {
    add(`review month: ${t.review === null ? 'blank (latest reported)' : 'typed'}`);
    const expected = expectedFigures(t);
    for (const { csf, figures } of expected.rows) {
      rows++;
      const k = csf.kind;
      add(`aggregation: ${k.aggregation}`);
      add(`input: ${k.input}`);
      add(`direction: ${k.direction}`);
      add(`sign of target: ${k.sign}`);
      add(`shape: ${k.shape}`);
      add(`settings: ${k.settings}`);
      if (k.defaultTargets) add('targets: default phasing formulas');
      if (!k.named) add('row without a CSF name');
      const combo = `${k.aggregation}/${k.input}/${k.direction}/${k.sign}`;
      combos.set(combo, (combos.get(combo) ?? 0) + 1);
      if (figures === null) continue;
      if (figures.flag !== null)
        add(
          `outcome: flagged "${figures.flag.replace(/^(Check settings: \w+|[^ ]+ [^ ]+ [^ ]+).*/, '$1')}…"`,
        );
      else
        add(
          `outcome: status ${figures.status}${figures.awaiting && figures.through > 0 ? ' (late actual)' : ''}`,
        );
      if (figures.note !== null) add('outcome: YTD target 0 (no attainment)');
      if (figures.trend !== '') add(`outcome: trend ${figures.trend}`);
      if (figures.ytdTarget !== null && figures.ytdTarget < 0) add('outcome: negative YTD target');
    }
  }
  const allCombos =
    AGGREGATION_KINDS.length * INPUT_KINDS.length * DIRECTION_KINDS.length * SIGN_KINDS.length;
  const lines = [...count.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `  ${k}: ${v}`);
  const fewest = Math.min(...combos.values());
  return (
    `${cases.length} trackers, ${rows} CSF rows; ${combos.size} of ${allCombos} aggregation x input x direction x sign combinations, each at least ${fewest} times\n` +
    lines.join('\n')
  );
}

describe('CSF Tracker formulas = the measure model, recalculated by LibreOffice', () => {
  const recalculated = new Map<string, Worksheet>();
  const placements: Placement[] = [];
  let millis = 0;

  beforeAll(
    async () => {
      const started = Date.now();
      const soffice = ensureSoffice((line) => process.stderr.write(`${line}\n`));
      const dir = await mkdtemp(join(tmpdir(), 'se-tracker-property-'));
      // The first trackers each on a sheet of their own, exactly as the template renders them; the others
      // stacked down a few sheets (LibreOffice spends most of its time per sheet, not per formula).
      const sheets: SheetPlan[] = [];
      cases.slice(0, STANDALONE).forEach((t, i) => {
        const plan = trackerPlan(t, `T${i + 1}`);
        sheets.push({ ...plan, formats: [], validations: [], conditionalFormats: [], columnWidths: [] });
        placements.push({ sheet: plan.name, offset: 0 });
      });
      for (let k = STANDALONE; k < cases.length; k += TRACKERS_PER_SHEET) {
        const batch = cases.slice(k, k + TRACKERS_PER_SHEET);
        const name = `Stack ${sheets.length + 1}`;
        const { plan, offsets } = stackedPlan(
          batch.map((t, i) => ({ t, plan: trackerPlan(t, `T${k + i + 1}`) })),
          name,
        );
        sheets.push(plan);
        offsets.forEach((offset) => placements.push({ sheet: name, offset }));
      }
      const files: string[] = [];
      const perWorkbook = Math.ceil(sheets.length / WORKBOOKS);
      for (let k = 0; k < sheets.length; k += perWorkbook) {
        const wb = new Workbook();
        wb.calcProperties.fullCalcOnLoad = true;
        // The cells only: formats, validation and colours do not change a value (test/xlsx covers them).
        for (const plan of sheets.slice(k, k + perWorkbook)) addPlanWorksheet(wb, plan);
        const file = join(dir, `trackers-${files.length + 1}.xlsx`);
        await wb.xlsx.writeFile(file);
        files.push(file);
      }
      const written = Date.now();
      const { outputs, millis: lo } = await convertInParallel(soffice, files, PROCESSES);
      for (const out of outputs) (await readXlsx(out)).eachSheet((s) => recalculated.set(s.name, s));
      millis = Date.now() - started;
      process.stderr.write(
        `Tracker property test: wrote ${files.length} workbooks in ${written - started} ms, LibreOffice recalculated them in ${lo} ms, ${millis} ms in all\n${tally()}\n`,
      );
    },
    10 * 60 * 1000,
  );

  it('covers every aggregation x input x direction x sign of target, and 1,000 trackers', () => {
    expect(cases.length).toBeGreaterThanOrEqual(1000);
    const combos = new Set(
      cases.flatMap((t) =>
        t.csfs.map((c) => `${c.kind.aggregation}/${c.kind.input}/${c.kind.direction}/${c.kind.sign}`),
      ),
    );
    expect(combos.size).toBe(
      AGGREGATION_KINDS.length * INPUT_KINDS.length * DIRECTION_KINDS.length * SIGN_KINDS.length,
    );
    expect(placements.length).toBe(cases.length);
    expect(recalculated.size).toBe(new Set(placements.map((p) => p.sheet)).size);
  });

  it('every computed cell equals csfFigures()', () => {
    const found: string[] = [];
    cases.forEach((t, i) => {
      const name = `T${i + 1}`;
      const { sheet, offset } = placements[i];
      const recalc = recalculated.get(sheet);
      if (recalc === undefined) found.push(`${name}: sheet ${sheet} missing from LibreOffice's output`);
      else found.push(...differences(t, recalc, `${name} (${sheet}, from row ${offset + 1})`, offset));
    });
    expect({ count: found.length, first: found.slice(0, 15) }).toEqual({ count: 0, first: [] });
  });

  it('really recalculated: every row with figures shows the month they run through', () => {
    // The formulas carry no cached result: an engine that did not recalculate would leave every cell blank.
    let shown = 0;
    let expected = 0;
    cases.forEach((t, i) => {
      const sheet = recalculated.get(placements[i].sheet)!;
      const month = monthName(t.fyStart);
      expectedFigures(t).rows.forEach(({ figures }, r) => {
        if (figures === null || figures.flag !== null || figures.through === 0) return;
        expected++;
        const through = readCell(sheet, placements[i].offset + CSF_FIRST_DATA_ROW + r, C.through).value;
        if (String(through).endsWith(month(figures.through))) shown++;
      });
    });
    expect(expected).toBeGreaterThan(500);
    expect(shown).toBe(expected);
  });
});

describe('stacking trackers down a sheet moves their formulas as a cut-and-paste would', () => {
  it('shifts every row number, relative or absolute, and nothing inside quotes or function names', () => {
    expect(shiftRows('=IF($K$3="",MAX(1,MAX($CH$8:$CH$9)),$K$3)', 100)).toBe(
      '=IF($K$103="",MAX(1,MAX($CH$108:$CH$109)),$K$103)',
    );
    expect(shiftRows('=IF(J8>1,"from 0% to 100% in A1",CP$5&LOG10(AB8))', 7)).toBe(
      '=IF(J15>1,"from 0% to 100% in A1",CP$12&LOG10(AB15))',
    );
  });
});
