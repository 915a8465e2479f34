/**
 * Export that never damages (issue 14, item 4): a workbook holding every construct the preview claims to keep
 * (merged title, Excel table with structured references, _xlfn.XLOOKUP and _xlfn.CONCAT, [Red] currency,
 * drop-downs, a number rule, conditional formats, named ranges) is imported, exported, and opened by
 * LibreOffice: no cell is an error that was not one when LibreOffice opened the original, every formula computes
 * to what LibreOffice computes from the original, and each construct is in LibreOffice's own save of the copy.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { exportWorkbook, importXlsx, type ImportedPlan } from '../../preview/xlsx';
import { workbookWithFunctions } from '../preview/previewFunctions';
import { constructsWorkbook, RED_CURRENCY } from './previewExportFixture';
import { convertWithLibreOffice, ensureSoffice } from './libreOffice';

/** Each formula cell's computed result (errors as their text), by address, from a file's cached values. */
async function results(file: Buffer | ArrayBuffer): Promise<Map<string, unknown>> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(file as ArrayBuffer);
  const out = new Map<string, unknown>();
  book.getWorksheet('Plan')!.eachRow((row) =>
    row.eachCell((cell) => {
      const v = cell.value as { formula?: string; sharedFormula?: string; result?: unknown } | null;
      if (v === null || typeof v !== 'object' || (v.formula === undefined && v.sharedFormula === undefined))
        return;
      const r = v.result;
      out.set(
        cell.address,
        r !== null && typeof r === 'object' && 'error' in r ? (r as { error: string }).error : r,
      );
    }),
  );
  return out;
}

const isError = (v: unknown): boolean => typeof v === 'string' && /^#[A-Z/0!?]+/.test(v);

async function sheetXml(file: Buffer | ArrayBuffer, part = 'xl/worksheets/sheet1.xml'): Promise<string> {
  const zip = await JSZip.loadAsync(file);
  return (await zip.file(part)?.async('string')) ?? '';
}

describe('import → export keeps every construct', () => {
  let original: Buffer;
  let exported: ArrayBuffer;
  let lost: { kind: string; count: number }[];
  let imported: Awaited<ReturnType<typeof importXlsx>>;

  beforeAll(async () => {
    original = await constructsWorkbook();
    imported = await importXlsx(original, ExcelJS, workbookWithFunctions);
    ({ bytes: exported, lost } = await exportWorkbook(imported.workbook, ExcelJS));
  });

  test('the import computes every formula (values worked out by hand) and leaves nothing out', () => {
    expect(imported.cannotCompute).toEqual([]);
    expect(imported.leftOut).toEqual([]);
    const v = imported.workbook.sheetValues('Plan');
    expect(v[3][3]).toBe(1140); // 120 x 9.5
    expect(v[5][3]).toBe(-135); // 45 x -3
    expect(v[2][5]).toBe(3415); // 1140 + 960 - 135 + 1450
    expect(v[3][5]).toBe(80); // XLOOKUP West
    expect(v[4][5]).toBe('East-West');
    expect(v[5][5]).toBe(445); // 120 + 80 + 45 + 200
    expect(v[7][5]).toBe(853.75); // 3415 / 4
  });

  test('no formula is written as text; newer functions carry Excel’s _xlfn. prefix', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(exported);
    const ws = book.getWorksheet('Plan')!;
    const serialized = imported.workbook.sheetSerialized('Plan');
    let formulas = 0;
    serialized.forEach((row, r) =>
      row.forEach((raw, c) => {
        if (typeof raw !== 'string' || !raw.startsWith('=')) return;
        formulas++;
        const cell = ws.getCell(r + 1, c + 1);
        expect([cell.address, typeof cell.formula]).toEqual([cell.address, 'string']);
      }),
    );
    expect(formulas).toBe(12);
    expect(ws.getCell('F4').formula).toBe('_xlfn.XLOOKUP("West",$A$4:$A$7,$B$4:$B$7)');
    expect(ws.getCell('F5').formula).toBe('_xlfn.CONCAT(A4,"-",A5)');
  });

  test('merges, drop-downs, rules, conditional formats, the table, names and [Red] are in the file', async () => {
    const xml = await sheetXml(exported);
    expect(xml).toContain('<mergeCell ref="A1:D1"/>');
    expect([...xml.matchAll(/<dataValidation [^>]*sqref="([^"]+)"/g)].map((m) => m[1]).sort()).toEqual([
      'A4:A7',
      'B4:B7',
      'H2',
    ]);
    expect(xml).toContain('<formula1>&quot;East,West,North,South&quot;</formula1>');
    expect(xml).toContain('<formula1>Stages</formula1>');
    expect([...xml.matchAll(/<cfRule type="(\w+)"/g)].map((m) => m[1])).toEqual([
      'cellIs',
      'colorScale',
      'dataBar',
      'expression',
    ]);
    // The data bar's Excel 2010 part is there and linked; the table's part goes directly under <worksheet>,
    // before the sheet's own extLst (not inside the data bar's).
    const link = /<cfRule type="dataBar"[\s\S]*?<x14:id>(\{[0-9A-F-]+\})<\/x14:id>/.exec(xml)?.[1];
    expect(link).toBeDefined();
    expect(xml).toContain(`<x14:cfRule type="dataBar" id="${link}">`);
    expect(xml).toMatch(
      /<\/tableParts><extLst><ext uri="\{78C0D931-6437-407d-A8EE-F0AAD7539E65\}"[\s\S]*<\/extLst><\/worksheet>$/,
    );
    const table = await sheetXml(exported, 'xl/tables/table1.xml');
    expect(table).toContain('name="Sales"');
    expect(table).toContain('ref="A3:D8"');
    expect(table).toContain('totalsRowCount="1"');
    expect([...table.matchAll(/<tableColumn [^>]*name="([^"]+)"/g)].map((m) => m[1])).toEqual([
      'Region',
      'Units',
      'Price',
      'Revenue',
    ]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(exported);
    const ws = book.getWorksheet('Plan')!;
    for (const a of ['D4', 'D5', 'D6', 'D7', 'D8'])
      expect([a, ws.getCell(a).numFmt]).toEqual([a, RED_CURRENCY]);
    // Borders (a blank cell's too) and fonts, which the preview does not draw, go back as they came.
    expect(ws.getCell('H5').border).toEqual({
      top: { style: 'thin', color: { argb: 'FF000000' } },
      left: { style: 'thin', color: { argb: 'FF000000' } },
      bottom: { style: 'thin', color: { argb: 'FF000000' } },
      right: { style: 'thin', color: { argb: 'FF000000' } },
    });
    expect(ws.getCell('F2').border?.bottom?.style).toBe('thick');
    expect(ws.getCell('A1').font).toMatchObject({ name: 'Georgia', size: 16, bold: true });
    // Row height, a hidden column, a grouped row and the tab's colour, which the preview does not draw.
    expect(ws.getRow(1).height).toBe(30);
    expect(ws.getColumn('J').hidden).toBe(true);
    expect(ws.getRow(10).outlineLevel).toBe(1);
    expect(ws.properties.tabColor).toEqual({ argb: 'FF00B050' });
    // Hyperlinks, to the web and within the workbook, on their texts.
    expect(ws.getCell('H7').value).toEqual({
      text: 'Price list',
      hyperlink: 'https://example.com/prices?q=1&r=2',
    });
    expect(ws.getCell('H8').value).toEqual({ text: 'Back to the top', hyperlink: "#'Plan'!A1" });
    expect(ws.getCell('B3').note).toBe('Units are boxes of 12 & counted monthly');
    // The note's drawing in its place in the sheet (ExcelJS alone writes it after the extLst, which Excel repairs).
    expect(xml).toMatch(/<pageSetup [^>]*\/><legacyDrawing r:id="rId\d+"\/><tableParts /);
    const workbookXml = await sheetXml(exported, 'xl/workbook.xml');
    expect(workbookXml).toContain('<definedName name="UnitsRange">Plan!$B$4:$B$7</definedName>');
    expect(workbookXml).toContain('<definedName name="Stages">Plan!$J$1:$J$3</definedName>');
  });

  test('the export names what changed form: the table references now written as plain ranges', () => {
    // D4:D7 ([#This Row]), B8 and D8 (the totals row), F3, F4, F7 and F8: ten formulas counted by hand.
    expect(lost).toEqual([
      {
        kind: 'formulas with table references (Sales[Units]), written with the plain ranges they stand for',
        count: 10,
      },
    ]);
  });

  test('the copy imports back to the same values and the same kept constructs', async () => {
    const again = await importXlsx(exported, ExcelJS, workbookWithFunctions);
    expect(again.workbook.sheetValues('Plan')).toEqual(imported.workbook.sheetValues('Plan'));
    const a = again.workbook.plans.get('Plan') as ImportedPlan;
    const b = imported.workbook.plans.get('Plan') as ImportedPlan;
    expect(a.merges).toEqual(b.merges);
    expect(a.kept?.validations).toEqual(b.kept?.validations);
    expect(a.kept?.tables).toEqual(b.kept?.tables);
    expect(a.kept?.conditionalFormats.length).toBe(4);
    expect(await again.workbook.namedRangeNames()).toEqual(await imported.workbook.namedRangeNames());
  });

  test('a merge over a cell typed into since, and a table whose header lost a name, are left out and named', async () => {
    const copy = await importXlsx(original, ExcelJS, workbookWithFunctions);
    copy.workbook.setCell('Plan', 0, 2, 'typed later');
    copy.workbook.setCell('Plan', 2, 1, 'Region');
    const out = await exportWorkbook(copy.workbook, ExcelJS);
    expect(out.lost.map((l) => [l.kind, l.count])).toEqual([
      ['merged ranges over cells that now hold something (left unmerged)', 1],
      ['formulas with table references (Sales[Units]), written with the plain ranges they stand for', 10],
      ['Excel tables whose header row no longer names each column once (written as plain cells)', 1],
    ]);
    const xml = await sheetXml(out.bytes);
    expect(xml).not.toContain('<mergeCell');
    expect(xml).not.toContain('<tablePart');
    // What was typed is there.
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(out.bytes);
    expect(book.getWorksheet('Plan')!.getCell('C1').value).toBe('typed later');
  });

  describe('in LibreOffice', () => {
    let fromOriginal: Buffer;
    let fromExport: Buffer;

    beforeAll(async () => {
      const dir = mkdtempSync(join(tmpdir(), 'se-preview-export-'));
      const paths = [join(dir, 'original.xlsx'), join(dir, 'copy.xlsx')];
      writeFileSync(paths[0], original);
      writeFileSync(paths[1], Buffer.from(exported));
      const { outputs } = await convertWithLibreOffice(ensureSoffice(), paths);
      [fromOriginal, fromExport] = outputs.map((o) => readFileSync(o));
    }, 600_000);

    test('0 error cells that were not errors in the original, and every formula as LibreOffice computes the original', async () => {
      const before = await results(fromOriginal);
      const after = await results(fromExport);
      expect(after.size).toBe(12);
      const newErrors = [...after].filter(([a, v]) => isError(v) && !isError(before.get(a)));
      expect(newErrors).toEqual([]);
      // LibreOffice 7.4 has no XLOOKUP: the original's F4 is its only error, and the copy's the same one.
      expect([...before].filter(([, v]) => isError(v)).map(([a]) => a)).toEqual(['F4']);
      for (const [address, value] of after) expect([address, value]).toEqual([address, before.get(address)]);
      expect(after.get('F3')).toBe(3415);
    });

    test('LibreOffice’s save of the copy holds the merge, drop-downs, rules, conditional formats, table, names and [Red]', async () => {
      const xml = await sheetXml(fromExport);
      expect(xml).toContain('<mergeCell ref="A1:D1"/>');
      expect([...xml.matchAll(/<dataValidation [^>]*sqref="([^"]+)"/g)].map((m) => m[1]).sort()).toEqual([
        'A4:A7',
        'B4:B7',
        'H2',
      ]);
      expect([...xml.matchAll(/<cfRule type="(\w+)"/g)].map((m) => m[1])).toEqual([
        'cellIs',
        'colorScale',
        'dataBar',
        'expression',
      ]);
      const zip = await JSZip.loadAsync(fromExport);
      const tables = await Promise.all(
        Object.keys(zip.files)
          .filter((n) => /^xl\/tables\/table\d+\.xml$/.test(n))
          .map((n) => zip.file(n)!.async('string')),
      );
      expect(tables).toHaveLength(1);
      expect(tables[0]).toMatch(/displayName="Sales"/);
      expect(tables[0]).toMatch(/ref="A3:D8"/);
      const workbookXml = await zip.file('xl/workbook.xml')!.async('string');
      expect(workbookXml).toMatch(/name="UnitsRange"[^>]*>Plan!\$B\$4:\$B\$7</);
      expect(workbookXml).toMatch(/name="Stages"[^>]*>Plan!\$J\$1:\$J\$3</);
      expect(xml).toMatch(/<hyperlink [^>]*ref="H7"/);
      const comments = Object.keys(zip.files).filter((n) => /^xl\/comments\d+\.xml$/.test(n));
      expect(comments).toHaveLength(1);
      expect(await zip.file(comments[0])!.async('string')).toContain(
        'Units are boxes of 12 &amp; counted monthly',
      );
      expect(xml).toMatch(/<hyperlink [^>]*ref="H8"/);
      const styles = await zip.file('xl/styles.xml')!.async('string');
      expect(styles).toMatch(/formatCode="[^"]*\[RED\][^"]*"/i);
    });
  });
});
