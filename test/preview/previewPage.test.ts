/**
 * The built preview page in Chromium: sheet tabs and the sidebar appear, and editing a cell in the formula bar
 * recalculates a formula that depends on it. Served from the tests' fake origin; no other request is allowed.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, PAGE_URL, type Watched } from '../ui/browser';
import { zip } from './hostileFiles';
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

  /** Every sheet's name and computed values, as the page's workbook holds them now. */
  const snapshot = (): Promise<{ name: string; values: unknown[][] }[]> =>
    watched.page.evaluate(async () => {
      const wb = (
        window as unknown as {
          sePreview: {
            workbook(): { sheetNames(): Promise<string[]>; sheetValues(name: string): unknown[][] };
          };
        }
      ).sePreview.workbook();
      const names = await wb.sheetNames();
      return names.map((name) => ({ name, values: wb.sheetValues(name) }));
    });
  const statusIs = (prefix: string) =>
    watched.page.waitForFunction(
      (p) => document.querySelector('.preview-status')?.textContent?.startsWith(p) === true,
      prefix,
      POLL,
    );

  let exported = '';
  let beforeExport: { name: string; values: unknown[][] }[] = [];

  test('loads ExcelJS from its own origin for export and makes no other request', async () => {
    const { page } = watched;
    beforeExport = await snapshot();
    const download = page.waitForEvent('download');
    await page.click('text=Export .xlsx');
    const file = await download;
    expect(file.suggestedFilename()).toBe('se-toolkit-preview.xlsx');
    exported = join(mkdtempSync(join(tmpdir(), 'se-preview-')), 'se-toolkit-preview.xlsx');
    await file.saveAs(exported);
    await statusIs('Exported');
    expect(watched.requests).toEqual([]);
    expect(watched.pageErrors).toEqual([]);
  });

  test('importing the exported file brings back every sheet with the same values', async () => {
    const { page } = watched;
    expect(beforeExport.map((s) => s.name)).toContain('SE Scorecard');
    // Change the workbook first, so a value seen after import came from the file, not from memory.
    await page.click('text=Reset demo');
    await statusIs('Demo workbook restored');
    expect((await snapshot()).find((s) => s.name === 'SE Scorecard')?.values[89]?.[1] ?? null).toBeNull();

    // The sidebar starts again on the new workbook, with its review (not an empty pane).
    await page.waitForSelector('#sidebar #csfs-h:text("CSFs in Jul")');

    await page.setInputFiles('[data-testid="import-file"]', exported);
    await statusIs('Imported se-toolkit-preview.xlsx');
    await page.waitForSelector('#sidebar #csfs-h:text("CSFs in Jul")');
    const after = await snapshot();
    expect(after.map((s) => s.name)).toEqual(beforeExport.map((s) => s.name));
    for (const sheet of beforeExport) {
      const back = after.find((s) => s.name === sheet.name);
      expect([sheet.name, trimmed(back?.values ?? [])]).toEqual([sheet.name, trimmed(sheet.values)]);
    }
    // The formula typed before the export is a formula again, and recalculates.
    await page.click('.tabs .tab:has-text("SE Scorecard")');
    await page.waitForSelector('.tabs .tab.active:has-text("SE Scorecard")');
    await enter('A90', '4');
    await page.waitForFunction(
      () => document.querySelector('td[data-cell="B90"]')?.textContent === '20',
      undefined,
      POLL,
    );
  });

  test('a file dropped on the page is imported too', async () => {
    const { page } = watched;
    await page.click('text=Reset demo');
    await statusIs('Demo workbook restored');
    const bytes = readFileSync(exported).toString('base64');
    await page.evaluate((b64) => {
      const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([data], 'dropped.xlsx'));
      document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true }));
    }, bytes);
    await statusIs('Imported dropped.xlsx');
    const scorecard = (await snapshot()).find((s) => s.name === 'SE Scorecard');
    expect(scorecard?.values[89]?.slice(0, 2)).toEqual([9, 45]);
    expect(watched.requests).toEqual([]);
    expect(watched.pageErrors).toEqual([]);
  });

  /** Sheet names and every sheet's values, and whether the open workbook is still the same object. */
  const sameWorkbook = (): Promise<string> =>
    watched.page.evaluate(async () => {
      const w = window as unknown as {
        sePreview: { workbook(): { sheetNames(): Promise<string[]>; sheetValues(n: string): unknown[][] } };
        __kept?: unknown;
      };
      const wb = w.sePreview.workbook();
      w.__kept ??= wb;
      const names = await wb.sheetNames();
      return JSON.stringify([w.__kept === wb, names, names.map((n) => wb.sheetValues(n))]);
    });

  // Issue 10, defect 7: a zip that is not a workbook replaced the open workbook with an empty one.
  test('a zip that is not a workbook is refused and the open workbook stays as it was', async () => {
    const { page } = watched;
    const before = await sameWorkbook();
    await page.setInputFiles('[data-testid="import-file"]', {
      name: 'notxlsx.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(zip([{ name: 'readme.txt', data: 'just a zip' }])),
    });
    await statusIs('Importing notxlsx.xlsx failed: ');
    expect(await page.textContent('.preview-status')).toMatch(/not an Excel workbook/);
    expect(await sameWorkbook()).toBe(before);
    expect(await page.locator('.tabs .tab').count()).toBeGreaterThan(0);
  });

  test('a dropped file that is not an .xlsx is refused by its name, and the page stays', async () => {
    const { page } = watched;
    const before = await sameWorkbook();
    for (const name of ['notes.txt', 'budget.csv', 'old.xls', 'macro.xlsm']) {
      await page.evaluate((fileName) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File(['a,b\n1,2\n'], fileName));
        document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true }));
      }, name);
      await statusIs(`Importing ${name} failed: `);
      expect(await page.textContent('.preview-status')).toMatch(/only \.xlsx files/);
    }
    expect(await sameWorkbook()).toBe(before);
    expect(page.url()).toBe(PAGE_URL);
    expect(watched.pageErrors).toEqual([]);
  });
});

/** Values without trailing empty rows and cells (an import reads a sheet to its last used cell). */
function trimmed(values: unknown[][]): unknown[][] {
  const rows = values.map((row) => {
    const r = [...row];
    while (r.length > 0 && (r[r.length - 1] === null || r[r.length - 1] === '')) r.pop();
    return r;
  });
  while (rows.length > 0 && rows[rows.length - 1].length === 0) rows.pop();
  return rows;
}
