/**
 * The three Workbook adapters over their simulators, with what a test needs outside the port: a user typing,
 * selecting, a planted write failure, round-trip counters.
 */
import { ExcelWorkbook } from '../../excel-addin/excelWorkbook';
import { MemoryWorkbook } from '../../preview/memoryWorkbook';
import { SheetsWorkbook } from '../../sheets-addon/sheetsWorkbook';
import type { ScanSelection } from '../../src/connect/types';
import type { PlanValue } from '../../src/templates/sheetPlan';
import { asyncWorkbook, type Workbook } from '../../src/workbook';
import { FakeExcel } from '../simulators/fakeExcel';
import { FakeSpreadsheetApp } from '../simulators/fakeSpreadsheetApp';
import { SpreadsheetModel } from '../simulators/spreadsheetModel';

export interface Host {
  name: string;
  workbook: Workbook;
  /** A user typing raw contents ("=…" a formula), outside the port. */
  type(sheet: string, row: number, col: number, value: PlanValue): void;
  /** A user selecting a range. */
  select(selection: ScanSelection): void;
  /** The next block write fails after `n` blocks went in. */
  failWriteAfter(n: number): void;
  /** The formula of a cell, or null (outside the port). */
  formulaAt(sheet: string, row: number, col: number): string | null;
  /** Round trips so far: Sheets service calls by method, Excel syncs. */
  counts(): { getValues: number; getNumberFormats: number; syncs: number };
  /** The sheet the user sees (outside the port): what activateSheet last brought to the front. */
  shownSheet(): string | null;
}

export function sheetsHost(): Host {
  const fake = new FakeSpreadsheetApp(new SpreadsheetModel());
  return {
    name: 'Sheets',
    workbook: asyncWorkbook(new SheetsWorkbook(fake, fake.lockService, fake.utilities)),
    type: (sheet, row, col, value) => fake.model.setContents(sheet, row, col, [[value]]),
    select: (s) => {
      fake.spreadsheet.activeSheet = s.sheet;
      fake.spreadsheet.activeRange = { row: s.row, col: s.col, rows: s.rows, cols: s.cols };
    },
    failWriteAfter: (n) => fake.model.failOn('setValues', n),
    formulaAt: (sheet, row, col) =>
      fake.model.cellKind(sheet, row, col) === 'formula'
        ? String(fake.model.formulas(sheet, { row, col, rows: 1, cols: 1 })[0][0])
        : null,
    counts: () => ({
      getValues: fake.calls.byMethod['Range.getValues'] ?? 0,
      getNumberFormats: fake.calls.byMethod['Range.getNumberFormats'] ?? 0,
      syncs: 0,
    }),
    shownSheet: () => fake.spreadsheet.activeSheet,
  };
}

export function excelHost(): Host {
  const model = new SpreadsheetModel();
  const excel = new FakeExcel(model);
  return {
    name: 'Excel',
    workbook: new ExcelWorkbook(excel.asExcelRun()),
    type: (sheet, row, col, value) => model.setContents(sheet, row, col, [[value]]),
    select: (s) => {
      excel.selection = { sheet: s.sheet, area: { row: s.row, col: s.col, rows: s.rows, cols: s.cols } };
    },
    failWriteAfter: (n) => model.failOn('Range.formulas', n),
    formulaAt: (sheet, row, col) =>
      model.cellKind(sheet, row, col) === 'formula'
        ? String(model.formulas(sheet, { row, col, rows: 1, cols: 1 })[0][0])
        : null,
    counts: () => ({ getValues: 0, getNumberFormats: 0, syncs: excel.syncs }),
    shownSheet: () => excel.activeSheet,
  };
}

export function previewHost(): Host {
  const wb = new MemoryWorkbook();
  return {
    name: 'preview',
    workbook: wb,
    type: (sheet, row, col, value) => wb.setCell(sheet, row, col, value),
    select: (s) => {
      wb.selectedRange = s;
    },
    failWriteAfter: (n) => {
      wb.failBlocksAfter = n;
    },
    formulaAt: (sheet, row, col) =>
      wb.engine.getCellFormula({ sheet: wb.engine.getSheetId(sheet) as number, row, col }) ?? null,
    counts: () => ({ getValues: 0, getNumberFormats: 0, syncs: 0 }),
    shownSheet: () => wb.activeSheet,
  };
}

export const HOSTS = [sheetsHost, excelHost, previewHost];
