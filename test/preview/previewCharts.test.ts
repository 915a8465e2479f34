/**
 * Charts drawn in the preview (issue 14, item 5) and the grid following the sheet the sidebar brings to the
 * front (activateSheet), in Chromium on the built page: the quarterly pack's column chart floats over its sheet
 * at its anchor cell, one column per CSF and series, its values told in words to a screen reader, and axe-core
 * finds nothing on the page.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import type { Browser, Page } from 'playwright-core';
import { quarterPack, quarterPlan } from '../../src/review/quarter';
import { a1 } from '../../src/templates/a1';
import { launchBrowser, openPage, type Watched } from '../ui/browser';
import { csf, even, tracker } from '../review/trackerFixture';
import { repoRoot } from './previewFunctions';

const axeSource = readFileSync(join(repoRoot, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const dist = join(repoRoot, 'dist/preview');
const read = (name: string): string => readFileSync(join(dist, name), 'utf8');

async function axeViolations(page: Page): Promise<{ id: string; nodes: string[] }[]> {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<unknown> } }).axe;
    return (await axe.run(document)) as { violations: { id: string; nodes: { target: string[] }[] }[] };
  });
  return result.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) }));
}

const pack = quarterPack(
  tracker([
    csf({ csf: 'Win new logos', targets: even(100), actuals: [80, 90, 100, 95, 110, 105, 120, 130] }),
    csf({
      team: 'Marketing',
      csf: 'Generate demand',
      targets: even(200),
      actuals: [200, 200, 200, 200, 200, 200, 210, 150],
    }),
  ]),
  3,
  [],
  [],
  [],
  '2026-09-01',
);
const plan = quarterPlan(pack, '2026-09-01', 'CSF Tracker');
const chart = plan.charts[0];

type PreviewWindow = {
  sePreview: {
    workbook(): {
      insertSheet(p: unknown): Promise<{ name: string }>;
      activateSheet(n: string): Promise<void>;
    };
  };
};

describe('charts in the preview, and the grid following activateSheet', () => {
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
  }, 120_000);

  afterAll(async () => {
    expect(watched.pageErrors).toEqual([]);
    await browser?.close();
  });

  test('a sheet the sidebar inserts and activates is the one the grid shows', async () => {
    const first = await page.getAttribute('table.grid', 'aria-label');
    await page.evaluate(async (p) => {
      const wb = (window as unknown as PreviewWindow).sePreview.workbook();
      const { name } = await wb.insertSheet(p);
      await wb.activateSheet(name);
    }, plan as unknown);
    await page.waitForSelector(`table.grid[aria-label="${plan.name}"]`);
    expect(first).not.toBe(plan.name);
    expect(await page.getAttribute(`[role="tab"][aria-selected="true"]`, 'aria-controls')).toBe('sheet-grid');
    expect(await page.textContent('[role="tab"][aria-selected="true"]')).toBe(plan.name);
  });

  test('activating the sheet already shown after the user moved away brings it back', async () => {
    await page.click('.tabs [role="tab"]:has-text("SE Scorecard")');
    await page.waitForSelector('table.grid[aria-label="SE Scorecard"]');
    await page.evaluate(
      (n) => (window as unknown as PreviewWindow).sePreview.workbook().activateSheet(n),
      plan.name,
    );
    await page.waitForSelector(`table.grid[aria-label="${plan.name}"]`);
  });

  test('the quarter’s column chart is drawn at its anchor cell, a column per CSF and series', async () => {
    const box = page.locator('[data-testid="sheet-chart"]');
    await box.scrollIntoViewIfNeeded();
    expect(await box.count()).toBe(1);
    const anchor = await page
      .locator(`td[data-cell="${a1(chart.anchor.row, chart.anchor.col)}"]`)
      .boundingBox();
    const drawn = await box.boundingBox();
    expect(Math.abs(drawn!.x - anchor!.x)).toBeLessThanOrEqual(1);
    expect(Math.abs(drawn!.y - anchor!.y)).toBeLessThanOrEqual(1);
    // 2 CSFs x 2 series (Target, Actual).
    expect(await box.locator('rect.chart-column').count()).toBe(4);
    expect(await box.locator('text').allTextContents()).toEqual(expect.arrayContaining([chart.title]));
    // Actual for Win new logos: 250 / 200 = 125 % is the taller column of its pair.
    const heights = await box
      .locator('rect.chart-column')
      .evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('height'))));
    expect(heights[2] / heights[0]).toBeCloseTo(1.25, 5);
  });

  test('a screen reader hears the chart in words', async () => {
    const box = page.locator('[data-testid="sheet-chart"]');
    expect(await box.getAttribute('role')).toBe('img');
    const label = (await box.getAttribute('aria-label')) ?? '';
    expect(
      label.startsWith(`Column chart, ${chart.title}. Win new logos (Sales): Target 100%, Actual 125%; `),
    ).toBe(true);
  });

  test('the page’s Export writes the chart into the file', async () => {
    const download = page.waitForEvent('download');
    await page.click('text=Export .xlsx');
    const file = await download;
    const zip = await JSZip.loadAsync(readFileSync((await file.path())!));
    const charts = Object.keys(zip.files).filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n));
    expect(charts).toHaveLength(1);
    const xml = await zip.file(charts[0])!.async('string');
    expect(xml).toContain('<c:barDir val="col"/>');
    expect(xml).toContain(`<a:t>${chart.title}</a:t>`);
  });

  test('axe-core: no violations with the chart on the page', async () => {
    expect(await axeViolations(page)).toEqual([]);
  });
});
