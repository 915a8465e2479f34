/**
 * The Workbook port: the few coarse operations the app needs from a spreadsheet host. Coarse on purpose so
 * every adapter can batch (Sheets: one setValues per block and RangeLists for formats under a document lock;
 * Excel: one batch with as few context.sync() as possible).
 */
import type { PlanCell, PlanValue, SheetPlan } from './templates/sheetPlan';

export interface InsertedSheet {
  /** The name the sheet got: the plan's name, or the next free one (`CSF Tracker (2)`). */
  name: string;
  /** Workbook-scoped names the adapter created, as the plan named them after any renaming. */
  namedRanges: string[];
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
  insertSheet(plan: SheetPlan): InsertedSheet;
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
   * Appends rows under the table a named range heads (below its last non-empty row in the range's columns),
   * under the host's document lock so two people saving at once both land, one after the other. Text is
   * written as text, never as a formula. Nothing else in the workbook changes; on failure nothing is written.
   */
  appendRows(name: string, rows: PlanCell[][]): AppendedRows;
}

export type Workbook = {
  [K in keyof SyncWorkbook]: (...args: Parameters<SyncWorkbook[K]>) => Promise<ReturnType<SyncWorkbook[K]>>;
};

/** A synchronous workbook seen through the asynchronous port (for code and tests that speak promises). */
export function asyncWorkbook(sync: SyncWorkbook): Workbook {
  return {
    sheetNames: async () => sync.sheetNames(),
    insertSheet: async (plan) => sync.insertSheet(plan),
    readNamedRange: async (name) => sync.readNamedRange(name),
    namedRangeNames: async () => sync.namedRangeNames(),
    readTable: async (name) => sync.readTable(name),
    appendRows: async (name, rows) => sync.appendRows(name, rows),
  };
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
  if (sheetName === plan.name && !plan.namedRanges.some((n) => takenNames.includes(n.name)))
    return { ...plan, name: sheetName };
  const taken = new Set(takenNames.map((n) => n.toLowerCase()));
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
