/**
 * Formulas exported as Excel stores them: a function newer than Excel 2007 carries `_xlfn.` (FILTER and SORT
 * `_xlfn._xlws.`), else Excel reads the name as unknown (#NAME?); a newer function than the list knows keeps the
 * prefix the imported file gave it. Text in quotes and quoted sheet names are never touched. And a defined
 * name the preview cannot hold is counted with what the export leaves out, not only noted.
 */
import * as ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { collectPrefixes, withExcelPrefixes } from '../../preview/excelPrefixes';
import { exportWorkbook, importXlsx } from '../../preview/xlsx';
import { workbookWithFunctions } from '../preview/previewFunctions';

describe('Excel’s prefixes on export', () => {
  test('functions newer than Excel 2007 get _xlfn., FILTER and SORT _xlfn._xlws.; older ones nothing', () => {
    expect(withExcelPrefixes('=XLOOKUP(A1,B1:B9,C1:C9)+SUM(D1:D9)')).toBe(
      '=_xlfn.XLOOKUP(A1,B1:B9,C1:C9)+SUM(D1:D9)',
    );
    expect(withExcelPrefixes('=SORT(FILTER(A1:B9,B1:B9>0))')).toBe(
      '=_xlfn._xlws.SORT(_xlfn._xlws.FILTER(A1:B9,B1:B9>0))',
    );
    expect(withExcelPrefixes('=ifs(A1>1,"a",TRUE(),"b")')).toBe('=_xlfn.ifs(A1>1,"a",TRUE(),"b")');
    expect(withExcelPrefixes('=STDEV.S(A1:A9)/STDEV(A1:A9)')).toBe('=_xlfn.STDEV.S(A1:A9)/STDEV(A1:A9)');
  });

  test('quoted text, quoted sheet names, names that are not calls and prefixed names stay as they are', () => {
    expect(withExcelPrefixes('="CONCAT(A1)"&CONCAT(A1)')).toBe('="CONCAT(A1)"&_xlfn.CONCAT(A1)');
    expect(withExcelPrefixes("='CONCAT(x'!A1+XOR")).toBe("='CONCAT(x'!A1+XOR");
    expect(withExcelPrefixes('=_xlfn.XLOOKUP(1,A:A,B:B)')).toBe('=_xlfn.XLOOKUP(1,A:A,B:B)');
    expect(withExcelPrefixes('=MY.CONCAT(1)+Sales[CONCAT]')).toBe('=MY.CONCAT(1)+Sales[CONCAT]');
  });

  test('a newer function than the list keeps the prefix the file gave it', () => {
    const seen = new Map<string, string>();
    collectPrefixes('=_xlfn.FUTUREFN(A1)+_xlfn._xlws.LATER(B1)+"_xlfn.NOT(1)"', seen);
    expect([...seen]).toEqual([
      ['FUTUREFN', '_xlfn.'],
      ['LATER', '_xlfn._xlws.'],
    ]);
    expect(withExcelPrefixes('=FUTUREFN(A1)+LATER(B1)+NOT(1)', seen)).toBe(
      '=_xlfn.FUTUREFN(A1)+_xlfn._xlws.LATER(B1)+NOT(1)',
    );
  });

  test('import → export: a function the preview cannot compute goes back with its prefix', async () => {
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet('S');
    ws.getCell('A1').value = 2;
    ws.getCell('B1').value = { formula: '_xlfn.FUTUREFN(A1)', result: 4 } as ExcelJS.CellFormulaValue;
    ws.getCell('C1').value = { formula: '_xlfn.XMATCH(2,A1:A1)', result: 1 } as ExcelJS.CellFormulaValue;
    const imported = await importXlsx(
      (await book.xlsx.writeBuffer()) as ArrayBuffer,
      ExcelJS,
      workbookWithFunctions,
    );
    expect(imported.cannotCompute.map((c) => c.what).sort()).toEqual([
      'the function FUTUREFN',
      'the function XMATCH',
    ]);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load((await exportWorkbook(imported.workbook, ExcelJS)).bytes);
    expect(back.getWorksheet('S')!.getCell('B1').formula).toBe('_xlfn.FUTUREFN(A1)');
    expect(back.getWorksheet('S')!.getCell('C1').formula).toBe('_xlfn.XMATCH(2,A1:A1)');
  });

  test('a name the preview cannot hold (a constant) is counted among what the export leaves out', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('S').getCell('A1').value = 1;
    const zip = await JSZip.loadAsync((await book.xlsx.writeBuffer()) as ArrayBuffer);
    const xml = await zip.file('xl/workbook.xml')!.async('string');
    zip.file(
      'xl/workbook.xml',
      xml.replace(
        '</sheets>',
        '</sheets><definedNames><definedName name="TaxRate">0.2</definedName></definedNames>',
      ),
    );
    const imported = await importXlsx(
      await zip.generateAsync({ type: 'uint8array' }),
      ExcelJS,
      workbookWithFunctions,
    );
    expect(imported.leftOut).toEqual([{ kind: 'names the preview cannot hold', count: 1 }]);
    expect(imported.notes).toEqual(['the name TaxRate (0.2: the preview keeps names of one block of cells)']);
  });
});
