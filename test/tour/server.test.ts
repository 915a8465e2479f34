/**
 * `npm start`'s server: the preview at /, the Excel add-in at /excel-addin/, the Apps Script files at
 * /sheets-addon/, nothing outside dist/, and a clean stop on Ctrl-C.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateCertificates } from 'office-addin-dev-certs';
import chromium from '@sparticuz/chromium';
import { chromium as playwright, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { launchBrowser } from '../ui/browser';
import { routeOfficeJsCdn } from '../platform/officeJsRoute';
import { OFFICE_JS_CDN_URL } from '../../scripts/lib/officeJs';
import { DEV_CERT_FOLDER, devCertificate, startServer, type RunningServer } from '../../scripts/serve';

const repoRoot = resolve(__dirname, '../..');

function get(
  url: string,
  path: string,
  method = 'GET',
  headers: http.OutgoingHttpHeaders = {},
): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolveGet, rejectGet) => {
    // http.request keeps the path as given (no `..` folding), as a hostile client would send it.
    const request = http.request(`${url}${path}`, { method, headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () =>
        resolveGet({ status: response.statusCode ?? 0, body, headers: response.headers }),
      );
    });
    request.on('error', rejectGet);
    request.end();
  });
}

describe('the npm start server', () => {
  let root: string;
  let server: RunningServer;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'se-serve-'));
    const put = (path: string, text: string): void => {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), text);
    };
    put('dist/preview/index.html', '<!doctype html><title>preview</title>');
    put('dist/excel-addin/taskpane.html', '<!doctype html><title>task pane</title>');
    put('dist/excel-addin/manifest.xml', '<OfficeApp/>');
    put('dist/sheets-addon/Code.js', 'function onOpen() {}');
    put('secret.txt', 'outside dist');
    server = await startServer({ port: 0, root });
  });

  afterAll(async () => {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  });

  test('listens on 127.0.0.1 over http without a certificate, on a free port when asked for 0', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.port).toBeGreaterThan(0);
  });

  test('serves the preview at /, the add-in at /excel-addin/ and the Apps Script files at /sheets-addon/', async () => {
    const home = await get(server.url, '/');
    expect(home.status).toBe(200);
    expect(home.body).toContain('<title>preview</title>');
    expect(home.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(home.headers['cache-control']).toBe('no-store');
    expect((await get(server.url, '/index.html')).body).toContain('preview');
    expect((await get(server.url, '/excel-addin/')).body).toContain('task pane');
    const manifest = await get(server.url, '/excel-addin/manifest.xml');
    expect([manifest.status, manifest.headers['content-type']]).toEqual([
      200,
      'application/xml; charset=utf-8',
    ]);
    expect((await get(server.url, '/sheets-addon/Code.js')).body).toBe('function onOpen() {}');
  });

  test('sends /excel-addin to /excel-addin/ so the task pane’s relative URLs work', async () => {
    const response = await get(server.url, '/excel-addin');
    expect([response.status, response.headers.location]).toEqual([301, '/excel-addin/']);
  });

  test('serves nothing outside dist/, and only GET and HEAD', async () => {
    for (const path of [
      '/../secret.txt',
      '/excel-addin/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/excel-addin/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/%00',
      '/%E0%A4%A',
      '/missing.js',
    ]) {
      const response = await get(server.url, path);
      expect([path, response.status]).toEqual([path, 404]);
      expect(response.body).not.toContain('outside dist');
    }
    expect((await get(server.url, '/', 'POST')).status).toBe(405);
    const head = await get(server.url, '/', 'HEAD');
    expect([head.status, head.body]).toEqual([200, '']);
  });

  // Issue 10, defect 14: a page on any site can point its own DNS name at 127.0.0.1 (DNS rebinding) and read
  // whatever answers; only a loopback Host with this port is this server.
  test('answers only loopback Host headers with its own port (no DNS rebinding)', async () => {
    const port = server.port;
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, `LocalHost:${port}`]) {
      const response = await get(server.url, '/', 'GET', { Host: host });
      expect([host, response.status]).toEqual([host, 200]);
    }
    for (const host of [
      'evil.example',
      `evil.example:${port}`,
      `localhost.evil.example:${port}`,
      `127.0.0.1.nip.io:${port}`,
      `127.0.0.2:${port}`,
      `[::2]:${port}`,
      `localhost:${port + 1}`,
      'localhost',
      `localhost:${port}@evil.example`,
      `user@localhost:${port}`,
      `localhost:0${port}`,
    ]) {
      for (const path of ['/', '/excel-addin/manifest.xml', '/sheets-addon/Code.js']) {
        const response = await get(server.url, path, 'GET', { Host: host });
        expect([host, path, response.status]).toEqual([host, path, 421]);
        expect(response.body).not.toMatch(/preview|OfficeApp|onOpen/);
      }
    }
  });

  test('sends a Content-Security-Policy with frame-ancestors on every answer', async () => {
    const directives = (csp: string | string[] | undefined): Map<string, string> =>
      new Map(
        String(csp ?? '')
          .split(';')
          .map((d) => d.trim())
          .filter((d) => d !== '')
          .map((d) => [d.split(/\s+/)[0], d.slice(d.split(/\s+/)[0].length).trim()]),
      );
    for (const path of ['/', '/index.html', '/missing.js', '/sheets-addon/Code.js']) {
      const response = await get(server.url, path);
      const csp = directives(response.headers['content-security-policy']);
      expect([path, csp.get('frame-ancestors')]).toEqual([path, "'none'"]);
      expect([path, csp.get('default-src')]).toEqual([path, "'self'"]);
      expect([path, csp.get('object-src')]).toEqual([path, "'none'"]);
      expect([path, response.headers['x-frame-options']]).toEqual([path, 'DENY']);
    }
    // Excel on the web shows the task pane in a frame of its own pages; nothing else may frame it.
    for (const path of ['/excel-addin/', '/excel-addin/manifest.xml']) {
      const response = await get(server.url, path);
      const ancestors = directives(response.headers['content-security-policy']).get('frame-ancestors');
      expect(ancestors).toContain('https://*.officeapps.live.com');
      expect(ancestors).not.toMatch(/(^|\s)(\*|https:|http:)(\s|$)/);
      expect(response.headers['x-frame-options']).toBeUndefined();
    }
    const refused = await get(server.url, '/', 'GET', { Host: 'evil.example' });
    expect(directives(refused.headers['content-security-policy']).get('frame-ancestors')).toBe("'none'");
  });

  test('says how to build when the preview is missing', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'se-serve-empty-'));
    const bare = await startServer({ port: 0, root: empty });
    try {
      const response = await get(bare.url, '/');
      expect(response.status).toBe(404);
      expect(response.body).toContain('npm run build');
    } finally {
      await bare.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });

  test('close() stops it even with a keep-alive connection open', async () => {
    const other = await startServer({ port: 0, root });
    const agent = new http.Agent({ keepAlive: true });
    await new Promise<void>((done) =>
      http.get(`${other.url}/`, { agent }, (r) => r.resume().on('end', done)),
    );
    await other.close();
    agent.destroy();
    await expect(get(other.url, '/')).rejects.toThrow();
  });
});

describe('with the Office dev certificate', () => {
  test('looks for it where office-addin-dev-certs puts it', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const defaults = require('office-addin-dev-certs/lib/defaults') as Record<string, string>;
    expect(DEV_CERT_FOLDER).toBe(defaults.certificateDirectory);
    expect([defaults.localhostCertificateFileName, defaults.localhostKeyFileName]).toEqual([
      'localhost.crt',
      'localhost.key',
    ]);
  });

  test('serves https://localhost with what `office-addin-dev-certs install` writes to ~/.office-addin-dev-certs', async () => {
    const home = mkdtempSync(join(tmpdir(), 'se-serve-home-'));
    const folder = join(home, '.office-addin-dev-certs');
    mkdirSync(folder);
    let secure: RunningServer | null = null;
    try {
      expect(devCertificate(folder)).toBeNull();
      // The package's own generator, with its default file names, as `install` runs it.
      await generateCertificates(
        join(folder, 'ca.crt'),
        join(folder, 'localhost.crt'),
        join(folder, 'localhost.key'),
        1,
      );
      const certificate = devCertificate(folder);
      expect(certificate).not.toBeNull();
      const root = mkdtempSync(join(tmpdir(), 'se-serve-https-'));
      mkdirSync(join(root, 'dist/excel-addin'), { recursive: true });
      writeFileSync(join(root, 'dist/excel-addin/manifest.xml'), '<OfficeApp/>');
      secure = await startServer({ port: 0, root, certificate });
      expect(secure.url).toBe(`https://localhost:${secure.port}`);
      const ca = readFileSync(join(folder, 'ca.crt'));
      // Verified against the dev CA (rejectUnauthorized stays on): the certificate is valid for localhost.
      const body = await new Promise<string>((done, fail) => {
        https
          .get(`${secure?.url}/excel-addin/manifest.xml`, { ca }, (response) => {
            let text = '';
            response.setEncoding('utf8');
            response.on('data', (chunk: string) => (text += chunk));
            response.on('end', () => done(text));
          })
          .on('error', fail);
      });
      expect(body).toBe('<OfficeApp/>');
      rmSync(root, { recursive: true, force: true });
    } finally {
      await secure?.close();
      rmSync(home, { recursive: true, force: true });
    }
  });
});

describe('npm start', () => {
  test('says at once when the port is taken, and exits', async () => {
    const taken = await startServer({ port: 0, root: repoRoot });
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/serve.ts'], {
        cwd: repoRoot,
        env: { ...process.env, PORT: String(taken.port) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const code = await new Promise<number | null>((done) => child.on('exit', (c) => done(c)));
      expect(code).toBe(1);
      expect(output).toContain(
        `npm start failed: port ${taken.port} is already in use (another npm start?). Stop it, or choose another port: PORT=${taken.port + 1} npm start`,
      );
      // Said before building anything (no --no-build here, and yet no build ran).
      expect(output).not.toContain('Building');
    } finally {
      await taken.close();
    }
  });

  test('prints the URLs and stops cleanly on SIGINT (Ctrl-C)', async () => {
    // With the Office dev certificate installed this is https://localhost; without it http://127.0.0.1.
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/serve.ts', '--no-build'], {
      cwd: repoRoot,
      env: { ...process.env, PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    const deadline = Date.now() + 30000;
    while (!output.includes('Ctrl-C') && Date.now() < deadline && child.exitCode === null)
      await new Promise((r) => setTimeout(r, 100));
    expect(output).toMatch(/preview \(demo workbook\): +https?:\/\/(127\.0\.0\.1|localhost):\d+\//);
    expect(output).toMatch(
      /Excel manifest: +https?:\/\/(127\.0\.0\.1|localhost):\d+\/excel-addin\/manifest\.xml/,
    );
    expect(output).not.toContain('Building');
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(output).toContain('SIGINT: stopping the server.');
  });
});

describe('the built pages under the server’s own headers', () => {
  // Needs `npm run build` (pretest runs it): the real dist/, the real office.js.
  let served: RunningServer;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    served = await startServer({ port: 0, root: repoRoot });
    browser = await launchBrowser();
    // One context for the whole suite: the test Chromium runs single-process, where closing one can stall.
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    // The default build loads office.js from Microsoft's CDN: the package's copy answers at that path.
    await routeOfficeJsCdn(context);
    await context.addInitScript(() => {
      const w = window as unknown as { __violations: unknown[] };
      w.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        w.__violations.push({
          directive: e.violatedDirective,
          blocked: e.blockedURI,
          policy: e.originalPolicy,
        }),
      );
    });
  });

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  interface Violation {
    directive: string;
    blocked: string;
    policy: string;
  }
  const violations = (page: Page): Promise<Violation[]> =>
    page.evaluate(() => (window as unknown as { __violations: Violation[] }).__violations);
  /** The server's own policy is the one with frame-ancestors (a <meta> policy cannot carry it). */
  const againstHeader = (list: Violation[]): Violation[] =>
    list.filter((v) => v.policy.includes('frame-ancestors'));

  test('the preview builds its demo, exports and imports with no CSP violation', async () => {
    const page = await context.newPage();
    page.setDefaultTimeout(30000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${served.url}/`);
    await page.waitForSelector('.tabs .tab:has-text("SE Scorecard")');
    const download = page.waitForEvent('download');
    await page.click('text=Export .xlsx');
    const file = await download;
    const path = join(mkdtempSync(join(tmpdir(), 'se-serve-export-')), 'export.xlsx');
    await file.saveAs(path);
    await page.setInputFiles('[data-testid="import-file"]', path);
    await page.waitForFunction(
      () =>
        document.querySelector('.preview-status')?.textContent?.startsWith('Imported export.xlsx') === true,
      undefined,
      { polling: 100 },
    );
    expect(await violations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('the Excel task pane loads office.js and runs its script with no violation of the server’s policy', async () => {
    const page = await context.newPage();
    page.setDefaultTimeout(30000);
    const failed: string[] = [];
    page.on('requestfailed', (r) => failed.push(r.url()));
    await page.goto(`${served.url}/excel-addin/taskpane.html`);
    // Outside Excel, office.js reports no host and the page says so: office.js and taskpane.js both ran.
    await page.waitForSelector('text=SE Toolkit runs in Excel');
    expect(againstHeader(await violations(page))).toEqual([]);
    expect(failed.filter((url) => url.startsWith(served.url))).toEqual([]);
  });

  test('no other site can frame the preview; Office on the web can frame the task pane', async () => {
    // Chromium keeps public sites from loading anything of 127.0.0.1 at all (Local Network Access), which would
    // hide what frame-ancestors does: this browser has that check off, so the header alone decides.
    const framing = await playwright.launch({
      executablePath: await chromium.executablePath(),
      args: [
        ...chromium.args.filter(
          (a) => !['--disable-web-security', '--allow-running-insecure-content'].includes(a),
        ),
        '--no-sandbox',
        '--disable-features=LocalNetworkAccessChecks',
      ],
      headless: true,
    });
    try {
      const framer = (src: string): string => `<!doctype html><iframe src="${src}"></iframe>`;
      const site = await framing.newContext();
      await site.route('https://evil.example/', (route) =>
        route.fulfill({ contentType: 'text/html', body: framer(`${served.url}/`) }),
      );
      await site.route('https://excel.officeapps.live.com/', (route) =>
        route.fulfill({ contentType: 'text/html', body: framer(`${served.url}/excel-addin/taskpane.html`) }),
      );
      await routeOfficeJsCdn(site);
      const page = await site.newPage();
      page.setDefaultTimeout(30000);
      const refused: string[] = [];
      page.on('console', (m) => {
        if (/frame-ancestors/.test(m.text())) refused.push(m.text());
      });
      const loaded = (): Promise<string> => {
        const frame = page.frames().find((f) => f !== page.mainFrame());
        return frame === undefined
          ? Promise.resolve('no frame')
          : frame.evaluate(() => document.title).catch(() => 'error');
      };

      await page.goto('https://evil.example/');
      await page.waitForFunction(() => document.readyState === 'complete');
      await page.waitForTimeout(500);
      expect(await loaded()).not.toBe('SE Toolkit preview');
      expect(refused.join('\n')).toMatch(/frame-ancestors 'none'/);

      refused.length = 0;
      // A refused frame shows an error page and loads nothing more; an allowed one loads its scripts.
      // (Its first script is office.js, from Microsoft's CDN: routed to the package's copy.)
      const officeJs = page.waitForResponse(OFFICE_JS_CDN_URL);
      await page.goto('https://excel.officeapps.live.com/');
      expect((await officeJs).status()).toBe(200);
      expect(refused).toEqual([]);
    } finally {
      await framing.close();
    }
  });
});
