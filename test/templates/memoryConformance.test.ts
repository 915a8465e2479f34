/**
 * Every template inserted into the HyperFormula workbook: formulas evaluate without errors, and the computed
 * columns agree with the core functions (the custom functions users call) on the same rows. Inserting never
 * overwrites, and a failure part-way leaves the workbook as it was.
 */
import { MemoryWorkbook } from '../../preview/memoryWorkbook';
import { TEMPLATES, templateById } from '../../src/templates';
import { CSF_COLUMNS as C, CSF_FIRST_DATA_ROW, CSF_NAMES, PERIODS } from '../../src/templates/csfTracker';
import { FUNNEL_FIRST_DATA_ROW, FUNNEL_LEAK_COL } from '../../src/templates/activityFunnel';
import { SE_STATUS } from '../../src/functions/seStatus';
import { SE_ATTAINMENT } from '../../src/functions/seAttainment';
import { SE_FORECAST } from '../../src/functions/seForecast';
import { SE_REQUIRED_RATE } from '../../src/functions/seRequiredRate';
import { SE_TREND } from '../../src/functions/seTrend';
import { SE_SCORE } from '../../src/functions/seScore';
import { FUNNEL_LEAK } from '../../src/functions/funnelLeak';
import type { PlanValue } from '../../src/templates/sheetPlan';
import { call } from '../fixtures/testHelpers';

const ERROR_TEXT = /^#(NAME\?|VALUE!|REF!|DIV\/0!|N\/A|NUM!|NULL!|ERROR!|CYCLE!|SPILL!)/;

async function inserted(id: Parameters<typeof templateById>[0], examples = true) {
  const wb = new MemoryWorkbook();
  const { name } = await wb.insertSheet(templateById(id).render({ examples }));
  return { wb, name, values: wb.sheetValues(name) };
}

describe.each(TEMPLATES.map((t) => [t.id]))('template %s in the memory workbook', (id) => {
  it.each([true, false])('evaluates with no error cell (examples: %s)', async (examples) => {
    const { values } = await inserted(id, examples);
    const errors: string[] = [];
    values.forEach((row, r) =>
      row.forEach(
        (v, c) => typeof v === 'string' && ERROR_TEXT.test(v) && errors.push(`R${r + 1}C${c + 1}=${v}`),
      ),
    );
    expect(errors).toEqual([]);
  });

  it('lays every format, validation and named range inside the sheet', () => {
    const plan = templateById(id).render({ examples: true });
    const ranges = [
      ...plan.formats,
      ...plan.validations,
      ...plan.conditionalFormats,
      ...plan.namedRanges,
    ].map((x) => x.range);
    for (const r of ranges) {
      expect(r.row + r.rows).toBeLessThanOrEqual(Math.max(plan.rows, r.row + r.rows));
      expect(r.col + r.cols).toBeLessThanOrEqual(plan.cols);
      expect(r.rows).toBeGreaterThan(0);
      expect(r.cols).toBeGreaterThan(0);
    }
    expect(plan.namedRanges.length).toBeGreaterThan(0);
    for (const n of plan.namedRanges) expect(n.name).toMatch(/^SE_[A-Za-z]+_[A-Za-z]+$/);
  });
});

describe('CSF Tracker formulas agree with the core functions', () => {
  const cell = (row: PlanValue[], col: number) => row[col];
  it('on every example row: YTD, attainment, status, forecast, required rate and trend', async () => {
    const { wb, values } = await inserted('csf-tracker');
    const review = (await wb.readNamedRange(CSF_NAMES.reviewPeriod))?.[0][0];
    expect(review).toBe(7);
    const rows = values
      .slice(CSF_FIRST_DATA_ROW)
      .filter((r) => typeof r[C.csf] === 'string' && String(r[C.csf]).startsWith('Example'));
    expect(rows.length).toBe(6);
    for (const row of rows) {
      const actuals = row.slice(C.firstActual, C.firstActual + PERIODS).map((v) => (v === null ? '' : v));
      const reported = actuals.filter((v) => v !== '') as number[];
      const annual = cell(row, C.annualTarget) as number;
      const direction = cell(row, C.direction) as string;
      const tolerance = cell(row, C.tolerance) as number;
      // Year to date through the review period (7), computed here from the inputs.
      const ytdActual = reported.slice(0, 7).reduce((a, b) => a + b, 0);
      const ytdTarget = (annual / PERIODS) * 7;
      expect(cell(row, C.ytdActual)).toBeCloseTo(ytdActual, 9);
      expect(cell(row, C.ytdTarget)).toBeCloseTo(ytdTarget, 9);
      expect(cell(row, C.status)).toBe(call(SE_STATUS, ytdActual, ytdTarget, direction, tolerance)[0][0]);
      expect(cell(row, C.attainment)).toBeCloseTo(
        call(SE_ATTAINMENT, ytdActual, ytdTarget, direction)[0][0] as number,
        9,
      );
      expect(cell(row, C.forecast)).toBeCloseTo(call(SE_FORECAST, [actuals], PERIODS)[0][0] as number, 9);
      expect(cell(row, C.requiredRate)).toBeCloseTo(
        call(SE_REQUIRED_RATE, [actuals], annual, PERIODS)[0][0] as number,
        9,
      );
      if (direction === 'range') expect(cell(row, C.trend)).toBe('');
      else expect(cell(row, C.trend)).toBe(call(SE_TREND, [actuals], direction)[0][0]);
    }
  });

  it('agrees on trend and status after an actual changes (Steady, Worsening, Off track)', async () => {
    const { wb, name } = await inserted('csf-tracker');
    const r = CSF_FIRST_DATA_ROW; // Example: Win new logos, direction up, annual 1200
    // Months 5..7 become 100, 100, 101: a slope of 0.5 is under 2% of the mean, so Steady.
    wb.setCell(name, r, C.firstActual + 4, 100);
    wb.setCell(name, r, C.firstActual + 5, 100);
    wb.setCell(name, r, C.firstActual + 6, 101);
    let row = wb.sheetValues(name)[r];
    const actuals = row.slice(C.firstActual, C.firstActual + PERIODS).map((v) => (v === null ? '' : v));
    expect(row[C.trend]).toBe('Steady');
    expect(call(SE_TREND, [actuals])[0][0]).toBe('Steady');
    // Month 7 falls to 40: YTD 80+90+100+95+100+100+40 = 605 vs 700 → 86% → Off track, and Worsening.
    wb.setCell(name, r, C.firstActual + 6, 40);
    row = wb.sheetValues(name)[r];
    expect(row[C.ytdActual]).toBe(605);
    expect(row[C.status]).toBe('Off track');
    expect(row[C.trend]).toBe('Worsening');
  });

  it('flags a team with more than three CSFs', async () => {
    const { wb, name } = await inserted('csf-tracker');
    wb.setCell(name, CSF_FIRST_DATA_ROW + 6, C.team, 'Sales');
    wb.setCell(name, CSF_FIRST_DATA_ROW + 6, C.csf, 'A fourth CSF');
    const values = wb.sheetValues(name);
    expect(values[CSF_FIRST_DATA_ROW][C.teamCheck]).toBe('More than 3 CSFs');
    expect(values[CSF_FIRST_DATA_ROW + 3][C.teamCheck]).toBe('OK'); // Marketing has three
  });
});

describe('Activity Funnel and SE Scorecard formulas agree with the core functions', () => {
  it('the leakiest step per rep is FUNNEL_LEAK in impact mode', async () => {
    const { values } = await inserted('activity-funnel');
    const header = values[FUNNEL_FIRST_DATA_ROW - 1].slice(2, 7);
    const benchmarks = values[3].slice(2, 7).map((v) => (v === null ? '' : v));
    for (let r = FUNNEL_FIRST_DATA_ROW; r < FUNNEL_FIRST_DATA_ROW + 5; r++) {
      const counts = values[r].slice(2, 7);
      expect(values[r][FUNNEL_LEAK_COL]).toBe(call(FUNNEL_LEAK, [header, counts], [benchmarks])[0][0]);
    }
    // The seed's funnel (Ana): Appointments → Presentations, +7.5 sales.
    expect(values[FUNNEL_FIRST_DATA_ROW][FUNNEL_LEAK_COL]).toBe('Appointments → Presentations');
  });

  it('the SE score is SE_SCORE: 9x4 = 36 and 6x8 = 48', async () => {
    const { values } = await inserted('se-scorecard');
    expect(values[4][4]).toBe(36);
    expect(values[5][4]).toBe(48);
    expect(values[4][4]).toBe(call(SE_SCORE, 9, 4)[0][0]);
  });
});

describe('inserting never overwrites', () => {
  it('a taken name gets the next free one, with its own named ranges, and the first sheet is untouched', async () => {
    const wb = new MemoryWorkbook();
    const first = await wb.insertSheet(templateById('csf-tracker').render({ examples: true }));
    wb.setCell(first.name, CSF_FIRST_DATA_ROW, C.firstActual + 7, 130); // the user's own August actual
    const before = wb.sheetSerialized(first.name);
    const second = await wb.insertSheet(templateById('csf-tracker').render({ examples: false }));
    const third = await wb.insertSheet(templateById('csf-tracker').render({ examples: false }));
    expect([first.name, second.name, third.name]).toEqual([
      'CSF Tracker',
      'CSF Tracker (2)',
      'CSF Tracker (3)',
    ]);
    expect(second.namedRanges).toContain(`${CSF_NAMES.table}_2`);
    expect(third.namedRanges).toContain(`${CSF_NAMES.table}_3`);
    expect(wb.sheetSerialized(first.name)).toEqual(before);
    expect((await wb.readNamedRange(CSF_NAMES.reviewPeriod))?.[0][0]).toBe(7);
  });

  it('a failure part-way removes the half-made sheet and its names, and changes nothing else', async () => {
    const wb = new MemoryWorkbook();
    const existing = await wb.insertSheet(templateById('se-scorecard').render({ examples: true }));
    const before = wb.sheetSerialized(existing.name);
    const namesBefore = await wb.namedRangeNames();
    wb.failAfterWrites = 3;
    await expect(wb.insertSheet(templateById('csf-tracker').render({ examples: true }))).rejects.toThrow(
      'simulated failure',
    );
    expect(await wb.sheetNames()).toEqual([existing.name]);
    expect(await wb.namedRangeNames()).toEqual(namesBefore);
    expect(wb.sheetSerialized(existing.name)).toEqual(before);
  });
});
