/// <reference types="office-js" />
/**
 * The Workbook port over Office.js. One `Excel.run` per operation and a fixed number of `context.sync()` round
 * trips whatever the plan's size: insertSheet reads the taken names (sync 1), queues the whole sheet and commits
 * it (sync 2), and only on failure removes what it made (sync 3).
 *
 * Office.js facts relied on (OfficeDev/office-js-docs-pr docs/develop/application-specific-api-model.md):
 * properties are read only after `load` + `sync` (else PropertyNotLoaded); scalar properties of navigation
 * properties (`range.format.font.bold`) are set without loading; `*OrNullObject` results get `isNullObject`
 * loaded by the next sync. A batch runs in order and stops at the first failing statement without undoing the
 * earlier ones, so a failed sync 2 can leave a half-built sheet and some names: sync 3 removes them.
 *
 * Tables (readTable, appendRows): sync 1 asks whether the name exists; sync 2 loads, in one go, the range's
 * position and the values of its columns from the top of the sheet's used range (Worksheet.getUsedRange(true):
 * "considers only cells with values", ExcelApi 1.2) down to its bottom, as
 * range.getBoundingRect(used).getIntersection(range.getEntireColumn()); appendRows writes the block in sync 3.
 * Charts: worksheet.charts.add(type, range, 'Columns'), chart.title.text, chart.setPosition(startCell)
 * (learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-charts; Excel.ChartCollection.add, ExcelApi 1.1).
 */
import type {
  CellRange,
  PlanCell,
  PlanChart,
  PlanConditionalFormat,
  PlanFormat,
  PlanValidation,
  PlanValue,
  SheetPlan,
} from '../src/templates/sheetPlan';
import {
  freeSheetName,
  planForSheet,
  withoutTrailingEmptyRows,
  type AppendedRows,
  type InsertedSheet,
  type TableRead,
  type Workbook,
} from '../src/workbook';

/** `Excel.run` as this adapter uses it; injected so tests can pass the fake Excel. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** Excel's column width is in points, plans speak pixels (96 dpi): 1 px = 0.75 pt. */
export const POINTS_PER_PIXEL = 0.75;

export class ExcelWorkbook implements Workbook {
  constructor(private readonly run: ExcelRun) {}

  async sheetNames(): Promise<string[]> {
    return this.run(async (context) => {
      const sheets = context.workbook.worksheets.load('items/name');
      await context.sync();
      return sheets.items.map((s) => s.name);
    });
  }

  async namedRangeNames(): Promise<string[]> {
    return this.run(async (context) => {
      const names = context.workbook.names.load('items/name');
      await context.sync();
      return names.items.map((n) => n.name);
    });
  }

  async readNamedRange(name: string): Promise<PlanValue[][] | null> {
    return this.run(async (context) => {
      const item = context.workbook.names.getItemOrNullObject(name);
      await context.sync();
      if (item.isNullObject) return null;
      const range = item.getRange().load('values');
      await context.sync();
      return range.values.map((row) => row.map(toPlanValue));
    });
  }

  /** Two syncs whatever the table's length. */
  async readTable(name: string): Promise<TableRead | null> {
    return this.run(async (context) => {
      const item = context.workbook.names.getItemOrNullObject(name);
      await context.sync();
      if (item.isNullObject) return null;
      const table = queueTableRead(item);
      await context.sync();
      const { sheet, row, col, values } = tableValues(table);
      return { sheet, row, col, values: withoutTrailingEmptyRows(values) };
    });
  }

  /**
   * Three syncs whatever the row count, in one Excel.run: find the name, read where the table ends, write all
   * the rows as one `formulas` block (one statement: if it fails, nothing of it is written). Excel has no
   * document lock for add-ins; the read and the write are one batch apart.
   */
  async appendRows(name: string, rows: PlanCell[][]): Promise<AppendedRows> {
    const what = `Could not append rows under "${name}"`;
    return this.run(async (context) => {
      const item = context.workbook.names.getItemOrNullObject(name);
      await context.sync();
      if (item.isNullObject)
        throw new Error(`${what}: there is no range with that name. Nothing was written.`);
      const table = queueTableRead(item);
      await context.sync();
      const { sheet, row, col, cols, values, worksheet } = tableValues(table);
      const wide = rows.find((r) => r.length > cols);
      if (wide !== undefined) {
        throw new Error(
          `${what}: a row has ${wide.length} cells but the table has ${cols} columns. Nothing was written.`,
        );
      }
      const next = row + withoutTrailingEmptyRows(values).length;
      if (rows.length === 0) return { sheet, row: next, count: 0 };
      const block = rows.map((r) => Array.from({ length: cols }, (_, c) => cellInput(r[c])));
      worksheet.getRangeByIndexes(next, col, rows.length, cols).formulas = block;
      try {
        await context.sync();
      } catch (error) {
        // eslint-disable-next-line preserve-caught-error -- Error's `cause` option is ES2022, beyond this add-in's lib (ES2020)
        throw new Error(`${what}: ${errorMessage(error)}. Nothing was written.`);
      }
      return { sheet, row: next, count: rows.length };
    });
  }

  async insertSheet(wanted: SheetPlan): Promise<InsertedSheet> {
    // Checked before anything is queued: a throw between queued statements would leave them to Excel.run.
    checkPlan(wanted);
    return this.run(async (context) => {
      const sheets = context.workbook.worksheets.load('items/name');
      const names = context.workbook.names.load('items/name');
      await context.sync();
      const name = freeSheetName(
        wanted.name,
        sheets.items.map((s) => s.name),
      );
      const plan = planForSheet(
        wanted,
        name,
        names.items.map((n) => n.name),
      );
      queueSheet(context, plan);
      try {
        await context.sync();
      } catch (error) {
        throw await rollBack(context, plan, error);
      }
      return { name, namedRanges: plan.namedRanges.map((n) => n.name) };
    });
  }
}

/** Everything the plan asks for, queued in one batch. Names go last so the rollback can rely on their order. */
function queueSheet(context: Excel.RequestContext, plan: SheetPlan): void {
  const sheet = context.workbook.worksheets.add(plan.name);
  const at = (r: CellRange): Excel.Range => sheet.getRangeByIndexes(r.row, r.col, r.rows, r.cols);
  if (plan.rows > 0 && plan.cols > 0) {
    // Constants and formulas in one block: `formulas` takes both (a constant is written as itself).
    at({ row: 0, col: 0, rows: plan.rows, cols: plan.cols }).formulas = cellBlock(plan);
  }
  for (const format of plan.formats) applyFormat(at(format.range), format);
  for (const validation of plan.validations) applyValidation(at(validation.range), validation);
  for (const rule of plan.conditionalFormats) applyConditionalFormat(at(rule.range), rule);
  for (const { col, width } of plan.columnWidths) {
    at({ row: 0, col, rows: 1, cols: 1 }).format.columnWidth = width * POINTS_PER_PIXEL;
  }
  if (plan.frozenRows > 0 && plan.frozenCols > 0) {
    sheet.freezePanes.freezeAt(at({ row: 0, col: 0, rows: plan.frozenRows, cols: plan.frozenCols }));
  } else if (plan.frozenRows > 0) {
    sheet.freezePanes.freezeRows(plan.frozenRows);
  } else if (plan.frozenCols > 0) {
    sheet.freezePanes.freezeColumns(plan.frozenCols);
  }
  for (const chart of plan.charts) queueChart(sheet, at, chart);
  for (const named of plan.namedRanges) context.workbook.names.add(named.name, at(named.range));
}

/** 'Line' and 'ColumnClustered' are Excel.ChartType.line / .columnClustered, as strings (no enum at run time). */
function queueChart(sheet: Excel.Worksheet, at: (r: CellRange) => Excel.Range, chart: PlanChart): void {
  const type = chart.kind === 'line' ? 'Line' : 'ColumnClustered';
  const added = sheet.charts.add(type, at(chart.data), 'Columns');
  added.title.text = chart.title;
  added.setPosition(at({ row: chart.anchor.row, col: chart.anchor.col, rows: 1, cols: 1 }));
}

interface QueuedTable {
  range: Excel.Range;
  area: Excel.Range;
  worksheet: Excel.Worksheet;
}

/**
 * Queues the loads for a table: the named range's position and the values of its columns over the rows the
 * range and the sheet's used range span together (rows above the range are cut off after the sync).
 */
function queueTableRead(item: Excel.NamedItem): QueuedTable {
  const range = item.getRange().load('rowIndex,columnIndex,columnCount');
  const worksheet = range.worksheet.load('name');
  const used = worksheet.getUsedRange(true);
  const area = range.getBoundingRect(used).getIntersection(range.getEntireColumn()).load('rowIndex,values');
  return { range, area, worksheet };
}

function tableValues(table: QueuedTable): {
  sheet: string;
  row: number;
  col: number;
  cols: number;
  values: PlanValue[][];
  worksheet: Excel.Worksheet;
} {
  const { range, area, worksheet } = table;
  const values = area.values.slice(range.rowIndex - area.rowIndex).map((r) => r.map(toPlanValue));
  return {
    sheet: worksheet.name,
    row: range.rowIndex,
    col: range.columnIndex,
    cols: range.columnCount,
    values,
    worksheet,
  };
}

/** What this adapter cannot write, refused up front. */
function checkPlan(plan: SheetPlan): void {
  for (const validation of plan.validations) {
    const bad = validation.kind === 'list' ? validation.list.find((item) => item.includes(',')) : undefined;
    if (bad !== undefined) {
      throw new Error(
        `Could not insert the sheet "${plan.name}": an Excel drop-down list cannot hold "${bad}" (its items are separated by commas).`,
      );
    }
  }
}

/** The plan's cells as one rows x cols block for `Range.formulas` (missing cells are '', i.e. empty). */
function cellBlock(plan: SheetPlan): (string | number | boolean)[][] {
  const block: (string | number | boolean)[][] = [];
  for (let r = 0; r < plan.rows; r++) {
    const row = plan.cells[r] ?? [];
    const line: (string | number | boolean)[] = [];
    for (let c = 0; c < plan.cols; c++) line.push(cellInput(row[c]));
    block.push(line);
  }
  return block;
}

/**
 * What to write for one cell. Excel parses what it is given as if typed, so text that would become a formula,
 * a number, a date or a boolean ("=x", "2026-07", "TRUE") gets the leading apostrophe that makes a cell text
 * (the apostrophe is Excel's prefix character, not part of the value: OfficeDev/office-js#6687 shows
 * `range.formulas` reading it away). An apostrophe rather than numberFormat '@': '@' would also turn whatever
 * the user types there later into text.
 */
export function cellInput(cell: PlanCell | undefined): string | number | boolean {
  if (cell === undefined) return '';
  if ('formula' in cell) return cell.formula;
  const v = cell.value;
  if (v === null) return '';
  if (typeof v !== 'string') return v;
  return needsTextPrefix(v) ? `'${v}` : v;
}

function needsTextPrefix(text: string): boolean {
  return /^[=+\-@'\d.]/.test(text) || /^(true|false)$/i.test(text.trim()) || /^\s/.test(text);
}

function applyFormat(range: Excel.Range, format: PlanFormat): void {
  const { rows, cols } = format.range;
  if (format.numberFormat !== undefined) range.numberFormat = fill(rows, cols, format.numberFormat);
  if (format.bold !== undefined) range.format.font.bold = format.bold;
  if (format.italic !== undefined) range.format.font.italic = format.italic;
  if (format.fontColor !== undefined) range.format.font.color = format.fontColor;
  if (format.background !== undefined) range.format.fill.color = format.background;
  if (format.wrap !== undefined) range.format.wrapText = format.wrap;
  if (format.horizontalAlignment !== undefined) {
    const alignments = { left: 'Left', center: 'Center', right: 'Right' } as const;
    range.format.horizontalAlignment = alignments[format.horizontalAlignment];
  }
}

function fill<T>(rows: number, cols: number, value: T): T[][] {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => value));
}

/** Excel.DataValidationRule: `list.source` is a comma-separated string, `decimal` a Between rule. */
function applyValidation(range: Excel.Range, validation: PlanValidation): void {
  if (validation.kind === 'list') {
    range.dataValidation.rule = { list: { inCellDropDown: true, source: validation.list.join(',') } };
  } else {
    range.dataValidation.rule = {
      decimal: { operator: 'Between', formula1: validation.min, formula2: validation.max },
    };
  }
  range.dataValidation.errorAlert = {
    showAlert: true,
    style: validation.strict ? 'Stop' : 'Warning',
    title: 'SE Toolkit',
    message:
      validation.kind === 'list'
        ? `Choose one of: ${validation.list.join(', ')}.`
        : `Enter a number from ${validation.min} to ${validation.max}.`,
  };
  if (validation.helpText !== undefined) {
    range.dataValidation.prompt = { showPrompt: true, title: 'SE Toolkit', message: validation.helpText };
  }
}

/**
 * "Text equals" as a cell-value rule (operator EqualTo, formula1 a string literal): Excel's text rule only
 * offers Contains / BeginsWith / EndsWith (Excel.ConditionalTextComparisonRule), which would also colour
 * longer text. 'CellValue' is Excel.ConditionalFormatType.cellValue, written as its string so no enum object
 * is needed at run time.
 */
function applyConditionalFormat(range: Excel.Range, rule: PlanConditionalFormat): void {
  const format = range.conditionalFormats.add('CellValue');
  format.cellValue.format.fill.color = rule.background;
  format.cellValue.format.font.color = rule.fontColor;
  format.cellValue.rule = { formula1: `="${rule.textEquals.replace(/"/g, '""')}"`, operator: 'EqualTo' };
}

/**
 * Sync 3 after a failed sync 2: delete the sheet, then the plan's names in the order they were added. The
 * batch stopped at its first failure, so the names that exist are a prefix of that order; if deleting a name
 * that was never made fails (ItemNotFound), every later one was never made either.
 */
async function rollBack(context: Excel.RequestContext, plan: SheetPlan, error: unknown): Promise<Error> {
  const reason = errorMessage(error);
  const failed = new Error(`Could not insert the sheet "${plan.name}": ${reason}. Nothing was added.`);
  context.workbook.worksheets.getItemOrNullObject(plan.name).delete();
  for (const named of plan.namedRanges) context.workbook.names.getItemOrNullObject(named.name).delete();
  try {
    await context.sync();
  } catch (cleanupError) {
    if ((cleanupError as { code?: unknown }).code !== 'ItemNotFound') {
      const why = errorMessage(cleanupError);
      return new Error(
        `Could not insert the sheet "${plan.name}": ${reason}. Removing the partly built sheet also failed ` +
          `(${why}): delete the sheet "${plan.name}" by hand.`,
      );
    }
  }
  return failed;
}

/**
 * The words of an error. Office.js rejects with OfficeExtension.Error (name RichApi.Error), which may come from
 * another realm than this code's Error, so `instanceof Error` is not relied on.
 */
export function errorMessage(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' && message !== '' ? message : String(error);
}

/** Excel reads an empty cell as ''; the port says null, as MemoryWorkbook does. */
function toPlanValue(v: unknown): PlanValue {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  return String(v);
}
