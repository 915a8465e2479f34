/**
 * The formula conversion in the built preview (dist/preview), as a user meets it: a formula typed in the grid
 * with Excel's names (SE.SCORE, which the preview's engine does not know: #NAME?) is listed by "Formulas from
 * Excel" in the Templates tab and converted to Sheets' names, after which the preview's engine computes it. The
 * function list is the preview bundle's own. SE_SCORE(9, 4) is 36 (SPEC §1's worked example).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, type Watched } from '../ui/browser';
import { repoRoot } from '../bundle/builtFiles';

const dist = join(repoRoot, 'dist/preview');
const read = (name: string): string => readFileSync(join(dist, name), 'utf8');
const POLL = { polling: 100 } as const;

let browser: Browser;
let watched: Watched;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  watched = await openPage(browser, {
    html: read('index.html'),
    files: { 'preview.js': read('preview.js'), 'exceljs.min.js': read('exceljs.min.js') },
    width: 1400,
    height: 900,
  });
  page = watched.page;
  page.setDefaultTimeout(30000);
  await page.waitForSelector('.tabs .tab:has-text("SE Scorecard")');
});

afterAll(async () => {
  await browser?.close();
});

const cellText = async (cell: string): Promise<string> =>
  ((await page.textContent(`td[data-cell="${cell}"]`)) ?? '').trim();

test('a formula typed with Excel’s names is listed, converted, and then computes', async () => {
  await page.click('.tabs .tab:has-text("SE Scorecard")');
  await page.waitForSelector('table.grid[aria-label="SE Scorecard"]');
  await page.click('td[data-cell="H3"]');
  await page.waitForFunction(
    () => document.querySelector('.cell-name')?.textContent === 'H3',
    undefined,
    POLL,
  );
  expect(await page.inputValue('input[aria-label="Cell content"]')).toBe('');
  await page.keyboard.type('=IF(SE.SCORE(9,4)>0,SE.SCORE(9,4),"SE.SCORE(")');
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    () => (document.querySelector('td[data-cell="H3"]')?.textContent ?? '').trim() === '#NAME?',
    undefined,
    POLL,
  );

  const side = page.locator('#sidebar');
  await side.locator('#tab-templates').click();
  expect(await side.locator('#convert-heading').textContent()).toBe('Formulas from Excel');
  await side.locator('#convert-scan').click();
  await side.locator('#convert-run').waitFor();
  const items = side.locator('.convert-formulas .connect-measure');
  expect(await items.count()).toBe(1);
  expect(await items.locator('strong').textContent()).toBe("'SE Scorecard'!H3");
  expect(await items.locator('code').allTextContents()).toEqual([
    '=IF(SE.SCORE(9,4)>0,SE.SCORE(9,4),"SE.SCORE(")',
    '=IF(SE_SCORE(9,4)>0,SE_SCORE(9,4),"SE.SCORE(")',
  ]);
  await side.locator('#convert-run').click();
  await page.waitForFunction(
    () => (document.querySelector('#convert-notice')?.textContent ?? '').includes('Converted'),
    undefined,
    POLL,
  );
  expect((await side.locator('#convert-notice').textContent())?.trim()).toBe(
    'Converted 1 formula on 1 sheet to Google Sheets names (SE_SCORE).',
  );
  await page.waitForFunction(
    () => (document.querySelector('td[data-cell="H3"]')?.textContent ?? '').trim() === '36',
    undefined,
    POLL,
  );
  expect(await cellText('H3')).toBe('36');
  expect(watched.pageErrors).toEqual([]);
  expect(watched.requests).toEqual([]);
});
