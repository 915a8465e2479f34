/**
 * Workbooks that move between hosts (issue 15, item 6): Sheets calls an SE function SE_SCORE, Excel SE.SCORE, so
 * a workbook made in one shows #NAME? in the other. These tasks (see ./task) find the SE formulas written in the
 * other host's naming and, once the user has seen the list, rewrite exactly those cells' formulas in one guarded
 * write. Only the function names change (src/values/excelFunctionNames: calls only, never text in quotes, a
 * sheet name or a longer name); no other cell is written. Requests and results are plain JSON (they cross the
 * Apps Script bridge), and the server keeps nothing between calls: the convert request carries each cell's
 * formula as the scan read it, which is also the guard, so a co-author's change in between refuses the write.
 *
 * Scanning is bounded: one call reads whole sheets until it has read about CELLS_PER_CALL cells, then says
 * which sheets remain, so the UI can show progress and a big workbook never makes one call run long; and it
 * lists at most MAX_LISTED cells (convert those, then scan again).
 */
import type { CellBlock } from '../connect/types';
import { ReviewError } from '../review/reviewError';
import { buildInfo } from '../selfTest/build';
import { convertFunctionNames, type FunctionNaming, type SeFunctionName } from '../values/excelFunctionNames';
import { blockSize, cellAddress, type WriteGuard } from '../workbook';
import { call, type Task } from './task';

export type { FunctionNaming } from '../values/excelFunctionNames';

/** The most cells one scan lists and one convert takes. */
export const MAX_LISTED = 1000;
/** About how many cells one scan call reads before it hands back (whole sheets; one sheet may be more). */
export const CELLS_PER_CALL = 200_000;
/** The most cells one readBlock asks for (a tall sheet is read in bands of rows). */
export const CELLS_PER_READ = 50_000;

/** A scan's bounds (the constants above; tests pass smaller ones). */
export interface ScanLimits {
  cellsPerCall: number;
  cellsPerRead: number;
  maxListed: number;
}

const SCAN_LIMITS: ScanLimits = {
  cellsPerCall: CELLS_PER_CALL,
  cellsPerRead: CELLS_PER_READ,
  maxListed: MAX_LISTED,
};

export interface ScanFormulaNamesRequest {
  /** The naming of the host the workbook is open in: formulas in the other naming are the ones to convert. */
  to: FunctionNaming;
  /** The sheets still to scan, as the previous call's `remaining` said; default: every sheet, in tab order. */
  sheets?: string[];
}

/** One cell whose formula calls SE functions by the other host's names. */
export interface FormulaToConvert {
  sheet: string;
  /** 0-based. */
  row: number;
  col: number;
  /** 'Q1 Plan'!B3 */
  cell: string;
  /** The formula as read ("=…"). */
  before: string;
  /** The same formula in `to`'s naming. */
  after: string;
}

export interface ScanFormulaNamesResult {
  to: FunctionNaming;
  /** Every sheet of the workbook, in tab order (for "sheet 3 of 12"). */
  sheetNames: string[];
  /** The sheets this call read. */
  scanned: string[];
  /** The sheets still to read: pass them as the next call's `sheets`; empty when the scan is complete. */
  remaining: string[];
  /** Sheets asked for that are no longer there (renamed or deleted since the scan began). */
  missing: string[];
  cells: FormulaToConvert[];
  /** More cells were found than MAX_LISTED: the list stops there (convert these, then scan again). */
  more: boolean;
  /** Formulas read (of any kind), for the outcome in words. */
  formulasRead: number;
}

export interface ConvertFormulaNamesRequest {
  to: FunctionNaming;
  /** The cells to convert, each with its formula as the scan read it (the guard). */
  cells: { sheet: string; row: number; col: number; before: string }[];
}

export interface ConvertFormulaNamesResult {
  converted: number;
  /** The sheets written, in the order of the request. */
  sheets: string[];
  message: string;
}

/** How each host names SE functions, for the words the UI shows. */
export const NAMING_LABEL: Record<FunctionNaming, string> = {
  sheets: 'Google Sheets names (SE_SCORE)',
  excel: 'Excel names (SE.SCORE)',
};

function checkNaming(to: unknown, what: string): FunctionNaming {
  if (to === 'excel' || to === 'sheets') return to;
  throw new ReviewError(
    `${what}: the request must say which host's names to convert to ("excel" or "sheets"); found ${JSON.stringify(to) ?? 'nothing'}.`,
  );
}

function checkFunctions(functions: readonly SeFunctionName[], what: string): void {
  if (functions.length === 0)
    throw new ReviewError(
      `${what}: this build of SE Toolkit has no list of its functions, so it cannot tell SE formulas from others. Nothing was read or changed; please report this.`,
    );
}

/**
 * Finds the formulas calling SE functions by the other host's names, sheet by sheet: each sheet's used range
 * (readSheets) gives its extent, then its formulas are read in bands of rows (readBlock). Only reads.
 */
export function* scanFormulaNamesTask(
  request: ScanFormulaNamesRequest,
  functions: readonly SeFunctionName[],
  limits: ScanLimits = SCAN_LIMITS,
): Task<ScanFormulaNamesResult> {
  const what = 'Convert formulas';
  const to = checkNaming(request?.to, what);
  checkFunctions(functions, what);
  const sheetNames = yield* call('sheetNames');
  const asked = request?.sheets;
  if (asked !== undefined && (!Array.isArray(asked) || asked.some((n) => typeof n !== 'string')))
    throw new ReviewError(`${what}: the sheets to scan must be a list of sheet names. Scan again.`);
  const wanted = asked ?? sheetNames;
  const missing = wanted.filter((n) => !sheetNames.includes(n));
  const queue = wanted.filter((n) => sheetNames.includes(n));
  const cells: FormulaToConvert[] = [];
  const scanned: string[] = [];
  let formulasRead = 0;
  let read = 0;
  let more = false;
  while (queue.length > 0 && read < limits.cellsPerCall && !more) {
    const sheet = queue[0];
    const [used] = yield* call('readSheets', [sheet]);
    const { rows, cols } = blockSize(used.values);
    const empty = rows === 0 || cols === 0;
    const band = Math.max(1, Math.floor(limits.cellsPerRead / Math.max(1, cols)));
    let row = 0;
    while (!empty && row < rows && !more) {
      const height = Math.min(band, rows - row);
      const block = yield* call('readBlock', sheet, row, 0, height, cols);
      read += height * cols;
      block.formulas.forEach((line, r) =>
        line.forEach((formula, c) => {
          if (formula === null || more) return;
          formulasRead += 1;
          const after = convertFunctionNames(formula, functions, to);
          if (after === formula) return;
          if (cells.length === limits.maxListed) {
            more = true;
            return;
          }
          const at = { sheet, row: row + r, col: c };
          cells.push({ ...at, cell: cellAddress(sheet, at.row, at.col), before: formula, after });
        }),
      );
      row += height;
    }
    scanned.push(sheet);
    queue.shift();
  }
  return { to, sheetNames, scanned, remaining: more ? [] : queue, missing, cells, more, formulasRead };
}

function checkCells(cells: unknown, what: string): ConvertFormulaNamesRequest['cells'] {
  const whole = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;
  if (!Array.isArray(cells) || cells.length === 0)
    throw new ReviewError(`${what}: the request lists no cells to convert. Scan again, then convert.`);
  if (cells.length > MAX_LISTED)
    throw new ReviewError(
      `${what}: ${cells.length} cells were sent, more than the ${MAX_LISTED} one conversion takes. Convert the first ${MAX_LISTED}, then scan again. Nothing was changed.`,
    );
  const seen = new Set<string>();
  return cells.map((c: unknown) => {
    const cell = c as Partial<ConvertFormulaNamesRequest['cells'][number]> | null;
    if (
      cell === null ||
      typeof cell.sheet !== 'string' ||
      !whole(cell.row) ||
      !whole(cell.col) ||
      typeof cell.before !== 'string' ||
      !cell.before.startsWith('=')
    )
      throw new ReviewError(
        `${what}: each cell must have a sheet, a 0-based row and column and the formula it held; found ${JSON.stringify(c)}. Scan again, then convert. Nothing was changed.`,
      );
    const key = `${cell.sheet}\u0000${cell.row}\u0000${cell.col}`;
    if (seen.has(key))
      throw new ReviewError(
        `${what}: the cell ${cellAddress(cell.sheet, cell.row, cell.col)} is listed twice. Scan again, then convert. Nothing was changed.`,
      );
    seen.add(key);
    return { sheet: cell.sheet, row: cell.row, col: cell.col, before: cell.before };
  });
}

/**
 * The cells as runs down a column (consecutive rows, same sheet and column), each one block to write and one
 * guard: a column of converted formulas is one write and one check, not one per cell.
 */
function columnRuns(
  cells: readonly { sheet: string; row: number; col: number; before: string; after: string }[],
): { blocks: CellBlock[]; guard: WriteGuard[] } {
  const sorted = [...cells].sort((a, b) =>
    a.sheet !== b.sheet ? (a.sheet < b.sheet ? -1 : 1) : a.col !== b.col ? a.col - b.col : a.row - b.row,
  );
  const blocks: CellBlock[] = [];
  const guard: WriteGuard[] = [];
  for (const cell of sorted) {
    const last = blocks[blocks.length - 1];
    const lastGuard = guard[guard.length - 1];
    if (
      last !== undefined &&
      last.sheet === cell.sheet &&
      last.col === cell.col &&
      last.row + last.cells.length === cell.row
    ) {
      last.cells.push([{ formula: cell.after }]);
      lastGuard.formulas.push([cell.before]);
      lastGuard.values.push([null]);
    } else {
      blocks.push({ sheet: cell.sheet, row: cell.row, col: cell.col, cells: [[{ formula: cell.after }]] });
      guard.push({
        sheet: cell.sheet,
        row: cell.row,
        col: cell.col,
        formulas: [[cell.before]],
        values: [[null]],
      });
    }
  }
  return { blocks, guard };
}

/**
 * Rewrites the listed cells' formulas in `to`'s naming, all or nothing: each cell's new formula is worked out
 * again here from the formula the scan read (the UI's word is not taken for it), and the write is guarded by
 * that formula, so a cell a co-author changed since the scan refuses the whole write, naming the cells.
 */
export function* convertFormulaNamesTask(
  request: ConvertFormulaNamesRequest,
  functions: readonly SeFunctionName[],
): Task<ConvertFormulaNamesResult> {
  const what = 'Convert formulas';
  const to = checkNaming(request?.to, what);
  checkFunctions(functions, what);
  const cells = checkCells(request?.cells, what)
    .map((c) => ({ ...c, after: convertFunctionNames(c.before, functions, to) }))
    .filter((c) => c.after !== c.before);
  if (cells.length === 0)
    throw new ReviewError(
      `${what}: none of the listed formulas calls an SE function by the other host's names, so there is nothing to convert. Nothing was changed.`,
    );
  const sheetNames = yield* call('sheetNames');
  const gone = [...new Set(cells.map((c) => c.sheet))].filter((s) => !sheetNames.includes(s));
  if (gone.length > 0)
    throw new ReviewError(
      `${what}: there is no sheet named ${gone.map((s) => `"${s}"`).join(', ')} any more (renamed or deleted since the scan). Scan again, then convert. Nothing was changed.`,
    );
  const { blocks, guard } = columnRuns(cells);
  try {
    yield* call('writeBlocks', blocks, guard);
  } catch (error) {
    const detail = (error instanceof Error ? error.message : String(error))
      .replace(/^Write cells: /, '')
      .replace(/[.\s]+$/, '');
    // Only words cross to the UI (the cause option is ES2022, beyond the add-ins' target).
    throw new ReviewError(
      `${what}: ${detail}. Scan again to see the formulas as they are now, then convert.`,
    );
  }
  const sheets = [...new Set(cells.map((c) => c.sheet))];
  const n = cells.length;
  return {
    converted: n,
    sheets,
    message:
      `Converted ${n} formula${n === 1 ? '' : 's'} on ${sheets.length} sheet${sheets.length === 1 ? '' : 's'} ` +
      `to ${NAMING_LABEL[to]}.`,
  };
}

/**
 * The SE functions' names: given by the host at start-up from the build's registry (the virtual module
 * 'se-toolkit:custom-functions', which src cannot import), else what the build defined in the bundle
 * (SE_TOOLKIT_BUILD, src/selfTest/build.ts): both generated from the folder listing of src/functions.
 */
let registered: readonly SeFunctionName[] = [];

/** Called once by each host's entry with its registry's functions (only the two names are kept). */
export function useSeFunctionNames(functions: readonly SeFunctionName[]): void {
  registered = functions.map(({ sheetsName, excelId }) => ({ sheetsName, excelId }));
}

/** The names the host gave, else the build's (empty outside a bundle until a test gives some: the tasks then refuse, saying so). */
export function seFunctionNames(): readonly SeFunctionName[] {
  return registered.length > 0 ? registered : (buildInfo()?.functions ?? []);
}

/** What the page's `#app` element says when the sidebar is to open on the formula conversion (Sheets menu). */
export const CONVERT_FORMULAS_START = 'convert-formulas';

/**
 * The built sidebar page, made to open on the formula conversion: `<div id="app" data-start="convert-formulas">`.
 * A page without that element comes back unchanged (it then opens as usual).
 */
export function pageOpeningOnConvert(html: string): string {
  return html.replace('<div id="app">', `<div id="app" data-start="${CONVERT_FORMULAS_START}">`);
}
