/**
 * Headless Chromium for the UI tests: playwright-core driving the Chromium inside @sparticuz/chromium, so
 * `npm ci` alone provides the browser. Each page is served from a fake https origin by request interception;
 * every other request is recorded and refused (the pages must make none), as are dialogs.
 */
import chromium from '@sparticuz/chromium';
import { chromium as playwright, type Browser, type Page } from 'playwright-core';

export const PAGE_URL = 'https://se-toolkit.test/';

/** sparticuz's flags are for AWS Lambda; these would weaken the very checks the tests make. */
const WEAKENING_FLAGS = ['--disable-web-security', '--allow-running-insecure-content'];

export async function launchBrowser(): Promise<Browser> {
  return playwright.launch({
    executablePath: await chromium.executablePath(),
    args: [...chromium.args.filter((a) => !WEAKENING_FLAGS.includes(a)), '--no-sandbox'],
    headless: true,
  });
}

export interface Watched {
  page: Page;
  /** URLs the page tried to fetch besides itself. */
  requests: string[];
  dialogs: string[];
  consoleMessages: string[];
  pageErrors: string[];
}

export interface OpenOptions {
  html: string;
  /** Script run before the page's own (a fake host, hooks). */
  initScript?: string;
  /** Extra files served on the page's origin, or at a whole URL (office.js fakes for the task pane). */
  files?: Record<string, string>;
  /** Runs before the page loads (page.exposeFunction must come first). */
  prepare?: (page: Page) => Promise<void>;
  width?: number;
  height?: number;
}

export async function openPage(browser: Browser, options: OpenOptions): Promise<Watched> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 300, height: options.height ?? 900 },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10000);
  const watched: Watched = { page, requests: [], dialogs: [], consoleMessages: [], pageErrors: [] };
  page.on('dialog', (dialog) => {
    watched.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('console', (message) => watched.consoleMessages.push(message.text()));
  page.on('pageerror', (error) => watched.pageErrors.push(error.message));
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url === PAGE_URL) {
      await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: options.html });
      return;
    }
    // A key is a path under the page's URL, or a whole URL (office.js on Microsoft's CDN).
    const file = url.startsWith(PAGE_URL)
      ? options.files?.[url.slice(PAGE_URL.length)]
      : options.files?.[url];
    if (file !== undefined) {
      await route.fulfill({ status: 200, contentType: 'text/javascript; charset=utf-8', body: file });
      return;
    }
    watched.requests.push(url);
    await route.abort();
  });
  if (options.prepare !== undefined) await options.prepare(page);
  if (options.initScript !== undefined) await page.addInitScript({ content: options.initScript });
  await page.goto(PAGE_URL);
  return watched;
}

/** True when the page can scroll sideways (the 300 px sidebar must not). */
export async function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(
    () =>
      document.documentElement.scrollWidth > document.documentElement.clientWidth ||
      document.body.scrollWidth > document.body.clientWidth,
  );
}
