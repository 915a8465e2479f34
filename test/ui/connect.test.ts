/**
 * The Connect plan tab in the built sidebar (dist/sheets-addon/sidebar.html), 300 px wide, over the real app
 * and core on an in-memory workbook: scan, pick, connect, the question before typed values are replaced, a
 * refusal shown as one message, hostile cell text shown as text, the keyboard path, and axe-core finding no
 * violation in any state. Expected figures are the plan rows typed below.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { MemoryWorkbook } from '../../preview/memoryWorkbook';
import { asyncHost } from '../../src/app/hostApi';
import { CSF_COLUMNS, CSF_FIRST_DATA_ROW } from '../../src/templates/csfTracker';
import type { PlanCell, PlanValue } from '../../src/templates/sheetPlan';
import { readBuilt, repoRoot, sheetsDist } from '../bundle/builtFiles';
import { launchBrowser, openPage, scrollsSideways, type Watched } from './browser';
import { bridgeHost, fakeHostScript, handlerOver, type Recorded } from './fakeHost';

const sidebarHtml = readBuilt(join(sheetsDist, 'sidebar.html'));
const axeSource = readFileSync(join(repoRoot, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const HOSTILE = '<img src=x onerror="window.__pwned=1">Revenue';
const BOOKINGS = [200, 210, 220, 230, 240, 250, 260, 270, 280, 290, 300, 310];
const COSTS = [80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91];

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A workbook with an empty CSF Tracker (2026) and a plan sheet of three rows, one with a hostile label. */
async function workbook(): Promise<MemoryWorkbook> {
  const wb = new MemoryWorkbook();
  await asyncHost(wb).insertTemplate({ templateId: 'csf-tracker', examples: false, year: 2026 });
  const row = (label: string, values: number[]): PlanCell[] => [
    { value: label },
    ...values.map((v): PlanCell => ({ value: v })),
  ];
  await wb.insertSheet({
    name: 'Budget 2026',
    cells: [
      [{ value: 'Measure' }, ...MONTHS.map((m): PlanCell => ({ value: m }))],
      row('Bookings', BOOKINGS),
      row('Costs', COSTS),
      row(HOSTILE, BOOKINGS),
    ],
    rows: 4,
    cols: 13,
    formats: [],
    validations: [],
    conditionalFormats: [],
    namedRanges: [],
    charts: [],
    columnWidths: [],
    frozenRows: 0,
    frozenCols: 0,
  });
  return wb;
}

async function open(wb: MemoryWorkbook): Promise<Watched & { calls: Recorded[] }> {
  let calls: Recorded[] = [];
  const watched = await openPage(browser, {
    html: sidebarHtml,
    initScript: fakeHostScript,
    prepare: async (page) => {
      calls = await bridgeHost(page, handlerOver(asyncHost(wb)));
    },
  });
  await watched.page.waitForSelector('#tab-connect');
  return { ...watched, calls };
}

async function axeViolations(page: Page): Promise<{ id: string; nodes: string[] }[]> {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<unknown> } }).axe;
    return (await axe.run(document)) as { violations: { id: string; nodes: { target: string[] }[] }[] };
  });
  return result.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) }));
}

/** The index of a found measure in the list, by its heading. */
async function measureIndex(page: Page, label: string): Promise<number> {
  const headings = await page.locator('.connect-measure h3').allTextContents();
  const i = headings.indexOf(label);
  if (i < 0) throw new Error(`"${label}" not among ${JSON.stringify(headings)}`);
  return i;
}

const targetsOf = (wb: MemoryWorkbook, row: number): PlanValue[] =>
  wb.readRange('CSF Tracker', { row, col: CSF_COLUMNS.firstTarget, rows: 1, cols: 12 })[0];

describe('the Connect plan tab', () => {
  test('scan, pick two measures as new rows, connect: the tracker reads the plan; no violation, no sideways scroll', async () => {
    const wb = await workbook();
    const { page, pageErrors, calls } = await open(wb);
    await page.click('#tab-connect');
    await page.click('#connect-scan');
    await page.waitForSelector('#connect-found-h');
    // Focus goes to what was found.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('connect-found-h');
    expect(await page.textContent('#connect-notice')).toContain('Found 3 measures in 1 sheet.');
    const bookings = await measureIndex(page, 'Bookings');
    const item = page.locator('.connect-measure').nth(bookings);
    expect(await item.textContent()).toContain(
      'Jan 26: 200, Feb 26: 210, Mar 26: 220, Apr 26: 230, … (12 months)',
    );
    expect(await axeViolations(page)).toEqual([]);

    for (const [label, csf] of [
      ['Bookings', 'Book more'],
      ['Costs', 'Hold costs'],
    ]) {
      const i = await measureIndex(page, label);
      await page.check(`#connect-${i}-pick`);
      await page.selectOption(`#connect-${i}-team`, 'Sales');
      await page.fill(`#connect-${i}-csf`, csf);
    }
    const costs = await measureIndex(page, 'Costs');
    await page.selectOption(`#connect-${costs}-direction`, 'down');
    expect(await page.textContent('#connect-go')).toBe('Connect 2 measures');
    expect(await scrollsSideways(page)).toBe(false);
    expect(await axeViolations(page)).toEqual([]);
    await page.click('#connect-go');
    await page.waitForSelector('#connect-done');
    expect(await page.textContent('#connect-done')).toContain('Connected 2 measures to "CSF Tracker"');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('connect-done');
    expect(await axeViolations(page)).toEqual([]);
    expect(await scrollsSideways(page)).toBe(false);

    expect(targetsOf(wb, CSF_FIRST_DATA_ROW)).toEqual(BOOKINGS);
    expect(targetsOf(wb, CSF_FIRST_DATA_ROW + 1)).toEqual(COSTS);
    expect(wb.readRange('CSF Tracker', { row: CSF_FIRST_DATA_ROW + 1, col: 0, rows: 1, cols: 2 })).toEqual([
      ['Sales', 'Hold costs'],
    ]);
    expect(
      wb.readRange('CSF Tracker', {
        row: CSF_FIRST_DATA_ROW + 1,
        col: CSF_COLUMNS.direction,
        rows: 1,
        cols: 1,
      }),
    ).toEqual([['down']]);
    const connectCalls = calls.filter((c) => c.method === 'connectPlan');
    expect(connectCalls).toHaveLength(1);
    // The review is loaded again after connecting (it reads the tracker just written).
    expect(calls.filter((c) => c.method === 'loadReview').length).toBeGreaterThanOrEqual(2);
    expect(pageErrors).toEqual([]);
  });

  test('a typed target is listed and asked about: Cancel keeps it, Replace connects', async () => {
    const wb = await workbook();
    wb.setCell('CSF Tracker', CSF_FIRST_DATA_ROW, 0, 'Sales');
    wb.setCell('CSF Tracker', CSF_FIRST_DATA_ROW, 1, 'Typed by hand');
    wb.setCell('CSF Tracker', CSF_FIRST_DATA_ROW, CSF_COLUMNS.firstTarget, 999);
    const { page, pageErrors } = await open(wb);
    await page.click('#tab-connect');
    await page.click('#connect-scan');
    await page.waitForSelector('#connect-found-h');
    const i = await measureIndex(page, 'Bookings');
    await page.check(`#connect-${i}-pick`);
    await page.selectOption(`#connect-${i}-target`, String(CSF_FIRST_DATA_ROW));
    await page.click('#connect-go');
    await page.waitForSelector('#connect-replace');
    expect(await page.textContent('#connect-replace-h')).toContain('Replace 1 value?');
    expect(await page.textContent('.connect-replaces')).toContain("'CSF Tracker'!Y8: 999");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('connect-replace');
    expect(await axeViolations(page)).toEqual([]);
    await page.click('#connect-cancel');
    expect(await page.textContent('#connect-notice')).toContain('Cancelled; nothing was changed.');
    expect(targetsOf(wb, CSF_FIRST_DATA_ROW)[0]).toBe(999);
    await page.click('#connect-go');
    await page.click('#connect-replace');
    await page.waitForSelector('#connect-done');
    expect(targetsOf(wb, CSF_FIRST_DATA_ROW)).toEqual(BOOKINGS);
    expect(pageErrors).toEqual([]);
  });

  test('hostile cell text is shown as text, never as HTML', async () => {
    const wb = await workbook();
    const { page, pageErrors } = await open(wb);
    await page.click('#tab-connect');
    await page.click('#connect-scan');
    await page.waitForSelector('#connect-found-h');
    const i = await measureIndex(page, HOSTILE);
    expect(await page.locator('.connect img').count()).toBe(0);
    await page.check(`#connect-${i}-pick`);
    expect(await page.inputValue(`#connect-${i}-csf`)).toBe(HOSTILE);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(pageErrors).toEqual([]);
  });

  test('a refusal is one clear message; a team over three CSFs is stopped before connecting', async () => {
    const wb = await workbook();
    const { page } = await open(wb);
    await page.click('#tab-connect');
    // The preview's workbook has no selection to give.
    await page.click('#connect-selection');
    await page.waitForSelector('#connect-notice [role="alert"]');
    expect(await page.locator('#connect-notice [role="alert"]').textContent()).toBe(
      'Connect my plan: there is no selected range to scan. Select the cells of your plan (its labels and month headers included), then choose "Use my selection" again.',
    );
    // Three CSFs for Marketing already; a fourth is refused next to its field and Connect stays off.
    for (let r = 0; r < 3; r++) {
      wb.setCell('CSF Tracker', CSF_FIRST_DATA_ROW + r, 0, 'Marketing');
      wb.setCell('CSF Tracker', CSF_FIRST_DATA_ROW + r, 1, `CSF ${r + 1}`);
    }
    await page.click('#connect-scan');
    await page.waitForSelector('#connect-found-h');
    const i = await measureIndex(page, 'Costs');
    await page.check(`#connect-${i}-pick`);
    await page.selectOption(`#connect-${i}-team`, 'Marketing');
    expect(await page.textContent(`#connect-${i}-error`)).toBe(
      'Marketing would have 4 CSFs; a team tracks at most 3. Re-link one of its rows instead.',
    );
    expect(await page.isDisabled('#connect-go')).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
  });

  test('keyboard: the tabs by arrow keys, the scan and the pick by Enter and Space', async () => {
    const wb = await workbook();
    const { page } = await open(wb);
    await page.focus('#tab-monthly');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-connect');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('connect-scan');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#connect-found-h');
    const i = await measureIndex(page, 'Bookings');
    await page.focus(`#connect-${i}-pick`);
    await page.keyboard.press('Space');
    expect(await page.isChecked(`#connect-${i}-pick`)).toBe(true);
    await page.waitForSelector(`#connect-${i}-team`);
  });
});
