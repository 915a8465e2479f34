/**
 * The monthly review's states (issue 12) in the built sidebar at 300 px: the overview first, expanding a row,
 * drafts kept across a month switch and a reload, a past due date, Refresh, an empty workbook; and axe-core finds no violation in any of them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { NO_TRACKER_MESSAGE as APP_NO_TRACKER, savedAtText, type ReviewData } from '../../src/app/review';
import { asyncHost } from '../../src/app/hostApi';
import { MemoryWorkbook } from '../../preview/memoryWorkbook';
import { CSF_COLUMNS } from '../../src/templates/csfTracker';
import { NO_TRACKER_MESSAGE } from '../../shared/noTracker';
import { readBuilt, repoRoot, sheetsDist } from '../bundle/builtFiles';
import { launchBrowser, openPage, scrollsSideways, type Watched } from './browser';
import { bridgeHost, fakeHostScript, handlerOver, type Handler, type Recorded } from './fakeHost';
import { demoHost, exampleHost } from './reviewData';

const sidebarHtml = readBuilt(join(sheetsDist, 'sidebar.html'));
const axeSource = readFileSync(join(repoRoot, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function open(
  handler: Handler,
  options: { height?: number; waitFor?: string } = {},
): Promise<Watched & { calls: Recorded[] }> {
  let calls: Recorded[] = [];
  const watched = await openPage(browser, {
    html: sidebarHtml,
    initScript: fakeHostScript,
    height: options.height,
    prepare: async (page) => {
      calls = await bridgeHost(page, handler);
    },
  });
  await watched.page.waitForSelector(options.waitFor ?? '#save-review');
  return { ...watched, calls };
}

/** axe-core's violations on the page as it is: rule id and the elements, for a readable failure. */
async function axeViolations(page: Page): Promise<{ id: string; nodes: string[] }[]> {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<unknown> } }).axe;
    return (await axe.run(document)) as {
      violations: { id: string; nodes: { target: string[] }[] }[];
    };
  });
  return result.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) }));
}

const card = (page: Page, csf: string) =>
  page.locator('article.csf', { has: page.locator('h4', { hasText: new RegExp(`^${csf}$`) }) });

test('the app and the sidebar agree on the words of "no tracker"', () => {
  expect(NO_TRACKER_MESSAGE).toBe(APP_NO_TRACKER);
});

test('"Saved at" is the wall time of the host\'s own clock; a UTC instant says UTC', () => {
  expect(savedAtText('2026-08-15T14:05:09+02:00', '2026-08-15')).toBe('2026-08-15 14:05');
  expect(savedAtText('2026-08-15T23:30:00-05:00', '2026-08-15')).toBe('2026-08-15 23:30');
  expect(savedAtText('2026-08-15T12:05:00.000Z', '2026-08-15')).toBe('2026-08-15 12:05 UTC');
  expect(savedAtText('not a time', '2026-08-15')).toBe('2026-08-15');
});

describe('the demo review at 300 px', () => {
  test('overview first: summary strip, teams, compact rows, off-track expanded; ≤ 1,800 px; Save always in view', async () => {
    const { host } = await demoHost();
    const data = await host.loadReview({ today: '2026-08-15' });
    const all = data.teams.flatMap((t) => t.csfs);
    expect(all).toHaveLength(6);
    const { page, pageErrors } = await open(handlerOver(host), { height: 700 });
    const count = (s: string) => all.filter((c) => c.flag === null && c.status === s).length;
    const expected = [
      [count('Off track'), 'off track'],
      [all.filter((c) => c.flag !== null).length, 'to check on the tracker'],
      [count('At risk'), 'at risk'],
      [count('On track'), 'on track'],
      [count('Awaiting actual'), 'awaiting actual'],
    ]
      .filter(([n]) => n !== 0)
      .map(([n, t]) => `${n} ${t}`)
      .join(' · ');
    expect(await page.textContent('#review-summary')).toBe(expected);
    // One group per team, with its name as a heading.
    const teamNames = [...new Set(data.teams.filter((t) => t.csfs.length > 0).map((t) => t.team))];
    expect((await page.locator('section.team h3').allTextContents()).sort()).toEqual(teamNames.sort());
    // Only off-track rows are expanded; each collapsed row still shows YTD and the variance with its side.
    for (const c of all) {
      const row = card(page, c.csf);
      const offTrack = c.flag === null && c.status === 'Off track';
      expect(await row.locator('.csf-toggle').getAttribute('aria-expanded')).toBe(String(offTrack));
      expect(await row.locator('.csf-detail').isVisible()).toBe(offTrack);
    }
    // Cost of sales (worked in sidebar.test.ts): 151 of 140 k€, 11 k€ over budget.
    expect(await card(page, 'Sell at a sound cost').locator('.compact').textContent()).toBe(
      'YTD 151 of 140 k€ · 11 k€ over budget',
    );
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeLessThanOrEqual(1800);
    // Save is on screen at every scroll position.
    for (let y = 0; y <= height; y += 150) {
      await page.evaluate((top) => window.scrollTo(0, top), y);
      const box = await page.locator('#save-review').boundingBox();
      expect(box).not.toBeNull();
      expect(box!.y).toBeGreaterThanOrEqual(0);
      expect(box!.y + box!.height).toBeLessThanOrEqual(700);
    }
    expect(await scrollsSideways(page)).toBe(false);
    expect(pageErrors).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
  });

  test('a compact row expands to its figures and chart, and collapses again', async () => {
    const { host } = await demoHost();
    const { page } = await open(handlerOver(host));
    const row = card(page, 'Win new logos');
    expect(await row.locator('.csf-detail').isVisible()).toBe(false);
    await row.locator('.csf-toggle').click();
    expect(await row.locator('.csf-toggle').getAttribute('aria-expanded')).toBe('true');
    expect(await row.locator('dl.numbers').isVisible()).toBe(true);
    expect(await row.locator('svg.spark').isVisible()).toBe(true);
    // The chart is told in words (first and latest actual, the latest target) and labelled at its end.
    expect(await row.locator('svg.spark').getAttribute('aria-label')).toMatch(
      /^Actual from [\d.,]+ in Jan to [\d.,]+ in \w{3} \(lowest [\d.,]+, highest [\d.,]+\); target [\d.,]+ in \w{3}/,
    );
    expect(await row.locator('text.spark-label-actual').count()).toBe(1);
    expect(await row.locator('text.spark-label-target').count()).toBe(1);
    expect(await row.locator('details summary').isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await row.locator('.csf-toggle').click();
    expect(await row.locator('.csf-detail').isVisible()).toBe(false);
  });
});

describe('drafts, dates and fresh figures', () => {
  test('a past due date is warned about; drafts survive a month switch and a reload of the pane', async () => {
    const { host } = await exampleHost();
    const { page } = await open(handlerOver(host));
    await page.fill('#csf-0-commentary', 'Fewer calls in July');
    await page.fill('#csf-0-due', '2020-01-31');
    expect(await page.textContent('#csf-0-due-warn')).toBe('This date is in the past.');
    expect(await page.getAttribute('#csf-0-due', 'aria-describedby')).toBe('csf-0-due-warn');
    expect(await axeViolations(page)).toEqual([]);
    await page.fill('#csf-0-due', '2099-01-31');
    expect(await page.locator('#csf-0-due-warn').count()).toBe(0);

    const july = await page.inputValue('#review-month');
    const other = july === '6' ? '5' : '6';
    await page.selectOption('#review-month', other);
    await page.waitForFunction(
      (m) =>
        (document.querySelector('#review-month') as HTMLSelectElement).value === m &&
        document.querySelector('[aria-busy=true]') === null,
      other,
    );
    expect(await page.inputValue('#csf-0-commentary')).not.toBe('Fewer calls in July');
    // The other month's review, as switched to: no violation either.
    expect(await axeViolations(page)).toEqual([]);
    await page.selectOption('#review-month', july);
    await page.waitForFunction(
      () =>
        (document.querySelector('#csf-0-commentary') as HTMLTextAreaElement | null)?.value ===
        'Fewer calls in July',
    );
    expect(await page.inputValue('#csf-0-due')).toBe('2099-01-31');

    expect(await axeViolations(page)).toEqual([]);

    await page.reload();
    await page.waitForSelector('#save-review');
    expect(await page.inputValue('#csf-0-commentary')).toBe('Fewer calls in July');
    expect(await page.inputValue('#csf-0-due')).toBe('2099-01-31');
  });

  test('Refresh reads the tracker again, says what changed and keeps the drafts', async () => {
    const { host } = await exampleHost();
    let stale = false;
    const { page, calls } = await open(async (method, request) => {
      const answer = await handlerOver(host)(method, request);
      if (method !== 'loadReview' || !stale) return answer;
      const data = answer as ReviewData;
      const c = data.teams.flatMap((t) => t.csfs).find((x) => x.ytdActual !== null);
      if (c !== undefined) c.ytdActual = (c.ytdActual ?? 0) + 1;
      return data;
    });
    const changed = (await host.loadReview({ today: '2026-08-15' })).teams
      .flatMap((t) => t.csfs)
      .find((x) => x.ytdActual !== null)!.csf;
    await page.fill('#csf-0-commentary', 'Kept across a refresh');
    stale = true;
    const loads = calls.filter((c) => c.method === 'loadReview').length;
    await page.click('#refresh-review');
    await page.waitForSelector('#refresh-note');
    expect(calls.filter((c) => c.method === 'loadReview')).toHaveLength(loads + 1);
    expect(await page.textContent('#refresh-note')).toBe(
      `Refreshed: figures changed for ${changed}. Your drafts are kept.`,
    );
    expect(await page.inputValue('#csf-0-commentary')).toBe('Kept across a refresh');
    expect(await axeViolations(page)).toEqual([]);
  });
});

test('an empty workbook: what the review needs, and one button that inserts the tracker and loads the review', async () => {
  const workbook = new MemoryWorkbook();
  const host = asyncHost(workbook);
  const { page, calls, pageErrors } = await open(handlerOver(host), { waitFor: '#insert-tracker' });
  expect(await page.textContent('#no-tracker-text')).toBe(NO_TRACKER_MESSAGE);
  expect(await page.locator('[role=alert]').count()).toBe(0);
  expect(await page.locator('button:text("Try again")').count()).toBe(0);
  expect(await page.textContent('#insert-tracker')).toBe('Insert CSF Tracker (with examples)');
  expect(await axeViolations(page)).toEqual([]);
  await page.click('#insert-tracker');
  await page.waitForSelector('#save-review');
  expect(await workbook.sheetNames()).toContain('CSF Tracker');
  const insert = calls.find((c) => c.method === 'insertTemplate')!.request as {
    templateId: string;
    examples: boolean;
  };
  expect(insert).toMatchObject({ templateId: 'csf-tracker', examples: true });
  expect(await page.locator('article.csf').count()).toBeGreaterThan(0);
  // The review the insert led to: no violation either.
  expect(await axeViolations(page)).toEqual([]);
  expect(pageErrors).toEqual([]);
});

test('loading: a skeleton where the review will be, busy and said in words; then the review', async () => {
  const { host } = await exampleHost();
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const { page, pageErrors } = await open(
    async (method, request) => {
      if (method === 'loadReview') await held;
      return handlerOver(host)(method, request);
    },
    { waitFor: '.skeleton' },
  );
  expect(await page.textContent('[aria-busy=true] .status')).toBe('Loading the review from the CSF Tracker…');
  expect(await page.getAttribute('.skeleton', 'aria-hidden')).toBe('true');
  expect(await page.locator('[role=alert]').count()).toBe(0);
  expect(await axeViolations(page)).toEqual([]);
  release();
  await page.waitForSelector('#save-review');
  expect(await page.locator('.skeleton').count()).toBe(0);
  expect(pageErrors).toEqual([]);
});

test('axe-core: no violation after Save finds missing fields, nor after a save', async () => {
  const { host } = await exampleHost();
  const { page } = await open(handlerOver(host));
  await page.fill('#reviewer', '');
  await page.click('#save-review');
  await page.waitForSelector('.field-error');
  expect(await axeViolations(page)).toEqual([]);
  await page.fill('#csf-0-commentary', 'c');
  await page.fill('#csf-0-action', 'a');
  await page.fill('#csf-0-due', '2026-09-30');
  await page.fill('#reviewer', 'Dana');
  await page.click('#save-review');
  await page.waitForSelector('#save-notice .status:text("Saved the review")');
  await page.waitForSelector('#last-saved');
  expect(await axeViolations(page)).toEqual([]);
});

test('a quarter with nothing in it: the pane says so and no sheet is added (issue 12, item 5)', async () => {
  const { host, workbook } = await exampleHost();
  const before = await workbook.sheetNames();
  const { page, calls, pageErrors } = await open(handlerOver(host));
  await page.click('#tab-quarter');
  await page.selectOption('#quarter', '4');
  await page.click('#prepare-quarter');
  await page.waitForSelector('#quarter-notice .status:text("nothing to review yet")');
  expect(await page.textContent('#quarter-notice .status')).toContain(
    'Q4 FY2026 (Oct–Dec) has nothing to review yet',
  );
  expect(calls.filter((c) => c.method === 'prepareQuarter')).toHaveLength(1);
  expect(await workbook.sheetNames()).toEqual(before);
  expect(await page.locator('#quarter-notice [role=alert]').count()).toBe(0);
  expect(pageErrors).toEqual([]);
  expect(await axeViolations(page)).toEqual([]);
});

test('a second tracker: flagged, and a choice of which one the review reads (issue 12, item 4)', async () => {
  const { host, workbook } = await exampleHost();
  await host.insertTemplate({ templateId: 'csf-tracker', examples: false, year: 2026 });
  expect(await workbook.sheetNames()).toContain('CSF Tracker (2)');
  const { page, calls, pageErrors } = await open(handlerOver(host));
  expect(await page.locator('#review-tracker option').allTextContents()).toEqual([
    'CSF Tracker',
    'CSF Tracker (2)',
  ]);
  expect(await page.textContent('.review')).toContain('This workbook has 2 CSF Trackers');
  expect(await page.locator('article.csf').count()).toBeGreaterThan(0);
  await page.selectOption('#review-tracker', 'SE_CSF_Table_2');
  await page.waitForSelector('p.muted:text("CSF Tracker (2) · FY2026")');
  const last = calls.filter((c) => c.method === 'loadReview').pop()!.request as { tracker?: string };
  expect(last.tracker).toBe('SE_CSF_Table_2');
  expect(await page.locator('article.csf').count()).toBe(0);
  expect(await page.inputValue('#review-tracker')).toBe('SE_CSF_Table_2');
  expect(pageErrors).toEqual([]);
  expect(await axeViolations(page)).toEqual([]);
});

describe('figures that change under the pane (issue 12, item 3)', () => {
  /** The example tracker's first CSF (the first card), and its July actual cell (0-based) to type over. */
  async function firstCsf(host: Awaited<ReturnType<typeof exampleHost>>['host']) {
    const data = await host.loadReview({ today: '2026-08-15' });
    const c = data.teams.flatMap((t) => t.csfs).find((x) => x.ytdActual !== null)!;
    return { name: c.csf, row: c.row - 1, col: CSF_COLUMNS.firstActual + data.period - 1 };
  }

  test('a save against changed figures writes nothing, reloads and keeps the drafts', async () => {
    const { host, workbook } = await exampleHost();
    const { name, row, col } = await firstCsf(host);
    const { page, calls, pageErrors } = await open(handlerOver(host));
    await page.fill('#reviewer', 'Dana');
    await page.fill('#csf-0-commentary', 'Fewer calls in July');
    await page.fill('#csf-0-action', 'Call the lapsed accounts');
    await page.fill('#csf-0-due', '2026-09-30');
    // The cards re-sort when a status changes: find the drafted one by its CSF afterwards.
    const drafted = (await page.locator('article.csf:has(#csf-0-commentary) h4').textContent())!.trim();
    const logBefore = (await workbook.readTable('SE_ReviewLog_Table'))!.values.length;
    workbook.setCell('CSF Tracker', row, col, 98765);
    await page.click('#save-review');
    await page.waitForSelector('#refresh-note');
    expect(await page.textContent('#save-notice [role=alert]')).toContain(
      `Not saved: the tracker changed since the review was loaded (${name})`,
    );
    expect(await page.textContent('#refresh-note')).toBe(
      `Refreshed: figures changed for ${name}. Your drafts are kept.`,
    );
    expect(await card(page, drafted).locator('textarea[id$="-commentary"]').inputValue()).toBe(
      'Fewer calls in July',
    );
    expect((await workbook.readTable('SE_ReviewLog_Table'))!.values.length).toBe(logBefore);
    const save = calls.find((c) => c.method === 'saveReview')!.request as { seen?: Record<string, string> };
    expect(Object.keys(save.seen ?? {}).length).toBeGreaterThan(0);
    // Saved again against the figures now shown, it goes through.
    await page.click('#save-review');
    await page.waitForSelector('#save-notice .status:text("Saved the review")');
    expect((await workbook.readTable('SE_ReviewLog_Table'))!.values.length).toBeGreaterThan(logBefore);
    expect(pageErrors).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
  });

  test('coming back to the pane reads the tracker again and says what changed; nothing said when nothing did', async () => {
    const { host, workbook } = await exampleHost();
    const { name, row, col } = await firstCsf(host);
    const { page, calls } = await open(handlerOver(host));
    const loads = () => calls.filter((c) => c.method === 'loadReview').length;
    const first = loads();
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await page.waitForFunction(
      () => document.querySelector('.review')?.getAttribute('aria-busy') === 'false',
    );
    await page.waitForTimeout(300);
    expect(loads()).toBe(first + 1);
    expect(await page.locator('#refresh-note').count()).toBe(0);
    // A second focus within a few seconds does not read again.
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await page.waitForTimeout(300);
    expect(loads()).toBe(first + 1);
    workbook.setCell('CSF Tracker', row, col, 98765);
    await page.waitForTimeout(5000);
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await page.waitForSelector('#refresh-note');
    expect(await page.textContent('#refresh-note')).toBe(
      `Refreshed: figures changed for ${name}. Your drafts are kept.`,
    );
  });
});

describe('clear outcomes: what was made or written is opened (issue 12, item 4)', () => {
  test('after a save the banner says what was written, and its button opens the Review Log; a log gone since is said in words', async () => {
    const { host, workbook } = await exampleHost();
    const { page, calls, pageErrors } = await open(handlerOver(host));
    const logRows = (await workbook.readTable('SE_ReviewLog_Table'))!.values.length;
    await page.fill('#reviewer', 'Dana');
    await page.fill('#csf-0-commentary', 'Fewer calls in July');
    await page.fill('#csf-0-action', 'Call the lapsed accounts');
    await page.fill('#csf-0-due', '2026-09-30');
    await page.click('#save-review');
    await page.waitForSelector('#open-review-log');
    const saved = (await host.loadReview({ today: '2026-08-15' })).teams.flatMap((t) => t.csfs).length;
    // The rows go under the log's last row (0-based header row + rows read, header included), as 1-based rows.
    const first = (await workbook.readTable('SE_ReviewLog_Table'))!.row + logRows + 1;
    expect(await page.textContent('#save-notice .status')).toBe(
      `Saved the review of Jul (2026-07): ${saved} CSFs added to "Review Log", rows ${first}–${first + saved - 1}.`,
    );
    expect(await page.textContent('#open-review-log')).toBe('Open Review Log');
    // Only the button opens it: saving leaves the sheet the user was on.
    expect(workbook.activeSheet).toBeNull();
    expect(await axeViolations(page)).toEqual([]);
    await page.click('#open-review-log');
    await page.waitForFunction(
      () => !(document.querySelector('#open-review-log') as HTMLButtonElement).disabled,
    );
    expect(workbook.activeSheet).toBe('Review Log');
    expect(calls.filter((c) => c.method === 'openSheet').map((c) => c.request)).toEqual([
      { name: 'Review Log' },
    ]);
    // The user deletes the log meanwhile: the button says so, in words, and nothing else changes.
    workbook.deleteSheet('Review Log');
    await page.click('#open-review-log');
    await page.waitForSelector('#open-review-log-error');
    expect(await page.textContent('#open-review-log-error')).toBe(
      'The sheet "Review Log" is not in this workbook any more: it may have been renamed or deleted. Nothing was changed; look for it among the sheet tabs.',
    );
    expect(await page.getAttribute('#open-review-log', 'aria-describedby')).toBe('open-review-log-error');
    expect(await axeViolations(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  test('"No CSF Tracker yet", but one was inserted since (the ribbon, a co-author): Insert adds no second one and reviews it', async () => {
    const workbook = new MemoryWorkbook();
    const host = asyncHost(workbook);
    const { page, calls } = await open(handlerOver(host), { waitFor: '#insert-tracker' });
    await host.insertTemplate({ templateId: 'csf-tracker', examples: true, year: 2026 });
    await page.click('#insert-tracker');
    await page.waitForSelector('#save-review');
    expect(await workbook.sheetNames()).toEqual(['CSF Tracker']);
    expect(workbook.activeSheet).toBe('CSF Tracker');
    expect(await page.locator('#review-tracker').count()).toBe(0);
    expect(calls.find((c) => c.method === 'insertTemplate')!.request).toMatchObject({ askIfExists: true });
  });

  test('an empty workbook: the tracker inserted from the review is opened', async () => {
    const workbook = new MemoryWorkbook();
    const { page } = await open(handlerOver(asyncHost(workbook)), { waitFor: '#insert-tracker' });
    await page.click('#insert-tracker');
    await page.waitForSelector('#save-review');
    expect(workbook.activeSheet).toBe('CSF Tracker');
  });

  test('a prepared quarter is opened; "already exists" offers Open it as well as Add as …', async () => {
    const { host, workbook } = await exampleHost();
    const { page, pageErrors } = await open(handlerOver(host));
    await page.click('#tab-quarter');
    await page.selectOption('#quarter', '3');
    await page.click('#prepare-quarter');
    await page.waitForSelector('#quarter-notice .status:text("Prepared")');
    const made = (await workbook.sheetNames()).filter((n) => n.startsWith('Review Q3'));
    expect(made).toHaveLength(1);
    expect(workbook.activeSheet).toBe(made[0]);
    await workbook.activateSheet('CSF Tracker');
    await page.click('#prepare-quarter');
    await page.waitForSelector('#open-existing-quarter');
    expect(await page.textContent('#exists-message')).toBe(
      `A sheet named "${made[0]}" already exists. Nothing was changed. Add the new review as "${made[0]} (2)"?`,
    );
    expect(await page.textContent('#confirm-new-name')).toBe(`Add as "${made[0]} (2)"`);
    expect(await axeViolations(page)).toEqual([]);
    await page.click('#open-existing-quarter');
    await page.waitForFunction(
      () => !(document.querySelector('#open-existing-quarter') as HTMLButtonElement).disabled,
    );
    expect(workbook.activeSheet).toBe(made[0]);
    expect((await workbook.sheetNames()).filter((n) => n.startsWith('Review Q3'))).toHaveLength(1);
    await page.click('#confirm-new-name');
    await page.waitForSelector('#quarter-notice .status:text("Prepared")');
    expect(workbook.activeSheet).toBe(`${made[0]} (2)`);
    expect(pageErrors).toEqual([]);
  });

  test('Templates: a tracker already there is not added silently: Open it, or Add as … (flagged), which the review then offers', async () => {
    const { host, workbook } = await exampleHost();
    const { page, calls, pageErrors } = await open(handlerOver(host));
    await page.click('#tab-templates');
    await page.waitForSelector('#insert-csf-tracker');
    const before = await workbook.sheetNames();
    await page.click('#insert-csf-tracker');
    await page.waitForSelector('#template-exists-message');
    expect(await page.textContent('#template-exists-message')).toBe(
      'This workbook already has a CSF Tracker: the sheet "CSF Tracker" holds its table (SE_CSF_Table). Nothing was added. ' +
        'Open it, or add a second one as "CSF Tracker (2)" (the monthly review reads the first one unless you choose another under "Tracker").',
    );
    expect(await workbook.sheetNames()).toEqual(before);
    expect(await page.textContent('#add-template-copy')).toBe('Add as "CSF Tracker (2)"');
    expect(await axeViolations(page)).toEqual([]);
    await page.click('#open-existing-template');
    await page.waitForFunction(
      () => !(document.querySelector('#open-existing-template') as HTMLButtonElement).disabled,
    );
    expect(workbook.activeSheet).toBe('CSF Tracker');
    await page.click('#add-template-copy');
    await page.waitForSelector('#template-notice .status:text("Inserted CSF Tracker")');
    expect(await page.textContent('#template-notice .status')).toBe(
      'Inserted CSF Tracker as the sheet "CSF Tracker (2)" (a sheet named CSF Tracker already exists). ' +
        'This is a second CSF Tracker (its table is SE_CSF_Table_2): the monthly review reads the first one unless you choose another under "Tracker".',
    );
    expect(workbook.activeSheet).toBe('CSF Tracker (2)');
    const inserts = calls
      .filter((c) => c.method === 'insertTemplate')
      .map((c) => (c.request as { askIfExists?: boolean }).askIfExists);
    expect(inserts).toEqual([true, undefined]);
    // The review read the workbook again and flags the second tracker, with the choice.
    await page.click('#tab-monthly');
    await page.waitForSelector('#review-tracker');
    expect(await page.locator('#review-tracker option').allTextContents()).toEqual([
      'CSF Tracker',
      'CSF Tracker (2)',
    ]);
    // A template not there yet goes straight in, and is opened.
    await page.click('#tab-templates');
    await page.click('#insert-se-scorecard');
    await page.waitForSelector('#template-notice .status:text("Inserted SE Scorecard")');
    expect(workbook.activeSheet).toBe('SE Scorecard');
    expect(await page.locator('#template-exists-message').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
