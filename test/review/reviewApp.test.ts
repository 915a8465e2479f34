/**
 * The review's application service through the HostApi (as the Excel task pane and the preview call it) over
 * the memory workbook: load, the off-track rule on save, appending to the Review Log without touching the
 * tracker, closing actions, and preparing a quarter without ever replacing a sheet.
 */
import { MemoryWorkbook } from '../../preview/memoryWorkbook';
import { asyncHost } from '../../src/app/hostApi';
import { templateById, type TemplateId } from '../../src/templates';
import { REVIEW_LOG_NAMES } from '../../src/templates/reviewLog';

const today = '2026-08-03';
const now = '2026-08-03T09:30:00.000Z';

async function workbook(withLog = true) {
  const wb = new MemoryWorkbook();
  const ids: TemplateId[] = withLog
    ? ['csf-tracker', 'activity-funnel', 'review-log']
    : ['csf-tracker', 'activity-funnel'];
  for (const id of ids) {
    await wb.insertSheet(templateById(id).render({ examples: true, year: 2026 }));
  }
  return { wb, host: asyncHost(wb) };
}

const offTrackEntry = {
  csfId: 'sales|example: fill the funnel',
  commentary: 'Two reps on leave in June and July',
  action: 'Joint calls with the new reps every week',
  owner: 'Sales managers',
  due: '2026-09-30',
};

describe('loading the monthly review', () => {
  it('opens on the latest month with actuals, with open actions and the coaching focus', async () => {
    const { host } = await workbook();
    const data = await host.loadReview({ today });
    expect([data.period, data.periodLabel, data.month, data.fiscalYear]).toEqual([
      7,
      'Jul',
      '2026-07',
      'FY2026',
    ]);
    expect(data.periods.map((p) => p.label)).toEqual(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul']);
    expect(data.teams.map((t) => t.team)).toEqual(['Sales', 'Marketing']);
    expect(data.teams[0].csfs[0]).toMatchObject({ csf: 'Example: Fill the funnel', status: 'Off track' });
    expect(data.openActions.map((a) => a.action)).toEqual(['Joint calls with both new reps each week']);
    // Ana's funnel is the seed's: the leak is Appointments → Presentations (+7.5 sales at benchmark).
    expect(data.coaching.find((c) => c.rep === 'Ana')).toMatchObject({
      leak: 'Appointments → Presentations',
    });
    expect(data.coaching).toHaveLength(5);
    expect(data.lastSaved).toBeNull();
    expect(JSON.parse(JSON.stringify(data))).toEqual(data); // plain JSON, nothing a google.script.run call would lose
  });

  it('refuses a bad request in words', async () => {
    const { host } = await workbook();
    await expect(host.loadReview({ today, period: 13 })).rejects.toThrow(
      'The period to review must be a whole number from 1 to 12; got 13.',
    );
    await expect(host.loadReview({ today: 'yesterday' })).rejects.toThrow(
      'The request must say what day it is',
    );
  });

  it('says there is no tracker when there is none', async () => {
    const wb = new MemoryWorkbook();
    await expect(asyncHost(wb).loadReview({ today })).rejects.toThrow(
      /There is no CSF Tracker in this workbook/,
    );
  });
});

describe('saving the monthly review', () => {
  it('cannot save an off-track CSF without commentary, action, owner and due date', async () => {
    const { wb, host } = await workbook();
    const before = wb.sheetSerialized('Review Log');
    await expect(
      host.saveReview({ today, now, period: 7, reviewer: 'Kim', entries: [], actionUpdates: [] }),
    ).rejects.toThrow(
      'Not saved. Example: Fill the funnel (Sales) needs a commentary, an action, an owner, a due date.',
    );
    await expect(
      host.saveReview({
        today,
        now,
        period: 7,
        reviewer: 'Kim',
        entries: [{ ...offTrackEntry, owner: ' ' }],
        actionUpdates: [],
      }),
    ).rejects.toThrow('Example: Fill the funnel (Sales) needs an owner');
    expect(wb.sheetSerialized('Review Log')).toEqual(before);
  });

  it('appends one row per CSF and per action update, and leaves the tracker exactly as it was', async () => {
    const { wb, host } = await workbook();
    const tracker = wb.sheetSerialized('CSF Tracker');
    const data = await host.loadReview({ today });
    const result = await host.saveReview({
      today,
      now,
      period: 7,
      reviewer: 'Kim',
      entries: [offTrackEntry],
      actionUpdates: [{ actionId: data.openActions[0].id, status: 'Done' }],
    });
    expect(result.rowsAppended).toBe(7);
    expect(result.message).toBe(
      'Saved the review of Jul (2026-07): 6 CSFs and 1 action update added to "Review Log", rows 6–12.',
    );
    expect(wb.sheetSerialized('CSF Tracker')).toEqual(tracker);
    const log = (await wb.readTable(REVIEW_LOG_NAMES.table))!.values;
    const fill = log.find((r) => r[2] === 'Example: Fill the funnel' && r[12] === 'Kim')!;
    // Month, team, CSF, status, YTD actual 442, YTD target 560, variance −118, commentary, action, owner, due, status.
    expect(fill.slice(0, 12)).toEqual([
      '2026-07',
      'Sales',
      'Example: Fill the funnel',
      'Off track',
      442,
      560,
      -118,
      offTrackEntry.commentary,
      offTrackEntry.action,
      'Sales managers',
      46295,
      'Open',
    ]);
    expect(fill.slice(12)).toEqual(['Kim', '2026-08-03 09:30 UTC']);
    const reloaded = await host.loadReview({ today });
    expect(reloaded.openActions.map((a) => a.action)).toEqual([offTrackEntry.action]);
    expect(reloaded.lastSaved).toEqual({ reviewer: 'Kim', savedAt: '2026-08-03 09:30 UTC' });
  });

  it('creates the Review Log on the first save of a workbook without one', async () => {
    const { wb, host } = await workbook(false);
    const result = await host.saveReview({
      today,
      now,
      period: 7,
      reviewer: 'Kim',
      entries: [offTrackEntry],
      actionUpdates: [],
    });
    expect(result.sheet).toBe('Review Log');
    expect(await wb.sheetNames()).toContain('Review Log');
    expect(result.rowsAppended).toBe(6);
  });

  it('text a reviewer types is stored as text, even when it looks like a formula', async () => {
    const { wb, host } = await workbook();
    await host.saveReview({
      today,
      now,
      period: 7,
      reviewer: '=1+1',
      entries: [{ ...offTrackEntry, commentary: '=HYPERLINK("http://x")' }],
      actionUpdates: [],
    });
    const log = (await wb.readTable(REVIEW_LOG_NAMES.table))!.values;
    expect(log.some((r) => r[7] === '=HYPERLINK("http://x")' && r[12] === '=1+1')).toBe(true);
  });
});

describe('preparing a quarter', () => {
  it('adds the review sheet, and never replaces one: it asks, then adds under a free name', async () => {
    const { wb, host } = await workbook();
    const first = await host.prepareQuarter({ today, quarter: 3 });
    expect(first).toMatchObject({ status: 'created', sheetName: 'Review Q3 FY2026' });
    const snapshot = wb.sheetSerialized('Review Q3 FY2026');
    expect(snapshot[0][0]).toBe('Review Q3 FY2026');
    const again = await host.prepareQuarter({ today, quarter: 3 });
    expect(again).toEqual({
      status: 'exists',
      sheetName: 'Review Q3 FY2026',
      suggestedName: 'Review Q3 FY2026 (2)',
      message:
        'A sheet named "Review Q3 FY2026" already exists. Nothing was changed. Add the new review as "Review Q3 FY2026 (2)"?',
    });
    expect((await wb.sheetNames()).filter((n) => n.startsWith('Review Q3'))).toEqual(['Review Q3 FY2026']);
    const second = await host.prepareQuarter({ today, quarter: 3, addUnderNewName: true });
    expect(second).toMatchObject({ status: 'created', sheetName: 'Review Q3 FY2026 (2)' });
    expect(wb.sheetSerialized('Review Q3 FY2026')).toEqual(snapshot);
    expect(wb.plans.get('Review Q3 FY2026')!.charts).toHaveLength(1);
  });

  it('refuses a quarter that is not 1-4', async () => {
    const { host } = await workbook();
    await expect(host.prepareQuarter({ today, quarter: 5 })).rejects.toThrow(
      'The quarter must be 1, 2, 3 or 4; got 5.',
    );
  });
});
