/**
 * What a workbook holds, as plain JSON: every sheet's computed values and what its formula bar shows. Used in
 * Node (the Sheets path's model) and inside the page (the Excel path's model, bundled by excelSimulatorPage.ts),
 * so both hosts are read back the same way.
 */
import type { CellValue, SpreadsheetModel } from '../simulators/spreadsheetModel';

export interface SheetDump {
  name: string;
  values: CellValue[][];
  formulas: CellValue[][];
}

export function dumpWorkbook(model: SpreadsheetModel): SheetDump[] {
  return model.sheetNames().map((name) => {
    const area = { row: 0, col: 0, ...model.extent(name) };
    return { name, values: model.values(name, area), formulas: model.formulas(name, area) };
  });
}
