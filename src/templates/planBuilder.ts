/** Builds a SheetPlan cell by cell, so template definitions read as layouts rather than array bookkeeping. */
import type {
  CellRange,
  PlanCell,
  PlanChart,
  PlanConditionalFormat,
  PlanFormat,
  PlanNamedRange,
  PlanValidation,
  PlanValue,
  SheetPlan,
} from './sheetPlan';

export const STATUS_COLOURS: readonly { text: string; background: string; fontColor: string }[] = [
  { text: 'On track', background: '#d9ead3', fontColor: '#274e13' },
  { text: 'At risk', background: '#fff2cc', fontColor: '#7f6000' },
  { text: 'Off track', background: '#f4cccc', fontColor: '#990000' },
];

export const HEADER_BACKGROUND = '#1f3864';
export const HEADER_FONT = '#ffffff';
/** Cells the template computes: users should not type over them. */
export const COMPUTED_BACKGROUND = '#f3f3f3';
/** Example rows are tinted and labelled so nobody mistakes them for real data. */
export const EXAMPLE_BACKGROUND = '#fff9e6';

export class PlanBuilder {
  private readonly cells: PlanCell[][] = [];
  private maxCols = 0;
  readonly formats: PlanFormat[] = [];
  readonly validations: PlanValidation[] = [];
  readonly conditionalFormats: PlanConditionalFormat[] = [];
  readonly namedRanges: PlanNamedRange[] = [];
  readonly columnWidths: { col: number; width: number }[] = [];
  readonly charts: PlanChart[] = [];
  frozenRows = 0;
  frozenCols = 0;

  constructor(readonly name: string) {}

  value(row: number, col: number, value: PlanValue): this {
    return this.put(row, col, { value });
  }

  formula(row: number, col: number, formula: string): this {
    return this.put(row, col, { formula: formula.startsWith('=') ? formula : `=${formula}` });
  }

  /** Constants along a row from (row, col). */
  row(row: number, col: number, values: readonly PlanValue[]): this {
    values.forEach((v, i) => this.value(row, col + i, v));
    return this;
  }

  format(range: CellRange, format: Omit<PlanFormat, 'range'>): this {
    this.formats.push({ range, ...format });
    return this;
  }

  validate(range: CellRange, list: readonly string[], strict: boolean, helpText?: string): this {
    this.validations.push({
      range,
      kind: 'list',
      list,
      strict,
      ...(helpText === undefined ? {} : { helpText }),
    });
    return this;
  }

  validateNumber(range: CellRange, min: number, max: number, helpText?: string): this {
    this.validations.push({
      range,
      kind: 'number',
      min,
      max,
      strict: true,
      ...(helpText === undefined ? {} : { helpText }),
    });
    return this;
  }

  /** A bold header row on the house colours. */
  header(row: number, col: number, titles: readonly string[]): this {
    this.row(row, col, titles);
    return this.format(range(row, col, 1, titles.length), {
      bold: true,
      background: HEADER_BACKGROUND,
      fontColor: HEADER_FONT,
      wrap: true,
    });
  }

  /** The title and the one-line instruction every template opens with. */
  title(text: string, instruction: string): this {
    this.value(0, 0, text).format(range(0, 0), { bold: true });
    return this.value(1, 0, instruction).format(range(1, 0), { italic: true });
  }

  statusColours(range: CellRange): this {
    for (const s of STATUS_COLOURS) {
      this.conditionalFormats.push({
        range,
        textEquals: s.text,
        background: s.background,
        fontColor: s.fontColor,
      });
    }
    return this;
  }

  /** Colours a cell of `range` whose text is exactly `text`. */
  textColour(range: CellRange, text: string, background: string, fontColor: string): this {
    this.conditionalFormats.push({ range, textEquals: text, background, fontColor });
    return this;
  }

  nameRange(name: string, range: CellRange): this {
    this.namedRanges.push({ name, range });
    return this;
  }

  width(col: number, width: number): this {
    this.columnWidths.push({ col, width });
    return this;
  }

  build(): SheetPlan {
    const rows = this.cells.length;
    const cells = this.cells.map((r) => (r ?? []).map((c) => c ?? { value: null }));
    for (let i = 0; i < rows; i++) if (cells[i] === undefined) cells[i] = [];
    return {
      name: this.name,
      cells,
      rows,
      cols: this.maxCols,
      formats: this.formats,
      validations: this.validations,
      conditionalFormats: this.conditionalFormats,
      namedRanges: this.namedRanges,
      columnWidths: this.columnWidths,
      frozenRows: this.frozenRows,
      frozenCols: this.frozenCols,
      charts: this.charts,
    };
  }

  private put(row: number, col: number, cell: PlanCell): this {
    while (this.cells.length <= row) this.cells.push([]);
    const line = this.cells[row];
    while (line.length < col) line.push({ value: null });
    line[col] = cell;
    this.maxCols = Math.max(this.maxCols, col + 1);
    return this;
  }
}

export function range(row: number, col: number, rows = 1, cols = 1): CellRange {
  return { row, col, rows, cols };
}
