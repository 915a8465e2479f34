/**
 * Save and load for the preview: the MemoryWorkbook as an .xlsx (every sheet's current contents with formulas
 * and their computed values as cached results, the template's formats, validation, status colours and names
 * through preview/planToXlsx), and an .xlsx read back into a fresh MemoryWorkbook (values, formula text as
 * is, sheet names, defined names, number formats, bold, fills, font colours, status colours, frozen rows).
 * ExcelJS comes in as a parameter: the Node build in tests, the browser build in the page.
 *
 * An imported file is untrusted: xlsxCheck inspects it first, against limits that each refusal names, and only
 * what passes reaches ExcelJS and the formula engine. A refused import changes nothing: the new workbook is
 * built on the side and only handed back whole.
 */
import type * as ExcelJSModule from 'exceljs';
import { addPlanWorksheet } from './planToXlsx';
import {
  toExcelFunctionNames,
  toSheetsFunctionNames,
  type SeFunctionName,
} from '../src/values/excelFunctionNames';
import type {
  CellRange,
  PlanCell,
  PlanConditionalFormat,
  PlanFormat,
  PlanValue,
  SheetPlan,
} from '../src/templates/sheetPlan';
import { HyperFormula, type RawCellContent } from 'hyperformula';
import { registerExtraFunctions } from './extraFunctions';
import { cellName, functionsCalled, translateFormula } from './importFormulas';
import { MemoryWorkbook } from './memoryWorkbook';
import { collectPrefixes, withExcelPrefixes } from './excelPrefixes';
import { addParts, type SheetParts, type TableOut } from './xlsxParts';
import { chartFormat, type ChartOut } from './chartData';

/** `{ key: value }`, or nothing when the value is undefined (for exactOptionalPropertyTypes). */
const optional = <K extends string, V>(key: K, value: V | undefined): { [k in K]?: V } =>
  value === undefined ? {} : ({ [key]: value } as { [k in K]: V });
import {
  ImportRefused,
  inspectXlsx,
  type InspectedHyperlink,
  type InspectedNote,
  type InspectedName,
  type InspectedTable,
  type InspectedValidation,
  type LeftOut,
} from './xlsxCheck';

export { checkImportFile, IMPORT_LIMITS, ImportRefused } from './xlsxCheck';

export type ExcelJs = Pick<typeof ExcelJSModule, 'Workbook'>;

/** The longest row's length (a loop: spreading 100,000 rows into Math.max overflows the stack). */
function widest(rows: readonly { length: number }[]): number {
  let n = 0;
  for (const r of rows) if (r.length > n) n = r.length;
  return n;
}

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

/**
 * The cells of a sheet as they are now (edits and appended rows included), as plan cells: formulas as formulas,
 * everything else as the value the cell holds (a typed 007 is the number 7, text kept as text is text).
 */
export function currentCells(wb: MemoryWorkbook, sheet: string): PlanCell[][] {
  const values = wb.sheetValues(sheet);
  return wb.sheetSerialized(sheet).map((row, r) =>
    row.map((raw, c): PlanCell => {
      if (typeof raw === 'string' && raw.startsWith('=')) return { formula: raw };
      if (raw === null || raw === undefined || raw === '') return { value: null };
      const value = values[r]?.[c] ?? null;
      // A constant the engine reads as an error (#N/A typed in) is exported as the text it was.
      if (
        typeof raw === 'string' &&
        typeof value === 'string' &&
        value.startsWith('#') &&
        !raw.startsWith("'")
      )
        return { value: raw };
      return { value };
    }),
  );
}

/** An export: the file's bytes, and what it could not write, by kind, with counts (none when all went). */
export interface ExportedWorkbook {
  bytes: ArrayBuffer;
  lost: LeftOut[];
}

/**
 * The workbook as .xlsx bytes. `seFunctions` (the add-in's registry) turns the SE functions' Sheets names into
 * the form Excel saves them in (`SE_SCORE(` → `_xldudf_SE_SCORE(`), so the file opens in Excel with the add-in's
 * functions bound. Functions newer than Excel 2007 get back the `_xlfn.` prefix Excel stores them with.
 */
export async function exportXlsx(
  wb: MemoryWorkbook,
  excel: ExcelJs,
  seFunctions: readonly SeFunctionName[] = [],
): Promise<ArrayBuffer> {
  return (await exportWorkbook(wb, excel, seFunctions)).bytes;
}

/**
 * The export with what it could not carry: every sheet's cells (formulas as formulas, with their computed
 * results), formats, names, and what an import kept of the file (merges, data validations, conditional
 * formats, Excel tables) written back; the plans' charts drawn as real charts. What cannot go (a merge over a
 * cell typed into since, a table whose header row no longer names its columns…) is counted in `lost`.
 */
export async function exportWorkbook(
  wb: MemoryWorkbook,
  excel: ExcelJs,
  seFunctions: readonly SeFunctionName[] = [],
): Promise<ExportedWorkbook> {
  const book = new excel.Workbook();
  book.creator = 'SE Toolkit preview';
  book.calcProperties.fullCalcOnLoad = true;
  const names = wb.namedRangeEntries();
  const lostCounts = new Map<string, number>();
  const lost = (kind: string, n = 1): void => void lostCounts.set(kind, (lostCounts.get(kind) ?? 0) + n);
  // Prefixes the imported file's formulas carried, for functions newer than withExcelPrefixes' list.
  const seen = new Map<string, string>();
  for (const plan of wb.plans.values())
    for (const [f, p] of (plan as ImportedPlan).kept?.prefixes ?? []) if (!seen.has(f)) seen.set(f, p);
  const formulaText = (f: string): string =>
    withExcelPrefixes(seFunctions.length === 0 ? f : toExcelFunctionNames(f, seFunctions, 'file'), seen);
  const parts: SheetParts[] = [];
  const tableNames = new Set(names.map((n) => n.name.toLowerCase()));
  for (const sheet of await wb.sheetNames()) {
    const cells = currentCells(wb, sheet);
    const base: ImportedPlan = wb.plans.get(sheet) ?? emptyPlan(sheet);
    const results = wb.sheetValues(sheet);
    const plan: SheetPlan = {
      ...base,
      name: sheet,
      cells,
      rows: Math.max(base.rows, cells.length),
      cols: Math.max(base.cols, widest(cells)),
      // The names as the workbook holds them now (a plan's names may have been suffixed on insert).
      namedRanges: names.filter((n) => n.sheet === sheet).map((n) => ({ name: n.name, range: n.range })),
    };
    const kept = base.kept;
    const ws = addPlanWorksheet(book, plan, {
      results,
      formulaText,
      merges: mergesOf(base),
      ...optional('styles', kept?.styles),
      ...(kept === undefined
        ? {}
        : {
            conditionalFormats: kept.conditionalFormats,
            validations: kept.validations.flatMap((v) => validationOut(v, lost)),
          }),
      lost,
    });
    if (kept !== undefined) applyLayout(ws, kept.layout);
    for (const h of kept?.hyperlinks ?? []) {
      // A link sits on a text cell; one whose cell now holds a number or a formula is left off, and said.
      const cell = ws.getCell(h.row + 1, h.col + 1);
      if (typeof cell.value === 'string')
        cell.value = { text: cell.value, hyperlink: h.target, ...optional('tooltip', h.tooltip) };
      else lost('hyperlinks on cells that no longer hold text');
    }
    for (const n of kept?.notes ?? []) ws.getCell(n.row + 1, n.col + 1).note = n.text;
    if (kept !== undefined && kept.tableReferences > 0)
      lost(
        'formulas with table references (Sales[Units]), written with the plain ranges they stand for',
        kept.tableReferences,
      );
    if (kept !== undefined && kept.charts > 0)
      lost(
        'charts written back as plain line or column charts (their own colours, fonts and axis settings are not carried)',
        kept.charts,
      );
    const tables: TableOut[] = [];
    for (const t of kept?.tables ?? []) {
      const out = tableOut(t, cells, tableNames);
      if (typeof out === 'string') lost(out);
      else {
        tables.push(out);
        tableNames.add(out.name.toLowerCase());
      }
    }
    const charts: ChartOut[] = base.charts.map((chart) => ({
      chart,
      ...optional('numberFormat', chartFormat(base.formats, chart)),
      values: results
        .slice(chart.data.row, chart.data.row + chart.data.rows)
        .map((r) => Array.from({ length: chart.data.cols }, (_, k) => r[chart.data.col + k] ?? null)),
    }));
    parts.push({ id: ws.id, name: sheet, tables, charts, notes: (kept?.notes.length ?? 0) > 0 });
  }
  const written = await addParts((await book.xlsx.writeBuffer()) as ArrayBuffer, parts);
  const bytes = written.buffer.slice(
    written.byteOffset,
    written.byteOffset + written.byteLength,
  ) as ArrayBuffer;
  return { bytes, lost: [...lostCounts].map(([kind, count]) => ({ kind, count })) };
}

/** One cell range of a validation's sqref as ExcelJS takes it ("B2" or "B2:B20"). */
const SQREF_PART = /^[A-Z]{1,3}[0-9]{1,7}(?::[A-Z]{1,3}[0-9]{1,7})?$/;

/** A kept validation as ExcelJS writes it, one per range of its sqref; or nothing, counted as lost. */
function validationOut(
  v: InspectedValidation,
  lost: (kind: string) => void,
): { address: string; rule: ExcelJSModule.DataValidation }[] {
  const ranges = v.sqref
    .replace(/\$/g, '')
    .split(/\s+/)
    .filter((r) => r !== '');
  if (ranges.length === 0 || !ranges.every((r) => SQREF_PART.test(r))) {
    lost('data validations over ranges the export cannot write');
    return [];
  }
  let formulae: unknown[] = v.formulae;
  if (v.type === 'date') {
    // ExcelJS writes a date rule's bounds from Dates: a serial number goes in as the Date it stands for.
    if (!v.formulae.every((f) => /^-?\d+(\.\d+)?$/.test(f.trim()))) {
      lost('date validations bounded by a formula');
      return [];
    }
    formulae = v.formulae.map((f) => new Date((Number(f) - 25569) * 86400000));
  }
  const rule = {
    type: v.type === 'none' ? 'any' : v.type,
    allowBlank: v.allowBlank,
    showInputMessage: v.showInputMessage,
    showErrorMessage: v.showErrorMessage,
    formulae,
    ...(v.operator === undefined ? {} : { operator: v.operator }),
    ...(v.errorStyle === undefined ? {} : { errorStyle: v.errorStyle }),
    ...(v.errorTitle === undefined ? {} : { errorTitle: v.errorTitle }),
    ...(v.error === undefined ? {} : { error: v.error }),
    ...(v.promptTitle === undefined ? {} : { promptTitle: v.promptTitle }),
    ...(v.prompt === undefined ? {} : { prompt: v.prompt }),
  } as unknown as ExcelJSModule.DataValidation;
  return ranges.map((address) => ({ address, rule }));
}

/**
 * An imported table as it can be written now: its header row must still name its columns (text, each once),
 * as Excel requires; otherwise the reason it is left out. Its formulas were made plain ranges on import, so
 * they compute with or without it.
 */
function tableOut(t: InspectedTable, cells: PlanCell[][], taken: ReadonlySet<string>): TableOut | string {
  if (taken.has(t.name.toLowerCase())) return 'Excel tables whose name another name now holds';
  let columns = t.columns;
  if (t.headerRows > 0) {
    const header = cells[t.range.row] ?? [];
    columns = Array.from({ length: t.range.cols }, (_, k) => {
      const cell = header[t.range.col + k];
      return cell !== undefined && 'value' in cell && typeof cell.value === 'string' ? cell.value : '';
    });
    const seen = new Set(columns.map((c) => c.toLowerCase()));
    if (columns.some((c) => c.trim() === '') || seen.size !== columns.length)
      return 'Excel tables whose header row no longer names each column once (written as plain cells)';
  }
  return {
    name: t.name,
    range: t.range,
    headerRows: t.headerRows,
    totalsRows: t.totalsRows,
    columns,
    ...(t.style === undefined ? {} : { style: t.style }),
  };
}

type Ws = ExcelJSModule.Worksheet;
type XCell = ExcelJSModule.Cell;

/** What an import keeps of a sheet that the preview does not use itself, to write it back on export. */
export interface KeptFromFile {
  /** Data validations (drop-downs, number and date rules), as the file has them. */
  validations: InspectedValidation[];
  /** Conditional formats as ExcelJS read them (the plan's `conditionalFormats` are those the grid draws). */
  conditionalFormats: ExcelJSModule.ConditionalFormattingOptions[];
  /** The sheet's Excel tables. */
  tables: InspectedTable[];
  /** Its formulas that referred to tables by name and now do by plain range (they compute the same). */
  tableReferences: number;
  /** Its charts the preview draws (the plan's `charts`): written back in the preview's own plain style. */
  charts: number;
  /** The `_xlfn.` prefixes its formulas carried, by function name, to write them back as they were. */
  prefixes: Map<string, string>;
  /** Rows with a height of their own or hidden, columns hidden or grouped, and the sheet's own settings. */
  layout: SheetLayout;
  /** Hyperlinks, one per cell: written back on the cells that still hold text. */
  hyperlinks: InspectedHyperlink[];
  /** Cells' notes (Excel's comments), written back as notes. */
  notes: InspectedNote[];
  /**
   * Every cell's whole style as ExcelJS read it (borders, fonts, fills, alignment, protection, number format),
   * empty cells' too: written back as it was, under the formats the preview draws. ExcelJS shares one object
   * per style of the file, so this holds references, not copies.
   */
  styles: { row: number; col: number; style: Partial<ExcelJSModule.Style> }[];
}

/** What a sheet's look holds beyond its cells, as ExcelJS reads and writes it. */
export interface SheetLayout {
  rows: { row: number; height?: number; hidden?: boolean; outlineLevel?: number }[];
  columns: { col: number; hidden?: boolean; outlineLevel?: number }[];
  /** A filter's range outside any table ("A1:D20"). */
  autoFilter?: string;
  /** Hidden or very hidden sheets stay so. */
  state?: 'hidden' | 'veryHidden';
  tabColor?: { argb: string };
}

/** A sheet's plan as an import makes it: its merged ranges kept for the grid to draw, and what it writes back. */
export type ImportedPlan = SheetPlan & { merges?: CellRange[]; kept?: KeptFromFile };

/** A sheet plan's merged ranges (none for a template's). */
export const mergesOf = (plan: SheetPlan | undefined): readonly CellRange[] =>
  (plan as ImportedPlan | undefined)?.merges ?? [];

/** Formulas the preview cannot compute as the file's program does, by reason, with their cells (`Data!B2`). */
export interface CannotCompute {
  /** Why, in the user's words: "the function INDIRECT", "table Sales has no column “Cost”"… */
  what: string;
  cells: string[];
}

export interface ImportedWorkbook {
  workbook: MemoryWorkbook;
  /** What the file holds that the preview left out (a name it cannot hold, a chart sheet), to tell the user. */
  notes: string[];
  /** Every formula the preview cannot compute, grouped by why (empty when everything computes). */
  cannotCompute: CannotCompute[];
  /** Charts, pivot tables, slicers… in the file that the preview neither shows nor exports, with counts. */
  leftOut: LeftOut[];
}

/**
 * Reads an .xlsx into a new MemoryWorkbook (built by `make`, e.g. with the custom functions registered), or
 * throws ImportRefused saying which limit or problem stopped it. `excel` may be a loader, called only once the
 * file has passed its checks (the page loads ExcelJS on first use).
 */
export async function importXlsx(
  data: ArrayBuffer | Uint8Array,
  excel: ExcelJs | (() => Promise<ExcelJs>),
  make: () => MemoryWorkbook = () => new MemoryWorkbook(),
  seFunctions: readonly SeFunctionName[] = [],
): Promise<ImportedWorkbook> {
  // Before the engine is built: an engine knows the functions registered when it was made.
  registerExtraFunctions();
  const wb = make();
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  const inspected = await inspectXlsx(bytes, { rows: wb.engine.getConfig().maxRows });
  const lib = typeof excel === 'function' ? await excel() : excel;
  const book = new lib.Workbook();
  try {
    await book.xlsx.load(inspected.bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw new ImportRefused(
      `the preview could not read this workbook (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const maxRows = wb.engine.getConfig().maxRows;
  const plans: ImportedPlan[] = [];
  const problems = new Problems();
  const leftOut = new Map(inspected.leftOut.map((l) => [l.kind, l.count]));
  const leave = (kind: string): void => void leftOut.set(kind, (leftOut.get(kind) ?? 0) + 1);
  book.eachSheet((ws) => {
    const plan: ImportedPlan = sheetPlan(ws, maxRows, inspected.tables, problems, seFunctions);
    plan.merges = inspected.merges.get(ws.name) ?? [];
    plan.charts = inspected.charts.get(ws.name) ?? [];
    plan.kept = {
      validations: inspected.validations.get(ws.name) ?? [],
      conditionalFormats: keptConditionalFormats(ws, leave),
      tables: inspected.tables.filter((t) => t.sheet === ws.name),
      tableReferences: problems.tableReferences,
      charts: plan.charts.length,
      styles: cellStyles(ws),
      prefixes: problems.prefixes,
      layout: sheetLayout(ws),
      hyperlinks: inspected.hyperlinks.get(ws.name) ?? [],
      notes: inspected.cellNotes.get(ws.name) ?? [],
    };
    problems.prefixes = new Map();
    problems.tableReferences = 0;
    plans.push(plan);
  });
  const notes = [...inspected.notes];
  for (const n of engineNames(wb, inspected.names, notes)) {
    const plan = plans.find((p) => p.name === n.sheet);
    if (plan !== undefined) plan.namedRanges.push({ name: n.name, range: n.range });
  }
  // What the notes name is not exported either: counted with the rest, so the Export button says it too.
  for (const [kind, start] of [
    ['names the preview cannot hold', 'the name '],
    ['chart sheets', 'the chart sheet '],
  ] as const) {
    const n = notes.filter((note) => note.startsWith(start)).length;
    if (n > 0) leftOut.set(kind, (leftOut.get(kind) ?? 0) + n);
  }
  for (const plan of plans) {
    // The sheet, its names and formats first; its cells then in blocks of rows (a row at a time, the engine
    // takes minutes over 100,000 rows; a thousand at a time, seconds).
    const { name } = await wb.insertSheet({ ...plan, cells: [] });
    if (name !== plan.name) throw new ImportRefused(`the file has two sheets named ${plan.name}`);
    writeCells(wb, name, plan.cells);
    const stored = wb.plans.get(name);
    if (stored !== undefined) wb.plans.set(name, { ...stored, cells: plan.cells });
  }
  for (const plan of plans) problems.check(wb, plan);
  return {
    workbook: wb,
    notes,
    cannotCompute: problems.list(),
    leftOut: [...leftOut].map(([kind, count]) => ({ kind, count })),
  };
}

/** Rows the engine takes in one write. */
const BLOCK_ROWS = 1000;

/**
 * A sheet's cells into the engine, a block of rows at a time in one batch; then text kept as text, as
 * MemoryWorkbook writes a plan's cells: a text the engine read as a number, date, boolean or error ("007",
 * "TRUE", "#N/A"), or that starts like a formula or with an apostrophe, is written behind an apostrophe.
 */
function writeCells(wb: MemoryWorkbook, sheetName: string, cells: readonly (readonly PlanCell[])[]): void {
  const sheet = wb.engine.getSheetId(sheetName);
  if (sheet === undefined) return;
  const width = widest(cells);
  const raw = (cell: PlanCell | undefined): RawCellContent => {
    if (cell === undefined) return null;
    if ('formula' in cell) return cell.formula;
    const v = cell.value;
    if (typeof v === 'string' && (v.startsWith('=') || v.startsWith("'"))) return `'${v}`;
    return v;
  };
  wb.engine.batch(() => {
    for (let top = 0; top < cells.length; top += BLOCK_ROWS) {
      const block = cells.slice(top, top + BLOCK_ROWS).map((line) => {
        const out: RawCellContent[] = [];
        for (let c = 0; c < width; c++) out.push(raw(line[c]));
        return out;
      });
      if (width > 0) wb.engine.setCellContents({ sheet, row: top, col: 0 }, block);
    }
  });
  const fixes: { row: number; col: number; text: string }[] = [];
  cells.forEach((line, row) =>
    line.forEach((cell, col) => {
      if ('formula' in cell || typeof cell.value !== 'string' || cell.value === '') return;
      if (wb.engine.getCellValue({ sheet, row, col }) !== cell.value)
        fixes.push({ row, col, text: cell.value });
    }),
  );
  if (fixes.length > 0)
    wb.engine.batch(() => {
      for (const f of fixes) wb.engine.setCellContents({ sheet, row: f.row, col: f.col }, [[`'${f.text}`]]);
    });
}

/** Functions whose result changes from one calculation to the next: a saved result says nothing of them. */
const VOLATILE = new Set([
  'NOW',
  'TODAY',
  'RAND',
  'RANDBETWEEN',
  'RANDARRAY',
  'OFFSET',
  'INDIRECT',
  'CELL',
  'INFO',
]);

/**
 * What the preview cannot compute, found as the sheets are read and checked once the engine has computed them:
 * a function the engine does not have, a formula it cannot read, a structured reference the file's tables do
 * not resolve, and a result that differs from the one the file's own program saved.
 */
class Problems {
  private readonly byWhat = new Map<string, string[]>();
  /** Formulas whose table references were resolved to plain ranges. */
  tableReferences = 0;
  /** The `_xlfn.` prefixes seen in the sheet's formulas, by function name. */
  prefixes = new Map<string, string>();
  /** The file's saved result of each formula, by sheet and cell (`row,col`). */
  readonly saved = new Map<string, Map<string, unknown>>();
  /** Translation problems, by sheet and cell. */
  readonly translation = new Map<string, Map<string, string[]>>();

  add(what: string, cell: string): void {
    const cells = this.byWhat.get(what);
    if (cells === undefined) this.byWhat.set(what, [cell]);
    else cells.push(cell);
  }

  check(wb: MemoryWorkbook, plan: SheetPlan): void {
    const known = new Set(HyperFormula.getRegisteredFunctionNames('enGB'));
    const sheet = wb.engine.getSheetId(plan.name);
    if (sheet === undefined) return;
    const saved = this.saved.get(plan.name);
    const translation = this.translation.get(plan.name);
    plan.cells.forEach((line, row) =>
      line.forEach((cell, col) => {
        if (!('formula' in cell)) return;
        const where = cellName(plan.name, row, col);
        const key = `${row},${col}`;
        const called = functionsCalled(cell.formula);
        const missing = called.filter((f) => !known.has(f));
        for (const f of missing) this.add(`the function ${f}`, where);
        const notes = translation?.get(key) ?? [];
        for (const n of notes) this.add(n, where);
        if (missing.length > 0 || notes.length > 0) return;
        const value = wb.engine.getCellValue({ sheet, row, col });
        const isError = typeof value === 'object' && value !== null && 'type' in value;
        if (isError && (value as { type: string }).type === 'ERROR') {
          this.add('formulas the preview cannot read', where);
          return;
        }
        if (!saved?.has(key) || called.some((f) => VOLATILE.has(f))) return;
        const was = saved.get(key);
        const now = isError ? (value as { value: string }).value : value;
        if (!sameResult(was, now)) this.add('a result unlike the one saved in the file', where);
      }),
    );
  }

  list(): CannotCompute[] {
    return [...this.byWhat].map(([what, cells]) => ({ what, cells }));
  }
}

/** A computed result against the file's saved one: numbers to 15 significant digits, texts and errors exactly. */
function sameResult(saved: unknown, now: unknown): boolean {
  const norm = (v: unknown): unknown => {
    if (v === null || v === undefined || v === '') return '';
    if (v instanceof Date) return (v.getTime() - EXCEL_EPOCH) / 86400000;
    if (typeof v === 'object' && 'error' in v) return String((v as { error: unknown }).error);
    return v;
  };
  const a = norm(saved);
  const b = norm(now);
  if (typeof a === 'number' && typeof b === 'number')
    return a === b || Math.abs(a - b) <= 1e-14 * Math.max(Math.abs(a), Math.abs(b));
  return a === b;
}

/** The names the formula engine accepts (Excel allows some it does not, e.g. \tax); the others are noted. */
function engineNames(wb: MemoryWorkbook, names: readonly InspectedName[], notes: string[]): InspectedName[] {
  return names.filter((n) => {
    if (wb.engine.isItPossibleToAddNamedExpression(n.name, '=1')) return true;
    notes.push(`the name ${n.name} (the preview's formula engine does not accept that name)`);
    return false;
  });
}

function sheetPlan(
  ws: Ws,
  maxRows: number,
  tables: readonly InspectedTable[],
  problems: Problems,
  seFunctions: readonly SeFunctionName[],
): SheetPlan {
  const plan = emptyPlan(ws.name);
  const saved = new Map<string, unknown>();
  const translation = new Map<string, string[]>();
  problems.saved.set(ws.name, saved);
  problems.translation.set(ws.name, translation);
  const cells: PlanCell[][] = [];
  const formats: PlanFormat[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const r = rowNumber - 1;
    const line: PlanCell[] = (cells[r] = []);
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      const c = colNumber - 1;
      while (line.length < c) line.push({ value: null });
      const planned = planCell(cell);
      if ('formula' in planned) {
        // Excel's names for the SE functions (SE.SCORE, or _xldudf_SE_SCORE as Excel saves it) as the preview's.
        const own =
          seFunctions.length === 0 ? planned.formula : toSheetsFunctionNames(planned.formula, seFunctions);
        collectPrefixes(own, problems.prefixes);
        const t = translateFormula(own, { sheet: ws.name, row: r, col: c }, tables);
        planned.formula = t.formula;
        if (t.problems.length > 0) translation.set(`${r},${c}`, t.problems);
        // A table reference (`Sales[Units]`, `[@Units]`) is now a plain range: counted, the export says so.
        else if (own.replace(/"(?:[^"]|"")*"/g, '""').includes('[')) problems.tableReferences++;
        const result = (cell.value as { result?: unknown } | null)?.result;
        if (result !== undefined) saved.set(`${r},${c}`, result);
      }
      line.push(planned);
      const format = cellFormat(cell, { row: r, col: c, rows: 1, cols: 1 });
      if (format !== null) formats.push(format);
    });
  });
  for (let r = 0; r < cells.length; r++) cells[r] ??= [];
  plan.cells = cells;
  plan.rows = cells.length;
  plan.cols = widest(cells);
  plan.formats = formats;
  plan.conditionalFormats = conditionalFormats(ws);
  const view = ws.views?.[0] as { state?: string; xSplit?: number; ySplit?: number } | undefined;
  if (view?.state === 'frozen') {
    plan.frozenRows = clamp(view.ySplit, maxRows);
    plan.frozenCols = clamp(view.xSplit, 16_384);
  }
  (ws.columns ?? []).forEach((col, i) => {
    // Excel's widest column is 255 characters; a file may say anything.
    if (typeof col.width === 'number' && Number.isFinite(col.width) && col.width >= 0)
      plan.columnWidths.push({ col: i, width: Math.round(Math.min(col.width, 255) * 7) });
  });
  return plan;
}

/** A count from the file, as a number from 0 to `max`. */
function clamp(n: number | undefined, max: number): number {
  return typeof n === 'number' && Number.isFinite(n) ? Math.min(Math.max(0, Math.floor(n)), max) : 0;
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

/** A sheet's row heights, hidden rows and columns, outline levels, filter, visibility and tab colour. */
function sheetLayout(ws: Ws): SheetLayout {
  const layout: SheetLayout = { rows: [], columns: [] };
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    const entry: SheetLayout['rows'][number] = { row: r - 1 };
    if (typeof row.height === 'number' && row.height > 0 && row.height <= 409) entry.height = row.height;
    if (row.hidden) entry.hidden = true;
    if (typeof row.outlineLevel === 'number' && row.outlineLevel > 0) entry.outlineLevel = row.outlineLevel;
    if (Object.keys(entry).length > 1) layout.rows.push(entry);
  });
  (ws.columns ?? []).forEach((col, i) => {
    const entry: SheetLayout['columns'][number] = { col: i };
    if (col.hidden) entry.hidden = true;
    if (typeof col.outlineLevel === 'number' && col.outlineLevel > 0) entry.outlineLevel = col.outlineLevel;
    if (Object.keys(entry).length > 1) layout.columns.push(entry);
  });
  const filter = ws.autoFilter;
  if (typeof filter === 'string' && /^\$?[A-Z]{1,3}\$?\d+:\$?[A-Z]{1,3}\$?\d+$/.test(filter))
    layout.autoFilter = filter;
  if (ws.state === 'hidden' || ws.state === 'veryHidden') layout.state = ws.state;
  const tab = ws.properties?.tabColor as { argb?: unknown } | undefined;
  if (typeof tab?.argb === 'string' && /^[0-9A-F]{8}$/i.test(tab.argb)) layout.tabColor = { argb: tab.argb };
  return layout;
}

/** Writes a kept layout onto the exported worksheet. */
function applyLayout(ws: Ws, layout: SheetLayout): void {
  for (const r of layout.rows) {
    const row = ws.getRow(r.row + 1);
    if (r.height !== undefined) row.height = r.height;
    if (r.hidden === true) row.hidden = true;
    if (r.outlineLevel !== undefined) row.outlineLevel = r.outlineLevel;
  }
  for (const c of layout.columns) {
    const col = ws.getColumn(c.col + 1);
    if (c.hidden === true) col.hidden = true;
    if (c.outlineLevel !== undefined) col.outlineLevel = c.outlineLevel;
  }
  if (layout.autoFilter !== undefined) ws.autoFilter = layout.autoFilter;
  if (layout.state !== undefined) ws.state = layout.state;
  if (layout.tabColor !== undefined) ws.properties.tabColor = layout.tabColor;
}

/** A sheet's cells' styles, blank cells with a border or a fill included (see KeptFromFile.styles). */
function cellStyles(ws: Ws): KeptFromFile['styles'] {
  const out: KeptFromFile['styles'] = [];
  // (Rows holding only blank styled cells count as empty to ExcelJS: every row is visited.)
  ws.eachRow({ includeEmpty: true }, (row, r) =>
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      const style = cell.style as Partial<ExcelJSModule.Style> | undefined;
      if (style !== undefined && style !== null && Object.keys(style).length > 0)
        out.push({ row: r - 1, col: c - 1, style });
    }),
  );
  return out;
}

/** Rule types ExcelJS writes back as it read them. */
const CF_WRITTEN = new Set([
  'expression',
  'cellIs',
  'top10',
  'aboveAverage',
  'colorScale',
  'iconSet',
  'dataBar',
  'timePeriod',
]);

/** Rule types Excel writes with the formula that decides them: written back as that formula. */
const CF_BY_FORMULA = new Set(['containsText', 'notContainsText', 'beginsWith', 'endsWith']);

/**
 * A sheet's conditional formats as ExcelJS read them, to write back: each rule ExcelJS writes as it is, a text
 * rule as the formula Excel saved with it; any other (duplicate or unique values…) counted by `leave`.
 */
function keptConditionalFormats(
  ws: Ws,
  leave: (kind: string) => void,
): ExcelJSModule.ConditionalFormattingOptions[] {
  const blocks = (ws as unknown as { conditionalFormattings?: ExcelJSModule.ConditionalFormattingOptions[] })
    .conditionalFormattings;
  const out: ExcelJSModule.ConditionalFormattingOptions[] = [];
  for (const block of blocks ?? []) {
    const rules: ExcelJSModule.ConditionalFormattingRule[] = [];
    for (const rule of block.rules) {
      const r = JSON.parse(JSON.stringify(rule)) as Record<string, unknown> & { type: string };
      const formulae = r.formulae as string[] | undefined;
      // A data bar's Excel 2010 part (its link, x14Id, made afresh): ExcelJS writes it only for a rule without
      // `gradient` (as read, true, Excel's default), and would otherwise write a link pointing at nothing.
      delete r.x14Id;
      if (r.type === 'dataBar' && r.gradient !== false) delete r.gradient;
      if (CF_WRITTEN.has(r.type)) rules.push(r as unknown as ExcelJSModule.ConditionalFormattingRule);
      else if (CF_BY_FORMULA.has(r.type) && formulae !== undefined && formulae.length > 0)
        rules.push({
          type: 'expression',
          priority: r.priority as number,
          formulae: [formulae[0]],
          ...(r.style === undefined ? {} : { style: r.style }),
        } as ExcelJSModule.ConditionalFormattingRule);
      else leave(`conditional formats of the kind “${r.type}”`);
    }
    if (rules.length > 0) out.push({ ref: block.ref, rules });
  }
  return out;
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
