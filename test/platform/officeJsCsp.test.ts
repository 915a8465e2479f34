/**
 * Each build's task pane (office.js from Microsoft's CDN by default, SE_OFFICE_JS=bundled from its own origin)
 * with the real office.js, as `npm start`'s server serves it (so the header's policy is in force with the
 * <meta> one): the package's files stand at the CDN's path by request interception. The page is opened three
 * ways: as a plain browser tab (office.js's Office 2013 path, which opens its telemetry frame after 3 s and hides
 * it with an inline style), as Excel on Windows (host info in window.name) and as Excel on the web (host info in
 * the query). Every way must load office.js, its host file, the strings, the custom functions and the task pane
 * script, and record no Content-Security-Policy violation (securitypolicyviolation events and console errors).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildAddins } from '../../scripts/lib/buildAddins';
import {
  OFFICE_INLINE_STYLE_ATTRIBUTES,
  OFFICE_JS_CDN_BASE,
  OFFICE_TELEMETRY_FRAME,
  officeJsPackageDist,
  officeJsPolicySources,
  type OfficeJsSource,
} from '../../scripts/lib/officeJs';
import { sha256Source } from '../../scripts/lib/cspHash';
import { startServer, type RunningServer } from '../../scripts/serve';
import { repoRoot } from '../bundle/builtFiles';
import { launchBrowser } from '../ui/browser';
import { packageFileForCdnUrl } from './officeJsRoute';

interface Visit {
  violations: string[];
  /** Every URL the page asked for, in order. */
  requests: string[];
  pageErrors: string[];
  text: string;
  officeLoaded: boolean;
}

let browser: Browser;
const builds = new Map<OfficeJsSource, { folder: string; server: RunningServer }>();

beforeAll(async () => {
  browser = await launchBrowser();
  for (const source of ['cdn', 'bundled'] as const) {
    const folder = mkdtempSync(join(tmpdir(), `se-officejs-${source}-`));
    await buildAddins({ root: repoRoot, dist: join(folder, 'dist'), officeJs: source });
    builds.set(source, { folder, server: await startServer({ root: folder, port: 0 }) });
  }
});

afterAll(async () => {
  await browser?.close();
  for (const { folder, server } of builds.values()) {
    await server.close();
    rmSync(folder, { recursive: true, force: true });
  }
});

type HostKind = 'plain browser tab' | 'Excel on Windows' | 'Excel on the web';

async function visit(source: OfficeJsSource, kind: HostKind, waitMs: number): Promise<Visit> {
  const { server } = builds.get(source) as { server: RunningServer };
  const context = await browser.newContext();
  const page: Page = await context.newPage();
  const result: Visit = { violations: [], requests: [], pageErrors: [], text: '', officeLoaded: false };
  await page.exposeFunction('__cspViolation', (text: string) => result.violations.push(text));
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) result.violations.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => result.pageErrors.push(e.message));
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    result.requests.push(url);
    if (url.startsWith(server.url)) return route.continue();
    const file = packageFileForCdnUrl(url);
    if (file !== null)
      // The CDN answers with CORS headers: office.js loads its files with crossOrigin="anonymous".
      return route.fulfill({
        status: 200,
        contentType: 'text/javascript; charset=utf-8',
        headers: { 'Access-Control-Allow-Origin': '*' },
        body: readFileSync(file),
      });
    if (url === OFFICE_TELEMETRY_FRAME)
      return route.fulfill({
        status: 200,
        contentType: 'text/html',
        body: '<!DOCTYPE html><title>t</title>',
      });
    return route.abort();
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __cspViolation(text: string): void }).__cspViolation;
      void report(`${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  const hostInfo = (platform: string) => `Excel$${platform}$16.01$en-US$$$$0`;
  if (kind === 'Excel on Windows') {
    await page.addInitScript(
      `window.name = ${JSON.stringify(JSON.stringify({ hostInfo: hostInfo('Win32') }))};`,
    );
  }
  const query = kind === 'Excel on the web' ? `?_host_Info=${hostInfo('Web')}` : '';
  await page.goto(`${server.url}/excel-addin/taskpane.html${query}`);
  await page.waitForTimeout(waitMs);
  result.officeLoaded = await page.evaluate(
    () => typeof (window as { Office?: unknown }).Office === 'object',
  );
  result.text = await page.evaluate(() => document.body.innerText);
  // Not closed: with @sparticuz/chromium's --single-process, closing a context takes the browser down.
  await context.unrouteAll({ behavior: 'ignoreErrors' });
  return result;
}

const officeBase = (source: OfficeJsSource): string =>
  source === 'cdn' ? OFFICE_JS_CDN_BASE : `${builds.get(source)?.server.url}/excel-addin/office-js/`;

describe.each(['cdn', 'bundled'] as const)('the %s build’s task pane with the real office.js', (source) => {
  test('as a plain browser tab: office.js says it is outside Office, opens its telemetry frame, no violation', async () => {
    // The telemetry frame comes 3 s after load.
    const seen = await visit(source, 'plain browser tab', 4500);
    expect(seen.violations).toEqual([]);
    expect(seen.officeLoaded).toBe(true);
    expect(seen.requests).toContain(`${officeBase(source)}office.js`);
    expect(seen.requests).toContain(`${officeBase(source)}o15apptofilemappingtable.js`);
    // The frame was allowed, so it was requested: the policy admits it, not merely the test missing it.
    expect(seen.requests).toContain(OFFICE_TELEMETRY_FRAME);
    expect(seen.text).toMatch(/SE Toolkit runs in Excel/);
    expect(seen.pageErrors).toEqual([]);
  });

  test.each(['Excel on Windows', 'Excel on the web'] as const)(
    'as %s: office.js loads its host file and strings, no violation',
    async (kind) => {
      const seen = await visit(source, kind, 1500);
      expect(seen.violations).toEqual([]);
      const host = kind === 'Excel on Windows' ? 'excel-win32-16.01.js' : 'excel-web-16.00.js';
      expect(seen.requests).toEqual(
        expect.arrayContaining([
          `${officeBase(source)}office.js`,
          `${officeBase(source)}${host}`,
          `${officeBase(source)}en-us/office_strings.js`,
        ]),
      );
      const own = builds.get(source)?.server.url;
      expect(seen.requests).toEqual(
        expect.arrayContaining([`${own}/excel-addin/functions.js`, `${own}/excel-addin/taskpane.js`]),
      );
    },
  );

  test('requests go only to the add-in’s origin, office.js’s folder and its telemetry frame', async () => {
    const seen = await visit(source, 'plain browser tab', 4500);
    const own = `${builds.get(source)?.server.url}/excel-addin/`;
    const elsewhere = seen.requests.filter(
      (url) => !url.startsWith(own) && !url.startsWith(officeBase(source)) && url !== OFFICE_TELEMETRY_FRAME,
    );
    expect(elsewhere).toEqual([]);
    if (source === 'cdn') expect(seen.requests.some((u) => u.includes('/office-js/'))).toBe(false);
  });
});

test('the policy is the one npm start sends: the header repeats the page’s <meta> policy', async () => {
  const { server } = builds.get('cdn') as { server: RunningServer };
  const response = await fetch(`${server.url}/excel-addin/taskpane.html`);
  const html = await response.text();
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
  expect(meta).toMatch(/script-src 'self' https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/;/);
  expect(response.headers.get('content-security-policy')).toMatch(
    new RegExp(`^${meta.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}; frame-ancestors `),
  );
});

describe('what the policy lists is what office.js’s files do (read from the package, not assumed)', () => {
  const dist = officeJsPackageDist();
  // The files an Excel task pane can get: the loader, every Excel host file, Office 2013's table, telemetry.
  const files = [
    'office.js',
    'o15apptofilemappingtable.js',
    'telemetry/oteljs_agave.js',
    ...readdirSync(dist).filter((f) => /^excel.*\.js$/.test(f) && !f.endsWith('.debug.js')),
  ];
  const texts = files.map((f) => readFileSync(join(dist, f), 'utf8'));

  test('every inline style attribute office.js sets is allowed by its hash', () => {
    const styles = new Set(
      texts.flatMap((t) =>
        [...t.matchAll(/setAttribute\(\s*["']style["']\s*,\s*["']([^"']*)["']\s*\)/g)].map((m) => m[1]),
      ),
    );
    expect([...styles]).toEqual([...OFFICE_INLINE_STYLE_ATTRIBUTES]);
    const policy = officeJsPolicySources('cdn').styleSrcAttr;
    for (const style of styles) expect(policy).toContain(sha256Source(style));
  });

  test('the one fixed URL office.js frames (its telemetry proxy) is the frame-src the policy allows', () => {
    const framed = new Set(
      texts.flatMap((t) => [...t.matchAll(/https:\/\/telemetryservice[^"']*/g)].map((m) => m[0])),
    );
    expect([...framed]).toEqual([OFFICE_TELEMETRY_FRAME]);
    for (const source of ['cdn', 'bundled'] as const)
      expect(officeJsPolicySources(source).frameSrc).toContain(OFFICE_TELEMETRY_FRAME);
  });

  test('office.js asks for no stylesheet and no legacy Aria script: loadCSS is never called, legacy Aria is off', () => {
    for (const text of texts) {
      expect(text).not.toMatch(/\.loadCSS\(/); // defined in the host files, never called
      expect(text).not.toMatch(/EnableSendingTelemetryWithLegacyAria\s*=\s*(!0|true)/);
    }
  });
});
