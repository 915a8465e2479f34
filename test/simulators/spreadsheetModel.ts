/**
 * The one workbook behind both host simulators: HyperFormula evaluates the formulas, and the model keeps what
 * a formula engine does not (formats, validation, conditional formats, frozen panes, widths, named ranges,
 * charts) so tests can check that an adapter really applied them. The fake SpreadsheetApp and the fake Excel
 * are two faces over it, each enforcing its own API's rules and counting its own round trips.
 */
import { HyperFormula, type RawCellContent } from 'hyperformula';
import { rangeA1 } from '../../src/templates/a1';
import { SPREADSHEET_ENGINE_CONFIG } from '../../preview/engineConfig';

export type CellValue = string | number | boolean | null;

export interface CellFormat {
  numberFormat?: string;
  bold?: boolean;
  italic?: boolean;
  background?: string;
  fontColor?: string;
  wrap?: boolean;
  horizontalAlignment?: string;
}

export interface Area {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export interface ModelValidation {
  area: Area;
  kind: 'list' | 'number';
  list?: string[];
  min?: number;
  max?: number;
  strict: boolean;
}

export interface ModelConditionalFormat {
  area: Area;
  textEquals: string;
  background?: string;
  fontColor?: string;
}

export interface ModelChart {
  kind: string;
  title: string;
  data: Area;
  /** 0-based cell of the chart's top-left corner. */
  anchor?: { row: number; col: number };
}

interface SheetMeta {
  formats: Map<string, CellFormat>;
  validations: ModelValidation[];
  conditionalFormats: ModelConditionalFormat[];
  frozenRows: number;
  frozenCols: number;
  columnWidths: Map<number, number>;
  charts: ModelChart[];
  /** Google Sheets' grid size (a new sheet: 1000 x 26); Excel's face ignores it. */
  gridRows: number;
  gridCols: number;
}

export const NEW_SHEET_GRID = { rows: 1000, cols: 26 } as const;

export class SimulatedFailure extends Error {
  constructor(operation: string) {
    super(`simulated failure in ${operation}`);
  }
}

export class SpreadsheetModel {
  readonly hf = HyperFormula.buildEmpty({ ...SPREADSHEET_ENGINE_CONFIG });
  private readonly meta = new Map<number, SheetMeta>();
  readonly namedRanges = new Map<string, { sheet: string; area: Area }>();
  /** Operations to fail, by name; each entry fails once (see failOn). */
  private readonly failures: { operation: string; after: number }[] = [];

  /** Makes the `after`+1-th next call of `operation` throw, to test that adapters leave nothing half-made. */
  failOn(operation: string, after = 0): void {
    this.failures.push({ operation, after });
  }

  /** Faces call this before applying a write; it throws when a failure was planted for the operation. */
  check(operation: string): void {
    const i = this.failures.findIndex((f) => f.operation === operation);
    if (i < 0) return;
    if (this.failures[i].after > 0) {
      this.failures[i].after--;
      return;
    }
    this.failures.splice(i, 1);
    throw new SimulatedFailure(operation);
  }

  sheetNames(): string[] {
    return this.hf.getSheetNames();
  }

  hasSheet(name: string): boolean {
    return this.hf.getSheetId(name) !== undefined;
  }

  addSheet(name: string): void {
    if (this.hasSheet(name)) throw new Error(`A sheet named ${name} already exists`);
    this.hf.addSheet(name);
    this.meta.set(this.id(name), {
      formats: new Map(),
      validations: [],
      conditionalFormats: [],
      frozenRows: 0,
      frozenCols: 0,
      columnWidths: new Map(),
      charts: [],
      gridRows: NEW_SHEET_GRID.rows,
      gridCols: NEW_SHEET_GRID.cols,
    });
  }

  removeSheet(name: string): void {
    const id = this.id(name);
    for (const [n, r] of this.namedRanges) if (r.sheet === name) this.removeName(n);
    this.hf.removeSheet(id);
    this.meta.delete(id);
  }

  /** Writes raw contents: a string starting with "=" is a formula, as both hosts read it. */
  setContents(sheet: string, row: number, col: number, contents: CellValue[][]): void {
    const raw: RawCellContent[][] = contents.map((r) => r.map((v) => (v === '' ? null : v)));
    this.hf.setCellContents({ sheet: this.id(sheet), row, col }, raw);
  }

  /** Computed values, errors as their text (#DIV/0!), blanks as ''. */
  values(sheet: string, area: Area): CellValue[][] {
    const id = this.id(sheet);
    const out: CellValue[][] = [];
    for (let r = 0; r < area.rows; r++) {
      const line: CellValue[] = [];
      for (let c = 0; c < area.cols; c++) {
        const v = this.hf.getCellValue({ sheet: id, row: area.row + r, col: area.col + c });
        line.push(
          v === null || v === undefined
            ? ''
            : typeof v === 'object'
              ? String((v as { value: unknown }).value)
              : v,
        );
      }
      out.push(line);
    }
    return out;
  }

  /** What the formula bar shows: the formula for formula cells, else the raw value ('' for blank). */
  formulas(sheet: string, area: Area): CellValue[][] {
    const id = this.id(sheet);
    const out: CellValue[][] = [];
    for (let r = 0; r < area.rows; r++) {
      const line: CellValue[] = [];
      for (let c = 0; c < area.cols; c++) {
        const addr = { sheet: id, row: area.row + r, col: area.col + c };
        const f = this.hf.getCellFormula(addr);
        const v = f ?? this.hf.getCellSerialized(addr);
        line.push(v === null || v === undefined ? '' : (v as CellValue));
      }
      out.push(line);
    }
    return out;
  }

  /** Rows and columns in use (at least 1x1), as getDataRange / getUsedRange see them. */
  extent(sheet: string): { rows: number; cols: number } {
    const d = this.hf.getSheetDimensions(this.id(sheet));
    return { rows: Math.max(1, d.height), cols: Math.max(1, d.width) };
  }

  format(sheet: string, area: Area, format: CellFormat): void {
    const m = this.sheetMeta(sheet);
    for (let r = area.row; r < area.row + area.rows; r++) {
      for (let c = area.col; c < area.col + area.cols; c++) {
        const key = `${r},${c}`;
        m.formats.set(key, { ...m.formats.get(key), ...format });
      }
    }
  }

  formatAt(sheet: string, row: number, col: number): CellFormat {
    return this.sheetMeta(sheet).formats.get(`${row},${col}`) ?? {};
  }

  addValidation(sheet: string, v: ModelValidation): void {
    this.sheetMeta(sheet).validations.push(v);
  }

  addConditionalFormat(sheet: string, cf: ModelConditionalFormat): void {
    this.sheetMeta(sheet).conditionalFormats.push(cf);
  }

  freeze(sheet: string, rows: number, cols: number): void {
    const m = this.sheetMeta(sheet);
    m.frozenRows = rows;
    m.frozenCols = cols;
  }

  setColumnWidth(sheet: string, col: number, width: number): void {
    this.sheetMeta(sheet).columnWidths.set(col, width);
  }

  /** The chart's data must lie inside the sheet's used cells (a chart over nothing is a plan's mistake). */
  addChart(sheet: string, chart: ModelChart): void {
    const meta = this.sheetMeta(sheet);
    const { rows, cols } = this.extent(sheet);
    const d = chart.data;
    if (d.row < 0 || d.col < 0 || d.rows < 1 || d.cols < 1 || d.row + d.rows > rows || d.col + d.cols > cols)
      throw new Error(
        `A chart's data ${JSON.stringify(d)} lies outside the used cells of ${sheet} (${rows} x ${cols})`,
      );
    meta.charts.push(chart);
  }

  /**
   * The smallest block holding every cell with a value (and, unless valuesOnly, every formatted cell), as
   * Excel's getUsedRange gives it; null on an empty sheet.
   */
  usedArea(sheet: string, valuesOnly: boolean): Area | null {
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    const use = (r: number, c: number): void => {
      top = Math.min(top, r);
      left = Math.min(left, c);
      bottom = Math.max(bottom, r);
      right = Math.max(right, c);
    };
    this.hf.getSheetValues(this.id(sheet)).forEach((line, r) =>
      line.forEach((v, c) => {
        if (v !== null && v !== undefined) use(r, c);
      }),
    );
    if (!valuesOnly) {
      for (const key of this.sheetMeta(sheet).formats.keys()) {
        const [r, c] = key.split(',').map(Number);
        use(r, c);
      }
    }
    return bottom < 0 ? null : { row: top, col: left, rows: bottom - top + 1, cols: right - left + 1 };
  }

  addName(name: string, sheet: string, area: Area): void {
    if (this.namedRanges.has(name)) throw new Error(`The name ${name} already exists`);
    const a1 = `${quote(sheet)}!${abs(area)}`;
    this.hf.addNamedExpression(name, `=${a1}`);
    this.namedRanges.set(name, { sheet, area });
  }

  removeName(name: string): void {
    if (!this.namedRanges.has(name)) return;
    this.hf.removeNamedExpression(name);
    this.namedRanges.delete(name);
  }

  sheetMeta(sheet: string): SheetMeta {
    const m = this.meta.get(this.id(sheet));
    if (m === undefined) throw new Error(`No sheet named ${sheet}`);
    return m;
  }

  /** Everything a user could see, for "nothing else changed" checks. */
  snapshot(): unknown {
    return {
      sheets: this.sheetNames().map((name) => {
        const m = this.sheetMeta(name);
        return {
          name,
          cells: this.formulas(name, { row: 0, col: 0, ...this.extent(name) }),
          formats: [...m.formats.entries()].sort(),
          validations: m.validations,
          conditionalFormats: m.conditionalFormats,
          frozen: [m.frozenRows, m.frozenCols],
          widths: [...m.columnWidths.entries()].sort(),
          charts: m.charts,
        };
      }),
      names: [...this.namedRanges.entries()].sort(),
    };
  }

  id(name: string): number {
    const id = this.hf.getSheetId(name);
    if (id === undefined) throw new Error(`No sheet named ${name}`);
    return id;
  }
}

function quote(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'`;
}

/** `$A$1:$B$2`, as HyperFormula's named expressions want it. */
function abs(a: Area): string {
  return rangeA1(a, true);
}

/** Parses an A1 address or range ("B3", "A1:C4", "$A$1:$C$4") into an Area. */
export function parseA1(a1: string): Area {
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(a1.trim().toUpperCase());
  if (m === null) throw new Error(`Not an A1 address: ${a1}`);
  const col = (s: string) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const c1 = col(m[1]);
  const r1 = Number(m[2]) - 1;
  const c2 = m[3] === undefined ? c1 : col(m[3]);
  const r2 = m[4] === undefined ? r1 : Number(m[4]) - 1;
  return {
    row: Math.min(r1, r2),
    col: Math.min(c1, c2),
    rows: Math.abs(r2 - r1) + 1,
    cols: Math.abs(c2 - c1) + 1,
  };
}
