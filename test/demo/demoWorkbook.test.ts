/**
 * The demo workbook `npm start` opens on: built from the templates into the preview's MemoryWorkbook, every
 * formula evaluates, the tracker's actuals are links into the Plan sheet that recalculate, and July's review
 * has something to say (an activity measure off track, some at risk, open actions, a leak per rep).
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

  test('the July review: period 7, an activity measure off track, two at risk, the rest on track, open actions', async () => {
    const review = await asyncHost(wb).loadReview({ today: TODAY });
    expect(review.period).toBe(7);
    expect(review.periodLabel).toBe('Jul');
    expect(review.fiscalYear).toBe('FY2026');
    expect(review.warnings).toEqual([]);
    expect(review.teams.map((t) => [t.team, t.csfs.length])).toEqual([
      ['Sales', 3],
      ['Marketing', 3],
    ]);
    const status = Object.fromEntries(review.teams.flatMap((t) => t.csfs.map((c) => [c.csf, c.status])));
    expect(status).toEqual({
      'Win new logos': 'On track',
      'Fill the funnel': 'Off track',
      'Sell at a sound cost': 'At risk',
      'Generate demand': 'On track',
      'Hand over good leads': 'At risk',
      'Spend to plan': 'On track',
    });
    const offTrack = review.teams.flatMap((t) => t.csfs).find((c) => c.status === 'Off track');
    expect(offTrack?.measureType).toBe('activity');
    expect(review.openActions.map((a) => [a.csf, a.since, a.overdue])).toEqual([
      ['Fill the funnel', '2026-06', true],
      ['Sell at a sound cost', '2026-06', false],
    ]);
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
    expect(after[CSF_COLUMNS.status]).toBe('On track');
    expect(after[CSF_COLUMNS.forecast]).toBeCloseTo(((454 - 52 + 160) / 7) * 12, 6);
    expect(after[CSF_COLUMNS.forecast]).not.toBe(before[CSF_COLUMNS.forecast]);
    const review = await asyncHost(local).loadReview({ today: TODAY });
    const csf = review.teams.flatMap((t) => t.csfs).find((c) => c.csf === 'Fill the funnel');
    expect(csf?.status).toBe('On track');

    // A new month typed on the Plan reaches the tracker and the review opens on it.
    DEMO_MEASURES.forEach((_, m) => local.setCell(PLAN_SHEET, planRows(m).actual, planMonthCol(8), 10));
    expect(local.sheetValues('CSF Tracker')[r][CSF_COLUMNS.firstActual + 7]).toBe(10);
    expect((await asyncHost(local).loadReview({ today: TODAY })).period).toBe(8);
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

  test('the Review Log holds June’s saved review', () => {
    const log = wb
      .sheetValues('Review Log')
      .slice(4)
      .filter((r) => r[0] === '2026-06');
    expect(log).toHaveLength(6);
    expect(log.every((r) => r[12] === 'BU head' && r[13] === '2026-07-06 09:30 UTC')).toBe(true);
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
