/**
 * The preview page (dist/preview/index.html): the demo workbook in a spreadsheet view on the left, the real
 * sidebar (shared/) on the right over the same HostApi the add-ins use, on a MemoryWorkbook whose HyperFormula
 * engine knows the custom functions. Export and import go through ExcelJS's browser build, loaded from our
 * own origin the first time it is needed. No request leaves the origin.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { customFunctions } from 'se-toolkit:custom-functions';
import { asyncHost, HOST_METHODS, type HostApi } from '../src/app/hostApi';
import { mountApp } from '../shared/mount';
import type { WorkbookChanges } from '../shared/hostApi';
import { useSelfTestHost } from '../src/app/selfTest';
import { messageOf } from '../shared/components/Notice';
import { HyperFormula } from 'hyperformula';
import { registerCustomFunctions } from './customFunctionsPlugin';
import { buildDemoWorkbook } from './demoWorkbook';
import { SPREADSHEET_ENGINE_CONFIG } from './engineConfig';
import { registerExtraFunctions } from './extraFunctions';
import { SpreadsheetView } from './grid';
import { MemoryWorkbook } from './memoryWorkbook';
import { importedText } from './importReport';
import { checkImportFile, exportWorkbook, importXlsx, type ExcelJs } from './xlsx';
import type { LeftOut } from './xlsxCheck';

/** Served next to index.html by the build (ExcelJS's browser build). */
export const EXCELJS_FILE = 'exceljs.min.js';

registerCustomFunctions(customFunctions);
registerExtraFunctions();

/** Excel's rows a sheet: the page's engine holds a whole sheet (HyperFormula's default stops at 40,000). */
const EXCEL_ROWS = 1_048_576;

/** A workbook on an engine that computes as the hosts do and holds as many rows as Excel. */
function previewWorkbook(): MemoryWorkbook {
  return new MemoryWorkbook(HyperFormula.buildEmpty({ ...SPREADSHEET_ENGINE_CONFIG, maxRows: EXCEL_ROWS }));
}

let workbook = previewWorkbook();
const listeners = new Set<() => void>();
let unsubscribe: () => void = () => undefined;

function useWorkbook(wb: MemoryWorkbook): void {
  unsubscribe();
  workbook = wb;
  unsubscribe = wb.onChange(() => listeners.forEach((l) => l()));
  listeners.forEach((l) => l());
}

/**
 * The sidebar's host: always the current workbook (Reset and Import swap it). One forwarder per method of the
 * HostApi's list, so a method added to the app reaches the preview without a hand-kept list here.
 */
const host = Object.fromEntries(
  HOST_METHODS.map((method) => [
    method,
    (request: unknown) => (asyncHost(workbook)[method] as (r: unknown) => Promise<unknown>)(request),
  ]),
) as unknown as HostApi;

let excelJs: Promise<ExcelJs> | null = null;
function loadExcelJs(): Promise<ExcelJs> {
  excelJs ??= new Promise<ExcelJs>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = EXCELJS_FILE;
    script.onload = () => {
      const lib = (window as unknown as { ExcelJS?: ExcelJs }).ExcelJS;
      if (lib === undefined) reject(new Error('ExcelJS did not load'));
      else resolve(lib);
    };
    script.onerror = () => {
      excelJs = null;
      reject(new Error(`could not load ${EXCELJS_FILE}`));
    };
    document.head.appendChild(script);
  });
  return excelJs;
}

async function demoWorkbook(): Promise<MemoryWorkbook> {
  const wb = previewWorkbook();
  await buildDemoWorkbook(wb);
  return wb;
}

let importBusy = false;

/**
 * Imports a chosen or dropped file. Its name and size are checked before a byte is read, its contents before
 * ExcelJS is even loaded; the open workbook is replaced only by a whole new one, so a refusal (or a failure
 * anywhere) leaves it exactly as it was. Returns what the status line says when it is done.
 */
async function importFile(file: File): Promise<string> {
  if (importBusy) throw new Error('another import is still running; try again when it is done');
  importBusy = true;
  try {
    checkImportFile(file.name, file.size);
    const imported = await importXlsx(
      await file.arrayBuffer(),
      loadExcelJs,
      previewWorkbook,
      customFunctions,
    );
    useWorkbook(imported.workbook);
    lastImport = { fileName: file.name, leftOut: imported.leftOut };
    remountSidebar();
    return importedText(file.name, imported);
  } finally {
    importBusy = false;
  }
}

/** The file the open workbook came from (null for the demo), and what it held that an export leaves out. */
let lastImport: { fileName: string; leftOut: LeftOut[] } | null = null;

/**
 * The export's name: never the imported file's own, so a download can never replace the original (a clearly
 * named copy); the demo's is se-toolkit-preview.xlsx.
 */
function exportName(imported: string | null): string {
  if (imported === null) return 'se-toolkit-preview.xlsx';
  return `${imported.replace(/\.xlsx$/i, '')} (SE Toolkit preview copy).xlsx`;
}

const counted = (list: readonly LeftOut[]): string =>
  list.map((l) => `${l.kind} (${l.count.toLocaleString('en-US')})`).join(', ');

/**
 * Exports the open workbook as a named copy; says what it could not carry over, with counts: what the import
 * already named, and what the export itself could not write (a merge over a cell typed into since…).
 */
async function downloadXlsx(): Promise<string> {
  const name = exportName(lastImport?.fileName ?? null);
  const written = await saveXlsx(name);
  const lost = [...(lastImport?.leftOut ?? []), ...written];
  if (lost.length === 0) return `Exported ${name}.`;
  const from = lastImport === null ? '' : ` from ${lastImport.fileName}`;
  return `Exported ${name}. Not carried over${from}: ${counted(lost)}.`;
}

async function saveXlsx(fileName: string): Promise<LeftOut[]> {
  const lib = await loadExcelJs();
  const { bytes, lost } = await exportWorkbook(workbook, lib, customFunctions);
  const blob = new Blob([bytes], {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  return lost;
}

function Preview() {
  const [version, setVersion] = useState(0);
  const [status, setStatus] = useState<{ text: string; error: boolean }>({ text: '', error: false });
  useEffect(() => {
    const listener = (): void => setVersion((v) => v + 1);
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }, []);

  /** Runs an action with its progress, outcome or failure in the status line (`done`, or what it returns). */
  const run = (label: string, action: () => Promise<string | void>, done = ''): void => {
    setStatus({ text: `${label}…`, error: false });
    action().then(
      (said) => setStatus({ text: typeof said === 'string' ? said : done, error: false }),
      (error: unknown) => setStatus({ text: `${label} failed: ${messageOf(error)}`, error: true }),
    );
  };
  const importing = (file: File): void => run(`Importing ${file.name}`, () => importFile(file));
  // Before any export: what it will not carry over from the imported file, on the button (tooltip and
  // description), as the import's status line said.
  const leftOutNote =
    lastImport === null || lastImport.leftOut.length === 0
      ? null
      : `Not carried over from ${lastImport.fileName}: ${counted(lastImport.leftOut)}.`;

  useEffect(() => {
    // Every drop is handled here: a file the browser opened itself would navigate away from the workbook.
    const over = (e: DragEvent): void => {
      e.preventDefault();
      if (e.dataTransfer !== null) e.dataTransfer.dropEffect = 'copy';
    };
    const drop = (e: DragEvent): void => {
      e.preventDefault();
      const files = e.dataTransfer?.files;
      if (files === undefined || files.length === 0) return;
      if (files.length > 1) {
        setStatus({
          text: `Import failed: drop one .xlsx file at a time (${files.length} were dropped)`,
          error: true,
        });
        return;
      }
      importing(files[0]);
    };
    document.addEventListener('dragover', over);
    document.addEventListener('drop', drop);
    return () => {
      document.removeEventListener('dragover', over);
      document.removeEventListener('drop', drop);
    };
  }, []);

  return (
    <section class="preview-main" aria-label="Spreadsheet">
      <div class="toolbar" role="toolbar">
        <strong class="brand">SE Toolkit preview</strong>
        <button
          type="button"
          onClick={() => run('Exporting', downloadXlsx)}
          {...(leftOutNote === null ? {} : { title: leftOutNote, 'aria-describedby': 'export-left-out' })}
        >
          Export .xlsx
        </button>
        {leftOutNote === null ? null : (
          <span id="export-left-out" class="visually-hidden">
            {leftOutNote}
          </span>
        )}
        <label class="button">
          Import .xlsx
          <input
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            data-testid="import-file"
            onChange={(e) => {
              const input = e.currentTarget as HTMLInputElement;
              const file = input.files?.[0];
              input.value = '';
              if (file !== undefined) importing(file);
            }}
          />
        </label>
        <button
          type="button"
          onClick={() =>
            run(
              'Resetting the demo',
              async () => {
                useWorkbook(await demoWorkbook());
                lastImport = null;
                remountSidebar();
              },
              'Demo workbook restored.',
            )
          }
        >
          Reset demo
        </button>
        <span class={status.error ? 'preview-status error' : 'preview-status'} role="status">
          {status.text}
        </span>
      </div>
      <SpreadsheetView key={workbookKey} wb={workbook} version={version} />
    </section>
  );
}

/** The grid's edits reach the sidebar as Excel's change events do: the review reads the tracker again. */
const changes: WorkbookChanges = {
  subscribe: (listener) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
};

// The self-test's report says where it ran; formulas name the functions as Sheets does (SE_SCORE).
useSelfTestHost({ name: 'SE Toolkit preview (HyperFormula)', version: 'in this browser', naming: 'sheets' });

let workbookKey = 0;
function remountSidebar(): void {
  workbookKey++;
  const side = document.getElementById('sidebar');
  if (side !== null) mountApp(side, host, undefined, { changes });
  renderMain();
}

function renderMain(): void {
  const main = document.getElementById('app');
  if (main !== null) render(<Preview />, main);
}

async function start(): Promise<void> {
  const main = document.getElementById('app');
  if (main === null) return;
  try {
    useWorkbook(await demoWorkbook());
  } catch (error) {
    // A demo that fails to build still leaves a usable (empty) preview.
    console.error(error);
    useWorkbook(new MemoryWorkbook());
  }
  main.replaceChildren();
  renderMain();
  const side = document.getElementById('sidebar');
  // The sidebar brings its own main landmark: its column is a plain box, not a landmark around it.
  side?.setAttribute('role', 'none');
  side?.removeAttribute('aria-label');
  if (side !== null) mountApp(side, host, undefined, { changes });
  (window as unknown as { sePreview?: unknown }).sePreview = { workbook: () => workbook };
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => void start());
else void start();
