/**
 * The Workbook port over HyperFormula: a real formula engine in memory, for the browser preview and for the
 * tests (it is GPL-3.0, so it stays out of both add-in bundles). Formats, validation and charts are kept as
 * the plan gave them so the preview can draw them; the formulas are really evaluated.
 */
import { HyperFormula, type RawCellContent } from 'hyperformula';
import type { CellBlock, ScanSelection, ScanSheet } from '../src/connect/types';
import { quoteSheet, rangeA1 } from '../src/templates/a1';
import type { CellRange, PlanCell, PlanValue, SheetPlan } from '../src/templates/sheetPlan';
import { SPREADSHEET_ENGINE_CONFIG } from './engineConfig';
import {
  appendColumns,
  noSuchSheet,
  blockSize,
  changedCells,
  checkBlocks,
  guardRefusal,
  guardSize,
  type BlockRead,
  type WriteGuard,
  contiguousRows,
  freeSheetName,
  nameClashes,
  planForSheet,
  rowsAcross,
  type AppendedRows,
  type AppendOptions,
  type InsertedSheet,
  type InsertOptions,
  type TableRead,
  type Workbook,
  isCopyOf,
  keyed,
  type AppendRequest,
  type ManyRead,
  type ReadManyRequest,
  type ReadThenAppended,
} from '../src/workbook';

interface NamedRangeEntry {
  sheet: string;
  range: CellRange;
}

export class MemoryWorkbook implements Workbook {
  readonly engine: HyperFormula;
  private readonly names = new Map<string, NamedRangeEntry>();
  /** The plans sheets were built from (formats, validation, charts) for the preview to draw. */
  readonly plans = new Map<string, SheetPlan>();
  /** Fails the next insert after this many cell blocks, to test rollback. */
  failAfterWrites: number | null = null;
  private readonly listeners = new Set<() => void>();
  /** Fails writeBlocks after this many blocks were written, to test that it puts them back. */
  failBlocksAfter: number | null = null;
  /**
   * The range selected in the preview's grid, which the grid may set (0-based); null when it does not say.
   * What selection() gives.
   */
  selectedRange: ScanSelection | null = null;
  /** The sheet activateSheet last brought to the front (the preview's grid shows it), null until then. */
  activeSheet: string | null = null;
  /** How many times activateSheet ran: the grid follows each call, even to the sheet it already shows. */
  activations = 0;

  constructor(engine?: HyperFormula) {
    // Compares and subtracts as Excel, Sheets and LibreOffice do (to 15 digits): see engineConfig.
    this.engine = engine ?? HyperFormula.buildEmpty({ ...SPREADSHEET_ENGINE_CONFIG });
  }

  /** Calls `listener` after every change (insert, append, setCell); returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  async sheetNames(): Promise<string[]> {
    return this.engine.getSheetNames();
  }

  async namedRangeNames(): Promise<string[]> {
    return [...this.names.keys()].filter((n) => this.entry(n) !== undefined);
  }

  /**
   * As the add-ins' adapters: names compare case-insensitively, and with `unlessNamed` a live name of that name
   * means nothing is inserted (synchronous inside, so the check and the insert are one step).
   */
  async insertSheet(wanted: SheetPlan, options?: InsertOptions): Promise<InsertedSheet> {
    if (options?.unlessNamed !== undefined) {
      const existing = this.entry(options.unlessNamed);
      if (existing !== undefined) return { name: existing.sheet, namedRanges: [], existed: true };
    }
    // A name left pointing at a deleted sheet is taken back, as the hosts' adapters do with a #REF! name.
    for (const [n, e] of [...this.names]) {
      if (this.engine.getSheetId(e.sheet) !== undefined) continue;
      if (this.engine.getNamedExpression(n) !== null) this.engine.removeNamedExpression(n);
      this.names.delete(n);
    }
    const name = freeSheetName(wanted.name, this.engine.getSheetNames());
    const taken = [...this.names.keys()];
    const plan = planForSheet(wanted, name, taken);
    const clashes = nameClashes(wanted, taken, (n) => this.names.get(n)?.sheet ?? null);
    this.engine.addSheet(name);
    const sheet = this.sheetId(name);
    const added: string[] = [];
    try {
      // One batch: HyperFormula recalculates once at the end instead of after every cell.
      this.engine.batch(() => {
        const contents: RawCellContent[][] = plan.cells.map((row) => row.map(toRawContent));
        let writes = 0;
        for (let r = 0; r < contents.length; r++) {
          if (contents[r].length === 0) continue;
          if (this.failAfterWrites !== null && writes++ >= this.failAfterWrites)
            throw new Error('simulated failure while writing cells');
          this.engine.setCellContents({ sheet, row: r, col: 0 }, [contents[r]]);
        }
      });
      this.keepText(sheet, 0, 0, plan.cells);
      for (const n of plan.namedRanges) {
        this.engine.addNamedExpression(n.name, `=${quoteSheet(name)}!${rangeA1(n.range, true)}`);
        this.names.set(n.name, { sheet: name, range: n.range });
        added.push(n.name);
      }
      this.plans.set(name, plan);
      this.changed();
      return clashes.length === 0 ? { name, namedRanges: added } : { name, namedRanges: added, clashes };
    } catch (error) {
      for (const n of added) {
        this.engine.removeNamedExpression(n);
        this.names.delete(n);
      }
      this.engine.removeSheet(sheet);
      throw error;
    }
  }

  /**
   * A live name, looked up case-insensitively as both hosts do; a name whose sheet is gone reads as absent (a
   * deleted sheet leaves its names at #REF! in the hosts).
   */
  private entry(name: string): NamedRangeEntry | undefined {
    const key = name.toLowerCase();
    for (const [n, e] of this.names) {
      if (n.toLowerCase() === key) return this.engine.getSheetId(e.sheet) === undefined ? undefined : e;
    }
    return undefined;
  }

  async readNamedRange(name: string): Promise<PlanValue[][] | null> {
    const entry = this.entry(name);
    if (entry === undefined) return null;
    return this.readRange(entry.sheet, entry.range);
  }

  /** The range's columns from its top row to the sheet's last row with a value (formats do not count here). */
  async readTable(name: string): Promise<TableRead | null> {
    const entry = this.entry(name);
    if (entry === undefined) return null;
    return {
      sheet: entry.sheet,
      row: entry.range.row,
      col: entry.range.col,
      values: this.tableValues(entry),
    };
  }

  /**
   * As the add-ins' adapters do it. Synchronous inside (no await), so nothing can run between finding the
   * table's end and writing. The table is the header row and the rows under it down to the first row with
   * nothing in any of its columns, a formula showing "" counting as something; the rows go directly under it,
   * and if anything sits where they go (a stray value, a user's formula) whole rows are inserted there first
   * so it moves down instead of being written over. By header (`options.headers`): each cell under the column
   * whose header it names, columns not named left as they are; a required header missing is an error and
   * nothing is written.
   */
  async appendRows(name: string, rows: PlanCell[][], options?: AppendOptions): Promise<AppendedRows> {
    return this.appendNow(name, rows, options);
  }

  /** As the add-ins' adapters: every name read as readTable / readNamedRange read it. */
  async readMany(request: ReadManyRequest): Promise<ManyRead> {
    return this.readManyNow(request);
  }

  /** Synchronous inside: nothing runs between the read, `build` and the append. */
  async readAndAppend(
    request: ReadManyRequest,
    name: string,
    build: (read: ManyRead) => AppendRequest | null,
  ): Promise<ReadThenAppended> {
    const read = this.readManyNow(request);
    const append = build(read);
    if (append === null) return { read, appended: null };
    return { read, appended: this.appendNow(name, append.rows, append.options) };
  }

  private readManyNow(request: ReadManyRequest): ManyRead {
    const live = [...this.names].filter(([, e]) => this.engine.getSheetId(e.sheet) !== undefined);
    return {
      names: live.map(([n]) => n),
      tables: keyed(request.tables, (n) => {
        const entry = this.entry(n);
        return entry === undefined
          ? null
          : {
              sheet: entry.sheet,
              row: entry.range.row,
              col: entry.range.col,
              values: this.tableValues(entry),
            };
      }),
      ranges: keyed(request.ranges, (n) => {
        const entry = this.entry(n);
        return entry === undefined ? null : this.readRange(entry.sheet, entry.range);
      }),
      copies: live
        .filter(([n]) => (request.copiesOf ?? []).some((base) => isCopyOf(n, base)))
        .map(([n, e]) => ({ name: n, sheet: e.sheet })),
    };
  }

  private appendNow(name: string, rows: PlanCell[][], options?: AppendOptions): AppendedRows {
    const what = `Append rows under "${name}"`;
    const entry = this.entry(name);
    if (entry === undefined)
      throw new Error(`${what}: there is no range with that name; nothing was written`);
    const { row: top, col, cols } = entry.range;
    const sheet = this.sheetId(entry.sheet);
    const height = Math.max(this.engine.getSheetDimensions(sheet).height - top, 1);
    const holds = (r: number): boolean => {
      for (let c = 0; c < cols; c++) {
        const raw = this.engine.getCellSerialized({ sheet, row: top + r, col: col + c });
        if (raw !== null && raw !== undefined && raw !== '') return true;
      }
      return false;
    };
    let columns: (number | null)[];
    try {
      const header = this.readRange(entry.sheet, { row: top, col, rows: 1, cols })[0];
      columns = appendColumns(rows, header, options, 0, cols);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      // eslint-disable-next-line preserve-caught-error -- Error's `cause` option is ES2022, beyond the preview's lib
      throw new Error(`${what}: ${why}; nothing was written`);
    }
    const next = top + contiguousRows(height, holds);
    if (rows.length === 0) return { sheet: entry.sheet, row: next, count: 0 };
    const blocked = Array.from({ length: rows.length }, (_, i) => next - top + i).some(
      (r) => r < height && holds(r),
    );
    const laidOut = rowsAcross<PlanCell | null>(rows, columns, cols, (c) => c ?? { value: null }, null);
    this.engine.batch(() => {
      if (blocked) this.engine.addRows(sheet, [next, rows.length]);
      // Only the cells that go somewhere: a user's own column in the new rows is left alone.
      laidOut.forEach((line, r) =>
        line.forEach((cell, c) => {
          if (cell !== null)
            this.engine.setCellContents({ sheet, row: next + r, col: col + c }, [[appendedContent(cell)]]);
        }),
      );
    });
    this.keepText(
      sheet,
      next,
      col,
      laidOut.map((line) => line.map((cell) => cell ?? { value: null })),
    );
    this.changed();
    return { sheet: entry.sheet, row: next, count: rows.length };
  }

  /**
   * Each sheet's cells from A1 to its last row and column with content, as readRange reads them; a cell's
   * number format is the last one its sheet's plan (a template's, or an import's) gave it, null otherwise.
   */
  async readSheets(names: string[]): Promise<ScanSheet[]> {
    return names.map((name) => {
      if (this.engine.getSheetId(name) === undefined)
        throw new Error(`Read sheets: there is no sheet named "${name}"`);
      const { width, height } = this.engine.getSheetDimensions(this.sheetId(name));
      const rows = Math.max(height, 1);
      const cols = Math.max(width, 1);
      const values = this.readRange(name, { row: 0, col: 0, rows, cols });
      const formats = values.map((line) => line.map((): string | null => null));
      for (const f of this.plans.get(name)?.formats ?? []) {
        if (f.numberFormat === undefined) continue;
        for (let r = f.range.row; r < Math.min(rows, f.range.row + f.range.rows); r++)
          for (let c = f.range.col; c < Math.min(cols, f.range.col + f.range.cols); c++)
            formats[r][c] = f.numberFormat;
      }
      return { name, values, formats };
    });
  }

  async readBlock(sheet: string, row: number, col: number, rows: number, cols: number): Promise<BlockRead> {
    if (this.engine.getSheetId(sheet) === undefined)
      throw new Error(`Read cells: there is no sheet named "${sheet}"`);
    return { sheet, row, col, ...this.blockNow(sheet, row, col, rows, cols) };
  }

  async activateSheet(name: string): Promise<void> {
    if (this.engine.getSheetId(name) === undefined) throw noSuchSheet(name);
    this.activeSheet = name;
    this.activations++;
    this.changed();
  }

  async removeSheet(name: string, namedRanges: readonly string[]): Promise<void> {
    const wanted = new Set(namedRanges.map((n) => n.toLowerCase()));
    for (const live of [...this.names.keys()]) {
      if (!wanted.has(live.toLowerCase())) continue;
      if (this.engine.isItPossibleToRemoveNamedExpression(live)) this.engine.removeNamedExpression(live);
      this.names.delete(live);
    }
    if (this.engine.getSheetId(name) !== undefined) this.deleteSheet(name);
    else this.changed();
  }

  async selection(): Promise<ScanSelection | null> {
    const s = this.selectedRange;
    return s !== null && this.engine.getSheetId(s.sheet) !== undefined ? { ...s } : null;
  }

  /**
   * As the add-ins' adapters do it, synchronous inside (nothing runs between the check and the write): the
   * guards compared, then every block written in one engine batch; on a failure the cells written get back
   * their contents.
   */
  async writeBlocks(blocks: CellBlock[], guard: WriteGuard[]): Promise<void> {
    checkBlocks(blocks, guard);
    const missing = [...blocks, ...guard].find((b) => this.engine.getSheetId(b.sheet) === undefined);
    if (missing !== undefined)
      throw new Error(`Write cells: there is no sheet named "${missing.sheet}"; nothing was written`);
    const changed = guard.flatMap((g) => {
      const { rows, cols } = guardSize(g);
      return rows === 0 || cols === 0
        ? []
        : changedCells(g, this.blockNow(g.sheet, g.row, g.col, rows, cols));
    });
    if (changed.length > 0) throw guardRefusal(changed);
    const before: { sheet: number; row: number; col: number; raw: RawCellContent }[] = [];
    try {
      let written = 0;
      for (const block of blocks) {
        if (this.failBlocksAfter !== null && written++ >= this.failBlocksAfter)
          throw new Error('simulated failure while writing cells');
        const sheet = this.sheetId(block.sheet);
        const { rows } = blockSize(block.cells);
        const cells: { at: { sheet: number; row: number; col: number }; cell: PlanCell }[] = [];
        for (let r = 0; r < rows; r++) {
          block.cells[r].forEach((cell, c) => {
            if (cell !== undefined)
              cells.push({ at: { sheet, row: block.row + r, col: block.col + c }, cell });
          });
        }
        // Read before the batch: HyperFormula answers no reads while its computations are suspended.
        for (const { at } of cells)
          before.push({ ...at, raw: this.engine.getCellSerialized(at) as RawCellContent });
        this.engine.batch(() => {
          for (const { at, cell } of cells) this.engine.setCellContents(at, [[appendedContent(cell)]]);
        });
        this.keepText(sheet, block.row, block.col, block.cells);
      }
    } catch (error) {
      this.engine.batch(() => {
        for (const b of before.reverse())
          this.engine.setCellContents({ sheet: b.sheet, row: b.row, col: b.col }, [[b.raw]]);
      });
      const why = error instanceof Error ? error.message : String(error);
      // eslint-disable-next-line preserve-caught-error -- Error's `cause` option is ES2022, beyond the preview's lib
      throw new Error(`Write cells: writing the cells failed (${why}); nothing was written`);
    }
    this.changed();
  }

  /** A block's values (as readRange) and formulas (null for constants), cells past the sheet's edge empty. */
  private blockNow(
    sheetName: string,
    row: number,
    col: number,
    rows: number,
    cols: number,
  ): { values: PlanValue[][]; formulas: (string | null)[][] } {
    const sheet = this.sheetId(sheetName);
    const values = this.readRange(sheetName, { row, col, rows, cols });
    const formulas = values.map((line, r) =>
      line.map((_, c) => this.engine.getCellFormula({ sheet, row: row + r, col: col + c }) ?? null),
    );
    return { values, formulas };
  }

  private tableValues(entry: NamedRangeEntry): PlanValue[][] {
    const height = this.engine.getSheetDimensions(this.sheetId(entry.sheet)).height;
    const rows = Math.max(height - entry.range.row, 1);
    const values = this.readRange(entry.sheet, { ...entry.range, rows });
    let end = values.length;
    while (end > 0 && values[end - 1].every((v) => v === null)) end--;
    return values.slice(0, end);
  }

  /** Computed values of a block, as a host's getValues would give them (errors as their text, e.g. #DIV/0!). */
  readRange(sheetName: string, range: CellRange): PlanValue[][] {
    const sheet = this.sheetId(sheetName);
    const out: PlanValue[][] = [];
    for (let r = 0; r < range.rows; r++) {
      const line: PlanValue[] = [];
      for (let c = 0; c < range.cols; c++) {
        // As the port reads cells: an empty cell and a formula's "" alike, as null.
        const v = toPlanValue(this.engine.getCellValue({ sheet, row: range.row + r, col: range.col + c }));
        line.push(v === '' ? null : v);
      }
      out.push(line);
    }
    return out;
  }

  /** Every computed value of a sheet as the engine holds it (a formula's "" kept apart from empty). */
  sheetValues(sheetName: string): PlanValue[][] {
    return this.engine.getSheetValues(this.sheetId(sheetName)).map((row) => row.map(toPlanValue));
  }

  /** Every formula (or raw value) of a sheet, as a user would see it in the formula bar. */
  sheetSerialized(sheetName: string): unknown[][] {
    return this.engine.getSheetSerialized(this.sheetId(sheetName));
  }

  setCell(sheetName: string, row: number, col: number, content: PlanValue): void {
    this.engine.setCellContents({ sheet: this.sheetId(sheetName), row, col }, [
      [content === null ? null : content],
    ]);
    this.changed();
  }

  /**
   * A user's Insert column: `count` empty columns before 0-based `at`; what is right of it moves right and the
   * named ranges spanning it grow, as in both hosts.
   */
  insertColumns(sheetName: string, at: number, count: number): void {
    const sheet = this.sheetId(sheetName);
    if (at < this.engine.getSheetDimensions(sheet).width) this.engine.addColumns(sheet, [at, count]);
    for (const e of this.names.values()) {
      if (e.sheet !== sheetName) continue;
      if (e.range.col >= at) e.range = { ...e.range, col: e.range.col + count };
      else if (e.range.col + e.range.cols > at) e.range = { ...e.range, cols: e.range.cols + count };
    }
    this.changed();
  }

  /** A user's own named range (not one a plan made). */
  addName(name: string, sheetName: string, range: CellRange): void {
    this.engine.addNamedExpression(name, `=${quoteSheet(sheetName)}!${rangeA1(range, true)}`);
    this.names.set(name, { sheet: sheetName, range });
    this.changed();
  }

  /** A user deleting a sheet: its names stay behind, pointing nowhere, as the hosts leave them at #REF!. */
  deleteSheet(sheetName: string): void {
    this.engine.removeSheet(this.sheetId(sheetName));
    this.plans.delete(sheetName);
    this.changed();
  }

  /**
   * Text stays text. A string written as a value that the engine read as something else, a number, date,
   * boolean or error ("007", "$100", "12/01/2026", "TRUE", "#N/A"), or as other text ("'x" loses its
   * apostrophe), is written again behind the apostrophe that makes the engine keep it as it is. The engine's
   * own reading decides, so no rule of ours can miss a form it knows.
   */
  private keepText(sheet: number, row: number, col: number, cells: readonly (readonly PlanCell[])[]): void {
    const fixes: { row: number; col: number; text: string }[] = [];
    for (let r = 0; r < cells.length; r++) {
      const line = cells[r];
      for (let c = 0; c < line.length; c++) {
        const cell = line[c];
        if ('formula' in cell || typeof cell.value !== 'string' || cell.value === '') continue;
        if (this.engine.getCellValue({ sheet, row: row + r, col: col + c }) !== cell.value)
          fixes.push({ row: row + r, col: col + c, text: cell.value });
      }
    }
    if (fixes.length === 0) return;
    this.engine.batch(() => {
      for (const f of fixes) this.engine.setCellContents({ sheet, row: f.row, col: f.col }, [[`'${f.text}`]]);
    });
  }

  /** Each named range with its sheet and block (for the preview's export). */
  namedRangeEntries(): { name: string; sheet: string; range: CellRange }[] {
    return [...this.names]
      .filter(([, e]) => this.engine.getSheetId(e.sheet) !== undefined)
      .map(([name, e]) => ({ name, sheet: e.sheet, range: e.range }));
  }

  private sheetId(name: string): number {
    const id = this.engine.getSheetId(name);
    if (id === undefined) throw new Error(`No sheet named ${name}`);
    return id;
  }
}

/** A cell as the engine takes it: formulas as formulas; text that starts like a formula, or with the apostrophe
 * that marks text, behind an apostrophe (keepText catches every other text the engine would read otherwise). */
function toRawContent(cell: PlanCell): RawCellContent {
  if ('formula' in cell) return cell.formula;
  const v = cell.value;
  if (typeof v === 'string' && (v.startsWith('=') || v.startsWith("'"))) return `'${v}`;
  return v;
}

/** An appended cell: as any other, and an empty text is an empty cell. */
function appendedContent(cell: PlanCell | undefined): RawCellContent {
  if (cell === undefined) return null;
  if ('value' in cell && cell.value === '') return null;
  return toRawContent(cell);
}

/** A computed value as HyperFormula holds it (a formula's "" stays "", unlike a port read). */
function toPlanValue(v: unknown): PlanValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'object' && 'value' in v) return String((v as { value: unknown }).value);
  return String(v);
}
