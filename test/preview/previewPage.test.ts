/**
 * The built preview page in Chromium: sheet tabs and the sidebar appear, and editing a cell in the formula bar
 * recalculates a formula that depends on it. Served from the tests' fake origin; no other request is allowed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, type Watched } from '../ui/browser';
import { repoRoot } from './previewFunctions';

const dist = join(repoRoot, 'dist/preview');
const read = (name: string): string => readFileSync(join(dist, name), 'utf8');
/** Poll on a timer: the default (requestAnimationFrame) can stall in headless Chromium while the page is busy. */
const POLL = { polling: 100 } as const;

describe('the preview page (dist/preview)', () => {
  let browser: Browser;
  let watched: Watched;

  beforeAll(async () => {
    browser = await launchBrowser();
    watched = await openPage(browser, {
      html: read('index.html'),
      files: { 'preview.js': read('preview.js'), 'exceljs.min.js': read('exceljs.min.js') },
      width: 1400,
      height: 900,
    });
    // The demo workbook is built and recalculated in the page: give it time when other suites load the CPU.
    watched.page.setDefaultTimeout(30000);
    // Wait for the whole demo (its last sheet's tab) and the review it loads, not just the first tab: the demo
    // is built sheet by sheet, and typing before it is done would write into a view that is about to change.
    await watched.page.waitForSelector('.tabs .tab:has-text("SE Scorecard")');
    await watched.page.waitForSelector('#sidebar :text("CSFs in")');
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function enter(cell: string, text: string): Promise<void> {
    const { page } = watched;
    await page.click(`td[data-cell="${cell}"]`);
    // As a user would: type once the name box shows the cell, so the text goes where it is meant to.
    await page.waitForFunction(
      (name) => document.querySelector('.cell-name')?.textContent === name,
      cell,
      POLL,
    );
    await page.fill('.formula-input', text);
    await page.press('.formula-input', 'Enter');
  }

  test('shows sheet tabs and the sidebar', async () => {
    const { page } = watched;
    expect(await page.locator('.tabs .tab').count()).toBeGreaterThan(0);
    await page.waitForSelector('#sidebar .app');
    expect(((await page.textContent('#sidebar')) ?? '').length).toBeGreaterThan(0);
  });

  test('editing a cell recalculates the formula that depends on it', async () => {
    const { page } = watched;
    await page.click('.tabs .tab:has-text("SE Scorecard")');
    await page.waitForSelector('.tabs .tab.active:has-text("SE Scorecard")');
    await enter('A90', '7');
    await enter('B90', '=SE_SCORE(A90,5)');
    await page.waitForFunction(
      () => document.querySelector('td[data-cell="B90"]')?.textContent === '35',
      undefined,
      POLL,
    );
    await enter('A90', '9');
    await page.waitForFunction(
      () => document.querySelector('td[data-cell="B90"]')?.textContent === '45',
      undefined,
      POLL,
    );
    await page.click('td[data-cell="B90"]');
    expect(await page.inputValue('.formula-input')).toBe('=SE_SCORE(A90,5)');
  });

  test('loads ExcelJS from its own origin for export and makes no other request', async () => {
    const { page } = watched;
    const download = page.waitForEvent('download');
    await page.click('text=Export .xlsx');
    const file = await download;
    expect(file.suggestedFilename()).toBe('se-toolkit-preview.xlsx');
    await page.waitForFunction(() =>
      document.querySelector('.preview-status')?.textContent?.startsWith('Exported'),
    );
    expect(watched.requests).toEqual([]);
    expect(watched.pageErrors).toEqual([]);
  });
});
