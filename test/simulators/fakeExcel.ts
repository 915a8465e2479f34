/// <reference types="office-js" />
/**
 * A fake `Excel` namespace over the SpreadsheetModel: the Office.js face of the host simulator. It enforces the
 * rules that make Office.js code go wrong in a real workbook and not in a naive mock:
 *
 * - proxies: reading a property that was not `load`ed and then synced throws PropertyNotLoaded, with Office.js's
 *   own message (node_modules/@microsoft/office-js/dist/en-us/office_strings.js);
 * - writes and method calls queue, and run in order at `context.sync()`; the first failing statement stops the
 *   batch and the earlier ones stay applied (Excel batches are not transactions), so a failure at sync time is
 *   as partial as in Excel. `model.check(operation)` plants failures by statement name (`Range.formulas`,
 *   `Worksheet.delete`, `NamedItemCollection.add`, `context.sync`, …);
 * - `values` / `formulas` / `numberFormat` arrays must have the range's shape, else InvalidArgument with the
 *   message Excel gives (OfficeDev/office-js#1025);
 * - `*OrNullObject` proxies get `isNullObject` loaded by the next sync; using a null object fails with
 *   ItemNotFound;
 * - `context.sync()` is counted (`syncs`), and proxies die with their `Excel.run`;
 * - values are read as typed (./typedInput): `$100` written as a value is the number 100, as in Excel, unless
 *   it has the apostrophe prefix or its cell is formatted "@"; null in a 2-D array leaves a cell as it was;
 * - co-authoring: several FakeExcel over one model are several users of one workbook, with no lock between
 *   them. Each sync is a round trip to the host, where another user's changes may land first: `beforeSync`
 *   lets a test run another user's whole operation there. Excel tables (ListObjects) are modelled, with
 *   TableRowCollection.add placing rows at the table's end as the host does, moving what is below down;
 * - names: workbook names and table names share one namespace and compare case-insensitively; a name whose
 *   sheet was deleted stays, referring to #REF! (type "Error").
 *
 * The classes declare `implements Pick<Excel.X, …>` so their names and types follow @types/office-js.
 */
import { rangeA1 } from '../../src/templates/a1';
import type { CellValue } from './spreadsheetModel';
import {
  SimulatedFailure,
  type Area,
  type ModelTable,
  type SpreadsheetModel,
  parseA1,
} from './spreadsheetModel';

const PROPERTY_NOT_LOADED =
  "The property '{0}' is not available. Before reading the property's value, call the load method on the containing object and call \"context.sync()\" on the associated request context.";
const SHAPE_MISMATCH =
  "The number of rows or columns in the input array doesn't match the size or dimensions of the range.";
/** Not verified against Excel's own text: ItemNotFound's message comes from the host, not office.js. */
const ITEM_NOT_FOUND = "The requested resource doesn't exist.";
const ITEM_EXISTS = 'The resource with the same name or identifier already exists.';
const POINTS_PER_PIXEL = 0.75;

/** Shaped like OfficeExtension.Error: name RichApi.Error, a code, debugInfo.errorLocation. */
export class FakeOfficeError extends Error {
  override readonly name = 'RichApi.Error';
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  constructor(
    readonly code: string,
    message: string,
    errorLocation?: string,
  ) {
    super(message);
    this.debugInfo = { code, message, ...(errorLocation === undefined ? {} : { errorLocation }) };
  }
}

type Statement = { location: string; apply: () => void };

export class FakeRequestContext implements Pick<Excel.RequestContext, 'sync'> {
  readonly workbook: FakeWorkbook;
  private queue: Statement[] = [];
  private closed = false;

  constructor(
    readonly excel: FakeExcel,
    readonly model: SpreadsheetModel,
  ) {
    this.workbook = new FakeWorkbook(this);
  }

  enqueue(location: string, apply: () => void): void {
    if (this.closed) {
      throw new FakeOfficeError(
        'InvalidObjectPath',
        `${location} was used after its Excel.run ended.`,
        location,
      );
    }
    this.queue.push({ location, apply });
  }

  get pending(): number {
    return this.queue.length;
  }

  async sync<T>(passThroughValue?: T): Promise<T> {
    const index = this.excel.syncs++;
    const batch = this.queue;
    this.queue = [];
    // The round trip: another user's work may reach the host before this batch does.
    if (this.excel.beforeSync !== null) await this.excel.beforeSync(index);
    this.excel.model.check('context.sync');
    for (const statement of batch) {
      try {
        statement.apply();
      } catch (error) {
        if (error instanceof FakeOfficeError) throw error;
        if (error instanceof SimulatedFailure) {
          throw new FakeOfficeError('GeneralException', error.message, statement.location);
        }
        throw new FakeOfficeError(
          'GeneralException',
          String((error as Error).message ?? error),
          statement.location,
        );
      }
    }
    return passThroughValue as T;
  }

  close(): void {
    this.closed = true;
  }
}

/** Loaded-property bookkeeping shared by every proxy. */
abstract class FakeClientObject {
  private readonly loaded = new Map<string, unknown>();
  protected nullObject: boolean | undefined;

  constructor(
    readonly context: FakeRequestContext,
    private readonly typeName: string,
  ) {}

  protected get model(): SpreadsheetModel {
    return this.context.model;
  }

  /** Current value of a scalar property, at sync time. */
  protected abstract readProperty(name: string): unknown;

  /** A navigation property, for load paths such as `format/font/bold`. */
  protected navigate(name: string): FakeClientObject {
    throw new Error(`fake Excel: ${this.typeName}.${name} is not a navigation property here`);
  }

  load(propertyNames?: string | string[]): this {
    if (propertyNames === undefined || propertyNames.length === 0) {
      // Office.js allows it, but its docs advise against it; the fake refuses so adapters name what they read.
      throw new Error(`fake Excel: ${this.typeName}.load() without property names; name what you read`);
    }
    const paths = (Array.isArray(propertyNames) ? propertyNames : propertyNames.split(','))
      .map((p) => p.trim())
      .filter((p) => p !== '');
    this.context.enqueue(`${this.typeName}.load`, () => {
      this.beginLoad();
      for (const path of paths) this.loadPath(path);
    });
    return this;
  }

  /** Before one load statement's paths: collections take a fresh list of their items here. */
  protected beginLoad(): void {}

  loadPath(path: string): void {
    this.ensureExists();
    const [head, ...rest] = path.split('/');
    if (rest.length > 0) this.navigate(head).loadPath(rest.join('/'));
    else this.loaded.set(head, this.readProperty(head));
  }

  protected read<T>(name: string): T {
    if (!this.loaded.has(name)) {
      throw new FakeOfficeError(
        'PropertyNotLoaded',
        PROPERTY_NOT_LOADED.replace('{0}', name),
        `${this.typeName}.${name}`,
      );
    }
    return this.loaded.get(name) as T;
  }

  /** For `*OrNullObject` results: the next sync loads isNullObject. */
  protected markOrNullObject(exists: () => boolean): void {
    this.context.enqueue(`${this.typeName}.isNullObject`, () => {
      this.nullObject = !exists();
      this.loaded.set('isNullObject', this.nullObject);
    });
  }

  get isNullObject(): boolean {
    return this.read<boolean>('isNullObject');
  }

  /** Throws ItemNotFound when the object this proxy stands for does not exist (at sync time). */
  protected abstract ensureExists(): void;

  protected write(property: string, apply: () => void): void {
    const location = `${this.typeName}.${property}`;
    this.context.enqueue(location, () => {
      this.ensureExists();
      this.model.check(location);
      apply();
    });
  }

  protected notFound(what: string): FakeOfficeError {
    return new FakeOfficeError('ItemNotFound', ITEM_NOT_FOUND, `${this.typeName} ${what}`);
  }
}

export class FakeWorkbook {
  readonly worksheets: FakeWorksheetCollection;
  readonly names: FakeNamedItemCollection;
  readonly tables: FakeTableCollection;
  constructor(readonly context: FakeRequestContext) {
    this.worksheets = new FakeWorksheetCollection(context);
    this.names = new FakeNamedItemCollection(context);
    this.tables = new FakeTableCollection(context);
  }

  /**
   * Workbook.getSelectedRange: the user's selection (FakeExcel.selection), A1 of the first sheet when a test
   * set none (Excel always has a selected cell); with `selection` set to 'not-a-range' (a chart or shape is
   * selected) using it fails, as Excel's InvalidSelection does.
   */
  getSelectedRange(): FakeRange {
    return new FakeRange(this.context, () => {
      const selected = this.context.excel.selection;
      if (selected === 'not-a-range')
        throw new FakeOfficeError(
          'InvalidSelection',
          'The current selection is invalid for this operation.',
          'Workbook.getSelectedRange',
        );
      if (selected === null)
        return { sheet: this.context.model.sheetNames()[0], area: { row: 0, col: 0, rows: 1, cols: 1 } };
      return { sheet: selected.sheet, area: { ...selected.area } };
    });
  }
}

export class FakeWorksheetCollection extends FakeClientObject {
  constructor(context: FakeRequestContext) {
    super(context, 'WorksheetCollection');
  }

  protected ensureExists(): void {}

  protected readProperty(name: string): unknown {
    throw new Error(`fake Excel: WorksheetCollection.${name} is not modelled`);
  }

  protected override beginLoad(): void {
    this.itemsAtSync = this.model.sheetNames().map((n) => new FakeWorksheet(this.context, n));
  }

  override loadPath(path: string): void {
    // `items/name` (or `name`) loads every sheet's name: the collection keeps the items it saw at sync.
    const property = path.replace(/^items\//, '');
    for (const sheet of this.itemsAtSync ?? []) sheet.loadPath(property);
  }

  private itemsAtSync: FakeWorksheet[] | undefined;

  get items(): FakeWorksheet[] {
    if (this.itemsAtSync === undefined) return this.read<FakeWorksheet[]>('items');
    return this.itemsAtSync;
  }

  /**
   * The proxy it returns stands for the sheet this statement made, whatever it is called later; if the
   * statement failed or never ran, using the proxy fails with InvalidObjectPath (it never reaches another
   * user's sheet of the same name).
   */
  add(name?: string): FakeWorksheet {
    if (name === undefined) throw new Error('fake Excel: worksheets.add() needs a name here');
    let made: number | undefined;
    const sheet = new FakeWorksheet(this.context, () => {
      if (made === undefined) throw deadProxy('Worksheet');
      const current = this.model.hf.getSheetName(made);
      if (current === undefined) throw new FakeOfficeError('ItemNotFound', ITEM_NOT_FOUND, 'Worksheet');
      return current;
    });
    this.context.enqueue('WorksheetCollection.add', () => {
      this.model.check('WorksheetCollection.add');
      checkSheetName(name, 'WorksheetCollection.add');
      if (this.model.sheetNames().some((n) => n.toLowerCase() === name.toLowerCase())) {
        throw new FakeOfficeError('ItemAlreadyExists', ITEM_EXISTS, 'WorksheetCollection.add');
      }
      this.model.addSheet(name);
      made = this.model.id(name);
    });
    return sheet;
  }

  getItem(key: string): FakeWorksheet {
    return new FakeWorksheet(this.context, key);
  }

  getItemOrNullObject(key: string): FakeWorksheet {
    const sheet = new FakeWorksheet(this.context, key);
    sheet.orNull();
    return sheet;
  }

  /** WorksheetCollection.onChanged (ExcelApi 1.9): cell data changed on any sheet (see FakeExcel.typeAsUser). */
  get onChanged(): FakeEventHandlers<FakeWorksheetChangedArgs> {
    return new FakeEventHandlers(this.context, 'WorksheetCollection.onChanged', 'changed');
  }

  /** WorksheetCollection.onAdded (ExcelApi 1.7): a sheet was added (see FakeExcel.addSheetAsUser). */
  get onAdded(): FakeEventHandlers<FakeWorksheetAddedArgs> {
    return new FakeEventHandlers(this.context, 'WorksheetCollection.onAdded', 'added');
  }

  /** WorksheetCollection.onDeleted (ExcelApi 1.7): a sheet was deleted (see FakeExcel.deleteSheetAsUser). */
  get onDeleted(): FakeEventHandlers<FakeWorksheetDeletedArgs> {
    return new FakeEventHandlers(this.context, 'WorksheetCollection.onDeleted', 'deleted');
  }
}

/**
 * Worksheet events as Office.js documents them (learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-events):
 * `add(handler)` returns an EventHandlerResult and the registration takes effect at the next `context.sync()`;
 * handlers outlive their Excel.run and are called later, asynchronously, with the event's arguments; `remove`
 * must use the RequestContext the handler was added in. What fires them here: a user's edits and sheets added
 * or deleted by the user (FakeExcel.typeAsUser, addSheetAsUser, deleteSheetAsUser), with source "Local". The
 * add-in's own writes through this fake fire none (Excel fires them for those too; code must not rely on either).
 */
type WorksheetEventKind = 'changed' | 'added' | 'deleted';

export interface FakeWorksheetChangedArgs {
  type: 'WorksheetChanged';
  worksheetId: string;
  address: string;
  changeType: 'RangeEdited';
  source: 'Local' | 'Remote';
}

export interface FakeWorksheetAddedArgs {
  type: 'WorksheetAdded';
  worksheetId: string;
  source: 'Local' | 'Remote';
}

export interface FakeWorksheetDeletedArgs {
  type: 'WorksheetDeleted';
  worksheetId: string;
  source: 'Local' | 'Remote';
}

type FakeEventHandler = (args: never) => Promise<unknown>;

export class FakeEventHandlers<T> {
  constructor(
    private readonly context: FakeRequestContext,
    private readonly location: string,
    private readonly kind: WorksheetEventKind,
  ) {}

  add(handler: (args: T) => Promise<unknown>): FakeEventHandlerResult {
    const registry = this.context.excel.worksheetEventHandlers[this.kind];
    this.context.enqueue(`${this.location}.add`, () => {
      registry.add(handler as FakeEventHandler);
    });
    return new FakeEventHandlerResult(this.context, () => {
      this.context.enqueue(`${this.location}.remove`, () => {
        registry.delete(handler as FakeEventHandler);
      });
    });
  }

  remove(handler: (args: T) => Promise<unknown>): void {
    const registry = this.context.excel.worksheetEventHandlers[this.kind];
    this.context.enqueue(`${this.location}.remove`, () => {
      registry.delete(handler as FakeEventHandler);
    });
  }
}

export class FakeEventHandlerResult {
  constructor(
    readonly context: FakeRequestContext,
    private readonly removeHandler: () => void,
  ) {}

  remove(): void {
    this.removeHandler();
  }
}

/** Excel's grid: 1,048,576 rows (what getEntireColumn spans). */
const EXCEL_ROWS = 1_048_576;

export class FakeWorksheet extends FakeClientObject implements Pick<Excel.Worksheet, 'name'> {
  readonly freezePanes: FakeFreezePanes;
  readonly charts: FakeChartCollection;

  /** `sheetName` may be known only at sync time (`range.worksheet` of a named item's range). */
  constructor(
    context: FakeRequestContext,
    private readonly sheetName: string | (() => string),
  ) {
    super(context, 'Worksheet');
    this.freezePanes = new FakeFreezePanes(context, this);
    this.charts = new FakeChartCollection(context, this);
  }

  private get wanted(): string {
    return typeof this.sheetName === 'string' ? this.sheetName : this.sheetName();
  }

  orNull(): void {
    this.markOrNullObject(() => this.model.hasSheet(this.wanted));
  }

  /** The model's name for the sheet (case as stored), or ItemNotFound. */
  resolve(): string {
    const wanted = this.wanted;
    const found = this.model.sheetNames().find((n) => n.toLowerCase() === wanted.toLowerCase());
    if (found === undefined) throw this.notFound(wanted);
    return found;
  }

  /**
   * Worksheet.getUsedRange: the smallest range holding every cell with a value or (unless valuesOnly) a
   * format; A1 on a blank sheet ("it will *not* throw an error").
   */
  getUsedRange(valuesOnly?: boolean): FakeRange {
    return new FakeRange(this.context, () => {
      const sheet = this.resolve();
      return {
        sheet,
        area: this.model.usedArea(sheet, valuesOnly === true) ?? { row: 0, col: 0, rows: 1, cols: 1 },
      };
    });
  }

  protected ensureExists(): void {
    this.resolve();
  }

  protected readProperty(name: string): unknown {
    if (name === 'name') return this.resolve();
    throw new Error(`fake Excel: Worksheet.${name} is not modelled`);
  }

  get name(): string {
    return this.read<string>('name');
  }

  /** Renaming: Excel's sheet-name rules, and no other sheet may have the name (case-insensitive). */
  set name(value: string) {
    this.write('name', () => {
      const from = this.resolve();
      checkSheetName(value, 'Worksheet.name');
      if (this.model.sheetNames().some((n) => n !== from && n.toLowerCase() === value.toLowerCase())) {
        throw new FakeOfficeError('ItemAlreadyExists', ITEM_EXISTS, 'Worksheet.name');
      }
      this.model.renameSheet(from, value);
    });
  }

  getRange(address?: string): FakeRange {
    if (address === undefined) throw new Error('fake Excel: getRange() without an address is not modelled');
    const area = parseA1(address);
    return new FakeRange(this.context, () => ({ sheet: this.resolve(), area }));
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): FakeRange {
    const area = { row: startRow, col: startColumn, rows: rowCount, cols: columnCount };
    return new FakeRange(this.context, () => ({ sheet: this.resolve(), area }));
  }

  delete(): void {
    this.write('delete', () => deleteSheetKeepingNames(this.model, this.resolve()));
  }

  /** Worksheet.activate: the sheet the user sees (FakeExcel.activeSheet). */
  activate(): void {
    this.write('activate', () => {
      this.context.excel.activeSheet = this.resolve();
    });
  }
}

/**
 * Excel keeps a workbook-scoped name when its sheet is deleted (it then refers to #REF!), unlike the model's
 * removeSheet, which drops the sheet's names: the fake keeps them listed so a leaked name shows in snapshots.
 */
function deleteSheetKeepingNames(model: SpreadsheetModel, sheet: string): void {
  const kept = [...model.namedRanges].filter(([, r]) => r.sheet === sheet);
  model.removeSheet(sheet);
  for (const [name, range] of kept) model.namedRanges.set(name, range);
}

export class FakeFreezePanes {
  constructor(
    private readonly context: FakeRequestContext,
    private readonly sheet: FakeWorksheet,
  ) {}

  freezeRows(count?: number): void {
    this.freeze('freezeRows', () => ({ rows: count ?? 1, cols: 0 }));
  }

  freezeColumns(count?: number): void {
    this.freeze('freezeColumns', () => ({ rows: 0, cols: count ?? 1 }));
  }

  freezeAt(frozenRange: FakeRange | string): void {
    this.freeze('freezeAt', () => {
      const area = typeof frozenRange === 'string' ? parseA1(frozenRange) : frozenRange.target().area;
      if (area.row !== 0 || area.col !== 0) {
        throw new FakeOfficeError('InvalidArgument', 'The frozen range must start at A1 here.', 'freezeAt');
      }
      return { rows: area.rows, cols: area.cols };
    });
  }

  private freeze(method: string, panes: () => { rows: number; cols: number }): void {
    const location = `WorksheetFreezePanes.${method}`;
    this.context.enqueue(location, () => {
      const sheet = this.sheet.resolve();
      this.context.model.check(location);
      const { rows, cols } = panes();
      this.context.model.freeze(sheet, rows, cols);
    });
  }
}

type RangeTarget = { sheet: string; area: Area };

type Matrix = (string | number | boolean)[][];

export class FakeRange
  extends FakeClientObject
  implements
    Pick<
      Excel.Range,
      | 'values'
      | 'formulas'
      | 'numberFormat'
      | 'address'
      | 'rowCount'
      | 'columnCount'
      | 'rowIndex'
      | 'columnIndex'
    >
{
  readonly format: FakeRangeFormat;
  readonly dataValidation: FakeDataValidation;
  readonly conditionalFormats: FakeConditionalFormatCollection;

  constructor(
    context: FakeRequestContext,
    readonly target: () => RangeTarget,
  ) {
    super(context, 'Range');
    this.format = new FakeRangeFormat(context, this);
    this.dataValidation = new FakeDataValidation(context, this);
    this.conditionalFormats = new FakeConditionalFormatCollection(context, this);
  }

  protected ensureExists(): void {
    this.target();
  }

  protected override navigate(name: string): FakeClientObject {
    if (name === 'format') return this.format;
    return super.navigate(name);
  }

  get worksheet(): FakeWorksheet {
    return new FakeWorksheet(this.context, () => this.target().sheet);
  }

  /** Range.getBoundingRect: the smallest range holding both (same sheet). */
  getBoundingRect(anotherRange: FakeRange | string): FakeRange {
    return new FakeRange(this.context, () => {
      const a = this.target();
      const b = this.other(anotherRange, 'getBoundingRect');
      const row = Math.min(a.area.row, b.area.row);
      const col = Math.min(a.area.col, b.area.col);
      const rows = Math.max(a.area.row + a.area.rows, b.area.row + b.area.rows) - row;
      const cols = Math.max(a.area.col + a.area.cols, b.area.col + b.area.cols) - col;
      return { sheet: a.sheet, area: { row, col, rows, cols } };
    });
  }

  /** Range.getIntersection: the cells in both; ItemNotFound when they do not meet. */
  getIntersection(anotherRange: FakeRange | string): FakeRange {
    return new FakeRange(this.context, () => {
      const a = this.target();
      const b = this.other(anotherRange, 'getIntersection');
      const row = Math.max(a.area.row, b.area.row);
      const col = Math.max(a.area.col, b.area.col);
      const rows = Math.min(a.area.row + a.area.rows, b.area.row + b.area.rows) - row;
      const cols = Math.min(a.area.col + a.area.cols, b.area.col + b.area.cols) - col;
      if (rows < 1 || cols < 1) throw this.notFound('intersection');
      return { sheet: a.sheet, area: { row, col, rows, cols } };
    });
  }

  getEntireColumn(): FakeRange {
    return new FakeRange(this.context, () => {
      const { sheet, area } = this.target();
      return { sheet, area: { row: 0, col: area.col, rows: EXCEL_ROWS, cols: area.cols } };
    });
  }

  private other(range: FakeRange | string, method: string): RangeTarget {
    if (typeof range === 'string') throw new Error(`fake Excel: ${method} with an address is not modelled`);
    const a = this.target();
    const b = range.target();
    if (a.sheet !== b.sheet)
      throw new FakeOfficeError('InvalidArgument', 'The ranges are on different sheets.', `Range.${method}`);
    return b;
  }

  protected readProperty(name: string): unknown {
    const { sheet, area } = this.target();
    switch (name) {
      case 'values':
        return this.model.values(sheet, area);
      case 'formulas':
        return this.model.excelFormulas(sheet, area);
      case 'numberFormat':
        return cells(area, (r, c) => this.model.formatAt(sheet, r, c).numberFormat ?? 'General');
      case 'address':
        return `${quote(sheet)}!${addressOf(area)}`;
      case 'rowIndex':
        return area.row;
      case 'columnIndex':
        return area.col;
      case 'rowCount':
        return area.rows;
      case 'columnCount':
        return area.cols;
      default:
        throw new Error(`fake Excel: Range.${name} is not modelled`);
    }
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Excel.Range.values is any[][]
  get values(): any[][] {
    return this.read('values');
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  set values(input: any[][]) {
    this.writeCells('values', input);
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  get formulas(): any[][] {
    return this.read('formulas');
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  set formulas(input: any[][]) {
    this.writeCells('formulas', input);
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  get numberFormat(): any[][] {
    return this.read('numberFormat');
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  set numberFormat(input: any[][]) {
    const block = copyBlock(input);
    this.write('numberFormat', () => {
      const { sheet, area } = this.target();
      const matrix = shaped(block, area, 'Range.numberFormat');
      for (let r = 0; r < area.rows; r++) {
        for (let c = 0; c < area.cols; c++) {
          const cell = { row: area.row + r, col: area.col + c, rows: 1, cols: 1 };
          this.model.format(sheet, cell, { numberFormat: String(matrix[r][c]) });
        }
      }
    });
  }
  get address(): string {
    return this.read('address');
  }
  get rowCount(): number {
    return this.read('rowCount');
  }
  get rowIndex(): number {
    return this.read('rowIndex');
  }
  get columnIndex(): number {
    return this.read('columnIndex');
  }
  get columnCount(): number {
    return this.read('columnCount');
  }

  /** Excel reads both as typed input (./typedInput): "=…" a formula, `$100` a number, "'…" text. */
  private writeCells(property: 'values' | 'formulas', input: unknown): void {
    const block = copyBlock(input);
    this.write(property, () => {
      const { sheet, area } = this.target();
      const matrix = shaped(block, area, `Range.${property}`);
      this.model.enter(sheet, area.row, area.col, matrix);
    });
  }

  /** Range.getTables (ExcelApi 1.9): the tables that share a cell with this range (or lie wholly in it). */
  getTables(fullyContained?: boolean): FakeTableScopedCollection {
    return new FakeTableScopedCollection(this.context, () => {
      const { sheet, area } = this.target();
      return this.model
        .tablesMeeting(sheet, area)
        .filter(
          (t) =>
            fullyContained !== true ||
            (t.area.row >= area.row &&
              t.area.col >= area.col &&
              t.area.row + t.area.rows <= area.row + area.rows &&
              t.area.col + t.area.cols <= area.col + area.cols),
        );
    });
  }

  /** Range.getResizedRange (ExcelApi 1.7): the same top-left cell, `deltaRows` / `deltaColumns` more or fewer. */
  getResizedRange(deltaRows: number, deltaColumns: number): FakeRange {
    return new FakeRange(this.context, () => {
      const { sheet, area } = this.target();
      const rows = area.rows + deltaRows;
      const cols = area.cols + deltaColumns;
      if (rows < 1 || cols < 1)
        throw new FakeOfficeError('InvalidArgument', 'The range would be empty.', 'Range.getResizedRange');
      return { sheet, area: { ...area, rows, cols } };
    });
  }
}

/**
 * A copy taken when the statement is queued, as Office.js serialises it then; Array.from makes it this realm's
 * arrays even when the caller runs in a vm (HyperFormula checks `instanceof Array`).
 */
function copyBlock(input: unknown): unknown {
  return Array.isArray(input)
    ? Array.from(input, (row: unknown) => (Array.isArray(row) ? Array.from(row as unknown[]) : row))
    : input;
}

/** A scalar fills the range; an array must have its shape exactly. */
function shaped(input: unknown, area: Area, location: string): Matrix {
  if (!Array.isArray(input)) return cells(area, () => input as string | number | boolean);
  const ok =
    input.length === area.rows &&
    input.every((row: unknown) => Array.isArray(row) && row.length === area.cols);
  if (!ok) throw new FakeOfficeError('InvalidArgument', SHAPE_MISMATCH, location);
  return input as Matrix;
}

function cells<T>(area: Area, at: (row: number, col: number) => T): T[][] {
  return Array.from({ length: area.rows }, (_, r) =>
    Array.from({ length: area.cols }, (_, c) => at(area.row + r, area.col + c)),
  );
}

export class FakeRangeFormat
  extends FakeClientObject
  implements Pick<Excel.RangeFormat, 'wrapText' | 'horizontalAlignment' | 'columnWidth'>
{
  readonly fill: FakeRangeFill;
  readonly font: FakeRangeFont;

  constructor(
    context: FakeRequestContext,
    readonly range: FakeRange,
  ) {
    super(context, 'RangeFormat');
    this.fill = new FakeRangeFill(context, range);
    this.font = new FakeRangeFont(context, range);
  }

  protected ensureExists(): void {
    this.range.target();
  }

  protected override navigate(name: string): FakeClientObject {
    if (name === 'fill') return this.fill;
    if (name === 'font') return this.font;
    return super.navigate(name);
  }

  protected readProperty(name: string): unknown {
    const { sheet, area } = this.range.target();
    const first = this.model.formatAt(sheet, area.row, area.col);
    if (name === 'wrapText') return first.wrap ?? false;
    if (name === 'horizontalAlignment') return capitalise(first.horizontalAlignment ?? 'general');
    if (name === 'columnWidth') {
      const px = this.model.sheetMeta(sheet).columnWidths.get(area.col);
      return px === undefined ? null : px * POINTS_PER_PIXEL;
    }
    throw new Error(`fake Excel: RangeFormat.${name} is not modelled`);
  }

  get wrapText(): boolean {
    return this.read('wrapText');
  }
  set wrapText(value: boolean) {
    this.write('wrapText', () => applyFormat(this.range, { wrap: value }));
  }
  get horizontalAlignment(): Excel.RangeFormat['horizontalAlignment'] {
    return this.read('horizontalAlignment');
  }
  set horizontalAlignment(value: Excel.RangeFormat['horizontalAlignment']) {
    // Stored lower-case, as plans and the Sheets face name alignments.
    this.write('horizontalAlignment', () =>
      applyFormat(this.range, { horizontalAlignment: value.toLowerCase() }),
    );
  }
  /** Points, as Excel measures it; the model keeps pixels (96 dpi) like the plans and the Sheets face. */
  get columnWidth(): number {
    return this.read('columnWidth');
  }
  set columnWidth(points: number) {
    this.write('columnWidth', () => {
      const { sheet, area } = this.range.target();
      for (let c = area.col; c < area.col + area.cols; c++) {
        this.model.setColumnWidth(sheet, c, points / POINTS_PER_PIXEL);
      }
    });
  }
}

function applyFormat(range: FakeRange, format: Parameters<SpreadsheetModel['format']>[2]): void {
  const { sheet, area } = range.target();
  range.context.model.format(sheet, area, format);
}

export class FakeRangeFill extends FakeClientObject implements Pick<Excel.RangeFill, 'color'> {
  constructor(
    context: FakeRequestContext,
    private readonly range: FakeRange,
  ) {
    super(context, 'RangeFill');
  }
  protected ensureExists(): void {
    this.range.target();
  }
  protected readProperty(name: string): unknown {
    const { sheet, area } = this.range.target();
    if (name === 'color')
      return (this.model.formatAt(sheet, area.row, area.col).background ?? '#ffffff').toUpperCase();
    throw new Error(`fake Excel: RangeFill.${name} is not modelled`);
  }
  get color(): string {
    return this.read('color');
  }
  set color(value: string) {
    this.write('color', () => applyFormat(this.range, { background: value.toLowerCase() }));
  }
}

export class FakeRangeFont
  extends FakeClientObject
  implements Pick<Excel.RangeFont, 'bold' | 'italic' | 'color'>
{
  constructor(
    context: FakeRequestContext,
    private readonly range: FakeRange,
  ) {
    super(context, 'RangeFont');
  }
  protected ensureExists(): void {
    this.range.target();
  }
  protected readProperty(name: string): unknown {
    const { sheet, area } = this.range.target();
    const f = this.model.formatAt(sheet, area.row, area.col);
    if (name === 'bold') return f.bold ?? false;
    if (name === 'italic') return f.italic ?? false;
    if (name === 'color') return (f.fontColor ?? '#000000').toUpperCase();
    throw new Error(`fake Excel: RangeFont.${name} is not modelled`);
  }
  get bold(): boolean {
    return this.read('bold');
  }
  set bold(value: boolean) {
    this.write('bold', () => applyFormat(this.range, { bold: value }));
  }
  get italic(): boolean {
    return this.read('italic');
  }
  set italic(value: boolean) {
    this.write('italic', () => applyFormat(this.range, { italic: value }));
  }
  get color(): string {
    return this.read('color');
  }
  set color(value: string) {
    this.write('color', () => applyFormat(this.range, { fontColor: value.toLowerCase() }));
  }
}

export class FakeDataValidation
  extends FakeClientObject
  implements Pick<Excel.DataValidation, 'rule' | 'errorAlert' | 'prompt'>
{
  /** The model entry this range's rule became, so errorAlert can set its strictness. */
  private entry: { strict: boolean } | undefined;
  constructor(
    context: FakeRequestContext,
    private readonly range: FakeRange,
  ) {
    super(context, 'DataValidation');
  }
  protected ensureExists(): void {
    this.range.target();
  }
  protected readProperty(name: string): unknown {
    throw new Error(`fake Excel: reading DataValidation.${name} is not modelled`);
  }
  get rule(): Excel.DataValidationRule {
    return this.read('rule');
  }
  set rule(rule: Excel.DataValidationRule) {
    this.write('rule', () => {
      const { sheet, area } = this.range.target();
      // Excel's default error alert style is Stop: strict until errorAlert says otherwise.
      if (rule.list !== undefined) {
        if (typeof rule.list.source !== 'string')
          throw new Error('fake Excel: list source ranges are not modelled');
        const entry = { area, kind: 'list' as const, list: rule.list.source.split(','), strict: true };
        this.model.addValidation(sheet, entry);
        this.entry = entry;
      } else if (rule.decimal !== undefined) {
        const { operator, formula1, formula2 } = rule.decimal;
        if (operator !== 'Between') throw new Error(`fake Excel: decimal ${operator} is not modelled`);
        const entry = {
          area,
          kind: 'number' as const,
          min: Number(formula1),
          max: Number(formula2),
          strict: true,
        };
        this.model.addValidation(sheet, entry);
        this.entry = entry;
      } else {
        throw new Error(`fake Excel: validation rule ${Object.keys(rule).join(', ')} is not modelled`);
      }
    });
  }
  get errorAlert(): Excel.DataValidationErrorAlert {
    return this.read('errorAlert');
  }
  set errorAlert(alert: Excel.DataValidationErrorAlert) {
    this.write('errorAlert', () => {
      if (this.entry === undefined) throw new Error('fake Excel: errorAlert before a rule is not modelled');
      this.entry.strict = alert.showAlert && alert.style === 'Stop';
    });
  }
  get prompt(): Excel.DataValidationPrompt {
    return this.read('prompt');
  }
  set prompt(_prompt: Excel.DataValidationPrompt) {
    this.write('prompt', () => undefined);
  }
}

export class FakeConditionalFormatCollection {
  constructor(
    private readonly context: FakeRequestContext,
    private readonly range: FakeRange,
  ) {}

  add(type: Excel.ConditionalFormatType | `${Excel.ConditionalFormatType}`): FakeConditionalFormat {
    if (type !== 'CellValue') throw new Error(`fake Excel: conditional format ${type} is not modelled`);
    const format = new FakeConditionalFormat(this.context, this.range);
    this.context.enqueue('ConditionalFormatCollection.add', () => {
      const { sheet, area } = this.range.target();
      this.context.model.check('ConditionalFormatCollection.add');
      const entry = { area, textEquals: '' };
      this.context.model.addConditionalFormat(sheet, entry);
      format.entry = entry;
    });
    return format;
  }
}

type ModelConditionalFormat = Parameters<SpreadsheetModel['addConditionalFormat']>[1];

export class FakeConditionalFormat {
  entry: ModelConditionalFormat | undefined;
  readonly cellValue: {
    format: {
      fill: Pick<Excel.ConditionalRangeFill, 'color'>;
      font: Pick<Excel.ConditionalRangeFont, 'color'>;
    };
    rule: Excel.ConditionalCellValueRule;
  };

  constructor(context: FakeRequestContext, range: FakeRange) {
    const update = (location: string, apply: (entry: ModelConditionalFormat) => void): void =>
      context.enqueue(`CellValueConditionalFormat.${location}`, () => {
        range.target();
        if (this.entry === undefined)
          throw new Error('fake Excel: conditional format used before it was added');
        apply(this.entry);
      });
    const unread = (name: string): never => {
      throw new FakeOfficeError('PropertyNotLoaded', PROPERTY_NOT_LOADED.replace('{0}', name), name);
    };
    this.cellValue = {
      format: {
        fill: {
          get color(): string {
            return unread('color');
          },
          set color(value: string) {
            update('format.fill.color', (e) => (e.background = value.toLowerCase()));
          },
        },
        font: {
          get color(): string {
            return unread('color');
          },
          set color(value: string) {
            update('format.font.color', (e) => (e.fontColor = value.toLowerCase()));
          },
        },
      },
      get rule(): Excel.ConditionalCellValueRule {
        return unread('rule');
      },
      set rule(rule: Excel.ConditionalCellValueRule) {
        update('rule', (e) => {
          const literal = /^="((?:[^"]|"")*)"$/.exec(String(rule.formula1));
          if (rule.operator !== 'EqualTo' || literal === null) {
            throw new Error(`fake Excel: cell value rule ${rule.operator} ${rule.formula1} is not modelled`);
          }
          e.textEquals = literal[1].replace(/""/g, '"');
        });
      },
    };
  }
}

export class FakeNamedItemCollection extends FakeClientObject {
  private itemsAtSync: FakeNamedItem[] | undefined;

  constructor(context: FakeRequestContext) {
    super(context, 'NamedItemCollection');
  }

  protected ensureExists(): void {}

  protected readProperty(name: string): unknown {
    throw new Error(`fake Excel: NamedItemCollection.${name} is not modelled`);
  }

  protected override beginLoad(): void {
    this.itemsAtSync = [...this.model.namedRanges.keys()].map((n) => new FakeNamedItem(this.context, n));
  }

  override loadPath(path: string): void {
    const property = path.replace(/^items\//, '');
    for (const item of this.itemsAtSync ?? []) item.loadPath(property);
  }

  get items(): FakeNamedItem[] {
    if (this.itemsAtSync === undefined) return this.read<FakeNamedItem[]>('items');
    return this.itemsAtSync;
  }

  /** The proxy it returns stands for the name this statement made (see WorksheetCollection.add). */
  add(name: string, reference: FakeRange | string, _comment?: string): FakeNamedItem {
    const item = new FakeNamedItem(this.context, name, true);
    this.context.enqueue('NamedItemCollection.add', () => {
      this.model.check('NamedItemCollection.add');
      if (this.model.nameTaken(name)) {
        throw new FakeOfficeError('ItemAlreadyExists', ITEM_EXISTS, 'NamedItemCollection.add');
      }
      if (typeof reference === 'string')
        throw new Error('fake Excel: names.add with a formula is not modelled');
      const { sheet, area } = reference.target();
      this.model.addName(name, sheet, area);
      item.bind(this.model.namedRanges.get(name) as { sheet: string; area: Area });
    });
    return item;
  }

  getItem(name: string): FakeNamedItem {
    return new FakeNamedItem(this.context, name);
  }

  getItemOrNullObject(name: string): FakeNamedItem {
    const item = new FakeNamedItem(this.context, name);
    item.orNull();
    return item;
  }
}

export class FakeNamedItem extends FakeClientObject implements Pick<Excel.NamedItem, 'name'> {
  /** For a proxy names.add returned: the entry its statement made (undefined until it ran). */
  private made: { sheet: string; area: Area } | undefined;

  constructor(
    context: FakeRequestContext,
    private readonly itemName: string,
    private readonly fromAdd = false,
  ) {
    super(context, 'NamedItem');
  }

  bind(entry: { sheet: string; area: Area }): void {
    this.made = entry;
  }

  orNull(): void {
    this.markOrNullObject(() => this.key() !== undefined);
  }

  /** The stored name: Excel finds names case-insensitively; a proxy from names.add, only the one it made. */
  private key(): string | undefined {
    if (this.fromAdd) {
      if (this.made === undefined) throw deadProxy('NamedItem');
      return [...this.model.namedRanges].find(([, entry]) => entry === this.made)?.[0];
    }
    const lower = this.itemName.toLowerCase();
    return [...this.model.namedRanges.keys()].find((n) => n.toLowerCase() === lower);
  }

  private entry(): { sheet: string; area: Area } {
    const key = this.key();
    const entry = key === undefined ? undefined : this.model.namedRanges.get(key);
    if (entry === undefined) throw this.notFound(this.itemName);
    return entry;
  }

  protected ensureExists(): void {
    this.entry();
  }

  /** `type` is "Range", or "Error" once its sheet is deleted (the name then refers to #REF!). */
  protected readProperty(name: string): unknown {
    const entry = this.entry();
    const live = this.model.hasSheet(entry.sheet);
    if (name === 'name') return this.key();
    if (name === 'type') return live ? 'Range' : 'Error';
    if (name === 'formula' || name === 'value')
      return live
        ? `${name === 'formula' ? '=' : ''}${quote(entry.sheet)}!${rangeA1(entry.area, true)}`
        : '#REF!';
    throw new Error(`fake Excel: NamedItem.${name} is not modelled`);
  }

  get name(): string {
    return this.read('name');
  }

  get type(): Excel.NamedItemType | `${Excel.NamedItemType}` {
    return this.read('type');
  }

  get formula(): string {
    return this.read('formula');
  }

  getRange(): FakeRange {
    return new FakeRange(this.context, () => {
      const { sheet, area } = this.entry();
      if (!this.model.hasSheet(sheet))
        throw new FakeOfficeError('InvalidReference', '#REF!', 'NamedItem.getRange');
      return { sheet, area };
    });
  }

  delete(): void {
    this.write('delete', () => {
      const key = this.key() as string;
      const listed = this.model.hf.listNamedExpressions().includes(key);
      if (listed) this.model.removeName(key);
      else this.model.namedRanges.delete(key); // a name left dangling by a deleted sheet
    });
  }
}

/** ChartCollection.add with the two types plans use; the chart's data must be on this sheet. */
export class FakeChartCollection {
  constructor(
    private readonly context: FakeRequestContext,
    private readonly sheet: FakeWorksheet,
  ) {}

  add(
    type: Excel.ChartType | `${Excel.ChartType}`,
    sourceData: FakeRange,
    seriesBy?: Excel.ChartSeriesBy | `${Excel.ChartSeriesBy}`,
  ): FakeChart {
    const kinds: Record<string, string> = { Line: 'line', ColumnClustered: 'column' };
    const kind = kinds[type];
    if (kind === undefined) throw new Error(`fake Excel: chart type ${type} is not modelled`);
    if (seriesBy !== 'Columns') throw new Error(`fake Excel: series by ${String(seriesBy)} is not modelled`);
    const chart = new FakeChart(this.context);
    this.context.enqueue('ChartCollection.add', () => {
      const sheet = this.sheet.resolve();
      this.context.model.check('ChartCollection.add');
      const { sheet: dataSheet, area } = sourceData.target();
      if (dataSheet !== sheet) throw new Error('fake Excel: a chart over another sheet is not modelled');
      const entry = { kind, title: '', data: area };
      this.context.model.addChart(sheet, entry);
      chart.entry = entry;
    });
    return chart;
  }
}

type ModelChart = Parameters<SpreadsheetModel['addChart']>[1];

/** Excel.Chart's setPosition and title.text (setPosition takes a FakeRange, so no `implements` for it). */
export class FakeChart {
  entry: ModelChart | undefined;
  readonly title: Pick<Excel.ChartTitle, 'text'>;

  constructor(context: FakeRequestContext) {
    const update = (location: string, apply: (entry: ModelChart) => void): void =>
      context.enqueue(`Chart.${location}`, () => {
        if (this.entry === undefined) throw new Error('fake Excel: chart used before it was added');
        context.model.check(`Chart.${location}`);
        apply(this.entry);
      });
    this.title = {
      get text(): string {
        throw new FakeOfficeError('PropertyNotLoaded', PROPERTY_NOT_LOADED.replace('{0}', 'text'), 'text');
      },
      set text(value: string) {
        update('title.text', (e) => (e.title = value));
      },
    };
    this.update = update;
  }

  private readonly update: (location: string, apply: (entry: ModelChart) => void) => void;

  setPosition(startCell: FakeRange | string, endCell?: FakeRange | string): void {
    if (endCell !== undefined) throw new Error('fake Excel: setPosition with an end cell is not modelled');
    this.update('setPosition', (e) => {
      const area = typeof startCell === 'string' ? parseA1(startCell) : startCell.target().area;
      e.anchor = { row: area.row, col: area.col };
    });
  }
}

/**
 * Workbook.tables (ExcelApi 1.1): add(range, hasHeaders) makes a table over a range, which may not share a cell
 * with another table; getItemOrNullObject finds one by name (case-insensitive) or id.
 */
export class FakeTableCollection {
  constructor(private readonly context: FakeRequestContext) {}

  private get model(): SpreadsheetModel {
    return this.context.model;
  }

  add(address: FakeRange | string, hasHeaders: boolean): FakeTable {
    if (typeof address === 'string')
      throw new Error('fake Excel: tables.add with an address string is not modelled');
    if (!hasHeaders) throw new Error('fake Excel: a table without a header row is not modelled');
    const table = new FakeTable(this.context, () => undefined);
    this.context.enqueue('TableCollection.add', () => {
      const { sheet, area } = address.target();
      this.model.check('TableCollection.add');
      if (this.model.tablesMeeting(sheet, area).length > 0) {
        // Not verified against Excel's own words: the code is what the adapter relies on.
        throw new FakeOfficeError(
          'InvalidArgument',
          "A table can't overlap another table.",
          'TableCollection.add',
        );
      }
      // A table needs a body row: a header-only range takes the row under it (Excel's "insert row").
      const body = { ...area, rows: Math.max(area.rows, 2) };
      let n = 1;
      while (this.model.nameTaken(`Table${n}`)) n++;
      const made = this.model.addTable(`Table${n}`, sheet, body);
      // Excel makes the header cells unique text: blanks become Column1, Column2…, repeats get 2, 3…
      const header = this.model.values(sheet, { ...area, rows: 1 })[0];
      const seen = new Set<string>();
      const fixed = header.map((v, c) => {
        let text = v === '' || v === null ? `Column${c + 1}` : String(v);
        const base = text;
        for (let k = 2; seen.has(text.toLowerCase()); k++) text = `${base}${k}`;
        seen.add(text.toLowerCase());
        return text === v ? null : `'${text}`;
      });
      if (fixed.some((v) => v !== null)) this.model.enter(sheet, area.row, area.col, [fixed]);
      table.bind(made.id);
    });
    return table;
  }

  getItem(key: string): FakeTable {
    return new FakeTable(this.context, () => this.find(key));
  }

  getItemOrNullObject(key: string): FakeTable {
    const table = new FakeTable(this.context, () => this.find(key));
    table.orNull();
    return table;
  }

  private find(key: string): ModelTable | undefined {
    return this.model.table(key) ?? [...this.model.tables.values()].find((t) => t.id === key);
  }
}

/** Range.getTables' result: `items/name` and `items/id` load the tables there at sync time. */
export class FakeTableScopedCollection extends FakeClientObject {
  private itemsAtSync: FakeTable[] | undefined;

  constructor(
    context: FakeRequestContext,
    private readonly found: () => ModelTable[],
  ) {
    super(context, 'TableScopedCollection');
  }

  protected ensureExists(): void {}

  protected readProperty(name: string): unknown {
    throw new Error(`fake Excel: TableScopedCollection.${name} is not modelled`);
  }

  protected override beginLoad(): void {
    this.itemsAtSync = this.found().map((t) => {
      const id = t.id;
      return new FakeTable(this.context, () => [...this.model.tables.values()].find((x) => x.id === id));
    });
  }

  override loadPath(path: string): void {
    const property = path.replace(/^items\//, '');
    for (const table of this.itemsAtSync ?? []) table.loadPath(property);
  }

  get items(): FakeTable[] {
    if (this.itemsAtSync === undefined) return this.read<FakeTable[]>('items');
    return this.itemsAtSync;
  }
}

/**
 * An Excel table. The proxy finds its table at sync time, by the name or id it was asked for, or by the id the
 * host gave it when this batch made it (tables.add), so renaming it later in the batch does not lose it.
 */
export class FakeTable extends FakeClientObject implements Pick<Excel.Table, 'name' | 'id'> {
  readonly rows: FakeTableRowCollection;
  private boundId: string | undefined;

  constructor(
    context: FakeRequestContext,
    private readonly lookup: () => ModelTable | undefined,
  ) {
    super(context, 'Table');
    this.rows = new FakeTableRowCollection(context, this);
  }

  /** Called by tables.add when the table exists. */
  bind(id: string): void {
    this.boundId = id;
  }

  orNull(): void {
    this.markOrNullObject(() => this.lookup() !== undefined);
  }

  /** The table now, or ItemNotFound. */
  entry(): ModelTable {
    const found =
      this.boundId === undefined
        ? this.lookup()
        : [...this.model.tables.values()].find((t) => t.id === this.boundId);
    if (found === undefined) throw this.notFound('table');
    return found;
  }

  protected ensureExists(): void {
    this.entry();
  }

  protected readProperty(name: string): unknown {
    const t = this.entry();
    if (name === 'name') return t.name;
    if (name === 'id') return t.id;
    throw new Error(`fake Excel: Table.${name} is not modelled`);
  }

  get name(): string {
    return this.read('name');
  }

  /** Table names: unique among tables and workbook names (case-insensitive), a letter or _ first, no spaces. */
  set name(value: string) {
    this.write('name', () => {
      const t = this.entry();
      if (!/^[A-Za-z_\\][A-Za-z0-9_.]*$/.test(value) || /^[A-Za-z]{1,3}\d+$/.test(value))
        throw new FakeOfficeError('InvalidArgument', `Not a valid table name: ${value}`, 'Table.name');
      if (t.name.toLowerCase() !== value.toLowerCase() && this.model.nameTaken(value))
        throw new FakeOfficeError('ItemAlreadyExists', ITEM_EXISTS, 'Table.name');
      this.model.tables.delete(t.name);
      t.name = value;
      this.model.tables.set(value, t);
    });
  }

  get id(): string {
    return this.read('id');
  }

  get worksheet(): FakeWorksheet {
    return new FakeWorksheet(this.context, () => this.entry().sheet);
  }

  getRange(): FakeRange {
    return new FakeRange(this.context, () => {
      const t = this.entry();
      return { sheet: t.sheet, area: { ...t.area } };
    });
  }

  getHeaderRowRange(): FakeRange {
    return new FakeRange(this.context, () => {
      const t = this.entry();
      return { sheet: t.sheet, area: { ...t.area, rows: 1 } };
    });
  }

  getDataBodyRange(): FakeRange {
    return new FakeRange(this.context, () => {
      const t = this.entry();
      return { sheet: t.sheet, area: { ...t.area, row: t.area.row + 1, rows: t.area.rows - 1 } };
    });
  }

  /** Table.convertToRange: the cells stay, the table goes. */
  convertToRange(): FakeRange {
    const range = this.getRange();
    this.write('convertToRange', () => this.model.removeTable(this.entry().name));
    return range;
  }

  delete(): void {
    this.write('delete', () => {
      const t = this.entry();
      this.model.enter(t.sheet, t.area.row, t.area.col, blankBlock(t.area));
      this.model.removeTable(t.name);
    });
  }
}

/**
 * Table.rows: add(index, values) with index null/undefined adds the rows at the table's end. The host places
 * them: with `alwaysInsert` left at its default (true), the cells below the table in its columns move down
 * (VBA ListRows.Add, which Office.js mirrors), so nothing under the table is written over.
 */
export class FakeTableRowCollection extends FakeClientObject {
  constructor(
    context: FakeRequestContext,
    private readonly table: FakeTable,
  ) {
    super(context, 'TableRowCollection');
  }

  protected ensureExists(): void {
    this.table.entry();
  }

  protected readProperty(name: string): unknown {
    if (name === 'count') return this.table.entry().area.rows - 1;
    throw new Error(`fake Excel: TableRowCollection.${name} is not modelled`);
  }

  get count(): number {
    return this.read('count');
  }

  add(index?: number | null, values?: unknown, alwaysInsert?: boolean): FakeTableRow {
    if (index !== null && index !== undefined)
      throw new Error('fake Excel: rows.add at an index is not modelled');
    if (alwaysInsert !== undefined) throw new Error('fake Excel: rows.add(…, alwaysInsert) is not modelled');
    const block = copyBlock(values);
    const row = new FakeTableRow(this.context, this.table);
    this.context.enqueue('TableRowCollection.add', () => {
      const t = this.table.entry();
      this.model.check('TableRowCollection.add');
      const rows: unknown[] = block === undefined ? [[]] : Array.isArray(block) ? block : [[block]];
      const area = { row: t.area.row + t.area.rows, col: t.area.col, rows: rows.length, cols: t.area.cols };
      const matrix = block === undefined ? blankBlock(area) : shaped(rows, area, 'TableRowCollection.add');
      this.model.shiftCellsDown(t.sheet, area.row, area.col, area.cols, area.rows);
      // New table rows take the formats of the table's last row, as Excel's do.
      for (let c = area.col; c < area.col + area.cols; c++) {
        const above = this.model.formatAt(t.sheet, area.row - 1, c);
        if (Object.keys(above).length > 0)
          this.model.format(t.sheet, { row: area.row, col: c, rows: area.rows, cols: 1 }, above);
      }
      t.area.rows += area.rows;
      this.model.enter(t.sheet, area.row, area.col, matrix);
      row.place(area.row - t.area.row - 1, { sheet: t.sheet, area: { ...area, rows: 1 } });
    });
    return row;
  }
}

/** A table row: the physical row it was made at ("a TableRow object represents the physical location"). */
export class FakeTableRow extends FakeClientObject {
  private placed: { index: number; target: RangeTarget } | undefined;

  constructor(
    context: FakeRequestContext,
    private readonly table: FakeTable,
  ) {
    super(context, 'TableRow');
  }

  place(index: number, target: RangeTarget): void {
    this.placed = { index, target };
  }

  private where(): { index: number; target: RangeTarget } {
    if (this.placed === undefined) throw this.notFound('row');
    return this.placed;
  }

  protected ensureExists(): void {
    this.table.entry();
    this.where();
  }

  protected readProperty(name: string): unknown {
    if (name === 'index') return this.where().index;
    throw new Error(`fake Excel: TableRow.${name} is not modelled`);
  }

  get index(): number {
    return this.read('index');
  }

  getRange(): FakeRange {
    return new FakeRange(this.context, () => this.where().target);
  }
}

function blankBlock(area: Area): string[][] {
  return Array.from({ length: area.rows }, () => new Array<string>(area.cols).fill(''));
}

/** The `Excel` global: `run` plus the counters tests read. */

export class FakeExcel {
  syncs = 0;
  runs = 0;
  /** The user's selection (getSelectedRange); null: A1 of the first sheet. */
  selection: RangeTarget | 'not-a-range' | null = null;
  /** The sheet Worksheet.activate last brought to the front; null: none was activated. */
  activeSheet: string | null = null;
  /** Worksheet event handlers registered (WorksheetCollection.onChanged / onAdded / onDeleted) and synced. */
  readonly worksheetEventHandlers: Record<WorksheetEventKind, Set<FakeEventHandler>> = {
    changed: new Set(),
    added: new Set(),
    deleted: new Set(),
  };
  /** Events fired so far (what a test waits on): one per handler call. */
  eventsFired = 0;
  /**
   * Runs at the start of every sync (before its batch reaches the workbook), with the sync's 0-based number
   * for this user: a test interleaving two users runs the other user's operation here.
   */
  beforeSync: ((index: number) => Promise<void> | void) | null = null;

  constructor(readonly model: SpreadsheetModel) {}

  /** Like Excel.run: a fresh context, the batch, then any statements still queued are synced. */
  readonly run = async <T>(batch: (context: FakeRequestContext) => Promise<T>): Promise<T> => {
    this.runs++;
    const context = new FakeRequestContext(this, this.model);
    try {
      const result = await batch(context);
      if (context.pending > 0) await context.sync();
      return result;
    } finally {
      context.close();
    }
  };

  /**
   * The user types in the grid (outside the add-in): the model takes the contents as a user's typing does, then
   * WorksheetCollection.onChanged fires, later, with the edited range's address.
   */
  typeAsUser(sheet: string, row: number, col: number, contents: CellValue[][]): void {
    this.model.typeAsUser(sheet, row, col, contents);
    const area = { row, col, rows: contents.length, cols: contents[0]?.length ?? 0 };
    this.fire('changed', {
      type: 'WorksheetChanged',
      worksheetId: worksheetIdOf(this.model, sheet),
      address: `${quote(sheet)}!${addressOf(area)}`,
      changeType: 'RangeEdited',
      source: 'Local',
    });
  }

  /** The user adds a sheet: WorksheetCollection.onAdded fires. */
  addSheetAsUser(name: string): void {
    this.model.addSheet(name);
    this.fire('added', {
      type: 'WorksheetAdded',
      worksheetId: worksheetIdOf(this.model, name),
      source: 'Local',
    });
  }

  /** The user deletes a sheet: WorksheetCollection.onDeleted fires. */
  deleteSheetAsUser(name: string): void {
    const worksheetId = worksheetIdOf(this.model, name);
    deleteSheetKeepingNames(this.model, name);
    this.fire('deleted', { type: 'WorksheetDeleted', worksheetId, source: 'Local' });
  }

  /** Calls each handler of the kind after the change, asynchronously, as Excel delivers events. */
  private fire(kind: WorksheetEventKind, args: object): void {
    for (const handler of [...this.worksheetEventHandlers[kind]]) {
      setTimeout(() => {
        this.eventsFired++;
        void (handler as (a: object) => Promise<unknown>)(args);
      }, 0);
    }
  }

  /** The same run, typed as the adapter receives Excel.run (the fake implements the subset it uses). */
  asExcelRun(): <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T> {
    return this.run as unknown as <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;
  }
}

/** Excel's worksheet ids are GUIDs in braces; the fake's name one by the model's sheet id. */
function worksheetIdOf(model: SpreadsheetModel, sheet: string): string {
  return `{00000000-0001-0000-${String(model.id(sheet)).padStart(4, '0')}-000000000000}`;
}

function quote(sheet: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
}

/** Using a proxy whose creating statement failed or never ran. */
function deadProxy(what: string): FakeOfficeError {
  return new FakeOfficeError(
    'InvalidObjectPath',
    `The object path '${what}' isn't working for what you're trying to do.`,
    what,
  );
}

/** Excel's sheet-name rules: 1 to 31 characters, none of [ ] : * ? / \, not blank. */
function checkSheetName(name: string, location: string): void {
  if (name.length > 31 || /[[\]:*?/\\]/.test(name) || name.trim() === '') {
    throw new FakeOfficeError('InvalidArgument', `Not a valid sheet name: ${name}`, location);
  }
}

function addressOf(a: Area): string {
  return rangeA1(a);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
