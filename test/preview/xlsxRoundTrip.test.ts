/** The preview's Save and Load: export to .xlsx, import it back, and every computed value is the same. */
import * as ExcelJS from 'exceljs';
import { TEMPLATES } from '../../src/templates';
import { exportXlsx, importXlsx, parseRange } from '../../preview/xlsx';
import type { MemoryWorkbook } from '../../preview/memoryWorkbook';
import { workbookWithFunctions } from './previewFunctions';

/** An empty text constant is a blank cell in every host (planToXlsx leaves it out), so '' and blank compare equal. */
function blankAsNull(rows: unknown[][]): unknown[][] {
  const out = rows.map((r) => r.map((v) => (v === '' ? null : v)));
  for (const r of out) while (r.length > 0 && r[r.length - 1] === null) r.pop();
  while (out.length > 0 && out[out.length - 1].length === 0) out.pop();
  return out;
}

async function templatesWorkbook(): Promise<MemoryWorkbook> {
  const wb = workbookWithFunctions();
  for (const t of TEMPLATES) await wb.insertSheet({ ...t.render({ examples: true }), name: t.title });
  return wb;
}

describe('preview .xlsx export and import', () => {
  test('the templates evaluate with the custom functions (no #NAME?)', async () => {
    const wb = await templatesWorkbook();
    for (const sheet of await wb.sheetNames())
      for (const row of wb.sheetValues(sheet))
        for (const v of row) expect([sheet, v]).not.toEqual([sheet, '#NAME?']);
  });

  test('export then import round-trips every sheet, its values, formulas and names', async () => {
    const original = await templatesWorkbook();
    const firstSheet = (await original.sheetNames())[0];
    original.setCell(firstSheet, 40, 0, 'edited after insert');
    const bytes = await exportXlsx(original, ExcelJS);
    const copy = await importXlsx(bytes, ExcelJS, workbookWithFunctions);

    expect(await copy.sheetNames()).toEqual(await original.sheetNames());
    for (const sheet of await original.sheetNames()) {
      expect([sheet, blankAsNull(copy.sheetValues(sheet))]).toEqual([
        sheet,
        blankAsNull(original.sheetValues(sheet)),
      ]);
      expect([sheet, blankAsNull(copy.sheetSerialized(sheet))]).toEqual([
        sheet,
        blankAsNull(original.sheetSerialized(sheet)),
      ]);
    }
    const names = await original.namedRangeNames();
    expect(names.length).toBeGreaterThan(0);
    expect((await copy.namedRangeNames()).sort()).toEqual([...names].sort());
    for (const name of names)
      expect(await copy.readNamedRange(name)).toEqual(await original.readNamedRange(name));
    expect(names.some((n) => n.startsWith('SE_CSF_Table'))).toBe(true);
  });

  test('formats and status colours come back from the file', async () => {
    const original = await templatesWorkbook();
    const copy = await importXlsx(await exportXlsx(original, ExcelJS), ExcelJS, workbookWithFunctions);
    for (const [sheet, plan] of original.plans) {
      const back = copy.plans.get(sheet)!;
      expect([sheet, back.frozenRows]).toEqual([sheet, plan.frozenRows]);
      expect(back.conditionalFormats.length).toBe(plan.conditionalFormats.length);
      if (plan.formats.some((f) => f.bold)) expect(back.formats.some((f) => f.bold)).toBe(true);
    }
  });

  test('parseRange reads A1 references', () => {
    expect(parseRange('$B$3:$D$10')).toEqual({ row: 2, col: 1, rows: 8, cols: 3 });
    expect(parseRange('AA1')).toEqual({ row: 0, col: 26, rows: 1, cols: 1 });
  });
});
