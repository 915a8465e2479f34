/**
 * Moving and filling in the preview grid as in Excel and Sheets (issue 14, item 1, the rest), in Chromium on
 * the built page: Ctrl+arrows to the edges of the data and of the sheet, Ctrl+Home / Ctrl+End, Home,
 * PageDown / PageUp by a screenful, Shift with them selecting; the fill handle over 1, 2 going on 3, 4, 5, 6
 * (a single number repeated); and =TRUE typed into a cell being TRUE.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, type Watched } from '../ui/browser';
import { seriesNext } from '../../preview/series';
import { repoRoot } from './previewFunctions';

const dist = join(repoRoot, 'dist/preview');
const read = (name: string): string => readFileSync(join(dist, name), 'utf8');
const POLL = { polling: 100 } as const;

/** A1:A5 and A8:A10 filled, B1:E1 and G1 filled: runs and gaps for Ctrl+arrows. */
async function navWorkbook(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('Nav');
  for (const r of [1, 2, 3, 4, 5, 8, 9, 10]) ws.getCell(r, 1).value = r;
  for (const c of [2, 3, 4, 5, 7]) ws.getCell(1, c).value = `c${c}`;
  return Buffer.from((await book.xlsx.writeBuffer()) as ArrayBuffer);
}

describe('series continued by a straight line (Excel’s AutoFill)', () => {
  test('an even series goes on by its step; an uneven one by its best-fitting line', () => {
    expect(seriesNext([1, 2], 4)).toEqual([3, 4, 5, 6]);
    expect(seriesNext([10, 7], 2)).toEqual([4, 1]);
    expect(seriesNext([0.1, 0.2], 2)).toEqual([0.3, 0.4]);
    // 1, 3, 4: slope 1.5 and mean 8/3 at x = 1, so x = 3 gives 8/3 + 3 = 5.6666…, as Excel fills.
    expect(seriesNext([1, 3, 4], 1)[0]).toBeCloseTo(17 / 3, 12);
  });
});

describe('moving and filling in the preview grid', () => {
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
    await page.setInputFiles('input[data-testid="import-file"]', {
      name: 'nav.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await navWorkbook(),
    });
    await page.waitForSelector('table.grid[aria-label="Nav"]');
  }, 120_000);

  afterAll(async () => {
    expect(watched.pageErrors).toEqual([]);
    await browser?.close();
  });

  const name = (): Promise<string> => page.textContent('.cell-name').then((t) => t ?? '');
  const waitName = (n: string) =>
    page.waitForFunction((x) => document.querySelector('.cell-name')?.textContent === x, n, POLL);
  const waitCell = (cell: string, text: string) =>
    page.waitForFunction(
      ([c, t]) => (document.querySelector(`td[data-cell="${c}"]`)?.textContent ?? '').trim() === t,
      [cell, text] as const,
      POLL,
    );
  const press = async (keys: string, expected: string): Promise<void> => {
    await page.keyboard.press(keys);
    await waitName(expected);
  };
  async function typeInto(cell: string, text: string): Promise<void> {
    await page.click(`td[data-cell="${cell}"]`);
    await waitName(cell);
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
  }
  async function centre(cell: string): Promise<{ x: number; y: number }> {
    const td = page.locator(`td[data-cell="${cell}"]`);
    await td.scrollIntoViewIfNeeded();
    const box = (await td.boundingBox())!;
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  }
  async function dragHandleTo(cell: string): Promise<void> {
    const box = (await page.locator('[data-testid="fill-handle"]').boundingBox())!;
    const to = await centre(cell);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(to.x, to.y, { steps: 10 });
    await page.mouse.up();
  }

  test('Ctrl+arrows stop at each end of the data, then at the sheet’s edge', async () => {
    await page.click('td[data-cell="A1"]');
    await waitName('A1');
    await press('Control+ArrowDown', 'A5');
    await press('Control+ArrowDown', 'A8');
    await press('Control+ArrowDown', 'A10');
    await press('Control+ArrowDown', 'A1048576');
    await press('Control+ArrowUp', 'A10');
    await press('Control+ArrowUp', 'A8');
    await press('Control+ArrowUp', 'A5');
    await press('Control+ArrowUp', 'A1');
    await press('Control+ArrowRight', 'E1');
    await press('Control+ArrowRight', 'G1');
    await press('Control+ArrowRight', 'XFD1');
    await press('Control+ArrowLeft', 'G1');
    await press('Control+ArrowLeft', 'E1');
    await press('Control+ArrowLeft', 'A1');
  });

  test('Ctrl+End goes to the last used cell, Ctrl+Home to A1, Home to the row’s first column', async () => {
    await press('Control+End', 'G10');
    await press('Home', 'A10');
    await press('Control+Home', 'A1');
  });

  test('Shift+Ctrl+Down selects down to the end of the run', async () => {
    await page.keyboard.press('Shift+Control+ArrowDown');
    await page.waitForFunction(
      () => document.querySelectorAll('td[aria-selected="true"]').length === 5,
      undefined,
      POLL,
    );
    const selected = await page.evaluate(() =>
      [...document.querySelectorAll('td[aria-selected="true"]')].map((td) => td.getAttribute('data-cell')),
    );
    expect(selected).toEqual(['A1', 'A2', 'A3', 'A4', 'A5']);
  });

  test('PageDown and PageUp move by the rows in view', async () => {
    await page.click('td[data-cell="B3"]');
    await waitName('B3');
    // The rows the scroll box shows, less the header row: 22 px each.
    const height = await page.evaluate(() => document.querySelector('.grid-scroll')!.clientHeight);
    const page1 = Math.floor(height / 22) - 1;
    await press('PageDown', `B${3 + page1}`);
    await press('PageDown', `B${3 + 2 * page1}`);
    await press('PageUp', `B${3 + page1}`);
    await press('PageUp', 'B3');
    await press('PageUp', 'B1');
  });

  test('the fill handle over 1, 2 goes on 3, 4, 5, 6; over one number it repeats it', async () => {
    await typeInto('J1', '1');
    await typeInto('J2', '2');
    await page.click('td[data-cell="J1"]');
    await page.keyboard.press('Shift+ArrowDown');
    await dragHandleTo('J6');
    await waitCell('J6', '6');
    expect(
      await Promise.all(['J3', 'J4', 'J5'].map((c) => page.textContent(`td[data-cell="${c}"]`))),
    ).toEqual(['3', '4', '5']);
    await typeInto('K1', '0.1');
    await typeInto('K2', '0.2');
    await page.click('td[data-cell="K1"]');
    await page.keyboard.press('Shift+ArrowDown');
    await dragHandleTo('K4');
    await waitCell('K4', '0.4');
    expect(await page.textContent('td[data-cell="K3"]')).toBe('0.3');
    await typeInto('L1', '5');
    await page.click('td[data-cell="L1"]');
    await dragHandleTo('L3');
    await waitCell('L3', '5');
    expect(await page.textContent('td[data-cell="L2"]')).toBe('5');
    // Undone in one step, as one fill.
    await page.keyboard.press('Control+z');
    await waitCell('L3', '');
  });

  test('=TRUE and =FALSE typed into a cell are the constants, as in Excel and Sheets', async () => {
    await typeInto('M1', '=TRUE');
    await waitCell('M1', 'TRUE');
    await typeInto('M2', '=IF(FALSE,1,2)');
    await waitCell('M2', '2');
    await typeInto('M3', '=AND(TRUE,M1)');
    await waitCell('M3', 'TRUE');
    expect(await name()).toBe('M4');
  });
});
