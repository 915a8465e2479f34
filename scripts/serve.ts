/**
 * `npm start`: builds, then serves dist/ on this machine: the preview (the whole add-in on a demo workbook, in
 * the browser) at /, dist/excel-addin at /excel-addin/ for sideloading into Excel, and dist/sheets-addon at
 * /sheets-addon/ for a look at what clasp would push. HTTPS when the Office dev certificate exists
 * (`npx office-addin-dev-certs install` puts it in ~/.office-addin-dev-certs), since Office only loads
 * add-ins over https; plain http otherwise, which is all the preview needs. No network beyond localhost.
 *
 * It listens on 127.0.0.1 and answers only requests addressed to it: a Host of localhost, 127.0.0.1 or [::1]
 * with its port. Anything else is a page elsewhere that pointed its own DNS name at 127.0.0.1 (DNS rebinding)
 * to read what this server holds, and gets 421 and nothing else. Every answer carries a Content-Security-Policy:
 * an HTML page's own <meta> policy, repeated, plus what only a header can say (frame-ancestors: no site may
 * frame the preview; only Office on the web may frame the Excel add-in).
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
import { officeJsSourceFromEnv } from './lib/officeJs';

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

/**
 * Who may frame the Excel add-in's pages. Excel on the web shows the task pane in a frame under its own pages,
 * and frame-ancestors checks every ancestor up to the top: the Office on the web domains office.js itself
 * trusts (OfficeOnlineDomainList in office-js/excel-web-16.00.js) and the sites that embed Excel on the web
 * (SharePoint and OneDrive for work, OneDrive for home, office.com, microsoft365.com, cloud.microsoft).
 * Desktop Excel shows the pane in a webview of its own, which has no ancestors to check.
 */
export const OFFICE_FRAME_ANCESTORS: readonly string[] = [
  'https://*.officeapps.live.com',
  'https://*.online.office.de',
  'https://*.partner.officewebapps.cn',
  'https://*.gov.online.office365.us',
  'https://*.dod.online.office365.us',
  'https://*.sharepoint.com',
  'https://onedrive.live.com',
  'https://*.office.com',
  'https://*.microsoft365.com',
  'https://*.cloud.microsoft',
];

/** The policy of anything that brings none of its own (scripts, JSON, XML, images, error pages). */
const DEFAULT_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** frame-ancestors for a URL path: Office on the web for the Excel add-in, nobody for the rest. */
function frameAncestors(urlPath: string): string {
  return urlPath === '/excel-addin' || urlPath.startsWith('/excel-addin/')
    ? OFFICE_FRAME_ANCESTORS.join(' ')
    : "'none'";
}

/**
 * The headers that say who may frame what and what a page may load: an HTML page's own <meta> policy (the build
 * writes one into every page) repeated, so the header never contradicts it, plus frame-ancestors, which a
 * <meta> policy cannot carry; X-Frame-Options for browsers that predate frame-ancestors, where nobody may frame.
 */
function securityHeaders(urlPath: string, html: string | null): Record<string, string> {
  const own =
    html === null ? null : /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html);
  const policy = own === null ? DEFAULT_POLICY : decodeAttribute(own[1]).replace(/;\s*$/, '');
  const ancestors = frameAncestors(urlPath);
  return {
    'Content-Security-Policy': `${policy}; frame-ancestors ${ancestors}`,
    ...(ancestors === "'none'" ? { 'X-Frame-Options': 'DENY' } : {}),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}

function decodeAttribute(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/**
 * True when a request is addressed to this server: a loopback name with its port (the port may be left out
 * only when it is the scheme's default). Names are compared without case; anything else, a port written
 * differently included, is another name for this machine that a page elsewhere may control.
 */
export function isOwnHost(host: string | undefined, port: number, defaultPort: number): boolean {
  if (host === undefined) return false;
  const m = /^(localhost|127\.0\.0\.1|\[::1\])(?::([1-9]\d{0,4}))?$/i.exec(host);
  if (m === null) return false;
  return m[2] === undefined ? port === defaultPort : Number(m[2]) === port;
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

function handler(dist: string, port: () => number, defaultPort: number): http.RequestListener {
  return (request, response) => {
    const method = request.method ?? 'GET';
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (!isOwnHost(request.headers.host, port(), defaultPort)) {
      response
        .writeHead(421, {
          ...securityHeaders('/', null),
          'Content-Type': 'text/plain; charset=utf-8',
          'Cache-Control': 'no-store',
        })
        .end(`This server answers only to localhost, 127.0.0.1 and [::1] on port ${port()}.\n`);
      return;
    }
    if (method !== 'GET' && method !== 'HEAD') {
      response.writeHead(405, { ...securityHeaders(path, null), Allow: 'GET, HEAD' }).end();
      return;
    }
    const found = resolvePath(dist, path);
    if (found.kind === 'redirect') {
      response.writeHead(301, { ...securityHeaders(path, null), Location: found.location }).end();
      return;
    }
    if (found.kind === 'none') {
      const hint =
        path === '/'
          ? ' (dist/preview/index.html is missing: run `npm run build`, or `npm start` without --no-build)'
          : '';
      response
        .writeHead(404, { ...securityHeaders(path, null), 'Content-Type': 'text/plain; charset=utf-8' })
        .end(`Not found${hint}\n`);
      return;
    }
    const type = extname(found.file).toLowerCase();
    // A page is read whole (they are small) so its own policy can go into the header too.
    const html = type === '.html' ? readFileSync(found.file, 'utf8') : null;
    response.writeHead(200, {
      ...securityHeaders(path, html),
      'Content-Type': CONTENT_TYPES[type] ?? 'application/octet-stream',
      'Content-Length': html === null ? statSync(found.file).size : Buffer.byteLength(html),
      // Office caches add-in files hard; during development every reload should see the latest build.
      'Cache-Control': 'no-store',
    });
    if (method === 'HEAD') {
      response.end();
      return;
    }
    if (html !== null) {
      response.end(html);
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
  let listening = 0;
  const listener = handler(dist, () => listening, certificate === null ? 80 : 443);
  const server =
    certificate === null ? http.createServer(listener) : https.createServer(certificate, listener);
  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(options.port ?? envPort(), HOST, () => resolveListen());
  });
  const port = (server.address() as AddressInfo).port;
  listening = port;
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
    const officeJs = officeJsSourceFromEnv();
    console.log(describeBuild([...(await buildAddins({ baseUrl, officeJs })), ...(await buildPreview())]));
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
