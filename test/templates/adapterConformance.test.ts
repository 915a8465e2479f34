/**
 * The conformance suite: every template inserted through each Workbook adapter — SheetsWorkbook over the fake
 * SpreadsheetApp, ExcelWorkbook over the fake Excel, and the preview's MemoryWorkbook — computes the same value
 * in every cell and reads back the same through every named range. The fakes evaluate the formulas they are
 * given in HyperFormula, so what is compared is what each adapter really wrote.
 */
import { ExcelWorkbook } from '../../excel-addin/excelWorkbook';
import { MemoryWorkbook } from '../../preview/memoryWorkbook';
import { SheetsWorkbook } from '../../sheets-addon/sheetsWorkbook';
import { insertTemplate } from '../../src/app/templates';
import { TEMPLATES } from '../../src/templates';
import type { PlanValue } from '../../src/templates/sheetPlan';
import type { Workbook } from '../../src/workbook';
import { FakeExcel } from '../simulators/fakeExcel';
import { FakeSpreadsheetApp } from '../simulators/fakeSpreadsheetApp';
import { SpreadsheetModel } from '../simulators/spreadsheetModel';

interface Host {
  workbook: Workbook;
  /** Every computed cell of a sheet, an empty cell and a formula's "" alike as null (the port's reading). */
  values(sheet: string): PlanValue[][];
}

const hosts: [string, () => Host][] = [
  [
    'Sheets (SheetsWorkbook over the fake SpreadsheetApp)',
    () => {
      const fake = new FakeSpreadsheetApp(new SpreadsheetModel());
      const model = fake.model;
      return {
        workbook: new SheetsWorkbook(fake, fake.lockService, fake.utilities),
        values: (sheet) => model.values(sheet, { row: 0, col: 0, ...model.extent(sheet) }).map(asPort),
      };
    },
  ],
  [
    'Excel (ExcelWorkbook over the fake Excel)',
    () => {
      const model = new SpreadsheetModel();
      return {
        workbook: new ExcelWorkbook(new FakeExcel(model).asExcelRun()),
        values: (sheet) => model.values(sheet, { row: 0, col: 0, ...model.extent(sheet) }).map(asPort),
      };
    },
  ],
  [
    'preview (MemoryWorkbook)',
    () => {
      const wb = new MemoryWorkbook();
      return {
        workbook: wb,
        values: (sheet) => wb.sheetValues(sheet).map(asPort),
      };
    },
  ],
];

function asPort(row: readonly unknown[]): PlanValue[] {
  return row.map((v) => (v === '' || v === undefined ? null : (v as PlanValue)));
}

/** Trailing empty rows and cells dropped, so hosts that report different used extents compare equal. */
function trimmed(grid: PlanValue[][]): PlanValue[][] {
  const rows = grid.map((row) => {
    let end = row.length;
    while (end > 0 && row[end - 1] === null) end--;
    return row.slice(0, end);
  });
  while (rows.length > 0 && rows[rows.length - 1].length === 0) rows.pop();
  return rows;
}

describe.each(TEMPLATES.map((t) => [t.title, t.id]))('%s through every adapter', (_title, id) => {
  it.each([true, false])(
    'computes the same cells and named ranges in all three (examples: %s)',
    async (examples) => {
      const results: {
        host: string;
        sheet: string;
        cells: PlanValue[][];
        names: Record<string, PlanValue[][] | null>;
      }[] = [];
      for (const [host, make] of hosts) {
        const { workbook, values } = make();
        const inserted = await insertTemplate(workbook, { templateId: id, examples });
        const names: Record<string, PlanValue[][] | null> = {};
        for (const name of inserted.namedRanges) names[name] = await workbook.readNamedRange(name);
        results.push({ host, sheet: inserted.sheetName, cells: trimmed(values(inserted.sheetName)), names });
      }
      const [reference, ...others] = results;
      expect(reference.cells.length).toBeGreaterThan(3);
      expect(Object.keys(reference.names).length).toBeGreaterThan(0);
      for (const other of others) {
        expect({ host: other.host, sheet: other.sheet }).toEqual({
          host: other.host,
          sheet: reference.sheet,
        });
        expect({ host: other.host, cells: other.cells }).toEqual({
          host: other.host,
          cells: reference.cells,
        });
        expect({ host: other.host, names: other.names }).toEqual({
          host: other.host,
          names: reference.names,
        });
      }
    },
  );
});
