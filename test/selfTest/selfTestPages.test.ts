/**
 * "Run self-test" through the built UI in Chromium, on both hosts:
 *
 * - Sheets: the built sidebar as the menu's "Run self-test" serves it (pageStartingSelfTest), its
 *   google.script.run answered by the built Code.js in a vm over the fake SpreadsheetApp, whose engine computes
 *   SE_* with Code.js's own functions: the page opens on "Check this installation", runs, lists every check as
 *   passed with the host and the version, and the spreadsheet ends with the sheets and names it had.
 * - Excel: the built task pane over the fake Office and Excel, SE.* computed by the built functions.js; the
 *   ribbon's "Run self-test" (taskpane.js's associated action) starts it, and the report names Excel's version.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { OFFICE_JS_CDN_URL } from '../../scripts/lib/officeJs';
import { pageStartingSelfTest } from '../../src/selfTest/page';
import { excelDist, readBuilt, repoRoot, sheetsDist } from '../bundle/builtFiles';
import { exposeServer, googleScriptRunScript } from '../e2e/appsScriptServer';
import { launchBrowser, openPage, scrollsSideways } from '../ui/browser';
import { FUNCTIONS, sheetsAndNames, sheetsSelfTestHost } from './selfTestHosts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const CHECKS = '#self-test-report li';

const axeSource = readFileSync(join(repoRoot, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** axe-core's violations on the page as it is (the report listed, the copy notice shown). */
async function axeViolations(page: Page): Promise<{ id: string; nodes: string[] }[]> {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<unknown> } }).axe;
    return (await axe.run(document)) as { violations: { id: string; nodes: { target: string[] }[] }[] };
  });
  return result.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) }));
}

test('Sheets: the menu opens the sidebar on the self-test, which runs and passes through the built Code.js', async () => {
  const host = sheetsSelfTestHost();
  host.model.setContents('Sheet1', 0, 0, [['My own figures', 42]]);
  host.model.addName('MyFigure', 'Sheet1', { row: 0, col: 1, rows: 1, cols: 1 });
  const before = sheetsAndNames(host.model);
  const serverFunctions = Object.keys(host.context).filter(
    (name) => typeof host.context[name] === 'function' && !name.endsWith('_'),
  );
  const server = { app: host.app, context: host.context, serverFunctions, calls: [] as string[] };
  const watched = await openPage(browser, {
    html: pageStartingSelfTest(readBuilt(join(sheetsDist, 'sidebar.html'))),
    initScript: googleScriptRunScript(serverFunctions),
    prepare: (page) => exposeServer(page, server),
    width: 285,
  });
  const { page } = watched;
  await page.waitForSelector('#self-test-notice .status:text("Passed: all")', { timeout: 60000 });
  expect(await page.getAttribute('#tab-templates', 'aria-selected')).toBe('true');
  const items = await page.$$eval(CHECKS, (lis) => lis.map((li) => li.textContent ?? ''));
  expect(items.length).toBeGreaterThan(FUNCTIONS.length);
  expect(items.every((t) => t.startsWith('Passed '))).toBe(true);
  for (const f of FUNCTIONS) expect(items.some((t) => t.startsWith(`Passed ${f.sheetsName}: `))).toBe(true);
  const about = (await page.textContent('#self-test-report p')) ?? '';
  expect(about).toMatch(/^Google Sheets \(Apps Script\), version not reported/);
  expect(about).toMatch(/SE Toolkit \d+\.\d+\.\d+, run \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  expect(server.calls).toContain('seHost_runSelfTest');
  expect(sheetsAndNames(host.model)).toEqual(before);
  expect(await scrollsSideways(page)).toBe(false);

  // Copy report: the Clipboard API, or the text shown to copy by hand where the page may not write it.
  await page.click('#copy-self-test');
  await page.waitForSelector('#self-test-notice .status:text-matches("Report copied|select the report")');
  if ((await page.$('#self-test-text')) !== null) {
    const text = await page.inputValue('#self-test-text');
    expect(text.split('\n')[0]).toMatch(/^SE Toolkit self-test: PASSED \(\d+ checks\)$/);
  }
  expect(await axeViolations(page)).toEqual([]);
  expect(watched.pageErrors).toEqual([]);
  expect(watched.requests).toEqual([]);
  expect(watched.dialogs).toEqual([]);
}, 120000);

test('Excel: the ribbon starts the self-test in the task pane; it passes through the built functions.js', async () => {
  const simulator = await build({
    entryPoints: [join(__dirname, 'excelSelfTestPage.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    logLevel: 'silent',
  });
  const functionsJson = readBuilt(join(excelDist, 'functions.json'));
  const watched = await openPage(browser, {
    html: readBuilt(join(excelDist, 'taskpane.html')),
    initScript: `window.__seFunctionsJson = ${functionsJson};`,
    files: {
      [OFFICE_JS_CDN_URL]: simulator.outputFiles[0].text,
      'functions.js': readBuilt(join(excelDist, 'functions.js')),
      'taskpane.js': readBuilt(join(excelDist, 'taskpane.js')),
    },
  });
  const { page } = watched;
  await page.waitForSelector('#tab-monthly');
  const before = await page.evaluate(() =>
    (window as unknown as { __seSheetsAndNames(): unknown }).__seSheetsAndNames(),
  );
  const pressed = await page.evaluate(() =>
    (window as unknown as { __sePressRibbon(id: string): Promise<boolean> }).__sePressRibbon('runSelfTest'),
  );
  expect(pressed).toBe(true);
  await page.waitForSelector('#self-test-notice .status:text("Passed: all")', { timeout: 60000 });
  expect(await page.getAttribute('#tab-templates', 'aria-selected')).toBe('true');
  const items = await page.$$eval(CHECKS, (lis) => lis.map((li) => li.textContent ?? ''));
  expect(items.every((t) => t.startsWith('Passed '))).toBe(true);
  for (const f of FUNCTIONS) expect(items.some((t) => t.startsWith(`Passed SE.${f.excelId}: `))).toBe(true);
  const about = (await page.textContent('#self-test-report p')) ?? '';
  expect(about).toMatch(/^Microsoft Excel, version 16\.0\.18000\.20000 \(OfficeOnline\)/);
  const after = await page.evaluate(() =>
    (window as unknown as { __seSheetsAndNames(): unknown }).__seSheetsAndNames(),
  );
  expect(after).toEqual(before);
  expect(watched.pageErrors).toEqual([]);
  expect(watched.requests).toEqual([]);
}, 120000);

test('Sheets: a failing run says so in the alert and lists the failed checks first', async () => {
  const host = sheetsSelfTestHost();
  const before = sheetsAndNames(host.model);
  // A host whose SE_SCORE is wrong by a factor of ten.
  const right = host.model.customFunctions.get('SE_SCORE');
  if (right === undefined) throw new Error('SE_SCORE is not registered');
  host.model.customFunctions.set('SE_SCORE', (...args) =>
    (right(...args) as unknown[][]).map((r) => r.map((v) => (typeof v === 'number' ? v / 10 : v))),
  );
  const serverFunctions = Object.keys(host.context).filter(
    (name) => typeof host.context[name] === 'function' && !name.endsWith('_'),
  );
  const server = { app: host.app, context: host.context, serverFunctions, calls: [] as string[] };
  const watched = await openPage(browser, {
    html: pageStartingSelfTest(readBuilt(join(sheetsDist, 'sidebar.html'))),
    initScript: googleScriptRunScript(serverFunctions),
    prepare: (page) => exposeServer(page, server),
    width: 285,
  });
  const { page } = watched;
  await page.waitForSelector('#self-test-notice .error', { timeout: 60000 });
  expect(await page.textContent('#self-test-notice .error')).toMatch(
    /^Failed: 2 of \d+ checks\. Copy the report/,
  );
  const items = await page.$$eval(CHECKS, (lis) => lis.map((li) => li.textContent ?? ''));
  expect(items.slice(0, 2)).toEqual([
    expect.stringMatching(/^Failed SE_SCORE: 9\/10 plan x 4\/10 execution is 36: .*expected 36, found 3\.6$/),
    expect.stringMatching(/^Failed SE_SCORE: ranges: .*expected 36, found 3\.6; .*expected 48, found 4\.8$/),
  ]);
  expect(items.slice(2).every((t) => t.startsWith('Passed '))).toBe(true);
  expect(sheetsAndNames(host.model)).toEqual(before);
  expect(watched.pageErrors).toEqual([]);
}, 120000);
