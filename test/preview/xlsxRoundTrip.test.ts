/** The preview's Save and Load: export to .xlsx, import it back, and every computed value is the same. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ExcelJS from 'exceljs';
import { TEMPLATES } from '../../src/templates';
import { emptyPlan, exportXlsx, importXlsx, parseRange } from '../../preview/xlsx';
import type { MemoryWorkbook } from '../../preview/memoryWorkbook';
import { repoRoot, workbookWithFunctions } from './previewFunctions';
import { readFunctionDocs } from '../../scripts/lib/functionDocs';
import { row, workbookFile, worksheetXml, zip } from './hostileFiles';
import { TRICKY_TEXTS } from './trickyTexts';
import { convertWithLibreOffice, ensureSoffice } from '../xlsx/libreOffice';

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
    const { workbook: copy, notes } = await importXlsx(bytes, ExcelJS, workbookWithFunctions);
    expect(notes).toEqual([]);

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
    const { workbook: copy } = await importXlsx(
      await exportXlsx(original, ExcelJS),
      ExcelJS,
      workbookWithFunctions,
    );
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

  /** The refusal's message, and how long it took; fails if the file is imported. */
  async function refusal(bytes: Uint8Array): Promise<{ message: string; ms: number }> {
    const started = Date.now();
    try {
      await importXlsx(bytes, ExcelJS, workbookWithFunctions);
    } catch (error) {
      return { message: (error as Error).message, ms: Date.now() - started };
    }
    throw new Error('the file was imported');
  }

  // Issue 10, defect 7: a zip that is not a workbook used to become an empty workbook.
  test('a zip that is not a workbook is refused, not imported as an empty workbook', async () => {
    const { message } = await refusal(zip([{ name: 'readme.txt', data: 'just a zip' }]));
    expect(message).toMatch(/not an Excel workbook/);
  });

  // Issue 10, defect 8: limits are checked before ExcelJS or HyperFormula allocate anything large.
  test('a 6 KB file with a name over A1:XFD1048576 is refused at once, naming the limit', async () => {
    const bytes = workbookFile({
      names: '<definedName name="Everything">Data!$A$1:$XFD$1048576</definedName>',
    });
    expect(bytes.length).toBeLessThan(6000);
    const { message, ms } = await refusal(bytes);
    expect(message).toMatch(/Everything.*17,179,869,184 cells.*up to 100,000 cells/);
    expect(ms).toBeLessThan(2000);
  });

  test('a cell past row 125,000 is refused with the row limit, not a stack overflow', async () => {
    const bytes = workbookFile({
      sheets: [{ name: 'Data', xml: worksheetXml(row(1, ['top']) + row(125001, ['far down'])) }],
    });
    const { message } = await refusal(bytes);
    expect(message).toMatch(/“Data”.*row 125,001.*40,000 rows/);
  });

  test('45,000 rows are refused at once with the row limit', async () => {
    const rows = Array.from({ length: 45000 }, (_, i) => row(i + 1, [i])).join('');
    const { message, ms } = await refusal(
      workbookFile({ sheets: [{ name: 'Data', xml: worksheetXml(rows) }] }),
    );
    expect(message).toMatch(/“Data”.*row 40,001.*40,000 rows/);
    expect(ms).toBeLessThan(3000);
  });

  test('the Excel-valid name \\tax does not fail the import: the workbook comes in and the name is noted', async () => {
    const bytes = workbookFile({
      names:
        '<definedName name="\\tax">Data!$B$1</definedName><definedName name="Rate">Data!$B$1</definedName>',
    });
    const { workbook, notes } = await importXlsx(bytes, ExcelJS, workbookWithFunctions);
    expect(await workbook.sheetNames()).toEqual(['Data']);
    expect(await workbook.namedRangeNames()).toEqual(['Rate']);
    expect(await workbook.readNamedRange('Rate')).toEqual([[1]]);
    expect(notes.join(' ')).toMatch(/\\tax/);
  });

  // The checks must not refuse what real spreadsheet programs write: LibreOffice adds parts of its own (theme,
  // document properties, print names with sheet scope) and lays its XML out its own way.
  test('a workbook saved by LibreOffice imports: same sheets, names and texts', async () => {
    const original = await templatesWorkbook();
    const texts = (
      await original.insertSheet({ ...emptyPlan('Texts'), cells: TRICKY_TEXTS.map((t) => [{ value: t }]) })
    ).name;
    const input = join(mkdtempSync(join(tmpdir(), 'se-lo-import-')), 'from-preview.xlsx');
    writeFileSync(input, new Uint8Array(await exportXlsx(original, ExcelJS)));
    const { outputs } = await convertWithLibreOffice(ensureSoffice(), [input]);
    const { workbook: copy } = await importXlsx(readFileSync(outputs[0]), ExcelJS, workbookWithFunctions);
    expect(await copy.sheetNames()).toEqual(await original.sheetNames());
    expect((await copy.namedRangeNames()).sort()).toEqual((await original.namedRangeNames()).sort());
    expect(copy.sheetValues(texts).map((r) => r[0])).toEqual([...TRICKY_TEXTS]);
  });
});

describe("SE functions under Excel's names (issue 15, item 6)", () => {
  const seFunctions = readFunctionDocs(repoRoot).map((d) => ({
    sheetsName: d.sheetsName,
    excelId: d.excelId,
  }));

  test('export writes them as Excel saves an add-in function; import reads them back, computed', async () => {
    const original = workbookWithFunctions();
    await original.insertSheet({ ...emptyPlan('Scores'), rows: 3, cols: 3 });
    original.setCell('Scores', 0, 0, 9);
    original.setCell('Scores', 0, 1, 4);
    // Nested in other formulas, next to text that only looks like a call.
    original.setCell('Scores', 0, 2, '=IF(SE_SCORE(A1,B1)>30,"SE_SCORE(ok)",ROUND(se_score(A1,B1),0))');
    original.setCell('Scores', 1, 0, '=SUM(SE_SCORE(A1,B1),1)');
    const bytes = await exportXlsx(original, ExcelJS, seFunctions);

    // In the file, as Excel saves a JavaScript custom function (its namespace's dot an underscore).
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes);
    const ws = book.getWorksheet('Scores')!;
    const formulaOf = (address: string) => (ws.getCell(address).value as { formula?: string }).formula;
    expect(formulaOf('C1')).toBe(
      'IF(_xldudf_SE_SCORE(A1,B1)>30,"SE_SCORE(ok)",ROUND(_xldudf_SE_SCORE(A1,B1),0))',
    );
    expect(formulaOf('A2')).toBe('SUM(_xldudf_SE_SCORE(A1,B1),1)');

    // Back in the preview: the Sheets names again, computing 9/10 x 4/10 x 100 = 36.
    const { workbook: copy } = await importXlsx(bytes, ExcelJS, workbookWithFunctions, seFunctions);
    expect(copy.sheetValues('Scores')[0][2]).toBe('SE_SCORE(ok)');
    expect(copy.sheetValues('Scores')[1][0]).toBe(37);
    expect(copy.sheetSerialized('Scores')[1][0]).toBe('=SUM(SE_SCORE(A1,B1),1)');
  });

  test("a file typed in Excel (SE.SCORE) imports with the preview's names", async () => {
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet('Typed');
    ws.getCell('A1').value = { formula: 'SE.SCORE(6,8)' } as ExcelJS.CellFormulaValue;
    const bytes = Buffer.from(await book.xlsx.writeBuffer());
    const { workbook } = await importXlsx(bytes, ExcelJS, workbookWithFunctions, seFunctions);
    expect(workbook.sheetSerialized('Typed')[0][0]).toBe('=SE_SCORE(6,8)');
    expect(workbook.sheetValues('Typed')[0][0]).toBe(48);
  });
});
