/**
 * The README's tour, end to end: `npm start` itself (a child process, on a free port), the preview in headless Chromium with
 * every request that is not to the server refused (and none attempted), then what a newcomer does: look at the
 * demo workbook and July's review (a cost over budget, a conversion rate as a rate, a CSF awaiting its July
 * actual), insert a template, type the late July actual on the Plan and watch the tracker's status and
 * forecast move, run July's review, prepare Q3. The README's screenshots come from this run. Expected figures
 * are worked out by hand from the demo's plan and actuals (preview/demoWorkbook.ts) with SPEC §0.
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

  /** The sidebar's card of a CSF, by its name. */
  const card = (csf: string) =>
    page.locator('article.csf', { has: page.locator('h4', { hasText: new RegExp(`^${csf}$`) }) });
  const cardText = async (csf: string): Promise<string> => (await card(csf).textContent()) ?? '';

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
    expect(await cellText(trackerCell('Generate demand', CSF_COLUMNS.status))).toBe('Awaiting actual');
    await page.screenshot({ path: join(screenshots, 'tour-preview.png') });
  });

  test('the review reads as finance reads it: sides in words, a rate as a rate, a late actual awaited', async () => {
    // MQLs: June is the last month in, July's actual is still blank.
    expect(await card('Generate demand').locator('.chip').textContent()).toMatch(/Awaiting actual/);
    expect(await cardText('Generate demand')).toContain('Awaiting actual · through Jun');
    // Cost of sales: 151 k€ against 140 k€; 151 / 7 × 12 = 258.9 against 240 (18.9 / 240 = 8% over budget);
    // (240 − 151) / 5 = 17.8 k€ a month left.
    const cost = await cardText('Sell at a sound cost');
    expect(cost).toContain('151 of 140 k€');
    expect(cost).toContain('11 k€ over budget');
    expect(cost).toContain('259 vs 240 k€ · 8% over budget');
    expect(cost).toContain('Max 17.8 k€ a month to stay in budget');
    // MQL-to-SQL conversion, the mean of the months: 194% / 7 = 27.7% against 30.0% (−2.3 pt);
    // (30% × 12 − 194%) / 5 = 33.2% a month on average.
    const rate = await cardText('Hand over good leads');
    expect(rate).toContain('27.7% of 30.0%');
    expect(rate).toContain('−2.3 pt unfavourable');
    expect(rate).toContain('33.2% a month on average to reach target');
    // New-logo revenue: 690 k€ against 650 k€.
    expect(await cardText('Win new logos')).toContain('+40 k€ favourable');
    expect(await cardText('Fill the funnel')).toContain('−106 unfavourable');
    // No "1.2k k€" shorthand anywhere, and nothing twice-united.
    const sidebar = (await page.locator('#panel-monthly').textContent()) ?? '';
    expect(sidebar).not.toMatch(/\dk k€|k€ of .* k€|count of/);
  });

  test('inserts a template from the Templates tab', async () => {
    await page.click('#tab-templates');
    await page.click('#insert-definitions');
    // The workbook has a Definitions sheet: nothing is added silently; the user adds a copy by name.
    await page.waitForSelector('#add-template-copy:text("Add as \\"Definitions (2)\\"")');
    await page.click('#add-template-copy');
    await page.waitForSelector('#template-notice .status:text("Inserted")');
    await sheetTab('Definitions (2)').waitFor();
    // The sidebar opens what it made: the grid shows the new sheet.
    await page.waitForSelector('table.grid[aria-label="Definitions (2)"]');
  });

  test('the late actual typed on the Plan moves the tracker’s status and forecast', async () => {
    const csf = 'Generate demand';
    const status = trackerCell(csf, CSF_COLUMNS.status);
    const forecast = trackerCell(csf, CSF_COLUMNS.forecast);
    await openSheet('CSF Tracker');
    expect(await cellText(status)).toBe('Awaiting actual');
    // Through June: (180+190+210+220+205+230) / 6 × 12 = 1235 × 2 = 2,470.
    expect(await cellText(forecast)).toBe('2,470');

    await openSheet('Plan');
    const julyActual = a1(planRows(measure(csf)).actual, planMonthCol(7));
    await page.click(`td[data-cell="${julyActual}"]`);
    expect(await page.inputValue('input[aria-label="Cell content"]')).toBe('');
    await page.fill('input[aria-label="Cell content"]', '240');
    await page.press('input[aria-label="Cell content"]', 'Enter');
    await page.waitForSelector(`td[data-cell="${julyActual}"]:text-is("240")`);

    await openSheet('CSF Tracker');
    // 1235 + 240 = 1475 against 1130 + 210 = 1340 → On track.
    expect(await cellText(status)).toBe('On track');
    // 1475 / 7 × 12 = 2528.6
    expect(await cellText(forecast)).toBe('2,529');
    // The tracker's July actual is the link into the Plan, not a typed number.
    await page.click(`td[data-cell="${trackerCell(csf, CSF_COLUMNS.firstActual + 6)}"]`);
    expect(await page.inputValue('input[aria-label="Cell content"]')).toBe(
      `=IF(Plan!${julyActual}="","",Plan!${julyActual})`,
    );
  });

  test('runs the monthly review and sees its rows in the Review Log', async () => {
    await page.click('#tab-monthly');
    // The review read the edit by itself (the grid's changes reach it as Excel's change events do): no Refresh,
    // no month switch.
    await card('Generate demand').locator('.chip:has-text("On track")').waitFor({ timeout: 10000 });
    await page.waitForSelector('#csfs-h:text("CSFs in Jul")');
    expect(await page.textContent('#csf-0-name')).toBe('Fill the funnel');
    const chips = await page.locator('article.csf .chip').allTextContents();
    expect(chips.filter((c) => /Off track/.test(c))).toHaveLength(1);
    // The cost and the conversion rate; the July MQLs are in now, so nothing is awaited.
    expect(chips.filter((c) => /At risk/.test(c))).toHaveLength(2);
    expect(chips.filter((c) => /Awaiting actual/.test(c))).toHaveLength(0);
    // Only the off-track CSF asks for a commentary and an action.
    expect(await page.locator('fieldset.required').count()).toBe(1);

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
    const header = rows.find((r) => r[0] === 'Month') ?? [];
    const col = (title: string) => header.indexOf(title);
    const julyRows = rows.filter((r) => r[0] === '2026-07');
    expect(julyRows.map((r) => [r[col('CSF')], r[col('Status')]])).toEqual(
      expect.arrayContaining([
        ['Fill the funnel', 'Off track'],
        ['Generate demand', 'On track'],
        ['Hand over good leads', 'At risk'],
      ]),
    );
    const funnel = julyRows.find((r) => r[col('CSF')] === 'Fill the funnel') ?? [];
    expect(funnel[col('Action')]).toBe('Daily call block with the new reps until the end of August');
    expect([funnel[col('Basis')], funnel[col('Unit')], funnel[col('Side')]]).toEqual([
      'YTD through Jul',
      'count',
      'Unfavourable',
    ]);
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
    // The sidebar opens the prepared quarter: the grid shows it without a click, its chart drawn on it.
    await page.waitForSelector('table.grid[aria-label="Review Q3 FY2026"]');
    const chart = page.locator('[data-testid="sheet-chart"]');
    await chart.waitFor({ state: 'attached' });
    expect(await chart.getAttribute('role')).toBe('img');
    expect(await chart.getAttribute('aria-label')).toMatch(
      /^Column chart, Q3 FY2026: actual against target\. /,
    );
    expect(await chart.locator('rect.chart-column').count()).toBeGreaterThan(0);
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
