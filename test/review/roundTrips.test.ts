/**
 * Issue 12 item 8: loading and saving a review takes a constant handful of host round trips, counted through
 * the real adapters over the simulators (not timed): Sheets at most 10 spreadsheet calls to load and 12 to save,
 * Excel at most 3 syncs to load and 4 to save, the same for 3 x 3 CSFs as for 200 CSFs with 36 months of log.
 * Every call the fake SpreadsheetApp records falls in one of the bench's classes, and the limits hold on the
 * calls that touch the spreadsheet; the lock, date and local classes are held to their own counts.
 */
import { ExcelWorkbook } from '../../excel-addin/excelWorkbook';
import { buildDemoWorkbook } from '../../preview/demoWorkbook';
import { SheetsWorkbook } from '../../sheets-addon/sheetsWorkbook';
import { loadReviewTask, saveReviewTask } from '../../src/app/review';
import { runAsync, runSync } from '../../src/app/task';
import { asyncWorkbook } from '../../src/workbook';
import { FakeExcel } from '../simulators/fakeExcel';
import { FakeSpreadsheetApp } from '../simulators/fakeSpreadsheetApp';
import { SpreadsheetModel } from '../simulators/spreadsheetModel';
import {
  callClass,
  classify,
  saveRequest,
  FIRST_SAVE,
  measure,
  REVIEW_LIMITS,
  SIZES,
  type ReviewRoundTripRow,
} from '../../bench/reviewRoundTrips';

jest.setTimeout(240_000);

let rows: ReviewRoundTripRow[] = [];

beforeAll(async () => {
  rows = [];
  for (const size of [...SIZES, FIRST_SAVE]) rows.push(await measure(size));
});

const total = (byMethod: Record<string, number>) => Object.values(byMethod).reduce((a, b) => a + b, 0);

it('both sizes and the first save are measured, and each save wrote a row per CSF', () => {
  expect(rows.map((r) => r.size)).toEqual([...SIZES, FIRST_SAVE].map((s) => s.label));
  expect(rows.map((r) => r.rowsSaved)).toEqual([9, 200, 9]);
});

it('Sheets: at most 10 spreadsheet calls to load and 12 to save, in every case', () => {
  for (const r of rows) {
    expect([r.size, r.sheetsLoad.spreadsheet <= REVIEW_LIMITS.sheetsLoad]).toEqual([r.size, true]);
    expect([r.size, r.sheetsSave.spreadsheet <= REVIEW_LIMITS.sheetsSave]).toEqual([r.size, true]);
  }
  expect(REVIEW_LIMITS).toEqual({ sheetsLoad: 10, sheetsSave: 12, excelLoad: 3, excelSave: 4 });
});

it('Excel: at most 3 syncs to load and 4 to save, in every case', () => {
  for (const r of rows) {
    expect([r.size, r.excelLoad <= REVIEW_LIMITS.excelLoad]).toEqual([r.size, true]);
    expect([r.size, r.excelSave <= REVIEW_LIMITS.excelSave]).toEqual([r.size, true]);
  }
});

it('constant in size: 3 x 3 CSFs and 200 CSFs with a 36-month log make the same calls, method by method', () => {
  const [small, large] = rows;
  expect(large.sheetsLoadMethods).toEqual(small.sheetsLoadMethods);
  expect(large.sheetsSaveMethods).toEqual(small.sheetsSaveMethods);
  expect(large.excelLoad).toBe(small.excelLoad);
  expect(large.excelSave).toBe(small.excelSave);
});

it('every recorded call is counted in exactly one class; dates are not converted per cell', () => {
  for (const r of rows) {
    for (const [load, methods] of [
      [r.sheetsLoad, r.sheetsLoadMethods],
      [r.sheetsSave, r.sheetsSaveMethods],
    ] as const) {
      expect(load.spreadsheet + load.lock + load.dates + load.local).toBe(total(methods));
    }
    // The large log holds 1,400 due dates: one conversion per UTC offset (the fake's zone has one), not per cell.
    expect(r.sheetsLoad.dates).toBeLessThanOrEqual(1);
    expect(r.sheetsSave.dates).toBeLessThanOrEqual(1);
    // The save holds the document lock from its read to its flush: taken, waited for, released; the load none.
    expect(r.sheetsLoad.lock).toBe(0);
    expect(r.sheetsSave.lock).toBe(3);
    expect(r.sheetsSaveMethods['Lock.releaseLock']).toBe(1);
    expect(r.sheetsSaveMethods['SpreadsheetApp.flush']).toBe(1);
  }
});

it('the classes: what reads or writes cells is a spreadsheet call; only accessors and builders are local', () => {
  for (const m of [
    'Range.getValues',
    'Sheet.getSheetValues',
    'Range.getFormulas',
    'Range.setValues',
    'Sheet.getDataRange',
    'Sheet.getRange',
    'Sheet.getMaxRows',
    'Sheet.insertRowsAfter',
    'Spreadsheet.getNamedRanges',
    'Spreadsheet.getRangeByName',
    'Spreadsheet.getSpreadsheetTimeZone',
    'SpreadsheetApp.getActiveSpreadsheet',
    'SpreadsheetApp.flush',
  ])
    expect([m, callClass(m)]).toEqual([m, 'spreadsheet']);
  for (const m of ['NamedRange.getRange', 'Range.getRow', 'Sheet.getName', 'DataValidationBuilder.build'])
    expect([m, callClass(m)]).toEqual([m, 'local']);
  expect(callClass('Lock.waitLock')).toBe('lock');
  expect(callClass('Utilities.formatDate')).toBe('dates');
});

it('the demo workbook (tracker, Review Log, Activity Funnel and Coaching Log: the four sheets a review reads) stays within the limits', async () => {
  const today = '2026-08-03';
  const fake = new FakeSpreadsheetApp(new SpreadsheetModel());
  const sheets = new SheetsWorkbook(fake, fake.lockService, fake.utilities);
  await buildDemoWorkbook(asyncWorkbook(sheets), { year: 2026 });
  fake.calls.reset();
  const data = runSync(loadReviewTask({ today }), sheets);
  const load = classify({ ...fake.calls.byMethod });
  // Four sheets read (tracker, log, funnel, Coaching Log): one getSheetValues each.
  expect(fake.calls.byMethod['Sheet.getSheetValues']).toBe(4);
  fake.calls.reset();
  const saved = runSync(saveReviewTask(saveRequest(data)), sheets);
  const save = classify({ ...fake.calls.byMethod });
  expect(saved.status).toBe('saved');
  expect(load.spreadsheet).toBeLessThanOrEqual(REVIEW_LIMITS.sheetsLoad);
  expect(save.spreadsheet).toBeLessThanOrEqual(REVIEW_LIMITS.sheetsSave);
  expect(save.lock).toBe(3);

  const excel = new FakeExcel(new SpreadsheetModel());
  const workbook = new ExcelWorkbook(excel.asExcelRun());
  await buildDemoWorkbook(workbook, { year: 2026 });
  excel.syncs = 0;
  const excelData = await runAsync(loadReviewTask({ today }), workbook);
  expect(excel.syncs).toBeLessThanOrEqual(REVIEW_LIMITS.excelLoad);
  excel.syncs = 0;
  expect((await runAsync(saveReviewTask(saveRequest(excelData)), workbook)).status).toBe('saved');
  expect(excel.syncs).toBeLessThanOrEqual(REVIEW_LIMITS.excelSave);
});
