/**
 * The conformance suite: every template inserted through each Workbook adapter — SheetsWorkbook over the fake
 * SpreadsheetApp, ExcelWorkbook over the fake Excel, and the preview's MemoryWorkbook — computes the same value
 * in every cell and reads back the same through every named range. The fakes evaluate the formulas they are
 * given in HyperFormula, so what is compared is what each adapter really wrote.
 */
import { ExcelWorkbook } from '../../excel-addin/excelWorkbook';
import { MemoryWorkbook } from '../../preview/memoryWorkbook';
import { SheetsWorkbook } from '../../sheets-addon/sheetsWorkbook';
import { insertTemplate } from '../../src/app/templates';
import { TEMPLATES } from '../../src/templates';
import type { PlanValue, SheetPlan } from '../../src/templates/sheetPlan';
import { asyncWorkbook, type Workbook } from '../../src/workbook';
import { FakeExcel } from '../simulators/fakeExcel';
import { FakeSpreadsheetApp } from '../simulators/fakeSpreadsheetApp';
import { SpreadsheetModel } from '../simulators/spreadsheetModel';

interface Host {
  workbook: Workbook;
  /** Every computed cell of a sheet, an empty cell and a formula's "" alike as null (the port's reading). */
  values(sheet: string): PlanValue[][];
  /** What a user types into cells ("=…" a formula), outside the port. */
  type(sheet: string, row: number, col: number, cells: PlanValue[][]): void;
  /** The charts the sheet got: kind, title, data area and anchor. */
  charts(sheet: string): unknown[];
}

const hosts: [string, () => Host][] = [
  [
    'Sheets (SheetsWorkbook over the fake SpreadsheetApp)',
    () => {
      const fake = new FakeSpreadsheetApp(new SpreadsheetModel());
      const model = fake.model;
      return {
        workbook: asyncWorkbook(new SheetsWorkbook(fake, fake.lockService, fake.utilities)),
        values: (sheet) => model.values(sheet, { row: 0, col: 0, ...model.extent(sheet) }).map(asPort),
        type: (sheet, row, col, cells) => model.setContents(sheet, row, col, cells),
        charts: (sheet) => model.sheetMeta(sheet).charts,
      };
    },
  ],
  [
    'Excel (ExcelWorkbook over the fake Excel)',
    () => {
      const model = new SpreadsheetModel();
      return {
        workbook: new ExcelWorkbook(new FakeExcel(model).asExcelRun()),
        values: (sheet) => model.values(sheet, { row: 0, col: 0, ...model.extent(sheet) }).map(asPort),
        type: (sheet, row, col, cells) => model.setContents(sheet, row, col, cells),
        charts: (sheet) => model.sheetMeta(sheet).charts,
      };
    },
  ],
  [
    'preview (MemoryWorkbook)',
    () => {
      const wb = new MemoryWorkbook();
      return {
        workbook: wb,
        values: (sheet) => wb.sheetValues(sheet).map(asPort),
        type: (sheet, row, col, cells) =>
          cells.forEach((line, r) => line.forEach((v, c) => wb.setCell(sheet, row + r, col + c, v))),
        // The preview keeps the plan's charts to draw them.
        charts: (sheet) => (wb.plans.get(sheet)?.charts ?? []).map((c) => ({ ...c })),
      };
    },
  ],
];

function asPort(row: readonly unknown[]): PlanValue[] {
  return row.map((v) => (v === '' || v === undefined ? null : (v as PlanValue)));
}

/** Trailing empty rows and cells dropped, so hosts that report different used extents compare equal. */
function trimmed(grid: PlanValue[][]): PlanValue[][] {
  const rows = grid.map((row) => {
    let end = row.length;
    while (end > 0 && row[end - 1] === null) end--;
    return row.slice(0, end);
  });
  while (rows.length > 0 && rows[rows.length - 1].length === 0) rows.pop();
  return rows;
}

describe.each(TEMPLATES.map((t) => [t.title, t.id]))('%s through every adapter', (_title, id) => {
  it.each([true, false])(
    'computes the same cells and named ranges in all three (examples: %s)',
    async (examples) => {
      const results: {
        host: string;
        sheet: string;
        cells: PlanValue[][];
        names: Record<string, PlanValue[][] | null>;
      }[] = [];
      for (const [host, make] of hosts) {
        const { workbook, values } = make();
        const inserted = await insertTemplate(workbook, { templateId: id, examples });
        const names: Record<string, PlanValue[][] | null> = {};
        for (const name of inserted.namedRanges) names[name] = await workbook.readNamedRange(name);
        results.push({ host, sheet: inserted.sheetName, cells: trimmed(values(inserted.sheetName)), names });
      }
      const [reference, ...others] = results;
      expect(reference.cells.length).toBeGreaterThan(3);
      expect(Object.keys(reference.names).length).toBeGreaterThan(0);
      for (const other of others) {
        expect({ host: other.host, sheet: other.sheet }).toEqual({
          host: other.host,
          sheet: reference.sheet,
        });
        expect({ host: other.host, cells: other.cells }).toEqual({
          host: other.host,
          cells: reference.cells,
        });
        expect({ host: other.host, names: other.names }).toEqual({
          host: other.host,
          names: reference.names,
        });
      }
    },
  );
});

/**
 * A small log: a title, a header row and one data row named SE_Log (A3:D4), a date-formatted date, a formula
 * that shows "" and a line chart over a quarterly block.
 */
const logPlan: SheetPlan = {
  name: 'Log',
  cells: [
    [{ value: 'Title' }],
    [],
    [{ value: 'Date' }, { value: 'Who' }, { value: 'Score' }, { value: 'Note' }],
    [{ value: 46000 }, { value: 'Ann' }, { value: 3 }, { formula: '=IF(C4>2,"","low")' }],
  ],
  rows: 4,
  cols: 4,
  formats: [{ range: { row: 3, col: 0, rows: 1, cols: 1 }, numberFormat: 'yyyy-mm-dd' }],
  validations: [],
  conditionalFormats: [],
  namedRanges: [{ name: 'SE_Log', range: { row: 2, col: 0, rows: 2, cols: 4 } }],
  columnWidths: [],
  frozenRows: 0,
  frozenCols: 0,
  charts: [],
};

const quarterPlan: SheetPlan = {
  ...logPlan,
  name: 'Quarter',
  cells: [
    [{ value: 'Month' }, { value: 'Actual' }, { value: 'Target' }],
    [{ value: 'Jan' }, { value: 10 }, { value: 12 }],
    [{ value: 'Feb' }, { value: 14 }, { value: 13 }],
    [{ value: 'Mar' }, { formula: '=B3+5' }, { value: 14 }],
  ],
  rows: 4,
  cols: 3,
  formats: [],
  namedRanges: [],
  charts: [
    {
      kind: 'line',
      title: 'Actual vs target',
      data: { row: 0, col: 0, rows: 4, cols: 3 },
      anchor: { row: 0, col: 4 },
    },
    {
      kind: 'column',
      title: 'Actual by month',
      data: { row: 0, col: 0, rows: 4, cols: 2 },
      anchor: { row: 20, col: 4 },
    },
  ],
};

describe('charts, tables and appended rows: the same in all three adapters', () => {
  it.each(hosts)(
    '%s: a plan with a line and a column chart inserts with both charts',
    async (_host, make) => {
      const { workbook, charts, values } = make();
      const inserted = await workbook.insertSheet(quarterPlan);
      expect(inserted.name).toBe('Quarter');
      expect(charts('Quarter')).toEqual(
        quarterPlan.charts.map((c) => ({ kind: c.kind, title: c.title, data: c.data, anchor: c.anchor })),
      );
      expect(trimmed(values('Quarter'))[3]).toEqual(['Mar', 19, 14]);
    },
  );

  /** What users typed under the log, read back: a row right under it, and one after three empty rows. */
  async function readStory(make: () => Host) {
    const host = make();
    const { workbook } = host;
    await workbook.insertSheet(logPlan);
    const unknown = await workbook.readTable('SE_Nothing');
    host.type('Log', 4, 0, [[46001, 'Bob', 1, '=IF(C5>2,"","low")']]);
    host.type('Log', 8, 0, [[46003, 'Cy', 5, null]]);
    return { unknown, table: await workbook.readTable('SE_Log') };
  }

  it('readTable reads rows added below the range, past empty rows (blanks and "" as null, dates as serials)', async () => {
    const results = [];
    for (const [host, make] of hosts) results.push({ host, ...(await readStory(make)) });
    const [reference, ...others] = results;
    expect(reference.unknown).toBeNull();
    expect(reference.table).toEqual({
      sheet: 'Log',
      row: 2,
      col: 0,
      values: [
        ['Date', 'Who', 'Score', 'Note'],
        [46000, 'Ann', 3, null],
        [46001, 'Bob', 1, 'low'],
        [null, null, null, null],
        [null, null, null, null],
        [null, null, null, null],
        [46003, 'Cy', 5, null],
      ],
    });
    for (const other of others) expect({ ...other, host: null }).toEqual({ ...reference, host: null });
  });

  /** A user's row right under the log, then appends: text as text, formulas evaluated, refusals. */
  async function appendStory(make: () => Host) {
    const host = make();
    const { workbook } = host;
    await workbook.insertSheet(logPlan);
    host.type('Log', 4, 0, [[46001, 'Bob', 1, '=IF(C5>2,"","low")']]);
    const appended = await workbook.appendRows('SE_Log', [
      [{ value: 46004 }, { value: '=1+1' }, { formula: '=1+1' }, { value: '007' }],
      [{ value: 46005 }, { value: 'TRUE' }, { formula: '=C6*10' }],
    ]);
    const after = await workbook.readTable('SE_Log');
    const empty = await workbook.appendRows('SE_Log', []);
    const failure = await workbook.appendRows('SE_Nothing', [[{ value: 1 }]]).then(
      () => 'no error',
      (e: unknown) => (e instanceof Error ? 'error' : 'non-error'),
    );
    const tooWide = await workbook
      .appendRows('SE_Log', [[{ value: 1 }, { value: 2 }, { value: 3 }, { value: 4 }, { value: 5 }]])
      .then(
        () => 'no error',
        () => 'error',
      );
    return { appended, after, empty, failure, tooWide, cells: trimmed(host.values('Log')) };
  }

  it('appendRows goes directly under the table, text as text, formulas evaluated; an unknown name or a too-wide row is refused', async () => {
    const results = [];
    for (const [host, make] of hosts) results.push({ host, ...(await appendStory(make)) });
    const [reference, ...others] = results;
    expect(reference.appended).toEqual({ sheet: 'Log', row: 5, count: 2 });
    expect(reference.after?.values.slice(3)).toEqual([
      [46004, '=1+1', 2, '007'],
      [46005, 'TRUE', 20, null],
    ]);
    expect(reference.empty).toEqual({ sheet: 'Log', row: 7, count: 0 });
    expect(reference.failure).toBe('error');
    expect(reference.tooWide).toBe('error');
    for (const other of others) expect({ ...other, host: null }).toEqual({ ...reference, host: null });
  });
});
