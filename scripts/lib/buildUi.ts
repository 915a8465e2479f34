/**
 * Builds the one UI (shared/) into its two pages:
 *
 * - dist/sheets-addon/sidebar.html: served by HtmlService.createHtmlOutputFromFile('sidebar') (clasp pushes it
 *   next to Code.js). Everything inline: one <style>, one <script>; no request leaves the page.
 * - dist/excel-addin/taskpane.html + taskpane.js: the task pane, which is also the shared runtime's page
 *   (office.js from Microsoft's CDN, or from office-js/ with SE_OFFICE_JS=bundled; then functions.js and
 *   taskpane.js from our own origin), with the CSS inline.
 *
 * Content-Security-Policy, per page (see cspFor and the README's "Content-Security-Policy" notes):
 * - Excel: `default-src 'self'`, scripts from our origin and office.js's folder, the one inline <style> by its
 *   hash, and exactly what office.js itself needs (officeJs.ts lists it: its telemetry frame and that frame's
 *   inline style attribute, by hash); no inline script, no eval, no plugins, no <base>, no form posts.
 * - Preview: the Excel policy without office.js (the preview loads none).
 * - Sheets: Apps Script shows the sidebar in its IFRAME sandbox, where Google's own client script
 *   (mae_html_user.js, which defines google.script.run) writes our HTML into the user frame with
 *   document.write and keeps running inline code in that document. A hash-only script-src would also bind
 *   Google's code, which we cannot list, so script-src allows inline and https: scripts; everything else is
 *   locked down (no plugins, no <base>, no form posts, no frames, images only inline data). What keeps cell
 *   text from running is the UI itself: text is only ever set as text (Preact text nodes / textContent).
 *
 * HtmlService also rewrites the HTML it serves: reports (see the README) show it cutting a line at `//` inside
 * a JavaScript string (e.g. "http://www.w3.org/2000/svg"), so the inline script is written without `//`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { sha256Source } from './cspHash';
import { officeJsPolicySources, officeJsScriptUrl, type OfficeJsSource } from './officeJs';
import { buildInfoDefine } from './buildInfo';

export { sha256Source };

export interface UiPages {
  sidebarHtml: string;
  taskpaneHtml: string;
  taskpaneJs: string;
  /** taskpane.js's source map, its sources relative to UI_OUTDIR. */
  taskpaneJsMap: string;
  /** Minified bytes of the UI bundles, for the build summary and the size test. */
  sizes: { sidebarJs: number; taskpaneJs: number; css: number };
}

export const SIDEBAR_TITLE = 'SE Toolkit';

export function cspFor(
  page: 'sheets' | 'excel' | 'preview',
  inlineStyle: string,
  officeJs: OfficeJsSource = 'cdn',
): string {
  const common = ["object-src 'none'", "base-uri 'none'", "form-action 'none'"];
  if (page === 'excel' || page === 'preview') {
    const office =
      page === 'excel' ? officeJsPolicySources(officeJs) : { scriptSrc: [], frameSrc: [], styleSrcAttr: [] };
    return [
      "default-src 'self'",
      ["script-src 'self'", ...office.scriptSrc].join(' '),
      `style-src 'self' ${sha256Source(inlineStyle)}`,
      ...(office.styleSrcAttr.length > 0 ? [['style-src-attr', ...office.styleSrcAttr].join(' ')] : []),
      "img-src 'self' data:",
      "connect-src 'self'",
      ...(office.frameSrc.length > 0 ? [['frame-src', ...office.frameSrc].join(' ')] : []),
      ...common,
    ].join('; ');
  }
  return [
    "default-src 'none'",
    "script-src 'unsafe-inline' https:",
    "style-src 'unsafe-inline'",
    'img-src data:',
    "font-src 'none'",
    "connect-src 'self' https://*.google.com https://*.googleusercontent.com",
    "frame-src 'none'",
    ...common,
  ].join('; ');
}

/** How every page script is bundled (the sidebar, the task pane, the preview): one minified IIFE with Preact. */
export const PAGE_BUNDLE_OPTIONS = {
  bundle: true,
  format: 'iife',
  target: 'es2019',
  platform: 'browser',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  charset: 'utf8',
  write: false,
} as const satisfies esbuild.BuildOptions;

/** Where esbuild places the UI bundles (nothing is written; source map paths are relative to it). */
export const UI_OUTDIR = 'dist/.esbuild-ui';

async function bundleUi(root: string, entry: string): Promise<{ code: string; map: string }> {
  const result = await esbuild.build({
    ...PAGE_BUNDLE_OPTIONS,
    // External: the map is kept apart (dist/sourcemaps/), never referenced from the shipped page.
    sourcemap: 'external',
    absWorkingDir: root,
    entryPoints: [entry],
    outdir: join(root, UI_OUTDIR),
    define: buildInfoDefine(root),
    logLevel: 'silent',
  });
  const output = result.outputFiles.find((file) => file.path.endsWith('.js'));
  const map = result.outputFiles.find((file) => file.path.endsWith('.js.map'));
  if (output === undefined || map === undefined)
    throw new Error(`esbuild produced no JavaScript for ${entry}`);
  return { code: output.text.trim(), map: map.text };
}

async function minifyCss(root: string): Promise<string> {
  const source = readFileSync(join(root, 'shared/styles.css'), 'utf8');
  const result = await esbuild.transform(source, { loader: 'css', minify: true, charset: 'utf8' });
  return result.code.trim();
}

/**
 * Makes a script safe to inline in an HtmlService page: no `//` (HtmlService's rewriter treats it as a comment
 * even inside a string), nothing the HTML parser reads as markup. In minified output `://` only occurs inside
 * string literals, where `:\/\/` means the same; anything else fails the build rather than ship a broken page.
 */
export function inlineSafeScript(js: string): string {
  const out = js.replace(/:\/\//g, ':\\/\\/');
  const bad = [/\/\//, /<\/script/i, /<!--/, /-->/, /<script/i].find((re) => re.test(out));
  if (bad !== undefined) {
    const at = out.search(bad);
    throw new Error(
      `the sidebar script cannot be inlined safely: ${bad} at …${out.slice(at - 40, at + 40)}…`,
    );
  }
  return out;
}

function page(options: {
  csp: string;
  style: string;
  head?: string;
  body?: string;
  script?: string;
}): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${options.csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${SIDEBAR_TITLE}</title>`,
    ...(options.head === undefined ? [] : [options.head]),
    `<style>${options.style}</style>`,
    '</head>',
    '<body>',
    '<div id="app"><p role="status">Loading SE Toolkit…</p></div>',
    ...(options.body === undefined ? [] : [options.body]),
    ...(options.script === undefined ? [] : [`<script>${options.script}</script>`]),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

export async function buildUi(root: string, officeJs: OfficeJsSource = 'cdn'): Promise<UiPages> {
  const css = await minifyCss(root);
  const sidebarJs = inlineSafeScript((await bundleUi(root, join(root, 'shared/sheetsEntry.ts'))).code);
  const taskpane = await bundleUi(root, join(root, 'excel-addin/taskpane.ts'));
  const taskpaneJs = taskpane.code;
  for (const [name, js] of [
    ['sidebar', sidebarJs],
    ['taskpane', taskpaneJs],
  ] as const) {
    if (/\beval\s*\(|\bnew Function\b|\bFunction\s*\(/.test(js))
      throw new Error(`the ${name} bundle uses eval or new Function; the pages' CSP forbids both`);
  }
  const sidebarHtml = page({ csp: cspFor('sheets', css), style: css, script: sidebarJs });
  // The shared runtime's page: office.js first, then the custom functions register, then the task pane script
  // (ribbon actions and the UI). Only office.js may come from elsewhere (Microsoft's CDN).
  const taskpaneHtml = page({
    csp: cspFor('excel', css, officeJs),
    style: css,
    head: [
      `<script src="${officeJsScriptUrl(officeJs)}"></script>`,
      '<script src="functions.js"></script>',
      '<script src="taskpane.js"></script>',
    ].join('\n'),
  });
  return {
    sidebarHtml,
    taskpaneHtml,
    taskpaneJs: taskpaneJs + '\n',
    taskpaneJsMap: taskpane.map,
    sizes: {
      sidebarJs: Buffer.byteLength(sidebarJs),
      taskpaneJs: Buffer.byteLength(taskpaneJs),
      css: Buffer.byteLength(css),
    },
  };
}
