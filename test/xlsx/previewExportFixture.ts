/**
 * A workbook as Excel saves one, holding every construct the preview claims to carry through import and
 * export: a merged title, an Excel table with structured references (This Row, a column, a totals row),
 * XLOOKUP and CONCAT with Excel's _xlfn. prefix, a [Red] currency format, drop-downs (an inline list and one
 * from a range), a whole-number rule, conditional formats of several kinds and named ranges. Built with ExcelJS.
 */
import * as ExcelJS from 'exceljs';

export const RED_CURRENCY = '"$"#,##0.00;[Red]-"$"#,##0.00';

export async function constructsWorkbook(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('Plan');
  ws.getCell('A1').value = 'Quarterly plan';
  ws.getCell('A1').font = { name: 'Georgia', size: 16, bold: true };
  ws.mergeCells('A1:D1');
  // A boxed blank cell, and a cell with a thick bottom border and its value right-aligned.
  const thin = { style: 'thin' as const, color: { argb: 'FF000000' } };
  ws.getCell('H5').border = { top: thin, left: thin, bottom: thin, right: thin };
  ws.getCell('F2').border = { bottom: { style: 'thick' } };
  // A tall title row, a hidden working column, a grouped row and a coloured tab.
  ws.getRow(1).height = 30;
  ws.getColumn('J').hidden = true;
  ws.getRow(10).outlineLevel = 1;
  ws.getCell('A10').value = 'Notes';
  ws.properties.tabColor = { argb: 'FF00B050' };
  // A link to a web page and one to a place in the workbook.
  ws.getCell('H7').value = { text: 'Price list', hyperlink: 'https://example.com/prices?q=1&r=2' };
  ws.getCell('H8').value = { text: 'Back to the top', hyperlink: "#'Plan'!A1" };
  // A note on a header cell.
  ws.getCell('B3').note = 'Units are boxes of 12 & counted monthly';
  ws.addTable({
    name: 'Sales',
    ref: 'A3',
    headerRow: true,
    totalsRow: true,
    style: { theme: 'TableStyleMedium9', showRowStripes: true },
    columns: [
      { name: 'Region', totalsRowLabel: 'Total' },
      { name: 'Units', totalsRowFunction: 'sum' },
      { name: 'Price', totalsRowFunction: 'none' },
      { name: 'Revenue', totalsRowFunction: 'sum' },
    ],
    rows: [
      ['East', 120, 9.5, { formula: 'Sales[[#This Row],[Units]]*Sales[[#This Row],[Price]]' }],
      ['West', 80, 12, { formula: 'Sales[[#This Row],[Units]]*Sales[[#This Row],[Price]]' }],
      ['North', 45, -3, { formula: 'Sales[[#This Row],[Units]]*Sales[[#This Row],[Price]]' }],
      ['South', 200, 7.25, { formula: 'Sales[[#This Row],[Units]]*Sales[[#This Row],[Price]]' }],
    ],
  });
  for (let r = 4; r <= 8; r++) ws.getCell(`D${r}`).numFmt = '"$"#,##0.00;[Red]-"$"#,##0.00';
  const f = (address: string, formula: string): void => {
    ws.getCell(address).value = { formula } as ExcelJS.CellFormulaValue;
  };
  ws.getCell('F2').value = 'Checks';
  f('F3', 'SUM(Sales[Revenue])');
  f('F4', '_xlfn.XLOOKUP("West",Sales[Region],Sales[Units])');
  f('F5', '_xlfn.CONCAT(A4,"-",A5)');
  f('F6', 'SUM(UnitsRange)');
  f('F7', 'INDEX(Sales[Units],MATCH("North",Sales[Region],0))');
  f('F8', 'F3/COUNT(Sales[Units])');
  ws.getCell('J1').value = 'Open';
  ws.getCell('J2').value = 'Won';
  ws.getCell('J3').value = 'Lost';
  ws.getCell('H2').value = 'Open';
  book.definedNames.add("'Plan'!$B$4:$B$7", 'UnitsRange');
  book.definedNames.add("'Plan'!$J$1:$J$3", 'Stages');
  const dv = (ws as unknown as { dataValidations: { add(a: string, v: ExcelJS.DataValidation): void } })
    .dataValidations;
  dv.add('A4:A7', {
    type: 'list',
    allowBlank: true,
    showErrorMessage: true,
    formulae: ['"East,West,North,South"'],
  });
  dv.add('H2', { type: 'list', allowBlank: true, formulae: ['Stages'] });
  dv.add('B4:B7', {
    type: 'whole',
    operator: 'between',
    allowBlank: true,
    showErrorMessage: true,
    errorStyle: 'stop',
    error: 'Units from 0 to 1000',
    formulae: [0, 1000],
  });
  ws.addConditionalFormatting({
    ref: 'D4:D7',
    rules: [
      {
        type: 'cellIs',
        operator: 'lessThan',
        priority: 1,
        formulae: ['0'],
        style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFC7CE' } } },
      },
    ],
  });
  ws.addConditionalFormatting({
    ref: 'B4:B7',
    rules: [
      {
        type: 'colorScale',
        priority: 2,
        cfvo: [{ type: 'min' }, { type: 'max' }],
        color: [{ argb: 'FFF8696B' }, { argb: 'FF63BE7B' }],
      },
    ],
  });
  // A data bar: ExcelJS writes it with an extLst inside the rule and another at the sheet's end.
  ws.addConditionalFormatting({
    ref: 'C4:C7',
    rules: [
      {
        type: 'dataBar',
        priority: 4,
        cfvo: [{ type: 'min' }, { type: 'max' }],
        color: { argb: 'FF638EC6' },
      } as unknown as ExcelJS.ConditionalFormattingRule,
    ],
  });
  ws.addConditionalFormatting({
    ref: 'H2',
    rules: [
      {
        type: 'expression',
        priority: 3,
        formulae: ['$H$2="Won"'],
        style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFC6EFCE' } } },
      },
    ],
  });
  return Buffer.from((await book.xlsx.writeBuffer()) as ArrayBuffer);
}
