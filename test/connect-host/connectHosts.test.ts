/**
 * Connect my plan end to end with the real core, on both add-in hosts: Sheets through the BUILT
 * dist/sheets-addon/Code.js in a vm (its generated seHost_scanPlan / seHost_connectPlan, JSON in and out as
 * google.script.run carries it) over the fake SpreadsheetApp, and Excel through ExcelWorkbook over the fake
 * Excel, as the task pane runs it. Both write the same cells; the tracker's month cells compute the plan's
 * figures (typed below by hand, so the expected numbers are the plan's own); a co-author's change is refused,
 * a failed write leaves the tracker as it was, a re-run updates in place.
 */
import vm from 'node:vm';
import { ExcelWorkbook } from '../../excel-addin/excelWorkbook';
import type { ConnectPlanResult, ScanPlanResult } from '../../src/app/connect';
import { asyncHost, type HostApi } from '../../src/app/hostApi';
import type { ConnectChoice } from '../../src/connect/types';
import { CSF_COLUMNS, CSF_FIRST_DATA_ROW } from '../../src/templates/csfTracker';
import { loadCodeJs, type AppsScriptServer } from '../e2e/appsScriptServer';
import { FakeExcel } from '../simulators/fakeExcel';
import { SpreadsheetModel, type CellValue } from '../simulators/spreadsheetModel';

const TODAY = '2026-04-10';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const PLAN_SHEET = 'Plan 2026';
const REVENUE_PLAN = [100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111];
const REVENUE_ACTUAL = [98, 103, 99];
const LOGOS_PLAN = [5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10];
const LOGOS_ACTUAL = [4, 6, 7];

/** The user's plan as typed: measure and line columns, months across; actuals through March. */
function typePlan(model: SpreadsheetModel): void {
  if (!model.hasSheet(PLAN_SHEET)) model.addSheet(PLAN_SHEET);
  const pad = (xs: number[]): CellValue[] => [...xs, ...Array<CellValue>(12 - xs.length).fill('')];
  model.setContents(PLAN_SHEET, 0, 0, [
    ['Measure', 'Line', ...MONTHS],
    ['Revenue', 'Plan', ...REVENUE_PLAN],
    ['Revenue', 'Actual', ...pad(REVENUE_ACTUAL)],
    ['New logos', 'Plan', ...LOGOS_PLAN],
    ['New logos', 'Actual', ...pad(LOGOS_ACTUAL)],
  ]);
}

interface Side {
  model: SpreadsheetModel;
  api: HostApi;
}

/** Sheets: the HostApi as the sidebar reaches it, each call a generated server function of the built Code.js. */
function sheetsSide(): Side & { server: AppsScriptServer } {
  const server = loadCodeJs();
  const realmJson = vm.runInContext('JSON', server.context) as JSON;
  const call = (method: string) => async (request: unknown) => {
    const fn = server.context[`seHost_${method}`] as (r: unknown) => unknown;
    // Only JSON crosses google.script.run, both ways.
    const result = fn(realmJson.parse(JSON.stringify(request)));
    return JSON.parse(JSON.stringify(result)) as unknown;
  };
  const api = new Proxy({} as HostApi, { get: (_t, method: string) => call(method) });
  return { model: server.app.model, api, server };
}

function excelSide(): Side & { excel: FakeExcel } {
  const model = new SpreadsheetModel();
  const excel = new FakeExcel(model);
  return { model, excel, api: asyncHost(new ExcelWorkbook(excel.asExcelRun())) };
}

async function prepare<S extends Side>(side: S): Promise<S> {
  await side.api.insertTemplate({ templateId: 'csf-tracker', examples: false, year: 2026 });
  typePlan(side.model);
  return side;
}

const keyOf = (scan: ScanPlanResult, label: string): string => {
  const m = scan.scan.measures.find((x) => x.label === label);
  if (m === undefined)
    throw new Error(`no ${label} in ${JSON.stringify(scan.scan.measures.map((x) => x.label))}`);
  return m.key;
};

const choose = (measure: string, csf: string, extra: Partial<ConnectChoice> = {}): ConnectChoice => ({
  measure,
  row: { kind: 'new', team: 'Sales', csf },
  direction: 'up',
  aggregation: 'Sum',
  input: 'Per month',
  unit: '',
  ...extra,
});

async function connectBoth(side: Side): Promise<{ scan: ScanPlanResult; result: ConnectPlanResult }> {
  const scan = await side.api.scanPlan({ today: TODAY });
  const result = await side.api.connectPlan({
    today: TODAY,
    scope: scan.scope,
    choices: [choose(keyOf(scan, 'Revenue'), 'Grow revenue'), choose(keyOf(scan, 'New logos'), 'Win logos')],
    confirmReplace: false,
  });
  return { scan, result };
}

/** A sheet's computed values and formulas, trailing empties dropped (the two fakes' grids differ in size). */
function dump(model: SpreadsheetModel, sheet: string): { values: CellValue[][]; formulas: CellValue[][] } {
  const area = { row: 0, col: 0, ...model.extent(sheet) };
  const trim = (grid: CellValue[][]) => {
    const rows = grid.map((r) => {
      let end = r.length;
      while (end > 0 && (r[end - 1] === '' || r[end - 1] === null)) end--;
      return r.slice(0, end);
    });
    while (rows.length > 0 && rows[rows.length - 1].length === 0) rows.pop();
    return rows;
  };
  return { values: trim(model.values(sheet, area)), formulas: trim(model.formulas(sheet, area)) };
}

const monthCells = (model: SpreadsheetModel, row: number, first: number): CellValue[] =>
  model.values('CSF Tracker', { row, col: first, rows: 1, cols: 12 })[0];

describe('Connect my plan on both add-in hosts (built Code.js and the Excel adapter)', () => {
  let sheets: Side;
  let excel: Side;

  beforeAll(async () => {
    sheets = await prepare(sheetsSide());
    excel = await prepare(excelSide());
  });

  test('both find the plan and connect it; the tracker shows the plan month by month, a month without an actual blank', async () => {
    for (const side of [sheets, excel]) {
      const { scan, result } = await connectBoth(side);
      expect(scan.scan.measures.map((m) => m.label)).toEqual(['Revenue', 'New logos']);
      expect(result.status).toBe('connected');
      const revenue = CSF_FIRST_DATA_ROW;
      const logos = CSF_FIRST_DATA_ROW + 1;
      expect(monthCells(side.model, revenue, CSF_COLUMNS.firstTarget)).toEqual(REVENUE_PLAN);
      expect(monthCells(side.model, revenue, CSF_COLUMNS.firstActual)).toEqual([
        ...REVENUE_ACTUAL,
        ...Array(9).fill(''),
      ]);
      expect(monthCells(side.model, logos, CSF_COLUMNS.firstTarget)).toEqual(LOGOS_PLAN);
      expect(monthCells(side.model, logos, CSF_COLUMNS.firstActual)).toEqual([
        ...LOGOS_ACTUAL,
        ...Array(9).fill(''),
      ]);
      expect(side.model.values('CSF Tracker', { row: revenue, col: 0, rows: 2, cols: 2 })).toEqual([
        ['Sales', 'Grow revenue'],
        ['Sales', 'Win logos'],
      ]);
      // The plan itself is only read.
      expect(side.model.values(PLAN_SHEET, { row: 1, col: 2, rows: 1, cols: 3 })).toEqual([[100, 101, 102]]);
    }
  });

  test('the two hosts wrote the same cells: tracker and links sheet, values and formulas', () => {
    for (const sheet of ['CSF Tracker', 'Plan Links']) {
      const a = dump(sheets.model, sheet);
      const b = dump(excel.model, sheet);
      expect({ sheet, formulas: b.formulas }).toEqual({ sheet, formulas: a.formulas });
      expect({ sheet, values: b.values }).toEqual({ sheet, values: a.values });
    }
  });

  test('a re-run re-linking the rows updates the links in place: no new sheet, the same cells', async () => {
    for (const side of [sheets, excel]) {
      const before = { links: dump(side.model, 'Plan Links'), tracker: dump(side.model, 'CSF Tracker') };
      const sheetsBefore = side.model.sheetNames();
      const scan = await side.api.scanPlan({ today: TODAY });
      expect(scan.tracker?.rows.map((r) => [r.csf, r.linked])).toEqual([
        ['Grow revenue', true],
        ['Win logos', true],
      ]);
      const result = await side.api.connectPlan({
        today: TODAY,
        scope: scan.scope,
        choices: [
          choose(keyOf(scan, 'Revenue'), '', { row: { kind: 'existing', row: CSF_FIRST_DATA_ROW } }),
          choose(keyOf(scan, 'New logos'), '', { row: { kind: 'existing', row: CSF_FIRST_DATA_ROW + 1 } }),
        ],
        confirmReplace: false,
      });
      expect(result.status).toBe('connected');
      expect(side.model.sheetNames()).toEqual(sheetsBefore);
      expect(dump(side.model, 'Plan Links')).toEqual(before.links);
      expect(dump(side.model, 'CSF Tracker')).toEqual(before.tracker);
    }
  });

  test('a typed target is listed and kept until the user confirms', async () => {
    for (const side of [sheets, excel]) {
      side.model.setContents('CSF Tracker', CSF_FIRST_DATA_ROW, CSF_COLUMNS.firstTarget + 1, [[555]]);
      const scan = await side.api.scanPlan({ today: TODAY });
      const request = {
        today: TODAY,
        scope: scan.scope,
        choices: [choose(keyOf(scan, 'Revenue'), '', { row: { kind: 'existing', row: CSF_FIRST_DATA_ROW } })],
      };
      const asked = await side.api.connectPlan({ ...request, confirmReplace: false });
      expect(asked.status).toBe('confirm');
      if (asked.status === 'confirm')
        expect(asked.replaces).toEqual([{ cell: "'CSF Tracker'!Z8", value: 555 }]);
      expect(monthCells(side.model, CSF_FIRST_DATA_ROW, CSF_COLUMNS.firstTarget)[1]).toBe(555);
      expect((await side.api.connectPlan({ ...request, confirmReplace: true })).status).toBe('connected');
      expect(monthCells(side.model, CSF_FIRST_DATA_ROW, CSF_COLUMNS.firstTarget)).toEqual(REVENUE_PLAN);
    }
  });
});

describe('safety on each host, with the real core', () => {
  test('Sheets: a co-author types in the tracker before the write takes the lock: refused, their value stays', async () => {
    const side = await prepare(sheetsSide());
    const scan = await side.api.scanPlan({ today: TODAY });
    const cell = { row: CSF_FIRST_DATA_ROW, col: CSF_COLUMNS.firstTarget + 2 };
    let typed = false;
    side.server.app.calls.beforeCall = (name) => {
      // The first lock taken is the links sheet's insert; the tracker's write waits for the second.
      if (name === 'Lock.waitLock' && side.server.app.calls.byMethod['Lock.waitLock'] === 2 && !typed) {
        typed = true;
        side.model.setContents('CSF Tracker', cell.row, cell.col, [[42]]);
      }
    };
    const before = dump(side.model, 'CSF Tracker');
    await expect(
      side.api.connectPlan({
        today: TODAY,
        scope: scan.scope,
        choices: [choose(keyOf(scan, 'Revenue'), 'Grow revenue')],
        confirmReplace: false,
      }),
    ).rejects.toThrow(/'CSF Tracker'!AA8 changed after it was read.*The tracker is as it was/);
    side.server.app.calls.beforeCall = null;
    expect(typed).toBe(true);
    const after = dump(side.model, 'CSF Tracker');
    expect(after.values[cell.row][cell.col]).toBe(42);
    // Nothing else was written: every formula and constant is as before but theirs (values computed from
    // their number move, so formulas are what is compared), and the new row's identity stayed empty.
    after.formulas[cell.row][cell.col] = before.formulas[cell.row]?.[cell.col] ?? '';
    expect(dump2({ values: [], formulas: after.formulas })).toEqual(
      dump2({ values: [], formulas: before.formulas }),
    );
    expect(after.values[cell.row].slice(0, 2)).toEqual(['', '']);
  });

  test('Excel: a co-author types in the tracker while the connect runs: refused before anything is written to it', async () => {
    const side = await prepare(excelSide());
    const scan = await side.api.scanPlan({ today: TODAY });
    const before = dump(side.model, 'CSF Tracker');
    const workbook = new ExcelWorkbook(side.excel.asExcelRun());
    const watched = new Proxy(workbook, {
      get(target, prop: string) {
        const fn = (target as unknown as Record<string, unknown>)[prop];
        if (prop !== 'writeBlocks' || typeof fn !== 'function')
          return typeof fn === 'function' ? fn.bind(target) : fn;
        return (...args: unknown[]) => {
          // The other user's change reaches the host in the round trip of the write's first sync.
          const at = side.excel.syncs;
          side.excel.beforeSync = (i) => {
            if (i === at)
              side.model.typeAsUser('CSF Tracker', CSF_FIRST_DATA_ROW, CSF_COLUMNS.firstActual, [[77]]);
          };
          return (fn as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    await expect(
      asyncHost(watched).connectPlan({
        today: TODAY,
        scope: scan.scope,
        choices: [choose(keyOf(scan, 'Revenue'), 'Grow revenue')],
        confirmReplace: false,
      }),
    ).rejects.toThrow(/'CSF Tracker'!AK8 changed after it was read.*The tracker is as it was/);
    side.excel.beforeSync = null;
    const after = dump(side.model, 'CSF Tracker');
    expect(after.values[CSF_FIRST_DATA_ROW][CSF_COLUMNS.firstActual]).toBe(77);
    after.formulas[CSF_FIRST_DATA_ROW][CSF_COLUMNS.firstActual] =
      before.formulas[CSF_FIRST_DATA_ROW]?.[CSF_COLUMNS.firstActual] ?? '';
    expect(dump2({ values: [], formulas: after.formulas })).toEqual(
      dump2({ values: [], formulas: before.formulas }),
    );
    expect(after.values[CSF_FIRST_DATA_ROW].slice(0, 2)).toEqual(['', '']);
  });

  test.each([
    ['Sheets', () => sheetsSide(), 'setValues'],
    ['Excel', () => excelSide(), 'Range.formulas'],
  ] as const)(
    '%s: a write failing half way leaves the tracker exactly as it was',
    async (_host, make, operation) => {
      const side = await prepare(make());
      const scan = await side.api.scanPlan({ today: TODAY });
      const before = dump(side.model, 'CSF Tracker');
      // The links sheet's insert writes its cells once; the tracker's second block fails.
      side.model.failOn(operation, 2);
      await expect(
        side.api.connectPlan({
          today: TODAY,
          scope: scan.scope,
          choices: [choose(keyOf(scan, 'Revenue'), 'Grow revenue')],
          confirmReplace: false,
        }),
      ).rejects.toThrow(
        /the links sheet "Plan Links" was added, but writing the tracker failed.*The tracker is as it was/,
      );
      side.model.clearFailures();
      expect(dump(side.model, 'CSF Tracker')).toEqual(before);
      // Connecting again uses the links sheet that went in, and works.
      const again = await side.api.scanPlan({ today: TODAY });
      const done = await side.api.connectPlan({
        today: TODAY,
        scope: again.scope,
        choices: [choose(keyOf(again, 'Revenue'), 'Grow revenue')],
        confirmReplace: false,
      });
      expect(done.status).toBe('connected');
      expect(monthCells(side.model, CSF_FIRST_DATA_ROW, CSF_COLUMNS.firstTarget)).toEqual(REVENUE_PLAN);
    },
  );
});

/** A dump with trailing empties dropped again (after a cell was put back to empty). */
function dump2(d: { values: CellValue[][]; formulas: CellValue[][] }): unknown {
  const trim = (grid: CellValue[][]) =>
    grid.map((r) => {
      let end = r.length;
      while (end > 0 && (r[end - 1] === '' || r[end - 1] === null)) end--;
      return r.slice(0, end);
    });
  return { values: trim(d.values), formulas: trim(d.formulas) };
}

describe('round trips of a whole scan', () => {
  /** `n` plan sheets of one measure each, typed by hand. */
  function seed(model: SpreadsheetModel, n: number): void {
    for (let s = 0; s < n; s++) {
      const name = `Plan 2026 ${s + 1}`;
      model.addSheet(name);
      model.setContents(name, 0, 0, [
        ['Measure', ...MONTHS],
        [`Revenue ${s + 1}`, ...REVENUE_PLAN],
      ]);
    }
  }

  test('Excel: the same number of syncs for 1 plan sheet and for 5 (one sync reads every sheet)', async () => {
    const syncs: number[] = [];
    for (const n of [1, 5]) {
      const side = excelSide();
      await side.api.insertTemplate({ templateId: 'csf-tracker', examples: false, year: 2026 });
      seed(side.model, n);
      const start = side.excel.syncs;
      const scan = await side.api.scanPlan({ today: TODAY });
      expect(scan.scan.measures).toHaveLength(n);
      syncs.push(side.excel.syncs - start);
    }
    expect(syncs[1]).toBe(syncs[0]);
  });

  test('Sheets: each more sheet scanned costs one getValues and one getNumberFormats', async () => {
    const counts: { values: number; formats: number }[] = [];
    for (const n of [1, 5]) {
      const side = sheetsSide();
      await side.api.insertTemplate({ templateId: 'csf-tracker', examples: false, year: 2026 });
      seed(side.model, n);
      const calls = side.server.app.calls;
      calls.reset();
      const scan = await side.api.scanPlan({ today: TODAY });
      expect(scan.scan.measures).toHaveLength(n);
      counts.push({
        values: calls.byMethod['Range.getValues'],
        formats: calls.byMethod['Range.getNumberFormats'],
      });
    }
    expect(counts[1].values - counts[0].values).toBe(4);
    expect(counts[1].formats - counts[0].formats).toBe(4);
  });
});
