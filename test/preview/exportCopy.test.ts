/**
 * Export after import never damages the original (issue 14, item 4, in part): the download is a copy with a
 * name of its own, and what the file held that the preview does not carry over (charts, pivot tables…) is named
 * with counts at import and again at export. In Chromium on the built page.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, type Watched } from '../ui/browser';
import { repoRoot } from './previewFunctions';

const dist = join(repoRoot, 'dist/preview');
const read = (name: string): string => readFileSync(join(dist, name), 'utf8');
const POLL = { polling: 100 } as const;

/** A workbook with two charts and a pivot table's parts in it (the preview shows neither). */
async function planWithCharts(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('Plan');
  ws.addRow(['Month', 'Target']);
  ws.addRow([1, 100]);
  ws.getCell('C2').value = { formula: 'B2*2' } as ExcelJS.CellFormulaValue;
  const zip = await JSZip.loadAsync((await book.xlsx.writeBuffer()) as ArrayBuffer);
  zip.file(
    'xl/charts/chart1.xml',
    '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"/>',
  );
  zip.file(
    'xl/charts/chart2.xml',
    '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"/>',
  );
  zip.file('xl/pivotTables/pivotTable1.xml', '<pivotTableDefinition/>');
  return zip.generateAsync({ type: 'nodebuffer' });
}

describe('export after import', () => {
  let browser: Browser;
  let watched: Watched;
  let page: Page;
  const status = (): Promise<string> => page.textContent('.preview-status').then((t) => t ?? '');

  beforeAll(async () => {
    browser = await launchBrowser();
    watched = await openPage(browser, {
      html: read('index.html'),
      files: { 'preview.js': read('preview.js'), 'exceljs.min.js': read('exceljs.min.js') },
      width: 1280,
      height: 800,
    });
    page = watched.page;
    page.setDefaultTimeout(60000);
    await page.waitForSelector('.tabs [role="tab"]:has-text("SE Scorecard")');
  }, 120_000);

  afterAll(async () => {
    expect(watched.pageErrors).toEqual([]);
    expect(watched.requests).toEqual([]);
    await browser?.close();
  });

  test('the import names what the preview neither shows nor exports, with counts', async () => {
    await page.setInputFiles('input[data-testid="import-file"]', {
      name: 'plan.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await planWithCharts(),
    });
    await page.waitForFunction(
      () => document.querySelector('.preview-status')?.textContent?.startsWith('Imported') === true,
      undefined,
      POLL,
    );
    expect(await status()).toBe(
      'Imported plan.xlsx. Not shown and not exported: charts (2), pivot tables (1).',
    );
    // Named on the Export button too, before any export (its tooltip and its accessible description).
    const button = page.getByRole('button', { name: 'Export .xlsx' });
    expect(await button.getAttribute('title')).toBe(
      'Not carried over from plan.xlsx: charts (2), pivot tables (1).',
    );
    expect(await button.getAttribute('aria-describedby')).toBe('export-left-out');
    expect(await page.textContent('#export-left-out')).toBe(
      'Not carried over from plan.xlsx: charts (2), pivot tables (1).',
    );
  });

  test('the export is a copy with its own name, and says again what it did not carry over', async () => {
    const download = page.waitForEvent('download');
    await page.click('text=Export .xlsx');
    const file = await download;
    expect(file.suggestedFilename()).toBe('plan (SE Toolkit preview copy).xlsx');
    await page.waitForFunction(
      () => document.querySelector('.preview-status')?.textContent?.startsWith('Exported') === true,
      undefined,
      POLL,
    );
    expect(await status()).toBe(
      'Exported plan (SE Toolkit preview copy).xlsx. Not carried over from plan.xlsx: charts (2), pivot tables (1).',
    );
  });

  test('after Reset demo the export is the demo’s again, with nothing to report', async () => {
    await page.click('text=Reset demo');
    await page.waitForFunction(
      () => document.querySelector('.preview-status')?.textContent === 'Demo workbook restored.',
      undefined,
      POLL,
    );
    expect(await page.locator('#export-left-out').count()).toBe(0);
    const download = page.waitForEvent('download');
    await page.click('text=Export .xlsx');
    expect((await download).suggestedFilename()).toBe('se-toolkit-preview.xlsx');
    await page.waitForFunction(
      () => document.querySelector('.preview-status')?.textContent === 'Exported se-toolkit-preview.xlsx.',
      undefined,
      POLL,
    );
  });
});
