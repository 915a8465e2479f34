/**
 * The formula conversion through the BUILT pages, with the same clicks on both add-in hosts and nothing of the
 * app supplied by the test (the function list included: each bundle has its own):
 *
 * - Sheets: dist/sheets-addon/sidebar.html, its google.script.run answered by the built Code.js in a Node vm
 *   over the fake SpreadsheetApp; a workbook made in Excel (SE.SCORE) converts to Sheets' names;
 * - Excel: dist/excel-addin/taskpane.html + taskpane.js over the fake Office and fake Excel bundled into the page
 *   (test/connect-host/excelConnectPage.ts), so the task pane's own ExcelWorkbook does every Excel.run; a
 *   workbook made in Sheets (SE_SCORE) converts to Excel's names.
 *
 * Each workbook has SE calls nested in other functions on two sheets (one named Q1 'Plan'), a string literal
 * and a text cell that mention a call and must stay. Expected formulas are written out by hand.
 */
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { OFFICE_JS_CDN_URL } from '../../scripts/lib/officeJs';
import { excelDist, readBuilt, sheetsDist } from '../bundle/builtFiles';
import { exposeServer, googleScriptRunScript, loadCodeJs } from '../e2e/appsScriptServer';
import type { SheetDump } from '../e2e/workbookDump';
import { dumpWorkbook } from '../e2e/workbookDump';
import type { CellValue } from '../simulators/spreadsheetModel';
import { launchBrowser, openPage, type Watched } from '../ui/browser';

const PLAN = "Q1 'Plan'";
const Q = "'Q1 ''Plan'''";

/** [sheet, rows] in Sheets' naming and in Excel's, by hand. */
const SHEETS_MADE: [string, CellValue[][]][] = [
  [
    'Scores',
    [
      [9, 4, '=IF(SE_SCORE(A1,B1)>0.9,SE_STATUS(SE_SCORE(A1,B1),0.9),"SE_SCORE(")'],
      [6, 8, 'SE_SCORE(A2,B2) is text'],
    ],
  ],
  [
    PLAN,
    [
      [10, `=ROUND(SE_TREND(${Q}!A1:A2,1),2)+IFERROR(FUNNEL_TARGETS(A1:A2,A1:A1),0)`],
      [12, '=SUM(A1:A2)'],
    ],
  ],
];
const EXCEL_MADE: [string, CellValue[][]][] = [
  [
    'Scores',
    [
      [9, 4, '=IF(SE.SCORE(A1,B1)>0.9,SE.STATUS(SE.SCORE(A1,B1),0.9),"SE_SCORE(")'],
      [6, 8, 'SE_SCORE(A2,B2) is text'],
    ],
  ],
  [
    PLAN,
    [
      [10, `=ROUND(SE.TREND(${Q}!A1:A2,1),2)+IFERROR(SE.FUNNEL_TARGETS(A1:A2,A1:A1),0)`],
      [12, '=SUM(A1:A2)'],
    ],
  ],
];

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The same clicks on either host: Templates, scan, read the list, convert, read the outcome. */
async function driveConvert(watched: Watched): Promise<{ heading: string; cells: string[]; done: string }> {
  const { page } = watched;
  const fail = (error: Error): never => {
    throw new Error(
      `${error.message}; page errors: ${watched.pageErrors.join(' | ')}; console: ${watched.consoleMessages.join(' | ')}`,
    );
  };
  await page.waitForSelector('#tab-templates').catch(fail);
  await page.click('#tab-templates');
  const heading = (await page.textContent('#convert-heading')) ?? '';
  await page.click('#convert-scan');
  await page.waitForSelector('#convert-run').catch(fail);
  const cells = await page.locator('.convert-formulas .connect-measure strong').allTextContents();
  await page.click('#convert-run');
  await page
    .waitForFunction(() =>
      /^(Converted|Convert formulas:)/.test(
        (document.querySelector('#convert-notice')?.textContent ?? '').trim(),
      ),
    )
    .catch(fail);
  return { heading, cells, done: ((await page.textContent('#convert-notice')) ?? '').trim() };
}

/** A sheet's formulas (or raw values) from the dump, trailing empties dropped. */
function contents(dumps: SheetDump[], name: string): CellValue[][] {
  const found = dumps.find((d) => d.name === name);
  if (found === undefined) throw new Error(`no sheet "${name}" (${dumps.map((d) => d.name).join(', ')})`);
  const rows = found.formulas.map((r) => {
    let end = r.length;
    while (end > 0 && (r[end - 1] === '' || r[end - 1] === null)) end--;
    return r.slice(0, end);
  });
  while (rows.length > 0 && rows[rows.length - 1].length === 0) rows.pop();
  return rows;
}

async function simulatorBundle(): Promise<string> {
  const result = await build({
    entryPoints: [join(__dirname, '..', 'connect-host', 'excelConnectPage.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

describe('converting formulas through the built pages', () => {
  test('Sheets: the built sidebar over the built Code.js turns Excel’s names into Sheets’', async () => {
    const server = loadCodeJs();
    for (const [name, rows] of EXCEL_MADE) {
      if (!server.app.model.hasSheet(name)) server.app.model.addSheet(name);
      server.app.model.setContents(name, 0, 0, rows);
    }
    const watched = await openPage(browser, {
      html: readBuilt(join(sheetsDist, 'sidebar.html')),
      initScript: googleScriptRunScript(server.serverFunctions),
      prepare: async (page) => {
        await exposeServer(page, server);
      },
    });
    const outcome = await driveConvert(watched);
    expect(outcome).toEqual({
      heading: 'Formulas from Excel',
      cells: ["'Scores'!C1", `${Q}!B1`],
      done: 'Converted 2 formulas on 2 sheets to Google Sheets names (SE_SCORE).',
    });
    const dumps = dumpWorkbook(server.app.model);
    for (const [name, rows] of SHEETS_MADE) expect([name, contents(dumps, name)]).toEqual([name, rows]);
    expect(server.calls).toEqual(
      expect.arrayContaining(['seHost_scanFormulaNames', 'seHost_convertFormulaNames']),
    );
    expect(server.app.lockService.held).toBe(false);
    expect(watched.pageErrors).toEqual([]);
    expect(watched.requests).toEqual([]);
  });

  test('Excel: the built task pane over the fake Excel turns Sheets’ names into Excel’s', async () => {
    const watched = await openPage(browser, {
      html: readBuilt(join(excelDist, 'taskpane.html')),
      files: {
        [OFFICE_JS_CDN_URL]: await simulatorBundle(),
        'functions.js': readBuilt(join(excelDist, 'functions.js')),
        'taskpane.js': readBuilt(join(excelDist, 'taskpane.js')),
      },
    });
    await watched.page.waitForFunction(() => '__seTypePlan' in window);
    for (const [name, rows] of SHEETS_MADE)
      await watched.page.evaluate(
        ([n, r]) => (window as unknown as { __seTypePlan(s: string, r: unknown): void }).__seTypePlan(n, r),
        [name, rows] as const,
      );
    const outcome = await driveConvert(watched);
    expect(outcome).toEqual({
      heading: 'Formulas from Google Sheets',
      cells: ["'Scores'!C1", `${Q}!B1`],
      done: 'Converted 2 formulas on 2 sheets to Excel names (SE.SCORE).',
    });
    const dumps = await watched.page.evaluate(() =>
      (window as unknown as { __seWorkbook(): SheetDump[] }).__seWorkbook(),
    );
    for (const [name, rows] of EXCEL_MADE) expect([name, contents(dumps, name)]).toEqual([name, rows]);
    expect(watched.pageErrors).toEqual([]);
    expect(watched.requests).toEqual([]);
  });
});
