/**
 * The preview page's layout in Chromium (dist/preview): the sidebar is 300 px wide as Google Sheets gives an
 * add-on's sidebar (its scroll bar inside the 300 px), and nothing in it scrolls sideways; axe-core finds no
 * accessibility violation on the page; the sheet tabs are a tab list the arrow keys move along.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, type Watched } from '../ui/browser';
import { repoRoot } from './previewFunctions';

const axeSource = readFileSync(join(repoRoot, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** axe-core's violations on the page as it is: rule id and the elements, for a readable failure. */
async function axeViolations(page: Page): Promise<{ id: string; nodes: string[] }[]> {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<unknown> } }).axe;
    return (await axe.run(document)) as {
      violations: { id: string; nodes: { target: string[] }[] }[];
    };
  });
  return result.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) }));
}

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

  test('axe-core finds no violation on the page, a sheet open and a cell selected', async () => {
    expect(await axeViolations(page)).toEqual([]);
    await page.click('.tab-list [role="tab"]:has-text("Plan")');
    await page.click('td[data-cell="C6"]');
    expect(await axeViolations(page)).toEqual([]);
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
    await page.click('#tab-monthly');
  });

  test('the sheet tabs are a tab list: one tab in the Tab order, arrows move between sheets', async () => {
    const tabs = page.locator('nav[aria-label="Sheets"] [role="tablist"] [role="tab"]');
    expect(await tabs.count()).toBeGreaterThan(3);
    expect(await page.locator('nav[aria-label="Sheets"] [role="tab"][tabindex="0"]').count()).toBe(1);
    await page.click('.tab-list [role="tab"]:has-text("Plan")');
    await page.keyboard.press('ArrowRight');
    await page.waitForSelector('table.grid[aria-label="CSF Tracker"]');
    await page.waitForFunction(() => document.activeElement?.textContent === 'CSF Tracker');
    await page.keyboard.press('ArrowLeft');
    await page.waitForSelector('table.grid[aria-label="Plan"]');
    // The grid is reached by Tab and takes the arrow keys.
    expect(await page.getAttribute('table.grid', 'tabindex')).toBe('0');
  });
});
