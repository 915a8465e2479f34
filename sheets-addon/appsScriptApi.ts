/**
 * The slice of the Apps Script API the Sheets adapter uses, as interfaces cut from @types/google-apps-script.
 * The adapter is written against these, and the test fake (test/simulators/fakeSpreadsheetApp.ts) implements
 * them, so the fake cannot offer a method the real service lacks. `ApiFits` below is the proof: it only
 * compiles while the real SpreadsheetApp, Spreadsheet, Sheet, Range, … are assignable to these slices, i.e.
 * while every name and signature here exists in the real API.
 */
/** An opaque built rule: the adapter only hands it back to the service. */
export type DataValidationApi = Pick<GoogleAppsScript.Spreadsheet.DataValidation, 'getAllowInvalid'>;
export type ConditionalFormatRuleApi = Pick<
  GoogleAppsScript.Spreadsheet.ConditionalFormatRule,
  'getBooleanCondition'
>;

export interface RangeApi {
  getSheet(): SheetApi;
  /** 1-based, as every position in SpreadsheetApp. */
  getRow(): number;
  getColumn(): number;
  getNumRows(): number;
  getNumColumns(): number;
  getValues(): unknown[][];
  /** "=…" for a formula cell, '' for every other cell (so a formula showing "" is told from a blank). */
  getFormulas(): string[][];
  /** Each cell's number format pattern. */
  getNumberFormats(): string[][];
  setValues(values: unknown[][]): RangeApi;
  setDataValidations(rules: (DataValidationApi | null)[][]): RangeApi;
}

export interface RangeListApi {
  setNumberFormat(numberFormat: string): RangeListApi;
  setFontWeight(fontWeight: GoogleAppsScript.Spreadsheet.FontWeight | null): RangeListApi;
  setFontStyle(fontStyle: GoogleAppsScript.Spreadsheet.FontStyle | null): RangeListApi;
  setBackground(color: string | null): RangeListApi;
  setFontColor(color: string | null): RangeListApi;
  setWrap(isWrapEnabled: boolean): RangeListApi;
  setHorizontalAlignment(alignment: 'left' | 'center' | 'normal' | 'right' | null): RangeListApi;
}

export interface SheetApi {
  /** A block's values; -1 as the row or column count reads to the last row or column with data. */
  getSheetValues(startRow: number, startColumn: number, numRows: number, numColumns: number): unknown[][];
  getName(): string;
  activate(): SheetApi;
  getRange(row: number, column: number, numRows: number, numColumns: number): RangeApi;
  /** From A1 to the last row and column with content (spreadsheet/sheet#getDataRange). */
  getDataRange(): RangeApi;
  getRangeList(a1Notations: string[]): RangeListApi;
  setFrozenRows(rows: number): void;
  setFrozenColumns(columns: number): void;
  setColumnWidths(startColumn: number, numColumns: number, width: number): SheetApi;
  setConditionalFormatRules(rules: ConditionalFormatRuleApi[]): void;
  /** The last row with content (0 on an empty sheet); formatting alone does not count. */
  getLastRow(): number;
  /**
   * The grid's size: a new sheet has 1000 rows and 26 columns, and getRange beyond them throws ("The
   * coordinates of the range are outside the dimensions of the sheet"), so wider or longer writes grow it first.
   */
  getMaxRows(): number;
  getMaxColumns(): number;
  /** Inserts rows after a 1-based row; everything below, across the whole sheet, moves down. */
  insertRowsAfter(afterPosition: number, howMany: number): SheetApi;
  deleteRows(rowPosition: number, howMany: number): void;
  insertColumnsAfter(afterPosition: number, howMany: number): SheetApi;
  newChart(): EmbeddedChartBuilderApi;
  insertChart(chart: EmbeddedChartApi): void;
}

/** An opaque built chart: the adapter only hands it to Sheet.insertChart. */
export type EmbeddedChartApi = Pick<GoogleAppsScript.Spreadsheet.EmbeddedChart, 'getChartId'>;

/**
 * spreadsheet/embedded-chart-builder: asLineChart()/asColumnChart() set the type without the Charts service's
 * enum (Charts.ChartType), so the bundle needs no `Charts` global; setPosition's row and column are 1-based
 * (spreadsheet/container-info#getAnchorRow: "1-indexed row").
 */
export interface EmbeddedChartBuilderApi {
  addRange(range: RangeApi): EmbeddedChartBuilderApi;
  asLineChart(): EmbeddedChartBuilderApi;
  asColumnChart(): EmbeddedChartBuilderApi;
  setNumHeaders(headers: number): EmbeddedChartBuilderApi;
  setOption(option: string, value: unknown): EmbeddedChartBuilderApi;
  setPosition(
    anchorRowPos: number,
    anchorColPos: number,
    offsetX: number,
    offsetY: number,
  ): EmbeddedChartBuilderApi;
  build(): EmbeddedChartApi;
}

export interface NamedRangeApi {
  getName(): string;
  getRange(): RangeApi;
}

export interface SpreadsheetApi {
  getSheets(): SheetApi[];
  getSheetByName(name: string): SheetApi | null;
  insertSheet(sheetName: string, sheetIndex: number): SheetApi;
  deleteSheet(sheet: SheetApi): void;
  getNamedRanges(): NamedRangeApi[];
  getRangeByName(name: string): RangeApi | null;
  setNamedRange(name: string, range: RangeApi): void;
  removeNamedRange(name: string): void;
  getSpreadsheetTimeZone(): string;
  /** The user's selected range on the active sheet; null when nothing is selected. */
  getActiveRange(): RangeApi | null;
  toast(msg: string, title: string): void;
}

export interface DataValidationBuilderApi {
  requireValueInList(values: string[], showDropdown: boolean): DataValidationBuilderApi;
  requireNumberBetween(start: number, end: number): DataValidationBuilderApi;
  setAllowInvalid(allowInvalidData: boolean): DataValidationBuilderApi;
  setHelpText(helpText: string): DataValidationBuilderApi;
  build(): DataValidationApi;
}

export interface ConditionalFormatRuleBuilderApi {
  whenTextEqualTo(text: string): ConditionalFormatRuleBuilderApi;
  setBackground(color: string | null): ConditionalFormatRuleBuilderApi;
  setFontColor(color: string | null): ConditionalFormatRuleBuilderApi;
  setRanges(ranges: RangeApi[]): ConditionalFormatRuleBuilderApi;
  build(): ConditionalFormatRuleApi;
}

export interface SpreadsheetAppApi {
  getActiveSpreadsheet(): SpreadsheetApi;
  newDataValidation(): DataValidationBuilderApi;
  newConditionalFormatRule(): ConditionalFormatRuleBuilderApi;
  flush(): void;
}

export type LockApi = Pick<GoogleAppsScript.Lock.Lock, 'waitLock' | 'releaseLock' | 'hasLock'>;

export interface LockServiceApi {
  /** Null outside a document (a standalone script), per the LockService reference. */
  getDocumentLock(): LockApi | null;
}

export type UtilitiesApi = Pick<GoogleAppsScript.Utilities.Utilities, 'formatDate'>;

/** Compiles only while each real service fits its slice (see the file comment). */
type Fits<Real extends Slice, Slice> = [Real, Slice];
export type ApiFits = [
  Fits<GoogleAppsScript.Spreadsheet.SpreadsheetApp, SpreadsheetAppApi>,
  Fits<GoogleAppsScript.Spreadsheet.Spreadsheet, SpreadsheetApi>,
  Fits<GoogleAppsScript.Spreadsheet.Sheet, SheetApi>,
  Fits<GoogleAppsScript.Spreadsheet.Range, RangeApi>,
  Fits<GoogleAppsScript.Spreadsheet.RangeList, RangeListApi>,
  Fits<GoogleAppsScript.Spreadsheet.NamedRange, NamedRangeApi>,
  Fits<GoogleAppsScript.Spreadsheet.DataValidationBuilder, DataValidationBuilderApi>,
  Fits<GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder, ConditionalFormatRuleBuilderApi>,
  Fits<GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder, EmbeddedChartBuilderApi>,
  Fits<GoogleAppsScript.Spreadsheet.EmbeddedLineChartBuilder, EmbeddedChartBuilderApi>,
  Fits<GoogleAppsScript.Spreadsheet.EmbeddedColumnChartBuilder, EmbeddedChartBuilderApi>,
  Fits<GoogleAppsScript.Lock.LockService, LockServiceApi>,
  Fits<GoogleAppsScript.Utilities.Utilities, UtilitiesApi>,
];
