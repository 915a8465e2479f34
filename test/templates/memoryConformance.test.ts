/**
 * Every template inserted into the HyperFormula workbook: formulas evaluate without errors, and the computed
 * columns agree with the core functions (the custom functions users call) on the same rows. Inserting never
 * overwrites, and a failure part-way leaves the workbook as it was.
 */
import { MemoryWorkbook } from '../../preview/memoryWorkbook';
import { TEMPLATES, templateById } from '../../src/templates';
import {
  CSF_COLUMNS as C,
  CSF_FIRST_DATA_ROW,
  CSF_NAMES,
  CSF_SETTINGS,
} from '../../src/templates/csfTracker';
import {
  FUNNEL_BENCHMARK_ROW,
  FUNNEL_COLUMNS,
  FUNNEL_FIRST_DATA_ROW,
  FUNNEL_LEAK_COL,
} from '../../src/templates/activityFunnel';
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

/** The example rows' figures as of July, worked out by hand from their inputs (SPEC §0). */
const EXAMPLE_FIGURES: Record<string, Record<string, PlanValue>> = {
  // Cumulative input 80, 170, 270, 365, 475, 580, 700 is the months 80, 90, 100, 95, 110, 105, 120; the default
  // targets are running totals of 1200 / 12 = 100 a month.
  'Win new logos': {
    through: 'Jul',
    ytdTarget: 700,
    ytdActual: 700,
    variance: 0,
    side: 'Favourable',
    attainment: 1,
    status: 'On track',
    forecast: 1200, // SPEC: runrate of 80 … 120 over 12 months is 1200
    forecastGap: 0,
    needed: (1200 - 700) / 5,
    trend: 'Improving', // 110, 105, 120: slope 5 over a mean of 111.7 (over 2%)
  },
  'Fill the funnel': {
    through: 'Jul',
    ytdTarget: 560,
    ytdActual: 442,
    variance: -118,
    side: 'Unfavourable',
    attainment: 442 / 560,
    status: 'Off track', // under 560 x 0.9 = 504
    forecast: (442 / 7) * 12,
    forecastGap: (442 / 7) * 12 - 960,
    needed: (960 - 442) / 5,
    trend: 'Worsening', // 62, 58, 55
  },
  'Sell at a sound cost': {
    through: 'Jul',
    ytdTarget: 140,
    ytdActual: 151,
    variance: 11,
    side: 'Unfavourable', // a cost over budget
    attainment: 140 / 151,
    status: 'At risk', // over 140, within 140 x 1.1 = 154
    forecast: (151 / 7) * 12,
    forecastGap: (151 / 7) * 12 - 240,
    needed: 17.8, // SPEC: "Max 17.8 k€ a month" to stay within 240
    trend: 'Improving', // 24, 23, 22: falling cost
  },
  'Generate demand': {
    through: 'through Jun', // no July actual yet
    ytdTarget: 1200,
    ytdActual: 1235,
    variance: 35,
    side: 'Favourable',
    attainment: 1235 / 1200,
    status: 'Awaiting actual',
    forecast: (1235 / 6) * 12,
    forecastGap: 70,
    needed: (2400 - 1235) / 6,
    trend: 'Improving', // 220, 205, 230
  },
  'Hand over good leads': {
    through: 'Jul',
    ytdTarget: 0.32, // a rate: targets are 32% every month
    ytdActual: 0.3, // the mean of 27%, 29%, 28%, 31%, 30%, 32%, 33%
    variance: -0.02,
    side: 'Unfavourable',
    attainment: 0.9375,
    status: 'At risk', // over 0.32 x 0.9 = 0.288
    forecast: 0.3, // a rate's run-rate is its average so far
    forecastGap: -0.02,
    needed: 0.348, // (0.32 x 12 − 2.1) / 5, a rate
    trend: 'Improving', // 30%, 32%, 33%
  },
  'Spend to plan': {
    through: 'Jul',
    ytdTarget: 210,
    ytdActual: 217,
    variance: 7,
    side: 'Favourable', // within 5% of 210 = 10.5 either side
    attainment: 1 - 7 / 210,
    status: 'On track',
    forecast: 372,
    forecastGap: 12,
    needed: 28.6,
    trend: '', // no trend for a range
  },
};

const RESULT_COLUMNS = {
  through: C.through,
  ytdTarget: C.ytdTarget,
  ytdActual: C.ytdActual,
  variance: C.variance,
  side: C.side,
  attainment: C.attainment,
  status: C.status,
  forecast: C.forecast,
  forecastGap: C.forecastGap,
  needed: C.needed,
  trend: C.trend,
  check: C.check,
};

/** The results of a row by name, numbers rounded to 9 decimals so hand-worked values compare. */
function results(row: PlanValue[]): Record<string, PlanValue> {
  const out: Record<string, PlanValue> = {};
  for (const [key, col] of Object.entries(RESULT_COLUMNS)) {
    const v = row[col];
    out[key] = typeof v === 'number' ? Math.round(v * 1e9) / 1e9 : v;
  }
  return out;
}
const rounded = (want: Record<string, PlanValue>) =>
  Object.fromEntries(
    Object.entries({ ...want, check: want.check ?? '' }).map(([k, v]) => [
      k,
      typeof v === 'number' ? Math.round(v * 1e9) / 1e9 : v,
    ]),
  );

describe('CSF Tracker: the example rows as worked by hand', () => {
  it('reviews July, the latest month any CSF reported (the review month is blank)', async () => {
    const { wb } = await inserted('csf-tracker');
    expect((await wb.readNamedRange(CSF_NAMES.reviewPeriod))?.[0][0] ?? null).toBeNull();
    expect((await wb.readNamedRange(CSF_NAMES.reviewMonthUsed))?.[0][0]).toBe(7);
  });

  it.each(Object.keys(EXAMPLE_FIGURES))('%s', async (csf) => {
    const { values } = await inserted('csf-tracker');
    const row = values.find((r) => r[C.csf] === `Example: ${csf}`)!;
    expect(results(row)).toEqual(rounded(EXAMPLE_FIGURES[csf]));
    expect(row[C.teamCheck]).toBe('OK');
  });
});

describe('CSF Tracker after edits', () => {
  const rowOf = (name: string) =>
    CSF_FIRST_DATA_ROW +
    [
      'Win new logos',
      'Fill the funnel',
      'Sell at a sound cost',
      'Generate demand',
      'Hand over good leads',
      'Spend to plan',
    ].indexOf(name);

  it('a typed review month: figures as of March, and a YTD actual exactly at the band edge is At risk', async () => {
    const { wb, name } = await inserted('csf-tracker');
    wb.setCell(name, CSF_SETTINGS.reviewPeriod.row, CSF_SETTINGS.reviewPeriod.col, 3);
    const row = wb.sheetValues(name)[rowOf('Win new logos')];
    // Through March: 270 against 300; 300 x (1 − 10%) = 270, the edge of At risk.
    expect(results(row)).toMatchObject({ through: 'Mar', ytdTarget: 300, ytdActual: 270, status: 'At risk' });
    expect(results(row).forecast).toBe(1080);
    expect(results(row).needed).toBe(Math.round(((1200 - 270) / 9) * 1e9) / 1e9);
  });

  it('a falling running total, a blank month before a reported one, and a bad setting are flagged in words', async () => {
    const { wb, name } = await inserted('csf-tracker');
    wb.setCell(name, rowOf('Win new logos'), C.firstActual + 4, 300); // May below April's 365
    wb.setCell(name, rowOf('Fill the funnel'), C.firstActual + 2, null); // March blank, April reported
    wb.setCell(name, rowOf('Sell at a sound cost'), C.direction, 'sideways');
    const values = wb.sheetValues(name);
    const check = (csf: string) => results(values[rowOf(csf)]);
    expect(check('Win new logos')).toMatchObject({
      check: 'cumulative figures fall in May',
      status: '',
      ytdActual: '',
    });
    expect(check('Fill the funnel')).toMatchObject({
      check: 'Mar has no number but a later month has; enter 0 if nothing happened',
      status: '',
    });
    expect(check('Sell at a sound cost')).toMatchObject({
      check: 'Check settings: Direction must be up, down or range',
      status: '',
      forecast: '',
    });
  });

  it('a blank July is Awaiting actual, through June; a small slope is Steady; text in a month is flagged', async () => {
    const { wb, name } = await inserted('csf-tracker');
    const funnel = rowOf('Fill the funnel');
    wb.setCell(name, funnel, C.firstActual + 6, null);
    let row = wb.sheetValues(name)[funnel];
    expect(results(row)).toMatchObject({ through: 'through Jun', status: 'Awaiting actual', ytdActual: 387 });
    // May 60, June 60, July 61: a slope of 0.5, under 2% of their mean 60.3.
    wb.setCell(name, funnel, C.firstActual + 4, 60);
    wb.setCell(name, funnel, C.firstActual + 5, 60);
    wb.setCell(name, funnel, C.firstActual + 6, 61);
    row = wb.sheetValues(name)[funnel];
    expect(results(row)).toMatchObject({ trend: 'Steady', ytdActual: 70 + 72 + 65 + 60 + 60 + 60 + 61 });
    // Text is not a blank to wait on (a link's "not found: …" must not read as Awaiting actual): it is flagged.
    wb.setCell(name, funnel, C.firstActual + 6, 'n/a');
    row = wb.sheetValues(name)[funnel];
    expect(results(row)).toMatchObject({
      check: 'the Jul actual is text, not a number',
      status: '',
      through: '',
    });
    // So is text in a target, once the actuals are numbers again.
    wb.setCell(name, funnel, C.firstActual + 6, 61);
    wb.setCell(name, funnel, C.firstTarget + 2, 'TBC');
    row = wb.sheetValues(name)[funnel];
    expect(results(row)).toMatchObject({ check: 'the Mar target is text, not a number', status: '' });
  });

  it('a YTD target of 0 has no attainment, and says so', async () => {
    const { wb, name } = await inserted('csf-tracker');
    const r = rowOf('Spend to plan');
    [10, -10, 10, -10, 10, 20, -30].forEach((v, p) => wb.setCell(name, r, C.firstTarget + p, v));
    const row = wb.sheetValues(name)[r];
    // 10 − 10 + 10 − 10 + 10 + 20 − 30 = 0
    expect(results(row)).toMatchObject({
      ytdTarget: 0,
      attainment: '',
      check: 'the YTD target is 0: no attainment',
    });
  });

  it('flags a team with more than three CSFs', async () => {
    const { wb, name } = await inserted('csf-tracker');
    wb.setCell(name, CSF_FIRST_DATA_ROW + 6, C.team, 'Sales');
    wb.setCell(name, CSF_FIRST_DATA_ROW + 6, C.csf, 'A fourth CSF');
    const values = wb.sheetValues(name);
    expect(values[CSF_FIRST_DATA_ROW][C.teamCheck]).toBe('More than 3 CSFs');
    expect(values[CSF_FIRST_DATA_ROW + 3][C.teamCheck]).toBe('OK'); // Marketing has three
    // The new row has no settings and no numbers: Sum, up, and no actual yet.
    expect(results(values[CSF_FIRST_DATA_ROW + 6])).toMatchObject({
      through: 'no actual yet',
      status: 'Awaiting actual',
    });
  });

  it('a row without a CSF name computes nothing', async () => {
    const { values } = await inserted('csf-tracker');
    const empty = results(values[CSF_FIRST_DATA_ROW + 6]);
    for (const v of Object.values(empty)) expect(v === '' || v === null).toBe(true);
  });
});

describe('Activity Funnel and SE Scorecard formulas agree with the core functions', () => {
  it('the leakiest step per rep is FUNNEL_LEAK in impact mode', async () => {
    const { values } = await inserted('activity-funnel');
    const header = values[FUNNEL_FIRST_DATA_ROW - 1].slice(2, 7);
    // Benchmarks sit above the conversion columns: one per step (n − 1), as FUNNEL_LEAK takes them.
    const C = FUNNEL_COLUMNS;
    const benchmarks = values[FUNNEL_BENCHMARK_ROW].slice(C.conversions, C.conversions + 4).map((v) =>
      v === null ? '' : v,
    );
    expect(benchmarks).toEqual([0.35, 0.65, 0.7, 0.3]); // the seed's benchmarks
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
    expect((await wb.readNamedRange(CSF_NAMES.reviewMonthUsed))?.[0][0]).toBe(7);
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
