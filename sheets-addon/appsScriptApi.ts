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
  getValues(): unknown[][];
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
  getName(): string;
  activate(): SheetApi;
  getRange(row: number, column: number, numRows: number, numColumns: number): RangeApi;
  getRangeList(a1Notations: string[]): RangeListApi;
  setFrozenRows(rows: number): void;
  setFrozenColumns(columns: number): void;
  setColumnWidths(startColumn: number, numColumns: number, width: number): SheetApi;
  setConditionalFormatRules(rules: ConditionalFormatRuleApi[]): void;
}

export interface NamedRangeApi {
  getName(): string;
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
  Fits<GoogleAppsScript.Lock.LockService, LockServiceApi>,
  Fits<GoogleAppsScript.Utilities.Utilities, UtilitiesApi>,
];
