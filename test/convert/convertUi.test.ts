/**
 * "Formulas from Excel" / "Formulas from Google Sheets" in the built sidebar (dist/sheets-addon/sidebar.html),
 * 300 px wide, over the real app and core on an in-memory workbook: the menu's page opens on it, a scan lists
 * each cell with its formula now and after (hostile cell text shown as text), Convert rewrites exactly those
 * cells and says so, a co-author's change is refused in words, and axe-core finds no violation in any state.
 * With Office on the page (the task pane's skin) the same section converts the other way. Expected formulas are
 * written out by hand.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { MemoryWorkbook } from '../../preview/memoryWorkbook';
import { pageOpeningOnConvert, useSeFunctionNames } from '../../src/app/convertFormulas';
import { asyncHost } from '../../src/app/hostApi';
import type { PlanCell } from '../../src/templates/sheetPlan';
import { readFunctionDocs } from '../../scripts/lib/functionDocs';
import { readBuilt, repoRoot, sheetsDist } from '../bundle/builtFiles';
import { launchBrowser, openPage, scrollsSideways, type Watched } from '../ui/browser';
import { bridgeHost, fakeHostScript, handlerOver } from '../ui/fakeHost';

useSeFunctionNames(readFunctionDocs(repoRoot));

const sidebarHtml = readBuilt(join(sheetsDist, 'sidebar.html'));
const axeSource = readFileSync(join(repoRoot, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const HOSTILE = '<img src=x onerror="window.__pwned=1">';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const formula = (f: string): PlanCell => ({ formula: f });

/** A workbook made in Excel: SE calls nested in IF and ROUND, on a sheet whose name has an apostrophe. */
async function excelMadeWorkbook(): Promise<MemoryWorkbook> {
  const wb = new MemoryWorkbook();
  await wb.insertSheet({
    name: "Rep's scores",
    cells: [
      [{ value: 9 }, { value: 4 }, formula('=IF(SE.SCORE(A1,B1)>0.9,SE.STATUS(SE.SCORE(A1,B1),0.9),"")')],
      [{ value: 6 }, { value: 8 }, formula(`=ROUND(SE.SCORE(A2,B2),2)&"${HOSTILE}"`)],
      [{ value: 'SE.SCORE(A1,B1)' }, { value: 1 }, formula('=SUM(A1:A2)')],
    ],
    rows: 3,
    cols: 3,
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

const formulaOf = (wb: MemoryWorkbook, row: number, col: number): string | undefined =>
  wb.engine.getCellFormula({ sheet: wb.engine.getSheetId("Rep's scores") as number, row, col });

async function open(
  wb: MemoryWorkbook,
  options: { html?: string; office?: boolean; width?: number } = {},
): Promise<Watched> {
  const watched = await openPage(browser, {
    html: options.html ?? sidebarHtml,
    // The task pane's skin comes from office.js being on the page (shared/mount.tsx skinOf).
    initScript:
      options.office === true ? `window.Office = { context: {} };\n${fakeHostScript}` : fakeHostScript,
    width: options.width ?? 300,
    prepare: async (page) => {
      await bridgeHost(page, handlerOver(asyncHost(wb)));
    },
  });
  await watched.page.waitForSelector('#tab-templates');
  return watched;
}

async function axeViolations(page: Page): Promise<{ id: string; nodes: string[] }[]> {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<unknown> } }).axe;
    return (await axe.run(document)) as { violations: { id: string; nodes: { target: string[] }[] }[] };
  });
  return result.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) }));
}

describe('Formulas from Excel, in the built Sheets sidebar at 300 px', () => {
  test('opened from the menu: the Templates tab, the scan button focused; the five tabs on one line at 285 px', async () => {
    const wb = await excelMadeWorkbook();
    const { page, pageErrors } = await open(wb, { html: pageOpeningOnConvert(sidebarHtml), width: 285 });
    await page.waitForFunction(() => document.activeElement?.id === 'convert-scan');
    expect(await page.getAttribute('#tab-templates', 'aria-selected')).toBe('true');
    expect(await page.textContent('#convert-heading')).toBe('Formulas from Excel');
    const tops = await page.$$eval('[role="tab"]', (tabs) =>
      tabs.map((t) => Math.round(t.getBoundingClientRect().top)),
    );
    expect(tops).toHaveLength(5);
    expect(new Set(tops).size).toBe(1);
    expect(await scrollsSideways(page)).toBe(false);
    expect(pageErrors).toEqual([]);
  });

  test('the page without the menu’s mark opens as before (the review tab)', async () => {
    const { page } = await open(await excelMadeWorkbook());
    expect(await page.getAttribute('#tab-monthly', 'aria-selected')).toBe('true');
  });

  test('scan lists the cells now and after, Convert rewrites exactly them; text stays text; no violation', async () => {
    const wb = await excelMadeWorkbook();
    const { page, pageErrors } = await open(wb);
    await page.click('#tab-templates');
    await page.click('#convert-scan');
    await page.waitForSelector('#convert-run');
    expect(await page.textContent('#convert-notice')).toContain(
      'Found 2 formulas with Excel names on 1 sheet. Nothing has changed yet.',
    );
    const items = page.locator('.convert-formulas .connect-measure');
    expect(await items.count()).toBe(2);
    expect(await items.nth(0).locator('strong').textContent()).toBe("'Rep''s scores'!C1");
    expect(await items.nth(0).locator('code').allTextContents()).toEqual([
      '=IF(SE.SCORE(A1,B1)>0.9,SE.STATUS(SE.SCORE(A1,B1),0.9),"")',
      '=IF(SE_SCORE(A1,B1)>0.9,SE_STATUS(SE_SCORE(A1,B1),0.9),"")',
    ]);
    // The hostile text in the formula is shown as text, never as markup.
    expect(await items.nth(1).locator('code').allTextContents()).toEqual([
      `=ROUND(SE.SCORE(A2,B2),2)&"${HOSTILE}"`,
      `=ROUND(SE_SCORE(A2,B2),2)&"${HOSTILE}"`,
    ]);
    expect(await page.locator('.convert-formulas img').count()).toBe(0);
    expect(await page.textContent('#convert-run')).toBe('Convert 2 formulas');
    expect(await scrollsSideways(page)).toBe(false);
    expect(await axeViolations(page)).toEqual([]);

    await page.click('#convert-run');
    await page.waitForFunction(() =>
      (document.querySelector('#convert-notice')?.textContent ?? '').startsWith('Converted'),
    );
    expect(await page.textContent('#convert-notice')).toContain(
      'Converted 2 formulas on 1 sheet to Google Sheets names (SE_SCORE).',
    );
    expect(await page.locator('#convert-run').count()).toBe(0);
    await page.waitForFunction(() => document.activeElement?.id === 'convert-scan');
    expect(formulaOf(wb, 0, 2)).toBe('=IF(SE_SCORE(A1,B1)>0.9,SE_STATUS(SE_SCORE(A1,B1),0.9),"")');
    expect(formulaOf(wb, 1, 2)).toBe(`=ROUND(SE_SCORE(A2,B2),2)&"${HOSTILE}"`);
    expect(formulaOf(wb, 2, 2)).toBe('=SUM(A1:A2)');
    expect(wb.readRange("Rep's scores", { row: 2, col: 0, rows: 1, cols: 1 })).toEqual([['SE.SCORE(A1,B1)']]);
    expect(await axeViolations(page)).toEqual([]);

    // Scanning again finds nothing left.
    await page.click('#convert-scan');
    await page.waitForFunction(() =>
      (document.querySelector('#convert-notice')?.textContent ?? '').startsWith('No formulas'),
    );
    expect(await page.textContent('#convert-notice')).toContain(
      'No formulas with Excel names in 1 sheet (3 formulas read). Nothing to convert.',
    );
    expect(pageErrors).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  test('a co-author’s change between scan and convert: refused in words, nothing converted', async () => {
    const wb = await excelMadeWorkbook();
    const { page } = await open(wb);
    await page.click('#tab-templates');
    await page.click('#convert-scan');
    await page.waitForSelector('#convert-run');
    wb.setCell("Rep's scores", 0, 2, '=SE.SCORE(1,1)');
    await page.click('#convert-run');
    await page.waitForSelector('#convert-notice .error');
    expect(await page.textContent('#convert-notice .error')).toMatch(
      /^Convert formulas: the cell 'Rep''s scores'!C1 changed after it was read .*nothing was written\. Scan again/,
    );
    expect(formulaOf(wb, 0, 2)).toBe('=SE.SCORE(1,1)');
    expect(formulaOf(wb, 1, 2)).toBe(`=ROUND(SE.SCORE(A2,B2),2)&"${HOSTILE}"`);
    expect(await axeViolations(page)).toEqual([]);
  });
});

describe('Formulas from Google Sheets, in the task pane’s skin', () => {
  test('converts Sheets names to Excel’s', async () => {
    const wb = new MemoryWorkbook();
    await wb.insertSheet({
      name: 'Plan',
      cells: [[{ value: 3 }, formula('=IFERROR(FUNNEL_TARGETS(A1:A2,B1:B2),"SE_SCORE(")+SE_SCORE(A1,2)')]],
      rows: 1,
      cols: 2,
      formats: [],
      validations: [],
      conditionalFormats: [],
      namedRanges: [],
      charts: [],
      columnWidths: [],
      frozenRows: 0,
      frozenCols: 0,
    });
    const { page } = await open(wb, { office: true });
    await page.click('#tab-templates');
    expect(await page.textContent('#convert-heading')).toBe('Formulas from Google Sheets');
    await page.click('#convert-scan');
    await page.waitForSelector('#convert-run');
    await page.click('#convert-run');
    await page.waitForFunction(() =>
      (document.querySelector('#convert-notice')?.textContent ?? '').startsWith('Converted'),
    );
    expect(await page.textContent('#convert-notice')).toContain('to Excel names (SE.SCORE).');
    expect(wb.engine.getCellFormula({ sheet: wb.engine.getSheetId('Plan') as number, row: 0, col: 1 })).toBe(
      '=IFERROR(SE.FUNNEL_TARGETS(A1:A2,B1:B2),"SE_SCORE(")+SE.SCORE(A1,2)',
    );
    expect(await axeViolations(page)).toEqual([]);
  });
});
