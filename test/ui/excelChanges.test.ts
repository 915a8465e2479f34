/**
 * The Excel task pane refreshes the review on worksheet change events (issue 12, item 3), and opens what it
 * makes (item 4): dist/excel-addin/taskpane.html + taskpane.js over the fake Office and the fake Excel bundled
 * into the page (./excelReviewPage.ts), so the pane's own ExcelWorkbook does every Excel.run and registers its
 * own WorksheetCollection.onChanged / onAdded / onDeleted handlers. A user typing in the grid fires onChanged;
 * no focus event is involved (the page counts them).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { OFFICE_JS_CDN_URL } from '../../scripts/lib/officeJs';
import { asyncHost } from '../../src/app/hostApi';
import { CSF_COLUMNS } from '../../src/templates/csfTracker';
import { MemoryWorkbook } from '../../preview/memoryWorkbook';
import { excelDist, readBuilt, repoRoot } from '../bundle/builtFiles';
import { launchBrowser, openPage, scrollsSideways, type Watched } from './browser';

/** The pane's clock: mid-August 2026, so the example tracker (2026) is reviewed for July, as in the other tests. */
const NOW = new Date(2026, 7, 15, 9, 0, 0);
const TODAY = '2026-08-15';
/** Well past the pane's wait for edits to settle (CHANGE_REFRESH_MS in shared/components/MonthlyReview.tsx). */
const SETTLED_MS = 2500;
const axeSource = readFileSync(join(repoRoot, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

interface ExcelState {
  runs: number;
  syncs: number;
  activeSheet: string | null;
  eventsFired: number;
  handlers: { changed: number; added: number; deleted: number };
}

let browser: Browser;
let simulator: string;
beforeAll(async () => {
  browser = await launchBrowser();
  const result = await build({
    entryPoints: [join(__dirname, 'excelReviewPage.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    logLevel: 'silent',
  });
  simulator = result.outputFiles[0].text;
});
afterAll(async () => {
  await browser?.close();
});

async function openTaskPane(): Promise<Watched> {
  const watched = await openPage(browser, {
    html: readBuilt(join(excelDist, 'taskpane.html')),
    files: {
      [OFFICE_JS_CDN_URL]: simulator,
      'functions.js': readBuilt(join(excelDist, 'functions.js')),
      'taskpane.js': readBuilt(join(excelDist, 'taskpane.js')),
    },
    // Every focus the window itself gets (not its fields), counted: the refreshes below must come from the change events alone.
    initScript:
      'window.__focusEvents = 0; window.addEventListener("focus", (e) => { if (e.target === window) window.__focusEvents++; }, true);',
    prepare: (page) => page.clock.setFixedTime(NOW),
    height: 800,
  });
  await watched.page.waitForSelector('#insert-tracker').catch((error: Error) => {
    throw new Error(
      `${error.message}; page errors: ${watched.pageErrors.join(' | ')}; console: ${watched.consoleMessages.join(' | ')}`,
    );
  });
  return watched;
}

const excelState = (page: Page) =>
  page.evaluate(() => (window as unknown as { __seExcel(): ExcelState }).__seExcel());
const userTypes = (page: Page, sheet: string, row: number, col: number, value: number | string) =>
  page.evaluate(
    ([s, r, c, v]) =>
      (window as unknown as { __seUserTypes(...a: unknown[]): void }).__seUserTypes(s, r, c, v),
    [sheet, row, col, value] as const,
  );
const idle = (page: Page) =>
  page.waitForFunction(() => document.querySelector('.review')?.getAttribute('aria-busy') === 'false');

async function axeViolations(page: Page): Promise<{ id: string; nodes: string[] }[]> {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<unknown> } }).axe;
    return (await axe.run(document)) as { violations: { id: string; nodes: { target: string[] }[] }[] };
  });
  return result.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) }));
}

/**
 * The example tracker's first CSF with an actual, and its reviewed month's actual cell (0-based), read by the
 * app over an in-memory workbook with the same template, year and day: independent of the page under test.
 */
async function firstCsf() {
  const host = asyncHost(new MemoryWorkbook());
  await host.insertTemplate({ templateId: 'csf-tracker', examples: true, year: NOW.getFullYear() });
  const data = await host.loadReview({ today: TODAY });
  const c = data.teams.flatMap((t) => t.csfs).find((x) => x.ytdActual !== null)!;
  return { name: c.csf, row: c.row - 1, col: CSF_COLUMNS.firstActual + data.period - 1 };
}

test('Excel: a user typing in the tracker refreshes the review (debounced, drafts kept, what changed said); the inserted tracker and the saved log are opened', async () => {
  const { name, row, col } = await firstCsf();
  const watched = await openTaskPane();
  const { page } = watched;
  // The empty workbook's state in the task pane has no violation either.
  expect(await axeViolations(page)).toEqual([]);
  await page.click('#insert-tracker');
  await page.waitForSelector('#save-review');
  let state = await excelState(page);
  // The tracker inserted from the review is opened (Worksheet.activate in the fake Excel).
  expect(state.activeSheet).toBe('CSF Tracker');
  // One handler each, registered by the pane's own Excel.run.
  expect(state.handlers).toEqual({ changed: 1, added: 1, deleted: 1 });

  // A draft, then the user types a new actual in the tracker.
  await page.fill('#csf-0-commentary', 'Kept across a change');
  const drafted = (await page.locator('article.csf:has(#csf-0-commentary) h4').textContent())!.trim();
  await idle(page);
  const before = await excelState(page);
  await userTypes(page, 'CSF Tracker', row, col, 98765);
  await page.waitForSelector('#refresh-note');
  expect(await page.textContent('#refresh-note')).toBe(
    `Refreshed: figures changed for ${name}. Your drafts are kept.`,
  );
  const card = page.locator('article.csf', {
    has: page.locator('h4', { hasText: new RegExp(`^${drafted}$`) }),
  });
  expect(await card.locator('textarea[id$="-commentary"]').inputValue()).toBe('Kept across a change');
  await idle(page);
  const afterOne = await excelState(page);
  const runsPerRefresh = afterOne.runs - before.runs;
  expect(runsPerRefresh).toBeGreaterThan(0);
  expect(await axeViolations(page)).toEqual([]);

  // A burst of edits (one event each) makes one refresh, once they settle; an edit elsewhere changing no
  // figure refreshes quietly: nothing said.
  for (let k = 0; k < 5; k++) await userTypes(page, 'Sheet1', k, 0, `note ${k}`);
  await page.waitForFunction(
    (n) => (window as unknown as { __seExcel(): ExcelState }).__seExcel().eventsFired >= n,
    afterOne.eventsFired + 5,
  );
  await page.waitForTimeout(SETTLED_MS);
  await idle(page);
  const afterBurst = await excelState(page);
  expect(afterBurst.runs - afterOne.runs).toBe(runsPerRefresh);
  expect(await page.locator('#refresh-note').count()).toBe(0);
  expect(await card.locator('textarea[id$="-commentary"]').inputValue()).toBe('Kept across a change');

  // A sheet added by the user (onAdded) is a change too.
  await page.evaluate(() =>
    (window as unknown as { __seUserAddsSheet(n: string): void }).__seUserAddsSheet('Notes'),
  );
  await page.waitForFunction(
    (n) => (window as unknown as { __seExcel(): ExcelState }).__seExcel().runs >= n,
    afterBurst.runs + runsPerRefresh,
  );
  await idle(page);

  // Save, then the banner's button opens the Review Log the save created.
  // The typed actual re-sorted the cards: fill every off-track one, wherever it is now.
  await page.fill('#reviewer', 'Dana');
  for (const fieldset of await page.locator('fieldset.required').all()) {
    await fieldset.locator('textarea[id$=-commentary]').fill('Fewer calls in July');
    await fieldset.locator('input[id$=-action]').fill('Call the lapsed accounts');
    await fieldset.locator('input[id$=-due]').fill('2026-09-30');
  }
  expect(await page.textContent('#save-left')).toBe('Ready to save');
  await page.click('#save-review');
  await page.waitForSelector('#open-review-log');
  state = await excelState(page);
  expect(state.activeSheet).toBe('CSF Tracker');
  await page.click('#open-review-log');
  await page.waitForFunction(
    () => (window as unknown as { __seExcel(): ExcelState }).__seExcel().activeSheet === 'Review Log',
  );
  expect(await axeViolations(page)).toEqual([]);
  expect(await scrollsSideways(page)).toBe(false);

  expect(await page.evaluate(() => (window as unknown as { __focusEvents: number }).__focusEvents)).toBe(0);
  expect(watched.pageErrors).toEqual([]);
  expect(watched.requests).toEqual([]);
});
