/**
 * A 1:1 end to end in the built preview (dist/preview) on its demo workbook, as a sales manager meets it
 * (issue 13): open the 1:1 tab, pick Eva, see her funnel, the leak and her open commitment from the demo's
 * Coaching Log, mark it done, add a new commitment, save; the Coaching Log gets the rows, and Eva's 1:1 read
 * again shows the new commitment open and the old one closed.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, type Watched } from '../ui/browser';
import { repoRoot } from './previewFunctions';

const dist = join(repoRoot, 'dist/preview');
const read = (name: string): string => readFileSync(join(dist, name), 'utf8');
const screenshots = join(repoRoot, 'docs', 'screenshots');

// Eva's commitment in the demo's Coaching Log (preview/demoWorkbook.ts), still open (Done? blank).
const EVA_OPEN = 'Ask for the appointment on every first call';
const NEW_COMMITMENT = 'Book two appointments from every ten first calls';

describe('a 1:1 in the preview', () => {
  let browser: Browser;
  let watched: Watched;

  beforeAll(async () => {
    browser = await launchBrowser();
    watched = await openPage(browser, {
      html: read('index.html'),
      files: { 'preview.js': read('preview.js'), 'exceljs.min.js': read('exceljs.min.js') },
      width: 1280,
      height: 860,
    });
    watched.page.setDefaultTimeout(30000);
    await watched.page.waitForSelector('#tab-oneonone');
  });

  afterAll(async () => {
    await browser?.close();
  });

  test('pick a rep, see the figures, close a commitment, add one, save, and read it back', async () => {
    const { page, pageErrors, requests } = watched;
    // The funnel sheet the 1:1 reads, for the README: goals, targets, conversions under benchmarks, the leak.
    await page.click('.tabs .tab:has-text("Activity Funnel")');
    await page.waitForSelector('td[data-cell="A1"]:has-text("Activity Funnel")');
    // Over to the conversions and the coaching focus: the grid follows the active cell.
    await page.click('td[data-cell="B7"]');
    for (let i = 0; i < 26; i++) await page.keyboard.press('ArrowRight');
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: join(screenshots, 'activity-funnel.png') });
    await page.click('#tab-oneonone');
    await page.waitForSelector('#oo-rep');
    await page.selectOption('#oo-rep', 'Eva');
    await page.waitForSelector(`fieldset.action legend:text("${EVA_OPEN}")`);
    // Her funnel this month against targets and benchmark, and the leak with its value at stake.
    expect(await page.locator('#oo-funnel tr').count()).toBeGreaterThan(2);
    expect(await page.textContent('#oo-leak')).toMatch(/→/);
    const commitment = page.locator('fieldset.action', { has: page.locator(`legend:text("${EVA_OPEN}")`) });
    await commitment.locator('input[value="Done"]').check();
    await page.fill('#oo-review', 'Contacts up, appointments still under benchmark');
    await page.fill('#oo-skill', 'Booking the appointment');
    await page.fill('#oo-text', NEW_COMMITMENT);
    await page.fill('#oo-due', '2027-01-29');
    await page.click('#oo-save');
    await page.waitForSelector('#oo-notice :text("added to \\"Coaching Log\\"")');
    expect(await page.textContent('#oo-notice')).toMatch(
      /^Saved Eva's 1:1 of \d{4}-\d{2}-\d{2}: .* rows \d+–\d+\./,
    );
    // Read again from the Coaching Log: the new commitment is open, the one marked done is not.
    await page.selectOption('#oo-rep', 'Ana');
    await page.waitForSelector('#oo-funnel');
    await page.selectOption('#oo-rep', 'Eva');
    await page.waitForSelector(`fieldset.action legend:text("${NEW_COMMITMENT}")`);
    expect(await page.locator(`fieldset.action legend:text("${EVA_OPEN}")`).count()).toBe(0);
    expect(pageErrors).toEqual([]);
    expect(requests).toEqual([]);
  });
});
