/**
 * One UI, two skins chosen by host (issue 12, item 7): Google's add-on look in the Sheets sidebar, Fluent 2 in
 * the Excel task pane; and the tabs on one line at 300 px in both.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { excelDist, readBuilt, repoRoot, sheetsDist } from '../bundle/builtFiles';
import { OFFICE_JS_CDN_URL } from '../../scripts/lib/officeJs';
import { launchBrowser, openPage } from './browser';
import { bridgeHost, fakeHostScript, handlerOver } from './fakeHost';
import { exampleHost } from './reviewData';

/** The narrowest pane: 300 px with a 15 px scroll bar inside it. */
const PANE_WIDTH = 285;

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

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function look(page: Page) {
  return page.evaluate(() => {
    const body = getComputedStyle(document.body);
    const save = getComputedStyle(document.querySelector('#save-review')!);
    const tabs = [...document.querySelectorAll('[role=tab]')].map((t) => t.getBoundingClientRect());
    return {
      skin: document.documentElement.dataset.skin,
      font: body.fontFamily,
      size: body.fontSize,
      primary: save.backgroundColor,
      radius: save.borderTopLeftRadius,
      tabs: tabs.length,
      tabRows: new Set(tabs.map((r) => Math.round(r.top))).size,
      tabsRight: Math.max(...tabs.map((r) => r.right)),
      // A label cut short (ellipsis) shows more text than room.
      tabsCut: [...document.querySelectorAll('[role=tab]')].filter((t) => t.scrollWidth > t.clientWidth)
        .length,
    };
  });
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<unknown> } }).axe;
    return (await axe.run(document)) as { violations: { id: string }[] };
  });
  return result.violations.map((v) => v.id);
}

test('Sheets sidebar: Google add-on look (Google Sans/Roboto, Google blue), tabs on one line at 300 px', async () => {
  const { host } = await exampleHost();
  const { page } = await openPage(browser, {
    html: readBuilt(join(sheetsDist, 'sidebar.html')),
    // 300 px less a classic scroll bar: what a long review leaves inside Google's sidebar and the preview's.
    width: PANE_WIDTH,
    initScript: fakeHostScript,
    prepare: async (p) => {
      await bridgeHost(p, handlerOver(host));
    },
  });
  await page.waitForSelector('#save-review');
  const sheets = await look(page);
  expect(sheets.skin).toBe('sheets');
  expect(sheets.font).toMatch(/^"Google Sans", Roboto/);
  expect(sheets.size).toBe('13px');
  expect(sheets.primary).toBe('rgb(26, 115, 232)'); // #1a73e8
  expect(sheets.radius).toBe('4px');
  expect(sheets.tabs).toBe(5);
  expect(sheets.tabRows).toBe(1);
  expect(sheets.tabsCut).toBe(0);
  expect(sheets.tabsRight).toBeLessThanOrEqual(PANE_WIDTH);
  expect(await axeViolations(page)).toEqual([]);
});

test('Excel task pane: Fluent 2 (Segoe UI 14 px, brand blue, 4 px radius), tabs on one line at 300 px', async () => {
  const { host } = await exampleHost();
  const { page } = await openPage(browser, {
    html: readBuilt(join(excelDist, 'taskpane.html')),
    files: {
      [OFFICE_JS_CDN_URL]: fakeOffice,
      'functions.js': readBuilt(join(excelDist, 'functions.js')),
      'taskpane.js': readBuilt(join(excelDist, 'taskpane.js')),
    },
    width: PANE_WIDTH,
    initScript: fakeHostScript,
    prepare: async (p) => {
      await bridgeHost(p, handlerOver(host));
    },
  });
  await page.waitForSelector('#save-review');
  const excel = await look(page);
  expect(excel.skin).toBe('excel');
  expect(excel.font).toMatch(/^"Segoe UI"/);
  expect(excel.size).toBe('14px');
  expect(excel.primary).toBe('rgb(15, 108, 189)'); // #0f6cbd, Fluent 2 brand background
  expect(excel.radius).toBe('4px');
  expect(excel.tabRows).toBe(1);
  expect(excel.tabsCut).toBe(0);
  expect(excel.tabsRight).toBeLessThanOrEqual(PANE_WIDTH);
  expect(await axeViolations(page)).toEqual([]);
});
