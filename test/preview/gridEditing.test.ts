/**
 * Editing in the preview's grid as in Sheets and Excel, in Chromium on the built page (dist/preview): typing on
 * a cell replaces it, Enter / Tab / Shift move, Escape cancels, arrows and Shift+arrows select, F2 and
 * double-click edit in the cell, Delete clears a range, Ctrl+Z / Ctrl+Y undo and redo, ranges copy and paste as
 * tab-separated text, the mouse selects a range by dragging, Ctrl+D / Ctrl+R fill down and right and the fill
 * handle fills where it is dragged, references shifting as in Excel. The focus stays on the grid throughout.
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

  /** The formula or constant of a cell, as the workbook holds it. */
  const raw = (sheet: string, cell: string): Promise<unknown> =>
    page.evaluate(
      ([s, c]) => {
        const wb = (
          window as unknown as {
            sePreview: { workbook: () => { sheetSerialized: (s: string) => unknown[][] } };
          }
        ).sePreview.workbook();
        const m = /^([A-Z]+)(\d+)$/.exec(c)!;
        const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
        return wb.sheetSerialized(s)[Number(m[2]) - 1]?.[col] ?? null;
      },
      [sheet, cell] as const,
    );
  /** The centre of a cell on screen (the grid scrolls it into view first). */
  async function centre(cell: string): Promise<{ x: number; y: number }> {
    const td = page.locator(`td[data-cell="${cell}"]`);
    await td.scrollIntoViewIfNeeded();
    const box = (await td.boundingBox())!;
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  }
  async function typeInto(cell: string, text: string): Promise<void> {
    await page.click(`td[data-cell="${cell}"]`);
    await waitName(cell);
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
  }

  test('dragging the mouse selects a range, the active cell staying where the drag began', async () => {
    await openSheet('SE Scorecard');
    const from = await centre('B40');
    const to = await centre('D43');
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(to.x, to.y, { steps: 8 });
    await page.mouse.up();
    const cells = (await selectedCells()).sort();
    expect(cells).toEqual(['B', 'C', 'D'].flatMap((c) => [40, 41, 42, 43].map((r) => `${c}${r}`)).sort());
    await waitName('B40');
    expect(await gridHasFocus()).toBe(true);
    // The workbook's selection (what a host's selection() gives) is the dragged range.
    const range = await page.evaluate(
      () =>
        (
          window as unknown as { sePreview: { workbook: () => { selectedRange: unknown } } }
        ).sePreview.workbook().selectedRange,
    );
    expect(range).toEqual({ sheet: 'SE Scorecard', row: 39, col: 1, rows: 4, cols: 3 });
    // The dragged range is one: Delete clears all of it.
    await page.keyboard.press('Escape');
    await typeInto('D43', 'x');
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(to.x, to.y, { steps: 8 });
    await page.mouse.up();
    await page.keyboard.press('Delete');
    await waitCell('D43', '');
  });

  test('Ctrl+D fills down and Ctrl+R fills right, relative references shifting, absolute ones staying', async () => {
    await openSheet('SE Scorecard');
    for (const [cell, text] of [
      ['B50', '10'],
      ['B51', '20'],
      ['B52', '30'],
      ['B53', '40'],
      ['C50', '=B50*2+$B$50'],
      ['D50', 'kept text'],
    ])
      await typeInto(cell, text);
    await waitCell('C50', '30');
    // Select C50:D53 and fill down: C51 = B51*2 + B50 = 50, the text copied as text.
    await page.click('td[data-cell="C50"]');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Control+d');
    await waitCell('C53', '90');
    expect(await cellText('C51')).toBe('50');
    expect(await cellText('C52')).toBe('70');
    expect(await raw('SE Scorecard', 'C53')).toBe('=B53*2+$B$50');
    expect(await cellText('D53')).toBe('kept text');
    // The selection stays; one undo takes the whole fill back.
    expect((await selectedCells()).length).toBe(8);
    await page.keyboard.press('Control+z');
    await waitCell('C53', '');
    expect(await cellText('C51')).toBe('');
    expect(await cellText('D51')).toBe('');
    await page.keyboard.press('Control+y');
    await waitCell('C53', '90');
    // One cell selected: Ctrl+D takes the cell above, Ctrl+R the cell to the left.
    await page.click('td[data-cell="C54"]');
    await page.keyboard.press('Control+d');
    await waitCell('C54', '10'); // B54 is empty: 0*2 + $B$50
    expect(await raw('SE Scorecard', 'C54')).toBe('=B54*2+$B$50');
    await typeInto('E50', '=C50+1');
    // F50 alone takes E50 shifted one column right: =D50+1, and D50 is text, so #VALUE! as in Excel.
    await page.click('td[data-cell="F50"]');
    await page.keyboard.press('Control+r');
    await waitCell('F50', '#VALUE!');
    expect(await raw('SE Scorecard', 'F50')).toBe('=D50+1');
    // E50:G50 fills from its left column: G50 = E50+1 = 31+1.
    await page.click('td[data-cell="E50"]');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Control+r');
    await waitCell('G50', '32');
    expect(await raw('SE Scorecard', 'G50')).toBe('=E50+1');
    expect(await gridHasFocus()).toBe(true);
  });

  test('the fill handle dragged down repeats the selection with shifted references; dragged right likewise', async () => {
    await openSheet('SE Scorecard');
    await typeInto('B60', '3');
    await typeInto('C60', '=B60*10');
    await waitCell('C60', '30');
    await typeInto('B61', '4');
    await typeInto('B62', '5');
    await typeInto('B63', '6');
    // Select B60:C60 and drag its corner down to row 63.
    await page.click('td[data-cell="B60"]');
    await page.keyboard.press('Shift+ArrowRight');
    const handle = page.locator('[data-testid="fill-handle"]');
    expect(await handle.count()).toBe(1);
    const box = (await handle.boundingBox())!;
    const cellBox = (await page.locator('td[data-cell="C60"]').boundingBox())!;
    // The handle sits at the range's bottom-right corner.
    expect(Math.abs(box.x + box.width - (cellBox.x + cellBox.width))).toBeLessThanOrEqual(3);
    expect(Math.abs(box.y + box.height - (cellBox.y + cellBox.height))).toBeLessThanOrEqual(3);
    const target = await centre('C63');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(target.x, target.y, { steps: 10 });
    expect(await page.locator('td.fill-preview').count()).toBe(6);
    await page.mouse.up();
    // B60 copied down (a constant repeats), C61..C63 = B61..B63 * 10.
    await waitCell('C63', '30');
    expect(await cellText('B61')).toBe('3');
    expect(await raw('SE Scorecard', 'C63')).toBe('=B63*10');
    expect((await selectedCells()).length).toBe(8);
    // Undo, then the handle of C60 alone dragged right to E60: D60 = C60*10, E60 = D60*10.
    await page.keyboard.press('Control+z');
    await waitCell('C63', '');
    expect(await cellText('B61')).toBe('4');
    await page.click('td[data-cell="C60"]');
    const h2 = (await handle.boundingBox())!;
    const right = await centre('E60');
    await page.mouse.move(h2.x + h2.width / 2, h2.y + h2.height / 2);
    await page.mouse.down();
    await page.mouse.move(right.x, right.y, { steps: 10 });
    await page.mouse.up();
    await waitCell('E60', '3000');
    expect(await cellText('D60')).toBe('300');
    expect(await raw('SE Scorecard', 'E60')).toBe('=D60*10');
    expect(await gridHasFocus()).toBe(true);
  });
});
