/**
 * The host side of Connect my plan (src/app/connect.ts) on its own, with a small stand-in for the core (a test
 * double that finds "label + 12 numbers" rows and links each to a row of a links sheet), through all three
 * adapters: what is scanned and how often, what is written, the question before typed values are replaced, the
 * guard against a co-author's change, a failed write that leaves the tracker as it was, a re-run in place.
 * Expected numbers are the plan rows the tests type, read back through the tracker's own formulas.
 */
import {
  connectPlanTask,
  scanPlanTask,
  type ConnectCore,
  type ConnectPlanRequest,
  type ConnectPlanResult,
  type ScanPlanResult,
} from '../../src/app/connect';
import { insertTemplate } from '../../src/app/templates';
import { runAsync } from '../../src/app/task';
import {
  LINKS_SHEET_NAME,
  LINKS_TABLE_NAME,
  type CellBlock,
  type ConnectChoice,
  type FoundMeasure,
  type ScanSheet,
} from '../../src/connect/types';
import { quoteSheet } from '../../src/templates/a1';
import { CSF_COLUMNS, CSF_FIRST_DATA_ROW } from '../../src/templates/csfTracker';
import type { PlanCell, PlanValue, SheetPlan } from '../../src/templates/sheetPlan';
import type { Workbook } from '../../src/workbook';
import { MemoryWorkbook } from '../../preview/memoryWorkbook';
import { HOSTS, previewHost, type Host } from './hosts';

const TODAY = '2026-03-15';
const MONTHS = 12;

/** The stand-in core: a row "label, 12 numbers" on a sheet is a wide plan line (plan only), Jan-Dec 2026. */
function doubleCore(seen: ScanSheet[][] = []): ConnectCore {
  const measuresOf = (sheets: ScanSheet[]): FoundMeasure[] =>
    sheets.flatMap((sheet) =>
      sheet.values.flatMap((row, r) => {
        const label = row[0];
        const numbers = row.slice(1, 1 + MONTHS);
        if (
          typeof label !== 'string' ||
          numbers.length < MONTHS ||
          !numbers.every((v) => typeof v === 'number')
        )
          return [];
        const measure: FoundMeasure = {
          key: `${sheet.name}!A${r + 1}|${label}`,
          label,
          entity: null,
          layout: 'wide',
          sources: { plan: `${sheet.name}!B${r + 1}:M${r + 1}`, actual: null },
          months: Array.from({ length: MONTHS }, (_, m) => ({ year: 2026, month: m + 1 })),
          values: { plan: numbers as number[], actual: Array<null>(MONTHS).fill(null) },
          suggested: { input: 'Per month', aggregation: 'Sum', unit: null, fiscalYearStart: 1 },
          evidence: [
            { rule: 'test double', cells: `${sheet.name}!A${r + 1}`, text: 'a label and 12 numbers' },
          ],
          problems: [],
        };
        return [measure];
      }),
    );
  return {
    detectPlans: (sheets) => {
      seen.push(sheets);
      return { measures: measuresOf(sheets), notes: [] };
    },
    planConnect: (_scan, sheets, choices, tracker, links) => {
      const measures = measuresOf(sheets);
      // Links: row 0 is the header, then one row per measure: key and its 12 numbers.
      const linkRows = new Map<string, number>();
      (links?.values ?? []).forEach((row, r) => {
        if (r > 0 && typeof row[0] === 'string') linkRows.set(row[0], r);
      });
      let next = Math.max(1, links?.values.length ?? 1);
      const linkBlocks: CellBlock[] = [];
      const trackerBlocks: CellBlock[] = [];
      const replaces: { cell: string; value: PlanValue }[] = [];
      const used = new Set<number>();
      const free = tracker.rows
        .filter((r) => r.row < tracker.endRow && r.values[0] === null && r.values[1] === null)
        .map((r) => r.row);
      for (const choice of choices) {
        const m = measures.find((x) => x.key === choice.measure);
        if (m === undefined) throw new Error(`double: no measure ${choice.measure}`);
        let at = linkRows.get(m.key);
        if (at === undefined) {
          at = next++;
          linkRows.set(m.key, at);
        }
        linkBlocks.push({
          sheet: LINKS_SHEET_NAME,
          row: at,
          col: 0,
          cells: [[{ value: m.key }, ...m.values.plan.map((v): PlanCell => ({ value: v }))]],
        });
        const row =
          choice.row.kind === 'existing' ? choice.row.row : (free.find((r) => !used.has(r)) as number);
        used.add(row);
        if (choice.row.kind === 'new')
          trackerBlocks.push({
            sheet: tracker.sheet,
            row,
            col: CSF_COLUMNS.team,
            cells: [[{ value: choice.row.team }, { value: choice.row.csf }]],
          });
        const existing = tracker.rows.find((r) => r.row === row);
        const cells: PlanCell[] = [];
        for (let p = 0; p < MONTHS; p++) {
          const col = CSF_COLUMNS.firstTarget + p;
          const value = existing?.values[col] ?? null;
          if ((existing?.formulas[col] ?? null) === null && value !== null)
            replaces.push({ cell: `${tracker.sheet}!${col}`, value });
          cells.push({ formula: `=${quoteSheet(LINKS_SHEET_NAME)}!${String.fromCharCode(66 + p)}${at + 1}` });
        }
        trackerBlocks.push({ sheet: tracker.sheet, row, col: CSF_COLUMNS.firstTarget, cells: [cells] });
      }
      const insert: SheetPlan = {
        name: LINKS_SHEET_NAME,
        cells: [[{ value: 'Key' }], ...Array.from({ length: next - 1 }, () => [] as PlanCell[])],
        rows: next,
        cols: 1 + MONTHS,
        formats: [],
        validations: [],
        conditionalFormats: [],
        namedRanges: [{ name: LINKS_TABLE_NAME, range: { row: 0, col: 0, rows: 50, cols: 1 + MONTHS } }],
        charts: [],
        columnWidths: [],
        frozenRows: 0,
        frozenCols: 0,
      };
      for (const b of linkBlocks) insert.cells[b.row] = b.cells[0];
      return {
        links: links === null ? { insert } : { update: linkBlocks },
        tracker: trackerBlocks,
        replaces,
        summary: choices.map((c) => `connected ${c.measure}`),
      };
    },
  };
}

const PLAN_ROWS: [string, number[]][] = [
  ['Revenue', [10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21]],
  ['Margin', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]],
];

/** A workbook with a CSF Tracker (no examples, 2026) and a "Plan" sheet of two plan rows under a header. */
async function setUp(make: () => Host, withTracker = true): Promise<Host> {
  const host = make();
  if (withTracker)
    await insertTemplate(host.workbook, { templateId: 'csf-tracker', examples: false, year: 2026 });
  await host.workbook.insertSheet({
    name: 'Plan',
    cells: [
      [{ value: 'Measure' }, ...Array.from({ length: MONTHS }, (_, m): PlanCell => ({ value: `M${m + 1}` }))],
      ...PLAN_ROWS.map(([label, values]) => [
        { value: label },
        ...values.map((v): PlanCell => ({ value: v })),
      ]),
    ],
    rows: 3,
    cols: 13,
    formats: [],
    validations: [],
    conditionalFormats: [],
    namedRanges: [],
    charts: [],
    columnWidths: [],
    frozenRows: 0,
    frozenCols: 0,
  });
  return host;
}

const scan = (wb: Workbook, core: ConnectCore, extra: { useSelection?: boolean; sheets?: string[] } = {}) =>
  runAsync(scanPlanTask({ today: TODAY, ...extra }, core), wb);
const connect = (wb: Workbook, core: ConnectCore, request: Omit<ConnectPlanRequest, 'today'>) =>
  runAsync(connectPlanTask({ today: TODAY, ...request }, core), wb);

const newRow = (measure: string, csf: string): ConnectChoice => ({
  measure,
  row: { kind: 'new', team: 'Sales', csf },
  direction: 'up',
  aggregation: 'Sum',
  input: 'Per month',
  unit: '',
});

/** The tracker's monthly targets of a row as they compute. */
async function targets(host: Host, row: number): Promise<PlanValue[]> {
  const block = await host.workbook.readBlock('CSF Tracker', row, CSF_COLUMNS.firstTarget, 1, MONTHS);
  return block.values[0];
}

/** A Workbook that counts the port operations a task makes, and can run something before one of them. */
function watched(wb: Workbook, before: Partial<Record<keyof Workbook, () => void>> = {}) {
  const ops: { op: string; args: unknown[] }[] = [];
  const proxy = new Proxy(wb, {
    get(target, prop: string) {
      const fn = (target as unknown as Record<string, unknown>)[prop];
      if (typeof fn !== 'function') return fn;
      return (...args: unknown[]) => {
        ops.push({ op: prop, args });
        before[prop as keyof Workbook]?.();
        return (fn as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { wb: proxy, ops };
}

describe.each(HOSTS.map((make) => [make().name, make] as const))('%s: the connect tasks', (_name, make) => {
  it('scans each user sheet once, leaving out the tracker and the add-in sheets, and describes the tracker', async () => {
    const host = await setUp(make);
    await host.workbook.insertSheet({ ...(await planLike('Notes')) });
    const seen: ScanSheet[][] = [];
    const { wb, ops } = watched(host.workbook);
    const result: ScanPlanResult = await scan(wb, doubleCore(seen));
    // The fake Google spreadsheet starts with an empty "Sheet1", which is the user's too.
    const user = (await host.workbook.sheetNames()).filter((n) => n !== 'CSF Tracker');
    expect(user.filter((n) => n !== 'Sheet1')).toEqual(['Plan', 'Notes']);
    const reads = ops.filter((o) => o.op === 'readSheets');
    expect(reads.map((o) => o.args[0])).toEqual([user]);
    expect(seen.map((s) => s.map((x) => x.name))).toEqual([user]);
    expect(result.sheets).toEqual(user);
    expect(result.scan.measures.map((m) => m.label)).toEqual(['Revenue', 'Margin']);
    expect(result.scope).toEqual({ sheets: user, selection: null });
    expect(result.tracker).toMatchObject({
      sheet: 'CSF Tracker',
      fiscalYearStart: 1,
      firstYear: 2026,
      rows: [],
    });
    expect(result.message).toBe(`Found 2 measures in ${user.length} sheets.`);
  });

  it('scans the selection only, and says what to do when there is none', async () => {
    const host = await setUp(make);
    const seen: ScanSheet[][] = [];
    host.select({ sheet: 'Plan', row: 0, col: 0, rows: 2, cols: 13 });
    const result = await scan(host.workbook, doubleCore(seen), { useSelection: true });
    expect(result.scope.selection).toEqual({ sheet: 'Plan', row: 0, col: 0, rows: 2, cols: 13 });
    expect(seen[0].map((s) => s.name)).toEqual(['Plan']);
    host.select({ sheet: 'Plan', row: 1, col: 2, rows: 1, cols: 1 });
    await expect(scan(host.workbook, doubleCore(), { useSelection: true })).rejects.toThrow(
      /only one cell \(Plan!C2\) is selected/,
    );
    host.select({ sheet: 'CSF Tracker', row: 0, col: 0, rows: 2, cols: 2 });
    await expect(scan(host.workbook, doubleCore(), { useSelection: true })).rejects.toThrow(
      /"CSF Tracker", a sheet SE Toolkit made/,
    );
  });

  it('connects: the links sheet goes in, new tracker rows show the plan month by month; a re-run updates in place', async () => {
    const host = await setUp(make);
    const core = doubleCore();
    const found = await scan(host.workbook, core);
    const [revenue, margin] = found.scan.measures.map((m) => m.key);
    const done = await connect(host.workbook, core, {
      scope: found.scope,
      choices: [newRow(revenue, 'Grow revenue'), newRow(margin, 'Keep margin')],
      confirmReplace: false,
    });
    expect(done).toMatchObject({
      status: 'connected',
      trackerSheet: 'CSF Tracker',
      linksSheet: 'Plan Links',
    });
    expect(await targets(host, CSF_FIRST_DATA_ROW)).toEqual(PLAN_ROWS[0][1]);
    expect(await targets(host, CSF_FIRST_DATA_ROW + 1)).toEqual(PLAN_ROWS[1][1]);
    const identity = await host.workbook.readBlock('CSF Tracker', CSF_FIRST_DATA_ROW, 0, 2, 2);
    expect(identity.values).toEqual([
      ['Sales', 'Grow revenue'],
      ['Sales', 'Keep margin'],
    ]);
    // Again, re-linking the first row: the links row is rewritten where it is, no sheet is added.
    const sheetsBefore = await host.workbook.sheetNames();
    const again = await scan(host.workbook, core);
    expect(again.tracker?.rows.map((r) => [r.row, r.csf, r.linked])).toEqual([
      [CSF_FIRST_DATA_ROW, 'Grow revenue', true],
      [CSF_FIRST_DATA_ROW + 1, 'Keep margin', true],
    ]);
    expect(again.tracker?.teams).toEqual([{ team: 'Sales', csfs: 2 }]);
    const relinked = await connect(host.workbook, core, {
      scope: again.scope,
      choices: [{ ...newRow(revenue, ''), row: { kind: 'existing', row: CSF_FIRST_DATA_ROW } }],
      confirmReplace: false,
    });
    expect(relinked.status).toBe('connected');
    expect(await host.workbook.sheetNames()).toEqual(sheetsBefore);
    const links = await host.workbook.readSheets([LINKS_SHEET_NAME]);
    expect(links[0].values.filter((r) => typeof r[0] === 'string' && r[0] !== 'Key')).toHaveLength(2);
    expect(await targets(host, CSF_FIRST_DATA_ROW)).toEqual(PLAN_ROWS[0][1]);
  });

  it('asks before replacing typed values, writes nothing until confirmed', async () => {
    const host = await setUp(make);
    const core = doubleCore();
    const found = await scan(host.workbook, core);
    // A row the user typed: Sales / Typed, with 99 in its first monthly target.
    host.type('CSF Tracker', CSF_FIRST_DATA_ROW, 0, 'Sales');
    host.type('CSF Tracker', CSF_FIRST_DATA_ROW, 1, 'Typed');
    host.type('CSF Tracker', CSF_FIRST_DATA_ROW, CSF_COLUMNS.firstTarget, 99);
    const sheets = await host.workbook.sheetNames();
    const choice: ConnectChoice = {
      ...newRow(found.scan.measures[0].key, ''),
      row: { kind: 'existing', row: CSF_FIRST_DATA_ROW },
    };
    const asked: ConnectPlanResult = await connect(host.workbook, core, {
      scope: found.scope,
      choices: [choice],
      confirmReplace: false,
    });
    expect(asked.status).toBe('confirm');
    if (asked.status !== 'confirm') return;
    expect(asked.replaces.map((r) => r.value)).toEqual([99]);
    expect(asked.message).toBe('Connecting replaces 1 value typed in the tracker. Replace it?');
    expect(await host.workbook.sheetNames()).toEqual(sheets);
    expect((await targets(host, CSF_FIRST_DATA_ROW))[0]).toBe(99);
    const done = await connect(host.workbook, core, {
      scope: found.scope,
      choices: [choice],
      confirmReplace: true,
    });
    expect(done.status).toBe('connected');
    expect(await targets(host, CSF_FIRST_DATA_ROW)).toEqual(PLAN_ROWS[0][1]);
  });

  it('refuses when a co-author changes a tracker cell between the read and the write; the tracker keeps their change only', async () => {
    const host = await setUp(make);
    const core = doubleCore();
    const found = await scan(host.workbook, core);
    const { wb } = watched(host.workbook, {
      writeBlocks: () => host.type('CSF Tracker', CSF_FIRST_DATA_ROW, CSF_COLUMNS.firstTarget + 3, 7),
    });
    await expect(
      connect(wb, core, {
        scope: found.scope,
        choices: [newRow(found.scan.measures[0].key, 'X')],
        confirmReplace: false,
      }),
    ).rejects.toThrow(/changed after it was read.*The tracker is as it was/);
    const row = await host.workbook.readBlock(
      'CSF Tracker',
      CSF_FIRST_DATA_ROW,
      0,
      1,
      CSF_COLUMNS.firstTarget + MONTHS,
    );
    expect(row.values[0][0]).toBeNull();
    expect(row.values[0].slice(CSF_COLUMNS.firstTarget)).toEqual([
      null,
      null,
      null,
      7,
      ...Array(8).fill(null),
    ]);
  });

  it('a write that fails part way leaves the tracker as it was, and says the links sheet is harmless', async () => {
    const host = await setUp(make);
    const core = doubleCore();
    const found = await scan(host.workbook, core);
    const before = await host.workbook.readBlock('CSF Tracker', 0, 0, 30, 48);
    host.failWriteAfter(1);
    await expect(
      connect(host.workbook, core, {
        scope: found.scope,
        choices: [newRow(found.scan.measures[0].key, 'X')],
        confirmReplace: false,
      }),
    ).rejects.toThrow(
      /links sheet "Plan Links" was added, but writing the tracker failed.*The tracker is as it was/,
    );
    expect(await host.workbook.readBlock('CSF Tracker', 0, 0, 30, 48)).toEqual(before);
  });

  it('without a tracker, connecting inserts one first, with the fiscal year confirmed', async () => {
    const host = await setUp(make, false);
    const core = doubleCore();
    const found = await scan(host.workbook, core);
    expect(found.tracker).toBeNull();
    const done = await connect(host.workbook, core, {
      scope: found.scope,
      choices: [newRow(found.scan.measures[1].key, 'Keep margin')],
      confirmReplace: false,
      fiscalYearStart: 4,
      firstYear: 2027,
    });
    expect(done.message).toMatch(/a new CSF Tracker, "CSF Tracker", was inserted/);
    expect(await host.workbook.readNamedRange('SE_CSF_FiscalYearStart')).toEqual([[4]]);
    expect(await host.workbook.readNamedRange('SE_CSF_FirstYear')).toEqual([[2027]]);
    expect(await targets(host, CSF_FIRST_DATA_ROW)).toEqual(PLAN_ROWS[1][1]);
  });
});

/** Another user sheet with one plan row. */
async function planLike(name: string): Promise<SheetPlan> {
  return {
    name,
    cells: [[{ value: 'Notes only' }], [{ value: 'no numbers here' }]],
    rows: 2,
    cols: 1,
    formats: [],
    validations: [],
    conditionalFormats: [],
    namedRanges: [],
    charts: [],
    columnWidths: [],
    frozenRows: 0,
    frozenCols: 0,
  };
}

describe('a tracker whose columns were moved', () => {
  it('is refused before anything is written, naming the column out of place', async () => {
    const host = await setUp(previewHost);
    const wb = host.workbook as MemoryWorkbook;
    // A user inserts a column before Unit (F): Unit, Aggregation, … move right.
    wb.insertColumns('CSF Tracker', 5, 1);
    const core = doubleCore();
    const found = await scan(wb, core);
    const sheets = await wb.sheetNames();
    const before = wb.sheetSerialized('CSF Tracker');
    await expect(
      connect(wb, core, {
        scope: found.scope,
        choices: [newRow(found.scan.measures[0].key, 'X')],
        confirmReplace: false,
      }),
    ).rejects.toThrow(
      /column F of "CSF Tracker" should be the "Unit" column of the CSF Tracker; its header is empty.*Nothing was written/,
    );
    expect(await wb.sheetNames()).toEqual(sheets);
    expect(wb.sheetSerialized('CSF Tracker')).toEqual(before);
  });
});
