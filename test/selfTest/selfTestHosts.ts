/**
 * The self-test's hosts: the simulators with the add-ins' own BUILT custom functions inside their formula
 * engine, so a formula the self-test writes is computed by the code a user would run.
 *
 * - Excel: dist/excel-addin/functions.js in a vm with a fake CustomFunctions runtime; what it associates under
 *   each id is the engine's SE.<id>, called with Excel's argument shapes (functions.json: a matrix parameter
 *   gets rows of cells even for one cell, an omitted one null), its CustomFunctions.Error a #VALUE!/#N/A.
 * - Sheets: dist/sheets-addon/Code.js in a vm over the fake SpreadsheetApp; its top-level SE_* functions (what
 *   Sheets calls) are the engine's SE_*.
 */
import { join } from 'node:path';
import vm from 'node:vm';
import { readFunctionDocs } from '../../scripts/lib/functionDocs';
import { ExcelWorkbook } from '../../excel-addin/excelWorkbook';
import type { SeFunctionName } from '../../src/values/excelFunctionNames';
import { excelDist, readBuilt, repoRoot, sheetsDist } from '../bundle/builtFiles';
import { FakeExcel } from '../simulators/fakeExcel';
import { FakeSpreadsheetApp } from '../simulators/fakeSpreadsheetApp';
import { SpreadsheetModel, type ModelFunction } from '../simulators/spreadsheetModel';

type Callable = (...args: unknown[]) => unknown;

/** The functions in src/functions (the folder listing), as the builds register them. */
export const FUNCTIONS: SeFunctionName[] = readFunctionDocs(repoRoot).map((d) => ({
  sheetsName: d.sheetsName,
  excelId: d.excelId,
}));

/** A fixed clock, as a host sends it. */
export const CLOCK = { today: '2026-12-01', now: '2026-12-01T01:30:00+01:00' };

class FakeCustomFunctionError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message);
  }
}

export interface ExcelSelfTestHost {
  model: SpreadsheetModel;
  excel: FakeExcel;
  workbook: ExcelWorkbook;
}

/** Excel over the fake: the built functions.js's functions computing SE.* in the engine. */
export function excelSelfTestHost(): ExcelSelfTestHost {
  const model = new SpreadsheetModel({ functionNames: FUNCTIONS.map((f) => `SE.${f.excelId}`) });
  const metadata = JSON.parse(readBuilt(join(excelDist, 'functions.json'))) as {
    functions: { id: string; parameters: { dimensionality?: string }[] }[];
  };
  const CustomFunctions = {
    associate(id: string, fn: Callable) {
      const params = metadata.functions.find((f) => f.id === id)?.parameters;
      if (params === undefined) throw new Error(`functions.js associated ${id}, which functions.json lacks`);
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
    Error: FakeCustomFunctionError,
    ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A' },
  };
  vm.runInContext(readBuilt(join(excelDist, 'functions.js')), vm.createContext({ CustomFunctions }), {
    filename: 'functions.js',
  });
  const excel = new FakeExcel(model);
  return { model, excel, workbook: new ExcelWorkbook(excel.asExcelRun()) };
}

export interface SheetsSelfTestHost {
  model: SpreadsheetModel;
  app: FakeSpreadsheetApp;
  context: vm.Context;
}

/** Sheets: the built Code.js in a vm over the fake SpreadsheetApp, its own SE_* computing the engine's. */
export function sheetsSelfTestHost(): SheetsSelfTestHost {
  const model = new SpreadsheetModel({ functionNames: FUNCTIONS.map((f) => f.sheetsName) });
  const app = new FakeSpreadsheetApp(model);
  const context = vm.createContext(app.globals());
  vm.runInContext(readBuilt(join(sheetsDist, 'Code.js')), context, { filename: 'Code.gs' });
  for (const f of FUNCTIONS) {
    const fn: unknown = context[f.sheetsName];
    if (typeof fn !== 'function') throw new Error(`Code.js has no top-level ${f.sheetsName}`);
    model.customFunctions.set(f.sheetsName, fn as ModelFunction);
  }
  return { model, app, context };
}

/** Every sheet and name of a model, to compare before and after. */
export function sheetsAndNames(model: SpreadsheetModel): { sheets: string[]; names: string[] } {
  return { sheets: model.sheetNames(), names: [...model.namedRanges.keys(), ...model.tables.keys()].sort() };
}
