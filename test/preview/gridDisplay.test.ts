/**
 * The grid shows a whole imported sheet as the hosts do (issue 14, item 2), in Chromium on the built page: only
 * the rows in view are drawn yet the last of 5,000 is reached by scrolling, frozen rows and columns stay put,
 * a merged title is one cell, numbers show through their formats ([Red], parentheses, percentages, dates), a
 * long text runs on over empty neighbours, and an error cell's message (an SE function's own included) is in its
 * tooltip and under the formula bar.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, type Watched } from '../ui/browser';
import { repoRoot } from './previewFunctions';

const dist = join(repoRoot, 'dist/preview');
const read = (name: string): string => readFileSync(join(dist, name), 'utf8');
const POLL = { polling: 100 } as const;

async function displayWorkbook(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('Display', { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] });
  ws.getCell('A1').value = 'Plan 2027 — all regions';
  ws.mergeCells('A1:D1');
  ws.getCell('B2').value = 73818;
  ws.getCell('B2').numFmt = '"$"#,##0.00_);[Red]("$"#,##0.00)';
  ws.getCell('B3').value = -73818;
  ws.getCell('B3').numFmt = '"$"#,##0.00_);[Red]("$"#,##0.00)';
  ws.getCell('C2').value = 0.2834;
  ws.getCell('C2').numFmt = '0.0%';
  ws.getCell('C3').value = 46234;
  ws.getCell('C3').numFmt = 'd-mmm-yy';
  ws.getCell('D2').value = 1234567.891;
  ws.getCell('D2').numFmt = '#,##0';
  ws.getCell('B4').value = 'This note runs on over the empty cells to its right';
  ws.getCell('A5').value = { formula: '1/0' } as ExcelJS.CellFormulaValue;
  ws.getCell('B5').value = { formula: 'SE_SCORE("abc",5)' } as ExcelJS.CellFormulaValue;
  for (let r = 6; r <= 5000; r++) ws.getCell(r, 1).value = r;
  // Wider than the 160 columns drawn whole: columns are drawn where they are in view.
  for (let c = 2; c <= 300; c++) ws.getCell(6, c).value = c;
  return Buffer.from((await book.xlsx.writeBuffer()) as ArrayBuffer);
}

describe('the grid shows a whole sheet as the hosts do', () => {
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
    page.setDefaultTimeout(60000);
    await page.waitForSelector('.tabs [role="tab"]:has-text("SE Scorecard")');
    await page.setInputFiles('input[data-testid="import-file"]', {
      name: 'display.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await displayWorkbook(),
    });
    await page.waitForFunction(
      () => document.querySelector('.preview-status')?.textContent?.startsWith('Imported') === true,
      undefined,
      POLL,
    );
    await page.waitForSelector('table.grid[aria-label="Display"]');
  }, 120_000);

  afterAll(async () => {
    expect(watched.pageErrors).toEqual([]);
    await browser?.close();
  });

  const text = async (cell: string): Promise<string> =>
    (await page.textContent(`td[data-cell="${cell}"]`)) ?? '';
  const box = async (cell: string) => (await page.locator(`td[data-cell="${cell}"]`).boundingBox())!;

  test('a merged title is one cell over its columns; the cells it covers are not drawn', async () => {
    expect(await page.getAttribute('td[data-cell="A1"]', 'colspan')).toBe('4');
    expect(await page.locator('td[data-cell="B1"]').count()).toBe(0);
    expect(await text('A1')).toBe('Plan 2027 — all regions');
  });

  test('numbers through their formats: currency, [Red] in parentheses, a percentage, a date, thousands', async () => {
    expect(await text('B2')).toBe('$73,818.00 ');
    expect(await text('B3')).toBe('($73,818.00)');
    expect(await page.$eval('td[data-cell="B3"]', (td) => getComputedStyle(td).color)).toBe('rgb(255, 0, 0)');
    expect(await page.$eval('td[data-cell="B2"]', (td) => getComputedStyle(td).color)).not.toBe(
      'rgb(255, 0, 0)',
    );
    expect(await text('C2')).toBe('28.3%');
    expect(await text('C3')).toBe('31-Jul-26');
    expect(await text('D2')).toBe('1,234,568');
  });

  test('a long text runs on over the empty cells to its right', async () => {
    const own = await box('B4');
    const spill = (await page.locator('td[data-cell="B4"] .spill').boundingBox())!;
    expect(spill.width).toBeGreaterThan(own.width * 2);
    // A click on a cell it runs over still selects that cell.
    await page.click('td[data-cell="D4"]');
    await page.waitForFunction(
      () => document.querySelector('.cell-name')?.textContent === 'D4',
      undefined,
      POLL,
    );
  });

  test('an error shows its message in a tooltip and under the formula bar, an SE function’s own included', async () => {
    expect(await text('A5')).toBe('#DIV/0!');
    expect(await page.getAttribute('td[data-cell="A5"]', 'title')).toBe('#DIV/0!: a division by zero');
    expect(await page.getAttribute('td[data-cell="B5"]', 'title')).toBe(
      'SE_SCORE: plan must be a number from 0 to 10; found "abc"',
    );
    await page.click('td[data-cell="B5"]');
    await page.waitForSelector('[data-testid="cell-message"]');
    expect(await page.textContent('[data-testid="cell-message"]')).toBe(
      '#VALUE!: SE_SCORE: plan must be a number from 0 to 10; found "abc"',
    );
    expect(await page.inputValue('input[aria-label="Cell content"]')).toBe('=SE_SCORE("abc",5)');
  });

  test('only the rows in view are drawn, the last of 5,000 reached by scrolling; frozen rows and columns stay', async () => {
    expect(await page.locator('table.grid tbody tr[role="row"]').count()).toBeLessThan(300);
    const title = await box('A1');
    const a7 = await box('A7');
    await page.locator('.grid-scroll').evaluate((el) => el.scrollTo(0, 22 * 4990));
    await page.waitForSelector('td[data-cell="A5000"]');
    expect(await text('A5000')).toBe('5000');
    // The frozen first row is where it was; so is column A's width of the sheet.
    expect((await box('A1')).y).toBe(title.y);
    await page.locator('.grid-scroll').evaluate((el) => el.scrollTo(0, 0));
    await page.waitForSelector('td[data-cell="A7"]');
    // Column KN (the 300th) is not drawn until it is scrolled to; column A, frozen, stays where it was.
    expect(await page.locator('td[data-cell="KN6"]').count()).toBe(0);
    expect(await page.locator('table.grid thead th').count()).toBeLessThan(60);
    await page.locator('.grid-scroll').evaluate((el) => el.scrollTo(el.scrollWidth, 0));
    await page.waitForSelector('td[data-cell="KN6"]');
    expect(await text('KN6')).toBe('300');
    expect((await box('A7')).x).toBe(a7.x);
  });
});
