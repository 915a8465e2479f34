/**
 * The port's batched read (readMany) and read-then-append (readAndAppend), in all three adapters over their
 * simulators: readMany gives exactly what readTable and readNamedRange give for the same names on the same
 * workbook — a dangling name, a missing one, dates, a formula showing "", rows a user added below a table —
 * and the expected cells are also written out by hand.
 */
import { ExcelWorkbook } from '../../excel-addin/excelWorkbook';
import { MemoryWorkbook } from '../../preview/memoryWorkbook';
import { SheetsWorkbook } from '../../sheets-addon/sheetsWorkbook';
import { PlanBuilder, range } from '../../src/templates/planBuilder';
import type { PlanValue } from '../../src/templates/sheetPlan';
import { asyncWorkbook, type ManyRead, type Workbook } from '../../src/workbook';
import { FakeExcel } from '../simulators/fakeExcel';
import { FakeSpreadsheetApp } from '../simulators/fakeSpreadsheetApp';
import { SpreadsheetModel } from '../simulators/spreadsheetModel';

interface Host {
  name: string;
  workbook: Workbook;
  /** A user typing raw contents outside the port. */
  type(sheet: string, row: number, col: number, value: PlanValue): void;
  /** A user deleting a sheet (the hosts leave its names behind at #REF!; Sheets' model drops them). */
  deleteSheet(sheet: string): Promise<void>;
}

function sheets(): Host {
  const fake = new FakeSpreadsheetApp(new SpreadsheetModel());
  return {
    name: 'Sheets',
    workbook: asyncWorkbook(new SheetsWorkbook(fake, fake.lockService, fake.utilities)),
    type: (sheet, row, col, value) => fake.model.setContents(sheet, row, col, [[value]]),
    deleteSheet: async (sheet) => fake.model.removeSheet(sheet),
  };
}

function excel(): Host {
  const model = new SpreadsheetModel();
  const fake = new FakeExcel(model);
  const run = fake.asExcelRun();
  return {
    name: 'Excel',
    workbook: new ExcelWorkbook(run),
    type: (sheet, row, col, value) => model.setContents(sheet, row, col, [[value]]),
    deleteSheet: (sheet) =>
      run(async (context) => {
        context.workbook.worksheets.getItem(sheet).delete();
        await context.sync();
      }),
  };
}

function preview(): Host {
  const wb = new MemoryWorkbook();
  return {
    name: 'preview',
    workbook: wb,
    type: (sheet, row, col, value) => wb.setCell(sheet, row, col, value),
    deleteSheet: async (sheet) => wb.deleteSheet(sheet),
  };
}

/**
 * Blank: SE_Blank over A1:B1 of a sheet with no data. Data: SE_T names the header B2:D2 only; under it two rows (dates in C, a formula showing "" in D3), then a
 * row a user typed after a gap (B7), and a note far right (G10) outside the table's columns. Settings: SE_R
 * (A1:B2) with a date, SE_T_2 (a copy's name). Gone: SE_Gone, then the sheet is deleted.
 */
async function seeded(make: () => Host): Promise<Host> {
  const host = make();
  const data = new PlanBuilder('Data');
  data.value(0, 0, 'Title');
  data.row(1, 1, ['Name', 'Due', 'Calc']);
  data.row(2, 1, ['A', 46023]);
  data.formula(2, 3, '=IF(1>0,"","x")');
  data.row(3, 1, ['B', 46054]);
  data.formula(3, 3, '=1+1');
  data.format(range(2, 2, 2, 1), { numberFormat: 'yyyy-mm-dd' });
  data.nameRange('SE_T', range(1, 1, 1, 3));
  await host.workbook.insertSheet(data.build());
  const settings = new PlanBuilder('Settings');
  settings.row(0, 0, [2026, 'x']);
  settings.row(1, 0, [46082, null]);
  settings.format(range(1, 0), { numberFormat: 'yyyy-mm-dd' });
  settings.nameRange('SE_R', range(0, 0, 2, 2));
  settings.nameRange('SE_T_2', range(0, 0, 1, 2));
  await host.workbook.insertSheet(settings.build());
  // A sheet with no data at all under its name (a user cleared it).
  const blank = new PlanBuilder('Blank');
  blank.nameRange('SE_Blank', range(0, 0, 1, 2));
  await host.workbook.insertSheet(blank.build());
  const gone = new PlanBuilder('Gone');
  gone.row(0, 0, ['h']);
  gone.nameRange('SE_Gone', range(0, 0, 1, 1));
  await host.workbook.insertSheet(gone.build());
  await host.deleteSheet('Gone');
  host.type('Data', 6, 1, 'C');
  host.type('Data', 9, 6, 'note');
  return host;
}

const TABLES = ['SE_T', 'SE_T_2', 'SE_Gone', 'SE_Missing', 'SE_Blank'];
const RANGES = ['SE_R', 'SE_T', 'SE_Gone', 'SE_Missing', 'SE_Blank'];

describe.each([sheets, excel, preview].map((make) => [make().name, make] as const))('%s', (_name, make) => {
  it('readMany gives what readTable and readNamedRange give, name by name', async () => {
    const host = await seeded(make);
    const wb = host.workbook;
    const many = await wb.readMany({ tables: TABLES, ranges: RANGES, copiesOf: ['SE_T'] });
    expect(many.names).toEqual(await wb.namedRangeNames());
    for (const n of TABLES) expect([n, many.tables[n]]).toEqual([n, await wb.readTable(n)]);
    for (const n of RANGES) expect([n, many.ranges[n]]).toEqual([n, await wb.readNamedRange(n)]);
    expect(Object.keys(many.tables)).toEqual(TABLES);
    expect(Object.keys(many.ranges)).toEqual(RANGES);
  });

  it('readMany: the cells, written out by hand', async () => {
    const host = await seeded(make);
    const many = await host.workbook.readMany({ tables: TABLES, ranges: RANGES, copiesOf: ['SE_T'] });
    expect(many.tables.SE_T).toEqual({
      sheet: 'Data',
      row: 1,
      col: 1,
      values: [
        ['Name', 'Due', 'Calc'],
        ['A', 46023, null],
        ['B', 46054, 2],
        [null, null, null],
        [null, null, null],
        ['C', null, null],
      ],
    });
    expect(many.tables.SE_T_2).toEqual({
      sheet: 'Settings',
      row: 0,
      col: 0,
      values: [
        [2026, 'x'],
        [46082, null],
      ],
    });
    expect(many.ranges.SE_R).toEqual([
      [2026, 'x'],
      [46082, null],
    ]);
    expect(many.ranges.SE_T).toEqual([['Name', 'Due', 'Calc']]);
    expect(many.tables.SE_Blank).toEqual({ sheet: 'Blank', row: 0, col: 0, values: [] });
    expect(many.ranges.SE_Blank).toEqual([[null, null]]);
    expect(many.tables.SE_Gone).toBeNull();
    expect(many.ranges.SE_Gone).toBeNull();
    expect(many.tables.SE_Missing).toBeNull();
    expect(many.ranges.SE_Missing).toBeNull();
    expect(sortedCopies(many)).toEqual([
      { name: 'SE_T', sheet: 'Data' },
      { name: 'SE_T_2', sheet: 'Settings' },
    ]);
  });

  it('readMany finds a name whatever its case, and reads nothing for an empty request', async () => {
    const host = await seeded(make);
    const many = await host.workbook.readMany({ tables: ['se_t'], ranges: ['se_r'] });
    expect(many.tables.se_t?.values[0]).toEqual(['Name', 'Due', 'Calc']);
    expect(many.ranges.se_r).toEqual([
      [2026, 'x'],
      [46082, null],
    ]);
    const none = await host.workbook.readMany({});
    expect(none).toEqual({
      names: await host.workbook.namedRangeNames(),
      tables: {},
      ranges: {},
      copies: [],
    });
  });

  it('readAndAppend: build sees the read, its rows go where appendRows puts them, null writes nothing', async () => {
    const host = await seeded(make);
    const wb = host.workbook;
    const nothing = await wb.readAndAppend({ tables: ['SE_T'] }, 'SE_T', () => null);
    expect(nothing.appended).toBeNull();
    expect(nothing.read.tables.SE_T).toEqual(await wb.readTable('SE_T'));
    const seen: ManyRead[] = [];
    const done = await wb.readAndAppend({ ranges: ['SE_R'] }, 'SE_T', (read) => {
      seen.push(read);
      return { rows: [[{ value: 'D' }, { value: 46100 }, { value: 'x' }]] };
    });
    expect(seen).toHaveLength(1);
    expect(seen[0].ranges.SE_R).toEqual([
      [2026, 'x'],
      [46082, null],
    ]);
    // The table is B2:D4 (D3's formula showing "" counts); row 5 is free: the row goes there (0-based 4).
    expect(done.appended).toEqual({ sheet: 'Data', row: 4, count: 1 });
    const after = await wb.readTable('SE_T');
    expect(after?.values.slice(0, 4)).toEqual([
      ['Name', 'Due', 'Calc'],
      ['A', 46023, null],
      ['B', 46054, 2],
      ['D', 46100, 'x'],
    ]);
    // Everything else as appendRows leaves it on the same workbook (Excel's table moves what is under it down).
    const twin = await seeded(make);
    expect(
      await twin.workbook.appendRows('SE_T', [[{ value: 'D' }, { value: 46100 }, { value: 'x' }]]),
    ).toEqual(done.appended);
    expect(after).toEqual(await twin.workbook.readTable('SE_T'));
  });

  it("readAndAppend: build's error passes as it is and nothing is written", async () => {
    const host = await seeded(make);
    const wb = host.workbook;
    const before = await wb.readTable('SE_T');
    class Refused extends Error {}
    const attempt = wb.readAndAppend({ tables: ['SE_T'] }, 'SE_T', () => {
      throw new Refused('Not saved: no.');
    });
    await expect(attempt).rejects.toBeInstanceOf(Refused);
    await expect(
      wb.readAndAppend({}, 'SE_T', () => {
        throw new Refused('x');
      }),
    ).rejects.toThrow('x');
    expect(await wb.readTable('SE_T')).toEqual(before);
  });

  it('readAndAppend to a missing name: a clear error once build asks to write, nothing written', async () => {
    const host = await seeded(make);
    const wb = host.workbook;
    await expect(wb.readAndAppend({}, 'SE_Missing', () => ({ rows: [[{ value: 'x' }]] }))).rejects.toThrow(
      /SE_Missing.*(no range|nothing was written)/i,
    );
    const skipped = await wb.readAndAppend({}, 'SE_Missing', () => null);
    expect(skipped.appended).toBeNull();
  });
});

function sortedCopies(many: ManyRead): { name: string; sheet: string }[] {
  return [...many.copies].sort((a, b) => a.name.localeCompare(b.name));
}
