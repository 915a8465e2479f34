/**
 * The demo workbook `npm start` opens on: built from the templates into the preview's MemoryWorkbook, every
 * formula evaluates, the tracker's actuals are links into the Plan sheet that recalculate, and July's review
 * has something to say (an activity measure off track, a cost over budget and a conversion rate at risk, one
 * CSF awaiting its July actual, open actions, a leak per rep). Expected figures are worked out by hand from the
 * demo's plan and actuals (preview/demoWorkbook.ts) with SPEC §0, in the comments.
 */
import { MemoryWorkbook } from '../../preview/memoryWorkbook';
import {
  buildDemoWorkbook,
  DEMO_MEASURES,
  DEMO_REPS,
  PLAN_SHEET,
  planMonthCol,
  planRows,
} from '../../preview/demoWorkbook';
import { asyncHost } from '../../src/app/hostApi';
import { CSF_COLUMNS, CSF_FIRST_DATA_ROW } from '../../src/templates/csfTracker';
import { FUNNEL_FIRST_DATA_ROW, FUNNEL_LEAK_COL } from '../../src/templates/activityFunnel';

const TODAY = '2026-08-03';

async function demo(): Promise<MemoryWorkbook> {
  const wb = new MemoryWorkbook();
  await buildDemoWorkbook(wb, { year: 2026 });
  return wb;
}

function row(name: string): number {
  const i = DEMO_MEASURES.findIndex((m) => m.csf === name);
  if (i < 0) throw new Error(name);
  return CSF_FIRST_DATA_ROW + i;
}

describe('the demo workbook', () => {
  let wb: MemoryWorkbook;
  beforeAll(async () => {
    wb = await demo();
  });

  test('holds the Plan and every template, in order', async () => {
    expect(await wb.sheetNames()).toEqual([
      'Plan',
      'CSF Tracker',
      'Activity Funnel',
      'Coaching Log',
      'Review Log',
      'Definitions',
      'SE Scorecard',
    ]);
  });

  test('every sheet evaluates without an error cell', async () => {
    for (const sheet of await wb.sheetNames()) {
      const errors = wb
        .sheetValues(sheet)
        .flatMap((line, r) => line.map((v, c) => ({ v, at: `${sheet}!R${r + 1}C${c + 1}` })))
        .filter(({ v }) => typeof v === 'string' && /^#[A-Z/0!?]+[!?A]?$/.test(v));
      expect(errors).toEqual([]);
    }
  });

  test("the tracker's targets and actuals are formulas into the Plan sheet", () => {
    const formulas = wb.sheetSerialized('CSF Tracker');
    const r = row('Fill the funnel');
    const plan = planRows(DEMO_MEASURES.findIndex((m) => m.csf === 'Fill the funnel'));
    const actualJan = formulas[r][CSF_COLUMNS.firstActual];
    const targetJul = formulas[r][CSF_COLUMNS.firstTarget + 6];
    expect(actualJan).toBe(`=IF(Plan!E${plan.actual + 1}="","",Plan!E${plan.actual + 1})`);
    expect(targetJul).toBe(`=Plan!K${plan.plan + 1}`);
    // Every CSF row links all twelve actual months.
    DEMO_MEASURES.forEach((_, i) => {
      for (let p = 0; p < 12; p++)
        expect(String(formulas[CSF_FIRST_DATA_ROW + i][CSF_COLUMNS.firstActual + p])).toMatch(/^=IF\(Plan!/);
    });
    // Seven months reported, August on still blank.
    const values = wb.sheetValues('CSF Tracker')[r];
    expect(values.slice(CSF_COLUMNS.firstActual, CSF_COLUMNS.firstActual + 8)).toEqual([
      78,
      74,
      70,
      64,
      60,
      56,
      52,
      '',
    ]);
  });

  test('the July review: period 7, an activity measure off track, a cost and a rate at risk, a late actual', async () => {
    const review = await asyncHost(wb).loadReview({ today: TODAY });
    expect(review.period).toBe(7);
    expect(review.periodLabel).toBe('Jul');
    expect(review.fiscalYear).toBe('FY2026');
    expect(review.warnings).toEqual([]);
    expect(review.teams.map((t) => [t.team, t.csfs.length])).toEqual([
      ['Sales', 3],
      ['Marketing', 3],
    ]);
    const csfs = review.teams.flatMap((t) => t.csfs);
    const status = Object.fromEntries(csfs.map((c) => [c.csf, c.status]));
    expect(status).toEqual({
      'Win new logos': 'On track',
      'Fill the funnel': 'Off track',
      'Sell at a sound cost': 'At risk',
      'Generate demand': 'Awaiting actual',
      'Hand over good leads': 'At risk',
      'Spend to plan': 'On track',
    });
    const find = (name: string) => csfs.find((c) => c.csf === name)!;
    expect(find('Fill the funnel').measureType).toBe('activity');
    // Cost of sales: 19+21+20+22+23+22+24 = 151 k€ against 7 × 20 = 140 (≤ 154: At risk); (240 − 151) / 5 = 17.8.
    const cost = find('Sell at a sound cost');
    expect([cost.ytdActual, cost.ytdTarget, cost.variance, cost.favourable]).toEqual([151, 140, 11, false]);
    expect(cost.needed).toBeCloseTo(17.8, 9);
    // MQL-to-SQL conversion, the mean of the months: (27+29+28+27+28+27+28)% / 7 = 194% / 7 = 27.7% against 30%
    // (≥ 27%: At risk); to average 30% over the year the last five months need (360% − 194%) / 5 = 33.2%.
    const rate = find('Hand over good leads');
    expect(rate.aggregation).toBe('Average');
    expect(rate.ytdActual).toBeCloseTo(1.94 / 7, 12);
    expect(rate.ytdTarget).toBeCloseTo(0.3, 12);
    expect(rate.needed).toBeCloseTo(0.332, 12);
    // MQLs through June: 180+190+210+220+205+230 = 1235 against 160+170+190+200+200+210 = 1130.
    const mqls = find('Generate demand');
    expect([mqls.through, mqls.throughLabel, mqls.ytdActual, mqls.ytdTarget]).toEqual([6, 'Jun', 1235, 1130]);
    // The sheet's own cells say what the review says: no computed cell disagrees with the model.
    expect(csfs.flatMap((c) => c.mismatches)).toEqual([]);
    expect(review.openActions.map((a) => [a.csf, a.since, a.overdue])).toEqual([
      ['Fill the funnel', '2026-06', true],
      ['Sell at a sound cost', '2026-06', false],
    ]);
  });

  test('the tracker’s status cells show what the review shows', () => {
    const values = wb.sheetValues('CSF Tracker');
    const statusOf = (name: string) => values[row(name)][CSF_COLUMNS.status];
    expect(statusOf('Generate demand')).toBe('Awaiting actual');
    expect(statusOf('Hand over good leads')).toBe('At risk');
    expect(statusOf('Sell at a sound cost')).toBe('At risk');
    expect(values[row('Sell at a sound cost')][CSF_COLUMNS.side]).toBe('Unfavourable');
  });

  test('changing an actual on the Plan sheet moves the tracker’s status and forecast', async () => {
    const local = await demo();
    const r = row('Fill the funnel');
    const i = DEMO_MEASURES.findIndex((m) => m.csf === 'Fill the funnel');
    const before = local.sheetValues('CSF Tracker')[r];
    expect(before[CSF_COLUMNS.status]).toBe('Off track');
    local.setCell(PLAN_SHEET, planRows(i).actual, planMonthCol(7), 160);
    const after = local.sheetValues('CSF Tracker')[r];
    expect(after[CSF_COLUMNS.firstActual + 6]).toBe(160);
    // 454 − 52 + 160 = 562 ≥ 560 → On track; forecast 562 / 7 × 12.
    expect(after[CSF_COLUMNS.status]).toBe('On track');
    expect(after[CSF_COLUMNS.forecast]).toBeCloseTo((562 / 7) * 12, 6);
    expect(after[CSF_COLUMNS.forecast]).not.toBe(before[CSF_COLUMNS.forecast]);
    const review = await asyncHost(local).loadReview({ today: TODAY });
    const csf = review.teams.flatMap((t) => t.csfs).find((c) => c.csf === 'Fill the funnel');
    expect(csf?.status).toBe('On track');

    // The late July actual arrives: Awaiting actual becomes a status. 1235 + 240 = 1475 ≥ 1130 + 210 = 1340.
    const mqls = DEMO_MEASURES.findIndex((m) => m.csf === 'Generate demand');
    local.setCell(PLAN_SHEET, planRows(mqls).actual, planMonthCol(7), 240);
    expect(local.sheetValues('CSF Tracker')[row('Generate demand')][CSF_COLUMNS.status]).toBe('On track');
    expect(local.sheetValues('CSF Tracker')[row('Generate demand')][CSF_COLUMNS.forecast]).toBeCloseTo(
      (1475 / 7) * 12,
      6,
    );

    // A new month typed on the Plan reaches the tracker and the review opens on it.
    DEMO_MEASURES.forEach((_, m) => local.setCell(PLAN_SHEET, planRows(m).actual, planMonthCol(8), 10));
    expect(local.sheetValues('CSF Tracker')[r][CSF_COLUMNS.firstActual + 7]).toBe(10);
    expect((await asyncHost(local).loadReview({ today: TODAY })).period).toBe(8);
  });

  test('a gap on the Plan is flagged in the same words in the tracker and the review', async () => {
    const local = await demo();
    const mqls = DEMO_MEASURES.findIndex((m) => m.csf === 'Generate demand');
    // July blank, August typed: a gap in July.
    local.setCell(PLAN_SHEET, planRows(mqls).actual, planMonthCol(8), 215);
    const words = 'Jul has no number but a later month has; enter 0 if nothing happened';
    expect(local.sheetValues('CSF Tracker')[row('Generate demand')][CSF_COLUMNS.check]).toBe(words);
    const review = await asyncHost(local).loadReview({ today: TODAY, period: 7 });
    const csf = review.teams.flatMap((t) => t.csfs).find((c) => c.csf === 'Generate demand')!;
    expect([csf.flag, csf.status, csf.ytdActual]).toEqual([words, '', null]);
  });

  test('the Activity Funnel has dated rows for five reps, each with a leak, used as July’s coaching focus', async () => {
    const values = wb.sheetValues('Activity Funnel');
    const leaks = new Map<string, string>();
    for (let r = FUNNEL_FIRST_DATA_ROW; r < values.length; r++) {
      const rep = values[r][1];
      if (typeof rep !== 'string' || rep === '') continue;
      expect(typeof values[r][0]).toBe('number');
      leaks.set(rep, String(values[r][FUNNEL_LEAK_COL]));
    }
    expect([...leaks.keys()]).toEqual([...DEMO_REPS]);
    for (const leak of leaks.values()) expect(leak).toMatch(/ → /);
    const review = await asyncHost(wb).loadReview({ today: TODAY });
    expect(review.coaching.map((c) => c.rep)).toEqual([...DEMO_REPS]);
    for (const focus of review.coaching) {
      expect(focus.basis).toBe('Jul');
      expect(focus.leak).toBe(leaks.get(focus.rep));
    }
  });

  test('the Coaching Log has open commitments, one done and one past due', () => {
    const values = wb.sheetValues('Coaching Log');
    const rows = values.slice(4).filter((r) => r[1] !== null && r[1] !== '');
    expect(rows).toHaveLength(5);
    // Status depends on TODAY(); the data behind it does not.
    expect(rows.filter((r) => r[7] === 'Yes')).toHaveLength(1);
    expect(rows.filter((r) => r[7] !== 'Yes')).toHaveLength(4);
    expect(rows.map((r) => r[8])).toContain('Done');
    const dueSoonest = Math.min(...rows.filter((r) => r[7] !== 'Yes').map((r) => Number(r[6])));
    // 2026-07-24 as a date serial: past due at the July review.
    expect(dueSoonest).toBe(46227);
  });

  test('the SE Scorecard compares the 9x4 and 6x8 plans', () => {
    const scores = wb
      .sheetValues('SE Scorecard')
      .slice(4)
      .filter((r) => typeof r[2] === 'number')
      .map((r) => [r[2], r[3], r[4]]);
    expect(scores).toEqual(
      expect.arrayContaining([
        [9, 4, 36],
        [6, 8, 48],
      ]),
    );
  });

  test('the Review Log holds June’s saved review, with unit, basis and side', () => {
    const values = wb.sheetValues('Review Log');
    const header = values.find((r) => r[0] === 'Month')!;
    const cell = (r: unknown[], title: string) => r[header.indexOf(title)];
    const log = values.filter((r) => r[0] === '2026-06');
    expect(log).toHaveLength(6);
    expect(
      log.every((r) => cell(r, 'Reviewer') === 'BU head' && cell(r, 'Saved at') === '2026-07-06 09:30 UTC'),
    ).toBe(true);
    // June: cost of sales 19+21+20+22+23+22 = 127 k€ against 120, unfavourable.
    const cost = log.find((r) => cell(r, 'CSF') === 'Sell at a sound cost')!;
    expect(['Basis', 'Actual', 'Target', 'Unit', 'Variance', 'Side'].map((h) => cell(cost, h))).toEqual([
      'YTD through Jun',
      127,
      120,
      'k€',
      7,
      'Unfavourable',
    ]);
  });

  test('the year option moves the whole plan', async () => {
    const wb2027 = new MemoryWorkbook();
    await buildDemoWorkbook(wb2027, { year: 2027 });
    const review = await asyncHost(wb2027).loadReview({ today: '2027-08-02' });
    expect(review.fiscalYear).toBe('FY2027');
    expect(review.month).toBe('2027-07');
    expect(review.openActions).toHaveLength(2);
  });
});
