/**
 * SheetsWorkbook (the SpreadsheetApp adapter) against the fake SpreadsheetApp: every template lands with the
 * same computed values as the HyperFormula reference (MemoryWorkbook), with its formats, validation, colours,
 * frozen panes, widths and names; the number of service calls does not grow with the sheet's size; a taken
 * name gets the next free one; and a failure at any write step leaves the spreadsheet exactly as it was.
 */
import { MemoryWorkbook } from '../../preview/memoryWorkbook';
import { formatOperations, SheetsWorkbook, widthRuns } from '../../sheets-addon/sheetsWorkbook';
import { TEMPLATES, templateById, type TemplateId } from '../../src/templates';
import { CSF_COLUMNS, CSF_FIRST_DATA_ROW, CSF_NAMES } from '../../src/templates/csfTracker';
import type { CellRange, PlanCell, PlanFormat, SheetPlan } from '../../src/templates/sheetPlan';
import { asyncWorkbook, type AppendedRows } from '../../src/workbook';
import type { LockServiceApi } from '../../sheets-addon/appsScriptApi';
import { FakeSpreadsheetApp } from '../simulators/fakeSpreadsheetApp';
import { SpreadsheetModel, type CellFormat, type CellValue } from '../simulators/spreadsheetModel';

/** `workbook` speaks promises (asyncWorkbook), `sync` is the adapter itself, as Apps Script calls it. */
function setUp(options: { timeZone?: string } = {}) {
  const fake = new FakeSpreadsheetApp(new SpreadsheetModel(), options);
  const sync = new SheetsWorkbook(fake, fake.lockService, fake.utilities);
  return { fake, model: fake.model, workbook: asyncWorkbook(sync), sync };
}

function blankAsEmpty(v: unknown): unknown {
  return v === null || v === undefined ? '' : v;
}

/** Both grids padded to the same size, blanks as ''. */
function sameSize(a: unknown[][], b: unknown[][]): [unknown[][], unknown[][]] {
  const rows = Math.max(a.length, b.length);
  const cols = Math.max(...a.map((r) => r.length), ...b.map((r) => r.length));
  const pad = (g: unknown[][]) =>
    Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => blankAsEmpty(g[r]?.[c])));
  return [pad(a), pad(b)];
}

/** The format each cell should end with: the plan's formats applied in order. */
function expectedFormats(formats: readonly PlanFormat[]): Map<string, CellFormat> {
  const cells = new Map<string, CellFormat>();
  for (const { range, ...format } of formats)
    for (let r = range.row; r < range.row + range.rows; r++)
      for (let c = range.col; c < range.col + range.cols; c++)
        cells.set(`${r},${c}`, { ...cells.get(`${r},${c}`), ...format });
  return cells;
}

function validationAt(model: SpreadsheetModel, sheet: string, row: number, col: number) {
  const found = model
    .sheetMeta(sheet)
    .validations.filter(
      (v) =>
        row >= v.area.row &&
        row < v.area.row + v.area.rows &&
        col >= v.area.col &&
        col < v.area.col + v.area.cols,
    );
  return found[found.length - 1];
}

const corners = (r: CellRange): [number, number][] => [
  [r.row, r.col],
  [r.row + r.rows - 1, r.col + r.cols - 1],
];

const cases = TEMPLATES.flatMap((t) => [
  [t.id, true],
  [t.id, false],
]) as [TemplateId, boolean][];

describe.each(cases)('template %s (examples: %s) through SheetsWorkbook', (id, examples) => {
  const plan = templateById(id).render({ examples });

  test('computes what the HyperFormula reference computes, cell by cell', async () => {
    const { model, workbook } = setUp();
    const inserted = await workbook.insertSheet(plan);
    expect(inserted.name).toBe(plan.name);
    const memory = new MemoryWorkbook();
    await memory.insertSheet(plan);
    const [ours, reference] = sameSize(
      model.values(plan.name, { row: 0, col: 0, ...model.extent(plan.name) }),
      memory.sheetValues(plan.name),
    );
    expect(ours).toEqual(reference);
  });

  test('formats, validation, colours, frozen panes, widths and names land as planned', async () => {
    const { model, workbook } = setUp();
    const { name, namedRanges } = await workbook.insertSheet(plan);
    const meta = model.sheetMeta(name);

    const formats = expectedFormats(plan.formats);
    for (const [key, format] of formats) {
      const [r, c] = key.split(',').map(Number);
      expect([key, model.formatAt(name, r, c)]).toEqual([key, format]);
    }
    expect(meta.formats.size).toBe(formats.size);

    for (const v of plan.validations) {
      for (const [r, c] of corners(v.range)) {
        const got = validationAt(model, name, r, c);
        expect(got).toMatchObject(
          v.kind === 'list'
            ? { kind: 'list', list: [...v.list], strict: v.strict }
            : { kind: 'number', min: v.min, max: v.max, strict: v.strict },
        );
      }
    }

    const cfKey = (x: { area?: CellRange; range?: CellRange; textEquals: string; background?: string }) =>
      JSON.stringify([x.area ?? x.range, x.textEquals, x.background]);
    expect(meta.conditionalFormats.map(cfKey).sort()).toEqual(plan.conditionalFormats.map(cfKey).sort());

    expect([meta.frozenRows, meta.frozenCols]).toEqual([plan.frozenRows, plan.frozenCols]);
    expect(Object.fromEntries(meta.columnWidths)).toEqual(
      Object.fromEntries(plan.columnWidths.map((w) => [w.col, w.width])),
    );
    expect(namedRanges).toEqual(plan.namedRanges.map((n) => n.name));
    for (const n of plan.namedRanges)
      expect(model.namedRanges.get(n.name)).toEqual({ sheet: name, area: n.range });
  });
});

describe('service calls do not grow with the sheet', () => {
  const counts: string[] = [];
  afterAll(() =>
    console.log(
      `Service calls per insert (normal vs rows = 50 × the normal sheet's rows):\n${counts.join('\n')}`,
    ),
  );

  test.each(cases)('%s (examples: %s)', async (id, examples) => {
    const normal = templateById(id).render({ examples });
    const large = templateById(id).render({ examples, rows: 50 * normal.rows });
    // The Review Log is append-only and always starts empty: its size does not take `rows`.
    if (id !== 'review-log') expect(large.rows).toBeGreaterThan(40 * normal.rows);
    const callsFor = async (plan: SheetPlan) => {
      const { fake, workbook } = setUp();
      fake.calls.reset();
      await workbook.insertSheet(plan);
      return { total: fake.calls.total, byMethod: { ...fake.calls.byMethod } };
    };
    const a = await callsFor(normal);
    const b = await callsFor(large);
    counts.push(
      `  ${id.padEnd(16)} examples=${String(examples).padEnd(5)} ${String(a.total).padStart(3)} calls at ${normal.rows} rows, ${b.total} at ${large.rows} rows (setValues ${a.byMethod['Range.setValues']}, RangeList ${Object.entries(
        a.byMethod,
      )
        .filter(([k]) => k.startsWith('RangeList.'))
        .reduce((s, [, n]) => s + n, 0)})`,
    );
    // A new Google Sheet has 1000 rows and 26 columns: a plan beyond them first grows the grid, one call per
    // dimension however large it is (growGrid). Every other count must be the same at 50x.
    const grid = ['Sheet.insertRowsAfter', 'Sheet.insertColumnsAfter'];
    const withoutGrid = (c: typeof a) =>
      Object.fromEntries(Object.entries(c.byMethod).filter(([k]) => !grid.includes(k)));
    expect(withoutGrid(b)).toEqual(withoutGrid(a));
    for (const k of grid) expect(b.byMethod[k] ?? 0).toBeLessThanOrEqual(1);
    expect(b.total - a.total).toBeLessThanOrEqual(grid.length);
    expect(a.byMethod['Range.setValues']).toBe(1);
    expect(a.byMethod['Range.setDataValidations'] ?? 0).toBeLessThanOrEqual(1);
    expect(a.byMethod['Sheet.setConditionalFormatRules'] ?? 0).toBeLessThanOrEqual(1);
  });
});

describe('inserting never overwrites', () => {
  test('a second CSF Tracker becomes "CSF Tracker (2)" with its own names; every other sheet is untouched', async () => {
    const { fake, model, workbook } = setUp();
    const first = await workbook.insertSheet(templateById('csf-tracker').render({ examples: true }));
    model.addSheet('My plan');
    // The review month the tracker uses (K3: 7, the latest month its examples report).
    model.setContents('My plan', 0, 0, [['Revenue', 100, `='CSF Tracker'!K3*2`]]);
    const before = model.snapshot() as { sheets: { name: string }[]; names: [string, unknown][] };
    const second = await workbook.insertSheet(templateById('csf-tracker').render({ examples: false }));
    expect(first.name).toBe('CSF Tracker');
    expect(second.name).toBe('CSF Tracker (2)');
    expect(second.namedRanges).toEqual(
      templateById('csf-tracker')
        .render({ examples: false })
        .namedRanges.map((n) => `${n.name}_2`),
    );
    const after = model.snapshot() as typeof before;
    expect(after.sheets.map((s) => s.name)).toEqual(['Sheet1', 'CSF Tracker', 'My plan', 'CSF Tracker (2)']);
    expect(after.sheets.slice(0, 3)).toEqual(before.sheets);
    expect(after.names.filter(([n]) => !n.endsWith('_2'))).toEqual(before.names);
    expect(model.values('My plan', { row: 0, col: 2, rows: 1, cols: 1 })).toEqual([[14]]);
    expect(await workbook.readNamedRange(`${CSF_NAMES.reviewMonthUsed}_2`)).toEqual([[1]]);
    expect(await workbook.readNamedRange(CSF_NAMES.reviewMonthUsed)).toEqual([[7]]);
    expect(fake.lockService.held).toBe(false);
  });
});

describe('a failure part-way leaves the spreadsheet as it was', () => {
  const steps: [string, number, RegExp][] = [
    ['insertSheet', 0, /adding the sheet failed/],
    ['setValues', 0, /writing the cells failed/],
    ['setNumberFormat', 0, /formatting failed/],
    ['setFontWeight', 0, /formatting failed/],
    ['setBackground', 1, /formatting failed/],
    ['setHorizontalAlignment', 0, /formatting failed/],
    ['setDataValidations', 0, /adding data validation failed/],
    ['setConditionalFormatRules', 0, /adding conditional colours failed/],
    ['setFrozenRows', 0, /freezing the header failed/],
    ['setFrozenColumns', 0, /freezing the header failed/],
    ['setColumnWidths', 2, /setting column widths failed/],
    ['setNamedRange', 0, /naming ranges failed/],
    ['setNamedRange', 2, /naming ranges failed/],
    ['flush', 0, /saving failed/],
  ];

  test.each(steps)(
    'failing %s (after %i) rolls back and says what failed',
    async (operation, after, words) => {
      const { fake, model, workbook } = setUp();
      await workbook.insertSheet(templateById('csf-tracker').render({ examples: true }));
      model.setContents('Sheet1', 0, 0, [['mine', 1]]);
      const before = model.snapshot();
      model.failOn(operation, after);
      const error = await workbook.insertSheet(templateById('csf-tracker').render({ examples: true })).then(
        () => null,
        (e: unknown) => e as Error,
      );
      expect(error?.message).toMatch(words);
      expect(error?.message).toContain(`simulated failure in ${operation}`);
      expect(error?.message).toContain('Insert sheet "CSF Tracker (2)"');
      expect(model.snapshot()).toEqual(before);
      expect(fake.lockService.held).toBe(false);
    },
  );

  test('a busy document lock: a clear message, nothing written', async () => {
    const { fake, model, workbook } = setUp();
    const before = model.snapshot();
    fake.lockService.busy = true;
    await expect(
      workbook.insertSheet(templateById('review-log').render({ examples: false })),
    ).rejects.toThrow(/another change to this spreadsheet was still running after 10 s/);
    expect(fake.lockService.waitedMs).toBe(10_000);
    expect(model.snapshot()).toEqual(before);
  });

  test('no document to lock', async () => {
    const { fake, workbook } = setUp();
    fake.lockService.noDocument = true;
    await expect(
      workbook.insertSheet(templateById('review-log').render({ examples: false })),
    ).rejects.toThrow(/no open spreadsheet/);
  });

  test('the fake refuses writes without the lock (so the adapter is proven to take it)', () => {
    const { fake } = setUp();
    expect(() => fake.spreadsheet.insertSheet('X', 1)).toThrow(/without holding the document lock/);
  });
});

describe('cells', () => {
  const plan: SheetPlan = {
    name: 'Cells',
    cells: [
      [
        { value: '=not a formula' },
        { value: '+1' },
        { value: '007' },
        { value: 'TRUE' },
        { value: "'quoted" },
      ],
      [{ formula: '=1+1' }, { value: 3 }, { value: true }, { value: null }, { value: '' }],
      [{ value: 46000 }],
    ],
    rows: 3,
    cols: 5,
    formats: [{ range: { row: 2, col: 0, rows: 1, cols: 1 }, numberFormat: 'yyyy-mm-dd' }],
    validations: [],
    conditionalFormats: [],
    namedRanges: [
      { name: 'SE_Test_Texts', range: { row: 0, col: 0, rows: 2, cols: 5 } },
      { name: 'SE_Test_Date', range: { row: 2, col: 0, rows: 1, cols: 1 } },
    ],
    columnWidths: [],
    frozenRows: 0,
    frozenCols: 0,
    charts: [],
  };

  test('text stays text, even when it starts with "=" or looks like a number; formulas evaluate', async () => {
    const { workbook } = setUp();
    await workbook.insertSheet(plan);
    expect(await workbook.readNamedRange('SE_Test_Texts')).toEqual([
      ['=not a formula', '+1', '007', 'TRUE', "'quoted"],
      // The port reads an empty cell and a formula's "" alike, as null (src/workbook.ts).
      [2, 3, true, null, null],
    ]);
  });

  test.each(['Etc/UTC', 'America/Los_Angeles', 'Asia/Tokyo'])(
    'a date reads back as its serial day number (spreadsheet in %s)',
    async (timeZone) => {
      const { fake, workbook } = setUp({ timeZone });
      await workbook.insertSheet(plan);
      const raw = fake.spreadsheet.getRangeByName('SE_Test_Date')?.getValues()[0][0];
      expect(Object.prototype.toString.call(raw)).toBe('[object Date]');
      expect(await workbook.readNamedRange('SE_Test_Date')).toEqual([[46000]]);
    },
  );

  test('an unknown name reads as null; names and sheets are listed', async () => {
    const { workbook } = setUp();
    await workbook.insertSheet(plan);
    expect(await workbook.readNamedRange('SE_Nothing')).toBeNull();
    expect(await workbook.namedRangeNames()).toEqual(['SE_Test_Texts', 'SE_Test_Date']);
    expect(await workbook.sheetNames()).toEqual(['Sheet1', 'Cells']);
  });

  test('a line chart goes in with its data, title and position; a failing insertChart rolls everything back', async () => {
    const { fake, model, workbook } = setUp();
    const withChart: SheetPlan = {
      ...plan,
      charts: [
        {
          kind: 'line',
          title: 'Trend',
          data: { row: 0, col: 0, rows: 2, cols: 2 },
          anchor: { row: 0, col: 6 },
        },
      ],
    };
    fake.calls.reset();
    await workbook.insertSheet(withChart);
    expect(model.sheetMeta('Cells').charts).toEqual([
      {
        kind: 'line',
        title: 'Trend',
        data: { row: 0, col: 0, rows: 2, cols: 2 },
        anchor: { row: 0, col: 6 },
      },
    ]);
    expect(fake.calls.byMethod['EmbeddedChartBuilder.asLineChart']).toBe(1);
    expect(fake.calls.byMethod['Sheet.insertChart']).toBe(1);

    const before = model.snapshot();
    model.failOn('insertChart');
    await expect(workbook.insertSheet(withChart)).rejects.toThrow(
      /Insert sheet "Cells \(2\)": adding charts failed \(simulated failure in insertChart\); nothing was changed/,
    );
    expect(model.snapshot()).toEqual(before);
  });
});

/** A log named SE_Log (A3:D4: header and one row) with a user's rows below it and formatting-only rows. */
function logSheet() {
  const setup = setUp();
  const { model, sync } = setup;
  sync.insertSheet({
    name: 'Log',
    cells: [
      [{ value: 'Log' }],
      [],
      [{ value: 'Date' }, { value: 'Who' }, { value: 'Score' }, { value: 'Note' }],
      [{ value: 46000 }, { value: 'Ann' }, { value: 3 }, { value: null }],
    ],
    rows: 4,
    cols: 4,
    formats: [],
    validations: [],
    conditionalFormats: [],
    namedRanges: [{ name: 'SE_Log', range: { row: 2, col: 0, rows: 2, cols: 4 } }],
    columnWidths: [],
    frozenRows: 0,
    frozenCols: 0,
    charts: [],
  });
  model.setContents('Log', 4, 0, [[46001, 'Bob', 1, 'late']]);
  // Rows 6-8 only formatted (a user's banding), then a row of data, then more formatted rows.
  model.format('Log', { row: 5, col: 0, rows: 3, cols: 4 }, { background: '#eeeeee' });
  model.setContents('Log', 8, 0, [[46002, 'Cy', 2, null]]);
  model.format('Log', { row: 9, col: 0, rows: 5, cols: 4 }, { background: '#eeeeee' });
  // A note to the right of the table, outside its columns, further down.
  model.setContents('Log', 20, 6, [['elsewhere']]);
  return setup;
}

const row = (n: number): PlanCell[] => [{ value: 46100 + n }, { value: `who ${n}` }, { formula: `=${n}*2` }];

describe('tables: readTable and appendRows', () => {
  test('appendRows goes directly under the table (down to its first empty row), past formatting-only rows, and only there', () => {
    const { model, sync } = logSheet();
    const before = model.snapshot() as { sheets: { name: string; cells: unknown[][] }[] };
    // The table: the header (row 3), Ann and Bob; the formatted-only row under Bob is its first empty row.
    expect(sync.appendRows('SE_Log', [row(1), row(2)])).toEqual({ sheet: 'Log', row: 5, count: 2 });
    expect(model.values('Log', { row: 5, col: 0, rows: 2, cols: 4 })).toEqual([
      [46101, 'who 1', 2, ''],
      [46102, 'who 2', 4, ''],
    ]);
    const after = model.snapshot() as typeof before;
    const cells = (snap: typeof before) => snap.sheets.find((x) => x.name === 'Log')?.cells ?? [];
    // Nothing else changed: every other cell, every format, name and sheet as before.
    const changed = cells(after).flatMap((line, r) =>
      line.flatMap((v, c) => (v === (cells(before)[r]?.[c] ?? '') ? [] : [[r, c]])),
    );
    expect(changed).toEqual([
      [5, 0],
      [5, 1],
      [5, 2],
      [6, 0],
      [6, 1],
      [6, 2],
    ]);
    expect({ ...after, sheets: after.sheets.map((x) => ({ ...x, cells: null })) }).toEqual({
      ...before,
      sheets: before.sheets.map((x) => ({ ...x, cells: null })),
    });
    expect(sync.readTable('SE_Log')?.values.length).toBe(7);
  });

  test('rows that would land on something (Cy, further down) are inserted first: it moves down, nothing is written over', () => {
    const { model, sync } = logSheet();
    expect(sync.appendRows('SE_Log', [row(1), row(2), row(3), row(4)])).toEqual({
      sheet: 'Log',
      row: 5,
      count: 4,
    });
    expect(model.values('Log', { row: 5, col: 1, rows: 4, cols: 1 })).toEqual([
      ['who 1'],
      ['who 2'],
      ['who 3'],
      ['who 4'],
    ]);
    expect(model.values('Log', { row: 12, col: 0, rows: 1, cols: 3 })).toEqual([[46002, 'Cy', 2]]);
    expect(model.values('Log', { row: 24, col: 6, rows: 1, cols: 1 })).toEqual([['elsewhere']]);
  });

  test.each([
    ['setValues', 0],
    ['flush', 0],
  ])('a failure in %s leaves the spreadsheet as it was and releases the lock', (operation, after) => {
    const { fake, model, sync } = logSheet();
    const before = model.snapshot();
    model.failOn(operation, after);
    expect(() => sync.appendRows('SE_Log', [row(1)])).toThrow(
      new RegExp(
        `^Append rows under "SE_Log": .* failed \\(simulated failure in ${operation}\\); nothing was written$`,
      ),
    );
    expect(model.snapshot()).toEqual(before);
    expect(fake.lockService.held).toBe(false);
  });

  test('a busy document lock: a clear message, nothing written', () => {
    const { fake, model, sync } = logSheet();
    const before = model.snapshot();
    fake.lockService.busy = true;
    expect(() => sync.appendRows('SE_Log', [row(1)])).toThrow(
      /^Append rows under "SE_Log": another change to this spreadsheet was still running after 10 s/,
    );
    expect(model.snapshot()).toEqual(before);
  });

  test('service calls: the same for 1 row as for 500, and for reading a short or a long table', () => {
    const appendCalls = (n: number) => {
      const { fake, sync } = logSheet();
      fake.calls.reset();
      sync.appendRows(
        'SE_Log',
        Array.from({ length: n }, (_, i) => row(i)),
      );
      return { ...fake.calls.byMethod };
    };
    const readCalls = (extra: number) => {
      const { fake, sync } = logSheet();
      if (extra > 0)
        sync.appendRows(
          'SE_Log',
          Array.from({ length: extra }, (_, i) => row(i)),
        );
      fake.calls.reset();
      const table = sync.readTable('SE_Log');
      return { calls: { ...fake.calls.byMethod }, rows: table?.values.length };
    };
    const one = appendCalls(1);
    // 500 rows reach Cy's row: one insertRowsAfter moves it down; every other call is the same.
    expect(appendCalls(500)).toEqual({ ...one, 'Sheet.insertRowsAfter': 1 });
    expect(one['Range.setValues']).toBe(1);
    expect(one['Range.getValues']).toBe(1);
    expect(one['Range.getFormulas']).toBe(1);
    const short = readCalls(0);
    const long = readCalls(500);
    expect(long.rows).toBe((short.rows ?? 0) + 500);
    // One date cell (row 4's, formatted as a date) costs a formatDate; the appended serials are not dates.
    expect(long.calls).toEqual(short.calls);
  });
});

describe('two people appending at once', () => {
  /**
   * Two executions over one spreadsheet (two fake apps over one model, sharing the document lock). The second
   * starts at the first's `at`-th service call; when it finds the lock taken, it waits (is re-run after the
   * release), which is only the same as waiting if it did nothing but ask for the lock before (checked).
   */
  function interleave(at: number, locking: boolean) {
    const first = logSheet();
    first.fake.requireLock = locking;
    const second = new FakeSpreadsheetApp(first.model, {
      documentLock: first.fake.lockService.document,
      requireLock: locking,
    });
    const noLock: LockServiceApi = {
      getDocumentLock: () => ({
        waitLock: () => undefined,
        releaseLock: () => undefined,
        hasLock: () => true,
      }),
    };
    const wbFirst = new SheetsWorkbook(
      first.fake,
      locking ? first.fake.lockService : noLock,
      first.fake.utilities,
    );
    const wbSecond = new SheetsWorkbook(second, locking ? second.lockService : noLock, second.utilities);
    const mine = [row(1), row(2)];
    const theirs = [row(7), row(8), row(9)];
    const results: AppendedRows[] = [];
    let waited = 0;
    const runSecond = () => {
      second.calls.reset();
      try {
        results.push(wbSecond.appendRows('SE_Log', theirs));
      } catch (error) {
        if (!second.calls.log.every((c) => c === 'LockService.getDocumentLock' || c === 'Lock.waitLock'))
          // eslint-disable-next-line preserve-caught-error -- the test's lib has no ErrorOptions; the message says it
          throw new Error(
            `the second execution did ${second.calls.log.join(', ')} before it waited for the lock (${String(error)})`,
          );
        waited++;
        first.fake.lockService.document.afterRelease.push(runSecond);
      }
    };
    const document = first.fake.lockService.document;
    document.whenBlocked = () => undefined;
    let started = false;
    first.fake.calls.reset();
    first.fake.calls.beforeCall = (_name, index) => {
      if (index !== at || started) return;
      started = true;
      runSecond();
    };
    results.unshift(wbFirst.appendRows('SE_Log', mine));
    first.fake.calls.beforeCall = null;
    if (!started) runSecond();
    const table = first.sync.readTable('SE_Log')?.values ?? [];
    const names = table.map((r) => r[1]);
    return { results, names, waited };
  }

  const callsInOneAppend = (() => {
    const { fake, sync } = logSheet();
    fake.calls.reset();
    sync.appendRows('SE_Log', [row(1)]);
    return fake.calls.total;
  })();

  test.each(Array.from({ length: callsInOneAppend + 1 }, (_, i) => i))(
    'with the document lock, the second person starting at call %i of the first: both sets land, none overwritten',
    (at) => {
      const { names } = interleave(at, true);
      for (const who of ['who 1', 'who 2', 'who 7', 'who 8', 'who 9', 'Ann', 'Bob', 'Cy'])
        expect(names).toContain(who);
      expect(names.filter((n) => typeof n === 'string' && n.startsWith('who'))).toHaveLength(5);
    },
  );

  test('some of those starting points found the lock taken and waited for it', () => {
    const waits = Array.from({ length: callsInOneAppend + 1 }, (_, at) => interleave(at, true).waited);
    expect(waits.filter((w) => w > 0).length).toBeGreaterThan(callsInOneAppend / 2);
  });

  test('without the lock, some interleaving loses rows (so the test above can fail)', () => {
    const lost = Array.from({ length: callsInOneAppend + 1 }, (_, at) => interleave(at, false)).filter(
      ({ names }) => names.filter((n) => typeof n === 'string' && n.startsWith('who')).length < 5,
    );
    expect(lost.length).toBeGreaterThan(0);
  });
});

describe('grouping', () => {
  const r = (row: number, col: number, rows = 1, cols = 1): CellRange => ({ row, col, rows, cols });

  test.each([
    [
      'later values win where ranges overlap',
      [
        { range: r(0, 0, 3), background: 'red' },
        { range: r(1, 0, 2), background: 'blue' },
        { range: r(2, 0), background: 'red' },
        { range: r(5, 5), background: 'blue' },
      ],
    ],
    [
      'an unrelated range joins its value group',
      [
        { range: r(0, 0, 3), background: 'red' },
        { range: r(1, 0), background: 'blue' },
        { range: r(4, 0), background: 'red' },
      ],
    ],
  ] as [string, PlanFormat[]][])('%s', (_name, formats) => {
    const final = new Map<string, unknown>();
    for (const op of formatOperations(formats))
      for (const range of op.ranges)
        for (let i = range.row; i < range.row + range.rows; i++) final.set(`${i},${range.col}`, op.value);
    const expected = expectedFormats(formats);
    expect(Object.fromEntries(final)).toEqual(
      Object.fromEntries([...expected].map(([k, f]) => [k, f.background])),
    );
  });

  test('the CSF Tracker needs far fewer RangeList calls than it has formats', () => {
    const plan = templateById('csf-tracker').render({ examples: true });
    const ops = formatOperations(plan.formats);
    expect(ops.length).toBeLessThan(plan.formats.length * 2);
    expect(new Set(ops.map((o) => `${o.property}=${String(o.value)}`)).size).toBe(ops.length);
  });

  test('equal adjacent widths become one setColumnWidths', () => {
    expect(
      widthRuns([
        { col: 0, width: 100 },
        { col: 1, width: 80 },
        { col: 2, width: 80 },
        { col: 4, width: 80 },
        { col: 1, width: 80 },
      ]),
    ).toEqual([
      { col: 0, count: 1, width: 100 },
      { col: 1, count: 2, width: 80 },
      { col: 4, count: 1, width: 80 },
    ]);
  });
});

test('the CSF Tracker example rows compute the statuses worked out by hand (as of July)', async () => {
  const { model, workbook } = setUp();
  await workbook.insertSheet(templateById('csf-tracker').render({ examples: true }));
  const status = model.values('CSF Tracker', {
    row: CSF_FIRST_DATA_ROW,
    col: CSF_COLUMNS.status,
    rows: 6,
    cols: 1,
  });
  // Revenue 700 of 700; appointments 442 of 560; cost 151 of 140 (within 10%); MQLs without a July actual;
  // conversion 30% of 32% (within 10%); spend 217 of 210 (within 5%).
  expect((status as CellValue[][]).map(([s]) => s)).toEqual([
    'On track',
    'Off track',
    'At risk',
    'Awaiting actual',
    'At risk',
    'On track',
  ]);
});
