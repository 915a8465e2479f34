/**
 * Hostile cell text in every place the sidebar shows text: CSF names, teams, owners, metrics, units, actions,
 * coaching reps, warnings, the reviewer, the quarter's summary, template titles and the host's messages. None
 * may run (no alert, no dialog, no flag set, no request, no new element) and each must show as the text it is.
 */
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { PrepareQuarterResult, ReviewData } from '../../src/app/review';
import type { InsertTemplateResult } from '../../src/app/templates';
import { HOSTILE_TEXTS } from '../fixtures/hostile';
import { readBuilt, sheetsDist } from '../bundle/builtFiles';
import { launchBrowser, openPage } from './browser';
import { bridgeHost, fakeHostScript, handlerOver } from './fakeHost';
import { exampleHost, TODAY } from './reviewData';

const sidebarHtml = readBuilt(join(sheetsDist, 'sidebar.html'));

const hooks = `
  window.__pwned = undefined;
  for (const name of ['alert', 'confirm', 'prompt', 'print', 'open']) {
    window[name] = () => { window.__pwned = 'called ' + name; };
  }
`;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Review data with a hostile text in every string a user could have typed into a cell. */
function poisoned(data: ReviewData): { data: ReviewData; shown: string[] } {
  let i = 0;
  const shown: string[] = [];
  const next = () => {
    const text = HOSTILE_TEXTS[i++ % HOSTILE_TEXTS.length];
    shown.push(text);
    return text;
  };
  const teams = data.teams.map((t) => {
    const team = next();
    return {
      ...t,
      team,
      // The id is never shown, but it travels back to the host and into attributes: hostile too.
      csfs: t.csfs.map((c, k) => ({
        ...c,
        id: `${HOSTILE_TEXTS[k]}#${k}`,
        team,
        csf: next(),
        owner: next(),
        metric: next(),
        // A flagged CSF shows no figures, so no unit: its unit is hostile but not looked for.
        unit: k === 1 ? HOSTILE_TEXTS[k] : next(),
        // The sheet's name reaches the words about a typed-over cell; a flag names months and settings.
        mismatches: [next()],
        ...(k === 1 ? { flag: next() } : {}),
      })),
    };
  });
  return {
    shown,
    data: {
      ...data,
      trackerSheet: next(),
      teams,
      openActions: data.openActions.map((a, k) => ({
        ...a,
        id: `${HOSTILE_TEXTS[k + 1]}#${k}`,
        team: next(),
        csf: next(),
        action: next(),
        owner: next(),
      })),
      coaching: data.coaching.map((f) => ({ ...f, rep: next(), leak: next() })),
      warnings: [next(), next()],
      lastSaved: { reviewer: next(), savedAt: '2026-08-01 10:00 UTC' },
    },
  };
}

test(`${HOSTILE_TEXTS.length} hostile texts in every field: none runs, each shows as text`, async () => {
  expect(HOSTILE_TEXTS.length).toBeGreaterThanOrEqual(20);
  const { host } = await exampleHost();
  const real = await host.loadReview({ today: TODAY });
  const { data, shown } = poisoned(real);
  const summary = [...HOSTILE_TEXTS];
  const refusal = `Not saved. ${HOSTILE_TEXTS[1]} needs ${HOSTILE_TEXTS[0]}`;
  const watched = await openPage(browser, {
    html: sidebarHtml,
    initScript: hooks + fakeHostScript,
    prepare: async (page) => {
      await bridgeHost(page, async (method, request) => {
        if (method === 'loadReview') return data;
        if (method === 'saveReview') throw new Error(refusal);
        if (method === 'templateChoices')
          return HOSTILE_TEXTS.slice(0, 6).map((t, k) => ({
            id: `t${k}`,
            title: t,
            summary: HOSTILE_TEXTS[k + 6],
          }));
        if (method === 'insertTemplate' && (request as { templateId: string }).templateId === 't2') {
          const exists: InsertTemplateResult = {
            status: 'exists',
            sheetName: HOSTILE_TEXTS[8],
            namedRanges: [],
            suggestedName: HOSTILE_TEXTS[7],
            message: HOSTILE_TEXTS[6],
          };
          return exists;
        }
        if (method === 'insertTemplate') {
          const inserted: InsertTemplateResult = {
            status: 'inserted',
            sheetName: HOSTILE_TEXTS[2],
            namedRanges: [],
            message: HOSTILE_TEXTS[3],
          };
          return inserted;
        }
        // Opening what was made: the sheet names are hostile too; the answer carries them back.
        if (method === 'openSheet') {
          const name = (request as { name: string }).name;
          return { sheetName: name, message: `Opened "${name}".` };
        }
        if (method === 'prepareQuarter') {
          const result: PrepareQuarterResult = {
            status: 'created',
            sheetName: HOSTILE_TEXTS[4],
            summary,
            message: HOSTILE_TEXTS[5],
          };
          return result;
        }
        return handlerOver(host)(method, request);
      });
    },
  });
  const { page } = watched;
  await page.waitForSelector('#save-review');
  const bodyText = () => page.evaluate(() => document.body.textContent ?? '');

  // Monthly review: every hostile string appears verbatim as text.
  const monthly = await bodyText();
  const missing = shown.filter((text) => !monthly.includes(text));
  expect(missing).toEqual([]);

  // Expand every row, open every "Add a comment" (details), fill the off-track CSFs with hostile text, save:
  // refused in words.
  for (const toggle of await page.locator('.csf-toggle').all())
    if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
  for (const summaryEl of await page.locator('details summary').all()) await summaryEl.click();
  const offTrack = await page.locator('fieldset.required').all();
  expect(offTrack.length).toBeGreaterThan(0);
  for (const [k, fieldset] of offTrack.entries()) {
    await fieldset.locator('textarea[id$=-commentary]').fill(HOSTILE_TEXTS[k]);
    await fieldset.locator('input[id$=-action]').fill(HOSTILE_TEXTS[k + 1]);
    await fieldset.locator('input[id$=-owner]').fill(HOSTILE_TEXTS[k + 2]);
    await fieldset.locator('input[id$=-due]').fill('2026-09-30');
  }
  await page.fill('#reviewer', HOSTILE_TEXTS[0]);
  await page.click('#save-review');
  await page.waitForSelector('#save-notice [role=alert]');
  expect(await page.textContent('#save-notice [role=alert]')).toBe(refusal);

  // Quarterly prep: the summary and message.
  await page.click('#tab-quarter');
  await page.click('#prepare-quarter');
  await page.waitForSelector('.summary li');
  expect(await page.locator('.summary li').allTextContents()).toEqual(summary);
  expect(await page.textContent('#quarter-notice .status')).toBe(HOSTILE_TEXTS[5]);

  // Templates: titles, summaries and the result message.
  await page.click('#tab-templates');
  await page.waitForSelector('#insert-t0');
  expect(await page.textContent('#insert-t0')).toBe(`Insert ${HOSTILE_TEXTS[0]}`);
  await page.click('#insert-t1');
  await page.waitForSelector(`#template-notice .status`);
  await page.waitForFunction(
    (t) => document.querySelector('#template-notice .status')?.textContent === t,
    HOSTILE_TEXTS[3],
  );
  // "Already exists": its message and the copy's name on the button, as text.
  await page.click('#insert-t2');
  await page.waitForSelector('#template-exists-message');
  expect(await page.textContent('#template-exists-message')).toBe(HOSTILE_TEXTS[6]);
  expect(await page.textContent('#add-template-copy')).toBe(`Add as "${HOSTILE_TEXTS[7]}"`);
  await page.click('#open-existing-template');

  await page.waitForTimeout(300); // let anything that was going to fire (onerror, onload, animations) fire
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(watched.dialogs).toEqual([]);
  expect(watched.requests).toEqual([]);
  expect(watched.pageErrors).toEqual([]);
  // Nothing a payload could have created: only our own markup's kinds of element.
  const tags = await page.evaluate(() => [
    ...new Set([...document.body.querySelectorAll('*')].map((e) => e.tagName.toLowerCase())),
  ]);
  for (const tag of [
    'img',
    'iframe',
    'object',
    'embed',
    'link',
    'base',
    'meta',
    'style',
    'a',
    'animate',
    'math',
    'b',
    'noscript',
  ])
    expect(tags).not.toContain(tag);
  expect(await page.locator('body script').count()).toBe(1); // the page's own bundle
  expect(await page.locator('svg:not(.spark)').count()).toBe(0);
});
