/**
 * The Excel simulator page for the Connect my plan run (bundled by esbuild at test time, served where office.js
 * is loaded from, in front of the built task pane): the fake Office and the fake Excel over a SpreadsheetModel,
 * as test/e2e/excelSimulatorPage.ts makes them, plus `__seTypePlan` for a user's plan typed before the pane
 * opens and `__seWorkbook` to read the model back.
 */
import { FakeExcel } from '../simulators/fakeExcel';
import { SpreadsheetModel, type CellValue } from '../simulators/spreadsheetModel';
import { dumpWorkbook, type SheetDump } from '../e2e/workbookDump';

const model = new SpreadsheetModel();
model.addSheet('Sheet1');
const excel = new FakeExcel(model);

const page = window as unknown as Record<string, unknown>;
page.Office = {
  HostType: { Excel: 'Excel' },
  onReady(callback: (info: { host: string }) => void) {
    setTimeout(() => callback({ host: 'Excel' }), 0);
    return Promise.resolve({ host: 'Excel' });
  },
  actions: { associate() {} },
  addin: { showAsTaskpane: () => Promise.resolve() },
};
page.CustomFunctions = { associate() {}, Error, ErrorCode: {} };
page.Excel = { run: excel.asExcelRun() };
page.__seWorkbook = (): SheetDump[] => dumpWorkbook(model);
page.__seTypePlan = (sheet: string, rows: CellValue[][]): void => {
  if (!model.hasSheet(sheet)) model.addSheet(sheet);
  model.setContents(sheet, 0, 0, rows);
};
