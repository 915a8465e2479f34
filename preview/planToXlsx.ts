/**
 * SheetPlan → ExcelJS worksheet: what the template export writes, and what the preview's .xlsx download can
 * reuse. Plain data in, an ExcelJS sheet out: no host globals and no file system here, and ExcelJS is only
 * imported for its types so the caller brings its own Workbook (Node or browser build).
 */
import type {
  Cell,
  CellErrorValue,
  ConditionalFormattingOptions,
  DataValidation,
  Style,
  Workbook,
  Worksheet,
} from 'exceljs';
import { a1, quoteSheet, rangeA1 } from '../src/templates/a1';
import type {
  CellRange,
  PlanConditionalFormat,
  PlanFormat,
  PlanValidation,
  PlanValue,
  SheetPlan,
} from '../src/templates/sheetPlan';

/** Excel's column width unit is roughly one digit of the default font, about 7 pixels at 100 %. */
export const PIXELS_PER_WIDTH_UNIT = 7;

/** Excel caps a list validation's inline item string at 255 characters. */
const MAX_INLINE_LIST = 255;

const ERROR_VALUES: readonly CellErrorValue['error'][] = [
  '#N/A',
  '#REF!',
  '#NAME?',
  '#DIV/0!',
  '#NULL!',
  '#VALUE!',
  '#NUM!',
];

export interface PlanToXlsxOptions {
  /**
   * The computed value of every cell (e.g. HyperFormula's), written as each formula's cached result so viewers
   * that never recalculate still show numbers. Without it formulas carry no cached result.
   */
  results?: PlanValue[][];
  /**
   * Rewrites each formula's text as written (without its "="), e.g. SE function names as Excel stores them
   * (excelFunctionNames.ts: `SE_SCORE(` → `_xldudf_SE_SCORE(`). Default: as planned.
   */
  formulaText?: (formula: string) => string;
  /**
   * Whole cell styles to start from (an imported sheet's, as ExcelJS read them): set before the plan's formats,
   * which then add to them.
   */
  styles?: readonly { row: number; col: number; style: Partial<Style> }[];
  /** Merged ranges (an imported sheet's): each merged unless a covered cell holds something (then `lost`). */
  merges?: readonly CellRange[];
  /**
   * Rules ExcelJS already holds in its own form (an imported sheet's conditional formats, read by ExcelJS):
   * written as they are, in place of the plan's `conditionalFormats`.
   */
  conditionalFormats?: readonly ConditionalFormattingOptions[];
  /** Validations in ExcelJS's form, one per address (an imported sheet's), after the plan's own. */
  validations?: readonly { address: string; rule: DataValidation }[];
  /** What could not be written, by kind ("merged ranges over cells that hold something"), counted. */
  lost?: (kind: string) => void;
}

/** Adds `plan` as a new worksheet named `plan.name` (the caller picks a free name, as the Workbook port does). */
export function addPlanWorksheet(
  workbook: Workbook,
  plan: SheetPlan,
  options: PlanToXlsxOptions = {},
): Worksheet {
  const sheet = workbook.addWorksheet(plan.name, {
    views: [
      plan.frozenRows > 0 || plan.frozenCols > 0
        ? { state: 'frozen', xSplit: plan.frozenCols, ySplit: plan.frozenRows }
        : { state: 'normal' },
    ],
  });
  writeCells(sheet, plan, options.results, options.formulaText ?? ((f) => f));
  for (const s of options.styles ?? []) sheet.getCell(s.row + 1, s.col + 1).style = { ...s.style };
  for (const f of plan.formats) applyFormat(sheet, f);
  for (const v of plan.validations) applyValidation(sheet, v);
  for (const v of options.validations ?? [])
    (sheet as unknown as SheetValidations).dataValidations.add(v.address, v.rule);
  for (const m of options.merges ?? []) mergeIfEmpty(sheet, plan, m, options.lost);
  for (const cf of options.conditionalFormats ?? [])
    // A copy: ExcelJS numbers the rules and adds their styles as it writes.
    sheet.addConditionalFormatting(JSON.parse(JSON.stringify(cf)) as ConditionalFormattingOptions);
  // One block per range, its rules in plan order (the first match wins, as in the hosts).
  const blocks = new Map<string, PlanConditionalFormat[]>();
  for (const c of options.conditionalFormats === undefined ? plan.conditionalFormats : []) {
    const ref = rangeA1(c.range);
    blocks.set(ref, [...(blocks.get(ref) ?? []), c]);
  }
  let priority = 1;
  for (const [ref, rules] of blocks)
    sheet.addConditionalFormatting({
      ref,
      rules: rules.map((c) => ({
        type: 'expression',
        priority: priority++,
        // Relative to the range's top-left cell, as Excel reads a conditional formula; exact text equality.
        formulae: [`${a1(c.range.row, c.range.col)}=${excelString(c.textEquals)}`],
        style: {
          fill: {
            type: 'pattern',
            pattern: 'solid',
            fgColor: argb(c.background),
            bgColor: argb(c.background),
          },
          font: { color: argb(c.fontColor) },
        },
      })),
    });
  for (const w of plan.columnWidths)
    sheet.getColumn(w.col + 1).width = Math.round((w.width / PIXELS_PER_WIDTH_UNIT) * 100) / 100;
  for (const n of plan.namedRanges)
    workbook.definedNames.add(`${quoteSheet(plan.name)}!${rangeA1(n.range, true)}`, n.name);
  // Charts (PlanChart) have no ExcelJS API; the templates draw none today.
  return sheet;
}

/**
 * Merges `m` when every cell it covers but the first is empty, as a host merges only then without asking;
 * otherwise leaves the cells unmerged (nothing typed is lost) and counts it.
 */
function mergeIfEmpty(sheet: Worksheet, plan: SheetPlan, m: CellRange, lost?: (kind: string) => void): void {
  if (m.rows * m.cols < 2) return;
  for (let r = m.row; r < m.row + m.rows; r++)
    for (let c = m.col; c < m.col + m.cols; c++) {
      if (r === m.row && c === m.col) continue;
      const cell = plan.cells[r]?.[c];
      if (cell !== undefined && ('formula' in cell || (cell.value !== null && cell.value !== ''))) {
        lost?.('merged ranges over cells that now hold something (left unmerged)');
        return;
      }
    }
  try {
    sheet.mergeCells(m.row + 1, m.col + 1, m.row + m.rows, m.col + m.cols);
  } catch {
    lost?.('merged ranges overlapping another');
  }
}

/** The function names a formula calls (outside string literals), upper-cased: for portability checks. */
export function formulaFunctions(formula: string): string[] {
  const code = formula.replace(/"(?:[^"]|"")*"/g, '""');
  return [...code.matchAll(/([A-Za-z_][A-Za-z0-9_.]*)\s*\(/g)].map((m) => m[1].toUpperCase());
}

function writeCells(
  sheet: Worksheet,
  plan: SheetPlan,
  results: PlanValue[][] | undefined,
  formulaText: (formula: string) => string,
): void {
  plan.cells.forEach((row, r) =>
    row.forEach((planCell, c) => {
      const cell = sheet.getCell(r + 1, c + 1);
      if ('formula' in planCell) {
        const formula = formulaText(planCell.formula.replace(/^=/, ''));
        const computed = results?.[r]?.[c];
        cell.value =
          computed === undefined || computed === null ? { formula } : { formula, result: toResult(computed) };
      } else if (planCell.value !== null && planCell.value !== '') {
        // An empty text constant is a blank cell in every host, so it is left out. A constant that starts with
        // "=" stays text: ExcelJS writes strings as strings, never as formulas.
        cell.value = planCell.value;
      }
    }),
  );
}

function toResult(v: Exclude<PlanValue, null>): number | string | boolean | CellErrorValue {
  if (typeof v === 'string' && (ERROR_VALUES as readonly string[]).includes(v))
    return { error: v as CellErrorValue['error'] };
  return v;
}

function eachCell(sheet: Worksheet, range: CellRange, fn: (cell: Cell) => void): void {
  for (let r = 0; r < range.rows; r++)
    for (let c = 0; c < range.cols; c++) fn(sheet.getCell(range.row + r + 1, range.col + c + 1));
}

function applyFormat(sheet: Worksheet, f: PlanFormat): void {
  eachCell(sheet, f.range, (cell) => {
    // Later formats add to earlier ones on the same cell (a bold header that is also wrapped), as in the hosts.
    const style: Partial<Style> = {};
    if (f.numberFormat !== undefined) style.numFmt = f.numberFormat;
    if (f.bold !== undefined || f.italic !== undefined || f.fontColor !== undefined)
      style.font = {
        ...cell.font,
        ...(f.bold === undefined ? {} : { bold: f.bold }),
        ...(f.italic === undefined ? {} : { italic: f.italic }),
        ...(f.fontColor === undefined ? {} : { color: argb(f.fontColor) }),
      };
    if (f.background !== undefined)
      style.fill = { type: 'pattern', pattern: 'solid', fgColor: argb(f.background) };
    if (f.wrap !== undefined || f.horizontalAlignment !== undefined)
      style.alignment = {
        ...cell.alignment,
        ...(f.wrap === undefined ? {} : { wrapText: f.wrap }),
        ...(f.horizontalAlignment === undefined ? {} : { horizontal: f.horizontalAlignment }),
      };
    if (style.numFmt !== undefined) cell.numFmt = style.numFmt;
    if (style.font !== undefined) cell.font = style.font;
    if (style.fill !== undefined) cell.fill = style.fill;
    if (style.alignment !== undefined) cell.alignment = style.alignment;
  });
}

/** ExcelJS keeps a sheet's validations by address; its typings leave this collection out. */
interface SheetValidations {
  dataValidations: { add(address: string, validation: DataValidation): void };
}

function applyValidation(sheet: Worksheet, v: PlanValidation): void {
  // One rule for the whole range. Per-cell rules get squeezed back by ExcelJS into overlapping ranges
  // (it sorts A10 before A7), so the range goes in as one address.
  (sheet as unknown as SheetValidations).dataValidations.add(rangeA1(v.range), validationRule(v));
}

/** The ExcelJS rule for a plan validation (exported for tests). */
export function validationRule(v: PlanValidation): DataValidation {
  const common = {
    allowBlank: true,
    showErrorMessage: true,
    errorStyle: v.strict ? 'stop' : 'warning',
    ...(v.helpText === undefined ? {} : { showInputMessage: true, prompt: v.helpText }),
  };
  if (v.kind === 'number')
    return {
      ...common,
      type: 'decimal',
      operator: 'between',
      formulae: [v.min, v.max],
      error: `Enter a number from ${v.min} to ${v.max}.`,
    };
  for (const item of v.list)
    if (/[,"]/.test(item)) throw new Error(`list item ${JSON.stringify(item)} cannot go in an inline list`);
  const inline = v.list.join(',');
  if (inline.length > MAX_INLINE_LIST)
    throw new Error(`list validation over ${MAX_INLINE_LIST} characters: ${inline.slice(0, 40)}…`);
  return {
    ...common,
    type: 'list',
    formulae: [`"${inline}"`],
    error: `Pick one of: ${v.list.join(', ')}.`,
  };
}

function excelString(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

function argb(hex: string): { argb: string } {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex);
  if (m === null) throw new Error(`colour ${hex} is not #rrggbb`);
  return { argb: `FF${m[1].toUpperCase()}` };
}
