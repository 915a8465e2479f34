/**
 * The review's application service through the HostApi (as the Excel task pane and the preview call it) over
 * the memory workbook: load, the off-track rule on save, appending to the Review Log without touching the
 * tracker, closing actions, and preparing a quarter without ever replacing a sheet.
 */
import { MemoryWorkbook } from '../../preview/memoryWorkbook';
import { asyncHost } from '../../src/app/hostApi';
import { figuresSeen, type SaveReviewResult } from '../../src/app/review';
import { templateById, type TemplateId } from '../../src/templates';
import { CSF_COLUMNS, CSF_FIRST_DATA_ROW } from '../../src/templates/csfTracker';
import { PlanBuilder, range } from '../../src/templates/planBuilder';
import { REVIEW_LOG_HEADERS, REVIEW_LOG_NAMES } from '../../src/templates/reviewLog';
import type { PlanValue } from '../../src/templates/sheetPlan';

const today = '2026-08-03';
const now = '2026-08-03T09:30:00.000Z';

/** A save that went through (not refused as stale): its result, narrowed. */
function saved(result: SaveReviewResult): Extract<SaveReviewResult, { status: 'saved' }> {
  if (result.status !== 'saved') throw new Error(`expected a save, got: ${result.message}`);
  return result;
}

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

/** The log's rows as records by header (the log is written by header, not by position). */
async function logRecords(wb: MemoryWorkbook): Promise<Record<string, PlanValue>[]> {
  const [header, ...rows] = (await wb.readTable(REVIEW_LOG_NAMES.table))!.values;
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [String(h), r[i]])));
}

/** A Review Log laid out by hand with the given header row (an older log, or one whose columns were moved). */
function logWithHeader(header: readonly string[]) {
  const b = new PlanBuilder('Review Log');
  b.header(3, 0, header);
  b.nameRange(REVIEW_LOG_NAMES.table, range(3, 0, 1, header.length));
  return b.build();
}

const offTrackEntry = {
  csfId: 'sales|example: fill the funnel',
  commentary: 'Two reps on leave in June and July',
  action: 'Joint calls with the new reps every week',
  owner: 'Sales managers',
  due: '2026-09-30',
};

describe('loading the monthly review', () => {
  it('opens on the tracker’s review month (blank: the latest with actuals), with open actions and the coaching focus', async () => {
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
    const result = saved(
      await host.saveReview({
        today,
        now,
        period: 7,
        reviewer: 'Kim',
        entries: [offTrackEntry],
        actionUpdates: [{ actionId: data.openActions[0].id, status: 'Done' }],
      }),
    );
    expect(result.rowsAppended).toBe(7);
    expect(result.message).toBe(
      'Saved the review of Jul (2026-07): 6 CSFs and 1 action update added to "Review Log", rows 6–12.',
    );
    expect(wb.sheetSerialized('CSF Tracker')).toEqual(tracker);
    const log = await logRecords(wb);
    const fill = log.find((r) => r.CSF === 'Example: Fill the funnel' && r.Reviewer === 'Kim')!;
    // YTD 70+72+65+60+62+58+55 = 442 against 7 × 80 = 560: −118, unfavourable, appointments counted.
    expect(fill).toEqual({
      Month: '2026-07',
      Team: 'Sales',
      CSF: 'Example: Fill the funnel',
      Status: 'Off track',
      Basis: 'YTD through Jul',
      Actual: 442,
      Target: 560,
      Unit: 'count',
      Variance: -118,
      Side: 'Unfavourable',
      Commentary: offTrackEntry.commentary,
      Action: offTrackEntry.action,
      Owner: 'Sales managers',
      'Due date': 46295,
      'Action status': 'Open',
      Reviewer: 'Kim',
      'Saved at': '2026-08-03 09:30 UTC',
    });
    // The late July actual: through June, 180+190+210+220+205+230 = 1235 against 6 × 200 = 1200; no commentary asked.
    const late = log.find((r) => r.CSF === 'Example: Generate demand' && r.Reviewer === 'Kim')!;
    expect([
      late.Status,
      late.Basis,
      late.Actual,
      late.Target,
      late.Variance,
      late.Side,
      late.Commentary,
    ]).toEqual(['Awaiting actual', 'YTD through Jun', 1235, 1200, 35, 'Favourable', null]);
    // Reviewing July again: June's action is Done and July's own new action is not one of "last month's open
    // actions" (issue 12, item 6); the August review lists it.
    const reloaded = await host.loadReview({ today });
    expect(reloaded.period).toBe(7);
    expect(reloaded.openActions).toEqual([]);
    const august = await host.loadReview({ today, period: 8 });
    expect(august.openActions.map((a) => [a.action, a.since])).toEqual([[offTrackEntry.action, '2026-07']]);
    expect(reloaded.lastSaved).toEqual({ reviewer: 'Kim', savedAt: '2026-08-03 09:30 UTC' });
  });

  it('creates the Review Log on the first save of a workbook without one', async () => {
    const { wb, host } = await workbook(false);
    const result = saved(
      await host.saveReview({
        today,
        now,
        period: 7,
        reviewer: 'Kim',
        entries: [offTrackEntry],
        actionUpdates: [],
      }),
    );
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
    const log = await logRecords(wb);
    expect(log.some((r) => r.Commentary === '=HYPERLINK("http://x")' && r.Reviewer === '=1+1')).toBe(true);
  });

  it('a flagged CSF needs no commentary: it is logged as not judged, in the tracker’s words', async () => {
    const { wb, host } = await workbook();
    // Fill the funnel (the off-track example) gets a direction the model does not know.
    wb.setCell('CSF Tracker', CSF_FIRST_DATA_ROW + 1, CSF_COLUMNS.direction, 'sideways');
    const result = saved(
      await host.saveReview({
        today,
        now,
        period: 7,
        reviewer: 'Kim',
        entries: [],
        actionUpdates: [],
      }),
    );
    expect(result.rowsAppended).toBe(6);
    const fill = (await logRecords(wb)).find(
      (r) => r.CSF === 'Example: Fill the funnel' && r.Reviewer === 'Kim',
    )!;
    expect([fill.Status, fill.Basis, fill.Actual, fill.Side]).toEqual([
      null,
      'Not judged: Check settings: Direction must be up, down or range',
      null,
      null,
    ]);
  });

  it('writes by header into a log whose columns were moved, and keeps a column of the user’s own blank', async () => {
    const { wb, host } = await workbook(false);
    const header = ['Saved at', 'My notes', ...REVIEW_LOG_HEADERS.filter((h) => h !== 'Saved at')];
    await wb.insertSheet(logWithHeader(header));
    await host.saveReview({
      today,
      now,
      period: 7,
      reviewer: 'Kim',
      entries: [offTrackEntry],
      actionUpdates: [],
    });
    const fill = (await logRecords(wb)).find((r) => r.CSF === 'Example: Fill the funnel')!;
    expect([fill['Saved at'], fill['My notes'], fill.Status, fill.Actual, fill.Unit]).toEqual([
      '2026-08-03 09:30 UTC',
      null,
      'Off track',
      442,
      'count',
    ]);
  });

  it('an older log without Unit, Side and Basis still takes the review, and the review says what it lacks', async () => {
    const { wb, host } = await workbook(false);
    const old = REVIEW_LOG_HEADERS.filter((h) => !['Basis', 'Unit', 'Side'].includes(h));
    await wb.insertSheet(logWithHeader(old));
    const data = await host.loadReview({ today });
    expect(data.warnings).toEqual([
      'The Review Log has no "Basis", "Unit", "Side" columns: saving leaves them out. Add the headers to the log\'s header row to keep them.',
    ]);
    const result = saved(
      await host.saveReview({
        today,
        now,
        period: 7,
        reviewer: 'Kim',
        entries: [offTrackEntry],
        actionUpdates: [],
      }),
    );
    expect(result.rowsAppended).toBe(6);
    const fill = (await logRecords(wb)).find((r) => r.CSF === 'Example: Fill the funnel')!;
    expect(Object.keys(fill)).toEqual(old);
    expect([fill.Status, fill.Actual, fill.Target, fill.Variance, fill.Reviewer]).toEqual([
      'Off track',
      442,
      560,
      -118,
      'Kim',
    ]);
  });
});

describe('figures that changed between load and save (issue 12, item 3)', () => {
  it('a save against figures the tracker no longer shows writes nothing and says which changed', async () => {
    const { wb, host } = await workbook();
    const data = await host.loadReview({ today });
    const before = await logRecords(wb);
    // Someone types a higher July actual into the first CSF's row meanwhile.
    const first = data.teams.flatMap((t) => t.csfs)[0];
    wb.setCell('CSF Tracker', first.row - 1, CSF_COLUMNS.firstActual + 6, 9999);
    const result = await host.saveReview({
      today,
      now,
      period: 7,
      reviewer: 'Kim',
      entries: [offTrackEntry],
      actionUpdates: [],
      seen: figuresSeen(data),
    });
    expect(result).toEqual({
      status: 'stale',
      changed: [first.csf],
      message: `Not saved: the tracker changed since the review was loaded (${first.csf}). The figures are read again and your drafts are kept; check them and save again.`,
    });
    expect(await logRecords(wb)).toEqual(before);
    // Loaded again, the same save goes through.
    const fresh = await host.loadReview({ today });
    const again = await host.saveReview({
      today,
      now,
      period: 7,
      reviewer: 'Kim',
      entries: [offTrackEntry],
      actionUpdates: [],
      seen: figuresSeen(fresh),
    });
    expect(again.status).toBe('saved');
  });
});

describe('a workbook with a second CSF Tracker (issue 12, item 4)', () => {
  async function twoTrackers() {
    const { wb, host } = await workbook();
    // The second tracker has no example rows, so what the review reads tells the two apart.
    await wb.insertSheet(templateById('csf-tracker').render({ examples: false, year: 2026 }));
    return { wb, host };
  }

  it('is flagged, listed by sheet, and the first stays the default', async () => {
    const { host } = await twoTrackers();
    const data = await host.loadReview({ today });
    expect(data.trackerSheet).toBe('CSF Tracker');
    expect(data.trackerTable).toBe('SE_CSF_Table');
    expect(data.trackers).toEqual([
      { table: 'SE_CSF_Table', sheet: 'CSF Tracker' },
      { table: 'SE_CSF_Table_2', sheet: 'CSF Tracker (2)' },
    ]);
    expect(data.warnings).toContain(
      'This workbook has 2 CSF Trackers ("CSF Tracker", "CSF Tracker (2)"); the review reads "CSF Tracker". Choose another under "Tracker".',
    );
    expect(data.teams.flatMap((t) => t.csfs).length).toBeGreaterThan(0);
  });

  it('reads the tracker chosen, for the review, the save and the quarter alike', async () => {
    const { wb, host } = await twoTrackers();
    const second = await host.loadReview({ today, tracker: 'SE_CSF_Table_2' });
    expect(second.trackerSheet).toBe('CSF Tracker (2)');
    expect(second.trackerTable).toBe('SE_CSF_Table_2');
    expect(second.trackers[0]).toEqual({ table: 'SE_CSF_Table_2', sheet: 'CSF Tracker (2)' });
    expect(second.teams.flatMap((t) => t.csfs)).toEqual([]);
    // Names compare as both hosts compare them: without case.
    expect((await host.loadReview({ today, tracker: 'se_csf_table_2' })).trackerSheet).toBe(
      'CSF Tracker (2)',
    );
    // The second tracker has no CSF: a quarter of it has nothing to review, although the first has.
    expect(await host.prepareQuarter({ today, quarter: 3, tracker: 'SE_CSF_Table_2' })).toMatchObject({
      status: 'empty',
    });
    expect(await host.prepareQuarter({ today, quarter: 3 })).toMatchObject({ status: 'created' });
    const before = (await logRecords(wb)).length;
    await host.saveReview({
      today,
      now,
      tracker: 'SE_CSF_Table_2',
      period: second.period,
      reviewer: 'Dana',
      entries: [],
      actionUpdates: [],
    });
    // The save read the empty second tracker: nothing to log (the first would have logged a row per CSF).
    expect((await logRecords(wb)).length).toBe(before);
  });

  it('a tracker that has gone is named, with what to do', async () => {
    const { host } = await twoTrackers();
    await expect(host.loadReview({ today, tracker: 'SE_CSF_Table_7' })).rejects.toThrow(
      'The CSF Tracker chosen ("SE_CSF_Table_7") is no longer in this workbook. Press Refresh to pick one of those there are.',
    );
  });

  it('a second Review Log is flagged: the review reads and writes the first only', async () => {
    const { wb, host } = await workbook();
    await wb.insertSheet(templateById('review-log').render({ examples: false, year: 2026 }));
    expect((await host.loadReview({ today })).warnings).toContain(
      'This workbook has 2 Review Logs; the review reads and writes "Review Log" only.',
    );
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

  it('says a quarter with nothing in it has nothing to review, and adds no sheet (issue 12, item 5)', async () => {
    // The example tracker's actuals run Jan-Jul 2026, its funnel and log hold nothing for Oct-Dec.
    const { wb, host } = await workbook();
    const before = await wb.sheetNames();
    const result = await host.prepareQuarter({ today, quarter: 4 });
    expect(result).toEqual({
      status: 'empty',
      message:
        'Q4 FY2026 (Oct–Dec) has nothing to review yet: No CSF has an actual for Oct–Dec, and the Review Log and ' +
        "Activity Funnel have nothing for those months. No sheet was added. Enter the quarter's actuals in " +
        '"CSF Tracker", or pick an earlier quarter.',
    });
    expect(await wb.sheetNames()).toEqual(before);
  });

  it('refuses a quarter that is not 1-4', async () => {
    const { host } = await workbook();
    await expect(host.prepareQuarter({ today, quarter: 5 })).rejects.toThrow(
      'The quarter must be 1, 2, 3 or 4; got 5.',
    );
  });
});
