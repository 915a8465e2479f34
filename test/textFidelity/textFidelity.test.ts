/**
 * Text written by the add-in stays text, byte for byte, in both hosts (issue 10, defect 6). Both hosts read a
 * string written as a cell value as if a user had typed it (`$100` the number 100, `Jul 2026` a date, `#N/A` an
 * error, `=1+1` a formula); the fakes model that (test/simulators/typedInput.ts), so an adapter that does not
 * say "text" loses it here as it would in Excel or Sheets. Each tricky string goes through each adapter's two
 * writes (a new sheet's cells, and rows appended to a table), is read back through the port identical, and is a
 * text cell in the workbook.
 */
import { ExcelWorkbook } from '../../excel-addin/excelWorkbook';
import { SheetsWorkbook } from '../../sheets-addon/sheetsWorkbook';
import type { SheetPlan } from '../../src/templates/sheetPlan';
import { asyncWorkbook, type Workbook } from '../../src/workbook';
import { FakeExcel } from '../simulators/fakeExcel';
import { FakeSpreadsheetApp } from '../simulators/fakeSpreadsheetApp';
import { SpreadsheetModel } from '../simulators/spreadsheetModel';

/** Strings a spreadsheet would turn into something else if it were allowed to. */
export const TRICKY_TEXT: readonly string[] = [
  '$100',
  '(100)',
  '007',
  '00',
  '0',
  ' 0',
  'TRUE',
  'false',
  'True',
  '12/01/2026',
  '1/2',
  '2026-07',
  '2026-07-01',
  'Jul 2026',
  'Jan-26',
  '1-Jan',
  'July 4, 2026',
  '3:30',
  '3:30 PM',
  '1e5',
  '1E+05',
  '50%',
  '1,000',
  '.5',
  '-5',
  '+1',
  '+1+1',
  '-',
  '--',
  '€100',
  '£5.00',
  '#N/A',
  '#DIV/0!',
  '#REF!',
  '#VALUE!',
  '=1+1',
  '=HYPERLINK("http://example.com","click")',
  '@SUM(A1)',
  "'quoted",
  "''two apostrophes",
  ' leading space',
  'trailing space ',
  '   ',
  'tab\there',
  'line\nbreak',
  'NaN',
  'Infinity',
  'null',
  'undefined',
  '0x1A',
  '1 000',
  '١٢٣',
  '😀',
  '👩‍👩‍👧 family',
  'café',
  'Ünïcödé',
  '中文',
  'עברית',
  '<script>alert(1)</script>',
];

interface Host {
  model: SpreadsheetModel;
  workbook: Workbook;
  /** Writes strings through the host's own API with no "text" marker, as an adapter without the fix would. */
  writeRaw(sheet: string, values: string[][]): Promise<void>;
}

const hosts: [string, () => Host][] = [
  [
    'Sheets (SheetsWorkbook over the fake SpreadsheetApp)',
    () => {
      const fake = new FakeSpreadsheetApp(new SpreadsheetModel(), { requireLock: false });
      return {
        model: fake.model,
        workbook: asyncWorkbook(new SheetsWorkbook(fake, fake.lockService, fake.utilities)),
        writeRaw: async (sheet, values) => {
          fake.spreadsheet
            .getSheetByName(sheet)
            ?.getRange(1, 1, values.length, values[0].length)
            .setValues(values);
        },
      };
    },
  ],
  [
    'Excel (ExcelWorkbook over the fake Excel)',
    () => {
      const model = new SpreadsheetModel();
      model.addSheet('Sheet1');
      const excel = new FakeExcel(model);
      return {
        model,
        workbook: new ExcelWorkbook(excel.asExcelRun()),
        writeRaw: (sheet, values) =>
          excel.run(async (context) => {
            context.workbook.worksheets
              .getItem(sheet)
              .getRangeByIndexes(0, 0, values.length, values[0].length).values = values;
            await context.sync();
          }),
      };
    },
  ],
];

/** A sheet with a one-column table, "Text", named SE_Texts, and every tricky string as a cell of its own. */
function textPlan(): SheetPlan {
  return {
    name: 'Texts',
    cells: [[{ value: 'Text' }], ...TRICKY_TEXT.map((value) => [{ value }])],
    rows: TRICKY_TEXT.length + 1,
    cols: 1,
    formats: [],
    validations: [],
    conditionalFormats: [],
    namedRanges: [{ name: 'SE_Texts', range: { row: 1, col: 0, rows: TRICKY_TEXT.length, cols: 1 } }],
    columnWidths: [],
    frozenRows: 0,
    frozenCols: 0,
    charts: [],
  };
}

test('there are at least 40 tricky strings, all different', () => {
  expect(TRICKY_TEXT.length).toBeGreaterThanOrEqual(40);
  expect(new Set(TRICKY_TEXT).size).toBe(TRICKY_TEXT.length);
});

describe.each(hosts)('%s', (_host, make) => {
  test('the fake turns typed-looking text into numbers, dates, booleans, errors and formulas, as the host does', async () => {
    const { model, workbook, writeRaw } = make();
    await workbook.insertSheet({ ...textPlan(), cells: [], rows: 0, cols: 0, namedRanges: [] });
    await writeRaw('Texts', [['$100', '(100)', 'Jul 2026', '#N/A', '=1+1', 'TRUE', '007', 'plain', "'kept"]]);
    const kinds = Array.from({ length: 9 }, (_, c) => model.cellKind('Texts', 0, c));
    expect(kinds).toEqual([
      'number',
      'number',
      'number',
      'error',
      'formula',
      'boolean',
      'number',
      'text',
      'text',
    ]);
    expect(model.values('Texts', { row: 0, col: 0, rows: 1, cols: 2 })).toEqual([[100, -100]]);
    expect(model.values('Texts', { row: 0, col: 8, rows: 1, cols: 1 })).toEqual([['kept']]);
  });

  test('every tricky string in a new sheet reads back identical, and is text in the workbook', async () => {
    const { model, workbook } = make();
    await workbook.insertSheet(textPlan());
    const read = (await workbook.readNamedRange('SE_Texts'))?.map(([v]) => v);
    expect(read).toEqual(TRICKY_TEXT);
    const kinds = TRICKY_TEXT.map((text, i) => [text, model.cellKind('Texts', i + 1, 0)]);
    expect(kinds.filter(([, kind]) => kind !== 'text')).toEqual([]);
  });

  test('every tricky string appended to a table reads back identical, and is text in the workbook', async () => {
    const { model, workbook } = make();
    // A log: a title, and the header row "n", "Text" named SE_Log.
    await workbook.insertSheet({
      ...textPlan(),
      cells: [[{ value: 'Log' }], [], [{ value: 'n' }, { value: 'Text' }]],
      rows: 3,
      cols: 2,
      namedRanges: [{ name: 'SE_Log', range: { row: 2, col: 0, rows: 1, cols: 2 } }],
    });
    const appended = await workbook.appendRows(
      'SE_Log',
      TRICKY_TEXT.map((text, i) => [{ value: i }, { value: text }]),
      { headers: ['n', 'Text'] },
    );
    const table = await workbook.readTable('SE_Log');
    expect(table?.values.slice(1).map(([, text]) => text)).toEqual(TRICKY_TEXT);
    // Numbers stay numbers: "text" is said only of text.
    expect(table?.values.slice(1).map(([n]) => n)).toEqual(TRICKY_TEXT.map((_, i) => i));
    const kinds = TRICKY_TEXT.map((text, i) => [text, model.cellKind('Texts', appended.row + i, 1)]);
    expect(kinds.filter(([, kind]) => kind !== 'text')).toEqual([]);
  });
});
