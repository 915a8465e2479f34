/// <reference types="google-apps-script" />
/**
 * A fake SpreadsheetApp (with LockService, Utilities and the Ui) over SpreadsheetModel: formulas really
 * evaluate, and the real API's rules are enforced — 1-based getRange, setValues' shape must match its range
 * exactly (with the real message), sheet and range names unique, and writes only under the document lock.
 * Every method call on every object is counted (`calls`), so tests can hold an adapter to a call budget.
 * Each class implements the slice of @types/google-apps-script the adapter uses (sheets-addon/appsScriptApi.ts),
 * which in turn only compiles while the real API has those names and signatures.
 */
import type {
  ConditionalFormatRuleApi,
  ConditionalFormatRuleBuilderApi,
  DataValidationApi,
  DataValidationBuilderApi,
  EmbeddedChartApi,
  EmbeddedChartBuilderApi,
  LockApi,
  LockServiceApi,
  NamedRangeApi,
  RangeApi,
  RangeListApi,
  SheetApi,
  SpreadsheetApi,
  SpreadsheetAppApi,
  UtilitiesApi,
} from '../../sheets-addon/appsScriptApi';
import { parseA1, SpreadsheetModel, type Area, type CellFormat, type CellValue } from './spreadsheetModel';

const MS_PER_DAY = 86_400_000;
const SERIAL_EPOCH_UTC = Date.UTC(1899, 11, 30);

/** Counts every service call, as 'Class.method'. */
export class CallLog {
  readonly log: string[] = [];
  readonly byMethod: Record<string, number> = {};
  /**
   * Runs before each call is carried out, with the call's name and its 0-based position in the log: a test can
   * start a second execution (another user's script) at any point of this one, to interleave the two.
   */
  beforeCall: ((name: string, index: number) => void) | null = null;
  get total(): number {
    return this.log.length;
  }
  record(name: string): void {
    this.log.push(name);
    this.byMethod[name] = (this.byMethod[name] ?? 0) + 1;
    this.beforeCall?.(name, this.log.length - 1);
  }
  reset(): void {
    this.log.length = 0;
    for (const k of Object.keys(this.byMethod)) delete this.byMethod[k];
  }
}

export interface FakeOptions {
  /** The spreadsheet's time zone (getValues turns date-formatted numbers into Dates on this clock). */
  timeZone?: string;
  /** Throw on a write made without holding the document lock (default true). */
  requireLock?: boolean;
  /**
   * The document's lock, to share with another FakeSpreadsheetApp over the same model: two users' scripts
   * running against one spreadsheet (by default each fake has its own document).
   */
  documentLock?: DocumentLock;
}

/**
 * The one lock of a document, shared by every execution over it. LockService's waitLock blocks while another
 * execution holds it; a synchronous fake cannot block, so contention is resolved in one of two ways:
 * - no `whenBlocked`: waitLock waits its whole timeout and throws (the other execution never let go);
 * - `whenBlocked` set (a test interleaving two executions): waitLock throws LockWouldBlock, the caller's
 *   execution is abandoned, and `whenBlocked` is told so it can start it again once the holder releases — the
 *   same as having waited, provided the execution did nothing before waitLock (the test checks that).
 */
export class DocumentLock {
  holder: FakeLock | null = null;
  /** Another execution holds the lock for longer than any timeout: waitLock times out. */
  busy = false;
  waitedMs = 0;
  whenBlocked: ((blocked: FakeLock) => void) | null = null;
  /** Run, in order, after the next release (for executions that were blocked). */
  readonly afterRelease: (() => void)[] = [];
  /** How many times the lock was taken: the writes of one hold share a number. */
  holds = 0;
}

export class LockWouldBlock extends Error {
  constructor() {
    super('fake LockService: waitLock would block (another execution holds the document lock)');
  }
}

export class FakeSpreadsheetApp implements SpreadsheetAppApi {
  readonly calls = new CallLog();
  readonly spreadsheet: FakeSpreadsheet;
  readonly lockService: FakeLockService;
  readonly utilities: FakeUtilities;
  readonly ui: FakeUi;
  /** Writes without the document lock throw (see FakeOptions). */
  requireLock: boolean;
  flushes = 0;

  constructor(
    readonly model: SpreadsheetModel = new SpreadsheetModel(),
    options: FakeOptions = {},
  ) {
    if (model.sheetNames().length === 0) model.addSheet('Sheet1');
    this.requireLock = options.requireLock ?? true;
    this.spreadsheet = new FakeSpreadsheet(this, options.timeZone ?? 'Etc/UTC');
    this.lockService = new FakeLockService(this, options.documentLock ?? new DocumentLock());
    this.utilities = new FakeUtilities(this);
    this.ui = new FakeUi(this);
  }

  getActiveSpreadsheet(): FakeSpreadsheet {
    this.calls.record('SpreadsheetApp.getActiveSpreadsheet');
    return this.spreadsheet;
  }

  getUi(): FakeUi {
    this.calls.record('SpreadsheetApp.getUi');
    return this.ui;
  }

  newDataValidation(): FakeDataValidationBuilder {
    this.calls.record('SpreadsheetApp.newDataValidation');
    return new FakeDataValidationBuilder(this);
  }

  newConditionalFormatRule(): FakeConditionalFormatRuleBuilder {
    this.calls.record('SpreadsheetApp.newConditionalFormatRule');
    return new FakeConditionalFormatRuleBuilder(this);
  }

  flush(): void {
    this.calls.record('SpreadsheetApp.flush');
    this.model.check('flush');
    this.flushes++;
  }

  /** Every write goes through here: the lock rule, then any failure a test planted for the operation. */
  write(operation: string): void {
    if (this.requireLock && !this.lockService.heldByThisExecution)
      throw new Error(`fake SpreadsheetApp: ${operation} without holding the document lock`);
    this.model.check(operation);
  }

  /** The globals a script sees, for a vm context. */
  globals(): Record<string, unknown> {
    return { SpreadsheetApp: this, LockService: this.lockService, Utilities: this.utilities };
  }
}

export class FakeSpreadsheet implements SpreadsheetApi {
  readonly toasts: { msg: string; title?: string }[] = [];
  activeSheet: string;
  /** The user's selection (0-based area on the active sheet), or null: what getActiveRange gives. */
  activeRange: Area | null = null;

  constructor(
    private readonly app: FakeSpreadsheetApp,
    readonly timeZone: string,
  ) {
    this.activeSheet = app.model.sheetNames()[0];
  }

  private get model(): SpreadsheetModel {
    return this.app.model;
  }

  getSheets(): FakeSheet[] {
    this.app.calls.record('Spreadsheet.getSheets');
    return this.model.sheetNames().map((n) => new FakeSheet(this.app, n));
  }

  getSheetByName(name: string): FakeSheet | null {
    this.app.calls.record('Spreadsheet.getSheetByName');
    const found = this.model.sheetNames().find((n) => n.toLowerCase() === name.toLowerCase());
    return found === undefined ? null : new FakeSheet(this.app, found);
  }

  insertSheet(sheetName: string, sheetIndex: number): FakeSheet {
    this.app.calls.record('Spreadsheet.insertSheet');
    this.app.write('insertSheet');
    const names = this.model.sheetNames();
    if (names.some((n) => n.toLowerCase() === sheetName.toLowerCase()))
      throw new Error(`A sheet with the name "${sheetName}" already exists. Please enter another name.`);
    if (sheetIndex !== names.length)
      throw new Error(`fake SpreadsheetApp: insertSheet supports the end (index ${names.length}) only`);
    this.model.addSheet(sheetName);
    // The reference: "the new sheet becomes the active sheet".
    this.activeSheet = sheetName;
    return new FakeSheet(this.app, sheetName);
  }

  deleteSheet(sheet: SheetApi): void {
    this.app.calls.record('Spreadsheet.deleteSheet');
    this.app.write('deleteSheet');
    if (this.model.sheetNames().length === 1)
      throw new Error("You can't remove all the sheets in a document.");
    this.model.removeSheet(sheet.getName());
    if (this.activeSheet === sheet.getName()) this.activeSheet = this.model.sheetNames()[0];
  }

  getNamedRanges(): FakeNamedRange[] {
    this.app.calls.record('Spreadsheet.getNamedRanges');
    return [...this.model.namedRanges.keys()].map((n) => new FakeNamedRange(this.app, n));
  }

  getRangeByName(name: string): FakeRange | null {
    this.app.calls.record('Spreadsheet.getRangeByName');
    const entry = this.model.namedRanges.get(name);
    return entry === undefined ? null : new FakeRange(this.app, entry.sheet, entry.area);
  }

  setNamedRange(name: string, range: RangeApi): void {
    this.app.calls.record('Spreadsheet.setNamedRange');
    this.app.write('setNamedRange');
    // Sheets' rule for names: letters, digits, underscores; not starting with a digit; not a cell reference.
    if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name))
      throw new Error(`Named range name "${name}" is invalid.`);
    if (this.model.namedRanges.has(name)) throw new Error(`fake SpreadsheetApp: the name ${name} is taken`);
    const r = asFakeRange(range);
    this.model.addName(name, r.sheetName, r.area);
  }

  removeNamedRange(name: string): void {
    this.app.calls.record('Spreadsheet.removeNamedRange');
    this.app.write('removeNamedRange');
    if (!this.model.namedRanges.has(name)) throw new Error(`Named range ${name} not found.`);
    this.model.removeName(name);
  }

  getSpreadsheetTimeZone(): string {
    this.app.calls.record('Spreadsheet.getSpreadsheetTimeZone');
    return this.timeZone;
  }

  /** The selection on the active sheet (set by a test as a user's click would); null when there is none. */
  getActiveRange(): FakeRange | null {
    this.app.calls.record('Spreadsheet.getActiveRange');
    if (this.activeRange === null || !this.model.hasSheet(this.activeSheet)) return null;
    return new FakeRange(this.app, this.activeSheet, { ...this.activeRange });
  }

  toast(msg: string, title?: string): void {
    this.app.calls.record('Spreadsheet.toast');
    this.toasts.push(title === undefined ? { msg } : { msg, title });
  }
}

export class FakeSheet implements SheetApi {
  constructor(
    private readonly app: FakeSpreadsheetApp,
    readonly sheetName: string,
  ) {}

  getName(): string {
    this.app.calls.record('Sheet.getName');
    return this.sheetName;
  }

  activate(): FakeSheet {
    this.app.calls.record('Sheet.activate');
    this.app.model.id(this.sheetName);
    this.app.spreadsheet.activeSheet = this.sheetName;
    return this;
  }

  getRange(row: number, column: number, numRows = 1, numColumns = 1): FakeRange {
    this.app.calls.record('Sheet.getRange');
    // The real service's messages for out-of-range starts and sizes (positions are 1-based).
    if (!Number.isInteger(row) || row < 1) throw new Error('The starting row of the range is too small.');
    if (!Number.isInteger(column) || column < 1)
      throw new Error('The starting column of the range is too small.');
    if (!Number.isInteger(numRows) || numRows < 1)
      throw new Error('The number of rows in the range must be at least 1.');
    if (!Number.isInteger(numColumns) || numColumns < 1)
      throw new Error('The number of columns in the range must be at least 1.');
    // The grid: a new sheet is 1000 x 26 and the real service refuses ranges beyond it (content written
    // straight into the model by a test widens it, as it would have had to in Sheets).
    const grid = this.grid();
    if (row + numRows - 1 > grid.rows || column + numColumns - 1 > grid.cols)
      throw new Error('The coordinates of the range are outside the dimensions of the sheet.');
    return new FakeRange(this.app, this.sheetName, {
      row: row - 1,
      col: column - 1,
      rows: numRows,
      cols: numColumns,
    });
  }

  /** The reference: A1 to the last row and column with content (A1 alone on an empty sheet). */
  getDataRange(): FakeRange {
    this.app.calls.record('Sheet.getDataRange');
    const used = this.app.model.hf.getSheetDimensions(this.app.model.id(this.sheetName));
    return new FakeRange(this.app, this.sheetName, {
      row: 0,
      col: 0,
      rows: Math.max(1, used.height),
      cols: Math.max(1, used.width),
    });
  }

  private grid(): { rows: number; cols: number } {
    const meta = this.app.model.sheetMeta(this.sheetName);
    const used = this.app.model.extent(this.sheetName);
    return { rows: Math.max(meta.gridRows, used.rows), cols: Math.max(meta.gridCols, used.cols) };
  }

  getMaxRows(): number {
    this.app.calls.record('Sheet.getMaxRows');
    return this.grid().rows;
  }

  getMaxColumns(): number {
    this.app.calls.record('Sheet.getMaxColumns');
    return this.grid().cols;
  }

  /**
   * At the grid's end it grows the grid; inside it, everything from the next row down, across the whole sheet,
   * moves down (contents, formats, validation, names).
   */
  insertRowsAfter(afterPosition: number, howMany: number): FakeSheet {
    this.app.calls.record('Sheet.insertRowsAfter');
    this.app.write('insertRowsAfter');
    const grid = this.grid();
    if (!Number.isInteger(afterPosition) || afterPosition < 1 || afterPosition > grid.rows)
      throw new Error('Those rows are out of bounds.');
    if (!Number.isInteger(howMany) || howMany < 1)
      throw new Error('The number of rows to insert must be at least 1.');
    const meta = this.app.model.sheetMeta(this.sheetName);
    if (afterPosition === grid.rows) meta.gridRows = grid.rows + howMany;
    else {
      meta.gridRows = grid.rows;
      this.app.model.insertRows(this.sheetName, afterPosition, howMany);
    }
    return this;
  }

  deleteRows(rowPosition: number, howMany: number): void {
    this.app.calls.record('Sheet.deleteRows');
    this.app.write('deleteRows');
    const grid = this.grid();
    if (!Number.isInteger(rowPosition) || rowPosition < 1 || rowPosition + howMany - 1 > grid.rows)
      throw new Error('Those rows are out of bounds.');
    this.app.model.sheetMeta(this.sheetName).gridRows = grid.rows;
    this.app.model.deleteRows(this.sheetName, rowPosition - 1, howMany);
  }

  insertColumnsAfter(afterPosition: number, howMany: number): FakeSheet {
    this.app.calls.record('Sheet.insertColumnsAfter');
    this.app.write('insertColumnsAfter');
    const grid = this.grid();
    if (afterPosition !== grid.cols)
      throw new Error('fake SpreadsheetApp: insertColumnsAfter grows the grid at its end only');
    this.app.model.sheetMeta(this.sheetName).gridCols = grid.cols + howMany;
    return this;
  }

  getRangeList(a1Notations: string[]): FakeRangeList {
    this.app.calls.record('Sheet.getRangeList');
    if (a1Notations.length === 0)
      throw new Error('fake SpreadsheetApp: getRangeList needs at least one range');
    return new FakeRangeList(this.app, this.sheetName, a1Notations.map(parseA1));
  }

  setFrozenRows(rows: number): void {
    this.app.calls.record('Sheet.setFrozenRows');
    this.app.write('setFrozenRows');
    this.app.model.freeze(this.sheetName, rows, this.app.model.sheetMeta(this.sheetName).frozenCols);
  }

  setFrozenColumns(columns: number): void {
    this.app.calls.record('Sheet.setFrozenColumns');
    this.app.write('setFrozenColumns');
    this.app.model.freeze(this.sheetName, this.app.model.sheetMeta(this.sheetName).frozenRows, columns);
  }

  setColumnWidths(startColumn: number, numColumns: number, width: number): FakeSheet {
    this.app.calls.record('Sheet.setColumnWidths');
    this.app.write('setColumnWidths');
    if (startColumn < 1) throw new Error('The starting column of the range is too small.');
    for (let c = 0; c < numColumns; c++)
      this.app.model.setColumnWidth(this.sheetName, startColumn - 1 + c, width);
    return this;
  }

  /**
   * spreadsheet/sheet#getSheetValues: a block's values as Range.getValues gives them (Dates for date-formatted
   * numbers); "a -1 value given as the row or column position is equivalent to getting the very last row or
   * column that has data in the sheet". On a sheet with no data, -1 asks for no rows: the real service's
   * refusal of an empty range ("The number of rows in the range must be at least 1.").
   */
  getSheetValues(startRow: number, startColumn: number, numRows: number, numColumns: number): unknown[][] {
    this.app.calls.record('Sheet.getSheetValues');
    const used = this.app.model.hf.getSheetDimensions(this.app.model.id(this.sheetName));
    const rows = numRows === -1 ? used.height - startRow + 1 : numRows;
    const cols = numColumns === -1 ? used.width - startColumn + 1 : numColumns;
    if (!Number.isInteger(rows) || rows < 1)
      throw new Error('The number of rows in the range must be at least 1.');
    if (!Number.isInteger(cols) || cols < 1)
      throw new Error('The number of columns in the range must be at least 1.');
    const area = { row: startRow - 1, col: startColumn - 1, rows, cols };
    return this.app.model
      .values(this.sheetName, area)
      .map((line, r) =>
        line.map((v, c) =>
          typeof v === 'number' &&
          isDateFormat(this.app.model.formatAt(this.sheetName, area.row + r, area.col + c).numberFormat)
            ? dateInZone(v, this.app.spreadsheet.timeZone)
            : v,
        ),
      );
  }

  /** The reference: "the position of the last row that has content" (0 when none; formatting does not count). */
  getLastRow(): number {
    this.app.calls.record('Sheet.getLastRow');
    return this.app.model.hf.getSheetDimensions(this.app.model.id(this.sheetName)).height;
  }

  newChart(): FakeEmbeddedChartBuilder {
    this.app.calls.record('Sheet.newChart');
    return new FakeEmbeddedChartBuilder(this.app, this.sheetName);
  }

  insertChart(chart: EmbeddedChartApi): void {
    this.app.calls.record('Sheet.insertChart');
    this.app.write('insertChart');
    if (!(chart instanceof FakeEmbeddedChart)) throw new Error('fake SpreadsheetApp: not a built chart');
    if (chart.sheetName !== this.sheetName)
      throw new Error('fake SpreadsheetApp: a chart built for another sheet');
    this.app.model.addChart(this.sheetName, {
      kind: chart.kind,
      title: chart.title,
      data: chart.data,
      anchor: chart.anchor,
    });
  }

  setConditionalFormatRules(rules: ConditionalFormatRuleApi[]): void {
    this.app.calls.record('Sheet.setConditionalFormatRules');
    this.app.write('setConditionalFormatRules');
    const meta = this.app.model.sheetMeta(this.sheetName);
    meta.conditionalFormats.length = 0;
    for (const rule of rules) {
      if (!(rule instanceof FakeConditionalFormatRule))
        throw new Error('fake SpreadsheetApp: not a built rule');
      for (const r of rule.ranges) {
        if (r.sheetName !== this.sheetName)
          throw new Error('fake SpreadsheetApp: a conditional format rule covers another sheet');
        this.app.model.addConditionalFormat(this.sheetName, {
          area: r.area,
          textEquals: rule.text,
          ...(rule.background === null ? {} : { background: rule.background }),
          ...(rule.fontColor === null ? {} : { fontColor: rule.fontColor }),
        });
      }
    }
  }
}

export class FakeRange implements RangeApi {
  constructor(
    private readonly app: FakeSpreadsheetApp,
    readonly sheetName: string,
    readonly area: Area,
  ) {}

  getSheet(): FakeSheet {
    this.app.calls.record('Range.getSheet');
    return new FakeSheet(this.app, this.sheetName);
  }
  getRow(): number {
    this.app.calls.record('Range.getRow');
    return this.area.row + 1;
  }
  getColumn(): number {
    this.app.calls.record('Range.getColumn');
    return this.area.col + 1;
  }
  getNumRows(): number {
    this.app.calls.record('Range.getNumRows');
    return this.area.rows;
  }
  getNumColumns(): number {
    this.app.calls.record('Range.getNumColumns');
    return this.area.cols;
  }

  getValues(): unknown[][] {
    this.app.calls.record('Range.getValues');
    const values = this.app.model.values(this.sheetName, this.area);
    // Sheets hands back a Date for a number in a date-formatted cell.
    return values.map((line, r) =>
      line.map((v, c) => {
        const format = this.app.model.formatAt(
          this.sheetName,
          this.area.row + r,
          this.area.col + c,
        ).numberFormat;
        return typeof v === 'number' && isDateFormat(format)
          ? dateInZone(v, this.app.spreadsheet.timeZone)
          : v;
      }),
    );
  }

  /** The reference: formulas in A1 notation, '' for cells without one. */
  getFormulas(): string[][] {
    this.app.calls.record('Range.getFormulas');
    const formulas = this.app.model.formulas(this.sheetName, this.area);
    return formulas.map((line, r) =>
      line.map((f, c) =>
        this.app.model.cellKind(this.sheetName, this.area.row + r, this.area.col + c) === 'formula'
          ? String(f)
          : '',
      ),
    );
  }

  /**
   * Each cell's number format as the model holds it; '' for a cell never formatted (what the real service
   * returns for an Automatic cell is not modelled: the adapter passes any pattern on).
   */
  getNumberFormats(): string[][] {
    this.app.calls.record('Range.getNumberFormats');
    return Array.from({ length: this.area.rows }, (_, r) =>
      Array.from(
        { length: this.area.cols },
        (_, c) =>
          this.app.model.formatAt(this.sheetName, this.area.row + r, this.area.col + c).numberFormat ?? '',
      ),
    );
  }

  /**
   * Strings are read as if typed into the UI (./typedInput): "=…" a formula, `$100` the number 100, "'…"
   * text without the apostrophe; a Date is its serial number; null and '' empty the cell.
   */
  setValues(values: unknown[][]): FakeRange {
    this.app.calls.record('Range.setValues');
    checkShape(values, this.area);
    this.app.write('setValues');
    // Copied into this realm: a script in a vm hands over its own Arrays, which HyperFormula would not accept.
    const contents = Array.from(values, (line) => Array.from(line, toModelContent));
    this.app.model.enter(this.sheetName, this.area.row, this.area.col, contents);
    return this;
  }

  setDataValidations(rules: (DataValidationApi | null)[][]): FakeRange {
    this.app.calls.record('Range.setDataValidations');
    checkShape(rules, this.area, 'data validations');
    this.app.write('setDataValidations');
    // Stored as rectangles: per column, runs of rows with the same rule, then joined across equal columns.
    const pieces: { rule: FakeDataValidation; area: Area }[] = [];
    for (let c = 0; c < this.area.cols; c++) {
      let r = 0;
      while (r < this.area.rows) {
        const rule = rules[r][c];
        let end = r + 1;
        while (end < this.area.rows && rules[end][c] === rule) end++;
        if (rule !== null) {
          if (!(rule instanceof FakeDataValidation)) throw new Error('fake SpreadsheetApp: not a built rule');
          const area = { row: this.area.row + r, col: this.area.col + c, rows: end - r, cols: 1 };
          const left = pieces.find(
            (p) =>
              p.rule === rule &&
              p.area.row === area.row &&
              p.area.rows === area.rows &&
              p.area.col + p.area.cols === area.col,
          );
          if (left === undefined) pieces.push({ rule, area });
          else left.area.cols++;
        }
        r = end;
      }
    }
    for (const p of pieces) this.app.model.addValidation(this.sheetName, { area: p.area, ...p.rule.spec });
    return this;
  }
}

export class FakeRangeList implements RangeListApi {
  constructor(
    private readonly app: FakeSpreadsheetApp,
    readonly sheetName: string,
    readonly areas: Area[],
  ) {}

  private apply(method: string, format: CellFormat): FakeRangeList {
    this.app.calls.record(`RangeList.${method}`);
    this.app.write(method);
    for (const area of this.areas) this.app.model.format(this.sheetName, area, format);
    return this;
  }

  setNumberFormat(numberFormat: string): FakeRangeList {
    return this.apply('setNumberFormat', { numberFormat });
  }
  setFontWeight(fontWeight: GoogleAppsScript.Spreadsheet.FontWeight | null): FakeRangeList {
    return this.apply('setFontWeight', { bold: fontWeight === 'bold' });
  }
  setFontStyle(fontStyle: GoogleAppsScript.Spreadsheet.FontStyle | null): FakeRangeList {
    return this.apply('setFontStyle', { italic: fontStyle === 'italic' });
  }
  setBackground(color: string | null): FakeRangeList {
    return this.apply('setBackground', color === null ? {} : { background: color });
  }
  setFontColor(color: string | null): FakeRangeList {
    return this.apply('setFontColor', color === null ? {} : { fontColor: color });
  }
  setWrap(isWrapEnabled: boolean): FakeRangeList {
    return this.apply('setWrap', { wrap: isWrapEnabled });
  }
  setHorizontalAlignment(alignment: 'left' | 'center' | 'normal' | 'right' | null): FakeRangeList {
    return this.apply('setHorizontalAlignment', alignment === null ? {} : { horizontalAlignment: alignment });
  }
}

export class FakeNamedRange implements NamedRangeApi {
  constructor(
    private readonly app: FakeSpreadsheetApp,
    readonly name: string,
  ) {}
  getName(): string {
    this.app.calls.record('NamedRange.getName');
    return this.name;
  }
  /** spreadsheet/named-range#getRange: the range the name refers to. */
  getRange(): FakeRange {
    this.app.calls.record('NamedRange.getRange');
    const entry = this.app.model.namedRanges.get(this.name);
    if (entry === undefined) throw new Error(`Named range ${this.name} not found.`);
    return new FakeRange(this.app, entry.sheet, entry.area);
  }
}

interface ValidationSpec {
  kind: 'list' | 'number';
  list?: string[];
  min?: number;
  max?: number;
  strict: boolean;
}

export class FakeDataValidation implements DataValidationApi {
  constructor(
    private readonly app: FakeSpreadsheetApp,
    readonly spec: ValidationSpec,
    readonly helpText: string | null,
  ) {}
  getAllowInvalid(): boolean {
    this.app.calls.record('DataValidation.getAllowInvalid');
    return !this.spec.strict;
  }
}

export class FakeDataValidationBuilder implements DataValidationBuilderApi {
  private spec: Partial<ValidationSpec> = { strict: true };
  private helpText: string | null = null;
  constructor(private readonly app: FakeSpreadsheetApp) {}

  requireValueInList(values: string[], _showDropdown?: boolean): FakeDataValidationBuilder {
    this.app.calls.record('DataValidationBuilder.requireValueInList');
    this.spec = { ...this.spec, kind: 'list', list: [...values] };
    return this;
  }
  requireNumberBetween(start: number, end: number): FakeDataValidationBuilder {
    this.app.calls.record('DataValidationBuilder.requireNumberBetween');
    this.spec = { ...this.spec, kind: 'number', min: start, max: end };
    return this;
  }
  setAllowInvalid(allowInvalidData: boolean): FakeDataValidationBuilder {
    this.app.calls.record('DataValidationBuilder.setAllowInvalid');
    this.spec.strict = !allowInvalidData;
    return this;
  }
  setHelpText(helpText: string): FakeDataValidationBuilder {
    this.app.calls.record('DataValidationBuilder.setHelpText');
    this.helpText = helpText;
    return this;
  }
  build(): FakeDataValidation {
    this.app.calls.record('DataValidationBuilder.build');
    if (this.spec.kind === undefined)
      throw new Error('You must specify a criteria type for the data validation rule.');
    return new FakeDataValidation(this.app, this.spec as ValidationSpec, this.helpText);
  }
}

export class FakeConditionalFormatRule implements ConditionalFormatRuleApi {
  constructor(
    private readonly app: FakeSpreadsheetApp,
    readonly text: string,
    readonly background: string | null,
    readonly fontColor: string | null,
    readonly ranges: FakeRange[],
  ) {}
  getBooleanCondition(): GoogleAppsScript.Spreadsheet.BooleanCondition | null {
    this.app.calls.record('ConditionalFormatRule.getBooleanCondition');
    return null;
  }
}

export class FakeConditionalFormatRuleBuilder implements ConditionalFormatRuleBuilderApi {
  private text: string | null = null;
  private background: string | null = null;
  private fontColor: string | null = null;
  private ranges: FakeRange[] = [];
  constructor(private readonly app: FakeSpreadsheetApp) {}

  whenTextEqualTo(text: string): FakeConditionalFormatRuleBuilder {
    this.app.calls.record('ConditionalFormatRuleBuilder.whenTextEqualTo');
    this.text = text;
    return this;
  }
  setBackground(color: string | null): FakeConditionalFormatRuleBuilder {
    this.app.calls.record('ConditionalFormatRuleBuilder.setBackground');
    this.background = color;
    return this;
  }
  setFontColor(color: string | null): FakeConditionalFormatRuleBuilder {
    this.app.calls.record('ConditionalFormatRuleBuilder.setFontColor');
    this.fontColor = color;
    return this;
  }
  setRanges(ranges: RangeApi[]): FakeConditionalFormatRuleBuilder {
    this.app.calls.record('ConditionalFormatRuleBuilder.setRanges');
    this.ranges = ranges.map(asFakeRange);
    return this;
  }
  build(): FakeConditionalFormatRule {
    this.app.calls.record('ConditionalFormatRuleBuilder.build');
    if (this.text === null) throw new Error('fake SpreadsheetApp: the rule has no condition');
    return new FakeConditionalFormatRule(this.app, this.text, this.background, this.fontColor, this.ranges);
  }
}

export class FakeEmbeddedChart implements EmbeddedChartApi {
  constructor(
    private readonly app: FakeSpreadsheetApp,
    readonly sheetName: string,
    readonly kind: 'line' | 'column',
    readonly title: string,
    readonly data: Area,
    readonly anchor: { row: number; col: number },
  ) {}
  getChartId(): number | null {
    this.app.calls.record('EmbeddedChart.getChartId');
    return null;
  }
}

/** Only what the adapter uses; the type, one range, a title and a position are required to build. */
export class FakeEmbeddedChartBuilder implements EmbeddedChartBuilderApi {
  private kind: 'line' | 'column' | null = null;
  private ranges: FakeRange[] = [];
  private options = new Map<string, unknown>();
  private anchor: { row: number; col: number } | null = null;
  constructor(
    private readonly app: FakeSpreadsheetApp,
    private readonly sheetName: string,
  ) {}

  addRange(range: RangeApi): FakeEmbeddedChartBuilder {
    this.app.calls.record('EmbeddedChartBuilder.addRange');
    this.ranges.push(asFakeRange(range));
    return this;
  }
  asLineChart(): FakeEmbeddedChartBuilder {
    this.app.calls.record('EmbeddedChartBuilder.asLineChart');
    this.kind = 'line';
    return this;
  }
  asColumnChart(): FakeEmbeddedChartBuilder {
    this.app.calls.record('EmbeddedChartBuilder.asColumnChart');
    this.kind = 'column';
    return this;
  }
  setNumHeaders(headers: number): FakeEmbeddedChartBuilder {
    this.app.calls.record('EmbeddedChartBuilder.setNumHeaders');
    this.options.set('numHeaders', headers);
    return this;
  }
  setOption(option: string, value: unknown): FakeEmbeddedChartBuilder {
    this.app.calls.record('EmbeddedChartBuilder.setOption');
    this.options.set(option, value);
    return this;
  }
  setPosition(
    anchorRowPos: number,
    anchorColPos: number,
    offsetX: number,
    offsetY: number,
  ): FakeEmbeddedChartBuilder {
    this.app.calls.record('EmbeddedChartBuilder.setPosition');
    // ContainerInfo: the anchor row and column are 1-indexed.
    if (
      !Number.isInteger(anchorRowPos) ||
      anchorRowPos < 1 ||
      !Number.isInteger(anchorColPos) ||
      anchorColPos < 1
    )
      throw new Error(
        `fake SpreadsheetApp: setPosition(${anchorRowPos}, ${anchorColPos}) is not a 1-based cell`,
      );
    if (offsetX !== 0 || offsetY !== 0)
      throw new Error('fake SpreadsheetApp: chart offsets are not modelled');
    this.anchor = { row: anchorRowPos - 1, col: anchorColPos - 1 };
    return this;
  }
  build(): FakeEmbeddedChart {
    this.app.calls.record('EmbeddedChartBuilder.build');
    if (this.kind === null) throw new Error('fake SpreadsheetApp: the chart has no type');
    if (this.ranges.length !== 1)
      throw new Error('fake SpreadsheetApp: one data range per chart is modelled');
    const [range] = this.ranges;
    if (range.sheetName !== this.sheetName)
      throw new Error('fake SpreadsheetApp: a chart over another sheet is not modelled');
    if (this.options.get('numHeaders') !== 1)
      throw new Error('fake SpreadsheetApp: the chart should say its first row holds the series names');
    const title = this.options.get('title');
    if (typeof title !== 'string') throw new Error('fake SpreadsheetApp: the chart has no title');
    if (this.anchor === null) throw new Error('fake SpreadsheetApp: the chart has no position');
    return new FakeEmbeddedChart(this.app, this.sheetName, this.kind, title, range.area, this.anchor);
  }
}

export class FakeLock implements LockApi {
  constructor(private readonly app: FakeSpreadsheetApp) {}
  private get document(): DocumentLock {
    return this.app.lockService.document;
  }
  hasLock(): boolean {
    this.app.calls.record('Lock.hasLock');
    return this.document.holder === this;
  }
  waitLock(timeoutInMillis: number): void {
    this.app.calls.record('Lock.waitLock');
    const document = this.document;
    const other = document.holder !== null && document.holder !== this;
    if (other && document.whenBlocked !== null) {
      document.whenBlocked(this);
      throw new LockWouldBlock();
    }
    if (document.busy || other) {
      document.waitedMs += timeoutInMillis;
      throw new Error('Lock timeout: another process was holding the lock for too long.');
    }
    if (document.holder !== this) document.holds++;
    document.holder = this;
  }
  releaseLock(): void {
    this.app.calls.record('Lock.releaseLock');
    const document = this.document;
    if (document.holder !== this) return;
    document.holder = null;
    for (const resume of document.afterRelease.splice(0)) resume();
  }
  /** The execution (fake app) this lock was handed to. */
  get owner(): FakeSpreadsheetApp {
    return this.app;
  }
}

export class FakeLockService implements LockServiceApi {
  /** Outside a document (getDocumentLock gives null). */
  noDocument = false;
  constructor(
    private readonly app: FakeSpreadsheetApp,
    readonly document: DocumentLock,
  ) {}
  get holder(): FakeLock | null {
    return this.document.holder;
  }
  /** Another execution holds the document lock: waitLock times out. */
  get busy(): boolean {
    return this.document.busy;
  }
  set busy(value: boolean) {
    this.document.busy = value;
  }
  get waitedMs(): number {
    return this.document.waitedMs;
  }
  /** Someone holds the document lock. */
  get held(): boolean {
    return this.document.holder !== null;
  }
  /** This execution (this fake app) holds it. */
  get heldByThisExecution(): boolean {
    return this.document.holder !== null && this.document.holder.owner === this.app;
  }
  getDocumentLock(): FakeLock | null {
    this.app.calls.record('LockService.getDocumentLock');
    return this.noDocument ? null : new FakeLock(this.app);
  }
}

export class FakeUtilities implements UtilitiesApi {
  constructor(private readonly app: FakeSpreadsheetApp) {}
  /** Only the pattern the adapter uses; anything else is a test bug. */
  formatDate(date: GoogleAppsScript.Base.Date, timeZone: string, format: string): string {
    this.app.calls.record('Utilities.formatDate');
    if (format !== "yyyy-MM-dd'T'HH:mm:ss.SSS")
      throw new Error(`fake Utilities.formatDate: pattern ${format}`);
    const d = date as unknown as Date;
    return `${wallClock(d.getTime(), timeZone)}.${String(d.getTime() % 1000).padStart(3, '0')}`;
  }
}

interface FakeMenuItem {
  caption: string;
  functionName: string;
}

export class FakeMenu {
  readonly items: (FakeMenuItem | { separator: true } | { subMenu: FakeMenu })[] = [];
  addedToUi = false;
  constructor(
    private readonly app: FakeSpreadsheetApp,
    readonly caption: string,
  ) {}
  addItem(caption: string, functionName: string): FakeMenu {
    this.app.calls.record('Menu.addItem');
    this.items.push({ caption, functionName });
    return this;
  }
  addSeparator(): FakeMenu {
    this.app.calls.record('Menu.addSeparator');
    this.items.push({ separator: true });
    return this;
  }
  addSubMenu(menu: FakeMenu): FakeMenu {
    this.app.calls.record('Menu.addSubMenu');
    this.items.push({ subMenu: menu });
    return this;
  }
  addToUi(): void {
    this.app.calls.record('Menu.addToUi');
    this.addedToUi = true;
    this.app.ui.menus.push(this);
  }
  /** Every item, submenus flattened, with the submenu captions as a path. */
  allItems(path: string[] = []): (FakeMenuItem & { path: string[] })[] {
    return this.items.flatMap((item) => {
      if ('subMenu' in item) return item.subMenu.allItems([...path, item.subMenu.caption]);
      if ('separator' in item) return [];
      return [{ ...item, path }];
    });
  }
}

export class FakeUi {
  readonly ButtonSet = { OK: 'OK', OK_CANCEL: 'OK_CANCEL', YES_NO: 'YES_NO', YES_NO_CANCEL: 'YES_NO_CANCEL' };
  readonly Button = { OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO', CLOSE: 'CLOSE' };
  readonly menus: FakeMenu[] = [];
  readonly alerts: string[][] = [];
  constructor(private readonly app: FakeSpreadsheetApp) {}
  createAddonMenu(): FakeMenu {
    this.app.calls.record('Ui.createAddonMenu');
    return new FakeMenu(this.app, '(add-on)');
  }
  createMenu(caption: string): FakeMenu {
    this.app.calls.record('Ui.createMenu');
    return new FakeMenu(this.app, caption);
  }
  alert(...args: unknown[]): string {
    this.app.calls.record('Ui.alert');
    this.alerts.push(args.filter((a) => typeof a === 'string' && !(a in this.ButtonSet)) as string[]);
    return 'OK';
  }
  /** base/ui#showSidebar(userInterface): the HtmlOutput objects shown, in order. */
  readonly sidebars: unknown[] = [];
  showSidebar(userInterface: unknown): void {
    this.app.calls.record('Ui.showSidebar');
    this.sidebars.push(userInterface);
  }
}

function asFakeRange(range: RangeApi): FakeRange {
  if (!(range instanceof FakeRange)) throw new Error('fake SpreadsheetApp: not a range of this spreadsheet');
  return range;
}

/** setValues' rule, with the real service's message. */
function checkShape(values: unknown[][], area: Area, what = 'data'): void {
  if (!Array.isArray(values) || values.length !== area.rows)
    throw new Error(
      `The number of rows in the ${what} does not match the number of rows in the range. The ${what} has ${Array.isArray(values) ? values.length : 0} but the range has ${area.rows}.`,
    );
  for (const line of values) {
    if (!Array.isArray(line) || line.length !== area.cols)
      throw new Error(
        `The number of columns in the ${what} does not match the number of columns in the range. The ${what} has ${Array.isArray(line) ? line.length : 0} but the range has ${area.cols}.`,
      );
  }
}

/** What setValues hands the model: a Date as its serial number, null as '' (an empty cell). */
function toModelContent(v: unknown): CellValue {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (Object.prototype.toString.call(v) === '[object Date]')
    return ((v as Date).getTime() - SERIAL_EPOCH_UTC) / MS_PER_DAY;
  throw new Error(`fake SpreadsheetApp: setValues cannot store ${Object.prototype.toString.call(v)}`);
}

function isDateFormat(format: string | undefined): boolean {
  if (format === undefined) return false;
  return /[dy]/i.test(format.replace(/"[^"]*"/g, ''));
}

/** "yyyy-MM-ddTHH:mm:ss" of an instant on a zone's clock. */
function wallClock(ms: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:${get('second')}`;
}

/** The instant at which a zone's clock shows the serial date-time. */
function dateInZone(serial: number, timeZone: string): Date {
  const wall = SERIAL_EPOCH_UTC + Math.round(serial * MS_PER_DAY);
  const offsetAt = (instant: number) =>
    Date.parse(`${wallClock(instant, timeZone)}Z`) - (instant - (instant % 1000));
  const guess = wall - offsetAt(wall);
  return new Date(wall - offsetAt(guess));
}
