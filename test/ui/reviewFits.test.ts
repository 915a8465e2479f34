/**
 * The 6-CSF demo review at 300 px in both skins (issue 12, Done when): at most 1,800 px tall with every CSF
 * collapsed but the off-track ones, and Save on screen at every scroll position. The Sheets sidebar is held to
 * it in reviewStates.test.ts; here the Excel task pane, whose Fluent 2 skin sets 14 px text (Sheets: 13 px).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { OFFICE_JS_CDN_URL } from '../../scripts/lib/officeJs';
import { excelDist, readBuilt, repoRoot } from '../bundle/builtFiles';
import { launchBrowser, openPage, scrollsSideways } from './browser';
import { bridgeHost, fakeHostScript, handlerOver } from './fakeHost';
import { demoHost } from './reviewData';

const axeSource = readFileSync(join(repoRoot, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const fakeOffice = `
window.Office = {
  HostType: { Excel: 'Excel' },
  onReady(cb) { setTimeout(() => cb({ host: 'Excel' }), 0); return Promise.resolve({ host: 'Excel' }); },
  actions: { associate() {} },
  addin: { showAsTaskpane() { return Promise.resolve(); } },
};
window.CustomFunctions = { associate() {}, Error: Error, ErrorCode: {} };
`;
const VIEWPORT = 700;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test('Excel task pane: the demo review at 300 px is ≤ 1,800 px, off-track rows alone expanded, Save always in view', async () => {
  const { host } = await demoHost();
  const data = await host.loadReview({ today: '2026-08-15' });
  const offTrack = data.teams
    .flatMap((t) => t.csfs)
    .filter((c) => c.flag === null && c.status === 'Off track').length;
  const { page, pageErrors } = await openPage(browser, {
    html: readBuilt(join(excelDist, 'taskpane.html')),
    files: {
      [OFFICE_JS_CDN_URL]: fakeOffice,
      'functions.js': readBuilt(join(excelDist, 'functions.js')),
      'taskpane.js': readBuilt(join(excelDist, 'taskpane.js')),
    },
    width: 300,
    height: VIEWPORT,
    initScript: fakeHostScript,
    prepare: async (p) => {
      await bridgeHost(p, handlerOver(host));
    },
  });
  await page.waitForSelector('#save-review');
  expect(await page.evaluate(() => document.documentElement.dataset.skin)).toBe('excel');
  expect(await page.locator('article.csf').count()).toBe(6);
  expect(await page.locator('.csf-toggle[aria-expanded=true]').count()).toBe(offTrack);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  expect(height).toBeLessThanOrEqual(1800);
  for (let y = 0; y <= height; y += 150) {
    await page.evaluate((top) => window.scrollTo(0, top), y);
    const box = await page.locator('#save-review').boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y + box!.height).toBeLessThanOrEqual(VIEWPORT);
  }
  expect(await scrollsSideways(page)).toBe(false);
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<unknown> } }).axe;
    const result = (await axe.run(document)) as { violations: { id: string }[] };
    return result.violations.map((v) => v.id);
  });
  expect(violations).toEqual([]);
  expect(pageErrors).toEqual([]);
});
