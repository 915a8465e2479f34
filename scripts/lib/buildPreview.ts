/**
 * Builds the preview (`npm start`'s page) into dist/preview/: index.html (CSS inline, allowed by its hash),
 * preview.js (Preact, HyperFormula, the core, the sidebar and the custom functions through the same
 * generated registry as the add-ins) and exceljs.min.js (ExcelJS's browser build, loaded on the first export or
 * import). HyperFormula (GPL) and ExcelJS belong here only: the preview is not an add-in bundle. Everything
 * comes from the page's own origin; the CSP is the Excel task pane's without office.js's sources.
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { readFunctionDocs } from './functionDocs';
import { buildInfoDefine } from './buildInfo';
import { registryModuleSource, registryPlugin } from './customFunctionRegistry';
import { cspFor, PAGE_BUNDLE_OPTIONS } from './buildUi';

export const PREVIEW_DIR = 'dist/preview';
export const PREVIEW_TITLE = 'SE Toolkit preview';

export interface BuiltPreviewFile {
  path: string;
  bytes: number;
}

export function previewHtml(css: string): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${cspFor('preview', css)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${PREVIEW_TITLE}</title>`,
    `<style>${css}</style>`,
    '<script src="preview.js" defer></script>',
    '</head>',
    '<body>',
    '<div class="preview">',
    '<div id="app"><p role="status">Loading the demo workbook…</p></div>',
    '<aside id="sidebar" aria-label="SE Toolkit sidebar"></aside>',
    '</div>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

export async function buildPreview(root: string = process.cwd()): Promise<BuiltPreviewFile[]> {
  const out = join(root, PREVIEW_DIR);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const docs = readFunctionDocs(root);
  const result = await esbuild.build({
    ...PAGE_BUNDLE_OPTIONS,
    absWorkingDir: root,
    entryPoints: [join(root, 'preview/main.tsx')],
    outdir: join(root, 'dist/.esbuild-preview'),
    plugins: [registryPlugin(root, registryModuleSource(docs))],
    define: buildInfoDefine(root),
    // Only types come from ExcelJS in the bundle; its browser build is a file of its own.
    external: ['exceljs'],
    logLevel: 'silent',
  });
  const js = result.outputFiles.find((file) => file.path.endsWith('.js'));
  if (js === undefined) throw new Error('esbuild produced no JavaScript for the preview');
  // chevrotain (HyperFormula's parser) calls eval on a function object to make it fast: eval of a non-string
  // returns it untouched and the CSP never sees it. The setImmediate polyfill inside JSZip (the import's zip
  // reader) makes a function of a callback given as a string; JSZip only gives it functions. Any other eval or
  // new Function fails the build.
  const allowed = js.text.replace(/\beval\(toBecomeFast\)/g, '').replace(/\bnew Function\(""\+\w+\)/g, '');
  if (/\beval\s*\(|\bnew Function\b/.test(allowed))
    throw new Error("the preview bundle uses eval or new Function; the page's CSP forbids both");
  const cssSource = ['shared/styles.css', 'preview/preview.css']
    .map((file) => readFileSync(join(root, file), 'utf8'))
    .join('\n');
  const css = (
    await esbuild.transform(cssSource, { loader: 'css', minify: true, charset: 'utf8' })
  ).code.trim();
  writeFileSync(join(out, 'index.html'), previewHtml(css));
  writeFileSync(join(out, 'preview.js'), js.text);
  copyFileSync(
    require.resolve('exceljs/dist/exceljs.min.js', { paths: [root] }),
    join(out, 'exceljs.min.js'),
  );
  return ['index.html', 'preview.js', 'exceljs.min.js'].map((name) => ({
    path: `${PREVIEW_DIR}/${name}`,
    bytes: statSync(join(out, name)).size,
  }));
}
