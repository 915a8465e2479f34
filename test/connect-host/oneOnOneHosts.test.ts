/**
 * The same 1:1 save on both add-in hosts (issue 13, item 3): Sheets through the BUILT dist/sheets-addon/Code.js
 * in a vm (its generated seHost_loadOneOnOne / seHost_saveOneOnOne, JSON in and out as google.script.run
 * carries it) over the fake SpreadsheetApp, and Excel through ExcelWorkbook over the fake Excel, as the task
 * pane runs it. Both append the same Coaching Log rows, written out by hand in ../review/oneOnOneFixture.
 */
import vm from 'node:vm';
import { ExcelWorkbook } from '../../excel-addin/excelWorkbook';
import { asyncHost, type HostApi } from '../../src/app/hostApi';
import { FUNNEL_FIRST_DATA_ROW } from '../../src/templates/activityFunnel';
import { loadCodeJs } from '../e2e/appsScriptServer';
import { FUNNEL_ROWS, QUALIFY, rowsWithRep, SAVE, SAVED_ROWS, TODAY } from '../review/oneOnOneFixture';
import { FakeExcel } from '../simulators/fakeExcel';
import { SpreadsheetModel } from '../simulators/spreadsheetModel';
import type { PlanValue } from '../../src/templates/sheetPlan';

interface Side {
  name: string;
  model: SpreadsheetModel;
  api: HostApi;
}

function sheetsSide(): Side {
  const server = loadCodeJs();
  const realmJson = vm.runInContext('JSON', server.context) as JSON;
  const call = (method: string) => async (request: unknown) => {
    const fn = server.context[`seHost_${method}`] as (r: unknown) => unknown;
    const result = fn(realmJson.parse(JSON.stringify(request)));
    return JSON.parse(JSON.stringify(result)) as unknown;
  };
  const api = new Proxy({} as HostApi, { get: (_t, method: string) => call(method) });
  return { name: 'Sheets (built Code.js)', model: server.app.model, api };
}

function excelSide(): Side {
  const model = new SpreadsheetModel();
  const excel = new FakeExcel(model);
  return { name: 'Excel (ExcelWorkbook)', model, api: asyncHost(new ExcelWorkbook(excel.asExcelRun())) };
}

async function prepare(side: Side): Promise<Side> {
  await side.api.insertTemplate({ templateId: 'coaching-log', examples: true, year: 2026 });
  const f = await side.api.insertTemplate({ templateId: 'activity-funnel', examples: false, year: 2026 });
  side.model.setContents(
    f.sheetName,
    FUNNEL_FIRST_DATA_ROW,
    0,
    FUNNEL_ROWS.map((r) => r.map((v) => (v === null ? '' : v))),
  );
  return side;
}

function logRows(model: SpreadsheetModel): PlanValue[][] {
  const area = { row: 0, col: 0, ...model.extent('Coaching Log') };
  const values = model.values('Coaching Log', area) as PlanValue[][];
  const header = values.findIndex((r) => r.includes('Rep'));
  return rowsWithRep(values.slice(header));
}

describe('the 1:1 on both add-in hosts', () => {
  for (const [name, make] of [
    ['Sheets (built Code.js)', sheetsSide],
    ['Excel (ExcelWorkbook)', excelSide],
  ] as const) {
    test(`${name}: load shows Ana's July and overdue commitment; save appends the two rows`, async () => {
      const side = await prepare(make());
      const load = await side.api.loadOneOnOne({ today: TODAY, rep: 'Ana' });
      expect(load.month).toBe('2026-07');
      expect(load.data!.thisMonth!.targets).toEqual([529, 185, 120, 84, 25]);
      expect(load.data!.thisMonth!.leak.leak).toBe('Appointments → Presentations');
      expect(load.data!.overdue.map((c) => c.id)).toEqual([`ana|${QUALIFY.toLowerCase()}`]);
      const before = logRows(side.model);
      expect(before).toHaveLength(3); // the template's examples
      const result = await side.api.saveOneOnOne(SAVE);
      expect(result.rowsAppended).toBe(2);
      const after = logRows(side.model);
      expect(after.slice(0, 3)).toEqual(before);
      expect(after.slice(3)).toEqual(SAVED_ROWS);
      const again = await side.api.loadOneOnOne({ today: TODAY, rep: 'Ana' });
      expect(again.data!.overdue).toEqual([]);
    });
  }
});
