/**
 * dist/excel-addin/taskpane.html and taskpane.js (the shared runtime's page) in Chromium with a fake Office and
 * the app over an in-memory workbook as its host: the UI mounts, and every ribbon action inserts its template,
 * reports in the Templates tab, shows the pane and completes its event. (The Excel adapter itself is covered by
 * test/templates/adapterConformance.test.ts against the fake Excel.)
 */
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { templateChoices } from '../../src/app/templates';
import { SELF_TEST_ACTION_ID } from '../../excel-addin/ribbonCommands';
import { excelDist, readBuilt } from '../bundle/builtFiles';
import { OFFICE_JS_CDN_URL } from '../../scripts/lib/officeJs';
import { launchBrowser, openPage, scrollsSideways } from './browser';
import { bridgeHost, fakeHostScript, handlerOver } from './fakeHost';
import { exampleHost } from './reviewData';

const fakeOffice = `
window.__actions = {}; window.__completed = 0; window.__shown = 0;
window.Office = {
  HostType: { Excel: 'Excel' },
  onReady(cb) { setTimeout(() => cb({ host: 'Excel' }), 0); return Promise.resolve({ host: 'Excel' }); },
  actions: { associate(id, fn) { window.__actions[id] = fn; } },
  addin: { showAsTaskpane() { window.__shown++; return Promise.resolve(); } },
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

test('the task pane mounts the UI and the ribbon actions insert templates and complete', async () => {
  const { host, workbook } = await exampleHost();
  const watched = await openPage(browser, {
    html: readBuilt(join(excelDist, 'taskpane.html')),
    files: {
      [OFFICE_JS_CDN_URL]: fakeOffice,
      'functions.js': readBuilt(join(excelDist, 'functions.js')),
      'taskpane.js': readBuilt(join(excelDist, 'taskpane.js')),
    },
    initScript: fakeHostScript,
    prepare: async (page) => {
      await bridgeHost(page, handlerOver(host));
    },
  });
  const { page } = watched;
  await page.waitForSelector('#save-review').catch((error: Error) => {
    throw new Error(
      `${error.message}; page errors: ${watched.pageErrors.join(' | ')}; console: ${watched.consoleMessages.join(' | ')}; requests: ${watched.requests.join(' ')}`,
    );
  });
  expect(await scrollsSideways(page)).toBe(false);
  const ids = await page.evaluate(() => Object.keys((window as unknown as { __actions: object }).__actions));
  // One action per template, then the ribbon's "Run self-test".
  expect(ids).toEqual([...templateChoices().map((c) => `insertTemplate.${c.id}`), SELF_TEST_ACTION_ID]);

  await page.evaluate(() => {
    const w = window as unknown as {
      __actions: Record<string, (e: { completed(): void }) => void>;
      __completed: number;
    };
    w.__actions['insertTemplate.coaching-log']({ completed: () => w.__completed++ });
  });
  await page.waitForSelector('#template-notice .status:text("Inserted Coaching Log")');
  await page.waitForFunction(() => (window as unknown as { __completed: number }).__completed === 1);
  expect(await page.evaluate(() => (window as unknown as { __shown: number }).__shown)).toBe(1);
  expect(await workbook.sheetNames()).toContain('Coaching Log');
  // What the ribbon inserted is opened (issue 12, item 4).
  expect(workbook.activeSheet).toBe('Coaching Log');
  expect(watched.requests).toEqual([]);
  expect(watched.pageErrors).toEqual([]);
});
