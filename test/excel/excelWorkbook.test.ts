/**
 * ExcelWorkbook (excel-addin/excelWorkbook.ts) against the fake Excel over the spreadsheet model: every
 * template lands with the values MemoryWorkbook computes, with its formats, validation, colours, panes, widths
 * and names, in a fixed number of round trips; failures leave the workbook as it was.
 */
import { ExcelWorkbook } from '../../excel-addin/excelWorkbook';
import { MemoryWorkbook } from '../../preview/memoryWorkbook';
import { insertTemplate } from '../../src/app/templates';
import { TEMPLATES } from '../../src/templates';
import type { SheetPlan } from '../../src/templates/sheetPlan';
import { FakeExcel, FakeOfficeError } from '../simulators/fakeExcel';
import { SpreadsheetModel, type CellValue } from '../simulators/spreadsheetModel';

function setUp(): { model: SpreadsheetModel; excel: FakeExcel; workbook: ExcelWorkbook } {
  const model = new SpreadsheetModel();
  const excel = new FakeExcel(model);
  return { model, excel, workbook: new ExcelWorkbook(excel.asExcelRun()) };
}

function comparable(rows: readonly (readonly unknown[])[], height: number, width: number): unknown[][] {
  return Array.from({ length: height }, (_, r) =>
    Array.from({ length: width }, (_, c) => {
      const v = rows[r]?.[c];
      return v === '' || v === undefined ? null : v;
    }),
  );
}

/** A model with one unrelated sheet and name, as a user's workbook would have. */
function withUserSheet(model: SpreadsheetModel): void {
  model.addSheet('Plan');
  model.setContents('Plan', 0, 0, [
    ['Month', 'Revenue'],
    [1, 100],
    [2, '=B2*2'],
  ]);
  model.format('Plan', { row: 0, col: 0, rows: 1, cols: 2 }, { bold: true });
  model.addName('UserRevenue', 'Plan', { row: 1, col: 1, rows: 2, cols: 1 });
}

const syncCounts: string[] = [];
afterAll(() => {
  console.log(`context.sync() per insert (default rows / 50 x default rows):\n  ${syncCounts.join('\n  ')}`);
});

describe.each(TEMPLATES.map((t) => [t.id, t] as const))('template %s', (_id, template) => {
  test.each([false, true])(
    'inserts with examples=%s and computes what MemoryWorkbook computes',
    async (examples) => {
      const { model, excel, workbook } = setUp();
      const plan = template.render({ examples });
      const inserted = await workbook.insertSheet(plan);
      expect(inserted.name).toBe(template.title);
      expect(excel.syncs).toBeLessThanOrEqual(3);

      const memory = new MemoryWorkbook();
      await memory.insertSheet(plan);
      expect(
        comparable(
          model.values(inserted.name, { row: 0, col: 0, rows: plan.rows, cols: plan.cols }),
          plan.rows,
          plan.cols,
        ),
      ).toEqual(
        comparable(
          memory.readRange(template.title, { row: 0, col: 0, rows: plan.rows, cols: plan.cols }),
          plan.rows,
          plan.cols,
        ),
      );
      // Formulas stay formulas (a user sees them in the formula bar), constants stay constants.
      const formulas = model.formulas(inserted.name, { row: 0, col: 0, rows: plan.rows, cols: plan.cols });
      plan.cells.forEach((row, r) =>
        row.forEach((cell, c) => {
          if ('formula' in cell) expect([r, c, formulas[r][c]]).toEqual([r, c, cell.formula]);
        }),
      );

      // Every named range reads back through the port as MemoryWorkbook reads it. Excel's values cannot tell a
      // blank from a formula's "" (both read ''), so the adapter gives null for both: compared with '' = null.
      for (const named of plan.namedRanges) {
        const { rows, cols } = named.range;
        const viaExcel = (await workbook.readNamedRange(named.name)) ?? [];
        const viaMemory = (await memory.readNamedRange(named.name)) ?? [];
        expect(comparable(viaExcel, rows, cols)).toEqual(comparable(viaMemory, rows, cols));
      }
      expect((await workbook.namedRangeNames()).sort()).toEqual(plan.namedRanges.map((n) => n.name).sort());
      expect(await workbook.sheetNames()).toEqual([template.title]);

      const meta = model.sheetMeta(inserted.name);
      for (const format of plan.formats) {
        const landed = model.formatAt(
          inserted.name,
          format.range.row + format.range.rows - 1,
          format.range.col,
        );
        if (format.numberFormat !== undefined) expect(landed.numberFormat).toBeDefined();
        if (format.bold !== undefined) expect(landed.bold).toBeDefined();
        if (format.background !== undefined) expect(landed.background).toMatch(/^#[0-9a-f]{6}$/);
      }
      const firstFormat = plan.formats[0];
      const atFirst = model.formatAt(inserted.name, firstFormat.range.row, firstFormat.range.col);
      for (const key of ['numberFormat', 'bold', 'italic', 'wrap'] as const) {
        if (firstFormat[key] !== undefined && plan.formats.filter((f) => f[key] !== undefined).length === 1) {
          expect(atFirst[key]).toBe(firstFormat[key]);
        }
      }
      expect(meta.validations.map((v) => [v.area, v.kind, v.strict, v.list ?? [v.min, v.max]])).toEqual(
        plan.validations.map((v) => [
          v.range,
          v.kind,
          v.strict,
          v.kind === 'list' ? [...v.list] : [v.min, v.max],
        ]),
      );
      expect(meta.conditionalFormats).toEqual(
        plan.conditionalFormats.map((cf) => ({
          area: cf.range,
          textEquals: cf.textEquals,
          background: cf.background,
          fontColor: cf.fontColor,
        })),
      );
      expect([meta.frozenRows, meta.frozenCols]).toEqual([plan.frozenRows, plan.frozenCols]);
      expect([...meta.columnWidths.entries()].sort((a, b) => a[0] - b[0])).toEqual(
        plan.columnWidths.map((w) => [w.col, w.width]).sort((a, b) => a[0] - b[0]),
      );
      expect([...model.namedRanges.entries()].map(([n, r]) => [n, r.sheet, r.area])).toEqual(
        plan.namedRanges.map((n) => [n.name, template.title, n.range]),
      );
    },
  );

  test('uses the same number of syncs at 50 x the default rows', async () => {
    const normal = setUp();
    await normal.workbook.insertSheet(template.render({ examples: true }));
    const defaultRows = template.render({ examples: false }).rows;
    const large = setUp();
    const big = template.render({ examples: true, rows: Math.max(1, defaultRows) * 50 });
    await large.workbook.insertSheet(big);
    syncCounts.push(
      `${template.id}: ${normal.excel.syncs} / ${large.excel.syncs} (${big.rows} x ${big.cols} cells)`,
    );
    expect(large.excel.syncs).toBe(normal.excel.syncs);
    expect(normal.excel.syncs).toBeLessThanOrEqual(3);
    expect(normal.excel.runs).toBe(1);
  });
});

describe('ExcelWorkbook.insertSheet', () => {
  test('a taken name gives "CSF Tracker (2)" with its own names, and leaves the first copy and other sheets alone', async () => {
    const { model, workbook } = setUp();
    withUserSheet(model);
    await insertTemplate(workbook, { templateId: 'csf-tracker', examples: true });
    const before = model.snapshot() as { sheets: unknown[]; names: unknown[] };
    const result = await insertTemplate(workbook, { templateId: 'csf-tracker', examples: false });
    expect(result.sheetName).toBe('CSF Tracker (2)');
    expect(result.namedRanges).toContain('SE_CSF_Table_2');
    expect(result.message).toMatch(/already exists/);
    const after = model.snapshot() as { sheets: { name: string }[]; names: [string, unknown][] };
    expect(after.sheets.filter((s) => s.name !== 'CSF Tracker (2)')).toEqual(before.sheets);
    expect(after.names.filter(([n]) => !n.endsWith('_2'))).toEqual(before.names);
    expect(await workbook.readNamedRange('UserRevenue')).toEqual([[100], [200]]);
  });

  test.each([
    ['the cell block', 'Range.formulas', 0],
    ['a format', 'RangeFont.bold', 1],
    ['a conditional format', 'ConditionalFormatCollection.add', 1],
    ['the first name', 'NamedItemCollection.add', 0],
    ['the last name', 'NamedItemCollection.add', 2],
    ['adding the sheet', 'WorksheetCollection.add', 0],
  ])('a failure at sync 2 in %s leaves the workbook exactly as it was', async (_what, operation, after) => {
    const { model, excel, workbook } = setUp();
    withUserSheet(model);
    const before = JSON.stringify(model.snapshot());
    model.failOn(operation, after);
    const error = await workbook
      .insertSheet(TEMPLATES[0].render({ examples: true }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(
      /^Could not insert the sheet "CSF Tracker": simulated failure in .+\. Nothing was added\.$/,
    );
    expect(JSON.stringify(model.snapshot())).toBe(before);
    expect(excel.syncs).toBeLessThanOrEqual(3);
  });

  test('a failure of the commit sync itself also rolls back', async () => {
    const { model, workbook } = setUp();
    withUserSheet(model);
    const before = JSON.stringify(model.snapshot());
    model.failOn('context.sync', 1);
    await expect(workbook.insertSheet(TEMPLATES[1].render({ examples: false }))).rejects.toThrow(
      /^Could not insert the sheet "Activity Funnel": /,
    );
    expect(JSON.stringify(model.snapshot())).toBe(before);
  });

  test('text that starts with "=" (or looks like a number or date) stays text', async () => {
    const { model, workbook } = setUp();
    const hostile = ['=1+1', '=HYPERLINK("http://x")', "'quoted", '2026-07', '00123', 'TRUE', '-5', '@sum'];
    const plan: SheetPlan = {
      name: 'Notes',
      cells: [
        hostile.map((value) => ({ value })),
        [{ formula: '=1+1' }, { value: 3 }, { value: null }, { value: true }],
      ],
      rows: 2,
      cols: hostile.length,
      formats: [],
      validations: [],
      conditionalFormats: [],
      namedRanges: [{ name: 'SE_Notes', range: { row: 0, col: 0, rows: 2, cols: 4 } }],
      columnWidths: [],
      frozenRows: 0,
      frozenCols: 0,
      charts: [],
    };
    await workbook.insertSheet(plan);
    expect(model.values('Notes', { row: 0, col: 0, rows: 1, cols: hostile.length })).toEqual([hostile]);
    expect(await workbook.readNamedRange('SE_Notes')).toEqual([
      ['=1+1', '=HYPERLINK("http://x")', "'quoted", '2026-07'],
      [2, 3, null, true],
    ]);
  });

  test('readNamedRange is null for an unknown name', async () => {
    const { workbook } = setUp();
    expect(await workbook.readNamedRange('SE_Nothing')).toBeNull();
  });
});

describe('the fake enforces Office.js rules the adapter depends on', () => {
  test('reading a property that was not loaded and synced throws PropertyNotLoaded', async () => {
    const { model, excel } = setUp();
    withUserSheet(model);
    const error = await excel
      .run(async (context) => {
        const range = context.workbook.worksheets.getItem('Plan').getRange('A1:B2');
        range.load('values');
        return range.values; // before sync
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FakeOfficeError);
    expect((error as FakeOfficeError).code).toBe('PropertyNotLoaded');
    expect((error as FakeOfficeError).message).toBe(
      "The property 'values' is not available. Before reading the property's value, call the load method on the containing object and call \"context.sync()\" on the associated request context.",
    );
    const loaded = await excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Plan').getRange('A1:B2').load('values, address');
      await context.sync();
      return [range.values, range.address];
    });
    expect(loaded).toEqual([
      [
        ['Month', 'Revenue'],
        [1, 100],
      ],
      'Plan!A1:B2',
    ]);
  });

  test('a block of the wrong shape fails at sync with InvalidArgument, and writes wait for sync', async () => {
    const { model, excel } = setUp();
    withUserSheet(model);
    const error = await excel
      .run(async (context) => {
        const range = context.workbook.worksheets.getItem('Plan').getRange('D1:E2');
        range.values = [[1, 2]];
        expect(model.values('Plan', { row: 0, col: 3, rows: 1, cols: 1 })).toEqual([['']]);
        await context.sync();
      })
      .catch((e: unknown) => e);
    expect((error as FakeOfficeError).code).toBe('InvalidArgument');
    expect((error as FakeOfficeError).debugInfo.errorLocation).toBe('Range.values');
  });

  test('proxies die with their Excel.run', async () => {
    const { model, excel } = setUp();
    withUserSheet(model);
    const range = await excel.run(async (context) =>
      context.workbook.worksheets.getItem('Plan').getRange('A1'),
    );
    expect(() => {
      range.values = [['x']];
    }).toThrow(/after its Excel.run ended/);
    const value: CellValue[][] = model.values('Plan', { row: 0, col: 0, rows: 1, cols: 1 });
    expect(value).toEqual([['Month']]);
  });
});

describe('tables and charts in Excel', () => {
  const logPlan: SheetPlan = {
    name: 'Log',
    cells: [
      [{ value: 'Log' }],
      [],
      [{ value: 'Date' }, { value: 'Who' }, { value: 'Score' }],
      [{ value: 46000 }, { value: 'Ann' }, { value: 3 }],
    ],
    rows: 4,
    cols: 3,
    formats: [],
    validations: [],
    conditionalFormats: [],
    namedRanges: [{ name: 'SE_Log', range: { row: 2, col: 0, rows: 2, cols: 3 } }],
    columnWidths: [],
    frozenRows: 0,
    frozenCols: 0,
    charts: [],
  };
  const rows = (n: number) =>
    Array.from({ length: n }, (_, i) => [
      { value: 46100 + i },
      { value: `who ${i}` },
      { formula: `=${i}*2` },
    ]);

  async function logSheet() {
    const setup = setUp();
    await setup.workbook.insertSheet(logPlan);
    setup.model.setContents('Log', 4, 0, [[46001, 'Bob', 1]]);
    setup.model.format('Log', { row: 5, col: 0, rows: 3, cols: 3 }, { background: '#eeeeee' });
    setup.model.setContents('Log', 8, 0, [[46002, 'Cy', 2]]);
    setup.model.format('Log', { row: 9, col: 0, rows: 5, cols: 3 }, { background: '#eeeeee' });
    return setup;
  }

  test('appendRows: directly under the table (down to its first empty row), moving what is below down; 3 syncs for 1 row or 500', async () => {
    const counts: number[] = [];
    for (const n of [1, 500]) {
      const { excel, model, workbook } = await logSheet();
      excel.syncs = 0;
      // The first append makes the log an Excel table (header, Ann, Bob: the rows down to the first empty one).
      expect(await workbook.appendRows('SE_Log', rows(n))).toEqual({ sheet: 'Log', row: 5, count: n });
      counts.push(excel.syncs);
      expect(model.values('Log', { row: 5, col: 0, rows: 1, cols: 3 })).toEqual([[46100, 'who 0', 0]]);
      expect(model.formulas('Log', { row: 5, col: 2, rows: 1, cols: 1 })).toEqual([['=0*2']]);
      expect([...model.tables.values()].map((t) => [t.name, t.area])).toEqual([
        ['SE_Log_Rows', { row: 2, col: 0, rows: 3 + n, cols: 3 }],
      ]);
      // Cy's row, three rows under the table, is still there: the host moved what is below the table down.
      expect(model.values('Log', { row: 8 + n, col: 0, rows: 1, cols: 3 })).toEqual([[46002, 'Cy', 2]]);
      excel.syncs = 0;
      // Later appends go to the table's end, placed by the host.
      expect(await workbook.appendRows('SE_Log', rows(n))).toEqual({ sheet: 'Log', row: 5 + n, count: n });
      counts.push(excel.syncs);
      expect(model.values('Log', { row: 5 + n, col: 1, rows: 1, cols: 1 })).toEqual([['who 0']]);
    }
    expect(counts).toEqual([3, 3, 3, 3]);
  });

  test('readTable: 2 syncs for a short or a long table', async () => {
    const counts: number[] = [];
    for (const n of [0, 500]) {
      const { excel, workbook } = await logSheet();
      if (n > 0) await workbook.appendRows('SE_Log', rows(n));
      excel.syncs = 0;
      expect((await workbook.readTable('SE_Log'))?.values).toHaveLength(7 + n);
      counts.push(excel.syncs);
    }
    expect(counts).toEqual([2, 2]);
  });

  test('a failed write leaves the workbook as it was', async () => {
    const { model, workbook } = await logSheet();
    await workbook.appendRows('SE_Log', rows(1));
    const before = JSON.stringify(model.snapshot());
    model.failOn('TableRowCollection.add');
    await expect(workbook.appendRows('SE_Log', rows(3))).rejects.toThrow(
      /^Could not append rows under "SE_Log": simulated failure in TableRowCollection.add\. Nothing was written\.$/,
    );
    expect(JSON.stringify(model.snapshot())).toBe(before);
  });

  test.each(['TableCollection.add', 'Table.name', 'TableRowCollection.add'])(
    'making the table failing at %s (every try) leaves the workbook as it was',
    async (operation) => {
      const { model, workbook } = await logSheet();
      const before = JSON.stringify(model.snapshot());
      for (let i = 0; i < 3; i++) model.failOn(operation);
      await expect(workbook.appendRows('SE_Log', rows(3))).rejects.toThrow(
        new RegExp(
          `^Could not append rows under "SE_Log": simulated failure in ${operation}\\. Nothing was written\\.$`,
        ),
      );
      expect(JSON.stringify(model.snapshot())).toBe(before);
    },
  );

  test('a line chart goes in with its data area, title and anchor; a failing chart rolls the sheet back', async () => {
    const { model, workbook } = setUp();
    withUserSheet(model);
    const plan: SheetPlan = {
      ...logPlan,
      charts: [
        {
          kind: 'line',
          title: 'Scores',
          data: { row: 2, col: 1, rows: 2, cols: 2 },
          anchor: { row: 1, col: 5 },
        },
      ],
    };
    await workbook.insertSheet(plan);
    expect(model.sheetMeta('Log').charts).toEqual([
      {
        kind: 'line',
        title: 'Scores',
        data: { row: 2, col: 1, rows: 2, cols: 2 },
        anchor: { row: 1, col: 5 },
      },
    ]);
    const before = JSON.stringify(model.snapshot());
    model.failOn('ChartCollection.add');
    await expect(workbook.insertSheet(plan)).rejects.toThrow(
      /simulated failure in ChartCollection.add\. Nothing was added/,
    );
    expect(JSON.stringify(model.snapshot())).toBe(before);
  });
});
