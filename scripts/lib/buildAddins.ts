/**
 * Builds both add-ins from the one core: dist/sheets-addon (clasp's rootDir) and dist/excel-addin (served
 * as-is). Everything host-specific that can drift (registry, Sheets wrappers, Excel metadata, association
 * ids) is generated from the folder listing of src/functions.
 */
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import * as esbuild from 'esbuild';
import * as terser from 'terser';
import { listFunctionFiles, readFunctionDocs } from './functionDocs';
import {
  checkAssociations,
  registryPlugin,
  registryModuleSource,
  type ExcelAssociation,
} from './customFunctionRegistry';
import { readSheetsHandlers, sheetsBundleGlobal, sheetsTopLevelCode } from './sheetsTopLevel';
import { buildInfoDefine } from './buildInfo';
import {
  cardBannerPng,
  CARD_BANNER,
  EXCEL_ICON_SIZES,
  iconPng,
  ICON_SOURCE,
  LISTING_ICONS,
  readIcon,
} from './icons';
import { copyOfficeJs, officeJsFolder, type OfficeJsSource } from './officeJs';
import { buildUi, UI_OUTDIR } from './buildUi';
import { templateChoices } from '../../src/app/templates';
import { templateMenuXml } from '../../excel-addin/ribbonCommands';
import { SELF_TEST_ACTION_ID } from '../../excel-addin/ribbonCommands';

export const defaultBaseUrl = 'https://localhost:3000/excel-addin';

export interface BuildOptions {
  root?: string;
  /** Where the Excel add-in is served; manifest URLs start with it. */
  baseUrl?: string;
  /** The manifest's SupportUrl and "learn more" link (SE_SUPPORT_URL); default: the task pane page. */
  supportUrl?: string;
  /** Where the task pane loads office.js from (SE_OFFICE_JS): Microsoft's CDN by default. */
  officeJs?: OfficeJsSource;
  /** The output folder; default <root>/dist. */
  dist?: string;
}

export interface BuiltFile {
  path: string;
  bytes: number;
}

export async function buildAddins(options: BuildOptions = {}): Promise<BuiltFile[]> {
  const root = options.root ?? process.cwd();
  const baseUrl = checkBaseUrl(options.baseUrl ?? defaultBaseUrl);
  const dist = options.dist ?? join(root, 'dist');
  const officeJs = options.officeJs ?? 'cdn';
  const docs = readFunctionDocs(root);
  if (docs.length === 0) throw new Error('no custom functions found in src/functions');
  const excelMetadata = await generateExcelMetadata(root);
  checkAssociations(docs, excelMetadata.associations);
  const registry = registryPlugin(root, registryModuleSource(docs));
  const excelRegistry = registryPlugin(root, registryModuleSource(docs, { aboutText: false }));

  rmSync(join(dist, 'sheets-addon'), { recursive: true, force: true });
  rmSync(join(dist, 'sourcemaps'), { recursive: true, force: true });
  rmSync(join(dist, 'excel-addin'), { recursive: true, force: true });
  const built: string[] = [];
  const write = (path: string, content: string | Buffer): void => {
    const full = join(dist, path);
    mkdirSync(join(full, '..'), { recursive: true });
    writeFileSync(full, content);
    built.push(path);
  };

  // --- Google Sheets (Apps Script) ---
  const sheetsEntry = join(root, 'sheets-addon/main.ts');
  const sheetsBundle = await bundle(root, sheetsEntry, registry, {
    globalName: sheetsBundleGlobal,
    secondPass: false,
  });
  // The core minified; after it, the readable top-level wrappers with their JSDoc, which Apps Script's
  // autocomplete reads. The core comes first, so the map's lines stay those of Code.js.
  write(
    'sheets-addon/Code.js',
    `${sheetsBundle.code}\n${sheetsTopLevelCode(docs, readSheetsHandlers(sheetsEntry))}`,
  );
  write('sourcemaps/sheets-addon/Code.js.map', withFile(sheetsBundle.map, 'Code.js'));
  // Parsed and rewritten so a syntax error in the source fails the build, not `clasp push`.
  const appsScriptManifest: unknown = JSON.parse(
    readFileSync(join(root, 'sheets-addon/appsscript.json'), 'utf8'),
  );
  write('sheets-addon/appsscript.json', JSON.stringify(appsScriptManifest, null, 2) + '\n');
  // The one UI (shared/): the Sheets sidebar, pushed by clasp next to Code.js, and the Excel task pane.
  const ui = await buildUi(root, officeJs);
  write('sheets-addon/sidebar.html', ui.sidebarHtml);

  // --- Excel (Office.js) ---
  write('excel-addin/functions.json', JSON.stringify(excelMetadata.metadata, null, 2) + '\n');
  const functionsBundle = await bundle(root, join(root, 'excel-addin/functions.ts'), excelRegistry, {
    secondPass: true,
  });
  write('excel-addin/functions.js', functionsBundle.code);
  write('sourcemaps/excel-addin/functions.js.map', withFile(functionsBundle.map, 'functions.js'));
  write('excel-addin/taskpane.js', ui.taskpaneJs);
  write(
    'sourcemaps/excel-addin/taskpane.js.map',
    withFile(portableSourceMap(ui.taskpaneJsMap, join(root, UI_OUTDIR), root), 'taskpane.js'),
  );
  write('excel-addin/taskpane.html', ui.taskpaneHtml);
  const supportUrl = checkSupportUrl(options.supportUrl ?? `${baseUrl}/taskpane.html`);
  write('excel-addin/manifest.xml', renderManifest(root, baseUrl, supportUrl));
  // Every icon from the one drawing (assets/icon.svg): the ribbon's and the manifest's, and the store listings'
  // (dist/listing/, uploaded by hand: docs/publishing.md says where each goes).
  const icon = readIcon(root);
  for (const size of EXCEL_ICON_SIZES) write(`excel-addin/assets/icon-${size}.png`, iconPng(icon, size));
  rmSync(join(dist, 'listing'), { recursive: true, force: true });
  for (const listed of LISTING_ICONS) write(`listing/${listed.file}`, iconPng(icon, listed.size));
  write(`listing/${CARD_BANNER.file}`, cardBannerPng(icon));
  write('listing/icon.svg', readFileSync(join(root, ICON_SOURCE)));
  const office = officeJs === 'bundled' ? copyOfficeJs(join(dist, 'excel-addin', officeJsFolder)) : null;

  const files = built.map((path) => ({ path: `dist/${path}`, bytes: statSync(join(dist, path)).size }));
  if (office !== null)
    files.push({ path: `dist/excel-addin/${officeJsFolder}/ (${office.files} files)`, bytes: office.bytes });
  return files;
}

function withFile(mapText: string, file: string): string {
  return JSON.stringify({ ...(JSON.parse(mapText) as object), file });
}

function checkBaseUrl(baseUrl: string): string {
  const url = new URL(baseUrl);
  if (url.protocol !== 'https:') throw new Error(`SE_ADDIN_BASE_URL must be an https URL; found ${baseUrl}`);
  if (url.search !== '' || url.hash !== '')
    throw new Error(`SE_ADDIN_BASE_URL must not have a query or hash`);
  return url.href.replace(/\/+$/, '');
}

interface ExcelMetadata {
  metadata: { functions: { description?: string; parameters?: { description?: string }[] }[] };
  associations: ExcelAssociation[];
}

/** Excel's functions.json from the same JSDoc, by Microsoft's own generator; its errors fail the build. */
async function generateExcelMetadata(root: string): Promise<ExcelMetadata> {
  // The generator resolves the paths it is given against the working directory.
  const files = listFunctionFiles(root).map((file) => relative(process.cwd(), join(root, file)));
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the package has no ESM entry for generate
  const { generateCustomFunctionsMetadata } = require('custom-functions-metadata/lib/generate') as {
    generateCustomFunctionsMetadata(
      files: string[],
    ): Promise<{ metadataJson: string; associate: ExcelAssociation[]; errors: string[] }>;
  };
  const result = await generateCustomFunctionsMetadata(files);
  if (result.errors.length > 0) {
    throw new Error(`Excel metadata generator reported errors:\n  ${result.errors.join('\n  ')}`);
  }
  const metadata = JSON.parse(result.metadataJson) as ExcelMetadata['metadata'];
  // The generator keeps the JSDoc's line breaks; Excel's formula autocomplete reads better without them.
  for (const fn of metadata.functions) {
    if (fn.description !== undefined) fn.description = collapse(fn.description);
    for (const param of fn.parameters ?? []) {
      if (param.description !== undefined) param.description = collapse(param.description);
    }
  }
  return { metadata, associations: result.associate };
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A minified bundle and its source map (sources relative to the project root, for dist/sourcemaps/). */
interface Bundle {
  code: string;
  map: string;
}

/**
 * An IIFE bundle, minified, with an external source map. es2019 suits Apps Script's V8 and every Office webview
 * we support. The map is not referenced from the code (no sourceMappingURL: the shipped files name no build
 * machine path and fetch nothing): it goes to dist/sourcemaps/ to read a stack trace a user sends.
 */
async function bundle(
  root: string,
  entry: string,
  registry: esbuild.Plugin,
  options: { globalName?: string; secondPass: boolean },
): Promise<Bundle> {
  const { globalName } = options;
  const outdir = join(root, 'dist/.esbuild');
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    ...(globalName === undefined ? {} : { globalName }),
    target: 'es2019',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    minify: true,
    sourcemap: 'external',
    legalComments: 'none',
    charset: 'utf8',
    write: false,
    outdir,
    plugins: [registry],
    define: buildInfoDefine(root),
    logLevel: 'silent',
  });
  const output = result.outputFiles.find((file) => file.path.endsWith('.js'));
  const map = result.outputFiles.find((file) => file.path.endsWith('.js.map'));
  if (output === undefined || map === undefined)
    throw new Error(`esbuild produced no JavaScript for ${entry}`);
  if (!options.secondPass) return { code: output.text, map: portableSourceMap(map.text, outdir, root) };
  // A second pass by terser (safe options only: nothing that assumes more than the language guarantees) takes
  // another 4% off; its map is chained onto esbuild's, so it still leads to the TypeScript sources. Only for
  // functions.js, which has a size limit (30 KB): on Code.js it would cost ~8 s of every build for 3%.
  const compressed = await terser.minify(output.text, {
    ecma: 2019,
    compress: { passes: 2 },
    mangle: true,
    format: { comments: false, ascii_only: false },
    sourceMap: { content: map.text },
  });
  if (compressed.code === undefined || typeof compressed.map !== 'string')
    throw new Error(`terser produced no code for ${entry}`);
  return { code: compressed.code, map: portableSourceMap(compressed.map, outdir, root) };
}

/**
 * A source map whose sources are paths from the project root (`src/functions/score.ts`), with a sourceRoot that
 * leads from dist/sourcemaps/<add-in>/ back to it: no absolute path of the build machine in it.
 */
export function portableSourceMap(mapText: string, fromDir: string, root: string): string {
  const map = JSON.parse(mapText) as { sources: string[]; sourceRoot?: string; file?: string };
  // A virtual module (the registry, `namespace:path`) keeps its name; it has no file, only sourcesContent.
  map.sources = map.sources.map((source) =>
    /^[a-z-]+:/.test(source) ? source : relative(root, resolve(fromDir, source)).split(sep).join('/'),
  );
  map.sourceRoot = '../../../';
  return JSON.stringify(map);
}

export function checkSupportUrl(supportUrl: string): string {
  let url: URL;
  try {
    url = new URL(supportUrl);
  } catch {
    throw new Error(`SE_SUPPORT_URL must be a URL; found ${JSON.stringify(supportUrl)}`);
  }
  if (url.protocol !== 'https:') throw new Error(`SE_SUPPORT_URL must be an https URL; found ${supportUrl}`);
  return url.href;
}

export function renderManifest(root: string, baseUrl: string, supportUrl: string): string {
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string })
    .version;
  const menu = templateMenuXml(templateChoices());
  const xml = readFileSync(join(root, 'excel-addin/manifest.template.xml'), 'utf8')
    .replace('{{TEMPLATE_MENU_ITEMS}}', () => menu.items)
    .replace('{{TEMPLATE_MENU_SHORT_STRINGS}}', () => menu.shortStrings)
    .replace('{{TEMPLATE_MENU_LONG_STRINGS}}', () => menu.longStrings)
    .replace('{{SELF_TEST_ACTION}}', () => SELF_TEST_ACTION_ID)
    .replace(/\{\{SUPPORT_URL\}\}/g, () => escapeXmlAttribute(supportUrl))
    .replace(/\{\{BASE_URL\}\}/g, escapeXmlAttribute(baseUrl))
    .replace(/\{\{VERSION\}\}/g, `${version}.0`);
  const leftover = /\{\{[A-Z_]+\}\}/.exec(xml);
  if (leftover !== null) throw new Error(`manifest.template.xml: ${leftover[0]} has no value`);
  return xml;
}

function escapeXmlAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** One line per built file with its size, for the build's summary. */
export function describeBuild(files: readonly BuiltFile[]): string {
  const width = Math.max(...files.map((f) => f.path.length));
  return files.map((f) => `  ${f.path.padEnd(width)}  ${formatBytes(f.bytes).padStart(9)}`).join('\n');
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
