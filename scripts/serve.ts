/**
 * `npm start`: builds, then serves dist/ on this machine: the preview (the whole add-in on a demo workbook, in
 * the browser) at /, dist/excel-addin at /excel-addin/ for sideloading into Excel, and dist/sheets-addon at
 * /sheets-addon/ for a look at what clasp would push. HTTPS when the Office dev certificate exists
 * (`npx office-addin-dev-certs install` puts it in ~/.office-addin-dev-certs), since Office only loads
 * add-ins over https; plain http otherwise, which is all the preview needs. No network beyond localhost.
 *
 *   npm start                  build, then serve on PORT (default 3000)
 *   npm start -- --no-build    serve what dist/ already holds
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { homedir } from 'node:os';
import { extname, join, resolve, sep } from 'node:path';
import { buildAddins, describeBuild } from './lib/buildAddins';
import { buildPreview } from './lib/buildPreview';

export const DEFAULT_PORT = 3000;
const HOST = '127.0.0.1';

/** URL prefix → folder under dist/; the first match wins, so the root mount comes last. */
const MOUNTS: readonly [string, string][] = [
  ['/excel-addin/', 'excel-addin'],
  ['/sheets-addon/', 'sheets-addon'],
  ['/', 'preview'],
];
/** What a folder's URL serves. */
const INDEX_FILES = ['index.html', 'taskpane.html'];

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.png': 'image/png',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export interface ServerOptions {
  /** 0 picks a free port. Default: PORT from the environment, else 3000. */
  port?: number;
  /** The project root whose dist/ is served. Default: the working directory. */
  root?: string;
  /** Serve https with this certificate; default: plain http. */
  certificate?: { cert: Buffer; key: Buffer } | null;
}

export interface RunningServer {
  /** The origin, e.g. http://127.0.0.1:3000 (https://localhost:3000 with a certificate). */
  url: string;
  port: number;
  close(): Promise<void>;
}

type Resolved = { kind: 'file'; file: string } | { kind: 'redirect'; location: string } | { kind: 'none' };

/** What a URL path names under dist/, refusing anything that escapes its folder (`..`, NUL, bad escapes). */
function resolvePath(dist: string, urlPath: string): Resolved {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { kind: 'none' };
  }
  if (decoded.includes('\0')) return { kind: 'none' };
  for (const [prefix, folderName] of MOUNTS) {
    // /excel-addin (no slash) is the folder too: send the browser to the slash so relative URLs work.
    if (prefix !== '/' && decoded === prefix.slice(0, -1)) return { kind: 'redirect', location: prefix };
    if (!decoded.startsWith(prefix)) continue;
    const folder = join(dist, folderName);
    const file = resolve(folder, '.' + decoded.slice(prefix.length - 1));
    if (file !== folder && !file.startsWith(folder + sep)) return { kind: 'none' };
    if (existsSync(file) && statSync(file).isDirectory()) {
      const index = INDEX_FILES.map((name) => join(file, name)).find((f) => existsSync(f));
      return index === undefined ? { kind: 'none' } : { kind: 'file', file: index };
    }
    return existsSync(file) && statSync(file).isFile() ? { kind: 'file', file } : { kind: 'none' };
  }
  return { kind: 'none' };
}

function handler(dist: string): http.RequestListener {
  return (request, response) => {
    const method = request.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const found = resolvePath(dist, path);
    if (found.kind === 'redirect') {
      response.writeHead(301, { Location: found.location }).end();
      return;
    }
    if (found.kind === 'none') {
      const hint =
        path === '/'
          ? ' (dist/preview/index.html is missing: run `npm run build`, or `npm start` without --no-build)'
          : '';
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`Not found${hint}\n`);
      return;
    }
    response.writeHead(200, {
      'Content-Type': CONTENT_TYPES[extname(found.file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': statSync(found.file).size,
      // Office caches add-in files hard; during development every reload should see the latest build.
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    if (method === 'HEAD') {
      response.end();
      return;
    }
    createReadStream(found.file)
      .on('error', (error) => response.destroy(error))
      .pipe(response);
  };
}

/** Starts serving dist/ on 127.0.0.1; resolves once it listens. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const dist = join(resolve(options.root ?? process.cwd()), 'dist');
  const certificate = options.certificate ?? null;
  const listener = handler(dist);
  const server =
    certificate === null ? http.createServer(listener) : https.createServer(certificate, listener);
  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(options.port ?? envPort(), HOST, () => resolveListen());
  });
  const port = (server.address() as AddressInfo).port;
  // The dev certificate is issued for localhost, not 127.0.0.1.
  const url = certificate === null ? `http://${HOST}:${port}` : `https://localhost:${port}`;
  return {
    url,
    port,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        // Keep-alive connections (a browser, Office's webview) would hold close() open.
        server.closeAllConnections();
      }),
  };
}

function envPort(): number {
  const text = process.env.PORT;
  if (text === undefined || text === '') return DEFAULT_PORT;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number (0-65535); found ${JSON.stringify(text)}`);
  return port;
}

/** Where `npx office-addin-dev-certs install` writes its files (the package's own default folder). */
export const DEV_CERT_FOLDER = join(homedir(), '.office-addin-dev-certs');

/** The Office dev certificate from `npx office-addin-dev-certs install`, when it is there. */
export function devCertificate(folder = DEV_CERT_FOLDER): { cert: Buffer; key: Buffer } | null {
  const cert = join(folder, 'localhost.crt');
  const key = join(folder, 'localhost.key');
  return existsSync(cert) && existsSync(key) ? { cert: readFileSync(cert), key: readFileSync(key) } : null;
}

async function main(args: readonly string[]): Promise<void> {
  const port = envPort();
  const certificate = devCertificate();
  // Listen first: a port in use is said at once, not after the build. Nothing is announced until it is built.
  const server = await startServer({ port, certificate }).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new Error(
        `port ${port} is already in use (another npm start?). Stop it, or choose another port: PORT=${port + 1} npm start`,
      );
    throw error;
  });
  if (!args.includes('--no-build')) {
    const baseUrl = process.env.SE_ADDIN_BASE_URL ?? `https://localhost:${server.port}/excel-addin`;
    console.log(`Building for ${baseUrl} …`);
    console.log(describeBuild([...(await buildAddins({ baseUrl })), ...(await buildPreview())]));
  }
  const origin = server.url;
  console.log(`\nSE Toolkit is running at ${origin}/`);
  console.log(`  preview (demo workbook):  ${origin}/`);
  console.log(`  Excel manifest:           ${origin}/excel-addin/manifest.xml`);
  console.log(`  Excel task pane:          ${origin}/excel-addin/taskpane.html`);
  console.log(`  Apps Script bundle:       ${origin}/sheets-addon/Code.js`);
  if (certificate === null) {
    console.log(
      '\nNo dev certificate in ~/.office-addin-dev-certs, so this is plain http: the preview works, but Excel\n' +
        'only sideloads add-ins over https. Run `npx office-addin-dev-certs install` once, then `npm start` again.',
    );
  }
  console.log('\nCtrl-C to stop.');

  const stop = (signal: NodeJS.Signals): void => {
    console.log(`\n${signal}: stopping the server.`);
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(`npm start failed: ${error instanceof Error ? error.message : String(error)}`);
    // A build that fails after the server listens must not leave it running.
    process.exit(1);
  });
}
