/**
 * The preview page's layout in Chromium (dist/preview): the sidebar is 300 px wide as Google Sheets gives an
 * add-on's sidebar (its scroll bar inside the 300 px), and nothing in it scrolls sideways.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, type Watched } from '../ui/browser';
import { repoRoot } from './previewFunctions';

const dist = join(repoRoot, 'dist/preview');
const read = (name: string): string => readFileSync(join(dist, name), 'utf8');

describe('the preview page layout', () => {
  let browser: Browser;
  let watched: Watched;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    watched = await openPage(browser, {
      html: read('index.html'),
      files: { 'preview.js': read('preview.js'), 'exceljs.min.js': read('exceljs.min.js') },
      width: 1280,
      height: 800,
    });
    page = watched.page;
    page.setDefaultTimeout(30000);
    await page.waitForSelector('.tabs [role="tab"]:has-text("SE Scorecard")');
    await page.waitForSelector('#sidebar :text("CSFs in")');
  });

  afterAll(async () => {
    expect(watched.pageErrors).toEqual([]);
    await browser?.close();
  });

  test('the sidebar is 300 px wide, its scroll bar included, and never scrolls sideways', async () => {
    for (const tab of ['#tab-monthly', '#tab-templates', '#tab-quarter']) {
      await page.click(tab);
      const box = await page.evaluate(() => {
        const side = document.getElementById('sidebar')!;
        const style = getComputedStyle(side);
        return {
          outer: side.getBoundingClientRect().width,
          border: parseFloat(style.borderLeftWidth) + parseFloat(style.borderRightWidth),
          scrollWidth: side.scrollWidth,
          clientWidth: side.clientWidth,
          right: side.getBoundingClientRect().right,
        };
      });
      expect([tab, box.outer - box.border]).toEqual([tab, 300]);
      expect(box.scrollWidth).toBeLessThanOrEqual(box.clientWidth);
      expect(box.right).toBe(1280);
    }
  });
});
