/// <reference types="google-apps-script" />
/**
 * The Workbook port over SpreadsheetApp, synchronous as Apps Script's services are (SyncWorkbook). A whole SheetPlan goes in under the document lock with a number of
 * service calls that depends on the plan's structure (how many distinct formats, rules and names), never on
 * its row count: one setValues for every cell, one RangeList call per distinct format value, one
 * setDataValidations, one setConditionalFormatRules, one setColumnWidths per run of equal widths.
 *
 * API facts relied on (developers.google.com/apps-script/reference/...):
 * - spreadsheet/range#setValues: a string starting with "=" is written as a formula, so formulas and constants
 *   share one call; every other string is parsed as if typed, so text goes in with a leading apostrophe, which
 *   Sheets keeps as "this is text" and does not show (the same rule as typing '=x in the UI).
 * - spreadsheet/range-list: RangeList has setNumberFormat/setBackground/setFontWeight/… but no
 *   setDataValidation; spreadsheet/range#setDataValidations takes a grid of rules (null = none) instead.
 * - spreadsheet/sheet#setConditionalFormatRules replaces the sheet's rules with the given list.
 * - spreadsheet/spreadsheet#insertSheet(sheetName, sheetIndex): 0-based index; #setNamedRange, #removeNamedRange.
 * - lock/lock-service#getDocumentLock: null outside a document; lock/lock#waitLock throws on timeout.
 *   LockService needs no OAuth scope of its own (appsscript.json keeps its two scopes).
 * - spreadsheet/sheet#getLastRow: the last row that has content; spreadsheet/range#getRow/#getColumn are
 *   1-based. A named range's table is read from its top row down to getLastRow.
 */
import type { CellBlock, ScanSelection, ScanSheet } from '../src/connect/types';
import { rangeA1 } from '../src/templates/a1';
import type {
  CellRange,
  PlanCell,
  PlanChart,
  PlanFormat,
  PlanValidation,
  PlanValue,
  SheetPlan,
} from '../src/templates/sheetPlan';
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
  withoutTrailingEmptyRows,
  type AppendedRows,
  type AppendOptions,
  type InsertedSheet,
  type InsertOptions,
  planExtent,
  type SyncWorkbook,
  type TableRead,
  isCopyOf,
  type AppendRequest,
  type ManyRead,
  type ReadManyRequest,
  type ReadThenAppended,
} from '../src/workbook';
import type {
  ConditionalFormatRuleApi,
  DataValidationApi,
  LockApi,
  LockServiceApi,
  RangeApi,
  RangeListApi,
  SheetApi,
  SpreadsheetApi,
  SpreadsheetAppApi,
  UtilitiesApi,
} from './appsScriptApi';

/** How long an insert waits for another script's write to the same document before giving up. */
export const LOCK_TIMEOUT_MS = 10_000;

const MS_PER_DAY = 86_400_000;
/** Day 0 of the serial date numbers Sheets, Excel and HyperFormula all use. */
const SERIAL_EPOCH_UTC = Date.UTC(1899, 11, 30);

export class SheetsWorkbook implements SyncWorkbook {
  constructor(
    private readonly app: SpreadsheetAppApi,
    private readonly locks: LockServiceApi,
    private readonly utilities: UtilitiesApi,
  ) {}

  sheetNames(): string[] {
    return this.app
      .getActiveSpreadsheet()
      .getSheets()
      .map((s) => s.getName());
  }

  namedRangeNames(): string[] {
    return this.app
      .getActiveSpreadsheet()
      .getNamedRanges()
      .map((n) => n.getName());
  }

  /**
   * Computed values of a named range. Dates (getValues gives a Date for a date-formatted cell) become serial
   * day numbers, as MemoryWorkbook and Excel give them, read on the spreadsheet's own clock so a date stays
   * the same day whatever the script's time zone. Blank cells are '' (getValues cannot tell them apart from a
   * formula's "").
   */
  readNamedRange(name: string): PlanValue[][] | null {
    const spreadsheet = this.app.getActiveSpreadsheet();
    const range = spreadsheet.getRangeByName(name);
    if (range === null) return null;
    return this.portValues(spreadsheet, range.getValues());
  }

  /**
   * The range's columns from its top row to the sheet's last row with content (spreadsheet/sheet#getLastRow),
   * in one getValues whatever the table's length: 8 service calls, plus one Utilities.formatDate per date cell
   * and one getSpreadsheetTimeZone if there is any date.
   */
  readTable(name: string): TableRead | null {
    const spreadsheet = this.app.getActiveSpreadsheet();
    const range = spreadsheet.getRangeByName(name);
    if (range === null) return null;
    const table = tableArea(range);
    const last = Math.max(table.sheet.getLastRow(), table.row);
    const raw = table.sheet.getRange(table.row, table.col, last - table.row + 1, table.cols).getValues();
    return {
      sheet: table.sheet.getName(),
      row: table.row - 1,
      col: table.col - 1,
      values: withoutTrailingEmptyRows(this.portValues(spreadsheet, raw)),
    };
  }

  /**
   * Under the document lock, held from reading where the table ends to writing the rows and flushing them
   * (lock/lock-service: "SpreadsheetApp.flush() before releaseLock" so the next holder sees them): a second
   * person saving at the same time waits, then appends below these rows.
   *
   * The table is the named range's header row and the rows under it down to the first row with nothing in any
   * of its columns; getValues gives '' for a formula showing "", so getFormulas says which cells hold one. The
   * rows go directly under it; if anything sits in the rows they need (a stray value, a user's formula), rows are
   * inserted there first (Sheet.insertRowsAfter), so it moves down instead of being written over. One getValues,
   * one getFormulas and one setValues: the same calls for 1 row or 500.
   */
  appendRows(name: string, rows: PlanCell[][], options?: AppendOptions): AppendedRows {
    const what = `Append rows under "${name}"`;
    const lock = this.documentLock(what);
    let step = 'finding the table';
    let inserted: { sheet: SheetApi; row: number; rows: number } | null = null;
    let written: { sheet: SheetApi; row: number; col: number; rows: number; cols: number } | null = null;
    try {
      const spreadsheet = this.app.getActiveSpreadsheet();
      const range = spreadsheet.getRangeByName(name);
      if (range === null) throw new Error(`there is no range named "${name}"`);
      const table = tableArea(range);
      const last = Math.max(table.sheet.getLastRow(), table.row);
      const block = table.sheet.getRange(table.row, table.col, last - table.row + 1, table.cols);
      const values = block.getValues();
      const formulas = block.getFormulas();
      const holds = (r: number): boolean =>
        r < values.length && (values[r].some((v) => v !== '') || formulas[r].some((f) => f !== ''));
      step = 'reading the header row';
      const columns = appendColumns(rows, values[0], options, 0, table.cols);
      const next = table.row + contiguousRows(values.length, holds);
      const sheetName = table.sheet.getName();
      if (rows.length === 0) return { sheet: sheetName, row: next - 1, count: 0 };
      step = 'making room for the rows';
      const blocked = Array.from({ length: rows.length }, (_, i) => next - table.row + i).some(holds);
      if (blocked) {
        table.sheet.insertRowsAfter(next - 1, rows.length);
        inserted = { sheet: table.sheet, row: next, rows: rows.length };
      }
      growGrid(
        table.sheet,
        { rows: next + rows.length - 1, cols: table.col + table.cols - 1 },
        GRID_SPARE_ROWS,
      );
      step = 'writing the rows';
      const cells = rowsAcross(rows, columns, table.cols, cellInput, '' as unknown);
      table.sheet.getRange(next, table.col, rows.length, table.cols).setValues(cells);
      written = { sheet: table.sheet, row: next, col: table.col, rows: rows.length, cols: table.cols };
      step = 'saving';
      this.app.flush();
      return { sheet: sheetName, row: next - 1, count: rows.length };
    } catch (error) {
      if (written !== null) {
        // The cells were empty before (below the table, or in rows inserted for them): empty them again.
        const w = written;
        const blank = Array.from({ length: w.rows }, () => new Array<unknown>(w.cols).fill(''));
        ignoreFailure(() => w.sheet.getRange(w.row, w.col, w.rows, w.cols).setValues(blank));
      }
      if (inserted !== null) {
        const i = inserted;
        ignoreFailure(() => i.sheet.deleteRows(i.row, i.rows));
      }
      // A header the rows need is missing: say so plainly (the message says what to do).
      const why =
        step === 'reading the header row' ? messageOf(error) : `${step} failed (${messageOf(error)})`;
      // eslint-disable-next-line preserve-caught-error -- Error's `cause` option is ES2022, beyond Apps Script's lib here
      throw new Error(`${what}: ${why}; nothing was written`);
    } finally {
      lock.releaseLock();
    }
  }

  /**
   * Under the document lock. With `unlessNamed`, a live name of that name (looked up in the same hold of the
   * lock) means nothing is inserted: two first saves cannot both create a Review Log.
   */
  insertSheet(wanted: SheetPlan, options?: InsertOptions): InsertedSheet {
    const lock = this.documentLock(`Insert sheet "${wanted.name}"`);
    try {
      if (options?.unlessNamed !== undefined) {
        const existing = this.app.getActiveSpreadsheet().getRangeByName(options.unlessNamed);
        if (existing !== null) return { name: existing.getSheet().getName(), namedRanges: [], existed: true };
      }
      return this.insertLocked(wanted);
    } finally {
      lock.releaseLock();
    }
  }

  /**
   * Each sheet's data range (spreadsheet/sheet#getDataRange: A1 to the last row and column with content) in
   * one getValues and one getNumberFormats per sheet: 4 service calls a sheet, plus 1 (getActiveSpreadsheet),
   * and the date conversions of readNamedRange.
   */
  readSheets(names: string[]): ScanSheet[] {
    const spreadsheet = this.app.getActiveSpreadsheet();
    return names.map((name) => {
      const sheet = spreadsheet.getSheetByName(name);
      if (sheet === null) throw new Error(`Read sheets: there is no sheet named "${name}"`);
      const range = sheet.getDataRange();
      const values = this.portValues(spreadsheet, range.getValues());
      const formats = range.getNumberFormats().map((row) => row.map((f) => (f === '' ? null : f)));
      return { name, values, formats };
    });
  }

  /**
   * One getValues and one getFormulas (and getMaxRows / getMaxColumns): cells past the sheet's grid, which
   * getRange refuses, read as empty.
   */
  readBlock(sheetName: string, row: number, col: number, rows: number, cols: number): BlockRead {
    const spreadsheet = this.app.getActiveSpreadsheet();
    const sheet = spreadsheet.getSheetByName(sheetName);
    if (sheet === null) throw new Error(`Read cells: there is no sheet named "${sheetName}"`);
    if (rows < 1 || cols < 1) return { sheet: sheetName, row, col, values: [], formulas: [] };
    const area = readArea(sheet, row, col, rows, cols);
    return {
      sheet: sheetName,
      row,
      col,
      values: this.portValues(spreadsheet, area.values),
      formulas: area.formulas.map((line) => line.map((f) => (f === '' ? null : f))),
    };
  }

  /** spreadsheet/spreadsheet#getActiveRange: the selection on the active sheet (from a sidebar too). */
  /** Two service calls: find the sheet, activate it. */
  activateSheet(name: string): void {
    const sheet = this.app.getActiveSpreadsheet().getSheetByName(name);
    if (sheet === null) throw noSuchSheet(name);
    sheet.activate();
  }

  /**
   * Under the document lock: the names first (deleting a sheet would leave them at #REF!), then the sheet; what
   * is gone already is skipped.
   */
  removeSheet(name: string, namedRanges: readonly string[]): void {
    const lock = this.documentLock(`Remove sheet "${name}"`);
    try {
      const spreadsheet = this.app.getActiveSpreadsheet();
      const wanted = new Set(namedRanges.map((n) => n.toLowerCase()));
      if (wanted.size > 0) {
        for (const live of spreadsheet.getNamedRanges().map((n) => n.getName())) {
          if (wanted.has(live.toLowerCase())) spreadsheet.removeNamedRange(live);
        }
      }
      const sheet = spreadsheet.getSheetByName(name);
      if (sheet !== null) spreadsheet.deleteSheet(sheet);
      this.app.flush();
    } finally {
      lock.releaseLock();
    }
  }

  selection(): ScanSelection | null {
    const range = this.app.getActiveSpreadsheet().getActiveRange();
    if (range === null) return null;
    return {
      sheet: range.getSheet().getName(),
      row: range.getRow() - 1,
      col: range.getColumn() - 1,
      rows: range.getNumRows(),
      cols: range.getNumColumns(),
    };
  }

  /**
   * Under the document lock from the first read to the flush: each guard read again (getValues and
   * getFormulas) and compared; then, per block, what is there is read (for the undo, and for the cells a short
   * row leaves alone) and the block goes in with one setValues. On a failure the blocks written get back what
   * they held (formulas as formulas, text as text, dates as dates).
   */
  writeBlocks(blocks: CellBlock[], guard: WriteGuard[]): void {
    checkBlocks(blocks, guard);
    const lock = this.documentLock('Write cells');
    const written: { range: RangeApi; before: unknown[][] }[] = [];
    let step = 'reading the cells again';
    try {
      const spreadsheet = this.app.getActiveSpreadsheet();
      const sheets = new Map<string, SheetApi>();
      const sheetNamed = (name: string): SheetApi => {
        let sheet = sheets.get(name);
        if (sheet === undefined) {
          const found = spreadsheet.getSheetByName(name);
          if (found === null) throw new Error(`there is no sheet named "${name}"`);
          sheet = found;
          sheets.set(name, sheet);
        }
        return sheet;
      };
      const changed: string[] = [];
      for (const g of guard) {
        const { rows, cols } = guardSize(g);
        if (rows === 0 || cols === 0) continue;
        const area = readArea(sheetNamed(g.sheet), g.row, g.col, rows, cols);
        const now = {
          values: this.portValues(spreadsheet, area.values),
          formulas: area.formulas.map((line) => line.map((f) => (f === '' ? null : f))),
        };
        changed.push(...changedCells(g, now));
      }
      if (changed.length > 0) throw guardRefusal(changed);
      step = 'writing the cells';
      for (const block of blocks) {
        const { rows, cols } = blockSize(block.cells);
        if (rows === 0 || cols === 0) continue;
        const sheet = sheetNamed(block.sheet);
        growGrid(sheet, { rows: block.row + rows, cols: block.col + cols });
        const range = sheet.getRange(block.row + 1, block.col + 1, rows, cols);
        const before = restoreInputs(range.getValues(), range.getFormulas());
        const line = (r: number): unknown[] =>
          Array.from({ length: cols }, (_, c) => {
            const cell = block.cells[r][c];
            return cell === undefined ? before[r][c] : cellInput(cell);
          });
        const input = Array.from({ length: rows }, (_, r) => line(r));
        range.setValues(input);
        written.push({ range, before });
      }
      step = 'saving';
      this.app.flush();
    } catch (error) {
      for (const w of written.reverse()) ignoreFailure(() => w.range.setValues(w.before));
      if (step === 'reading the cells again' && messageOf(error).startsWith('Write cells:')) throw error;
      // eslint-disable-next-line preserve-caught-error -- Error's `cause` option is ES2022, beyond Apps Script's lib here
      throw new Error(`Write cells: ${step} failed (${messageOf(error)}); nothing was written`);
    } finally {
      lock.releaseLock();
    }
  }

  /**
   * Every name asked for in one getNamedRanges, and each sheet holding one of them read once, from A1 to its
   * last row and column with data (the rows readTable reads down to) with one getSheetValues, the named ranges
   * then cut out of it here; one clock for every date, so the time zone is read once. Service calls:
   * getActiveSpreadsheet, getNamedRanges, 1 per sheet, the time zone if a date is met, whatever the tables'
   * lengths. The rest are accessors of the objects these return (a
   * NamedRange's name and range, a Range's sheet, position and size, a Sheet's name).
   */
  readMany(request: ReadManyRequest): ManyRead {
    const spreadsheet = this.app.getActiveSpreadsheet();
    return this.gather(spreadsheet, request, null).read;
  }

  /**
   * Under the document lock from before the first read to after the flush, as appendRows: the names, each sheet
   * read once (the sheet of `name` with its formulas too, to find where its table ends), `build`, then the rows
   * written as appendRows writes them. Service calls, with a log and a tracker on two sheets: 11 to the
   * spreadsheet (getActiveSpreadsheet, getNamedRanges, getSheetValues for the tracker's sheet, getDataRange,
   * getValues and getFormulas for the log's, the time zone, getMaxRows, getRange, setValues, flush) and 3 to
   * LockService, whatever the tables' lengths.
   */
  readAndAppend(
    request: ReadManyRequest,
    name: string,
    build: (read: ManyRead) => AppendRequest | null,
  ): ReadThenAppended {
    const what = `Append rows under "${name}"`;
    const lock = this.documentLock(what);
    try {
      const spreadsheet = this.app.getActiveSpreadsheet();
      let gathered: Gathered;
      try {
        gathered = this.gather(spreadsheet, request, name);
      } catch (error) {
        // eslint-disable-next-line preserve-caught-error -- Error's `cause` option is ES2022, beyond Apps Script's lib here
        throw new Error(`${what}: reading the workbook failed (${messageOf(error)}); nothing was written`);
      }
      // build's own errors (the app refusing to save) pass as they are: nothing has been written.
      const append = build(gathered.read);
      if (append === null) return { read: gathered.read, appended: null };
      const target = gathered.target;
      if (target === null) throw new Error(`${what}: there is no range named "${name}"; nothing was written`);
      const appended = this.appendLocked(what, target, append.rows, append.options, (sheet, rows) => {
        const maxRows = sheet.getMaxRows();
        // Room for this append and the next ones: a log past its grid would otherwise grow at every save.
        if (rows > maxRows) sheet.insertRowsAfter(maxRows, rows - maxRows + GRID_SPARE_ROWS);
      });
      return { read: gathered.read, appended };
    } finally {
      lock.releaseLock();
    }
  }

  private gather(spreadsheet: SpreadsheetApi, request: ReadManyRequest, target: string | null): Gathered {
    const listed = spreadsheet.getNamedRanges();
    const names = listed.map((n) => n.getName());
    const places = new Map<number, NamedPlace>();
    // The name as spelled, else the first spelled the same case-insensitively (names compare so in Sheets).
    const placeOf = (wanted: string): NamedPlace | null => {
      let i = names.indexOf(wanted);
      if (i < 0) i = names.findIndex((n) => n.toLowerCase() === wanted.toLowerCase());
      if (i < 0) return null;
      let place = places.get(i);
      if (place === undefined) {
        const range = listed[i].getRange();
        const sheet = range.getSheet();
        place = {
          sheet,
          sheetName: sheet.getName(),
          row: range.getRow() - 1,
          col: range.getColumn() - 1,
          rows: range.getNumRows(),
          cols: range.getNumColumns(),
        };
        places.set(i, place);
      }
      return place;
    };
    const tables = (request.tables ?? []).map((n) => ({ n, place: placeOf(n) }));
    const ranges = (request.ranges ?? []).map((n) => ({ n, place: placeOf(n) }));
    const targetPlace = target === null ? null : placeOf(target);
    // Each sheet once: its data range's values (and formulas, for the sheet of the table to append to).
    const sheets = new Map<string, { values: unknown[][]; formulas: string[][] | null }>();
    for (const place of [...tables, ...ranges].map((t) => t.place).concat(targetPlace)) {
      if (place === null || sheets.has(place.sheetName)) continue;
      if (targetPlace !== null && targetPlace.sheetName === place.sheetName) {
        const data = place.sheet.getDataRange();
        sheets.set(place.sheetName, { values: data.getValues(), formulas: data.getFormulas() });
      } else sheets.set(place.sheetName, { values: sheetData(place.sheet), formulas: null });
    }
    let clock: SheetClock | undefined;
    const dates = (): SheetClock => (clock ??= new SheetClock(spreadsheet, this.utilities));
    const cut = (place: NamedPlace, rows: number): PlanValue[][] =>
      this.portValues(
        spreadsheet,
        block((sheets.get(place.sheetName) as SheetRead).values, place, rows, ''),
        dates,
      );
    const tableOf = (place: NamedPlace): TableRead => {
      const height = (sheets.get(place.sheetName) as SheetRead).values.length;
      return {
        sheet: place.sheetName,
        row: place.row,
        col: place.col,
        values: withoutTrailingEmptyRows(cut(place, Math.max(height - place.row, 1))),
      };
    };
    const read: ManyRead = {
      names,
      tables: Object.fromEntries(tables.map(({ n, place }) => [n, place === null ? null : tableOf(place)])),
      ranges: Object.fromEntries(
        ranges.map(({ n, place }) => [n, place === null ? null : cut(place, place.rows)]),
      ),
      copies:
        (request.copiesOf ?? []).length === 0
          ? []
          : names.flatMap((n, i) => {
              if (!(request.copiesOf ?? []).some((base) => isCopyOf(n, base))) return [];
              return [
                { name: n, sheet: places.get(i)?.sheetName ?? listed[i].getRange().getSheet().getName() },
              ];
            }),
    };
    let located: AppendTarget | null = null;
    if (targetPlace !== null) {
      const sheetRead = sheets.get(targetPlace.sheetName) as SheetRead;
      const height = Math.max(sheetRead.values.length - targetPlace.row, 1);
      located = {
        sheet: targetPlace.sheet,
        sheetName: targetPlace.sheetName,
        row: targetPlace.row + 1,
        col: targetPlace.col + 1,
        cols: targetPlace.cols,
        values: block(sheetRead.values, targetPlace, height, ''),
        formulas: block(sheetRead.formulas ?? [], targetPlace, height, '') as string[][],
      };
    }
    return { read, target: located };
  }

  /**
   * The append itself, the lock held and the table read (from its header row down): where the table ends, room
   * made if something sits there, the grid grown by `grow` if the rows go past it, one setValues, the flush.
   * On failure what was written is emptied and rows inserted are deleted.
   */
  private appendLocked(
    what: string,
    table: AppendTarget,
    rows: PlanCell[][],
    options: AppendOptions | undefined,
    grow: (sheet: SheetApi, lastRow: number) => void,
  ): AppendedRows {
    const { values, formulas } = table;
    let step = 'reading the header row';
    let inserted: { sheet: SheetApi; row: number; rows: number } | null = null;
    let written: { sheet: SheetApi; row: number; col: number; rows: number; cols: number } | null = null;
    try {
      const holds = (r: number): boolean =>
        r < values.length && (values[r].some((v) => v !== '') || formulas[r].some((f) => f !== ''));
      const columns = appendColumns(rows, values[0], options, 0, table.cols);
      const next = table.row + contiguousRows(values.length, holds);
      if (rows.length === 0) return { sheet: table.sheetName, row: next - 1, count: 0 };
      step = 'making room for the rows';
      const blocked = Array.from({ length: rows.length }, (_, i) => next - table.row + i).some(holds);
      if (blocked) {
        table.sheet.insertRowsAfter(next - 1, rows.length);
        inserted = { sheet: table.sheet, row: next, rows: rows.length };
      } else grow(table.sheet, next + rows.length - 1);
      step = 'writing the rows';
      const cells = rowsAcross(rows, columns, table.cols, cellInput, '' as unknown);
      table.sheet.getRange(next, table.col, rows.length, table.cols).setValues(cells);
      written = { sheet: table.sheet, row: next, col: table.col, rows: rows.length, cols: table.cols };
      step = 'saving';
      this.app.flush();
      return { sheet: table.sheetName, row: next - 1, count: rows.length };
    } catch (error) {
      if (written !== null) {
        // The cells were empty before (below the table, or in rows inserted for them): empty them again.
        const w = written;
        const blank = Array.from({ length: w.rows }, () => new Array<unknown>(w.cols).fill(''));
        ignoreFailure(() => w.sheet.getRange(w.row, w.col, w.rows, w.cols).setValues(blank));
      }
      if (inserted !== null) {
        const i = inserted;
        ignoreFailure(() => i.sheet.deleteRows(i.row, i.rows));
      }
      const why =
        step === 'reading the header row' ? messageOf(error) : `${step} failed (${messageOf(error)})`;
      // eslint-disable-next-line preserve-caught-error -- Error's `cause` option is ES2022, beyond Apps Script's lib here
      throw new Error(`${what}: ${why}; nothing was written`);
    }
  }

  /** The port's reading of getValues: '' as null, Dates as serial days on the spreadsheet's clock. */
  private portValues(
    spreadsheet: SpreadsheetApi,
    raw: unknown[][],
    shared?: () => SheetClock,
  ): PlanValue[][] {
    let clock: SheetClock | undefined;
    return raw.map((row) =>
      row.map((v): PlanValue => {
        // Not `instanceof Date`: the Date may come from another realm (a test's vm, Apps Script's host objects).
        if (Object.prototype.toString.call(v) === '[object Date]') {
          clock ??= shared?.() ?? new SheetClock(spreadsheet, this.utilities);
          return clock.serial(v as Date);
        }
        // The port reads an empty cell and a formula's "" alike, as null (getValues gives '' for both).
        if (v === '') return null;
        return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null;
      }),
    );
  }

  /** `what` starts the message: "Insert sheet "X"" or "Append rows under "Y"". */
  private documentLock(what: string): LockApi {
    const lock = this.locks.getDocumentLock();
    if (lock === null) throw new Error(`${what}: there is no open spreadsheet to lock`);
    try {
      lock.waitLock(LOCK_TIMEOUT_MS);
    } catch {
      throw new Error(
        `${what}: another change to this spreadsheet was still running after ` +
          `${LOCK_TIMEOUT_MS / 1000} s; nothing was changed, try again in a moment`,
      );
    }
    return lock;
  }

  private insertLocked(wanted: SheetPlan): InsertedSheet {
    const spreadsheet = this.app.getActiveSpreadsheet();
    const sheets = spreadsheet.getSheets();
    const name = freeSheetName(
      wanted.name,
      sheets.map((s) => s.getName()),
    );
    const taken = spreadsheet.getNamedRanges().map((n) => n.getName());
    const plan = planForSheet(wanted, name, taken);
    // Calls only for names the plan wanted and found taken (rare): which sheet holds each.
    const clashes = nameClashes(
      wanted,
      taken,
      (n) => spreadsheet.getRangeByName(n)?.getSheet().getName() ?? null,
    );
    const created: string[] = [];
    let step = 'adding the sheet';
    let sheet: SheetApi | null = null;
    try {
      sheet = spreadsheet.insertSheet(name, sheets.length);
      const s = sheet;
      step = 'sizing the sheet';
      growGrid(s, planExtent(plan));
      step = 'writing the cells';
      if (plan.rows > 0 && plan.cols > 0) s.getRange(1, 1, plan.rows, plan.cols).setValues(cellBlock(plan));
      step = 'formatting';
      for (const op of formatOperations(plan.formats)) applyFormat(s.getRangeList(op.a1s), op);
      step = 'adding data validation';
      this.applyValidations(s, plan.validations);
      step = 'adding conditional colours';
      this.applyConditionalFormats(s, plan);
      step = 'freezing the header';
      if (plan.frozenRows > 0) s.setFrozenRows(plan.frozenRows);
      if (plan.frozenCols > 0) s.setFrozenColumns(plan.frozenCols);
      step = 'setting column widths';
      for (const run of widthRuns(plan.columnWidths)) s.setColumnWidths(run.col + 1, run.count, run.width);
      step = 'adding charts';
      for (const chart of plan.charts) this.insertChart(s, chart);
      step = 'naming ranges';
      for (const n of plan.namedRanges) {
        spreadsheet.setNamedRange(n.name, rangeOf(s, n.range));
        created.push(n.name);
      }
      step = 'saving';
      this.app.flush();
      return clashes.length === 0 ? { name, namedRanges: created } : { name, namedRanges: created, clashes };
    } catch (error) {
      // Undo in reverse: names first (deleting a sheet would leave them pointing at #REF!), then the sheet.
      for (const n of created) ignoreFailure(() => spreadsheet.removeNamedRange(n));
      if (sheet !== null) {
        const added = sheet;
        ignoreFailure(() => spreadsheet.deleteSheet(added));
      }
      // eslint-disable-next-line preserve-caught-error -- Error's `cause` option is ES2022, beyond Apps Script's lib here
      throw new Error(`Insert sheet "${name}": ${step} failed (${messageOf(error)}); nothing was changed`);
    }
  }

  /**
   * spreadsheet/sheet#newChart + #insertChart (the reference's own example: newChart().addRange(range)
   * .setChartType(Charts.ChartType.LINE)…build() then insertChart). Series are in columns (the builder's default,
   * setTransposeRowsAndColumns(false)), and setNumHeaders(1) says the first row holds the series names rather
   * than letting Sheets guess. Sheet methods need only spreadsheets.currentonly, which appsscript.json has.
   */
  private insertChart(sheet: SheetApi, chart: PlanChart): void {
    const builder = sheet.newChart();
    const typed = chart.kind === 'line' ? builder.asLineChart() : builder.asColumnChart();
    const built = typed
      .addRange(rangeOf(sheet, chart.data))
      .setNumHeaders(1)
      .setOption('title', chart.title)
      .setPosition(chart.anchor.row + 1, chart.anchor.col + 1, 0, 0)
      .build();
    sheet.insertChart(built);
  }

  /** One rule object per distinct rule, and one setDataValidations over the block the rules cover. */
  private applyValidations(sheet: SheetApi, validations: readonly PlanValidation[]): void {
    if (validations.length === 0) return;
    const rules = new Map<string, DataValidationApi>();
    const box = boundingBox(validations.map((v) => v.range));
    const grid: (DataValidationApi | null)[][] = Array.from({ length: box.rows }, () =>
      new Array<DataValidationApi | null>(box.cols).fill(null),
    );
    for (const v of validations) {
      const key = JSON.stringify({ ...v, range: undefined });
      let rule = rules.get(key);
      if (rule === undefined) {
        rule = this.buildRule(v);
        rules.set(key, rule);
      }
      for (let r = v.range.row; r < v.range.row + v.range.rows; r++)
        for (let c = v.range.col; c < v.range.col + v.range.cols; c++) grid[r - box.row][c - box.col] = rule;
    }
    rangeOf(sheet, box).setDataValidations(grid);
  }

  private buildRule(v: PlanValidation): DataValidationApi {
    let builder =
      v.kind === 'list'
        ? this.app.newDataValidation().requireValueInList([...v.list], true)
        : this.app.newDataValidation().requireNumberBetween(v.min, v.max);
    builder = builder.setAllowInvalid(!v.strict);
    if (v.helpText !== undefined) builder = builder.setHelpText(v.helpText);
    return builder.build();
  }

  /** One rule per colour, covering all of its ranges; all rules in one call. */
  private applyConditionalFormats(sheet: SheetApi, plan: SheetPlan): void {
    if (plan.conditionalFormats.length === 0) return;
    const byColour = new Map<
      string,
      { text: string; background: string; fontColor: string; ranges: CellRange[] }
    >();
    for (const cf of plan.conditionalFormats) {
      const key = JSON.stringify([cf.textEquals, cf.background, cf.fontColor]);
      const entry = byColour.get(key) ?? {
        text: cf.textEquals,
        background: cf.background,
        fontColor: cf.fontColor,
        ranges: [],
      };
      entry.ranges.push(cf.range);
      byColour.set(key, entry);
    }
    const ranges = new Map<string, ReturnType<typeof rangeOf>>();
    const rangeFor = (r: CellRange) => {
      const key = rangeA1(r);
      const existing = ranges.get(key);
      if (existing !== undefined) return existing;
      const made = rangeOf(sheet, r);
      ranges.set(key, made);
      return made;
    };
    const rules: ConditionalFormatRuleApi[] = [...byColour.values()].map((e) =>
      this.app
        .newConditionalFormatRule()
        .whenTextEqualTo(e.text)
        .setBackground(e.background)
        .setFontColor(e.fontColor)
        .setRanges(e.ranges.map(rangeFor))
        .build(),
    );
    sheet.setConditionalFormatRules(rules);
  }
}

/** The whole cell block for one setValues: formulas as "=…", text forced to text, blanks as ''. */
function cellBlock(plan: SheetPlan): unknown[][] {
  const block: unknown[][] = [];
  for (let r = 0; r < plan.rows; r++) {
    const line = new Array<unknown>(plan.cols).fill('');
    (plan.cells[r] ?? []).forEach((cell, c) => {
      line[c] = cellInput(cell);
    });
    block.push(line);
  }
  return block;
}

/** One cell for setValues: a formula as "=…", text forced to text with the apostrophe, blank as ''. */
function cellInput(cell: PlanCell | undefined): unknown {
  if (cell === undefined) return '';
  if ('formula' in cell) return cell.formula;
  if (typeof cell.value === 'string') return cell.value === '' ? '' : `'${cell.value}`;
  return cell.value ?? '';
}

/**
 * A block's values and formulas (0-based position) in one getValues and one getFormulas, the part past the
 * sheet's grid (which getRange refuses) padded with '' as the empty cells it would be.
 */
function readArea(
  sheet: SheetApi,
  row: number,
  col: number,
  rows: number,
  cols: number,
): { values: unknown[][]; formulas: string[][] } {
  const inRows = Math.max(0, Math.min(rows, sheet.getMaxRows() - row));
  const inCols = Math.max(0, Math.min(cols, sheet.getMaxColumns() - col));
  let values: unknown[][] = [];
  let formulas: string[][] = [];
  if (inRows > 0 && inCols > 0) {
    const range = sheet.getRange(row + 1, col + 1, inRows, inCols);
    values = range.getValues();
    formulas = range.getFormulas();
  }
  const padded = <T>(grid: T[][], blank: T): T[][] =>
    Array.from({ length: rows }, (_, r) =>
      Array.from({ length: cols }, (_, c) => (r < inRows && c < inCols ? grid[r][c] : blank)),
    );
  return { values: padded(values, '' as unknown), formulas: padded(formulas, '') };
}

/**
 * What setValues needs to put cells back as getValues and getFormulas read them: a formula as itself, text
 * behind the apostrophe that keeps it text, a Date as the Date (its cell keeps its date format), '' empty.
 */
function restoreInputs(values: unknown[][], formulas: string[][]): unknown[][] {
  return values.map((line, r) =>
    line.map((v, c) => {
      const f = formulas[r]?.[c] ?? '';
      if (f !== '') return f;
      if (typeof v === 'string') return v === '' ? '' : `'${v}`;
      return v;
    }),
  );
}

/**
 * A sheet's values from A1 to its last row and column with data, as getDataRange().getValues() reads them, in
 * one call: getSheetValues(1, 1, -1, -1) ("a -1 value … is equivalent to getting the very last row or column
 * that has data in the sheet"). A sheet with no data has no such rows, which the service refuses: that sheet
 * (and any other refusal) is read the two-call way, which gives A1 alone for an empty sheet and rethrows a real
 * failure.
 */
function sheetData(sheet: SheetApi): unknown[][] {
  try {
    return sheet.getSheetValues(1, 1, -1, -1);
  } catch {
    return sheet.getDataRange().getValues();
  }
}

/** Rows added to a grid that appended rows outgrow, beyond those they need, so later saves find room. */
export const GRID_SPARE_ROWS = 1000;

/** Where a named range is: its sheet, and its 0-based top-left corner and size. */
interface NamedPlace {
  sheet: SheetApi;
  sheetName: string;
  row: number;
  col: number;
  rows: number;
  cols: number;
}

interface SheetRead {
  values: unknown[][];
  formulas: string[][] | null;
}

/** The table an append goes to: its sheet, 1-based top-left corner, width, and its cells from the header down. */
interface AppendTarget {
  sheet: SheetApi;
  sheetName: string;
  row: number;
  col: number;
  cols: number;
  values: unknown[][];
  formulas: string[][];
}

interface Gathered {
  read: ManyRead;
  target: AppendTarget | null;
}

/** A named range's cells cut out of a sheet's data range read from A1 (`rows` from its top), `blank` beyond it. */
function block<T>(grid: readonly (readonly T[])[], place: NamedPlace, rows: number, blank: T): T[][] {
  return Array.from({ length: rows }, (_, r) =>
    Array.from({ length: place.cols }, (_, c) => grid[place.row + r]?.[place.col + c] ?? blank),
  );
}

/** A named range's sheet and 1-based top-left corner and width. */
function tableArea(range: RangeApi): { sheet: SheetApi; row: number; col: number; cols: number } {
  return {
    sheet: range.getSheet(),
    row: range.getRow(),
    col: range.getColumn(),
    cols: range.getNumColumns(),
  };
}

type FormatProperty = Exclude<keyof PlanFormat, 'range'>;
const FORMAT_PROPERTIES: readonly FormatProperty[] = [
  'numberFormat',
  'bold',
  'italic',
  'background',
  'fontColor',
  'wrap',
  'horizontalAlignment',
];

export interface FormatOperation {
  property: FormatProperty;
  value: string | boolean;
  a1s: string[];
  ranges: CellRange[];
}

/**
 * The plan's formats as RangeList calls: one per property and value, in an order that gives every cell the
 * value the plan applied last. A range joins the latest group with its value unless a later group with a
 * different value overlaps it (then it starts a new group), so overlapping formats keep the plan's order.
 */
export function formatOperations(formats: readonly PlanFormat[]): FormatOperation[] {
  const ops: FormatOperation[] = [];
  for (const property of FORMAT_PROPERTIES) {
    const groups: FormatOperation[] = [];
    for (const f of formats) {
      const value = f[property];
      if (value === undefined) continue;
      let target: FormatOperation | undefined;
      for (let i = groups.length - 1; i >= 0; i--) {
        if (groups[i].value === value) {
          target = groups[i];
          break;
        }
        if (groups[i].ranges.some((r) => overlaps(r, f.range))) break;
      }
      if (target === undefined) {
        target = { property, value, a1s: [], ranges: [] };
        groups.push(target);
      }
      target.ranges.push(f.range);
      target.a1s.push(rangeA1(f.range));
    }
    ops.push(...groups);
  }
  return ops;
}

function applyFormat(list: RangeListApi, op: FormatOperation): void {
  switch (op.property) {
    case 'numberFormat':
      list.setNumberFormat(String(op.value));
      return;
    case 'bold':
      list.setFontWeight(op.value === true ? 'bold' : 'normal');
      return;
    case 'italic':
      list.setFontStyle(op.value === true ? 'italic' : 'normal');
      return;
    case 'background':
      list.setBackground(String(op.value));
      return;
    case 'fontColor':
      list.setFontColor(String(op.value));
      return;
    case 'wrap':
      list.setWrap(op.value === true);
      return;
    case 'horizontalAlignment':
      list.setHorizontalAlignment(op.value as 'left' | 'center' | 'right');
      return;
  }
}

/** Runs of adjacent columns with the same width (the last width given for a column wins). */
export function widthRuns(
  widths: SheetPlan['columnWidths'],
): { col: number; count: number; width: number }[] {
  const byCol = new Map<number, number>();
  for (const w of widths) byCol.set(w.col, w.width);
  const runs: { col: number; count: number; width: number }[] = [];
  for (const col of [...byCol.keys()].sort((a, b) => a - b)) {
    const width = byCol.get(col) as number;
    const last = runs[runs.length - 1];
    if (last !== undefined && last.col + last.count === col && last.width === width) last.count++;
    else runs.push({ col, count: 1, width });
  }
  return runs;
}

function rangeOf(sheet: SheetApi, r: CellRange) {
  return sheet.getRange(r.row + 1, r.col + 1, r.rows, r.cols);
}

function overlaps(a: CellRange, b: CellRange): boolean {
  return a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;
}

function boundingBox(ranges: readonly CellRange[]): CellRange {
  const row = Math.min(...ranges.map((r) => r.row));
  const col = Math.min(...ranges.map((r) => r.col));
  const rows = Math.max(...ranges.map((r) => r.row + r.rows)) - row;
  const cols = Math.max(...ranges.map((r) => r.col + r.cols)) - col;
  return { row, col, rows, cols };
}

/**
 * Serial day numbers of Dates as the spreadsheet's clock shows them, with a service call per UTC offset met
 * rather than per cell (a 36-month log held 2,002 date cells: 2,002 Utilities.formatDate calls).
 *
 * A date cell reaches the script as the instant of midnight on the spreadsheet's clock. An offset already
 * measured is used for another Date only when it puts that Date exactly on a midnight: a wrong offset is off
 * by whole hours (a midnight only if it were off by a whole day), so a date cell gets its own day, and a
 * date-time cell (not on a midnight) is converted by the service as before. Offsets a whole day apart existed
 * only before 2012 (Samoa and Tokelau crossed the date line in December 2011), so earlier dates are always
 * converted by the service.
 */
export class SheetClock {
  private zone: string | undefined;
  private readonly offsets: number[] = [];
  constructor(
    private readonly spreadsheet: Pick<SpreadsheetApi, 'getSpreadsheetTimeZone'>,
    private readonly utilities: UtilitiesApi,
  ) {}

  serial(date: Date): number {
    const t = date.getTime();
    if (Number.isFinite(t) && t >= OFFSETS_ARE_SAFE_FROM) {
      for (const offset of this.offsets) {
        const wall = t + offset;
        if (wall % MS_PER_DAY === 0) return (wall - SERIAL_EPOCH_UTC) / MS_PER_DAY;
      }
    }
    this.zone ??= this.spreadsheet.getSpreadsheetTimeZone();
    const wall = Date.parse(`${this.utilities.formatDate(date, this.zone, "yyyy-MM-dd'T'HH:mm:ss.SSS")}Z`);
    const offset = wall - t;
    if (wall % MS_PER_DAY === 0 && !this.offsets.includes(offset)) this.offsets.push(offset);
    return (wall - SERIAL_EPOCH_UTC) / MS_PER_DAY;
  }
}

const OFFSETS_ARE_SAFE_FROM = Date.UTC(2012, 0, 1);

function ignoreFailure(undo: () => void): void {
  try {
    undo();
  } catch {
    // The original failure is what the user needs to hear about; a failed undo cannot be undone either.
  }
}

/** An error's words, whichever realm threw it (Apps Script's services throw host errors). */
export function messageOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error)
    return String((error as { message: unknown }).message);
  return String(error);
}

/**
 * Grows a sheet's grid to hold `rows` x `cols` (1-based extents): a new Google Sheet is 1000 x 26 and
 * getRange beyond the grid throws "The coordinates of the range are outside the dimensions of the sheet",
 * so the CSF Tracker's 41 columns, or a Review Log past row 1000, need room first. Two calls at most.
 */
export function growGrid(sheet: SheetApi, need: { rows: number; cols: number }, spareRows = 0): void {
  const maxRows = sheet.getMaxRows();
  // `spareRows` more when it grows: a log appended to at every save then grows once per so many rows.
  if (need.rows > maxRows) sheet.insertRowsAfter(maxRows, need.rows - maxRows + spareRows);
  const maxCols = sheet.getMaxColumns();
  if (need.cols > maxCols) sheet.insertColumnsAfter(maxCols, need.cols - maxCols);
}
