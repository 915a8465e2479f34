/**
 * Text stays text in the preview (issue 10, defect 6): what the add-in writes through the preview's workbook
 * (inserted sheets, appended Review Log rows), what an .xlsx brings in as text, and what an export carries out
 * and back, reads back as the very same string, never as a number, date, boolean, error or formula.
 */
import * as ExcelJS from 'exceljs';
import type { PlanCell, SheetPlan } from '../../src/templates/sheetPlan';
import { emptyPlan, exportXlsx, importXlsx } from '../../preview/xlsx';
import { workbookWithFunctions } from './previewFunctions';
import { TRICKY_TEXTS } from './trickyTexts';

const column = (texts: readonly string[]): PlanCell[][] => texts.map((t) => [{ value: t }]);

function textPlan(): SheetPlan {
  return {
    ...emptyPlan('Texts'),
    cells: [[{ value: 'Header' }], ...column(TRICKY_TEXTS)],
    rows: TRICKY_TEXTS.length + 1,
    cols: 1,
    namedRanges: [{ name: 'Texts_Table', range: { row: 0, col: 0, rows: 1, cols: 1 } }],
  };
}

const readColumn = (rows: unknown[][]): unknown[] => rows.map((r) => r[0]);

test('there are at least 40 tricky texts', () => {
  expect(TRICKY_TEXTS.length).toBeGreaterThanOrEqual(40);
});

test('an inserted sheet keeps every text as text', async () => {
  const wb = workbookWithFunctions();
  await wb.insertSheet(textPlan());
  const back = readColumn(wb.readRange('Texts', { row: 1, col: 0, rows: TRICKY_TEXTS.length, cols: 1 }));
  expect(back).toEqual([...TRICKY_TEXTS]);
});

test('appended rows keep every text as text', async () => {
  const wb = workbookWithFunctions();
  await wb.insertSheet({ ...textPlan(), cells: [[{ value: 'Header' }]], rows: 1 });
  const appended = await wb.appendRows('Texts_Table', column(TRICKY_TEXTS));
  const back = readColumn(
    wb.readRange('Texts', { row: appended.row, col: 0, rows: TRICKY_TEXTS.length, cols: 1 }),
  );
  expect(back).toEqual([...TRICKY_TEXTS]);
});

test('formulas over the texts see text: COUNT finds no number, ISTEXT is true on every row', async () => {
  const wb = workbookWithFunctions();
  const plan = textPlan();
  const last = TRICKY_TEXTS.length + 1;
  plan.cells = plan.cells.map((line, r) =>
    r === 0 ? [...line, { formula: `=COUNT(A2:A${last})` }] : [...line, { formula: `=ISTEXT(A${r + 1})` }],
  );
  plan.cols = 2;
  await wb.insertSheet(plan);
  const column = readColumn(wb.readRange('Texts', { row: 0, col: 1, rows: last, cols: 1 }));
  expect(column).toEqual([0, ...TRICKY_TEXTS.map(() => true)]);
});

test('an .xlsx whose cells hold these texts imports them as the same texts', async () => {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('Texts');
  TRICKY_TEXTS.forEach((t, i) => {
    ws.getCell(i + 1, 1).value = t;
  });
  const bytes = (await book.xlsx.writeBuffer()) as ArrayBuffer;
  const { workbook } = await importXlsx(bytes, ExcelJS, workbookWithFunctions);
  const back = readColumn(workbook.sheetValues('Texts'));
  expect(back).toEqual([...TRICKY_TEXTS]);
});

test('export then import keeps every text as text', async () => {
  const wb = workbookWithFunctions();
  await wb.insertSheet(textPlan());
  const { workbook: copy } = await importXlsx(await exportXlsx(wb, ExcelJS), ExcelJS, workbookWithFunctions);
  expect(readColumn(copy.sheetValues('Texts'))).toEqual(readColumn(wb.sheetValues('Texts')));
  expect(readColumn(copy.sheetValues('Texts')).slice(1)).toEqual([...TRICKY_TEXTS]);
});

test('what a user types in the grid is still read as a spreadsheet reads it', async () => {
  const wb = workbookWithFunctions();
  await wb.insertSheet(emptyPlan('Typed'));
  wb.setCell('Typed', 0, 0, '007');
  wb.setCell('Typed', 1, 0, 'TRUE');
  expect(wb.sheetValues('Typed')).toEqual([[7], [true]]);
  // And an export writes what the cell holds (the number), not the characters typed.
  const { workbook: copy } = await importXlsx(await exportXlsx(wb, ExcelJS), ExcelJS, workbookWithFunctions);
  expect(copy.sheetValues('Typed')).toEqual([[7], [true]]);
});
