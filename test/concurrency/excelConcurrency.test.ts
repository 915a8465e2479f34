/**
 * Two people working in one Excel workbook at once (issue 10, defects 1 and 2, and the "Done when" suite). Excel
 * has no document lock for add-ins: each context.sync() is a round trip in which the other person's changes may
 * land first. Two FakeExcel over one model are the two people; user A's operation runs, and at A's k-th sync
 * (before A's batch reaches the workbook) user B's whole operation runs, for every k from the first sync to
 * after A's last. Whatever the interleaving: no row and no sheet is lost, and neither touches the other's.
 *
 * The operations are the app's (src/app/review.ts): a save reads the Review Log, inserts one unless the name
 * exists by then, and appends its rows by header; an insert adds a template's sheet.
 */
import { ExcelWorkbook } from '../../excel-addin/excelWorkbook';
import { templateById } from '../../src/templates';
import { REVIEW_LOG_HEADERS, REVIEW_LOG_NAMES, reviewLog } from '../../src/templates/reviewLog';
import type { PlanCell, SheetPlan } from '../../src/templates/sheetPlan';
import type { Workbook } from '../../src/workbook';
import { FakeExcel } from '../simulators/fakeExcel';
import { SpreadsheetModel } from '../simulators/spreadsheetModel';

const LOG = REVIEW_LOG_NAMES.table;
const HEADERS: readonly string[] = REVIEW_LOG_HEADERS;

function logRow(who: string, i: number): PlanCell[] {
  return HEADERS.map((h) => ({ value: h === 'Due date' ? 46300 + i : `${who}/${h}/${i}` }));
}

async function save(workbook: Workbook, who: string, count: number) {
  if ((await workbook.readTable(LOG)) === null)
    await workbook.insertSheet(reviewLog.render({ examples: false }), { unlessNamed: LOG });
  const rows = Array.from({ length: count }, (_, i) => logRow(who, i));
  return workbook.appendRows(LOG, rows, { headers: HEADERS });
}

interface People {
  model: SpreadsheetModel;
  a: FakeExcel;
  b: FakeExcel;
  workbookA: ExcelWorkbook;
  workbookB: ExcelWorkbook;
}

function twoPeople(): People {
  const model = new SpreadsheetModel();
  model.addSheet('Plan');
  model.setContents('Plan', 0, 0, [
    ['Month', 'Revenue'],
    [1, 100],
    [2, '=B2*2'],
  ]);
  model.addName('UserRevenue', 'Plan', { row: 1, col: 1, rows: 2, cols: 1 });
  const a = new FakeExcel(model);
  const b = new FakeExcel(model);
  return {
    model,
    a,
    b,
    workbookA: new ExcelWorkbook(a.asExcelRun()),
    workbookB: new ExcelWorkbook(b.asExcelRun()),
  };
}

type Outcome<T> = { ok: T } | { error: Error };

const settle = <T>(p: Promise<T>): Promise<Outcome<T>> =>
  p.then(
    (ok) => ({ ok }),
    (error: unknown) => ({ error: error as Error }),
  );

/**
 * A's operation, with B's whole operation run at A's `at`-th sync (after A's last sync when `at` is past it).
 * `beforeB` runs just before B starts (to plant a failure in B's batch).
 */
async function interleave<A, B>(
  people: People,
  at: number,
  opA: (wb: Workbook) => Promise<A>,
  opB: (wb: Workbook) => Promise<B>,
  beforeB: () => void = () => undefined,
): Promise<{ a: Outcome<A>; b: Outcome<B>; bStartedAt: number | null }> {
  let b: Promise<Outcome<B>> | null = null;
  let bStartedAt: number | null = null;
  people.a.syncs = 0;
  people.a.beforeSync = async (index) => {
    if (index !== at || b !== null) return;
    bStartedAt = index;
    beforeB();
    b = settle(opB(people.workbookB));
    await b;
  };
  const a = await settle(opA(people.workbookA));
  people.a.beforeSync = null;
  if (b === null) {
    beforeB();
    b = settle(opB(people.workbookB));
  }
  return { a, b: await (b as Promise<Outcome<B>>), bStartedAt };
}

/** How many syncs an operation makes alone (the points at which B can start). */
async function syncsOf(setup: (p: People) => Promise<void>, op: (wb: Workbook) => Promise<unknown>) {
  const people = twoPeople();
  await setup(people);
  people.a.syncs = 0;
  await op(people.workbookA);
  return people.a.syncs;
}

/** Each person's rows appear exactly once, together, in order; nothing else in the log changed. */
async function expectBothSaves(people: People, before: readonly string[]) {
  const table = await people.workbookA.readTable(LOG);
  expect(table).not.toBeNull();
  const month = HEADERS.indexOf('Month');
  const rows = (table?.values ?? [])
    .slice(1)
    .filter((r) => r.some((v) => v !== null))
    .map((r) => String(r[month]));
  const mine = rows.filter((r) => r.startsWith('ann/'));
  const theirs = rows.filter((r) => r.startsWith('bob/'));
  expect(mine).toEqual(['ann/Month/0', 'ann/Month/1', 'ann/Month/2']);
  expect(theirs).toEqual(['bob/Month/0', 'bob/Month/1']);
  expect(rows.filter((r) => !r.startsWith('ann/') && !r.startsWith('bob/'))).toEqual(before);
  // Each save's rows are one block (rows.add places them together).
  const block = (who: string) => rows.indexOf(`${who}/Month/0`);
  expect(rows.slice(block('ann'), block('ann') + 3)).toEqual(mine);
  expect(rows.slice(block('bob'), block('bob') + 2)).toEqual(theirs);
  // Every cell under its header.
  for (const r of table?.values.slice(1) ?? []) {
    const tag = String(r[month]);
    if (!/^(ann|bob)\//.test(tag)) continue;
    const [who, , i] = tag.split('/');
    HEADERS.forEach((h, c) =>
      expect(r[c]).toEqual(h === 'Due date' ? 46300 + Number(i) : `${who}/${h}/${i}`),
    );
  }
  expect(people.model.sheetNames().filter((n) => n.startsWith('Review Log'))).toEqual(['Review Log']);
  expect(people.model.values('Plan', { row: 2, col: 1, rows: 1, cols: 1 })).toEqual([[200]]);
}

const logSetups: [string, (p: People) => Promise<void>, string[]][] = [
  ['no Review Log yet (both saves are first saves)', async () => undefined, []],
  [
    'a Review Log written before this version (not an Excel table yet)',
    async (p) => {
      await p.workbookA.insertSheet(reviewLog.render({ examples: false }));
      p.model.setContents('Review Log', 4, 0, [HEADERS.map((h) => `old/${h}`)]);
    },
    ['old/Month'],
  ],
  [
    'the Review Log sheet deleted by hand (its name left at #REF!)',
    async (p) => {
      await save(p.workbookA, 'old', 1);
      await p.a.run(async (context) => {
        context.workbook.worksheets.getItem('Review Log').delete();
        await context.sync();
      });
    },
    [],
  ],
  [
    'a Review Log already saved to',
    async (p) => {
      await save(p.workbookA, 'old', 1);
    },
    ['old/Month/0'],
  ],
];

/**
 * Runs `check(at)` for every point from A's first sync to after its last, and reports each point that failed
 * (with what failed) at once, so a failure says which interleavings lose data.
 */
async function everyPoint(syncs: number, check: (at: number) => Promise<void>): Promise<void> {
  const failed: string[] = [];
  for (let at = 0; at <= syncs; at++) {
    await check(at).catch((error: unknown) => failed.push(`at sync ${at}: ${(error as Error).message}`));
  }
  expect(failed).toEqual([]);
}

describe.each(logSetups)('two people save a review at once: %s', (_what, setup, before) => {
  test('the other person saving at every sync of the first (and after it): both saves land whole, nothing lost', async () => {
    const syncs = await syncsOf(setup, (wb) => save(wb, 'ann', 3));
    expect(syncs).toBeGreaterThanOrEqual(3);
    await everyPoint(syncs, async (at) => {
      const people = twoPeople();
      await setup(people);
      const { a, b } = await interleave(
        people,
        at,
        (wb) => save(wb, 'ann', 3),
        (wb) => save(wb, 'bob', 2),
      );
      expect(a).toMatchObject({ ok: { sheet: 'Review Log', count: 3 } });
      expect(b).toMatchObject({ ok: { sheet: 'Review Log', count: 2 } });
      await expectBothSaves(people, before);
    });
  });
});

/** A plan's sheet as a user sees it, with the names pointing into it, for comparing two inserts' results. */
function sheetContents(model: SpreadsheetModel, sheet: string): unknown {
  const snapshot = model.snapshot() as { sheets: { name: string }[]; names: [string, { sheet: string }][] };
  return {
    sheet: { ...snapshot.sheets.find((s) => s.name === sheet), name: null },
    names: snapshot.names
      .filter(([, r]) => r.sheet === sheet)
      .map(([n, r]) => [n.replace(/_\d+$/, ''), { ...r, sheet: null }]),
  };
}

describe('two people insert the CSF Tracker at once', () => {
  const plan: SheetPlan = templateById('csf-tracker').render({ examples: false });
  const reference = (() => {
    let built: unknown = null;
    return async () => {
      if (built !== null) return built;
      const people = twoPeople();
      await people.workbookA.insertSheet(plan);
      built = sheetContents(people.model, 'CSF Tracker');
      return built;
    };
  })();

  test('the other person inserting at every sync of the first: two whole trackers, each with its own names', async () => {
    const syncs = await syncsOf(
      async () => undefined,
      (wb) => wb.insertSheet(plan),
    );
    expect(syncs).toBeGreaterThanOrEqual(2);
    const want = await reference();
    await everyPoint(syncs, async (at) => {
      const people = twoPeople();
      const { a, b } = await interleave(
        people,
        at,
        (wb) => wb.insertSheet(plan),
        (wb) => wb.insertSheet(plan),
      );
      if ('error' in a) throw a.error;
      if ('error' in b) throw b.error;
      expect([a.ok.name, b.ok.name].sort()).toEqual(['CSF Tracker', 'CSF Tracker (2)']);
      expect(people.model.sheetNames().sort()).toEqual(['CSF Tracker', 'CSF Tracker (2)', 'Plan']);
      for (const inserted of [a.ok, b.ok]) {
        expect(sheetContents(people.model, inserted.name)).toEqual(want);
        for (const name of inserted.namedRanges)
          expect(people.model.namedRanges.get(name)?.sheet).toBe(inserted.name);
      }
      expect(people.model.values('Plan', { row: 2, col: 1, rows: 1, cols: 1 })).toEqual([[200]]);
    });
  });

  test("the other person's insert failing part-way at every sync of the first: its undo touches nothing of the first's", async () => {
    const syncs = await syncsOf(
      async () => undefined,
      (wb) => wb.insertSheet(plan),
    );
    const want = await reference();
    await everyPoint(syncs, async (at) => {
      const people = twoPeople();
      const { a, b } = await interleave(
        people,
        at,
        (wb) => wb.insertSheet(plan),
        (wb) => wb.insertSheet(plan),
        // B's batch fails after its sheet and its cells are in: at its first format.
        () => people.model.failOn('RangeFont.bold'),
      );
      people.model.clearFailures();
      if ('error' in a) throw a.error;
      expect(a.ok.name).toBe('CSF Tracker');
      expect('error' in b && b.error.message).toMatch(
        /simulated failure in RangeFont\.bold\. Nothing was added\./,
      );
      expect(people.model.sheetNames().sort()).toEqual(['CSF Tracker', 'Plan']);
      expect(sheetContents(people.model, 'CSF Tracker')).toEqual(want);
      expect([...people.model.namedRanges.keys()].sort()).toEqual(
        [...a.ok.namedRanges, 'UserRevenue'].sort(),
      );
    });
  });
});

describe('a save and an insert at once', () => {
  test('an insert of the CSF Tracker at every sync of a first save: the log and the tracker both whole', async () => {
    const syncs = await syncsOf(
      async () => undefined,
      (wb) => save(wb, 'ann', 3),
    );
    await everyPoint(syncs, async (at) => {
      const people = twoPeople();
      const { a, b } = await interleave(
        people,
        at,
        (wb) => save(wb, 'ann', 3),
        (wb) => wb.insertSheet(templateById('csf-tracker').render({ examples: false })),
      );
      if ('error' in a) throw a.error;
      if ('error' in b) throw b.error;
      expect(people.model.sheetNames().sort()).toEqual(['CSF Tracker', 'Plan', 'Review Log']);
      const rows = (await people.workbookB.readTable(LOG))?.values.slice(1) ?? [];
      expect(rows.filter((r) => r.some((v) => v !== null))).toHaveLength(3);
    });
  });
});

describe('the fake makes the race visible (so the suite above can fail)', () => {
  test('writing to "the next free row" read one sync earlier loses rows when another person writes in between', async () => {
    const people = twoPeople();
    await save(people.workbookA, 'old', 1);
    const naive = async (excel: FakeExcel, who: string) =>
      excel.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem('Review Log');
        const used = sheet.getUsedRange(true).load('rowIndex,rowCount');
        await context.sync();
        const next = used.rowIndex + used.rowCount;
        sheet.getRangeByIndexes(next, 0, 1, 1).values = [[who]];
        await context.sync();
      });
    const { a, b } = await interleave(
      people,
      1,
      () => naive(people.a, 'ann'),
      () => naive(people.b, 'bob'),
    );
    expect('ok' in a && 'ok' in b).toBe(true);
    const column = people.model.values('Review Log', { row: 0, col: 0, rows: 10, cols: 1 }).flat();
    expect(column.filter((v) => v === 'ann' || v === 'bob')).toHaveLength(1);
  });
});
