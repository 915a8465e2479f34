/**
 * The Workbook port: the few coarse operations the app needs from a spreadsheet host. Coarse on purpose so
 * every adapter can batch (Sheets: one setValues per block and RangeLists for formats under a document lock;
 * Excel: one batch with as few context.sync() as possible).
 */
import type { CellBlock, ScanSelection, ScanSheet } from './connect/types';
import { a1, quoteSheet } from './templates/a1';
import type { PlanCell, PlanValue, SheetPlan } from './templates/sheetPlan';

export interface InsertedSheet {
  /** The name the sheet got: the plan's name, or the next free one (`CSF Tracker (2)`). */
  name: string;
  /** Workbook-scoped names the adapter created, as the plan named them after any renaming. */
  namedRanges: string[];
  /**
   * True when nothing was inserted because the name given as `InsertOptions.unlessNamed` already existed
   * (`name` is then the sheet that name is on, and `namedRanges` is empty).
   */
  existed?: boolean;
  /**
   * Names the plan wanted that something other than a copy of this sheet already had (a user's own range, the
   * name compared case-insensitively), so this sheet's names got a suffix: `heldBy` is the name as the workbook
   * spells it and `sheet` the sheet it points at (null if unknown). Code that finds this sheet by its plan's
   * names (the review reads SE_CSF_Table) will find the other range instead: say so to the user.
   */
  clashes?: NameClash[];
}

export interface NameClash {
  wanted: string;
  heldBy: string;
  sheet: string | null;
}

export interface InsertOptions {
  /**
   * Insert only if the workbook has no live name `unlessNamed` (case-insensitive, as both hosts compare names),
   * checked together with the insert: under the document lock in Sheets; in Excel, an insert that loses the race
   * to another user's is undone and reported as `existed`. "Create the Review Log unless there is one" made
   * atomic, so two first saves cannot leave an empty "Review Log (2)".
   */
  unlessNamed?: string;
}

export interface AppendOptions {
  /**
   * Write by header: `headers[i]` names the column (by its header text, compared trimmed and case-insensitive)
   * that cell i of every row goes under. The adapter reads the table's header row; columns not listed keep
   * whatever they hold; a listed header the table lacks (or has twice) is a clear error and nothing is written.
   * Without it, cells go by position into the named range's columns.
   */
  headers?: readonly string[];
  /**
   * Headers among `headers` a table may lack (a column added to the template after older logs were made):
   * their cells are left out where the column is missing, instead of refusing the whole append.
   */
  optional?: readonly string[];
}

/** A table read by its named range: the range's columns from its top row down to the sheet's last used row. */
export interface TableRead {
  sheet: string;
  /** 0-based row and column of the range's top-left cell (the header row, for the templates' tables). */
  row: number;
  col: number;
  /** Computed values, the first row being the named range's top row; trailing empty rows are dropped. */
  values: PlanValue[][];
}

export interface AppendedRows {
  sheet: string;
  /** 0-based row the first appended row went to. */
  row: number;
  count: number;
}

/**
 * What readMany reads in one operation: named ranges to read as readTable reads them (`tables`) and as
 * readNamedRange reads them (`ranges`), and base names whose copies to locate (`copiesOf`).
 */
export interface ReadManyRequest {
  tables?: readonly string[];
  ranges?: readonly string[];
  /**
   * Base names (`SE_CSF_Table`): every live workbook name that is one of them or a numbered copy of one
   * (`SE_CSF_Table_2`, names compared case-insensitively) is listed in `ManyRead.copies` with its sheet, without
   * reading its cells (so a caller can offer a choice between copies of a template).
   */
  copiesOf?: readonly string[];
}

/** What readMany read: exactly what the single reads give for each name, keyed by the name as requested. */
export interface ManyRead {
  /** All workbook-scoped names, as namedRangeNames lists them. */
  names: string[];
  /** readTable's reading of each requested table (null where readTable gives null). */
  tables: Record<string, TableRead | null>;
  /** readNamedRange's reading of each requested range (null where readNamedRange gives null). */
  ranges: Record<string, PlanValue[][] | null>;
  /** The live copies of `copiesOf`'s names, in the order `names` lists them, each with its sheet. */
  copies: { name: string; sheet: string }[];
}

/** What readAndAppend's `build` asks to append, made from what was read. */
export interface AppendRequest {
  rows: PlanCell[][];
  options?: AppendOptions;
}

export interface ReadThenAppended {
  read: ManyRead;
  /** What was appended; null when `build` returned null (nothing written). */
  appended: AppendedRows | null;
}

/** Whether a workbook name is `base` or a numbered copy of it (`base_2`), case-insensitively. */
export function isCopyOf(name: string, base: string): boolean {
  const lower = name.toLowerCase();
  const b = base.toLowerCase();
  return lower === b || (lower.startsWith(`${b}_`) && /^\d+$/.test(lower.slice(b.length + 1)));
}

/** A ManyRead's records, keyed by the names as requested (own properties, whatever the name). */
export function keyed<T>(names: readonly string[] | undefined, read: (name: string) => T): Record<string, T> {
  return Object.fromEntries((names ?? []).map((n) => [n, read(n)]));
}

/**
 * The operations, in the synchronous shape Apps Script's services have. Hosts whose API is asynchronous
 * (Excel, the preview) implement `Workbook`, the same operations returning promises.
 */
export interface SyncWorkbook {
  /** Names of all sheets, in tab order. */
  sheetNames(): string[];
  /**
   * Adds a new sheet built from the plan under the plan's name or the next free one. All or nothing: if any
   * step fails, the new sheet is removed and the error is rethrown; nothing outside the new sheet changes.
   */
  insertSheet(plan: SheetPlan, options?: InsertOptions): InsertedSheet;
  /**
   * The computed values of a workbook-scoped named range, or null when no such name exists. An empty cell and
   * a formula showing "" both read as null (no host API tells them apart); dates read as serial day numbers.
   */
  readNamedRange(name: string): PlanValue[][] | null;
  /** All workbook-scoped names. */
  namedRangeNames(): string[];
  /**
   * The table a named range heads: its columns from its top row down to the last used row of the sheet, so
   * rows users added below the range are read too. Null when no such name exists. Cells read as in
   * readNamedRange.
   */
  readTable(name: string): TableRead | null;
  /**
   * Appends rows to the table a named range heads: directly under its last row, the table being the header and
   * the rows below it down to the first row with nothing in any of its columns (a formula showing "" counts as
   * something), so a stray value far below does not drag the log down and no cell holding a formula or a value
   * is written over (whatever sits right under the table is moved down, not overwritten). Two people saving at
   * once both land: Sheets holds the document lock; Excel appends to an Excel table and lets the host place the
   * rows. Text is written as text, byte for byte. Nothing else in the workbook changes; on failure nothing is
   * written.
   */
  appendRows(name: string, rows: PlanCell[][], options?: AppendOptions): AppendedRows;
  /**
   * Each named sheet's used range from A1 (what Connect my plan scans): computed values read as in
   * readNamedRange (dates as serial day numbers, empty as null) and the cells' number formats (null where a
   * cell has none the host reports). One read per sheet in Sheets (getValues and getNumberFormats), one sync
   * for the whole batch in Excel. A sheet that does not exist is an error naming it.
   */
  readSheets(names: string[]): ScanSheet[];
  /**
   * A block of cells (0-based), `rows` x `cols`: values as readNamedRange reads them and each cell's formula
   * (null for a constant or an empty cell), so a later writeBlocks can be guarded by what was read.
   */
  readBlock(sheet: string, row: number, col: number, rows: number, cols: number): BlockRead;
  /** The range the user has selected (0-based), or null where the host has none to give. */
  selection(): ScanSelection | null;
  /**
   * Writes blocks of cells all or nothing. First the `guard` cells are read again (in Sheets under the
   * document lock, held to the end) and compared with what the caller read: a formula against its formula, a
   * constant against its value; if any changed (a co-author typed there), nothing is written and the error
   * names the cells. Then every block is written: text as text byte for byte (`{ value: '=1+1' }` stays
   * text), formulas as formulas, null and '' as an empty cell; a row shorter than the block leaves the cells
   * past its end as they are. On any failure the cells already written get back what they held, and the error
   * says nothing was written. Number formats are left as they are.
   */
  writeBlocks(blocks: CellBlock[], guard: WriteGuard[]): void;
  /**
   * Brings a sheet to the front (what the user sees next: a template just inserted, a quarter just prepared,
   * the Review Log after a save). A sheet that does not exist is an error naming it; nothing else changes.
   */
  activateSheet(name: string): void;
  /**
   * Removes a sheet this add-in made and the workbook-scoped names it made on it (`namedRanges`, as
   * InsertedSheet listed them; names compared case-insensitively), the names first so none is left pointing
   * at #REF!. A sheet or name already gone is not an error (removing twice is harmless); the sheet is looked
   * up by its exact name, so only call this with the name insertSheet returned.
   */
  removeSheet(name: string, namedRanges: readonly string[]): void;
  /**
   * Several tables and named ranges in one operation, each read exactly as readTable / readNamedRange read it
   * (names compared case-insensitively, a missing name or one left pointing at a deleted sheet as null, dates as
   * serial day numbers, an empty cell and a formula showing "" as null, rows users added below a table
   * included), with the workbook's names. Few round trips whatever the tables' lengths: in Sheets one
   * getNamedRanges and one getValues per sheet holding something asked for (the named ranges cut out of it
   * locally) and the time zone once; in Excel two syncs.
   */
  readMany(request: ReadManyRequest): ManyRead;
  /**
   * readMany, then appendRows(`name`, …) with the rows `build` makes from what was read, as one operation: in
   * Sheets under one hold of the document lock (the rows are built from the workbook as it is when they are
   * written; another script's save waits), in Excel in one Excel.run with the rows added to the Excel table
   * as appendRows adds them. `build` returning null writes nothing; an error `build` throws is passed on as it
   * is, and nothing is written. The append behaves as appendRows in every other way (the same placement,
   * text as text, nothing written on failure).
   */
  readAndAppend(
    request: ReadManyRequest,
    name: string,
    build: (read: ManyRead) => AppendRequest | null,
  ): ReadThenAppended;
}

/** A block as readBlock reads it. */
export interface BlockRead {
  sheet: string;
  row: number;
  col: number;
  values: PlanValue[][];
  /** The formula of each cell ("=…"), null for a constant or an empty cell. */
  formulas: (string | null)[][];
}

/** Cells as the caller read them (readBlock's reading), which writeBlocks checks before writing. */
export interface WriteGuard {
  sheet: string;
  row: number;
  col: number;
  formulas: (string | null)[][];
  values: PlanValue[][];
}

export type Workbook = {
  [K in keyof SyncWorkbook]: (...args: Parameters<SyncWorkbook[K]>) => Promise<ReturnType<SyncWorkbook[K]>>;
};

/** A synchronous workbook seen through the asynchronous port (for code and tests that speak promises). */
export function asyncWorkbook(sync: SyncWorkbook): Workbook {
  return {
    sheetNames: async () => sync.sheetNames(),
    insertSheet: async (plan, options) => sync.insertSheet(plan, options),
    readNamedRange: async (name) => sync.readNamedRange(name),
    namedRangeNames: async () => sync.namedRangeNames(),
    readTable: async (name) => sync.readTable(name),
    appendRows: async (name, rows, options) => sync.appendRows(name, rows, options),
    readSheets: async (names) => sync.readSheets(names),
    readBlock: async (sheet, row, col, rows, cols) => sync.readBlock(sheet, row, col, rows, cols),
    selection: async () => sync.selection(),
    writeBlocks: async (blocks, guard) => sync.writeBlocks(blocks, guard),
    activateSheet: async (name) => sync.activateSheet(name),
    removeSheet: async (name, namedRanges) => sync.removeSheet(name, namedRanges),
    readMany: async (request) => sync.readMany(request),
    readAndAppend: async (request, name, build) => sync.readAndAppend(request, name, build),
  };
}

/** The refusal when a sheet to open is not there (renamed or deleted since it was made). */
export function noSuchSheet(name: string): Error {
  return new Error(
    `Open sheet: there is no sheet named "${name}" any more (it may have been renamed or deleted); nothing was changed`,
  );
}

/** The name a new sheet gets: the wanted one if free, else `wanted (2)`, `wanted (3)`, … */
export function freeSheetName(wanted: string, taken: readonly string[]): string {
  const lower = new Set(taken.map((n) => n.toLowerCase()));
  if (!lower.has(wanted.toLowerCase())) return wanted;
  for (let i = 2; ; i++) {
    const candidate = `${wanted} (${i})`;
    if (!lower.has(candidate.toLowerCase())) return candidate;
  }
}

/**
 * The plan as it goes into a sheet named `sheetName`: a second copy of a template keeps its named ranges
 * apart from the first's (`SE_CSF_Table_2` for `CSF Tracker (2)`), since names are workbook-wide in Sheets.
 */
export function planForSheet(plan: SheetPlan, sheetName: string, takenNames: readonly string[]): SheetPlan {
  // Names compare case-insensitively in both hosts: a user's `se_csf_table` takes `SE_CSF_Table`.
  const taken = new Set(takenNames.map((n) => n.toLowerCase()));
  if (sheetName === plan.name && !plan.namedRanges.some((n) => taken.has(n.name.toLowerCase())))
    return { ...plan, name: sheetName };
  const copy = /\((\d+)\)$/.exec(sheetName);
  let suffix = copy === null ? 2 : Number(copy[1]);
  const free = (n: number) => plan.namedRanges.every((r) => !taken.has(`${r.name}_${n}`.toLowerCase()));
  while (!free(suffix)) suffix++;
  return {
    ...plan,
    name: sheetName,
    namedRanges: plan.namedRanges.map((r) => ({ ...r, name: `${r.name}_${suffix}` })),
  };
}

/**
 * The plan's names another range already holds (case-insensitively) where that range is not on a copy of the
 * plan's sheet (`CSF Tracker`, `CSF Tracker (2)`…): the clashes a user should hear about. `sheetOf` says which
 * sheet a held name points at (null if unknown).
 */
export function nameClashes(
  wanted: SheetPlan,
  takenNames: readonly string[],
  sheetOf: (name: string) => string | null,
): NameClash[] {
  const copy = new RegExp(`^${wanted.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\(\\d+\\))?$`, 'i');
  const clashes: NameClash[] = [];
  for (const { name } of wanted.namedRanges) {
    const heldBy = takenNames.find((t) => t.toLowerCase() === name.toLowerCase());
    if (heldBy === undefined) continue;
    const sheet = sheetOf(heldBy);
    if (sheet !== null && copy.test(sheet)) continue;
    clashes.push({ wanted: name, heldBy, sheet });
  }
  return clashes;
}

/** The base name of a named range a plan created (`SE_CSF_Table_2` → `SE_CSF_Table`). */
export function baseRangeName(name: string): string {
  return name.replace(/_\d+$/, '');
}

/**
 * How many rows and columns a plan reaches, counting every range it formats, validates, names or charts
 * (not only its cells), so a host with a fixed grid (a new Google Sheet is 1000 x 26) can be grown first.
 */
export function planExtent(plan: SheetPlan): { rows: number; cols: number } {
  let rows = Math.max(plan.rows, plan.frozenRows);
  let cols = Math.max(plan.cols, plan.frozenCols);
  const ranges = [
    ...plan.formats.map((f) => f.range),
    ...plan.validations.map((v) => v.range),
    ...plan.conditionalFormats.map((c) => c.range),
    ...plan.namedRanges.map((n) => n.range),
    ...plan.charts.map((c) => c.data),
  ];
  for (const r of ranges) {
    rows = Math.max(rows, r.row + r.rows);
    cols = Math.max(cols, r.col + r.cols);
  }
  for (const w of plan.columnWidths) cols = Math.max(cols, w.col + 1);
  for (const c of plan.charts) {
    rows = Math.max(rows, c.anchor.row + 1);
    cols = Math.max(cols, c.anchor.col + 1);
  }
  return { rows, cols };
}

/** A table's rows without the empty ones at its end (how readTable trims what a host reads). */
export function withoutTrailingEmptyRows(values: PlanValue[][]): PlanValue[][] {
  let end = values.length;
  while (end > 0 && values[end - 1].every((v) => v === null)) end--;
  return values.slice(0, end);
}

/** How a header cell compares with a wanted header: trimmed, inner spaces collapsed, case-insensitive. */
function headerKey(text: unknown): string {
  return typeof text === 'string' ? text.trim().replace(/\s+/g, ' ').toLowerCase() : '';
}

/**
 * Where each wanted header is in a header row (0-based columns), for AppendOptions.headers. Throws an Error
 * whose message starts with what is wrong (a wanted header missing, or found twice) and lists the headers the
 * row has, so the user can put the header back; callers prefix what they were doing and "Nothing was written".
 */
export function columnsByHeader(
  headerRow: readonly unknown[],
  wanted: readonly string[],
  optional: readonly string[] = [],
): (number | null)[] {
  const at = new Map<string, number[]>();
  headerRow.forEach((cell, c) => {
    const key = headerKey(cell);
    if (key !== '') at.set(key, [...(at.get(key) ?? []), c]);
  });
  const mayLack = new Set(optional.map(headerKey));
  const found = (h: string): number[] => at.get(headerKey(h)) ?? [];
  const missing = wanted.filter((h) => found(h).length === 0 && !mayLack.has(headerKey(h)));
  const shown = headerRow
    .map((cell) => (typeof cell === 'string' || typeof cell === 'number' ? String(cell).trim() : ''))
    .filter((h) => h !== '')
    .map((h) => `"${h}"`)
    .join(', ');
  if (missing.length > 0) {
    const list = missing.map((h) => `"${h}"`).join(', ');
    throw new Error(
      `its header row has no ${list} column${missing.length === 1 ? '' : 's'} (it has ${shown || 'no headers'}). ` +
        `Put the header text back (or undo the change to the header row), then try again`,
    );
  }
  const twice = wanted.find((h) => found(h).length > 1);
  if (twice !== undefined) {
    throw new Error(
      `its header row has two "${twice}" columns, so it is not clear which one to write. Rename one of them, then try again`,
    );
  }
  return wanted.map((h) => found(h)[0] ?? null);
}

/**
 * The rows of one append laid out across a table's `width` columns: `columns[i]` is where cell i of each row
 * goes (from columnsByHeader, or 0, 1, 2… by position; null: left out); `blank` fills the columns no cell goes
 * to.
 */
export function rowsAcross<T>(
  rows: readonly PlanCell[][],
  columns: readonly (number | null)[],
  width: number,
  cell: (c: PlanCell | undefined) => T,
  blank: T,
): T[][] {
  return rows.map((r) => {
    const line = new Array<T>(width).fill(blank);
    columns.forEach((col, i) => {
      if (col !== null) line[col] = cell(r[i]);
    });
    return line;
  });
}

/**
 * Where the cells of an append go, as columns of a table `width` wide whose header row is `headerRow`: by
 * header when `options.headers` is given, else by position from `offset` (the named range's first column
 * within the table) over `rangeWidth` columns. Throws a message (without "Nothing was written", which callers
 * add) when a row is wider than the cells it may fill, or a header is missing.
 */
export function appendColumns(
  rows: readonly PlanCell[][],
  headerRow: readonly unknown[],
  options: AppendOptions | undefined,
  offset: number,
  rangeWidth: number,
): (number | null)[] {
  const headers = options?.headers;
  const width = headers === undefined ? rangeWidth : headers.length;
  const wide = rows.find((r) => r.length > width);
  if (wide !== undefined) {
    throw new Error(
      headers === undefined
        ? `a row has ${wide.length} cells but the table has ${rangeWidth} columns`
        : `a row has ${wide.length} cells but ${headers.length} headers were given for them`,
    );
  }
  if (headers !== undefined) return columnsByHeader(headerRow, headers, options?.optional);
  return Array.from({ length: rangeWidth }, (_, i) => offset + i);
}

/**
 * How many rows, counted from a table's header row, make up the table: the header and the rows under it down to
 * the first row with nothing in any cell. `hasContent(r)` says whether row r of the block read from the header
 * down holds anything (a value, or a formula even when it shows "").
 */
export function contiguousRows(rowCount: number, hasContent: (r: number) => boolean): number {
  let r = 1;
  while (r < rowCount && hasContent(r)) r++;
  return r;
}

/** A block's height and width: its rows, and its longest row. */
export function blockSize(cells: readonly (readonly unknown[])[]): { rows: number; cols: number } {
  return { rows: cells.length, cols: Math.max(0, ...cells.map((r) => r.length)) };
}

/** Blocks and guards are checked before anything is read or written: whole cells, on a sheet, in the grid. */
export function checkBlocks(blocks: readonly CellBlock[], guard: readonly WriteGuard[]): void {
  const bad = (what: string, b: { sheet: unknown; row: unknown; col: unknown }): Error =>
    new Error(
      `Write cells: ${what} must have a sheet name and a 0-based row and column (whole numbers from 0); got ` +
        `${JSON.stringify({ sheet: b.sheet, row: b.row, col: b.col })}; nothing was written`,
    );
  const placed = (b: { sheet: unknown; row: unknown; col: unknown }): boolean =>
    typeof b.sheet === 'string' &&
    b.sheet !== '' &&
    Number.isInteger(b.row) &&
    (b.row as number) >= 0 &&
    Number.isInteger(b.col) &&
    (b.col as number) >= 0;
  for (const b of blocks) if (!placed(b) || !Array.isArray(b.cells)) throw bad('a block', b);
  for (const g of guard)
    if (!placed(g) || !Array.isArray(g.formulas) || !Array.isArray(g.values)) throw bad('a guard', g);
}

/** A cell's A1 address with its sheet: 'Plan Links'!B3. */
export function cellAddress(sheet: string, row: number, col: number): string {
  return `${quoteSheet(sheet)}!${a1(row, col)}`;
}

/** Whether a cell still holds what the guard read: its formula if it had one, else its value. */
function sameCell(
  was: { formula: string | null; value: PlanValue },
  now: { formula: string | null; value: PlanValue },
): boolean {
  const wasFormula = was.formula ?? null;
  const nowFormula = now.formula ?? null;
  if (wasFormula !== null || nowFormula !== null) return wasFormula === nowFormula;
  const a = was.value === '' ? null : (was.value ?? null);
  const b = now.value === '' ? null : (now.value ?? null);
  return a === b;
}

/**
 * The guarded cells that changed since they were read, as addresses ('CSF Tracker'!Y8), comparing the guard
 * with the same cells read now (`now`, from the guard's top-left corner, readBlock's reading).
 */
export function changedCells(
  guard: WriteGuard,
  now: { values: PlanValue[][]; formulas: (string | null)[][] },
): string[] {
  const changed: string[] = [];
  const { rows, cols } = guardSize(guard);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const was = { formula: guard.formulas[r]?.[c] ?? null, value: guard.values[r]?.[c] ?? null };
      const is = { formula: now.formulas[r]?.[c] ?? null, value: now.values[r]?.[c] ?? null };
      if (!sameCell(was, is)) changed.push(cellAddress(guard.sheet, guard.row + r, guard.col + c));
    }
  }
  return changed;
}

/** The refusal when guarded cells changed: which cells, why it matters, what to do. */
export function guardRefusal(changed: readonly string[]): Error {
  const shown = changed.slice(0, 5).join(', ');
  const more = changed.length > 5 ? ` and ${changed.length - 5} more` : '';
  return new Error(
    `Write cells: ${changed.length === 1 ? 'the cell' : 'the cells'} ${shown}${more} changed after ` +
      `${changed.length === 1 ? 'it was' : 'they were'} read ` +
      `(someone else may be editing this workbook), so nothing was written`,
  );
}

/** The guard's height and width. */
export function guardSize(guard: WriteGuard): { rows: number; cols: number } {
  const values = blockSize(guard.values);
  const formulas = blockSize(guard.formulas);
  return { rows: Math.max(values.rows, formulas.rows), cols: Math.max(values.cols, formulas.cols) };
}
