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
import { DEV_CERT_FOLDER, devCertificate, startServer, type RunningServer } from '../../scripts/serve';

const repoRoot = resolve(__dirname, '../..');

function get(
  url: string,
  path: string,
  method = 'GET',
): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolveGet, rejectGet) => {
    // http.request keeps the path as given (no `..` folding), as a hostile client would send it.
    const request = http.request(`${url}${path}`, { method }, (response) => {
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
