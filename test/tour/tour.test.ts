/**
 * The README's tour, end to end: `npm start` itself (a child process, on a free port), the preview in headless Chromium with
 * every request that is not to the server refused (and none attempted), then what a newcomer does: look at the
 * demo workbook, insert a template, edit an actual on the Plan and watch the tracker's status and forecast
 * move, run July's review, prepare Q3. The README's screenshots come from this run.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { spawn, type ChildProcess } from 'node:child_process';
import { DEMO_MEASURES, planMonthCol, planRows } from '../../preview/demoWorkbook';
import { a1 } from '../../src/templates/a1';
import { CSF_COLUMNS, CSF_FIRST_DATA_ROW } from '../../src/templates/csfTracker';
import { launchBrowser } from '../ui/browser';

const repoRoot = resolve(__dirname, '../..');
const screenshots = join(repoRoot, 'docs', 'screenshots');

const measure = (csf: string): number => {
  const i = DEMO_MEASURES.findIndex((m) => m.csf === csf);
  if (i < 0) throw new Error(csf);
  return i;
};
const trackerCell = (csf: string, col: number): string => a1(CSF_FIRST_DATA_ROW + measure(csf), col);

describe('the tour: npm start, the preview, a review and a quarter', () => {
  let server: { url: string };
  let npmStart: ChildProcess;
  let browser: Browser;
  let page: Page;
  const outside: string[] = [];
  const pageErrors: string[] = [];
  const dialogs: string[] = [];

  beforeAll(async () => {
    // pretest has built dist/ (the preview included), so this is `npm start -- --no-build`: the same script
    // and server, without rebuilding dist/ under the other suites' feet. The URL is the one it prints.
    npmStart = spawn(process.execPath, ['--import', 'tsx', 'scripts/serve.ts', '--no-build'], {
      cwd: repoRoot,
      env: { ...process.env, PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server = { url: await printedPreviewUrl(npmStart) };
    browser = await launchBrowser();
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      // With the Office dev certificate installed, npm start serves https://localhost under a CA this browser
      // was never told about (server.test.ts checks that path against the CA itself).
      ignoreHTTPSErrors: server.url.startsWith('https:'),
    });
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (url === server.url || url.startsWith(`${server.url}/`)) {
        await route.continue();
        return;
      }
      outside.push(url);
      await route.abort();
    });
    page = await context.newPage();
    page.setDefaultTimeout(20000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('dialog', (dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.accept();
    });
    mkdirSync(screenshots, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    if (npmStart !== undefined && npmStart.exitCode === null) {
      const exited = new Promise((done) => npmStart.once('exit', done));
      npmStart.kill('SIGINT');
      await exited;
    }
  });

  const sheetTab = (name: string) =>
    page.locator('nav[aria-label="Sheets"]').getByRole('tab', { name, exact: true });
  const cellText = async (cell: string): Promise<string> =>
    ((await page.textContent(`td[data-cell="${cell}"]`)) ?? '').trim();
  async function openSheet(name: string): Promise<void> {
    await sheetTab(name).click();
    await page.waitForSelector(`table.grid[aria-label="${name}"]`);
  }

  test('opens on the demo workbook with the review of July in the sidebar', async () => {
    await page.goto(`${server.url}/`);
    for (const name of [
      'Plan',
      'CSF Tracker',
      'Activity Funnel',
      'Coaching Log',
      'Review Log',
      'SE Scorecard',
    ])
      await sheetTab(name).waitFor();
    await page.waitForSelector('#csfs-h:text("CSFs in Jul")');
    expect(await page.locator('article.csf .chip').first().textContent()).toMatch(/Off track/);
    await openSheet('CSF Tracker');
    expect(await cellText(trackerCell('Fill the funnel', CSF_COLUMNS.status))).toBe('Off track');
    await page.screenshot({ path: join(screenshots, 'tour-preview.png') });
  });

  test('inserts a template from the Templates tab', async () => {
    await page.click('#tab-templates');
    await page.click('#insert-definitions');
    await page.waitForSelector('#template-notice .status:text("Inserted")');
    await sheetTab('Definitions (2)').waitFor();
  });

  test('an actual typed on the Plan moves the tracker’s status and forecast', async () => {
    const csf = 'Hand over good leads';
    const status = trackerCell(csf, CSF_COLUMNS.status);
    const forecast = trackerCell(csf, CSF_COLUMNS.forecast);
    await openSheet('CSF Tracker');
    expect(await cellText(status)).toBe('At risk');
    const forecastBefore = await cellText(forecast);
    expect(forecastBefore).toBe('684');

    await openSheet('Plan');
    const julyActual = a1(planRows(measure(csf)).actual, planMonthCol(7));
    await page.click(`td[data-cell="${julyActual}"]`);
    expect(await page.inputValue('input[aria-label="Cell content"]')).toBe('56');
    await page.fill('input[aria-label="Cell content"]', '90');
    await page.press('input[aria-label="Cell content"]', 'Enter');
    await page.waitForSelector(`td[data-cell="${julyActual}"]:text-is("90")`);

    await openSheet('CSF Tracker');
    expect(await cellText(status)).toBe('On track');
    // (52+58+61+55+60+57+90) / 7 * 12
    expect(await cellText(forecast)).toBe('742');
    // The tracker's July actual is the link into the Plan, not a typed number.
    await page.click(`td[data-cell="${trackerCell(csf, CSF_COLUMNS.firstActual + 6)}"]`);
    expect(await page.inputValue('input[aria-label="Cell content"]')).toBe(
      `=IF(Plan!${julyActual}="","",Plan!${julyActual})`,
    );
  });

  test('runs the monthly review and sees its rows in the Review Log', async () => {
    await page.click('#tab-monthly');
    // Reload July so the review sees the edit (pick another month and back).
    await page.selectOption('#review-month', '6');
    await page.waitForSelector('#csfs-h:text("CSFs in Jun")');
    await page.selectOption('#review-month', '7');
    await page.waitForSelector('#csfs-h:text("CSFs in Jul")');
    expect(await page.textContent('#csf-0-name')).toBe('Fill the funnel');
    const chips = await page.locator('article.csf .chip').allTextContents();
    expect(chips.filter((c) => /Off track/.test(c))).toHaveLength(1);
    expect(chips.filter((c) => /At risk/.test(c))).toHaveLength(1);

    await page.fill(
      '#csf-0-commentary',
      'Appointments have fallen for six months; two new reps still ramping up.',
    );
    await page.fill('#csf-0-action', 'Daily call block with the new reps until the end of August');
    await page.fill('#csf-0-owner', 'Sales managers');
    await page.fill('#csf-0-due', '2026-08-31');
    await page.fill('#reviewer', 'Tour reviewer');
    await page.click('#save-review');
    await page.waitForSelector('#save-notice .status:text("Saved the review")');

    await openSheet('Review Log');
    const july = page.locator('td[data-cell^="A"]:text-is("2026-07")');
    expect(await july.count()).toBe(6);
    const rows = await page
      .locator('table.grid tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent ?? '')),
      );
    const julyRows = rows.filter((r) => r[0] === '2026-07');
    expect(julyRows.map((r) => [r[2], r[3]])).toEqual(
      expect.arrayContaining([
        ['Fill the funnel', 'Off track'],
        ['Hand over good leads', 'On track'],
      ]),
    );
    expect(julyRows.find((r) => r[2] === 'Fill the funnel')?.[8]).toBe(
      'Daily call block with the new reps until the end of August',
    );
    // The picture for the README: the log from its first column, the sidebar at the saved notice.
    await page.locator('.grid-scroll').evaluate((el) => el.scrollTo(0, 0));
    await page.locator('#save-notice').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshots, 'tour-review.png') });
  });

  test('prepares Q3 into a new sheet', async () => {
    await page.click('#tab-quarter');
    expect(await page.inputValue('#quarter')).toBe('3');
    await page.click('#prepare-quarter');
    await page.waitForSelector('#quarter-notice .status:text("Prepared")');
    await sheetTab('Review Q3 FY2026').waitFor();
    await openSheet('Review Q3 FY2026');
  });

  test('made no request beyond the local server, and no script error', () => {
    expect(outside).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(dialogs).toEqual([]);
  });
});

/** The preview URL `npm start` prints (`preview (demo workbook):  http://127.0.0.1:PORT/`), once it listens. */
function printedPreviewUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolveUrl, rejectUrl) => {
    let output = '';
    const timer = setTimeout(() => rejectUrl(new Error(`npm start printed no URL:\n${output}`)), 30000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /preview \(demo workbook\): +(https?:\/\/[^\s/]+)\//.exec(output);
      if (match !== null && output.includes('Ctrl-C')) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      rejectUrl(new Error(`npm start exited (${code}) before serving:\n${output}`));
    });
  });
}
