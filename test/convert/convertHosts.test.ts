/**
 * Converting a moved workbook's SE formulas, end to end on every host: the tasks through the HostApi over the
 * Sheets adapter (fake SpreadsheetApp), the Excel adapter (fake Excel) and the preview's MemoryWorkbook, and
 * through the BUILT dist/sheets-addon/Code.js in a vm (its generated seHost_scanFormulaNames /
 * seHost_convertFormulaNames, JSON in and out as google.script.run carries it). Both directions, on a workbook
 * whose SE formulas sit nested inside other formulas on several sheets, one with an apostrophe in its quoted
 * name, beside a string literal that mentions a call and must stay. Every expected formula is written out by
 * hand below. The simulators' engine does not compute SE functions (SE.SCORE reads as #NAME?): these tests are
 * about formula text, which is what the conversion changes.
 */
import vm from 'node:vm';
import {
  convertFormulaNamesTask,
  scanFormulaNamesTask,
  useSeFunctionNames,
  type FunctionNaming,
  type ScanFormulaNamesResult,
} from '../../src/app/convertFormulas';
import { asyncHost, type HostApi } from '../../src/app/hostApi';
import { runAsync } from '../../src/app/task';
import type { PlanCell, SheetPlan } from '../../src/templates/sheetPlan';
import type { SeFunctionName } from '../../src/values/excelFunctionNames';
import type { Workbook } from '../../src/workbook';
import { readFunctionDocs } from '../../scripts/lib/functionDocs';
import { repoRoot } from '../bundle/builtFiles';
import { HOSTS, type Host } from '../connect-host/hosts';
import { loadCodeJs, type AppsScriptServer } from '../e2e/appsScriptServer';

// What each host's entry gives the app at start-up: the registry's names, read here as the build reads them.
const FUNCTIONS: SeFunctionName[] = readFunctionDocs(repoRoot).map((d) => ({
  sheetsName: d.sheetsName,
  excelId: d.excelId,
}));
useSeFunctionNames(FUNCTIONS);

const PLAN = "Q1 'Plan'";
const QPLAN = "'Q1 ''Plan'''";

/** A formula written in each naming, by hand. */
interface Both {
  sheets: string;
  excel: string;
}
type Cell = { value: string | number } | { formula: Both } | { same: string };

/** The workbook: three sheets, SE calls nested in IF, IFERROR, ROUND and arithmetic, text that must stay. */
const WORKBOOK: { name: string; rows: Cell[][] }[] = [
  {
    name: 'Scores',
    rows: [
      [
        { value: 9 },
        { value: 4 },
        {
          formula: {
            sheets: '=IF(SE_SCORE(A1,B1)>0.9,SE_STATUS(SE_SCORE(A1,B1),0.9),"")',
            excel: '=IF(SE.SCORE(A1,B1)>0.9,SE.STATUS(SE.SCORE(A1,B1),0.9),"")',
          },
        },
        // Text that reads like a call is text, and stays.
        { value: 'SE_SCORE(A1,B1)' },
        {
          formula: {
            sheets: '=IFERROR(FUNNEL_TARGETS(A1:A3,B1:B2),"SE_SCORE(x)")',
            excel: '=IFERROR(SE.FUNNEL_TARGETS(A1:A3,B1:B2),"SE_SCORE(x)")',
          },
        },
      ],
      [
        { value: 6 },
        { value: 8 },
        {
          formula: {
            sheets: '=IF(SE_SCORE(A2,B2)>0.9,SE_STATUS(SE_SCORE(A2,B2),0.9),"")',
            excel: '=IF(SE.SCORE(A2,B2)>0.9,SE.STATUS(SE.SCORE(A2,B2),0.9),"")',
          },
        },
        // A string literal naming both hosts' calls, in a formula calling neither.
        { same: '="SE_SCORE( and SE.SCORE("&A1' },
      ],
      [{ value: 7 }, { value: 7 }, { same: '=SUM(A1:A3)' }],
    ],
  },
  {
    name: PLAN,
    rows: [
      [
        { value: 10 },
        {
          formula: {
            sheets: `=SE_TREND(${QPLAN}!A1:A3,1)+LEN("SE_TREND(")`,
            excel: `=SE.TREND(${QPLAN}!A1:A3,1)+LEN("SE_TREND(")`,
          },
        },
      ],
      [
        { value: 12 },
        {
          formula: {
            sheets: `=ROUND(SE_SCORE(${QPLAN}!A1,${QPLAN}!A2)*100,0)`,
            excel: `=ROUND(SE.SCORE(${QPLAN}!A1,${QPLAN}!A2)*100,0)`,
          },
        },
      ],
      // Someone's own function whose name contains an SE name.
      [{ value: 14 }, { same: '=MY_SE_SCORE(1)' }],
    ],
  },
  { name: 'Notes', rows: [[{ value: 'Only notes here' }], [{ same: '=SUM(1,2)' }]] },
];

/** The cells to convert, in the order a scan lists them (tab order, then row by row). */
const EXPECTED_CELLS = [
  { sheet: 'Scores', row: 0, col: 2, cell: "'Scores'!C1" },
  { sheet: 'Scores', row: 0, col: 4, cell: "'Scores'!E1" },
  { sheet: 'Scores', row: 1, col: 2, cell: "'Scores'!C2" },
  { sheet: PLAN, row: 0, col: 1, cell: `${QPLAN}!B1` },
  { sheet: PLAN, row: 1, col: 1, cell: `${QPLAN}!B2` },
];

const other = (to: FunctionNaming): FunctionNaming => (to === 'excel' ? 'sheets' : 'excel');

/** Each cell's raw contents in a naming ("=…" a formula). */
function contentsIn(naming: FunctionNaming): Map<string, (string | number)[][]> {
  return new Map(
    WORKBOOK.map((s) => [
      s.name,
      s.rows.map((r) => r.map((c) => ('value' in c ? c.value : 'same' in c ? c.same : c.formula[naming]))),
    ]),
  );
}

function planOf(name: string, rows: (string | number)[][]): SheetPlan {
  const cells: PlanCell[][] = rows.map((r) =>
    r.map((v) => (typeof v === 'string' && v.startsWith('=') ? { formula: v } : { value: v })),
  );
  return {
    name,
    cells,
    rows: rows.length,
    cols: Math.max(...rows.map((r) => r.length)),
    formats: [],
    validations: [],
    conditionalFormats: [],
    namedRanges: [],
    columnWidths: [],
    frozenRows: 0,
    frozenCols: 0,
    charts: [],
  };
}

/** Every sheet's formulas and constants as the port reads them (what "as it was" compares). */
async function snapshot(workbook: Workbook): Promise<unknown> {
  const names = await workbook.sheetNames();
  const out: Record<string, unknown> = {};
  for (const name of names.filter((n) => WORKBOOK.some((s) => s.name === n))) {
    const plan = WORKBOOK.find((s) => s.name === name);
    const rows = plan?.rows.length ?? 1;
    const cols = Math.max(...(plan?.rows.map((r) => r.length) ?? [1]));
    const block = await workbook.readBlock(name, 0, 0, rows, cols);
    out[name] = block.formulas.map((line, r) => line.map((f, c) => f ?? block.values[r][c]));
  }
  return out;
}

/** The snapshot expected of a workbook in `naming`, by hand from WORKBOOK. */
function expectedSnapshot(naming: FunctionNaming): unknown {
  return Object.fromEntries(
    WORKBOOK.map((s) => [
      s.name,
      s.rows.map((r) => {
        const width = Math.max(...s.rows.map((x) => x.length));
        const line = r.map((c) => ('value' in c ? c.value : 'same' in c ? c.same : c.formula[naming]));
        while (line.length < width) line.push(null as unknown as string);
        return line;
      }),
    ]),
  );
}

/** The scan's list as expected when the workbook is in the other naming and converts to `to`. */
function expectedList(to: FunctionNaming): unknown {
  return EXPECTED_CELLS.map((c) => {
    const cell = WORKBOOK.find((s) => s.name === c.sheet)?.rows[c.row][c.col];
    if (cell === undefined || !('formula' in cell)) throw new Error(`fixture: ${c.cell} is not a formula`);
    return { ...c, before: cell.formula[other(to)], after: cell.formula[to] };
  });
}

describe.each(HOSTS.map((make) => [make().name, make] as const))('%s adapter', (_name, makeHost) => {
  let host: Host;
  let api: HostApi;

  async function prepare(naming: FunctionNaming): Promise<void> {
    host = makeHost();
    api = asyncHost(host.workbook);
    for (const [name, rows] of contentsIn(naming)) await host.workbook.insertSheet(planOf(name, rows));
    expect(await snapshot(host.workbook)).toEqual(expectedSnapshot(naming));
  }

  test.each(['excel', 'sheets'] as FunctionNaming[])(
    'to %s: lists exactly the SE formulas in the other naming, converts them, and back again',
    async (to) => {
      await prepare(other(to));
      const scan = await api.scanFormulaNames({ to });
      expect(scan.cells).toEqual(expectedList(to));
      expect(scan).toMatchObject({ remaining: [], missing: [], more: false });
      expect(scan.scanned).toEqual(expect.arrayContaining(WORKBOOK.map((s) => s.name)));
      const result = await api.convertFormulaNames({ to, cells: scan.cells });
      expect(result.converted).toBe(5);
      expect(result.sheets).toEqual(expect.arrayContaining(['Scores', PLAN]));
      expect(result.message).toMatch(/^Converted 5 formulas on 2 sheets to /);
      // Every cell is now as written in `to`'s naming: the five converted, everything else untouched.
      expect(await snapshot(host.workbook)).toEqual(expectedSnapshot(to));
      // A second scan finds nothing; converting back restores the workbook exactly.
      expect((await api.scanFormulaNames({ to })).cells).toEqual([]);
      const back = await api.scanFormulaNames({ to: other(to) });
      expect(back.cells).toEqual(expectedList(other(to)));
      await api.convertFormulaNames({ to: other(to), cells: back.cells });
      expect(await snapshot(host.workbook)).toEqual(expectedSnapshot(other(to)));
    },
  );

  test('a co-author’s change after the scan refuses the write, naming the cell; nothing is converted', async () => {
    await prepare('sheets');
    const scan = await api.scanFormulaNames({ to: 'excel' });
    host.type(PLAN, 1, 1, '=SE_SCORE(1,2)');
    const before = await snapshot(host.workbook);
    await expect(api.convertFormulaNames({ to: 'excel', cells: scan.cells })).rejects.toThrow(
      /^Convert formulas: the cell 'Q1 ''Plan'''!B2 changed after it was read .*nothing was written\. Scan again/,
    );
    expect(await snapshot(host.workbook)).toEqual(before);
    expect(host.formulaAt(PLAN, 1, 1)).toBe('=SE_SCORE(1,2)');
  });

  test('a write that fails part way leaves every cell as it was', async () => {
    await prepare('excel');
    const scan = await api.scanFormulaNames({ to: 'sheets' });
    host.failWriteAfter(1);
    await expect(api.convertFormulaNames({ to: 'sheets', cells: scan.cells })).rejects.toThrow(
      /^Convert formulas: .*Scan again/,
    );
    expect(await snapshot(host.workbook)).toEqual(expectedSnapshot('excel'));
  });
});

describe('requests the tasks refuse (nothing read or written)', () => {
  test.each([
    [{ to: 'libreoffice' }, /which host's names to convert to/],
    [{ to: 'excel', cells: [] }, /lists no cells/],
    [
      { to: 'excel', cells: [{ sheet: 'Scores', row: -1, col: 0, before: '=SE_SCORE(1)' }] },
      /each cell must/,
    ],
    [
      {
        to: 'excel',
        cells: [
          { sheet: 'Scores', row: 0, col: 2, before: '=SE_SCORE(1)' },
          { sheet: 'Scores', row: 0, col: 2, before: '=SE_SCORE(1)' },
        ],
      },
      /'Scores'!C1 is listed twice/,
    ],
    [{ to: 'excel', cells: [{ sheet: 'Scores', row: 0, col: 0, before: '=SUM(1)' }] }, /nothing to convert/],
    [
      { to: 'excel', cells: [{ sheet: 'Gone', row: 0, col: 0, before: '=SE_SCORE(1)' }] },
      /no sheet named "Gone"/,
    ],
  ])('%j', async (request, message) => {
    const host = HOSTS[2]();
    await host.workbook.insertSheet(planOf('Scores', [[1]]));
    const before = await snapshot(host.workbook);
    await expect(asyncHost(host.workbook).convertFormulaNames(request as never)).rejects.toThrow(message);
    expect(await snapshot(host.workbook)).toEqual(before);
  });

  test('without the host’s list of functions, the tasks say so instead of finding nothing', async () => {
    const host = HOSTS[2]();
    await expect(runAsync(scanFormulaNamesTask({ to: 'excel' }, []), host.workbook)).rejects.toThrow(
      /no list of its functions/,
    );
    await expect(
      runAsync(convertFormulaNamesTask({ to: 'excel', cells: [] }, []), host.workbook),
    ).rejects.toThrow(/no list of its functions/);
  });
});

describe('a big workbook: the scan is bounded and resumable', () => {
  test('each call stops after its budget of cells, says which sheets remain, and the calls together find all', async () => {
    const host = HOSTS[2]();
    // Five sheets of 30 x 4, an SE formula at the foot of each; budget 200 cells a call, reads of 50 cells.
    for (let s = 1; s <= 5; s++) {
      const rows: (string | number)[][] = Array.from({ length: 30 }, (_, r) => [r, r + 1, r + 2, r + 3]);
      rows[29][3] = `=SE_SCORE(A${s},B${s})`;
      await host.workbook.insertSheet(planOf(`S${s}`, rows));
    }
    const limits = { cellsPerCall: 200, cellsPerRead: 50, maxListed: 1000 };
    const found: string[] = [];
    const progress: [string[], string[]][] = [];
    let request: { to: FunctionNaming; sheets?: string[] } = { to: 'excel' };
    for (let call = 0; call < 10; call++) {
      const scan: ScanFormulaNamesResult = await runAsync(
        scanFormulaNamesTask(request, FUNCTIONS, limits),
        host.workbook,
      );
      found.push(...scan.cells.map((c) => `${c.cell} ${c.after}`));
      progress.push([scan.scanned, scan.remaining]);
      if (scan.remaining.length === 0) break;
      request = { to: 'excel', sheets: scan.remaining };
    }
    // 120 cells a sheet: a call reads two sheets (120, then 240 >= 200) and hands back.
    expect(progress).toEqual([
      [
        ['S1', 'S2'],
        ['S3', 'S4', 'S5'],
      ],
      [['S3', 'S4'], ['S5']],
      [['S5'], []],
    ]);
    expect(found).toEqual([1, 2, 3, 4, 5].map((s) => `'S${s}'!D30 =SE.SCORE(A${s},B${s})`));
  });

  test('the list stops at its limit and says there are more', async () => {
    const host = HOSTS[2]();
    const rows = Array.from({ length: 7 }, (_, r) => [`=SE_SCORE(${r},1)`]);
    await host.workbook.insertSheet(planOf('Many', rows));
    await host.workbook.insertSheet(planOf('Later', [['=SE_SCORE(9,9)']]));
    const limits = { cellsPerCall: 1e6, cellsPerRead: 3, maxListed: 5 };
    const scan = await runAsync(scanFormulaNamesTask({ to: 'excel' }, FUNCTIONS, limits), host.workbook);
    expect(scan.cells.map((c) => c.cell)).toEqual([
      "'Many'!A1",
      "'Many'!A2",
      "'Many'!A3",
      "'Many'!A4",
      "'Many'!A5",
    ]);
    expect(scan).toMatchObject({ more: true, remaining: [] });
  });

  test('a sheet removed between calls is reported as missing, the rest scanned', async () => {
    const host = HOSTS[2]();
    await host.workbook.insertSheet(planOf('Kept', [['=SE_SCORE(1,1)']]));
    const scan = await runAsync(
      scanFormulaNamesTask({ to: 'excel', sheets: ['Gone', 'Kept'] }, FUNCTIONS),
      host.workbook,
    );
    expect(scan).toMatchObject({ missing: ['Gone'], scanned: ['Kept'], remaining: [] });
    expect(scan.cells.map((c) => c.after)).toEqual(['=SE.SCORE(1,1)']);
  });
});

describe('Sheets: the built Code.js (generated server functions, JSON both ways)', () => {
  let server: AppsScriptServer;
  let api: HostApi;

  function start(naming: FunctionNaming): void {
    server = loadCodeJs();
    const realmJson = vm.runInContext('JSON', server.context) as JSON;
    const call = (method: string) => async (request: unknown) => {
      const fn = server.context[`seHost_${method}`] as (r: unknown) => unknown;
      const result = fn(realmJson.parse(JSON.stringify(request)));
      return JSON.parse(JSON.stringify(result)) as unknown;
    };
    api = new Proxy({} as HostApi, { get: (_t, method: string) => call(method) });
    const model = server.app.model;
    for (const [name, rows] of contentsIn(naming)) {
      if (!model.hasSheet(name)) model.addSheet(name);
      model.setContents(name, 0, 0, rows);
    }
  }

  const formulasOf = (sheet: string): unknown =>
    server.app.model
      .formulas(sheet, { row: 0, col: 0, rows: 3, cols: 5 })
      .map((r) => r.filter((v) => v !== ''));

  test.each(['excel', 'sheets'] as FunctionNaming[])('to %s and back', async (to) => {
    start(other(to));
    const scan = await api.scanFormulaNames({ to });
    expect(scan.cells).toEqual(expectedList(to));
    await api.convertFormulaNames({ to, cells: scan.cells });
    const mine = (naming: FunctionNaming) =>
      Object.fromEntries(
        WORKBOOK.map((s) => [
          s.name,
          s.rows
            .map((r) => r.map((c) => ('value' in c ? c.value : 'same' in c ? c.same : c.formula[naming])))
            .concat(Array.from({ length: 3 - s.rows.length }, () => [])),
        ]),
      );
    expect(Object.fromEntries(WORKBOOK.map((s) => [s.name, formulasOf(s.name)]))).toEqual(mine(to));
    const back = await api.scanFormulaNames({ to: other(to) });
    await api.convertFormulaNames({ to: other(to), cells: back.cells });
    expect(Object.fromEntries(WORKBOOK.map((s) => [s.name, formulasOf(s.name)]))).toEqual(mine(other(to)));
  });

  test('a co-author’s change is refused with words only; a failed write leaves all as it was', async () => {
    start('sheets');
    const scan = await api.scanFormulaNames({ to: 'excel' });
    server.app.model.setContents('Scores', 1, 2, [['=SE_SCORE(5,5)']]);
    await expect(api.convertFormulaNames({ to: 'excel', cells: scan.cells })).rejects.toThrow(
      /^Convert formulas: the cell 'Scores'!C2 changed after it was read/,
    );
    expect(server.app.model.formulas('Scores', { row: 0, col: 2, rows: 2, cols: 1 })).toEqual([
      ['=IF(SE_SCORE(A1,B1)>0.9,SE_STATUS(SE_SCORE(A1,B1),0.9),"")'],
      ['=SE_SCORE(5,5)'],
    ]);
    const again = await api.scanFormulaNames({ to: 'excel' });
    server.app.model.failOn('setValues', 1);
    await expect(api.convertFormulaNames({ to: 'excel', cells: again.cells })).rejects.toThrow(
      /^Convert formulas: /,
    );
    expect(formulasOf(PLAN)).toEqual(contentsIn('sheets').get(PLAN));
    expect(server.app.model.formulas('Scores', { row: 0, col: 2, rows: 1, cols: 3 })).toEqual([
      [
        '=IF(SE_SCORE(A1,B1)>0.9,SE_STATUS(SE_SCORE(A1,B1),0.9),"")',
        'SE_SCORE(A1,B1)',
        '=IFERROR(FUNNEL_TARGETS(A1:A3,B1:B2),"SE_SCORE(x)")',
      ],
    ]);
  });
});
