/**
 * Connect my plan through the built UI in Chromium, on both add-in hosts, with the same clicks:
 *
 * - Sheets: dist/sheets-addon/sidebar.html, its google.script.run answered by the built Code.js in a Node vm
 *   over the fake SpreadsheetApp (test/e2e/appsScriptServer.ts);
 * - Excel: dist/excel-addin/taskpane.html + taskpane.js over the fake Office and fake Excel bundled into the page
 *   (./excelConnectPage.ts), so the task pane's own ExcelWorkbook does every Excel.run.
 *
 * Each starts with a user's plan typed on a sheet, inserts a CSF Tracker from the Templates tab, then scans,
 * picks two measures and connects in the Connect plan tab. The tracker's month cells must show the typed plan,
 * and both hosts must end with the same tracker and Plan Links cells.
 */
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { OFFICE_JS_CDN_URL } from '../../scripts/lib/officeJs';
import { CSF_COLUMNS, CSF_FIRST_DATA_ROW } from '../../src/templates/csfTracker';
import { excelDist, readBuilt, sheetsDist } from '../bundle/builtFiles';
import { exposeServer, googleScriptRunScript, loadCodeJs } from '../e2e/appsScriptServer';
import type { SheetDump } from '../e2e/workbookDump';
import { dumpWorkbook } from '../e2e/workbookDump';
import type { CellValue } from '../simulators/spreadsheetModel';
import { launchBrowser, openPage, type Watched } from '../ui/browser';

const NOW = new Date('2026-04-10T09:00:00Z');
const PLAN_SHEET = 'Plan 2026';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const REVENUE_PLAN = [100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111];
const REVENUE_ACTUAL = [98, 103, 99];
const LOGOS_PLAN = [5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10];
const LOGOS_ACTUAL = [4, 6, 7];
const pad = (xs: number[]): CellValue[] => [...xs, ...Array<CellValue>(12 - xs.length).fill('')];
const PLAN_ROWS: CellValue[][] = [
  ['Measure', 'Line', ...MONTHS],
  ['Revenue', 'Plan', ...REVENUE_PLAN],
  ['Revenue', 'Actual', ...pad(REVENUE_ACTUAL)],
  ['New logos', 'Plan', ...LOGOS_PLAN],
  ['New logos', 'Actual', ...pad(LOGOS_ACTUAL)],
];

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The same clicks on either host: insert a tracker, scan, pick Revenue and New logos for Sales, connect. */
async function driveConnect(watched: Watched): Promise<{ found: string[]; done: string }> {
  const { page } = watched;
  const fail = (error: Error): never => {
    throw new Error(
      `${error.message}; page errors: ${watched.pageErrors.join(' | ')}; console: ${watched.consoleMessages.join(' | ')}`,
    );
  };
  await page.waitForSelector('#tab-templates').catch(fail);
  await page.click('#tab-templates');
  await page.waitForSelector('#insert-csf-tracker').catch(fail);
  await page.click('#insert-csf-tracker');
  await page.waitForSelector('#template-notice .status:text("Inserted CSF Tracker")').catch(fail);
  await page.click('#tab-connect');
  await page.click('#connect-scan');
  await page.waitForSelector('#connect-found-h').catch(fail);
  const found = await page.locator('.connect-measure h3').allTextContents();
  for (const [label, csf] of [
    ['Revenue', 'Grow revenue'],
    ['New logos', 'Win logos'],
  ]) {
    const i = found.indexOf(label);
    await page.check(`#connect-${i}-pick`);
    await page.selectOption(`#connect-${i}-team`, 'Sales');
    await page.fill(`#connect-${i}-csf`, csf);
  }
  await page.click('#connect-go');
  await page.waitForSelector('#connect-done').catch(fail);
  return { found, done: (await page.textContent('#connect-done')) ?? '' };
}

async function simulatorBundle(): Promise<string> {
  const result = await build({
    entryPoints: [join(__dirname, 'excelConnectPage.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

const clock = (page: Page) => page.clock.setFixedTime(NOW);

function sheet(dumps: SheetDump[], name: string): SheetDump {
  const found = dumps.find((d) => d.name === name);
  if (found === undefined) throw new Error(`no sheet "${name}" (${dumps.map((d) => d.name).join(', ')})`);
  return found;
}

/** Trailing empty rows and cells dropped (the two fakes' grids differ in size). */
function trimmed(grid: CellValue[][]): CellValue[][] {
  const rows = grid.map((r) => {
    let end = r.length;
    while (end > 0 && (r[end - 1] === '' || r[end - 1] === null)) end--;
    return r.slice(0, end);
  });
  while (rows.length > 0 && rows[rows.length - 1].length === 0) rows.pop();
  return rows;
}

const results: Record<string, SheetDump[]> = {};

function expectConnected(
  dumps: SheetDump[],
  outcome: { found: string[]; done: string },
  watched: Watched,
): void {
  expect(outcome.found).toEqual(['Revenue', 'New logos']);
  expect(outcome.done).toContain('Connected 2 measures to "CSF Tracker"');
  const tracker = sheet(dumps, 'CSF Tracker').values;
  const months = (row: number, first: number) => tracker[row].slice(first, first + 12);
  expect(tracker[CSF_FIRST_DATA_ROW].slice(0, 2)).toEqual(['Sales', 'Grow revenue']);
  expect(months(CSF_FIRST_DATA_ROW, CSF_COLUMNS.firstTarget)).toEqual(REVENUE_PLAN);
  expect(months(CSF_FIRST_DATA_ROW, CSF_COLUMNS.firstActual)).toEqual(pad(REVENUE_ACTUAL));
  expect(months(CSF_FIRST_DATA_ROW + 1, CSF_COLUMNS.firstTarget)).toEqual(LOGOS_PLAN);
  expect(months(CSF_FIRST_DATA_ROW + 1, CSF_COLUMNS.firstActual)).toEqual(pad(LOGOS_ACTUAL));
  // The user's plan is only read.
  expect(trimmed(sheet(dumps, PLAN_SHEET).values)).toEqual(trimmed(PLAN_ROWS));
  expect(watched.pageErrors).toEqual([]);
  expect(watched.requests).toEqual([]);
}

describe('Connect my plan through the built UI on both hosts', () => {
  test('Sheets: the built sidebar over the built Code.js (seHost_scanPlan, seHost_connectPlan)', async () => {
    const server = loadCodeJs();
    server.app.model.addSheet(PLAN_SHEET);
    server.app.model.setContents(PLAN_SHEET, 0, 0, PLAN_ROWS);
    const watched = await openPage(browser, {
      html: readBuilt(join(sheetsDist, 'sidebar.html')),
      initScript: googleScriptRunScript(server.serverFunctions),
      prepare: async (page) => {
        await clock(page);
        await exposeServer(page, server);
      },
    });
    const outcome = await driveConnect(watched);
    results.sheets = dumpWorkbook(server.app.model);
    expectConnected(results.sheets, outcome, watched);
    expect(server.calls).toEqual(expect.arrayContaining(['seHost_scanPlan', 'seHost_connectPlan']));
    expect(server.app.lockService.held).toBe(false);
  });

  test('Excel: the built task pane over the fake Excel', async () => {
    const watched = await openPage(browser, {
      html: readBuilt(join(excelDist, 'taskpane.html')),
      files: {
        [OFFICE_JS_CDN_URL]: await simulatorBundle(),
        'functions.js': readBuilt(join(excelDist, 'functions.js')),
        'taskpane.js': readBuilt(join(excelDist, 'taskpane.js')),
      },
      prepare: clock,
    });
    await watched.page.waitForFunction(() => '__seTypePlan' in window);
    await watched.page.evaluate(
      ([name, rows]) =>
        (window as unknown as { __seTypePlan(s: string, r: unknown): void }).__seTypePlan(name, rows),
      [PLAN_SHEET, PLAN_ROWS] as const,
    );
    const outcome = await driveConnect(watched);
    results.excel = await watched.page.evaluate(() =>
      (window as unknown as { __seWorkbook(): SheetDump[] }).__seWorkbook(),
    );
    expectConnected(results.excel, outcome, watched);
  });

  test('both hosts hold the same tracker and Plan Links cells, values and formulas', () => {
    if (results.sheets === undefined || results.excel === undefined)
      throw new Error('a host run above failed');
    for (const name of ['CSF Tracker', 'Plan Links']) {
      const a = sheet(results.sheets, name);
      const b = sheet(results.excel, name);
      expect({ name, formulas: trimmed(b.formulas) }).toEqual({ name, formulas: trimmed(a.formulas) });
      expect({ name, values: trimmed(b.values) }).toEqual({ name, values: trimmed(a.values) });
    }
  });
});
