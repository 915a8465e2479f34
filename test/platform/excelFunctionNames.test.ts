/**
 * SE function names between hosts: Sheets' SE_SCORE, Excel's SE.SCORE on screen and _xldudf_SE_SCORE in an
 * .xlsx file. Calls are renamed wherever they nest; string literals, quoted sheet names, longer names and
 * ranges keep their text. The expected formulas are written out by hand. Then an .xlsx made by the export path
 * (addPlanWorksheet with the rewrite) is unzipped and its <f> elements read: the file says what Excel saves.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { addPlanWorksheet } from '../../preview/planToXlsx';
import {
  toExcelFunctionNames,
  toSheetsFunctionNames,
  type SeFunctionName,
} from '../../src/values/excelFunctionNames';
import { readFunctionDocs } from '../../scripts/lib/functionDocs';
import { repoRoot } from '../bundle/builtFiles';
import type { SheetPlan } from '../../src/templates/sheetPlan';

// The registry's real pairs (sheetsName, excelId), read as the build reads them.
const functions: SeFunctionName[] = readFunctionDocs(repoRoot).map((d) => ({
  sheetsName: d.sheetsName,
  excelId: d.excelId,
}));

test('the registry has the pairs these cases use', () => {
  expect(functions).toEqual(
    expect.arrayContaining([
      { sheetsName: 'SE_SCORE', excelId: 'SCORE' },
      { sheetsName: 'SE_STATUS', excelId: 'STATUS' },
    ]),
  );
});

const cases: [string, string, string][] = [
  // [Sheets, Excel on screen, Excel in the file]
  ['SE_SCORE(9,4,10)', 'SE.SCORE(9,4,10)', '_xldudf_SE_SCORE(9,4,10)'],
  [
    'IF(SE_SCORE(B2,C2,D2)>=0.9,SE_STATUS(SE_SCORE(B2,C2,D2),0.9),"Off")',
    'IF(SE.SCORE(B2,C2,D2)>=0.9,SE.STATUS(SE.SCORE(B2,C2,D2),0.9),"Off")',
    'IF(_xldudf_SE_SCORE(B2,C2,D2)>=0.9,_xldudf_SE_STATUS(_xldudf_SE_SCORE(B2,C2,D2),0.9),"Off")',
  ],
  // Text that merely mentions a function, with a doubled quote inside, stays as typed.
  [
    'SE_SCORE(1,2,3)&" via SE_SCORE(""x"")"',
    'SE.SCORE(1,2,3)&" via SE_SCORE(""x"")"',
    '_xldudf_SE_SCORE(1,2,3)&" via SE_SCORE(""x"")"',
  ],
  // A quoted sheet name that looks like a call, a longer name, a defined name and a sheet-qualified range.
  [
    "SUM('SE_SCORE(x)''s'!A1:A3)+MY_SE_SCORE(1)+SE_SCORE+Data!SE_SCORE",
    "SUM('SE_SCORE(x)''s'!A1:A3)+MY_SE_SCORE(1)+SE_SCORE+Data!SE_SCORE",
    "SUM('SE_SCORE(x)''s'!A1:A3)+MY_SE_SCORE(1)+SE_SCORE+Data!SE_SCORE",
  ],
  // Case: hosts read function names without case; the rewrite writes Excel's own spelling.
  ['se_score(1E+5,2,3)', 'SE.SCORE(1E+5,2,3)', '_xldudf_SE_SCORE(1E+5,2,3)'],
];

test.each(cases)('%s', (sheets, display, file) => {
  expect(toExcelFunctionNames(sheets, functions, 'display')).toBe(display);
  expect(toExcelFunctionNames(sheets, functions, 'file')).toBe(file);
  // And back: both Excel forms read as Sheets' names (a lower-case input comes back upper-case).
  expect(toSheetsFunctionNames(display, functions)).toBe(sheets.replace(/^se_score/, 'SE_SCORE'));
  expect(toSheetsFunctionNames(file, functions)).toBe(sheets.replace(/^se_score/, 'SE_SCORE'));
});

test('an .xlsx written by the export path stores Excel’s file names, nested, and leaves text cells alone', async () => {
  const plan: SheetPlan = {
    name: 'Scores',
    rows: 2,
    cols: 2,
    cells: [
      [
        { formula: '=IF(SE_SCORE(9,4,10)>0.5,SE_STATUS(SE_SCORE(9,4,10),0.9),"SE_SCORE(")' },
        { value: 'SE_SCORE(1,2,3)' },
      ],
      [{ formula: '=SUM(1,2)' }, { value: null }],
    ],
    formats: [],
    validations: [],
    conditionalFormats: [],
    namedRanges: [],
    columnWidths: [],
    charts: [],
    frozenRows: 0,
    frozenCols: 0,
  } as unknown as SheetPlan;
  const book = new ExcelJS.Workbook();
  addPlanWorksheet(book, plan, { formulaText: (f) => toExcelFunctionNames(f, functions, 'file') });
  const zip = await JSZip.loadAsync((await book.xlsx.writeBuffer()) as ArrayBuffer);
  const sheetXml = await zip.file('xl/worksheets/sheet1.xml')?.async('string');
  const formulas = [...(sheetXml ?? '').matchAll(/<f>([^<]*)<\/f>/g)].map((m) =>
    m[1]
      .replace(/&quot;/g, '"')
      .replace(/&gt;/g, '>')
      .replace(/&lt;/g, '<')
      .replace(/&amp;/g, '&'),
  );
  expect(formulas).toEqual([
    'IF(_xldudf_SE_SCORE(9,4,10)>0.5,_xldudf_SE_STATUS(_xldudf_SE_SCORE(9,4,10),0.9),"SE_SCORE(")',
    'SUM(1,2)',
  ]);
  // The text cell went in as text (shared string), unchanged.
  const strings = await zip.file('xl/sharedStrings.xml')?.async('string');
  expect(strings).toContain('SE_SCORE(1,2,3)');
});
