/**
 * Bundled for the browser (esbuild, at test time) and served where the built task pane loads office.js: a
 * fake Office (diagnostics: Excel, a version, a platform; the ribbon's associated actions kept so the test can
 * press "Run self-test") and the fake Excel over a SpreadsheetModel whose engine computes SE.* with what the
 * BUILT functions.js associates (loaded by the page right after this). functions.json's parameter shapes come
 * in as window.__seFunctionsJson (an init script).
 */
import { FakeExcel } from '../simulators/fakeExcel';
import { SpreadsheetModel, type ModelFunction } from '../simulators/spreadsheetModel';

type Callable = (...args: unknown[]) => unknown;
const page = window as unknown as Record<string, unknown>;
const metadata = page.__seFunctionsJson as {
  functions: { id: string; parameters: { dimensionality?: string }[] }[];
};

const model = new SpreadsheetModel({ functionNames: metadata.functions.map((f) => `SE.${f.id}`) });
model.addSheet('Sheet1');
model.setContents('Sheet1', 0, 0, [['My own figures', 42]]);
model.addName('MyFigure', 'Sheet1', { row: 0, col: 1, rows: 1, cols: 1 });
const excel = new FakeExcel(model);

class CustomFunctionError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message);
  }
}

const actions = new Map<string, Callable>();
page.Office = {
  HostType: { Excel: 'Excel' },
  context: { diagnostics: { host: 'Excel', version: '16.0.18000.20000', platform: 'OfficeOnline' } },
  onReady(callback: (info: { host: string }) => void) {
    setTimeout(() => callback({ host: 'Excel' }), 0);
    return Promise.resolve({ host: 'Excel' });
  },
  actions: { associate: (id: string, fn: Callable) => actions.set(id, fn) },
  addin: { showAsTaskpane: () => Promise.resolve() },
};
page.CustomFunctions = {
  associate(id: string, fn: Callable) {
    const params = metadata.functions.find((f) => f.id === id)?.parameters ?? [];
    const excelShaped: ModelFunction = (...args) =>
      fn(
        ...params.map((p, i) => {
          const arg = args[i];
          if (arg === undefined || arg === null) return null;
          return p.dimensionality === 'matrix' && !Array.isArray(arg) ? [[arg]] : arg;
        }),
      );
    model.customFunctions.set(`SE.${id}`, excelShaped);
  },
  Error: CustomFunctionError,
  ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A' },
};
page.Excel = { run: excel.asExcelRun() };
/** Presses a ribbon command the task pane associated; resolves when it called event.completed(). */
page.__sePressRibbon = (id: string): Promise<boolean> =>
  new Promise((resolve) => {
    const fn = actions.get(id);
    if (fn === undefined) resolve(false);
    else fn({ completed: () => resolve(true) });
  });
page.__seSheetsAndNames = () => ({
  sheets: model.sheetNames(),
  names: [...model.namedRanges.keys(), ...model.tables.keys()].sort(),
});
