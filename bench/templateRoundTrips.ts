/**
 * Host round trips to insert each template, through the real adapters over the host simulators: service calls
 * in Sheets (every SpreadsheetApp/Sheet/Range/... method call) and context.sync() in Excel. Each template is
 * inserted at its normal size and with 50 times its rows; the counts must not grow with the size. Then the
 * same counts to append rows to a table and to read it back (tableRoundTrips), small and large.
 */
import { ExcelWorkbook } from '../excel-addin/excelWorkbook';
import { SheetsWorkbook } from '../sheets-addon/sheetsWorkbook';
import { TEMPLATES, templateById, type Template } from '../src/templates';
import type { PlanCell } from '../src/templates/sheetPlan';
import { FakeExcel } from '../test/simulators/fakeExcel';
import { FakeSpreadsheetApp } from '../test/simulators/fakeSpreadsheetApp';
import { SpreadsheetModel } from '../test/simulators/spreadsheetModel';

export interface RoundTripRow {
  template: string;
  rows: [number, number];
  /** Sheets service calls other than growing the grid. */
  sheetsCalls: [number, number];
  /** insertRowsAfter / insertColumnsAfter: a new Google Sheet is 1000 x 26; at most one call per dimension. */
  sheetsGridCalls: [number, number];
  excelSyncs: [number, number];
}

const GRID_CALLS = ['Sheet.insertRowsAfter', 'Sheet.insertColumnsAfter'];

function sheetsCalls(template: Template, rows?: number): { calls: number; grid: number } {
  const fake = new FakeSpreadsheetApp(new SpreadsheetModel());
  const workbook = new SheetsWorkbook(fake, fake.lockService, fake.utilities);
  fake.calls.reset();
  workbook.insertSheet(template.render({ examples: true, rows }));
  const grid = GRID_CALLS.reduce((n, k) => n + (fake.calls.byMethod[k] ?? 0), 0);
  return { calls: fake.calls.total - grid, grid };
}

async function excelSyncs(template: Template, rows?: number): Promise<number> {
  const excel = new FakeExcel(new SpreadsheetModel());
  await new ExcelWorkbook(excel.asExcelRun()).insertSheet(template.render({ examples: true, rows }));
  return excel.syncs;
}

export async function templateRoundTrips(): Promise<RoundTripRow[]> {
  const out: RoundTripRow[] = [];
  for (const template of TEMPLATES) {
    const normal = template.render({ examples: true }).rows;
    const large = 50 * normal;
    out.push({
      template: template.title,
      rows: [normal, template.render({ examples: true, rows: large }).rows],
      ...((small, big) => ({
        sheetsCalls: [small.calls, big.calls],
        sheetsGridCalls: [small.grid, big.grid],
      }))(sheetsCalls(template), sheetsCalls(template, large)),
      excelSyncs: [await excelSyncs(template), await excelSyncs(template, large)],
    });
  }
  return out;
}

export interface TableRoundTripRow {
  operation: string;
  /** What was measured at the small and the large size. */
  sizes: [string, string];
  sheetsCalls: [number, number];
  excelSyncs: [number, number];
}

/** The Review Log's table (the one the monthly review appends to), through each adapter. */
const LOG = 'review-log';
const LOG_TABLE = 'SE_ReviewLog_Table';

function logRows(n: number, cols: number): PlanCell[][] {
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: cols }, (_, c): PlanCell =>
      c === 0 ? { value: 46000 + i } : { value: `cell ${i}.${c}` },
    ),
  );
}

function sheetsLog(): { fake: FakeSpreadsheetApp; workbook: SheetsWorkbook; cols: number } {
  const fake = new FakeSpreadsheetApp(new SpreadsheetModel());
  const workbook = new SheetsWorkbook(fake, fake.lockService, fake.utilities);
  workbook.insertSheet(templateById(LOG).render({ examples: false }));
  const cols = fake.model.namedRanges.get(LOG_TABLE)?.area.cols ?? 0;
  return { fake, workbook, cols };
}

async function excelLog(): Promise<{ excel: FakeExcel; workbook: ExcelWorkbook; cols: number }> {
  const model = new SpreadsheetModel();
  const excel = new FakeExcel(model);
  const workbook = new ExcelWorkbook(excel.asExcelRun());
  await workbook.insertSheet(templateById(LOG).render({ examples: false }));
  return { excel, workbook, cols: model.namedRanges.get(LOG_TABLE)?.area.cols ?? 0 };
}

/** Service calls (Sheets) and context.sync() (Excel) to append rows to, and to read, the Review Log's table. */
export async function tableRoundTrips(): Promise<TableRoundTripRow[]> {
  const sheetsAppend = (n: number): number => {
    const { fake, workbook, cols } = sheetsLog();
    fake.calls.reset();
    workbook.appendRows(LOG_TABLE, logRows(n, cols));
    return fake.calls.total;
  };
  const excelAppend = async (n: number): Promise<number> => {
    const { excel, workbook, cols } = await excelLog();
    excel.syncs = 0;
    await workbook.appendRows(LOG_TABLE, logRows(n, cols));
    return excel.syncs;
  };
  const sheetsRead = (n: number): number => {
    const { fake, workbook, cols } = sheetsLog();
    workbook.appendRows(LOG_TABLE, logRows(n, cols));
    fake.calls.reset();
    workbook.readTable(LOG_TABLE);
    return fake.calls.total;
  };
  const excelRead = async (n: number): Promise<number> => {
    const { excel, workbook, cols } = await excelLog();
    await workbook.appendRows(LOG_TABLE, logRows(n, cols));
    excel.syncs = 0;
    await workbook.readTable(LOG_TABLE);
    return excel.syncs;
  };
  return [
    {
      operation: 'appendRows (Review Log)',
      sizes: ['1 row', '500 rows'],
      sheetsCalls: [sheetsAppend(1), sheetsAppend(500)],
      excelSyncs: [await excelAppend(1), await excelAppend(500)],
    },
    {
      operation: 'readTable (Review Log)',
      sizes: ['5 rows', '500 rows'],
      sheetsCalls: [sheetsRead(5), sheetsRead(500)],
      excelSyncs: [await excelRead(5), await excelRead(500)],
    },
  ];
}
