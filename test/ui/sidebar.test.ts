/**
 * The built sidebar (dist/sheets-addon/sidebar.html) in headless Chromium, 300 px wide, with a HostApi whose
 * calls are answered in Node by the real app over an in-memory workbook (or by a test's own answers).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { HostMethod } from '../../src/app/hostApi';
import { readBuilt, repoRoot, sheetsDist } from '../bundle/builtFiles';
import { launchBrowser, openPage, scrollsSideways, type Watched } from './browser';
import { bridgeHost, fakeHostScript, handlerOver, type Handler, type Recorded } from './fakeHost';
import { demoHost, exampleHost } from './reviewData';

const sidebarHtml = readBuilt(join(sheetsDist, 'sidebar.html'));
const screenshots = join(repoRoot, 'docs', 'screenshots');

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function open(handler: Handler): Promise<Watched & { calls: Recorded[] }> {
  let calls: Recorded[] = [];
  const watched = await openPage(browser, {
    html: sidebarHtml,
    initScript: fakeHostScript,
    prepare: async (page) => {
      calls = await bridgeHost(page, handler);
    },
  });
  await watched.page.waitForSelector('#save-review');
  return { ...watched, calls };
}

/** The first (off-track) CSF's fields. */
/**
 * The id of the focused element once focus has settled on `want` (the page moves focus after it renders, so a
 * loaded machine may need a moment); the id it ends on otherwise, for the assertion to show.
 */
async function focusSettles(page: Page, want: string): Promise<string | undefined> {
  await page
    .waitForFunction((id) => document.activeElement?.id === id, want, { timeout: 5000 })
    .catch(() => undefined);
  return page.evaluate(() => document.activeElement?.id);
}

async function fillOffTrack(
  page: Page,
  values: { commentary?: string; action?: string; owner?: string; due?: string },
) {
  if (values.commentary !== undefined) await page.fill('#csf-0-commentary', values.commentary);
  if (values.action !== undefined) await page.fill('#csf-0-action', values.action);
  if (values.owner !== undefined) await page.fill('#csf-0-owner', values.owner);
  if (values.due !== undefined) await page.fill('#csf-0-due', values.due);
}

const calledWith = (calls: Recorded[], method: HostMethod) => calls.filter((c) => c.method === method);

describe('the sidebar with the app over an in-memory workbook', () => {
  test('finance-grade cards: sides in words, a rate as a rate, a late actual awaited, the unit once', async () => {
    const { host } = await demoHost();
    const { page, pageErrors } = await open(handlerOver(host));
    const card = (csf: string) =>
      page.locator('article.csf', { has: page.locator('h4', { hasText: new RegExp(`^${csf}$`) }) });
    const lines = async (csf: string) => {
      const terms = await card(csf).locator('dl.numbers dt').allTextContents();
      const texts = await card(csf).locator('dl.numbers dd').allTextContents();
      return terms.map((t, i) => [t, texts[i]]);
    };
    // Cost of sales: 151 of 140 k€; 140 / 151 = 93%; 151 / 7 × 12 = 258.9 against 240 (8% over);
    // (240 − 151) / 5 = 17.8 a month; last three 23, 22, 24: slope (24 − 23) / 2 = 0.5 > 2% of 23 → Worsening.
    expect(await lines('Sell at a sound cost')).toEqual([
      ['Jul', '24 of 20 k€'],
      ['YTD', '151 of 140 k€'],
      ['Variance', '11 k€ over budget'],
      ['Attainment', '93%'],
      ['Forecast', '259 vs 240 k€ · 8% over budget'],
      ['Needed', 'Max 17.8 k€ a month to stay in budget'],
      ['Trend', 'Worsening'],
    ]);
    expect(await card('Sell at a sound cost').locator('dd.unfav').textContent()).toBe('11 k€ over budget');
    // The conversion rate, a mean: 194% / 7 = 27.7% against 30.0%; (360% − 194%) / 5 = 33.2%;
    // last three 28, 27, 28 %: slope 0 → Steady.
    expect(await lines('Hand over good leads')).toEqual([
      ['Jul', '28.0% of 30.0%'],
      ['YTD average', '27.7% of 30.0%'],
      ['Variance', '−2.3 pt unfavourable'],
      ['Attainment', '92%'],
      ['Year average', '27.7% vs 30.0% · 2.3 pt short'],
      ['Needed', '33.2% a month on average to reach target'],
      ['Trend', 'Steady'],
    ]);
    // MQLs through June: 1,235 of 1,130 (+105); the July actual is awaited, so no commentary is asked for.
    expect(await card('Generate demand').locator('.awaiting').textContent()).toBe(
      'Awaiting actual · through Jun',
    );
    expect((await lines('Generate demand')).slice(0, 3)).toEqual([
      ['Jun', '230 of 210'],
      ['YTD', '1,235 of 1,130'],
      ['Variance', '+105 favourable'],
    ]);
    expect(await card('Generate demand').locator('fieldset.required').count()).toBe(0);
    expect(await page.locator('fieldset.required').count()).toBe(1);
    // New-logo revenue 690 of 650 k€: +40 k€ favourable, in the favourable colour.
    expect(await card('Win new logos').locator('dd.fav').textContent()).toBe('+40 k€ favourable');
    expect(pageErrors).toEqual([]);
  });

  test('off-track CSFs come first in their team, the team with one first, with a chip in words and a chart', async () => {
    const { host } = await exampleHost();
    const { page, requests, pageErrors } = await open(handlerOver(host));
    // Off track, then a CSF to check on the tracker, at risk, awaiting its actual, on track.
    const rank = [/Off track/, /Check the tracker/, /At risk/, /Awaiting actual/, /On track/];
    const teams = await page.locator('section.team').all();
    expect(teams.length).toBeGreaterThan(0);
    const worst: number[] = [];
    for (const team of teams) {
      const order = (await team.locator('article.csf .chip').allTextContents()).map((c) =>
        rank.findIndex((r) => r.test(c)),
      );
      expect(order).not.toContain(-1);
      expect(order).toEqual([...order].sort());
      worst.push(order[0]);
    }
    expect(worst).toEqual([...worst].sort());
    expect(await page.locator('article.csf .chip').first().textContent()).toMatch(/Off track/);
    expect(await page.locator('article.csf svg.spark').count()).toBeGreaterThan(0);
    expect(await page.locator('#review-month option').count()).toBeGreaterThan(1);
    expect(requests).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  test('Save checks on click: marks the missing fields inline, focuses the first, then saves with a banner on top', async () => {
    const { host } = await exampleHost();
    const { page, calls } = await open(handlerOver(host));
    const save = page.locator('#save-review');
    // The owner is the tracker's, as a real value (not a placeholder), so it is not missing.
    const owner = await page.inputValue('#csf-0-owner');
    expect(owner).not.toBe('');
    expect(await page.getAttribute('#csf-0-owner', 'placeholder')).toBeNull();
    // Save is always pressable; the footer says what is still missing: commentary, action, due, reviewer.
    await page.fill('#reviewer', '');
    await expect(save.isDisabled()).resolves.toBe(false);
    expect(await page.textContent('#save-left')).toBe('4 items left');
    expect(await page.locator('.field-error').count()).toBe(0);

    await save.click();
    expect(calledWith(calls, 'saveReview')).toHaveLength(0);
    expect(await focusSettles(page, 'csf-0-commentary')).toBe('csf-0-commentary');
    expect(await page.getAttribute('#csf-0-commentary', 'aria-invalid')).toBe('true');
    expect(await page.textContent('#csf-0-commentary-error')).toBe('Off track: needs a commentary.');
    expect(await page.getAttribute('#csf-0-commentary', 'aria-describedby')).toBe('csf-0-commentary-error');
    expect(await page.getAttribute('#csf-0-action', 'aria-invalid')).toBe('true');
    expect(await page.getAttribute('#csf-0-due', 'aria-invalid')).toBe('true');
    expect(await page.getAttribute('#csf-0-owner', 'aria-invalid')).toBeNull();
    expect(await page.getAttribute('#reviewer', 'aria-invalid')).toBe('true');

    await fillOffTrack(page, { commentary: 'Fewer calls in July', action: 'Daily call block' });
    expect(await page.textContent('#save-left')).toBe('2 items left');
    expect(await page.locator('#csf-0-commentary-error').count()).toBe(0);
    await save.click();
    expect(await focusSettles(page, 'csf-0-due')).toBe('csf-0-due');
    await fillOffTrack(page, { due: '2026-09-30' });
    await save.click();
    expect(await focusSettles(page, 'reviewer')).toBe('reviewer');
    await page.fill('#reviewer', 'Dana Reviewer');
    expect(await page.textContent('#save-left')).toBe('Ready to save');

    await save.click();
    await page.waitForSelector('#save-notice .status:text("Saved the review")');
    const request = calledWith(calls, 'saveReview')[0].request as {
      reviewer: string;
      now: string;
      entries: { commentary: string; owner: string; due: string }[];
    };
    expect(request.reviewer).toBe('Dana Reviewer');
    expect(request.entries[0]).toMatchObject({ commentary: 'Fewer calls in July', owner, due: '2026-09-30' });
    // The host's local time with its offset, so "Saved at" is the reviewer's own clock.
    expect(request.now).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
    // The banner is at the top of the review and has focus; no blocker text, no marks; the entry is read-only.
    await page.waitForSelector('#last-saved');
    expect(await focusSettles(page, 'save-notice')).toBe('save-notice');
    const banner = await page.locator('#save-notice').boundingBox();
    const list = await page.locator('#csfs-h').boundingBox();
    expect(banner!.y).toBeLessThan(list!.y);
    expect(await page.locator('.field-error, #save-blockers').count()).toBe(0);
    expect(await page.locator('#csf-0-commentary').count()).toBe(0);
    expect(await page.locator('article.csf').first().locator('.saved-entry').textContent()).toContain(
      'Fewer calls in July',
    );
    expect(await page.textContent('#save-left')).toBe('Saved to the Review Log.');
    expect(await page.textContent('#last-saved')).toMatch(
      /saved by Dana Reviewer at \d{4}-\d{2}-\d{2} \d{2}:\d{2}; saving again adds rows/,
    );
    expect(await page.textContent('#last-saved')).not.toMatch(/UTC/);
    // The name is remembered for next time.
    expect(await page.evaluate(() => window.localStorage.getItem('seToolkit.reviewer'))).toBe(
      'Dana Reviewer',
    );
    // Reviewing again brings the form back, empty.
    await page.click('#review-again');
    expect(await page.inputValue('#csf-0-commentary')).toBe('');
  });

  test("the server's refusal is shown in words", async () => {
    const { host } = await exampleHost();
    const refusal = 'Not saved. Example: Fill the funnel (Sales) needs a commentary.';
    const { page } = await open(async (method, request) => {
      if (method === 'saveReview') throw new Error(refusal);
      return handlerOver(host)(method, request);
    });
    await page.fill('#reviewer', 'Dana');
    await fillOffTrack(page, { commentary: 'x', action: 'y', owner: 'z', due: '2026-09-30' });
    await page.click('#save-review');
    await page.waitForSelector('#save-notice [role=alert]');
    expect(await page.textContent('#save-notice [role=alert]')).toBe(refusal);
  });

  test('a review that cannot load says why, and can be tried again', async () => {
    let fail = true;
    const { host } = await exampleHost();
    const watched = await openPage(browser, {
      html: sidebarHtml,
      initScript: fakeHostScript,
      prepare: async (page) => {
        await bridgeHost(page, async (method, request) => {
          if (method === 'loadReview' && fail)
            throw new Error('There is no CSF Tracker in this workbook. Insert one from Templates.');
          return handlerOver(host)(method, request);
        });
      },
    });
    const { page } = watched;
    await page.waitForSelector('[role=alert]');
    expect(await page.textContent('[role=alert]')).toMatch(/no CSF Tracker/);
    fail = false;
    await page.click('button:text("Try again")');
    await page.waitForSelector('#save-review');
  });

  test('keyboard: the tabs move with the arrow keys, and Tab reaches Save, which Enter presses', async () => {
    const { host } = await exampleHost();
    const { page } = await open(handlerOver(host));
    await page.focus('#tab-monthly');
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-quarter');
    expect(await page.isVisible('#panel-quarter')).toBe(true);
    await page.keyboard.press('ArrowLeft');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-monthly');

    await page.focus('#csf-0-commentary');
    await page.keyboard.type('Fewer calls in July');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Daily call block');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('csf-0-owner');
    await page.keyboard.press('Tab');
    expect(await focusSettles(page, 'csf-0-due')).toBe('csf-0-due');
    await page.fill('#csf-0-due', '2026-09-30');
    await page.focus('#reviewer');
    await page.keyboard.type('Kim');
    let onSave = false;
    for (let i = 0; i < 3 && !onSave; i++) {
      await page.keyboard.press('Tab');
      onSave = await page.evaluate(() => document.activeElement?.id === 'save-review');
    }
    expect(onSave).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#save-notice .status:text("Saved the review")');
  });

  test('open actions can be marked done or carried over with a new date', async () => {
    const { host } = await exampleHost();
    const { page, calls } = await open(handlerOver(host));
    await page.fill('#reviewer', 'Dana');
    await fillOffTrack(page, { commentary: 'c', action: 'a', owner: 'o', due: '2026-09-30' });
    await page.check('fieldset.action input[value="Carried over"]');
    await page.fill('#action-0-due', '2026-10-15');
    await page.click('#save-review');
    await page.waitForSelector('#save-notice .status:text("Saved the review")');
    const request = calledWith(calls, 'saveReview')[0].request as { actionUpdates: unknown[] };
    expect(request.actionUpdates).toEqual([
      expect.objectContaining({ status: 'Carried over', due: '2026-10-15' }),
    ]);
  });

  test('quarterly prep: a taken name is only used after the user confirms', async () => {
    const { host, workbook } = await exampleHost();
    const { page, calls } = await open(handlerOver(host));
    await page.click('#tab-quarter');
    expect(await page.inputValue('#quarter')).toBe('3');
    await page.click('#prepare-quarter');
    await page.waitForSelector('#quarter-notice .status:text("Prepared")');
    const first = (await workbook.sheetNames()).filter((n) => n.startsWith('Review Q3'));
    expect(first).toHaveLength(1);
    expect(await page.locator('.summary li').count()).toBeGreaterThan(0);
    await page.setViewportSize({ width: 300, height: 700 });
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: join(screenshots, 'quarterly-prep.png'), fullPage: true });

    await page.click('#prepare-quarter');
    await page.waitForSelector('#confirm-new-name');
    expect(await page.textContent('#exists-message')).toMatch(/already exists\. Nothing was changed/);
    expect((await workbook.sheetNames()).filter((n) => n.startsWith('Review Q3'))).toHaveLength(1);
    await page.click('#confirm-new-name');
    await page.waitForSelector('#quarter-notice .status:text("Prepared")');
    expect((await workbook.sheetNames()).filter((n) => n.startsWith('Review Q3'))).toHaveLength(2);
    const prepares = calledWith(calls, 'prepareQuarter').map(
      (c) => (c.request as { addUnderNewName?: boolean }).addUnderNewName,
    );
    expect(prepares).toEqual([false, false, true]);
  });

  test('templates: insert with examples and hear what happened', async () => {
    const { host, workbook } = await exampleHost();
    const { page, calls } = await open(handlerOver(host));
    await page.click('#tab-templates');
    await page.waitForSelector('#insert-se-scorecard');
    await page.check('#with-examples');
    await page.click('#insert-se-scorecard');
    await page.waitForSelector('#template-notice .status:text("Inserted SE Scorecard")');
    expect(await workbook.sheetNames()).toContain('SE Scorecard');
    const request = calledWith(calls, 'insertTemplate')[0].request as { examples: boolean; year: number };
    expect(request.examples).toBe(true);
    expect(request.year).toBe(new Date().getFullYear());
  });

  test('fits 300 px without sideways scrolling on every tab (screenshot of the monthly review)', async () => {
    const { host } = await exampleHost();
    const { page } = await open(handlerOver(host));
    expect(await scrollsSideways(page)).toBe(false);
    for (const toggle of await page.locator('.csf-toggle').all())
      if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
    await page.click('details:visible summary');
    expect(await scrollsSideways(page)).toBe(false);
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: join(screenshots, 'monthly-review.png'), fullPage: true });
    for (const tab of ['#tab-quarter', '#tab-templates']) {
      await page.click(tab);
      await page.waitForTimeout(50);
      expect(await scrollsSideways(page)).toBe(false);
    }
  });
});
