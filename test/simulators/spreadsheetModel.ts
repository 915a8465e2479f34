/**
 * The one workbook behind both host simulators: HyperFormula evaluates the formulas, and the model keeps what
 * a formula engine does not (formats, validation, conditional formats, frozen panes, widths, named ranges,
 * charts) so tests can check that an adapter really applied them. The fake SpreadsheetApp and the fake Excel
 * are two faces over it, each enforcing its own API's rules and counting its own round trips.
 */
import {
  ArraySize,
  CellError,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  HyperFormula,
  SimpleRangeValue,
  type ImplementedFunctions,
  type RawCellContent,
} from 'hyperformula';
import { rangeA1 } from '../../src/templates/a1';
import { typedInput } from './typedInput';
import { SPREADSHEET_ENGINE_CONFIG } from '../../preview/engineConfig';

export type CellValue = string | number | boolean | null;

export interface CellFormat {
  numberFormat?: string;
  bold?: boolean;
  italic?: boolean;
  background?: string;
  fontColor?: string;
  wrap?: boolean;
  horizontalAlignment?: string;
}

export interface Area {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export interface ModelValidation {
  area: Area;
  kind: 'list' | 'number';
  list?: string[];
  min?: number;
  max?: number;
  strict: boolean;
}

export interface ModelConditionalFormat {
  area: Area;
  textEquals: string;
  background?: string;
  fontColor?: string;
}

export interface ModelChart {
  kind: string;
  title: string;
  data: Area;
  /** 0-based cell of the chart's top-left corner. */
  anchor?: { row: number; col: number };
}

interface SheetMeta {
  formats: Map<string, CellFormat>;
  validations: ModelValidation[];
  conditionalFormats: ModelConditionalFormat[];
  frozenRows: number;
  frozenCols: number;
  columnWidths: Map<number, number>;
  charts: ModelChart[];
  /** Google Sheets' grid size (a new sheet: 1000 x 26); Excel's face ignores it. */
  gridRows: number;
  gridCols: number;
}

export const NEW_SHEET_GRID = { rows: 1000, cols: 26 } as const;

/**
 * An Excel table (ListObject): its header row and body rows on one sheet. `id` is the host's, never reused;
 * names are unique across tables and workbook names alike, compared case-insensitively (Excel's rule).
 */
export interface ModelTable {
  id: string;
  name: string;
  sheet: string;
  /** Header row and body rows. */
  area: Area;
}

/** What a cell holds, for tests that check a value kept its type (text stayed text). */
export type CellKind = 'empty' | 'text' | 'number' | 'boolean' | 'error' | 'formula';

export class SimulatedFailure extends Error {
  constructor(operation: string) {
    super(`simulated failure in ${operation}`);
  }
}

/**
 * A host-provided custom function as the model calls it: arguments as the host's engine hands them over
 * (a scalar, or rows of cells with blanks as null; an omitted argument as undefined), a result of rows of cells
 * (or one value); a throw is the cell's error (#VALUE!, or #N/A when the error's `code` says so).
 */
export type ModelFunction = (...args: unknown[]) => unknown;

export interface ModelOptions {
  /**
   * Function names the engine should know (SE_SCORE for the Sheets face, SE.SCORE for Excel's), each computed
   * by what the model's `customFunctions` holds under that name when the cell is computed (#NAME? while it
   * holds nothing): the host's own code, e.g. the built Code.js's SE_SCORE or what functions.js associated.
   */
  functionNames?: readonly string[];
}

export class SpreadsheetModel {
  /** The host's custom functions by name (see ModelOptions.functionNames); tests may replace one. */
  readonly customFunctions = new Map<string, ModelFunction>();
  readonly hf: HyperFormula;
  private readonly meta = new Map<number, SheetMeta>();
  readonly namedRanges = new Map<string, { sheet: string; area: Area }>();
  readonly tables = new Map<string, ModelTable>();
  private nextTableId = 1;
  /** Operations to fail, by name; each entry fails once (see failOn). */
  private readonly failures: { operation: string; after: number }[] = [];

  constructor(options: ModelOptions = {}) {
    registerModelFunctions(options.functionNames ?? []);
    // HyperFormula's plugins are global; each engine's `context` is its own table, so models never share one.
    this.hf = HyperFormula.buildEmpty({
      ...SPREADSHEET_ENGINE_CONFIG,
      context: { modelFunctions: this.customFunctions },
    });
  }

  /**
   * Computes again every formula that calls one of the custom functions (after a test replaced one), as a host
   * recalculates when a function's code changes.
   */
  recalculateCustomFunctions(): void {
    this.hf.rebuildAndRecalculate();
  }

  /** Makes the `after`+1-th next call of `operation` throw, to test that adapters leave nothing half-made. */
  failOn(operation: string, after = 0): void {
    this.failures.push({ operation, after });
  }

  /** Forgets the failures planted and not yet met. */
  clearFailures(): void {
    this.failures.length = 0;
  }

  /** Faces call this before applying a write; it throws when a failure was planted for the operation. */
  check(operation: string): void {
    const i = this.failures.findIndex((f) => f.operation === operation);
    if (i < 0) return;
    if (this.failures[i].after > 0) {
      this.failures[i].after--;
      return;
    }
    this.failures.splice(i, 1);
    throw new SimulatedFailure(operation);
  }

  sheetNames(): string[] {
    return this.hf.getSheetNames();
  }

  hasSheet(name: string): boolean {
    return this.hf.getSheetId(name) !== undefined;
  }

  addSheet(name: string): void {
    if (this.hasSheet(name)) throw new Error(`A sheet named ${name} already exists`);
    this.hf.addSheet(name);
    this.meta.set(this.id(name), {
      formats: new Map(),
      validations: [],
      conditionalFormats: [],
      frozenRows: 0,
      frozenCols: 0,
      columnWidths: new Map(),
      charts: [],
      gridRows: NEW_SHEET_GRID.rows,
      gridCols: NEW_SHEET_GRID.cols,
    });
  }

  removeSheet(name: string): void {
    const id = this.id(name);
    for (const [n, r] of this.namedRanges) if (r.sheet === name) this.removeName(n);
    for (const [n, t] of this.tables) if (t.sheet === name) this.tables.delete(n);
    this.hf.removeSheet(id);
    this.meta.delete(id);
  }

  /** Writes raw contents: a string starting with "=" is a formula, as both hosts read it. */
  setContents(sheet: string, row: number, col: number, contents: CellValue[][]): void {
    const raw: RawCellContent[][] = contents.map((r) => r.map((v) => (v === '' ? null : v)));
    this.hf.setCellContents({ sheet: this.id(sheet), row, col }, raw);
  }

  /**
   * Writes values as a host does when they are written as cell values (Excel's Range.values, Sheets'
   * setValues): each string is read as typed (see ./typedInput), unless its cell is formatted as text ("@");
   * numbers and booleans go in as they are; '' empties a cell; null leaves it as it was (Office.js's rule for
   * null in a 2-D array).
   */
  enter(sheet: string, row: number, col: number, contents: readonly (readonly unknown[])[]): void {
    const id = this.id(sheet);
    const formats = this.sheetMeta(sheet).formats;
    this.hf.batch(() => {
      contents.forEach((line, r) => {
        // One setCellContents per run of cells to write (null cells split runs): fast for large blocks.
        let start = 0;
        while (start < line.length) {
          while (start < line.length && (line[start] === null || line[start] === undefined)) start++;
          let end = start;
          while (end < line.length && line[end] !== null && line[end] !== undefined) end++;
          if (end > start) {
            const raw = line
              .slice(start, end)
              .map((v, i) => this.contentFor(v, formats.get(`${row + r},${col + start + i}`) ?? {}));
            this.hf.setCellContents({ sheet: id, row: row + r, col: col + start }, [raw]);
          }
          start = end;
        }
      });
    });
  }

  private contentFor(v: unknown, format: CellFormat): RawCellContent {
    if (v === '') return null;
    if (typeof v === 'number' || typeof v === 'boolean') return v;
    if (typeof v !== 'string') throw new Error(`the model cannot store ${Object.prototype.toString.call(v)}`);
    const typed = typedInput(v, format.numberFormat === '@');
    switch (typed.kind) {
      case 'text':
        // HyperFormula, like both hosts, reads one leading apostrophe as "this is text" and drops it.
        return `'${typed.text}`;
      case 'number':
      case 'boolean':
        return typed.value;
      case 'error':
        return typed.error;
      case 'formula':
        return typed.formula;
    }
  }

  /** What one cell holds. */
  cellKind(sheet: string, row: number, col: number): CellKind {
    const at = { sheet: this.id(sheet), row, col };
    if (this.hf.doesCellHaveFormula(at)) return 'formula';
    const v = this.hf.getCellValue(at);
    if (v === null || v === undefined) return 'empty';
    if (typeof v === 'object') return 'error';
    if (typeof v === 'string') return 'text';
    return typeof v === 'number' ? 'number' : 'boolean';
  }

  /** Computed values, errors as their text (#DIV/0!), blanks as ''. */
  values(sheet: string, area: Area): CellValue[][] {
    const id = this.id(sheet);
    const out: CellValue[][] = [];
    for (let r = 0; r < area.rows; r++) {
      const line: CellValue[] = [];
      for (let c = 0; c < area.cols; c++) {
        const v = this.hf.getCellValue({ sheet: id, row: area.row + r, col: area.col + c });
        line.push(
          v === null || v === undefined
            ? ''
            : typeof v === 'object'
              ? String((v as { value: unknown }).value)
              : v,
        );
      }
      out.push(line);
    }
    return out;
  }

  /** What the formula bar shows: the formula for formula cells, else the raw value ('' for blank). */
  formulas(sheet: string, area: Area): CellValue[][] {
    const id = this.id(sheet);
    const out: CellValue[][] = [];
    for (let r = 0; r < area.rows; r++) {
      const line: CellValue[] = [];
      for (let c = 0; c < area.cols; c++) {
        const addr = { sheet: id, row: area.row + r, col: area.col + c };
        const f = this.hf.getCellFormula(addr);
        const v = f ?? this.hf.getCellSerialized(addr);
        line.push(v === null || v === undefined ? '' : (v as CellValue));
      }
      out.push(line);
    }
    return out;
  }

  /** Rows and columns in use (at least 1x1), as getDataRange / getUsedRange see them. */
  extent(sheet: string): { rows: number; cols: number } {
    const d = this.hf.getSheetDimensions(this.id(sheet));
    return { rows: Math.max(1, d.height), cols: Math.max(1, d.width) };
  }

  format(sheet: string, area: Area, format: CellFormat): void {
    const m = this.sheetMeta(sheet);
    for (let r = area.row; r < area.row + area.rows; r++) {
      for (let c = area.col; c < area.col + area.cols; c++) {
        const key = `${r},${c}`;
        m.formats.set(key, { ...m.formats.get(key), ...format });
      }
    }
  }

  formatAt(sheet: string, row: number, col: number): CellFormat {
    return this.sheetMeta(sheet).formats.get(`${row},${col}`) ?? {};
  }

  addValidation(sheet: string, v: ModelValidation): void {
    this.sheetMeta(sheet).validations.push(v);
  }

  addConditionalFormat(sheet: string, cf: ModelConditionalFormat): void {
    this.sheetMeta(sheet).conditionalFormats.push(cf);
  }

  freeze(sheet: string, rows: number, cols: number): void {
    const m = this.sheetMeta(sheet);
    m.frozenRows = rows;
    m.frozenCols = cols;
  }

  setColumnWidth(sheet: string, col: number, width: number): void {
    this.sheetMeta(sheet).columnWidths.set(col, width);
  }

  /** The chart's data must lie inside the sheet's used cells (a chart over nothing is a plan's mistake). */
  addChart(sheet: string, chart: ModelChart): void {
    const meta = this.sheetMeta(sheet);
    const { rows, cols } = this.extent(sheet);
    const d = chart.data;
    if (d.row < 0 || d.col < 0 || d.rows < 1 || d.cols < 1 || d.row + d.rows > rows || d.col + d.cols > cols)
      throw new Error(
        `A chart's data ${JSON.stringify(d)} lies outside the used cells of ${sheet} (${rows} x ${cols})`,
      );
    meta.charts.push(chart);
  }

  /**
   * The smallest block holding every cell with a value (and, unless valuesOnly, every formatted cell), as
   * Excel's getUsedRange gives it; null on an empty sheet.
   */
  usedArea(sheet: string, valuesOnly: boolean): Area | null {
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    const use = (r: number, c: number): void => {
      top = Math.min(top, r);
      left = Math.min(left, c);
      bottom = Math.max(bottom, r);
      right = Math.max(right, c);
    };
    this.hf.getSheetValues(this.id(sheet)).forEach((line, r) =>
      line.forEach((v, c) => {
        if (v !== null && v !== undefined) use(r, c);
      }),
    );
    if (!valuesOnly) {
      for (const key of this.sheetMeta(sheet).formats.keys()) {
        const [r, c] = key.split(',').map(Number);
        use(r, c);
      }
    }
    return bottom < 0 ? null : { row: top, col: left, rows: bottom - top + 1, cols: right - left + 1 };
  }

  /**
   * What Excel's Range.formulas reads: the formula of a formula cell, else the value as typed back — text
   * without the apostrophe that made it text (OfficeDev/office-js#6687), '' for blank.
   */
  excelFormulas(sheet: string, area: Area): CellValue[][] {
    const values = this.values(sheet, area);
    return this.formulas(sheet, area).map((line, r) =>
      line.map((f, c) => (this.cellKind(sheet, area.row + r, area.col + c) === 'formula' ? f : values[r][c])),
    );
  }

  /**
   * A user typing or filling cells: raw contents as setContents takes them, and an Excel table whose row just
   * below its end gets content in its columns grows over the filled rows (Excel's AutoExpansion, on by default:
   * "Include new rows and columns in table").
   */
  typeAsUser(sheet: string, row: number, col: number, contents: CellValue[][]): void {
    this.setContents(sheet, row, col, contents);
    for (const t of this.tables.values()) {
      const end = t.area.row + t.area.rows;
      const inColumns = col < t.area.col + t.area.cols && col + (contents[0]?.length ?? 0) > t.area.col;
      if (t.sheet === sheet && inColumns && row <= end && row + contents.length > end)
        t.area.rows = row + contents.length - t.area.row;
    }
  }

  /** Renames a sheet; its names and tables follow it. */
  renameSheet(from: string, to: string): void {
    this.hf.renameSheet(this.id(from), to);
    for (const entry of this.namedRanges.values()) if (entry.sheet === from) entry.sheet = to;
    for (const table of this.tables.values()) if (table.sheet === from) table.sheet = to;
  }

  /** Whether a workbook name or a table already uses `name` (case-insensitive, as Excel compares them). */
  nameTaken(name: string): boolean {
    const lower = name.toLowerCase();
    return [...this.namedRanges.keys(), ...this.tables.keys()].some((n) => n.toLowerCase() === lower);
  }

  /** The table with that name (case-insensitive), if any. */
  table(name: string): ModelTable | undefined {
    const lower = name.toLowerCase();
    return [...this.tables.values()].find((t) => t.name.toLowerCase() === lower);
  }

  /** The tables on a sheet that share a cell with `area`. */
  tablesMeeting(sheet: string, area: Area): ModelTable[] {
    return [...this.tables.values()].filter((t) => t.sheet === sheet && meets(t.area, area));
  }

  /** Adds a table over `area` (header row first); Excel's own checks are the face's job. */
  addTable(name: string, sheet: string, area: Area): ModelTable {
    const table = { id: `{T${this.nextTableId++}}`, name, sheet, area: { ...area } };
    this.tables.set(name, table);
    return table;
  }

  removeTable(name: string): void {
    this.tables.delete(name);
  }

  /**
   * Inserts `count` empty rows before 0-based `at` across the whole sheet (Sheets' insertRowsAfter): contents,
   * formulas' references, formats, validation, conditional formats, charts, names and tables below move down.
   */
  insertRows(sheet: string, at: number, count: number): void {
    const id = this.id(sheet);
    if (at < this.hf.getSheetDimensions(id).height) this.hf.addRows(id, [at, count]);
    this.shiftMeta(
      sheet,
      { row: at, col: 0, rows: Number.MAX_SAFE_INTEGER, cols: Number.MAX_SAFE_INTEGER },
      count,
    );
    this.sheetMeta(sheet).gridRows += count;
  }

  /**
   * Inserts `count` empty columns before 0-based `at` (a user's Insert column): what is right of it moves right,
   * and names, tables, formats and rules spanning it grow, as in both hosts.
   */
  insertColumns(sheet: string, at: number, count: number): void {
    const id = this.id(sheet);
    if (at < this.hf.getSheetDimensions(id).width) this.hf.addColumns(id, [at, count]);
    const m = this.sheetMeta(sheet);
    const move = (a: Area): void => {
      if (a.col >= at) a.col += count;
      else if (a.col + a.cols > at) a.cols += count;
    };
    const formats = [...m.formats.entries()];
    m.formats.clear();
    for (const [key, format] of formats) {
      const [r, c] = key.split(',').map(Number);
      m.formats.set(c >= at ? `${r},${c + count}` : key, format);
    }
    const widths = [...m.columnWidths.entries()];
    m.columnWidths.clear();
    for (const [c, w] of widths) m.columnWidths.set(c >= at ? c + count : c, w);
    for (const v of m.validations) move(v.area);
    for (const cf of m.conditionalFormats) move(cf.area);
    for (const chart of m.charts) move(chart.data);
    for (const entry of this.namedRanges.values()) if (entry.sheet === sheet) move(entry.area);
    for (const table of this.tables.values()) if (table.sheet === sheet) move(table.area);
    m.gridCols += count;
  }

  /** Deletes `count` rows from 0-based `at` across the whole sheet (Sheets' deleteRows), moving the rest up. */
  deleteRows(sheet: string, at: number, count: number): void {
    const id = this.id(sheet);
    if (at < this.hf.getSheetDimensions(id).height) this.hf.removeRows(id, [at, count]);
    this.shiftMeta(
      sheet,
      { row: at + count, col: 0, rows: Number.MAX_SAFE_INTEGER, cols: Number.MAX_SAFE_INTEGER },
      -count,
    );
    const m = this.sheetMeta(sheet);
    for (const key of [...m.formats.keys()]) {
      const [r] = key.split(',').map(Number);
      if (r >= at && r < at + count) m.formats.delete(key);
    }
    m.gridRows = Math.max(1, m.gridRows - count);
  }

  /**
   * Moves the cells of columns `col`..`col+cols-1` from row `from` down by `count` rows (Excel inserting cells
   * with "shift down", as a table's new rows do): contents and formats in those columns, and names and tables
   * lying wholly in them, move; the rows left behind are empty.
   */
  shiftCellsDown(sheet: string, from: number, col: number, cols: number, count: number): void {
    const id = this.id(sheet);
    const height = this.hf.getSheetDimensions(id).height;
    if (from < height) {
      const source = {
        start: { sheet: id, row: from, col },
        end: { sheet: id, row: height - 1, col: col + cols - 1 },
      };
      this.hf.moveCells(source, { sheet: id, row: from + count, col });
    }
    this.shiftMeta(sheet, { row: from, col, rows: Number.MAX_SAFE_INTEGER, cols }, count);
  }

  /** Moves what lies in `block` (formats by cell; areas wholly inside it) by `count` rows. */
  private shiftMeta(sheet: string, block: Area, count: number): void {
    const m = this.sheetMeta(sheet);
    const inCols = (a: Area) => a.col >= block.col && a.col + a.cols <= block.col + block.cols;
    const move = (a: Area): void => {
      if (!inCols(a)) return;
      if (a.row >= block.row) a.row += count;
      else if (a.row + a.rows > block.row) a.rows += count;
    };
    const formats = [...m.formats.entries()];
    m.formats.clear();
    for (const [key, format] of formats) {
      const [r, c] = key.split(',').map(Number);
      const moves = r >= block.row && c >= block.col && c < block.col + block.cols;
      m.formats.set(moves ? `${r + count},${c}` : key, format);
    }
    for (const v of m.validations) move(v.area);
    for (const cf of m.conditionalFormats) move(cf.area);
    for (const chart of m.charts) move(chart.data);
    for (const entry of this.namedRanges.values()) if (entry.sheet === sheet) move(entry.area);
    for (const table of this.tables.values()) if (table.sheet === sheet) move(table.area);
  }

  addName(name: string, sheet: string, area: Area): void {
    if (this.namedRanges.has(name)) throw new Error(`The name ${name} already exists`);
    const a1 = `${quote(sheet)}!${abs(area)}`;
    this.hf.addNamedExpression(name, `=${a1}`);
    this.namedRanges.set(name, { sheet, area });
  }

  removeName(name: string): void {
    if (!this.namedRanges.has(name)) return;
    this.hf.removeNamedExpression(name);
    this.namedRanges.delete(name);
  }

  sheetMeta(sheet: string): SheetMeta {
    const m = this.meta.get(this.id(sheet));
    if (m === undefined) throw new Error(`No sheet named ${sheet}`);
    return m;
  }

  /** Everything a user could see, for "nothing else changed" checks. */
  snapshot(): unknown {
    // A deep copy: later writes move areas in place (insertRows, shiftCellsDown), and a snapshot must not follow.
    return JSON.parse(JSON.stringify(this.snapshotLive())) as unknown;
  }

  private snapshotLive(): unknown {
    return {
      sheets: this.sheetNames().map((name) => {
        const m = this.sheetMeta(name);
        return {
          name,
          cells: this.formulas(name, { row: 0, col: 0, ...this.extent(name) }),
          formats: [...m.formats.entries()].sort(),
          validations: m.validations,
          conditionalFormats: m.conditionalFormats,
          frozen: [m.frozenRows, m.frozenCols],
          widths: [...m.columnWidths.entries()].sort(),
          charts: m.charts,
        };
      }),
      names: [...this.namedRanges.entries()].sort(),
      tables: [...this.tables.values()].sort((a, b) => a.id.localeCompare(b.id)),
    };
  }

  id(name: string): number {
    const id = this.hf.getSheetId(name);
    if (id === undefined) throw new Error(`No sheet named ${name}`);
    return id;
  }
}

function quote(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'`;
}

function meets(a: Area, b: Area): boolean {
  return a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;
}

/** `$A$1:$B$2`, as HyperFormula's named expressions want it. */
function abs(a: Area): string {
  return rangeA1(a, true);
}

/** Parses an A1 address or range ("B3", "A1:C4", "$A$1:$C$4") into an Area. */
export function parseA1(a1: string): Area {
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(a1.trim().toUpperCase());
  if (m === null) throw new Error(`Not an A1 address: ${a1}`);
  const col = (s: string) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const c1 = col(m[1]);
  const r1 = Number(m[2]) - 1;
  const c2 = m[3] === undefined ? c1 : col(m[3]);
  const r2 = m[4] === undefined ? r1 : Number(m[4]) - 1;
  return {
    row: Math.min(r1, r2),
    col: Math.min(c1, c2),
    rows: Math.abs(r2 - r1) + 1,
    cols: Math.abs(c2 - c1) + 1,
  };
}

/** The most arguments a custom function takes (SE_FORECAST's five), plus room. */
const MODEL_FUNCTION_ARGS = 8;

function toHostCell(v: unknown): unknown {
  if (v === undefined || v === null || typeof v === 'symbol') return null;
  if (typeof v === 'object' && 'val' in v) return (v as { val: unknown }).val; // a number with a format
  return v;
}

/** Arguments as the hosts pass them; the first error among them is the result (hosts do not call the function). */
function hostArguments(values: unknown[]): unknown[] | CellError {
  const args: unknown[] = [];
  for (const v of values) {
    if (v instanceof CellError) return v;
    if (v instanceof SimpleRangeValue) {
      const rows = v.data as unknown[][];
      for (const row of rows) for (const cell of row) if (cell instanceof CellError) return cell;
      args.push(rows.map((row) => row.map(toHostCell)));
    } else args.push(v === undefined ? undefined : toHostCell(v));
  }
  while (args.length > 0 && args[args.length - 1] === undefined) args.pop();
  return args;
}

function runModelFunction(
  table: ReadonlyMap<string, ModelFunction> | undefined,
  name: string,
  values: unknown[],
): unknown[][] | CellError {
  const fn = table?.get(name);
  if (fn === undefined) return new CellError(ErrorType.NAME, `Unknown function name ${name}`);
  const args = hostArguments(values);
  if (args instanceof CellError) return args;
  try {
    const result = fn(...args);
    return Array.isArray(result) ? (result as unknown[][]) : [[result]];
  } catch (error) {
    const code = (error as { code?: unknown })?.code;
    const message = error instanceof Error ? error.message : String(error);
    return new CellError(code === '#N/A' ? ErrorType.NA : ErrorType.VALUE, message);
  }
}

function fromRows(rows: unknown[][]): unknown {
  const data = rows.map((row) =>
    row.map((v) => (v === null || v === undefined ? '' : (v as string | number | boolean))),
  );
  if (data.length === 1 && data[0].length === 1) return data[0][0];
  if (data.length === 0 || data[0].length === 0) return '';
  return SimpleRangeValue.onlyValues(data);
}

type PluginThis = {
  config: { context: unknown };
  runFunction(args: unknown[], state: object, metadata: unknown, impl: (...v: unknown[]) => unknown): unknown;
  metadata(name: string): unknown;
  evaluateAst(ast: unknown, state: object): unknown;
};

function tableOf(plugin: PluginThis): ReadonlyMap<string, ModelFunction> | undefined {
  return (plugin.config.context as { modelFunctions?: ReadonlyMap<string, ModelFunction> } | undefined)
    ?.modelFunctions;
}

/**
 * Registers (once per name, HyperFormula's registry being global) a plugin whose functions look their code up
 * in the computing engine's own table at call time, and spill their results as the hosts do.
 */
function registerModelFunctions(names: readonly string[]): void {
  const known = new Set(HyperFormula.getRegisteredFunctionNames('enGB'));
  const fresh = [...new Set(names.map((n) => n.toUpperCase()))].filter((n) => !known.has(n));
  if (fresh.length === 0) return;
  const implemented: ImplementedFunctions = {};
  const methods: Record<string, (this: PluginThis, ast: { args: unknown[] }, state: object) => unknown> = {};
  fresh.forEach((name, i) => {
    implemented[name] = {
      method: `model${i}`,
      sizeOfResultArrayMethod: `model${i}Size`,
      vectorizationForbidden: true,
      parameters: Array.from({ length: MODEL_FUNCTION_ARGS }, () => ({
        argumentType: FunctionArgumentType.ANY,
        optionalArg: true,
      })),
    };
    methods[`model${i}`] = function (ast, state) {
      return this.runFunction(ast.args, state, this.metadata(name), (...values: unknown[]) => {
        const result = runModelFunction(tableOf(this), name, values);
        return result instanceof CellError ? result : fromRows(result);
      });
    };
    methods[`model${i}Size`] = function (ast, state) {
      try {
        const values = ast.args.map((arg) => this.evaluateAst(arg, state));
        const result = runModelFunction(tableOf(this), name, values);
        if (result instanceof CellError || result.length === 0) return ArraySize.scalar();
        return new ArraySize(Math.max(1, ...result.map((row) => row.length)), result.length);
      } catch {
        return ArraySize.scalar();
      }
    };
  });
  class ModelCustomFunctions extends FunctionPlugin {
    static override implementedFunctions = implemented;
  }
  Object.assign(ModelCustomFunctions.prototype, methods);
  const translations = Object.fromEntries(fresh.map((n) => [n, n]));
  HyperFormula.registerFunctionPlugin(ModelCustomFunctions, { enGB: translations, enUS: translations });
}
