/**
 * The 1:1 end to end in the built sidebar at 300 px (issue 13, item 3), over the real app and a MemoryWorkbook
 * through the fake host bridge: from the review's coaching focus open Ana's 1:1, see her July funnel against
 * targets and benchmark and the leak with its value at stake, close her overdue commitment, add one, save,
 * and find the rows in the Coaching Log; a rep with no funnel data gets the empty state; axe-core finds no
 * violation. The page's clock is the machine's: requests are answered as of 5 Aug 2026 (TODAY).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { MemoryWorkbook } from '../../preview/memoryWorkbook';
import { asyncHost } from '../../src/app/hostApi';
import { FUNNEL_FIRST_DATA_ROW } from '../../src/templates/activityFunnel';
import { COACHING_NAMES } from '../../src/templates/coachingLog';
import { readBuilt, repoRoot, sheetsDist } from '../bundle/builtFiles';
import {
  FUNNEL_ROWS,
  NEW_COMMITMENT,
  NEW_DUE,
  QUALIFY,
  REVIEW,
  rowsWithRep,
  SAVED_ROWS,
  SKILL,
  TODAY,
} from '../review/oneOnOneFixture';
import { launchBrowser, openPage, scrollsSideways } from './browser';
import { bridgeHost, fakeHostScript, handlerOver, type Handler, type Recorded } from './fakeHost';

const axeSource = readFileSync(join(repoRoot, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function workbook(): Promise<MemoryWorkbook> {
  const wb = new MemoryWorkbook();
  const host = asyncHost(wb);
  await host.insertTemplate({ templateId: 'csf-tracker', examples: true, year: 2026 });
  await host.insertTemplate({ templateId: 'coaching-log', examples: true, year: 2026 });
  const f = await host.insertTemplate({ templateId: 'activity-funnel', examples: false, year: 2026 });
  FUNNEL_ROWS.forEach((row, i) =>
    row.forEach((v, c) => wb.setCell(f.sheetName, FUNNEL_FIRST_DATA_ROW + i, c, v)),
  );
  return wb;
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<unknown> } }).axe;
    return (await axe.run(document)) as { violations: { id: string; nodes: { target: string[] }[] }[] };
  });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('a 1:1 end to end: open it from the review, see the figures, close a commitment, add one, save', async () => {
  const wb = await workbook();
  const inner = handlerOver(asyncHost(wb));
  // The answers as of TODAY, whatever the machine's date (the page sends its own).
  const handler: Handler = (method, request) => inner(method, { ...(request as object), today: TODAY });
  let calls: Recorded[] = [];
  const { page, pageErrors, requests } = await openPage(browser, {
    html: readBuilt(join(sheetsDist, 'sidebar.html')),
    initScript: fakeHostScript,
    prepare: async (p) => {
      calls = await bridgeHost(p, handler);
    },
  });
  await page.waitForSelector('#save-review');

  // The review's coaching focus: Ana's leak, its rate vs benchmark, the extra sales, her overdue commitment.
  const ana = page.locator('.coach-rep', { has: page.locator('button', { hasText: /^Ana$/ }) });
  await expect(ana.textContent()).resolves.toMatch(
    /Appointments → Presentations.* 50% vs 65%, \+7\.5 sales · 1 overdue$/,
  );
  await page.click('button[aria-label="Open the 1:1 with Ana"]');
  expect(await page.getAttribute('#tab-oneonone', 'aria-selected')).toBe('true');
  await page.waitForSelector('#oo-funnel');
  expect(await page.inputValue('#oo-rep')).toBe('Ana');
  expect(await page.inputValue('#oo-month')).toBe('2026-07');

  // July against the targets of her goal of 25 (529, 185, 120, 84, 25) and the benchmarks.
  const rows = await page.$$eval('#oo-funnel tbody tr', (trs) =>
    trs.map((tr) => [...tr.children].map((c) => (c.textContent ?? '').trim())),
  );
  expect(rows).toEqual([
    ['Contacts', '1,000', '529', '', ''],
    ['Appointments', '300', '185', '30% ▾', '35%'],
    ['Presentations', '150', '120', '50% ▾', '65%'],
    ['Opportunities', '100', '84', '67% ▾', '70%'],
    ['Sales', '25', '25', '25% ▾', '30%'], // 25/100 = 25% < 30%
  ]);
  expect(await page.textContent('#oo-leak')).toBe(
    'Leak: Appointments → Presentations (50% vs 65%): +7.5 sales at benchmark',
  );
  const before = await page.$$eval('[aria-labelledby="oo-trend-h"] tbody tr', (trs) =>
    trs.map((tr) => (tr.textContent ?? '').trim()),
  );
  expect(before.map((t) => t.slice(0, 8))).toEqual(['Apr 2026', 'May 2026', 'Jun 2026']);

  // Her overdue commitment: close it. Then the meeting's notes and a new commitment.
  const item = page.locator('fieldset.action', { has: page.locator('legend', { hasText: QUALIFY }) });
  await expect(item.textContent()).resolves.toMatch(/due 2026-07-31 .*Overdue 5 days/);
  await item.locator('input[value="Done"]').check();
  await page.fill('#oo-review', REVIEW);
  await page.fill('#oo-skill', SKILL);
  await page.fill('#oo-text', NEW_COMMITMENT);
  await page.fill('#oo-due', NEW_DUE);
  expect(await scrollsSideways(page)).toBe(false);
  await page.click('#oo-save');
  await page.waitForSelector('.banner-ok');
  expect(await page.textContent('#oo-notice .status')).toMatch(
    /^Saved Ana's 1:1 of 2026-08-05: 1 commitment update and the new commitment \(due 2026-08-21\) added to "Coaching Log", rows \d+–\d+\.$/,
  );
  // Read again: the closed one is gone, the new one open.
  await page.waitForSelector(`legend:has-text("${NEW_COMMITMENT}")`);
  expect(await page.$$eval('fieldset.action legend', (ls) => ls.map((l) => l.textContent))).toEqual([
    NEW_COMMITMENT,
  ]);
  expect(await axeViolations(page)).toEqual([]);
  mkdirSync(join(repoRoot, 'docs', 'screenshots'), { recursive: true });
  await page.screenshot({ path: join(repoRoot, 'docs', 'screenshots', 'one-on-one.png'), fullPage: true });

  // The Coaching Log: the template's three examples, then the two rows of this 1:1.
  const logRows = rowsWithRep((await wb.readTable(COACHING_NAMES.table))!.values);
  expect(logRows.slice(3)).toEqual(SAVED_ROWS);
  const save = calls.filter((c) => c.method === 'saveOneOnOne');
  expect(save).toHaveLength(1);
  expect((save[0].request as { today: string }).today).toMatch(/^\d{4}-\d{2}-\d{2}$/);

  // A rep with no funnel data: the empty state, and still their commitment.
  await page.selectOption('#oo-rep', 'Ben');
  await page.waitForSelector('#oo-empty');
  expect(await page.textContent('#oo-empty')).toBe(
    "Ben has no rows in the Activity Funnel yet: enter a month's counts for Ben to see the funnel.",
  );
  expect(await page.$$eval('fieldset.action legend', (ls) => ls.map((l) => l.textContent))).toEqual([
    'Ask for the order in each proposal meeting',
  ]);
  expect(await axeViolations(page)).toEqual([]);
  expect(pageErrors).toEqual([]);
  expect(requests).toEqual([]);
});
