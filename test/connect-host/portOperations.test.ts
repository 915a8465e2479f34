/**
 * The Workbook port's operations for Connect my plan (readSheets, readBlock, selection, writeBlocks), held to
 * the same behaviour in all three adapters — SheetsWorkbook over the fake SpreadsheetApp, ExcelWorkbook over the
 * fake Excel, the preview's MemoryWorkbook — with the formulas really evaluated, plus each host's round trips.
 * Expected values are the cells the tests put there, written out by hand.
 */
import type { CellBlock } from '../../src/connect/types';
import type { PlanValue, SheetPlan } from '../../src/templates/sheetPlan';
import type { WriteGuard } from '../../src/workbook';
import { excelHost, HOSTS, sheetsHost, type Host } from './hosts';

/** A plan sheet: months across with a date row, a percent row and a label; B2:D2 dates 2026-01-01.. (46023..). */
const planSheet: SheetPlan = {
  name: 'Budget',
  cells: [
    [{ value: 'Measure' }, { value: 46023 }, { value: 46054 }, { value: 46082 }],
    [{ value: 'Revenue' }, { value: 100 }, { value: 110 }, { formula: '=C2+10' }],
    [{ value: 'Margin' }, { value: 0.25 }, { value: 0.3 }, { value: 0.35 }],
    [{ value: '=1+1' }, { value: '$100' }, { value: '007' }],
  ],
  rows: 4,
  cols: 4,
  formats: [
    { range: { row: 0, col: 1, rows: 1, cols: 3 }, numberFormat: 'yyyy-mm-dd' },
    { range: { row: 2, col: 1, rows: 1, cols: 3 }, numberFormat: '0%' },
  ],
  validations: [],
  conditionalFormats: [],
  namedRanges: [],
  charts: [],
  columnWidths: [],
  frozenRows: 0,
  frozenCols: 0,
};

const EXPECTED_VALUES: PlanValue[][] = [
  ['Measure', 46023, 46054, 46082],
  ['Revenue', 100, 110, 120],
  ['Margin', 0.25, 0.3, 0.35],
  ['=1+1', '$100', '007', null],
];

async function withPlan(make: () => Host): Promise<Host> {
  const host = make();
  await host.workbook.insertSheet(planSheet);
  return host;
}

describe.each(HOSTS.map((make) => [make().name, make] as const))('%s adapter', (_name, make) => {
  it('readSheets: the used range from A1, dates as serial numbers, text as text, number formats', async () => {
    const host = await withPlan(make);
    const [sheet] = await host.workbook.readSheets(['Budget']);
    expect(sheet.name).toBe('Budget');
    expect(sheet.values).toEqual(EXPECTED_VALUES);
    expect(sheet.formats?.[0].slice(1)).toEqual(['yyyy-mm-dd', 'yyyy-mm-dd', 'yyyy-mm-dd']);
    expect(sheet.formats?.[2].slice(1)).toEqual(['0%', '0%', '0%']);
  });

  it('readSheets: an unknown sheet is an error naming it', async () => {
    const host = await withPlan(make);
    await expect(host.workbook.readSheets(['Budget', 'Nope'])).rejects.toThrow(/"Nope"/);
  });

  it('readBlock: values, and formulas only where a cell has one (text "=1+1" is not one)', async () => {
    const host = await withPlan(make);
    const block = await host.workbook.readBlock('Budget', 1, 2, 3, 2);
    expect(block).toEqual({
      sheet: 'Budget',
      row: 1,
      col: 2,
      values: [
        [110, 120],
        [0.3, 0.35],
        ['007', null],
      ],
      formulas: [
        [null, '=C2+10'],
        [null, null],
        [null, null],
      ],
    });
    const label = await host.workbook.readBlock('Budget', 3, 0, 1, 1);
    expect(label.formulas).toEqual([[null]]);
    expect(label.values).toEqual([['=1+1']]);
  });

  it('readBlock: cells past the last row of the grid read as empty (a new Google Sheet has 1000 rows)', async () => {
    const host = await withPlan(make);
    const block = await host.workbook.readBlock('Budget', 998, 0, 4, 2);
    expect(block.values).toEqual(Array.from({ length: 4 }, () => [null, null]));
    expect(block.formulas).toEqual(Array.from({ length: 4 }, () => [null, null]));
  });

  it('selection: the range the user selected', async () => {
    const host = await withPlan(make);
    host.select({ sheet: 'Budget', row: 1, col: 0, rows: 2, cols: 4 });
    expect(await host.workbook.selection()).toEqual({ sheet: 'Budget', row: 1, col: 0, rows: 2, cols: 4 });
  });

  it('writeBlocks: text as text, formulas as formulas, a short row leaves the rest, guarded cells unchanged', async () => {
    const host = await withPlan(make);
    const read = await host.workbook.readBlock('Budget', 5, 0, 2, 3);
    const guard: WriteGuard[] = [read];
    const blocks: CellBlock[] = [
      {
        sheet: 'Budget',
        row: 5,
        col: 0,
        cells: [
          [{ value: '=1+1' }, { value: '$100' }, { formula: '=B2*2' }],
          [{ value: 'TRUE' }, { value: 12 }],
        ],
      },
    ];
    host.type('Budget', 6, 2, 'kept');
    // The guard read the cell as empty; it was typed before the write: refused, nothing written.
    await expect(host.workbook.writeBlocks(blocks, guard)).rejects.toThrow(
      /'Budget'!C7 changed after it was read.*nothing was written/,
    );
    expect((await host.workbook.readBlock('Budget', 5, 0, 1, 1)).values).toEqual([[null]]);
    const fresh = await host.workbook.readBlock('Budget', 5, 0, 2, 3);
    await host.workbook.writeBlocks(blocks, [fresh]);
    const after = await host.workbook.readBlock('Budget', 5, 0, 2, 3);
    expect(after.values).toEqual([
      ['=1+1', '$100', 200],
      ['TRUE', 12, 'kept'],
    ]);
    expect(after.formulas).toEqual([
      [null, null, '=B2*2'],
      [null, null, null],
    ]);
  });

  it('writeBlocks: a failure part way puts back what the cells held (formulas, text, numbers)', async () => {
    const host = await withPlan(make);
    const before = await host.workbook.readBlock('Budget', 0, 0, 4, 4);
    const blocks: CellBlock[] = [
      { sheet: 'Budget', row: 1, col: 1, cells: [[{ value: 1 }, { value: 2 }, { value: 3 }]] },
      { sheet: 'Budget', row: 3, col: 0, cells: [[{ value: 'x' }, { formula: '=1/0' }]] },
    ];
    host.failWriteAfter(1);
    await expect(host.workbook.writeBlocks(blocks, [before])).rejects.toThrow(/nothing was written/);
    const after = await host.workbook.readBlock('Budget', 0, 0, 4, 4);
    expect(after.values).toEqual(EXPECTED_VALUES);
    expect(after.formulas).toEqual(before.formulas);
    expect(host.formulaAt('Budget', 1, 3)).toBe('=C2+10');
  });
});

describe('round trips', () => {
  const threeSheets = async (host: Host): Promise<void> => {
    await host.workbook.insertSheet(planSheet);
    await host.workbook.insertSheet({ ...planSheet, name: 'Actuals' });
    await host.workbook.insertSheet({ ...planSheet, name: 'Notes' });
  };

  it('Sheets: one getValues and one getNumberFormats per sheet read', async () => {
    const host = sheetsHost();
    await threeSheets(host);
    const start = host.counts();
    await host.workbook.readSheets(['Budget', 'Actuals', 'Notes']);
    const end = host.counts();
    expect(end.getValues - start.getValues).toBe(3);
    expect(end.getNumberFormats - start.getNumberFormats).toBe(3);
  });

  it('Excel: one sync for a batch of sheets', async () => {
    const host = excelHost();
    await threeSheets(host);
    const start = host.counts().syncs;
    await host.workbook.readSheets(['Budget', 'Actuals', 'Notes']);
    expect(host.counts().syncs - start).toBe(1);
  });

  it('Excel: writeBlocks is two syncs (read the guards, write), three when it has to put cells back', async () => {
    const host = excelHost();
    await host.workbook.insertSheet(planSheet);
    const read = await host.workbook.readBlock('Budget', 1, 1, 1, 3);
    let start = host.counts().syncs;
    await host.workbook.writeBlocks(
      [{ sheet: 'Budget', row: 1, col: 1, cells: [[{ value: 5 }, { value: 6 }, { value: 7 }]] }],
      [read],
    );
    expect(host.counts().syncs - start).toBe(2);
    start = host.counts().syncs;
    host.failWriteAfter(0);
    await expect(
      host.workbook.writeBlocks([{ sheet: 'Budget', row: 1, col: 1, cells: [[{ value: 9 }]] }], []),
    ).rejects.toThrow(/nothing was written/);
    expect(host.counts().syncs - start).toBe(3);
    expect((await host.workbook.readBlock('Budget', 1, 1, 1, 3)).values).toEqual([[5, 6, 7]]);
  });
});
