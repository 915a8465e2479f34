/**
 * The Excel simulator page for the review's change-event refresh (bundled by esbuild at test time, served where
 * office.js is loaded from, in front of the built task pane): the fake Office and the fake Excel over a
 * SpreadsheetModel, as test/e2e/excelSimulatorPage.ts makes them, so the task pane's own ExcelWorkbook does every
 * Excel.run and its own worksheet-event registration. Hooks for the test: `__seUserTypes` (a user typing in the
 * grid: the model changes and WorksheetCollection.onChanged fires), `__seUserAddsSheet`, `__seExcel` (counters,
 * the active sheet, the handlers registered).
 */
import { FakeExcel } from '../simulators/fakeExcel';
import { SpreadsheetModel, type CellValue } from '../simulators/spreadsheetModel';

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
page.__seUserTypes = (sheet: string, row: number, col: number, value: CellValue): void =>
  excel.typeAsUser(sheet, row, col, [[value]]);
page.__seUserAddsSheet = (name: string): void => excel.addSheetAsUser(name);
page.__seExcel = () => ({
  runs: excel.runs,
  syncs: excel.syncs,
  activeSheet: excel.activeSheet,
  eventsFired: excel.eventsFired,
  handlers: {
    changed: excel.worksheetEventHandlers.changed.size,
    added: excel.worksheetEventHandlers.added.size,
    deleted: excel.worksheetEventHandlers.deleted.size,
  },
});
