/**
 * Editing in the preview's grid as in Sheets and Excel, in Chromium on the built page (dist/preview): typing on
 * a cell replaces it, Enter / Tab / Shift move, Escape cancels, arrows and Shift+arrows select, F2 and
 * double-click edit in the cell, Delete clears a range, Ctrl+Z / Ctrl+Y undo and redo, and ranges copy and
 * paste as tab-separated text. The focus stays on the grid (role=grid) throughout.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, type Watched } from '../ui/browser';
import { repoRoot } from './previewFunctions';

const dist = join(repoRoot, 'dist/preview');
const read = (name: string): string => readFileSync(join(dist, name), 'utf8');
const POLL = { polling: 100 } as const;

describe('editing in the preview grid', () => {
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
    page.setDefaultTimeout(30000);
    await page.waitForSelector('.tabs .tab:has-text("SE Scorecard")');
    await page.waitForSelector('#sidebar :text("CSFs in")');
  });

  afterAll(async () => {
    expect(watched.pageErrors).toEqual([]);
    await browser?.close();
  });

  const cellText = async (cell: string): Promise<string> =>
    ((await page.textContent(`td[data-cell="${cell}"]`)) ?? '').trim();
  const waitCell = (cell: string, text: string) =>
    page.waitForFunction(
      ([c, t]) => (document.querySelector(`td[data-cell="${c}"]`)?.textContent ?? '').trim() === t,
      [cell, text] as const,
      POLL,
    );
  const waitName = (name: string) =>
    page.waitForFunction((n) => document.querySelector('.cell-name')?.textContent === n, name, POLL);
  const gridHasFocus = (): Promise<boolean> =>
    page.evaluate(() => document.activeElement?.matches('table.grid[role="grid"]') === true);
  const selectedCells = (): Promise<string[]> =>
    page.evaluate(() =>
      [...document.querySelectorAll('td[aria-selected="true"]')].map(
        (td) => td.getAttribute('data-cell') ?? '',
      ),
    );
  async function openSheet(name: string): Promise<void> {
    await page.click(`.tabs .tab:has-text("${name}")`);
    await page.waitForSelector(`table.grid[aria-label="${name}"]`);
  }
  const content = (): Promise<string> => page.inputValue('input[aria-label="Cell content"]');

  test('the README tour as written: click K12 on the Plan, type 240 and press Enter', async () => {
    await openSheet('Plan');
    await page.click('td[data-cell="K12"]');
    await waitName('K12');
    expect(await content()).toBe('');
    await page.keyboard.type('240');
    await page.keyboard.press('Enter');
    await waitCell('K12', '240');
    await waitName('K13');
    expect(await gridHasFocus()).toBe(true);
    // Typed digits are a number, as the formula bar would make them.
    const v = await page.evaluate(() => {
      const wb = (
        window as unknown as { sePreview: { workbook: () => { sheetValues: (s: string) => unknown[][] } } }
      ).sePreview.workbook();
      return wb.sheetValues('Plan')[11][10];
    });
    expect(v).toBe(240);
  });

  test('typing replaces a cell; Enter, Tab, Shift+Enter, Shift+Tab move; Escape cancels; arrows move', async () => {
    await openSheet('SE Scorecard');
    await page.click('td[data-cell="B95"]');
    await waitName('B95');
    expect(await gridHasFocus()).toBe(true);
    await page.keyboard.type('5');
    await page.keyboard.press('Tab');
    await waitCell('B95', '5');
    await waitName('C95');
    await page.keyboard.type('=B95*2');
    await page.keyboard.press('Enter');
    await waitCell('C95', '10');
    await waitName('C96');
    await page.keyboard.press('Shift+Enter');
    await waitName('C95');
    await page.keyboard.press('Shift+Tab');
    await waitName('B95');
    // Typing over replaces the content; Escape gives the old value back.
    await page.keyboard.type('99');
    expect(await page.inputValue('td[data-cell="B95"] input')).toBe('99');
    await page.keyboard.press('Escape');
    await waitCell('B95', '5');
    expect(await gridHasFocus()).toBe(true);
    await waitName('B95');
    // Text stays text: words typed on a cell are written as the formula bar writes them.
    await page.keyboard.press('ArrowDown');
    await waitName('B96');
    await page.keyboard.press('ArrowRight');
    await waitName('C96');
    await page.keyboard.press('ArrowUp');
    await waitName('C95');
    await page.keyboard.press('ArrowLeft');
    await waitName('B95');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.type('hello world');
    await page.keyboard.press('Enter');
    await waitCell('B96', 'hello world');
    await waitName('B97');
    // While typing over, an arrow commits and moves (Excel's Enter mode).
    await page.keyboard.type('7');
    await page.keyboard.press('ArrowRight');
    await waitCell('B97', '7');
    await waitName('C97');
    expect(await selectedCells()).toEqual(['C97']);
    expect(await gridHasFocus()).toBe(true);
  });

  test('F2 and double-click edit in the cell; Delete and Backspace clear the selection', async () => {
    await openSheet('SE Scorecard');
    await page.click('td[data-cell="D95"]');
    await page.keyboard.type('12');
    await page.keyboard.press('Enter');
    await waitCell('D95', '12');
    await page.keyboard.press('ArrowUp');
    await waitName('D95');
    // F2 keeps the content and puts the caret at its end.
    await page.keyboard.press('F2');
    expect(await page.inputValue('td[data-cell="D95"] input')).toBe('12');
    await page.keyboard.type('3');
    await page.keyboard.press('Enter');
    await waitCell('D95', '123');
    await waitName('D96');
    // Double-click: the formula itself, edited in place.
    await page.click('td[data-cell="E95"]');
    await page.keyboard.type('=D95+1');
    await page.keyboard.press('Enter');
    await waitCell('E95', '124');
    await page.dblclick('td[data-cell="E95"]');
    expect(await page.inputValue('td[data-cell="E95"] input')).toBe('=D95+1');
    // In edit mode the arrows move the caret, not the selection.
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Delete');
    await page.keyboard.type('2');
    await page.keyboard.press('Enter');
    await waitCell('E95', '125');
    // Delete clears a whole range; Backspace clears the one cell.
    await page.click('td[data-cell="D95"]');
    await page.keyboard.press('Shift+ArrowRight');
    expect((await selectedCells()).sort()).toEqual(['D95', 'E95']);
    await page.keyboard.press('Delete');
    await waitCell('D95', '');
    await waitCell('E95', '');
    await page.click('td[data-cell="B96"]');
    await page.keyboard.press('Backspace');
    await waitCell('B96', '');
    expect(await gridHasFocus()).toBe(true);
  });

  test('Ctrl+Z undoes edits one by one and Ctrl+Y redoes them', async () => {
    await openSheet('SE Scorecard');
    await page.click('td[data-cell="G95"]');
    await page.keyboard.type('1');
    await page.keyboard.press('Enter');
    await page.keyboard.type('2');
    await page.keyboard.press('Enter');
    await waitCell('G96', '2');
    await page.click('td[data-cell="G95"]');
    await page.keyboard.type('10');
    await page.keyboard.press('Enter');
    await waitCell('G95', '10');
    await page.keyboard.press('Control+z');
    await waitCell('G95', '1');
    await page.keyboard.press('Control+z');
    await waitCell('G96', '');
    await page.keyboard.press('Control+y');
    await waitCell('G96', '2');
    await page.keyboard.press('Control+Shift+z');
    await waitCell('G95', '10');
    // A cleared range comes back as one step.
    await page.click('td[data-cell="G95"]');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Delete');
    await waitCell('G95', '');
    await waitCell('G96', '');
    await page.keyboard.press('Control+z');
    await waitCell('G95', '10');
    await waitCell('G96', '2');
    // A formula comes back as a formula.
    await page.click('td[data-cell="H95"]');
    await page.keyboard.type('=G95*3');
    await page.keyboard.press('Enter');
    await waitCell('H95', '30');
    await page.click('td[data-cell="H95"]');
    await page.keyboard.press('Delete');
    await waitCell('H95', '');
    await page.keyboard.press('Control+z');
    await waitCell('H95', '30');
    expect(await content()).toBe('=G95*3');
  });

  /** Dispatches a paste of `text` on the grid, as the browser does for Ctrl+V from another application. */
  const paste = (text: string) =>
    page.evaluate((t) => {
      const data = new DataTransfer();
      data.setData('text/plain', t);
      document
        .querySelector('table.grid')!
        .dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, text);
  const copy = () =>
    page.evaluate(() => {
      const data = new DataTransfer();
      document
        .querySelector('table.grid')!
        .dispatchEvent(new ClipboardEvent('copy', { clipboardData: data, bubbles: true, cancelable: true }));
      return data.getData('text/plain');
    });

  test('a 10 x 12 block pasted as tab-separated text (as from Excel or Sheets) fills 10 rows and 12 columns', async () => {
    await openSheet('SE Scorecard');
    await page.click('td[data-cell="B100"]');
    await waitName('B100');
    const block = Array.from({ length: 10 }, (_, r) =>
      Array.from({ length: 12 }, (_, c) => (c === 0 ? `row ${r + 1}` : String(r * 100 + c))),
    );
    // Excel ends the last row with a newline too.
    await paste(`${block.map((l) => l.join('\t')).join('\r\n')}\r\n`);
    await waitCell('B100', 'row 1');
    await waitCell('C100', '1');
    await waitCell('B109', 'row 10');
    expect(await cellText('M109')).toBe('911');
    expect(await cellText('N100')).toBe('');
    expect(await cellText('B110')).toBe('');
    // The pasted block is selected; one undo takes the whole paste back.
    expect((await selectedCells()).length).toBe(120);
    const numbers = await page.evaluate(() => {
      const wb = (
        window as unknown as { sePreview: { workbook: () => { sheetValues: (s: string) => unknown[][] } } }
      ).sePreview.workbook();
      return wb.sheetValues('SE Scorecard')[99].slice(1, 13);
    });
    expect(numbers).toEqual(['row 1', 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    await page.keyboard.press('Control+z');
    await waitCell('B100', '');
    await waitCell('M109', '');
    await page.keyboard.press('Control+y');
    await waitCell('M109', '911');
  });

  test('Shift+arrows select a range that copies as tab-separated text and pastes elsewhere', async () => {
    await openSheet('SE Scorecard');
    await page.click('td[data-cell="B100"]');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowDown');
    expect((await selectedCells()).sort()).toEqual(['B100', 'B101', 'C100', 'C101', 'D100', 'D101']);
    expect(await copy()).toBe('row 1\t1\t2\nrow 2\t101\t102');
    // Quoted cells, as Excel writes a cell holding a tab, a newline or a quote.
    await page.click('td[data-cell="B111"]');
    await paste('"a\tb"\t"say ""hi"""\nplain\t"two\nlines"\n');
    await waitCell('B111', 'a\tb');
    await waitCell('C111', 'say "hi"');
    await waitCell('B112', 'plain');
    await waitCell('C112', 'two\nlines');
    // What the grid copies pastes back as it was (text stays text, numbers stay numbers).
    await page.click('td[data-cell="B100"]');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowRight');
    const copied = await copy();
    expect(copied).toBe('row 1\t1\nrow 2\t101');
    await page.click('td[data-cell="E111"]');
    await paste(copied);
    await waitCell('E111', 'row 1');
    await waitCell('F112', '101');
    const pasted = await page.evaluate(() => {
      const wb = (
        window as unknown as { sePreview: { workbook: () => { sheetValues: (s: string) => unknown[][] } } }
      ).sePreview.workbook();
      return wb.sheetValues('SE Scorecard')[111].slice(4, 6);
    });
    expect(pasted).toEqual(['row 2', 101]);
    expect(await gridHasFocus()).toBe(true);
  });
});
