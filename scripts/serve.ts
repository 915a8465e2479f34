/**
 * `npm start`: builds, then serves dist/ so Excel can sideload the add-in: dist/excel-addin at /, and
 * dist/sheets-addon at /sheets-addon/ for a look at what clasp would push. HTTPS when the Office dev
 * certificates exist (`npx office-addin-dev-certs install` puts them in ~/.office-addin-dev-certs), since
 * Office only loads add-ins over https; plain http on 127.0.0.1 otherwise.
 */
import { existsSync, readFileSync, statSync, createReadStream } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { homedir } from 'node:os';
import { extname, join, resolve, sep } from 'node:path';
import { buildAddins, describeBuild } from './lib/buildAddins';

const host = '127.0.0.1';
const port = Number(process.env.PORT ?? 3000);
const distRoot = resolve('dist');
/** URL prefix → folder; the first match wins, so the root mount comes last. */
const mounts: [string, string][] = [
  ['/sheets-addon/', join(distRoot, 'sheets-addon')],
  ['/', join(distRoot, 'excel-addin')],
];

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.png': 'image/png',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};

/** The file a URL path names, or null when it names nothing servable (including any `..` escape). */
function fileFor(urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  for (const [prefix, folder] of mounts) {
    if (!decoded.startsWith(prefix)) continue;
    const file = resolve(folder, '.' + decoded.slice(prefix.length - 1));
    if (file !== folder && !file.startsWith(folder + sep)) return null;
    const target = existsSync(file) && statSync(file).isDirectory() ? join(file, 'taskpane.html') : file;
    return existsSync(target) && statSync(target).isFile() ? target : null;
  }
  return null;
}

function handle(request: http.IncomingMessage, response: http.ServerResponse): void {
  const method = request.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD') {
    response.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  const file = fileFor(path);
  if (file === null) {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
    return;
  }
  response.writeHead(200, {
    'Content-Type': contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': statSync(file).size,
    // Office caches add-in files hard; during development every reload should see the latest build.
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  if (method === 'HEAD') {
    response.end();
    return;
  }
  createReadStream(file)
    .on('error', (error) => response.destroy(error))
    .pipe(response);
}

function devCertificate(): { cert: Buffer; key: Buffer } | null {
  const folder = join(homedir(), '.office-addin-dev-certs');
  const cert = join(folder, 'localhost.crt');
  const key = join(folder, 'localhost.key');
  return existsSync(cert) && existsSync(key) ? { cert: readFileSync(cert), key: readFileSync(key) } : null;
}

async function main(): Promise<void> {
  const certificate = devCertificate();
  const scheme = certificate === null ? 'http' : 'https';
  const baseUrl = process.env.SE_ADDIN_BASE_URL ?? `https://localhost:${port}`;
  console.log(describeBuild(await buildAddins({ baseUrl })));
  const server = certificate === null ? http.createServer(handle) : https.createServer(certificate, handle);
  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(port, host, () => resolveListen());
  });
  const origin = `${scheme}://${scheme === 'https' ? 'localhost' : host}:${port}`;
  console.log(`\nServing dist/ at ${origin}`);
  console.log(`  manifest:   ${origin}/manifest.xml`);
  console.log(`  task pane:  ${origin}/taskpane.html`);
  console.log(`  Apps Script bundle: ${origin}/sheets-addon/Code.js`);
  if (certificate === null) {
    console.log(
      '\nNo dev certificate in ~/.office-addin-dev-certs, so this is plain http: Office needs https to sideload.\n' +
        'Run `npx office-addin-dev-certs install` once, then `npm start` again.',
    );
  }
  console.log('Ctrl-C to stop.');

  const stop = (signal: NodeJS.Signals): void => {
    console.log(`\n${signal}: stopping the server.`);
    server.close(() => process.exit(0));
    // Keep-alive connections from Office's webview would hold close() open.
    server.closeAllConnections();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`npm start failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
