/**
 * A SheetPlan is a whole new sheet as plain data: what a template renders to and what every Workbook adapter
 * applies in one batch. Positions are 0-based; adapters turn them into A1 notation or host ranges.
 */

export type PlanValue = string | number | boolean | null;

/** A cell is a constant or a formula, never guessed from a leading "=" (user text may start with one). */
export type PlanCell = { value: PlanValue } | { formula: string };

export interface CellRange {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export interface PlanFormat {
  range: CellRange;
  numberFormat?: string;
  bold?: boolean;
  italic?: boolean;
  /** #rrggbb */
  background?: string;
  fontColor?: string;
  wrap?: boolean;
  horizontalAlignment?: 'left' | 'center' | 'right';
}

export type PlanValidation =
  | {
      range: CellRange;
      kind: 'list';
      /** The allowed words, shown as a drop-down. */
      list: readonly string[];
      /** Reject other input (true) or only warn (false). */
      strict: boolean;
      helpText?: string;
    }
  | {
      range: CellRange;
      kind: 'number';
      min: number;
      max: number;
      strict: boolean;
      helpText?: string;
    };

/** Colour a cell whose text equals `text` (status colours). */
export interface PlanConditionalFormat {
  range: CellRange;
  textEquals: string;
  background: string;
  fontColor: string;
}

export interface PlanNamedRange {
  /** Workbook-scoped name, unique per inserted sheet (the renderer suffixes it). */
  name: string;
  range: CellRange;
}

export interface PlanChart {
  kind: 'line' | 'column';
  title: string;
  /** The data, with series in columns and the first column as categories. */
  data: CellRange;
  /** Where the chart's top-left corner goes. */
  anchor: { row: number; col: number };
}

export interface SheetPlan {
  /** The name the sheet should get; the adapter picks a free one if it is taken. */
  name: string;
  /** Rows of cells from A1; rows may be shorter than `cols`, missing cells stay empty. */
  cells: PlanCell[][];
  rows: number;
  cols: number;
  formats: PlanFormat[];
  validations: PlanValidation[];
  conditionalFormats: PlanConditionalFormat[];
  namedRanges: PlanNamedRange[];
  /** Column widths in pixels, by column index. */
  columnWidths: { col: number; width: number }[];
  frozenRows: number;
  frozenCols: number;
  charts: PlanChart[];
}
