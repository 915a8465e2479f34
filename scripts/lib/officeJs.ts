/**
 * Where the Excel task pane loads office.js from, and what its Content-Security-Policy must allow for it.
 *
 * Default (`SE_OFFICE_JS` unset or `cdn`): Microsoft's CDN, https://appsforoffice.microsoft.com/lib/1/hosted/
 * office.js. Microsoft no longer supports the @microsoft/office-js npm package and an AppSource listing must
 * load the CDN's copy. `SE_OFFICE_JS=bundled` serves the package's copy from the add-in's own origin
 * (office-js/), for tenants whose network blocks the CDN.
 *
 * What office.js does at run time, read from its loader (office.js / office.debug.js) and the files it loads
 * (the package's dist/), all from office.js's own folder (its "base path", wherever office.js came from):
 * - scripts: the host's file (excel-<platform>-<version>.js, from the host info Excel passes in the page's
 *   `_host_Info` query or window.name), the UI language's <locale>/office_strings.js, telemetry/oteljs_agave.js
 *   (telemetry, sent through the host: RichApiSink / SdxWacSink, no network of its own), and, when the page has
 *   no host info (a plain browser tab, Office 2013), o15apptofilemappingtable.js.
 * - frames: o15apptofilemappingtable.js's ULS telemetry proxy, https://telemetryservice.firstpartyapps.oaspapps.
 *   com/telemetryservice/telemetryproxy.html, 3 s after load, hidden by `setAttribute("style", "display:none")`
 *   (an inline style attribute: allowed by its hash under 'unsafe-hashes', nothing else inline); and, in Excel on
 *   the web when the page that frames the pane is not an Office domain it trusts, <base>AgaveErrorUX/index.html.
 * - nothing else: office.js's loadCSS and xhrGet are never called; the legacy Aria logger
 *   (ariatelemetry/aria-web-telemetry.js) is switched off (EnableSendingTelemetryWithLegacyAria = false);
 *   oteljs's direct Aria sink (https://*.pipe.aria.microsoft.com) is only for hosts older than Win32
 *   16.0.11599 / Mac 16.26, which lack SharedRuntime 1.1 and so never load this add-in; the first-party auth
 *   frames and MSAL script are Microsoft's own add-ins' (OfficeFirstPartyAuth); dialogs style through CSSOM
 *   (element.style), which CSP does not govern.
 *
 * test/platform/officeJsCsp.test.ts loads each build's task pane with the package's office.js (at the CDN's
 * path for the default build) in Chromium, as a plain tab and as Excel desktop and Excel on the web, and
 * counts CSP violations: none.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sha256Source } from './cspHash';

export const officeJsFolder = 'office-js';

export type OfficeJsSource = 'cdn' | 'bundled';

/** office.js's folder on Microsoft's CDN: the base every file it loads is fetched from. */
export const OFFICE_JS_CDN_BASE = 'https://appsforoffice.microsoft.com/lib/1/hosted/';
export const OFFICE_JS_CDN_URL = `${OFFICE_JS_CDN_BASE}office.js`;
/** The ULS telemetry frame o15apptofilemappingtable.js opens when the page has no host info. */
export const OFFICE_TELEMETRY_FRAME =
  'https://telemetryservice.firstpartyapps.oaspapps.com/telemetryservice/telemetryproxy.html';
/** The one inline style office.js sets as an attribute (the telemetry frame's). */
export const OFFICE_INLINE_STYLE_ATTRIBUTES = ['display:none'] as const;

/** SE_OFFICE_JS as a source: unset or `cdn` is the CDN, `bundled` the package's copy; anything else fails. */
export function officeJsSourceFromEnv(value = process.env.SE_OFFICE_JS): OfficeJsSource {
  if (value === undefined || value === '' || value === 'cdn') return 'cdn';
  if (value === 'bundled') return 'bundled';
  throw new Error(`SE_OFFICE_JS must be "cdn" (the default) or "bundled"; found ${JSON.stringify(value)}`);
}

/** The task pane's <script src> for office.js. */
export function officeJsScriptUrl(source: OfficeJsSource): string {
  return source === 'cdn' ? OFFICE_JS_CDN_URL : `${officeJsFolder}/office.js`;
}

/** The CSP sources office.js needs beyond the page's own, per directive (see the file comment for why each). */
export function officeJsPolicySources(source: OfficeJsSource): {
  scriptSrc: string[];
  frameSrc: string[];
  styleSrcAttr: string[];
} {
  return {
    // 'self' already covers the bundled copy's folder.
    scriptSrc: source === 'cdn' ? [OFFICE_JS_CDN_BASE] : [],
    frameSrc: [
      OFFICE_TELEMETRY_FRAME,
      // The bundled copy leaves out the error page (Microsoft's UI, 112 kB); its frame then finds nothing.
      ...(source === 'cdn' ? [`${OFFICE_JS_CDN_BASE}AgaveErrorUX/`] : []),
    ],
    styleSrcAttr: ["'unsafe-hashes'", ...OFFICE_INLINE_STYLE_ATTRIBUTES.map((s) => sha256Source(s))],
  };
}

function isRuntimeFile(relativePath: string): boolean {
  if (relativePath.endsWith('.debug.js') || !relativePath.endsWith('.js')) return false;
  if (['office.js', 'o15apptofilemappingtable.js', 'custom-functions-runtime.js'].includes(relativePath))
    return true;
  if (/^excel[a-z0-9.-]*\.js$/.test(relativePath)) return true;
  if (relativePath === 'telemetry/oteljs_agave.js') return true;
  return /^[a-z]{2,3}(-[a-z0-9]+)*\/office_strings\.js$/.test(relativePath);
}

/** The package's dist/ folder (the files the CDN serves). */
export function officeJsPackageDist(): string {
  return join(dirname(require.resolve('@microsoft/office-js/package.json')), 'dist');
}

/**
 * Copies the runtime part of @microsoft/office-js/dist into `destination` (SE_OFFICE_JS=bundled): office.js, the
 * Excel host files, the locales' office_strings.js, the Office 2013 table and the telemetry agent. No .debug.js,
 * no other Office app's files, no Outlook strings (the package holds ~87 MB).
 */
export function copyOfficeJs(destination: string): { files: number; bytes: number } {
  const source = officeJsPackageDist();
  let files = 0;
  let bytes = 0;
  const visit = (relativeDir: string): void => {
    for (const name of readdirSync(join(source, relativeDir))) {
      const relativePath = relativeDir === '' ? name : `${relativeDir}/${name}`;
      const from = join(source, relativePath);
      const stats = statSync(from);
      if (stats.isDirectory()) {
        // Folders nest one level (locales, telemetry); deeper ones hold error pages and images we don't serve.
        if (relativeDir === '') visit(relativePath);
        continue;
      }
      if (!isRuntimeFile(relativePath)) continue;
      const to = join(destination, relativePath);
      if (!existsSync(dirname(to))) mkdirSync(dirname(to), { recursive: true });
      copyFileSync(from, to);
      files += 1;
      bytes += stats.size;
    }
  };
  visit('');
  if (!existsSync(join(destination, 'office.js'))) throw new Error(`office.js not found in ${source}`);
  return { files, bytes };
}
