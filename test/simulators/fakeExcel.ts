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
 * - `context.sync()` is counted (`syncs`), and proxies die with their `Excel.run`.
 *
 * The classes declare `implements Pick<Excel.X, …>` so their names and types follow @types/office-js.
 */
import { rangeA1 } from '../../src/templates/a1';
import {
  SimulatedFailure,
  type Area,
  type CellValue,
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
    this.excel.syncs++;
    const batch = this.queue;
    this.queue = [];
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
      for (const path of paths) this.loadPath(path);
    });
    return this;
  }

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
  constructor(readonly context: FakeRequestContext) {
    this.worksheets = new FakeWorksheetCollection(context);
    this.names = new FakeNamedItemCollection(context);
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

  override loadPath(path: string): void {
    // `items/name` (or `name`) loads every sheet's name: the collection keeps the items it saw at sync.
    const property = path.replace(/^items\//, '');
    this.itemsAtSync = this.model.sheetNames().map((n) => {
      const sheet = new FakeWorksheet(this.context, n);
      sheet.loadPath(property);
      return sheet;
    });
  }

  private itemsAtSync: FakeWorksheet[] | undefined;

  get items(): FakeWorksheet[] {
    if (this.itemsAtSync === undefined) return this.read<FakeWorksheet[]>('items');
    return this.itemsAtSync;
  }

  add(name?: string): FakeWorksheet {
    if (name === undefined) throw new Error('fake Excel: worksheets.add() needs a name here');
    const sheet = new FakeWorksheet(this.context, name);
    this.context.enqueue('WorksheetCollection.add', () => {
      this.model.check('WorksheetCollection.add');
      if (name.length > 31 || /[[\]:*?/\\]/.test(name) || name.trim() === '') {
        throw new FakeOfficeError(
          'InvalidArgument',
          `Not a valid sheet name: ${name}`,
          'WorksheetCollection.add',
        );
      }
      if (this.model.sheetNames().some((n) => n.toLowerCase() === name.toLowerCase())) {
        throw new FakeOfficeError('ItemAlreadyExists', ITEM_EXISTS, 'WorksheetCollection.add');
      }
      this.model.addSheet(name);
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

  set name(_value: string) {
    throw new Error('fake Excel: renaming a worksheet is not modelled');
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
        return this.model.formulas(sheet, area);
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

  /** Excel reads both as typed input: "=…" is a formula, a leading apostrophe makes text (HyperFormula agrees). */
  private writeCells(property: 'values' | 'formulas', input: unknown): void {
    const block = copyBlock(input);
    this.write(property, () => {
      const { sheet, area } = this.target();
      const matrix = shaped(block, area, `Range.${property}`);
      this.model.setContents(sheet, area.row, area.col, matrix as CellValue[][]);
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

  override loadPath(path: string): void {
    const property = path.replace(/^items\//, '');
    this.itemsAtSync = [...this.model.namedRanges.keys()].map((n) => {
      const item = new FakeNamedItem(this.context, n);
      item.loadPath(property);
      return item;
    });
  }

  get items(): FakeNamedItem[] {
    if (this.itemsAtSync === undefined) return this.read<FakeNamedItem[]>('items');
    return this.itemsAtSync;
  }

  add(name: string, reference: FakeRange | string, _comment?: string): FakeNamedItem {
    this.context.enqueue('NamedItemCollection.add', () => {
      this.model.check('NamedItemCollection.add');
      if ([...this.model.namedRanges.keys()].some((n) => n.toLowerCase() === name.toLowerCase())) {
        throw new FakeOfficeError('ItemAlreadyExists', ITEM_EXISTS, 'NamedItemCollection.add');
      }
      if (typeof reference === 'string')
        throw new Error('fake Excel: names.add with a formula is not modelled');
      const { sheet, area } = reference.target();
      this.model.addName(name, sheet, area);
    });
    return new FakeNamedItem(this.context, name);
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
  constructor(
    context: FakeRequestContext,
    private readonly itemName: string,
  ) {
    super(context, 'NamedItem');
  }

  orNull(): void {
    this.markOrNullObject(() => this.model.namedRanges.has(this.itemName));
  }

  private entry(): { sheet: string; area: Area } {
    const entry = this.model.namedRanges.get(this.itemName);
    if (entry === undefined) throw this.notFound(this.itemName);
    return entry;
  }

  protected ensureExists(): void {
    this.entry();
  }

  protected readProperty(name: string): unknown {
    if (name === 'name') return this.entry() && this.itemName;
    throw new Error(`fake Excel: NamedItem.${name} is not modelled`);
  }

  get name(): string {
    return this.read('name');
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
      const listed = this.model.hf.listNamedExpressions().includes(this.itemName);
      if (listed) this.model.removeName(this.itemName);
      else this.model.namedRanges.delete(this.itemName); // a name left dangling by a deleted sheet
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

/** The `Excel` global: `run` plus the counters tests read. */
export class FakeExcel {
  syncs = 0;
  runs = 0;

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

  /** The same run, typed as the adapter receives Excel.run (the fake implements the subset it uses). */
  asExcelRun(): <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T> {
    return this.run as unknown as <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;
  }
}

function quote(sheet: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
}

function addressOf(a: Area): string {
  return rangeA1(a);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
