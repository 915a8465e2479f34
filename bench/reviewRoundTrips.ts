/**
 * The monthly review's round trips and computing time: service calls (Sheets) and context.sync() (Excel) to
 * load and to save a review, through the real adapters over the simulators, for a small tracker (3 teams x 3
 * CSFs, a Review Log of one month) and a large one (200 CSF rows and a Review Log of 36 months of history for
 * them: 7,200 rows), and for the small one's first save (an empty log); and the time to compute the review model
 * for the large case.
 *
 * Every call the fake SpreadsheetApp records is counted, in one of four classes (SHEETS_CALL_CLASSES):
 * - spreadsheet: calls that read or write the spreadsheet or its settings (getActiveSpreadsheet,
 *   getNamedRanges, getSheetValues, getDataRange, getValues, getFormulas, getSpreadsheetTimeZone, getMaxRows,
 *   getRange, setValues, insertRowsAfter, flush…): the issue's limits (10 to load, 12 to save) are on these;
 * - lock: LockService.getDocumentLock, Lock.waitLock, Lock.releaseLock: coordination with other scripts'
 *   saves, which the save needs (co-authoring) and which does not touch the spreadsheet;
 * - dates: Utilities.formatDate, converting a date cell to its day: one per UTC offset met, not per cell;
 * - local: accessors of an object a call already returned (NamedRange.getName/getRange, Range.getSheet/getRow/
 *   getColumn/getNumRows/getNumColumns, Sheet.getName: its name, position and size) and builder calls before
 *   build(): they read no cell and write nothing.
 */
import { ExcelWorkbook } from '../excel-addin/excelWorkbook';
import { SheetsWorkbook } from '../sheets-addon/sheetsWorkbook';
import { loadReviewTask, saveReviewTask, type ReviewData } from '../src/app/review';
import { runAsync, runSync } from '../src/app/task';
import { latestReportedPeriod, monthlyModel } from '../src/review/monthly';
import { openActions, readReviewLog } from '../src/review/reviewLog';
import { readSettings, readTracker } from '../src/review/tracker';
import { templateById } from '../src/templates';
import { CSF_COLUMNS, CSF_FIRST_DATA_ROW, CSF_NAMES, PERIODS } from '../src/templates/csfTracker';
import { REVIEW_LOG_HEADERS, REVIEW_LOG_NAMES } from '../src/templates/reviewLog';
import type { PlanCell, SheetPlan } from '../src/templates/sheetPlan';
import type { SyncWorkbook, Workbook } from '../src/workbook';
import { FakeExcel } from '../test/simulators/fakeExcel';
import { FakeSpreadsheetApp } from '../test/simulators/fakeSpreadsheetApp';
import { SpreadsheetModel } from '../test/simulators/spreadsheetModel';

const today = '2026-08-03';

export interface Size {
  label: string;
  csfs: number;
  teams: number;
  logMonths: number;
}

export const SIZES: Size[] = [
  { label: '3 x 3 CSFs, log of 1 month', csfs: 9, teams: 3, logMonths: 1 },
  { label: '200 CSFs, log of 36 months', csfs: 200, teams: 67, logMonths: 36 },
];

/** The small tracker's first save: no row in the Review Log yet (in Excel, the save makes the log's table). */
export const FIRST_SAVE: Size = { label: '3 x 3 CSFs, first save', csfs: 9, teams: 3, logMonths: 0 };

/** A tracker with `csfs` rows of seven months' actuals, spread over `teams` teams. */
function trackerPlan(size: Size): SheetPlan {
  const plan = templateById('csf-tracker').render({ examples: false, rows: size.csfs, year: 2026 });
  for (let i = 0; i < size.csfs; i++) {
    const row = plan.cells[CSF_FIRST_DATA_ROW + i];
    const put = (col: number, value: string | number) => {
      while (row.length <= col) row.push({ value: null });
      row[col] = { value };
    };
    put(CSF_COLUMNS.team, `Team ${(i % size.teams) + 1}`);
    put(CSF_COLUMNS.csf, `CSF ${i + 1}`);
    put(CSF_COLUMNS.direction, i % 5 === 0 ? 'down' : 'up');
    put(CSF_COLUMNS.annualTarget, 1200 + i);
    for (let p = 0; p < 7; p++) put(CSF_COLUMNS.firstActual + p, 90 + ((i * 7 + p * 13) % 25));
  }
  return plan;
}

/** 36 months of saved reviews: one row per CSF per month, every fifth with an action. */
function logHistory(size: Size): PlanCell[][] {
  const rows: PlanCell[][] = [];
  for (let m = 0; m < size.logMonths; m++) {
    const month = `${2023 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
    for (let i = 0; i < size.csfs; i++) {
      const action = i % 5 === 0 ? `Action ${i} of ${month}` : '';
      const cells: Record<string, string | number | null> = {
        Month: month,
        Team: `Team ${(i % size.teams) + 1}`,
        CSF: `CSF ${i + 1}`,
        Status: 'On track',
        Basis: `YTD through ${month}`,
        Actual: 100,
        Target: 100,
        Unit: 'k€',
        Variance: 0,
        Side: 'Favourable',
        Commentary: '',
        Action: action,
        Owner: action === '' ? '' : 'Owner',
        // 2026-09-30 as a date serial: the log's due dates are dates, as a save writes them.
        'Due date': action === '' ? null : 46295,
        'Action status': action === '' ? '' : m === size.logMonths - 1 ? 'Open' : 'Done',
        Reviewer: 'Bench',
        'Saved at': `${month}-28 10:00 UTC`,
      };
      rows.push(REVIEW_LOG_HEADERS.map((h) => ({ value: cells[h] === '' ? null : (cells[h] ?? null) })));
    }
  }
  return rows;
}

export function saveRequest(data: ReviewData) {
  const entries = data.teams
    .flatMap((t) => t.csfs)
    .filter((c) => c.status === 'Off track')
    .map((c) => ({ csfId: c.id, commentary: 'Why', action: 'What', owner: 'Who', due: '2026-09-30' }));
  return {
    today,
    now: '2026-08-03T09:30:00Z',
    period: data.period,
    reviewer: 'Bench',
    entries,
    actionUpdates: [],
  };
}

export function seedSheets(size: Size): { fake: FakeSpreadsheetApp; workbook: SyncWorkbook } {
  const fake = new FakeSpreadsheetApp(new SpreadsheetModel());
  const workbook = new SheetsWorkbook(fake, fake.lockService, fake.utilities);
  workbook.insertSheet(trackerPlan(size));
  workbook.insertSheet(templateById('review-log').render({ examples: false }));
  const history = logHistory(size);
  if (history.length > 0) workbook.appendRows(REVIEW_LOG_NAMES.table, history);
  return { fake, workbook };
}

export async function seedExcel(size: Size): Promise<{ excel: FakeExcel; workbook: Workbook }> {
  const excel = new FakeExcel(new SpreadsheetModel());
  const workbook = new ExcelWorkbook(excel.asExcelRun());
  await workbook.insertSheet(trackerPlan(size));
  await workbook.insertSheet(templateById('review-log').render({ examples: false }));
  const history = logHistory(size);
  if (history.length > 0) await workbook.appendRows(REVIEW_LOG_NAMES.table, history);
  return { excel, workbook };
}

/** Issue 12 item 8: Sheets spreadsheet calls and Excel syncs, at most, whatever the size. */
export const REVIEW_LIMITS = { sheetsLoad: 10, sheetsSave: 12, excelLoad: 3, excelSave: 4 } as const;

/** Calls the fake SpreadsheetApp recorded, by class (see the header). */
export interface SheetsCalls {
  spreadsheet: number;
  lock: number;
  dates: number;
  local: number;
}

const LOCAL = new Set([
  'NamedRange.getName',
  'NamedRange.getRange',
  'Range.getSheet',
  'Range.getRow',
  'Range.getColumn',
  'Range.getNumRows',
  'Range.getNumColumns',
  'Sheet.getName',
]);
const LOCAL_PREFIXES = ['DataValidationBuilder.', 'ConditionalFormatRuleBuilder.', 'EmbeddedChartBuilder.'];
const LOCK = new Set(['LockService.getDocumentLock', 'Lock.waitLock', 'Lock.releaseLock', 'Lock.hasLock']);

/** Which class a recorded call ('Class.method') is in. */
export function callClass(method: string): keyof SheetsCalls {
  if (LOCK.has(method)) return 'lock';
  if (method.startsWith('Utilities.')) return 'dates';
  if (LOCAL.has(method) || LOCAL_PREFIXES.some((p) => method.startsWith(p))) return 'local';
  return 'spreadsheet';
}

export function classify(byMethod: Record<string, number>): SheetsCalls {
  const out: SheetsCalls = { spreadsheet: 0, lock: 0, dates: 0, local: 0 };
  for (const [method, n] of Object.entries(byMethod)) out[callClass(method)] += n;
  return out;
}

export interface ReviewRoundTripRow {
  size: string;
  sheetsLoad: SheetsCalls;
  sheetsSave: SheetsCalls;
  /** Every call recorded, by method, for the record. */
  sheetsLoadMethods: Record<string, number>;
  sheetsSaveMethods: Record<string, number>;
  excelLoad: number;
  excelSave: number;
  /** What the save wrote: rows appended (both hosts the same). */
  rowsSaved: number;
}

/** Load and save once, in both hosts, counting. */
export async function measure(size: Size): Promise<ReviewRoundTripRow> {
  const { fake, workbook } = seedSheets(size);
  fake.calls.reset();
  const data = runSync(loadReviewTask({ today }), workbook);
  const loadMethods = { ...fake.calls.byMethod };
  fake.calls.reset();
  const saved = runSync(saveReviewTask(saveRequest(data)), workbook);
  const saveMethods = { ...fake.calls.byMethod };
  const excel = await seedExcel(size);
  excel.excel.syncs = 0;
  const excelData = await runAsync(loadReviewTask({ today }), excel.workbook);
  const excelLoad = excel.excel.syncs;
  excel.excel.syncs = 0;
  const excelSaved = await runAsync(saveReviewTask(saveRequest(excelData)), excel.workbook);
  if (
    saved.status !== 'saved' ||
    excelSaved.status !== 'saved' ||
    saved.rowsAppended !== excelSaved.rowsAppended
  )
    throw new Error(`bench: the ${size.label} save did not save the same rows in both hosts`);
  return {
    size: size.label,
    sheetsLoad: classify(loadMethods),
    sheetsSave: classify(saveMethods),
    sheetsLoadMethods: loadMethods,
    sheetsSaveMethods: saveMethods,
    excelLoad,
    excelSave: excel.excel.syncs,
    rowsSaved: saved.rowsAppended,
  };
}

/** The two sizes, then the first save. */
export async function reviewRoundTrips(): Promise<ReviewRoundTripRow[]> {
  const out: ReviewRoundTripRow[] = [];
  for (const size of [...SIZES, FIRST_SAVE]) out.push(await measure(size));
  return out;
}

/** Median milliseconds to compute the large review from what was read (tracker model, log and open actions). */
export async function reviewComputeMs(): Promise<{ ms: number; csfs: number; logRows: number }> {
  const size = SIZES[1];
  const { workbook } = seedSheets(size);
  const table = workbook.readTable(CSF_NAMES.table);
  const settings = readSettings(
    workbook.readNamedRange(CSF_NAMES.fiscalYearStart),
    workbook.readNamedRange(CSF_NAMES.reviewPeriod),
    workbook.readNamedRange(CSF_NAMES.firstYear),
    2026,
  );
  const logTable = workbook.readTable(REVIEW_LOG_NAMES.table);
  const run = () => {
    const tracker = readTracker(table, settings);
    const model = monthlyModel(tracker, latestReportedPeriod(tracker));
    const log = readReviewLog(logTable);
    return { model, open: openActions(log, today), rows: log.length };
  };
  for (let i = 0; i < 3; i++) run();
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    rows = run().rows;
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { ms: times[3], csfs: size.csfs, logRows: rows };
}

export const PERIODS_IN_TRACKER = PERIODS;
