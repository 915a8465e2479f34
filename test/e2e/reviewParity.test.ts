/**
 * One monthly review and one quarterly prep, done through the built UI in Chromium on both hosts:
 *
 * - Sheets: dist/sheets-addon/sidebar.html, its google.script.run answered by the built Code.js in a Node vm
 *   over the fake SpreadsheetApp (./appsScriptServer.ts);
 * - Excel: dist/excel-addin/taskpane.html + taskpane.js, over a fake Office and the fake Excel bundled into the
 *   page (./excelSimulatorPage.ts), so the task pane's own ExcelWorkbook does every Excel.run.
 *
 * Both start from an empty workbook, insert the CSF Tracker, Review Log and Activity Funnel with examples from
 * the Templates tab, review July with the same inputs on the same fixed clock, and prepare Q3. The Review Log
 * and the new review sheet must then hold the same cells on both hosts, and the tracker must be untouched.
 */
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { excelDist, readBuilt, sheetsDist } from '../bundle/builtFiles';
import { launchBrowser, openPage, type Watched } from '../ui/browser';
import { OFFICE_JS_CDN_URL } from '../../scripts/lib/officeJs';
import { exposeServer, googleScriptRunScript, loadCodeJs } from './appsScriptServer';
import { dumpWorkbook, type SheetDump } from './workbookDump';

/** The browser's clock for both runs: the UI sends today (2026-08-03) and now from it. */
const NOW = new Date('2026-08-03T09:30:00Z');
/** NOW on the reviewer's own clock, as the log writes it: the browser and this process share the machine's zone. */
const pad = (n: number) => String(n).padStart(2, '0');
const LOCAL_NOW = `${NOW.getFullYear()}-${pad(NOW.getMonth() + 1)}-${pad(NOW.getDate())} ${pad(NOW.getHours())}:${pad(NOW.getMinutes())}`;
const INPUTS = {
  commentary: 'Two reps on leave; appointments fell again in July',
  action: 'Daily call block for the two new reps',
  owner: 'Sam Lee',
  due: '2026-09-30',
  reviewer: 'Dana Reviewer',
};
const TEMPLATES = [
  ['csf-tracker', 'CSF Tracker'],
  ['review-log', 'Review Log'],
  ['activity-funnel', 'Activity Funnel'],
] as const;
const TRACKER = 'CSF Tracker';
const LOG = 'Review Log';
const REVIEW_SHEET = 'Review Q3 FY2026';

interface Outcome {
  /** All sheets after inserting the templates, before the review. */
  seeded: SheetDump[];
  /** All sheets after saving the review and preparing the quarter. */
  final: SheetDump[];
  csfNames: string[];
  periodLabel: string;
  saveMessage: string;
  prepareMessage: string;
  summary: string[];
  watched: Watched;
}

/** The same clicks and keystrokes on either host; `readWorkbook` reads the host's model back. */
async function driveReview(watched: Watched, readWorkbook: () => Promise<SheetDump[]>): Promise<Outcome> {
  const { page } = watched;
  const fail = (error: Error): never => {
    throw new Error(
      `${error.message}; page errors: ${watched.pageErrors.join(' | ')}; console: ${watched.consoleMessages.join(' | ')}; requests: ${watched.requests.join(' ')}`,
    );
  };
  // An empty workbook: the review cannot load yet, says so and offers to insert a tracker.
  await page.waitForSelector('#no-tracker-text:text("CSF Tracker")').catch(fail);
  await page.waitForSelector('#insert-tracker').catch(fail);

  await page.click('#tab-templates');
  await page.waitForSelector(`#insert-${TEMPLATES[0][0]}`);
  await page.check('#with-examples');
  for (const [id, title] of TEMPLATES) {
    await page.click(`#insert-${id}`);
    await page.waitForSelector(`#template-notice .status:text("Inserted ${title}")`).catch(fail);
  }
  const seeded = await readWorkbook();

  // Inserting the tracker from the Templates tab loads the review that was waiting for one.
  await page.click('#tab-monthly');
  await page.waitForSelector('#save-review').catch(fail);
  const periodLabel = (await page.textContent('#csfs-h')) ?? '';
  const csfNames = await page.locator('article.csf h4').allTextContents();
  expect(await page.locator('article.csf .chip').first().textContent()).toMatch(/Off track/);

  await page.fill('#csf-0-commentary', INPUTS.commentary);
  await page.fill('#csf-0-action', INPUTS.action);
  await page.fill('#csf-0-owner', INPUTS.owner);
  await page.fill('#csf-0-due', INPUTS.due);
  await page.fill('#reviewer', INPUTS.reviewer);
  await page.check('fieldset.action input[value="Done"]');
  await page.click('#save-review');
  await page.waitForSelector('#save-notice .status:text("Saved the review")').catch(fail);
  const saveMessage = (await page.textContent('#save-notice .status')) ?? '';

  await page.click('#tab-quarter');
  await page.selectOption('#quarter', '3');
  await page.click('#prepare-quarter');
  await page.waitForSelector('#quarter-notice .status:text("Prepared")').catch(fail);
  const prepareMessage = (await page.textContent('#quarter-notice .status')) ?? '';
  const summary = await page.locator('.summary li').allTextContents();

  return {
    seeded,
    final: await readWorkbook(),
    csfNames,
    periodLabel,
    saveMessage,
    prepareMessage,
    summary,
    watched,
  };
}

function sheet(dumps: SheetDump[], name: string): SheetDump {
  const found = dumps.find((d) => d.name === name);
  if (found === undefined)
    throw new Error(`no sheet "${name}" (sheets: ${dumps.map((d) => d.name).join(', ')})`);
  return found;
}

/** The Review Log rows the review appended: those below the rows it had after seeding. */
function appendedLogRows(outcome: Outcome): SheetDump['values'] {
  return sheet(outcome.final, LOG).values.slice(sheet(outcome.seeded, LOG).values.length);
}

const clock = (page: Page) => page.clock.setFixedTime(NOW);

async function runSheets(browser: Browser): Promise<Outcome & { calls: string[] }> {
  const server = loadCodeJs();
  const watched = await openPage(browser, {
    html: readBuilt(join(sheetsDist, 'sidebar.html')),
    initScript: googleScriptRunScript(server.serverFunctions),
    prepare: async (page) => {
      await clock(page);
      await exposeServer(page, server);
    },
  });
  const outcome = await driveReview(watched, async () => dumpWorkbook(server.app.model));
  expect(server.app.lockService.held).toBe(false);
  return { ...outcome, calls: server.calls };
}

async function simulatorBundle(): Promise<string> {
  const result = await build({
    entryPoints: [join(__dirname, 'excelSimulatorPage.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

async function runExcel(browser: Browser): Promise<Outcome & { counts: { runs: number; syncs: number } }> {
  const watched = await openPage(browser, {
    html: readBuilt(join(excelDist, 'taskpane.html')),
    // The fake Office and Excel stand where office.js is loaded from, before functions.js and taskpane.js.
    files: {
      [OFFICE_JS_CDN_URL]: await simulatorBundle(),
      'functions.js': readBuilt(join(excelDist, 'functions.js')),
      'taskpane.js': readBuilt(join(excelDist, 'taskpane.js')),
    },
    prepare: clock,
  });
  const read = () =>
    watched.page.evaluate(() => (window as unknown as { __seWorkbook(): SheetDump[] }).__seWorkbook());
  const outcome = await driveReview(watched, read);
  const counts = await watched.page.evaluate(() =>
    (window as unknown as { __seExcelCounts(): { runs: number; syncs: number } }).__seExcelCounts(),
  );
  return { ...outcome, counts };
}

/** What either host must show: July reviewed, the typed inputs in the off-track CSF's row, Q3 prepared. */
function expectTheReview(outcome: Outcome): void {
  expect(outcome.periodLabel).toBe('CSFs in Jul');
  expect(outcome.csfNames).toHaveLength(6);
  expect(outcome.csfNames[0]).toBe('Example: Fill the funnel');
  expect(outcome.saveMessage).toMatch(/^Saved the review of Jul \(2026-07\): 6 CSFs and 1 action update/);

  const rows = appendedLogRows(outcome);
  expect(rows).toHaveLength(7);
  const header = sheet(outcome.final, LOG).values.find((r) => r[0] === 'Month') ?? [];
  const cell = (row: SheetDump['values'][number], title: string) => row[header.indexOf(title)];
  expect(header).toHaveLength(17);
  for (const row of rows) {
    expect(cell(row, 'Month')).toBe('2026-07');
    expect(cell(row, 'Reviewer')).toBe(INPUTS.reviewer);
    expect(cell(row, 'Saved at')).toBe(LOCAL_NOW);
  }
  const offTrack = rows.filter((r) => cell(r, 'Status') === 'Off track');
  expect(offTrack).toHaveLength(1);
  expect(cell(offTrack[0], 'CSF')).toBe('Example: Fill the funnel');
  expect(cell(offTrack[0], 'Team')).toBe('Sales');
  expect(cell(offTrack[0], 'Commentary')).toBe(INPUTS.commentary);
  expect(cell(offTrack[0], 'Action')).toBe(INPUTS.action);
  expect(cell(offTrack[0], 'Owner')).toBe(INPUTS.owner);
  // 2026-09-30 as a date serial (days since 1899-12-30), in a yyyy-mm-dd cell.
  expect(cell(offTrack[0], 'Due date')).toBe((Date.UTC(2026, 8, 30) - Date.UTC(1899, 11, 30)) / 86_400_000);
  expect(cell(offTrack[0], 'Action status')).toBe('Open');
  // SPEC §2: the unit, the variance's side and the basis of the figures.
  expect([cell(offTrack[0], 'Basis'), cell(offTrack[0], 'Unit'), cell(offTrack[0], 'Side')]).toEqual([
    'YTD through Jul',
    'count',
    'Unfavourable',
  ]);
  // The example whose July actual is not in: logged as Awaiting actual, through June, without commentary.
  const awaiting = rows.filter((r) => cell(r, 'Status') === 'Awaiting actual');
  expect(awaiting.map((r) => [cell(r, 'CSF'), cell(r, 'Basis'), cell(r, 'Commentary')])).toEqual([
    ['Example: Generate demand', 'YTD through Jun', ''],
  ]);
  const update = rows[6];
  expect(cell(update, 'Status')).toBe('');
  expect(cell(update, 'Action status')).toBe('Done');
  expect(cell(update, 'Commentary')).toBe('Done (review of 2026-07)');
  expect(cell(update, 'Action')).toBe('Joint calls with both new reps each week');

  expect(outcome.prepareMessage).toMatch(new RegExp(`^Prepared "${REVIEW_SHEET}" with 6 CSFs`));
  const review = sheet(outcome.final, REVIEW_SHEET).values;
  expect(review[0][0]).toBe(REVIEW_SHEET);
  const cells = review.flat().map(String);
  // Five judged: the example awaiting its July actual is named apart, not counted.
  expect(cells.find((c) => c.includes('of 5 CSFs on track'))).toBeDefined();
  expect(outcome.summary[0]).toMatch(/of 5 CSFs on track/);
  expect(outcome.summary.join(' ')).toContain(
    'Awaiting the latest actual: Example: Generate demand (Marketing)',
  );

  // The review never touches the tracker, and nothing but the log and the new sheet changed.
  expect(sheet(outcome.final, TRACKER)).toEqual(sheet(outcome.seeded, TRACKER));
  expect(outcome.final.map((d) => d.name)).toEqual([...outcome.seeded.map((d) => d.name), REVIEW_SHEET]);
  for (const before of outcome.seeded) {
    if (before.name !== LOG) expect(sheet(outcome.final, before.name)).toEqual(before);
  }
  expect(outcome.watched.requests).toEqual([]);
  expect(outcome.watched.pageErrors).toEqual([]);
  expect(outcome.watched.dialogs).toEqual([]);
}

let browser: Browser;
let sheets: Outcome | undefined;
let excel: Outcome | undefined;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('a monthly review and a quarterly prep through the built UI, on both hosts', () => {
  test('Sheets: the built sidebar over the built Code.js in a vm with the fake SpreadsheetApp', async () => {
    const outcome = await runSheets(browser);
    expectTheReview(outcome);
    // Everything went through google.script.run to the generated server functions.
    expect(new Set(outcome.calls)).toEqual(
      new Set([
        'seHost_loadReview',
        'seHost_templateChoices',
        'seHost_insertTemplate',
        // The sidebar opens what it made: the inserted tracker, the prepared quarter.
        'seHost_openSheet',
        'seHost_saveReview',
        'seHost_prepareQuarter',
      ]),
    );
    sheets = outcome;
  });

  test('Excel: the built task pane over the fake Excel (Excel.run in the page)', async () => {
    const outcome = await runExcel(browser);
    expectTheReview(outcome);
    expect(outcome.counts.runs).toBeGreaterThan(0);
    excel = outcome;
  });

  test('both hosts end with the same Review Log rows, review sheet and tracker, cell for cell', () => {
    if (sheets === undefined || excel === undefined) throw new Error('a host run above failed');
    expect(appendedLogRows(excel)).toEqual(appendedLogRows(sheets));
    expect(sheet(excel.final, LOG).values).toEqual(sheet(sheets.final, LOG).values);
    expect(sheet(excel.final, REVIEW_SHEET).values).toEqual(sheet(sheets.final, REVIEW_SHEET).values);
    expect(sheet(excel.final, TRACKER).values).toEqual(sheet(sheets.final, TRACKER).values);
    expect(excel.summary).toEqual(sheets.summary);
    expect(excel.saveMessage).toBe(sheets.saveMessage);
    expect(excel.prepareMessage).toBe(sheets.prepareMessage);
    expect(excel.csfNames).toEqual(sheets.csfNames);
    // Every sheet, not only the two the review writes.
    expect(excel.final.map((d) => [d.name, d.values])).toEqual(sheets.final.map((d) => [d.name, d.values]));
  });

  test('what the cells hold agrees too, but for the apostrophe the Sheets adapter puts before all text', () => {
    if (sheets === undefined || excel === undefined) throw new Error('a host run above failed');
    // sheets-addon/sheetsWorkbook.ts marks every text cell as text ('Month); the Excel adapter only text that
    // Excel would otherwise read as a number, date, formula or boolean ('2026-07). Both read back the same.
    const unmarked = (dumps: SheetDump[]) =>
      dumps.map((d) => [
        d.name,
        d.formulas.map((row) =>
          row.map((v) => (typeof v === 'string' && v.startsWith("'") ? v.slice(1) : v)),
        ),
      ]);
    expect(unmarked(excel.final)).toEqual(unmarked(sheets.final));
  });
});
