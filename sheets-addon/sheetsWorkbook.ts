/// <reference types="google-apps-script" />
/**
 * The Workbook port over SpreadsheetApp. A whole SheetPlan goes in under the document lock with a number of
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
 */
import { rangeA1 } from '../src/templates/a1';
import type { CellRange, PlanFormat, PlanValidation, PlanValue, SheetPlan } from '../src/templates/sheetPlan';
import { freeSheetName, planForSheet, type InsertedSheet, type Workbook } from '../src/workbook';
import type {
  ConditionalFormatRuleApi,
  DataValidationApi,
  LockApi,
  LockServiceApi,
  RangeListApi,
  SheetApi,
  SpreadsheetAppApi,
  UtilitiesApi,
} from './appsScriptApi';

/** How long an insert waits for another script's write to the same document before giving up. */
export const LOCK_TIMEOUT_MS = 10_000;

const MS_PER_DAY = 86_400_000;
/** Day 0 of the serial date numbers Sheets, Excel and HyperFormula all use. */
const SERIAL_EPOCH_UTC = Date.UTC(1899, 11, 30);

export class SheetsWorkbook implements Workbook {
  constructor(
    private readonly app: SpreadsheetAppApi,
    private readonly locks: LockServiceApi,
    private readonly utilities: UtilitiesApi,
  ) {}

  async sheetNames(): Promise<string[]> {
    return this.app
      .getActiveSpreadsheet()
      .getSheets()
      .map((s) => s.getName());
  }

  async namedRangeNames(): Promise<string[]> {
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
  async readNamedRange(name: string): Promise<PlanValue[][] | null> {
    const spreadsheet = this.app.getActiveSpreadsheet();
    const range = spreadsheet.getRangeByName(name);
    if (range === null) return null;
    let timeZone: string | undefined;
    return range.getValues().map((row) =>
      row.map((v): PlanValue => {
        // Not `instanceof Date`: the Date may come from another realm (a test's vm, Apps Script's host objects).
        if (Object.prototype.toString.call(v) === '[object Date]') {
          timeZone ??= spreadsheet.getSpreadsheetTimeZone();
          return serialDate(v as Date, timeZone, this.utilities);
        }
        // The port reads an empty cell and a formula's "" alike, as null (getValues gives '' for both).
        if (v === '') return null;
        return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null;
      }),
    );
  }

  async insertSheet(wanted: SheetPlan): Promise<InsertedSheet> {
    if (wanted.charts.length > 0)
      throw new Error(`Insert sheet "${wanted.name}": the Sheets add-in cannot draw charts yet`);
    const lock = this.documentLock(wanted.name);
    try {
      return this.insertLocked(wanted);
    } finally {
      lock.releaseLock();
    }
  }

  private documentLock(what: string): LockApi {
    const lock = this.locks.getDocumentLock();
    if (lock === null) throw new Error(`Insert sheet "${what}": there is no open spreadsheet to lock`);
    try {
      lock.waitLock(LOCK_TIMEOUT_MS);
    } catch {
      throw new Error(
        `Insert sheet "${what}": another change to this spreadsheet was still running after ` +
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
    const plan = planForSheet(
      wanted,
      name,
      spreadsheet.getNamedRanges().map((n) => n.getName()),
    );
    const created: string[] = [];
    let step = 'adding the sheet';
    let sheet: SheetApi | null = null;
    try {
      sheet = spreadsheet.insertSheet(name, sheets.length);
      const s = sheet;
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
      step = 'naming ranges';
      for (const n of plan.namedRanges) {
        spreadsheet.setNamedRange(n.name, rangeOf(s, n.range));
        created.push(n.name);
      }
      step = 'saving';
      this.app.flush();
      return { name, namedRanges: created };
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
      if ('formula' in cell) line[c] = cell.formula;
      else if (typeof cell.value === 'string') line[c] = cell.value === '' ? '' : `'${cell.value}`;
      else line[c] = cell.value ?? '';
    });
    block.push(line);
  }
  return block;
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

/** The serial day number of a date as the spreadsheet's clock shows it. */
function serialDate(date: Date, timeZone: string, utilities: UtilitiesApi): number {
  const wall = utilities.formatDate(date, timeZone, "yyyy-MM-dd'T'HH:mm:ss.SSS");
  return (Date.parse(`${wall}Z`) - SERIAL_EPOCH_UTC) / MS_PER_DAY;
}

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
