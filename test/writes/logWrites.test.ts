/**
 * Issue 10, the write side, in both add-ins' adapters (SheetsWorkbook over the fake SpreadsheetApp,
 * ExcelWorkbook over the fake Excel) and the preview's MemoryWorkbook: what a save does to a Review Log that
 * people have edited by hand.
 *
 * - defect 3: rows are written by header: a column inserted inside the log, swapped columns, a header renamed
 *   away (a clear message, nothing written), an optional header missing (left out);
 * - defect 5: a user's formulas showing "" are part of the log: the save goes under them, never over them;
 * - defect 12: a deleted Review Log sheet (its name left at #REF! in Excel) is no dead end; names clash
 *   case-insensitively;
 * - defect 13: a stray value far below the log does not drag the save down to it.
 *
 * A "save" here is what the app does (src/app/review.ts): read the log; if there is none, insert one unless the
 * name exists by then; append by header.
 */
import { ExcelWorkbook } from '../../excel-addin/excelWorkbook';
import { MemoryWorkbook } from '../../preview/memoryWorkbook';
import { SheetsWorkbook } from '../../sheets-addon/sheetsWorkbook';
import { insertTemplate } from '../../src/app/templates';
import { templateById } from '../../src/templates';
import { REVIEW_LOG_HEADERS, REVIEW_LOG_NAMES, reviewLog } from '../../src/templates/reviewLog';
import type { PlanCell } from '../../src/templates/sheetPlan';
import { asyncWorkbook, type AppendOptions, type Workbook } from '../../src/workbook';
import { FakeExcel } from '../simulators/fakeExcel';
import { FakeSpreadsheetApp } from '../simulators/fakeSpreadsheetApp';
import { SpreadsheetModel, type Area, type CellValue } from '../simulators/spreadsheetModel';

const LOG = REVIEW_LOG_NAMES.table;
const HEADERS: readonly string[] = REVIEW_LOG_HEADERS;

/** What a user does to the workbook by hand, and what the tests look at: the simulators' model, or the preview's. */
type HandEdits = Pick<
  SpreadsheetModel,
  | 'sheetNames'
  | 'addSheet'
  | 'setContents'
  | 'typeAsUser'
  | 'values'
  | 'formulas'
  | 'insertColumns'
  | 'addName'
  | 'snapshot'
> & { namedRanges: { get(name: string): { sheet: string; area: Area } | undefined } };

/** The same hand edits on the preview's workbook (HyperFormula underneath, as in the simulators). */
function memoryEdits(wb: MemoryWorkbook): HandEdits {
  const id = (sheet: string) => wb.engine.getSheetId(sheet) as number;
  const cells = (
    sheet: string,
    area: Area,
    read: (a: { sheet: number; row: number; col: number }) => unknown,
  ) =>
    Array.from({ length: area.rows }, (_, r) =>
      Array.from({ length: area.cols }, (_, c): CellValue => {
        const v = read({ sheet: id(sheet), row: area.row + r, col: area.col + c });
        if (v === null || v === undefined) return '';
        return typeof v === 'object' ? String((v as { value: unknown }).value) : (v as CellValue);
      }),
    );
  const setContents = (sheet: string, row: number, col: number, contents: CellValue[][]) =>
    wb.engine.setCellContents(
      { sheet: id(sheet), row, col },
      contents.map((r) => r.map((v) => (v === '' ? null : v))),
    );
  return {
    sheetNames: () => wb.engine.getSheetNames(),
    addSheet: (name) => void wb.engine.addSheet(name),
    setContents,
    typeAsUser: setContents,
    values: (sheet, area) => cells(sheet, area, (a) => wb.engine.getCellValue(a)),
    formulas: (sheet, area) =>
      cells(sheet, area, (a) => wb.engine.getCellFormula(a) ?? wb.engine.getCellSerialized(a)),
    insertColumns: (sheet, at, count) => wb.insertColumns(sheet, at, count),
    addName: (name, sheet, area) => wb.addName(name, sheet, area),
    snapshot: () =>
      JSON.parse(
        JSON.stringify({
          sheets: wb.engine.getSheetNames().map((n) => [n, wb.sheetSerialized(n)]),
          names: wb.namedRangeEntries(),
        }),
      ) as unknown,
    namedRanges: {
      get: (name) => {
        const e = wb.namedRangeEntries().find((x) => x.name === name);
        return e === undefined ? undefined : { sheet: e.sheet, area: { ...e.range } };
      },
    },
  };
}

interface Host {
  model: HandEdits;
  workbook: Workbook;
  /** A user deleting a sheet, as the host does it (Excel keeps its names, at #REF!). */
  deleteSheet(name: string): Promise<void>;
}

const hosts: [string, () => Host][] = [
  [
    'Sheets',
    () => {
      const fake = new FakeSpreadsheetApp(new SpreadsheetModel());
      return {
        model: fake.model,
        workbook: asyncWorkbook(new SheetsWorkbook(fake, fake.lockService, fake.utilities)),
        deleteSheet: async (name) => fake.model.removeSheet(name),
      };
    },
  ],
  [
    'Excel',
    () => {
      const model = new SpreadsheetModel();
      model.addSheet('Sheet1');
      const excel = new FakeExcel(model);
      return {
        model,
        workbook: new ExcelWorkbook(excel.asExcelRun()),
        deleteSheet: (name) =>
          excel.run(async (context) => {
            context.workbook.worksheets.getItem(name).delete();
            await context.sync();
          }),
      };
    },
  ],
  [
    'preview',
    () => {
      const wb = new MemoryWorkbook();
      wb.engine.addSheet('Sheet1');
      return { model: memoryEdits(wb), workbook: wb, deleteSheet: async (name) => wb.deleteSheet(name) };
    },
  ],
];

/** One Review Log row, a distinct text under every header (a serial day under "Due date"). */
function logRow(who: string, i: number): PlanCell[] {
  return HEADERS.map((h) => ({ value: h === 'Due date' ? 46300 + i : `${who}/${h}/${i}` }));
}

const byHeader: AppendOptions = { headers: HEADERS };

/** The app's save: the log if there is one, else a new one unless another save made it first; then append. */
async function save(workbook: Workbook, rows: PlanCell[][], options: AppendOptions = byHeader) {
  if ((await workbook.readTable(LOG)) === null)
    await workbook.insertSheet(reviewLog.render({ examples: false }), { unlessNamed: LOG });
  return workbook.appendRows(LOG, rows, options);
}

/** The log's rows as header → value records (the header row read from the sheet, wherever columns are). */
async function records(workbook: Workbook): Promise<Record<string, unknown>[]> {
  const table = await workbook.readTable(LOG);
  if (table === null) return [];
  const [header, ...rows] = table.values;
  return rows
    .filter((r) => r.some((v) => v !== null))
    .map((r) => Object.fromEntries(header.map((h, c) => [String(h), r[c]])));
}

function expected(who: string, i: number): Record<string, unknown> {
  return Object.fromEntries(HEADERS.map((h) => [h, h === 'Due date' ? 46300 + i : `${who}/${h}/${i}`]));
}

describe.each(hosts)('%s: a save writes by header', (_host, make) => {
  test('a "Notes" column inserted before Action: every value under its own header, Notes untouched (defect 3)', async () => {
    const { model, workbook } = make();
    await save(workbook, [logRow('ann', 1)]);
    const table = await workbook.readTable(LOG);
    const sheet = table?.sheet as string;
    const action = HEADERS.indexOf('Action');
    // The user inserts a column inside the log (the named range grows, as in both hosts) and writes in it.
    model.insertColumns(sheet, action, 1);
    model.setContents(sheet, table?.row ?? 0, action, [['Notes'], ['my note']]);
    await save(workbook, [logRow('bob', 2), logRow('bob', 3)]);
    const rows = await records(workbook);
    expect(rows.map((r) => ({ ...r, Notes: undefined }))).toEqual(
      [expected('ann', 1), expected('bob', 2), expected('bob', 3)].map((r) => ({ ...r, Notes: undefined })),
    );
    expect(rows.map((r) => r.Notes)).toEqual(['my note', null, null]);
  });

  test('Commentary and Action swapped by the user: each save lands under the right one (defect 3)', async () => {
    const { model, workbook } = make();
    await save(workbook, [logRow('ann', 1)]);
    const table = await workbook.readTable(LOG);
    const sheet = table?.sheet as string;
    const [c, a] = [HEADERS.indexOf('Commentary'), HEADERS.indexOf('Action')];
    // Moving the two columns: header and contents change places.
    const block = model.values(sheet, { row: table?.row ?? 0, col: c, rows: 2, cols: 2 });
    model.setContents(
      sheet,
      table?.row ?? 0,
      c,
      block.map(([x, y]) => [y, x]),
    );
    expect(a).toBe(c + 1);
    await save(workbook, [logRow('bob', 2)]);
    expect(await records(workbook)).toEqual([expected('ann', 1), expected('bob', 2)]);
  });

  test('a header the rows need is gone: a message naming it, and nothing written (defect 3)', async () => {
    const { model, workbook } = make();
    await save(workbook, [logRow('ann', 1)]);
    const table = await workbook.readTable(LOG);
    model.setContents(table?.sheet as string, table?.row ?? 0, HEADERS.indexOf('Owner'), [['Who']]);
    const before = JSON.stringify(model.snapshot());
    const error = await save(workbook, [logRow('bob', 2)]).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/header row has no "Owner" column/);
    expect((error as Error).message).toMatch(/[Nn]othing was written/);
    expect(JSON.stringify(model.snapshot())).toBe(before);
  });

  test('an optional header missing (an older log): its cells are left out, the rest written', async () => {
    const { model, workbook } = make();
    await save(workbook, [logRow('ann', 1)]);
    const table = await workbook.readTable(LOG);
    const owner = HEADERS.indexOf('Owner');
    model.setContents(table?.sheet as string, table?.row ?? 0, owner, [['Who']]);
    await save(workbook, [logRow('bob', 2)], { headers: HEADERS, optional: ['Owner'] });
    const last = (await records(workbook))[1];
    expect(last.Who).toBeNull();
    expect({ ...last, Who: undefined }).toEqual({ ...expected('bob', 2), Owner: undefined, Who: undefined });
  });

  test('the old positional call still works (rows in the named range column order)', async () => {
    const { workbook } = make();
    await save(workbook, [logRow('ann', 1)], {});
    expect(await records(workbook)).toEqual([expected('ann', 1)]);
  });
});

describe.each(hosts)('%s: hand edits are never written over', (_host, make) => {
  /** The user's running check in the "Saved at" column for 20 rows from `first`: "" until the row has a reviewer. */
  function fillFormulas(model: HandEdits, sheet: string, first: number): CellValue[][] {
    const reviewer = colLetter(HEADERS.indexOf('Reviewer'));
    const formulas = Array.from({ length: 20 }, (_, i) => [
      `=IF(${reviewer}${first + i + 1}="","",${reviewer}${first + i + 1}&"!")`,
    ]);
    model.typeAsUser(sheet, first, HEADERS.indexOf('Saved at'), formulas);
    return formulas;
  }

  test('formulas showing "" filled down 20 rows of the log: the save goes under them, all 20 stay (defect 5)', async () => {
    const { model, workbook } = make();
    await save(workbook, [logRow('ann', 1), logRow('ann', 2)]);
    const table = await workbook.readTable(LOG);
    const sheet = table?.sheet as string;
    const first = (table?.row ?? 0) + 1;
    const formulas = fillFormulas(model, sheet, first);
    const appended = await save(workbook, [logRow('bob', 3)]);
    expect(appended.row).toBe(first + 20);
    const col = HEADERS.indexOf('Saved at');
    expect(model.formulas(sheet, { row: first, col, rows: 20, cols: 1 })).toEqual(formulas);
    expect(model.values(sheet, { row: first + 20, col: 0, rows: 1, cols: 1 })).toEqual([['bob/Month/3']]);
  });

  test('the same in a log written before this version (no Excel table yet): the first save goes under the formulas', async () => {
    const { model, workbook } = make();
    await workbook.insertSheet(reviewLog.render({ examples: false }));
    const table = await workbook.readTable(LOG);
    const sheet = table?.sheet as string;
    const first = (table?.row ?? 0) + 1;
    model.setContents(sheet, first, 0, [HEADERS.map((h) => `old/${h}`)]);
    const formulas = fillFormulas(model, sheet, first);
    const appended = await save(workbook, [logRow('bob', 3)]);
    expect(appended.row).toBe(first + 20);
    const col = HEADERS.indexOf('Saved at');
    expect(model.formulas(sheet, { row: first, col, rows: 20, cols: 1 })).toEqual(formulas);
  });

  test('a stray value at A3001: the save goes directly under the log, the stray stays (defect 13)', async () => {
    const { model, workbook } = make();
    await save(workbook, [logRow('ann', 1)]);
    const table = await workbook.readTable(LOG);
    const sheet = table?.sheet as string;
    model.setContents(sheet, 3000, 0, [['stray']]);
    const appended = await save(workbook, [logRow('bob', 2), logRow('bob', 3)]);
    expect(appended.row).toBe((table?.row ?? 0) + 2);
    // Still there, alone: Sheets leaves it where it is; Excel's rows.add moves the cells under the table down.
    const column = model.values(sheet, { row: 0, col: 0, rows: 3010, cols: 1 }).map(([v]) => v);
    expect(column.filter((v) => v === 'stray')).toHaveLength(1);
    expect(column.indexOf('stray')).toBeGreaterThanOrEqual(3000);
  });
});

describe.each(hosts)('%s: names that clash or point nowhere (defect 12)', (_host, make) => {
  test('the Review Log sheet deleted by hand: the review reads no log, and the next save makes a new one', async () => {
    const { model, workbook, deleteSheet } = make();
    await save(workbook, [logRow('ann', 1)]);
    const sheet = (await workbook.readTable(LOG))?.sheet as string;
    await deleteSheet(sheet);
    expect(await workbook.readTable(LOG)).toBeNull();
    expect(await workbook.readNamedRange(LOG)).toBeNull();
    const appended = await save(workbook, [logRow('bob', 2)]);
    expect(appended.sheet).toBe('Review Log');
    expect(await records(workbook)).toEqual([expected('bob', 2)]);
    expect(model.sheetNames().filter((n) => n.startsWith('Review Log'))).toEqual(['Review Log']);
  });

  test('a user range named se_csf_table (another case) elsewhere: the CSF Tracker still goes in, under its own names', async () => {
    const { model, workbook } = make();
    model.addSheet('Budget');
    model.setContents('Budget', 0, 0, [['Cost', 100]]);
    model.addName('se_csf_table', 'Budget', { row: 0, col: 0, rows: 1, cols: 2 });
    const inserted = await workbook.insertSheet(templateById('csf-tracker').render({ examples: false }));
    expect(inserted.name).toBe('CSF Tracker');
    expect(inserted.namedRanges.every((n) => n.endsWith('_2'))).toBe(true);
    // Said, so the app can tell the user which range holds the name the review reads.
    expect(inserted.clashes).toEqual([{ wanted: 'SE_CSF_Table', heldBy: 'se_csf_table', sheet: 'Budget' }]);
    expect(model.namedRanges.get('se_csf_table')).toEqual({
      sheet: 'Budget',
      area: { row: 0, col: 0, rows: 1, cols: 2 },
    });
  });
});

describe.each(hosts)('%s: the insert says what a clash means (defect 12)', (_host, make) => {
  test('a user range named SE_CSF_Table on another sheet: the message names it, its sheet, and what to do', async () => {
    const { model, workbook } = make();
    model.addSheet('Budget');
    model.setContents('Budget', 0, 0, [['Cost', 100]]);
    model.addName('SE_CSF_Table', 'Budget', { row: 0, col: 0, rows: 1, cols: 2 });
    const result = await insertTemplate(workbook, { templateId: 'csf-tracker', examples: false });
    expect(result.sheetName).toBe('CSF Tracker');
    expect(result.message).toMatch(/The name SE_CSF_Table is already used by a range on the sheet "Budget"/);
    expect(result.message).toMatch(/so this sheet's is SE_CSF_Table_2/);
    expect(result.message).toMatch(/Rename that range .*then delete "CSF Tracker" and insert it again\./);
  });
});

describe.each(hosts)('%s: a second copy of a sheet is not a clash', (_host, make) => {
  test('a second CSF Tracker takes the _2 names without reporting a clash', async () => {
    const { workbook } = make();
    const plan = templateById('csf-tracker').render({ examples: false });
    await workbook.insertSheet(plan);
    const second = await workbook.insertSheet(plan);
    expect(second.name).toBe('CSF Tracker (2)');
    expect(second.clashes).toBeUndefined();
  });
});

describe.each(hosts)('%s: inserting unless a name exists', (_host, make) => {
  test('insertSheet(plan, { unlessNamed }) inserts once, then reports the sheet the name is on', async () => {
    const { model, workbook } = make();
    const plan = reviewLog.render({ examples: false });
    expect(await workbook.insertSheet(plan, { unlessNamed: LOG })).toEqual({
      name: 'Review Log',
      namedRanges: [LOG],
    });
    const before = JSON.stringify(model.snapshot());
    expect(await workbook.insertSheet(plan, { unlessNamed: LOG })).toEqual({
      name: 'Review Log',
      namedRanges: [],
      existed: true,
    });
    expect(JSON.stringify(model.snapshot())).toBe(before);
  });
});

function colLetter(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
