/**
 * Host round trips to insert each template, through the real adapters over the host simulators: service calls
 * in Sheets (every SpreadsheetApp/Sheet/Range/... method call) and context.sync() in Excel. Each template is
 * inserted at its normal size and with 50 times its rows; the counts must not grow with the size.
 */
import { ExcelWorkbook } from '../excel-addin/excelWorkbook';
import { SheetsWorkbook } from '../sheets-addon/sheetsWorkbook';
import { TEMPLATES, type Template } from '../src/templates';
import { FakeExcel } from '../test/simulators/fakeExcel';
import { FakeSpreadsheetApp } from '../test/simulators/fakeSpreadsheetApp';
import { SpreadsheetModel } from '../test/simulators/spreadsheetModel';

export interface RoundTripRow {
  template: string;
  rows: [number, number];
  sheetsCalls: [number, number];
  excelSyncs: [number, number];
}

async function sheetsCalls(template: Template, rows?: number): Promise<number> {
  const fake = new FakeSpreadsheetApp(new SpreadsheetModel());
  const workbook = new SheetsWorkbook(fake, fake.lockService, fake.utilities);
  fake.calls.reset();
  await workbook.insertSheet(template.render({ examples: true, rows }));
  return fake.calls.total;
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
      sheetsCalls: [await sheetsCalls(template), await sheetsCalls(template, large)],
      excelSyncs: [await excelSyncs(template), await excelSyncs(template, large)],
    });
  }
  return out;
}
