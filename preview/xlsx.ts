/**
 * Save and load for the preview: the MemoryWorkbook as an .xlsx (every sheet's current contents with formulas
 * and their computed values as cached results, the template's formats, validation, status colours and names
 * through scripts/lib/planToXlsx), and an .xlsx read back into a fresh MemoryWorkbook (values, formula text as
 * is, sheet names, defined names, number formats, bold, fills, font colours, status colours, frozen rows).
 * ExcelJS comes in as a parameter: the Node build in tests, the browser build in the page.
 */
import type * as ExcelJSModule from 'exceljs';
import { addPlanWorksheet } from '../scripts/lib/planToXlsx';
import type {
  CellRange,
  PlanCell,
  PlanConditionalFormat,
  PlanFormat,
  PlanNamedRange,
  PlanValue,
  SheetPlan,
} from '../src/templates/sheetPlan';
import { MemoryWorkbook } from './memoryWorkbook';

export type ExcelJs = Pick<typeof ExcelJSModule, 'Workbook'>;

/** A plan with nothing but its name and cells (a sheet the user made, or the base of an imported one). */
export function emptyPlan(name: string): SheetPlan {
  return {
    name,
    cells: [],
    rows: 0,
    cols: 0,
    formats: [],
    validations: [],
    conditionalFormats: [],
    namedRanges: [],
    columnWidths: [],
    frozenRows: 0,
    frozenCols: 0,
    charts: [],
  };
}

/** The cells of a sheet as they are now (edits and appended rows included), as plan cells. */
export function currentCells(wb: MemoryWorkbook, sheet: string): PlanCell[][] {
  return wb.sheetSerialized(sheet).map((row) =>
    row.map((raw): PlanCell => {
      if (typeof raw === 'string' && raw.startsWith('=')) return { formula: raw };
      // HyperFormula keeps a text constant that looks like a formula or number with its apostrophe.
      if (typeof raw === 'string' && raw.startsWith("'")) return { value: raw.slice(1) };
      if (typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean')
        return { value: raw };
      return { value: null };
    }),
  );
}

/** The workbook as .xlsx bytes. */
export async function exportXlsx(wb: MemoryWorkbook, excel: ExcelJs): Promise<ArrayBuffer> {
  const book = new excel.Workbook();
  book.creator = 'SE Toolkit preview';
  book.calcProperties.fullCalcOnLoad = true;
  const names = wb.namedRangeEntries();
  for (const sheet of await wb.sheetNames()) {
    const cells = currentCells(wb, sheet);
    const base = wb.plans.get(sheet) ?? emptyPlan(sheet);
    const plan: SheetPlan = {
      ...base,
      name: sheet,
      cells,
      rows: Math.max(base.rows, cells.length),
      cols: Math.max(base.cols, ...cells.map((r) => r.length)),
      // The names as the workbook holds them now (a plan's names may have been suffixed on insert).
      namedRanges: names.filter((n) => n.sheet === sheet).map((n) => ({ name: n.name, range: n.range })),
    };
    addPlanWorksheet(book, plan, { results: wb.sheetValues(sheet) });
  }
  return (await book.xlsx.writeBuffer()) as ArrayBuffer;
}

type Ws = ExcelJSModule.Worksheet;
type XCell = ExcelJSModule.Cell;

/** Reads an .xlsx into a new MemoryWorkbook (built by `make`, e.g. with the custom functions registered). */
export async function importXlsx(
  data: ArrayBuffer | Uint8Array,
  excel: ExcelJs,
  make: () => MemoryWorkbook = () => new MemoryWorkbook(),
): Promise<MemoryWorkbook> {
  const book = new excel.Workbook();
  await book.xlsx.load(data as ArrayBuffer);
  const plans: SheetPlan[] = [];
  book.eachSheet((ws) => plans.push(sheetPlan(ws)));
  for (const n of definedNames(book)) {
    const plan = plans.find((p) => p.name === n.sheet);
    if (plan !== undefined) plan.namedRanges.push({ name: n.name, range: n.range });
  }
  const wb = make();
  for (const plan of plans) {
    const { name } = await wb.insertSheet(plan);
    if (name !== plan.name) throw new Error(`the file has two sheets named ${plan.name}`);
  }
  return wb;
}

function sheetPlan(ws: Ws): SheetPlan {
  const plan = emptyPlan(ws.name);
  const cells: PlanCell[][] = [];
  const formats: PlanFormat[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const r = rowNumber - 1;
    const line: PlanCell[] = (cells[r] = []);
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      const c = colNumber - 1;
      while (line.length < c) line.push({ value: null });
      line.push(planCell(cell));
      const format = cellFormat(cell, { row: r, col: c, rows: 1, cols: 1 });
      if (format !== null) formats.push(format);
    });
  });
  for (let r = 0; r < cells.length; r++) cells[r] ??= [];
  plan.cells = cells;
  plan.rows = cells.length;
  plan.cols = Math.max(0, ...cells.map((r) => r.length));
  plan.formats = formats;
  plan.conditionalFormats = conditionalFormats(ws);
  const view = ws.views?.[0] as { state?: string; xSplit?: number; ySplit?: number } | undefined;
  if (view?.state === 'frozen') {
    plan.frozenRows = view.ySplit ?? 0;
    plan.frozenCols = view.xSplit ?? 0;
  }
  (ws.columns ?? []).forEach((col, i) => {
    if (col.width !== undefined) plan.columnWidths.push({ col: i, width: Math.round(col.width * 7) });
  });
  return plan;
}

/** Excel's day 0 (1899-12-30), for Date cells back to serial day numbers. */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

function scalar(v: unknown): PlanValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return (v.getTime() - EXCEL_EPOCH) / 86400000;
  if (typeof v === 'object') {
    if ('richText' in v) return (v as { richText: { text: string }[] }).richText.map((t) => t.text).join('');
    if ('text' in v) return String((v as { text: unknown }).text); // hyperlink
    if ('error' in v) return String((v as { error: unknown }).error);
  }
  return String(v);
}

function planCell(cell: XCell): PlanCell {
  const formula = cell.formula as string | undefined;
  if (typeof formula === 'string' && formula !== '') return { formula: `=${formula}` };
  return { value: scalar(cell.value) };
}

/** "#RRGGBB" from ExcelJS's { argb: "FFRRGGBB" }. */
function hex(color: unknown): string | undefined {
  const argb = (color as { argb?: unknown } | undefined)?.argb;
  if (typeof argb !== 'string' || !/^[0-9a-f]{8}$/i.test(argb)) return undefined;
  return `#${argb.slice(2).toLowerCase()}`;
}

function cellFormat(cell: XCell, range: CellRange): PlanFormat | null {
  const f: PlanFormat = { range };
  if (typeof cell.numFmt === 'string' && cell.numFmt !== '' && cell.numFmt !== 'General')
    f.numberFormat = cell.numFmt;
  if (cell.font?.bold === true) f.bold = true;
  if (cell.font?.italic === true) f.italic = true;
  const fontColor = hex(cell.font?.color);
  if (fontColor !== undefined) f.fontColor = fontColor;
  const fill = cell.fill as { type?: string; pattern?: string; fgColor?: unknown } | undefined;
  if (fill?.type === 'pattern' && fill.pattern === 'solid') {
    const background = hex(fill.fgColor);
    if (background !== undefined) f.background = background;
  }
  if (cell.alignment?.wrapText === true) f.wrap = true;
  const h = cell.alignment?.horizontal;
  if (h === 'left' || h === 'center' || h === 'right') f.horizontalAlignment = h;
  return Object.keys(f).length > 1 ? f : null;
}

/** Status colours back: an expression rule `A1="On track"` with a fill becomes a text-equals rule. */
function conditionalFormats(ws: Ws): PlanConditionalFormat[] {
  const out: PlanConditionalFormat[] = [];
  const blocks = (ws as unknown as { conditionalFormattings?: unknown[] }).conditionalFormattings ?? [];
  for (const block of blocks as { ref: string; rules: Record<string, unknown>[] }[]) {
    const range = parseRange(block.ref);
    if (range === null) continue;
    for (const rule of block.rules) {
      const formula = (rule.formulae as string[] | undefined)?.[0];
      const m = formula === undefined ? null : /^\$?[A-Z]+\$?\d+="((?:[^"]|"")*)"$/.exec(formula);
      const style = rule.style as {
        fill?: { fgColor?: unknown; bgColor?: unknown };
        font?: { color?: unknown };
      };
      const background = hex(style?.fill?.bgColor) ?? hex(style?.fill?.fgColor);
      if (m === null || background === undefined) continue;
      out.push({
        range,
        textEquals: m[1].replace(/""/g, '"'),
        background,
        fontColor: hex(style?.font?.color) ?? '#000000',
      });
    }
  }
  return out;
}

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** "A1:C10" or "$A$1" (no sheet) as a 0-based range. */
export function parseRange(ref: string): CellRange | null {
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/i.exec(ref.trim());
  if (m === null) return null;
  const c1 = colNumber(m[1]) - 1;
  const r1 = Number(m[2]) - 1;
  const c2 = m[3] === undefined ? c1 : colNumber(m[3]) - 1;
  const r2 = m[4] === undefined ? r1 : Number(m[4]) - 1;
  return {
    row: Math.min(r1, r2),
    col: Math.min(c1, c2),
    rows: Math.abs(r2 - r1) + 1,
    cols: Math.abs(c2 - c1) + 1,
  };
}

/** The workbook's defined names that point at one block of one sheet. */
function definedNames(book: ExcelJSModule.Workbook): (PlanNamedRange & { sheet: string })[] {
  const model = (book.definedNames as unknown as { model: { name: string; ranges: string[] }[] }).model;
  const out: (PlanNamedRange & { sheet: string })[] = [];
  for (const entry of model) {
    if (entry.ranges.length !== 1) continue;
    const m = /^(?:'((?:[^']|'')+)'|([^!]+))!(.+)$/.exec(entry.ranges[0]);
    if (m === null) continue;
    const range = parseRange(m[3]);
    if (range === null) continue;
    out.push({ name: entry.name, sheet: m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2], range });
  }
  return out;
}
