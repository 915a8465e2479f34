/**
 * Bundled for the browser (esbuild, at test time) and served in front of the built task pane: a fake `Office`
 * and an `Excel` whose `run` is the fake Excel (test/simulators/fakeExcel.ts) over a SpreadsheetModel with
 * HyperFormula inside, so dist/excel-addin/taskpane.js talks to the Excel simulator exactly as it would to
 * Excel. `window.__seWorkbook()` hands the model's contents back to the test as JSON.
 */
import { FakeExcel } from '../simulators/fakeExcel';
import { SpreadsheetModel } from '../simulators/spreadsheetModel';
import { dumpWorkbook, type SheetDump } from './workbookDump';

const model = new SpreadsheetModel();
// A new Excel workbook has one sheet, as a new Google Sheet does (the fake SpreadsheetApp adds it too).
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
page.__seExcelCounts = (): { runs: number; syncs: number } => ({ runs: excel.runs, syncs: excel.syncs });
