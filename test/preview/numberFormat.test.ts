/**
 * The grid's number formats against what LibreOffice shows: each value and format written into an .xlsx with
 * TEXT(value, format) beside it, LibreOffice recalculates, and the preview's rendering must be LibreOffice's text.
 * (TEXT drops colours; the colours are checked by hand below.)
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ExcelJS from 'exceljs';
import { formatValue, sections } from '../../preview/numberFormat';
import { convertWithLibreOffice, ensureSoffice } from '../xlsx/libreOffice';

/** Values and formats a planning workbook shows: money, [Red], parentheses, percentages, dates, thousands. */
const CASES: [number, string][] = [
  [73818, '#,##0.00 [$€-407];[Red]-#,##0.00 [$€-407]'],
  [-73818, '#,##0.00 [$€-407];[Red]-#,##0.00 [$€-407]'],
  [73818, '"$"#,##0.00;[Red]("$"#,##0.00)'],
  [-73818.456, '"$"#,##0.00;[Red]("$"#,##0.00)'],
  [-1234.5, '#,##0 "€";[Red]-#,##0 "€"'],
  [1234.5, '#,##0 "€";[Red]-#,##0 "€"'],
  [-5, '#,##0;(#,##0)'],
  [0, '#,##0;(#,##0);"-"'],
  [-0.5, '#,##0;(#,##0);"-"'],
  [1234567.891, '#,##0.00'],
  [1234567.891, '#,##0'],
  [999.5, '#,##0'],
  [1234567.891, '#,##0,"k"'],
  [1234567.891, '#,##0.0,,"M"'],
  [0.2834, '0.0%'],
  [0.5, '0%'],
  [-0.0125, '0.00%'],
  [1.005, '0.00'],
  [2.675, '0.00'],
  [-3.14159, '0.000'],
  [42, '000000'],
  [0.5, '0.##'],
  [12345.678, '0.00E+00'],
  [0.000123, '0.0E+00'],
  [46234, 'yyyy-mm-dd'],
  [46234, 'd-mmm-yy'],
  [46234, 'mmmm yyyy'],
  [46234, 'mmm-yy'],
  [46234, 'dddd, d mmmm yyyy'],
  [46234, 'dd/mm/yyyy'],
  [46234.75, 'h:mm AM/PM'],
  [46234.3125, 'hh:mm:ss'],
  [46234.75, 'yyyy-mm-dd hh:mm'],
  [1.5, '[h]:mm'],
  [0.0208333333, 'mm:ss'],
  [15, '0 "days"'],
  [-15, '0 "days";-0 "days"'],
  [7, '"Q"0'],
];

describe('number formats as LibreOffice shows them', () => {
  let shown: string[] = [];

  beforeAll(async () => {
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet('Formats');
    CASES.forEach(([v, f], i) => {
      ws.getCell(i + 1, 1).value = v;
      ws.getCell(i + 1, 2).value = {
        formula: `TEXT(A${i + 1},"${f.replace(/"/g, '""')}")`,
      } as ExcelJS.CellFormulaValue;
    });
    const file = join(mkdtempSync(join(tmpdir(), 'se-formats-')), 'formats.xlsx');
    writeFileSync(file, new Uint8Array((await book.xlsx.writeBuffer()) as ArrayBuffer));
    const { outputs } = await convertWithLibreOffice(ensureSoffice(), [file]);
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(outputs[0]);
    const out = back.getWorksheet('Formats')!;
    shown = CASES.map((_, i) => {
      const v = out.getCell(i + 1, 2).value as { result?: unknown } | string;
      return String(typeof v === 'object' && v !== null ? v.result : v);
    });
  }, 300_000);

  test.each(CASES.map((c, i) => [i, ...c] as const))('case %i: %d as %s', (i, value, format) => {
    expect(formatValue(value, format).text).toBe(shown[i]);
  });

  test('colours: [Red] on the negative section only, none on the positive', () => {
    expect(formatValue(-1, '#,##0;[Red]-#,##0').color).toBe('#ff0000');
    expect(formatValue(1, '#,##0;[Red]-#,##0').color).toBeUndefined();
    expect(formatValue(-1, '[Blue]#,##0').color).toBe('#0000ff');
  });

  test('the padding of _) is a space the width of its character; a fill (*) adds nothing', () => {
    expect(formatValue(73818, '"$"#,##0.00_);[Red]("$"#,##0.00)').text).toBe('$73,818.00 ');
    expect(formatValue(5, '_(* #,##0_)').text).toBe(' 5 ');
  });

  test('text: the fourth section, or the one with @; General otherwise', () => {
    expect(formatValue('abc', '0;-0;0;"Text: "@').text).toBe('Text: abc');
    expect(formatValue('abc', '#,##0').text).toBe('abc');
    expect(formatValue(1 / 3, undefined).text).toBe('0.3333333333');
    expect(formatValue(true, '0.00').text).toBe('TRUE');
  });

  test('a whole number under 0.## keeps its decimal point, as Excel and Sheets show it (LibreOffice drops it)', () => {
    expect(formatValue(12, '0.##').text).toBe('12.');
  });

  test('sections split at semicolons outside quotes and brackets', () => {
    expect(sections('"a;b"0;[Red]-0;"-"')).toEqual(['"a;b"0', '[Red]-0', '"-"']);
  });
});
