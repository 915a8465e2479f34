/**
 * Connect my plan in the built preview (dist/preview), end to end in Chromium as a new user meets it: import
 * an .xlsx that holds only their plan (real dates across, "mmm-yy", a Budget and an Actual line per measure),
 * open the Connect plan tab, scan, pick two measures, connect; a CSF Tracker is inserted for them and its month
 * cells show the plan's numbers in the grid. The README's screenshot of the tab comes from this run. Expected
 * figures are the ones typed into the file below.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Workbook } from 'exceljs';
import type { Browser } from 'playwright-core';
import { a1 } from '../../src/templates/a1';
import { CSF_COLUMNS, CSF_FIRST_DATA_ROW } from '../../src/templates/csfTracker';
import { launchBrowser, openPage, type Watched } from '../ui/browser';
import { repoRoot } from './previewFunctions';

const dist = join(repoRoot, 'dist/preview');
const screenshots = join(repoRoot, 'docs', 'screenshots');
const read = (name: string): string => readFileSync(join(dist, name), 'utf8');
const POLL = { polling: 100 } as const;

const BOOKINGS_BUDGET = [120, 130, 140, 150, 160, 170, 180, 190, 200, 210, 220, 230];
const BOOKINGS_ACTUAL = [118, 135, 139];
const LOGOS_BUDGET = [4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9];
const LOGOS_ACTUAL = [3, 5, 5];

/** The user's own plan: a title, a header of real dates (the 1st of each month of 2026), two lines a measure. */
async function planXlsx(): Promise<Buffer> {
  const book = new Workbook();
  const ws = book.addWorksheet('Sales plan');
  ws.addRow(['Sales plan FY2026']);
  ws.addRow([]);
  ws.addRow(['Measure', 'Line', ...Array.from({ length: 12 }, (_, m) => new Date(Date.UTC(2026, m, 1)))]);
  ws.addRow(['Bookings', 'Budget', ...BOOKINGS_BUDGET]);
  ws.addRow(['Bookings', 'Actual', ...BOOKINGS_ACTUAL]);
  ws.addRow(['New logos', 'Budget', ...LOGOS_BUDGET]);
  ws.addRow(['New logos', 'Actual', ...LOGOS_ACTUAL]);
  for (let c = 3; c <= 14; c++) ws.getCell(3, c).numFmt = 'mmm-yy';
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('Connect my plan in the preview', () => {
  let browser: Browser;
  let watched: Watched;

  beforeAll(async () => {
    browser = await launchBrowser();
    watched = await openPage(browser, {
      html: read('index.html'),
      files: { 'preview.js': read('preview.js'), 'exceljs.min.js': read('exceljs.min.js') },
      width: 1280,
      height: 860,
    });
    watched.page.setDefaultTimeout(30000);
    await watched.page.waitForSelector('.tabs .tab:has-text("SE Scorecard")');
  });

  afterAll(async () => {
    await browser?.close();
  });

  test('import a plan, scan, pick, connect: the new tracker shows the plan month by month', async () => {
    const { page, pageErrors, requests } = watched;
    await page.setInputFiles('[data-testid="import-file"]', {
      name: 'sales-plan.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await planXlsx(),
    });
    await page.waitForFunction(
      () => document.querySelector('.preview-status')?.textContent?.startsWith('Imported sales-plan.xlsx'),
      undefined,
      POLL,
    );
    await page.waitForSelector('.tabs .tab:has-text("Sales plan")');
    const side = page.locator('#sidebar');
    await side.locator('#tab-connect').click();
    await side.locator('#connect-scan').click();
    await side.locator('#connect-found-h').waitFor();
    expect(await side.locator('#connect-notice').textContent()).toContain('Found 2 measures in 1 sheet.');
    expect(await side.locator('section[aria-labelledby="connect-found-h"]').textContent()).toContain(
      'There is no CSF Tracker yet: connecting inserts one.',
    );
    const labels = await side.locator('.connect-measure h3').allTextContents();
    expect(labels).toEqual(['Bookings', 'New logos']);
    const bookings = side.locator('.connect-measure').nth(0);
    expect(await bookings.textContent()).toContain(
      'PlanJan 26: 120, Feb 26: 130, Mar 26: 140, Apr 26: 150, … (12 months)',
    );
    expect(await bookings.textContent()).toContain('ActualJan 26: 118, Feb 26: 135, Mar 26: 139 (3 months)');

    for (const [i, csf] of [
      [0, 'Book more'],
      [1, 'Win new logos'],
    ] as const) {
      await side.locator(`#connect-${i}-pick`).check();
      await side.locator(`#connect-${i}-team`).selectOption('Sales');
      await side.locator(`#connect-${i}-csf`).fill(csf);
    }
    expect(await side.locator('#connect-fy-start').inputValue()).toBe('1');
    expect(await side.locator('#connect-first-year').inputValue()).toBe('2026');
    await page.locator('.tabs .tab:has-text("Sales plan")').click();
    // The sidebar from its top: the tab, the two ways to scan, and what was found.
    await page.evaluate(() => {
      for (const el of [document.getElementById('sidebar'), document.scrollingElement])
        if (el !== null) el.scrollTop = 0;
    });
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: join(screenshots, 'connect-plan.png') });

    await side.locator('#connect-go').click();
    await side.locator('#connect-done').waitFor();
    expect(await side.locator('#connect-done').textContent()).toContain(
      'Connected 2 measures to "CSF Tracker" (a new CSF Tracker, "CSF Tracker", was inserted for them)',
    );

    await page.locator('.tabs .tab:has-text("CSF Tracker")').click();
    await page.waitForSelector('table.grid[aria-label="CSF Tracker"]');
    const cellText = async (row: number, col: number): Promise<string> =>
      ((await page.textContent(`td[data-cell="${a1(row, col)}"]`)) ?? '').trim();
    const row = CSF_FIRST_DATA_ROW;
    expect(await cellText(row, 0)).toBe('Sales');
    expect(await cellText(row, 1)).toBe('Book more');
    /** The cells of a row from `first`, read as a user does: walking right with the arrow key (the grid
     * draws the columns in view, and brings the selected cell into view). */
    const walkRight = async (r: number, first: number, count: number): Promise<string[]> => {
      await page.click(`td[data-cell="${a1(r, 0)}"]`);
      for (let c = 1; c < first; c++) await page.keyboard.press('ArrowRight');
      const seen: string[] = [];
      for (let c = first; c < first + count; c++) {
        await page.keyboard.press('ArrowRight');
        await page.waitForSelector(`td[data-cell="${a1(r, c)}"]`);
        seen.push(await cellText(r, c));
      }
      return seen;
    };
    expect((await walkRight(row, CSF_COLUMNS.firstTarget, 12)).map(Number)).toEqual(BOOKINGS_BUDGET);
    // March's actual is in, April's is not: blank, not 0.
    expect(await walkRight(row + 1, CSF_COLUMNS.firstActual, 4)).toEqual([...LOGOS_ACTUAL.map(String), '']);
    expect((await walkRight(row + 1, CSF_COLUMNS.firstTarget, 1)).map(Number)).toEqual([LOGOS_BUDGET[0]]);
    expect(pageErrors).toEqual([]);
    expect(requests).toEqual([]);
  });
});
