import type { SheetPlan } from './sheetPlan';

export type TemplateId =
  'csf-tracker' | 'activity-funnel' | 'coaching-log' | 'review-log' | 'definitions' | 'se-scorecard';

export interface TemplateOptions {
  /** Add the clearly marked example rows that show how the sheet is meant to be filled. */
  examples: boolean;
  /** Data rows to lay out (formulas, validation and formats); each template has a sensible default. */
  rows?: number;
  /**
   * The calendar year the plan starts in (the CSF Tracker's "Year of period 1" setting). Hosts pass the
   * current year; rendering never reads the clock, so a plan is the same data every time.
   */
  year?: number;
}

/** The year templates use when the caller gives none: the year of the example data. */
export const DEFAULT_PLAN_YEAR = 2026;

/** One column of a template's table as the README documents it (tested against the rendered header row). */
export interface TemplateColumn {
  header: string;
  meaning: string;
  /** For a run of columns documented as one (`Target Jan … Target Dec`): how many, and how each header starts. */
  count?: number;
  prefix?: string;
}

export interface Template {
  id: TemplateId;
  /** The sheet name it is inserted under (or the next free one). */
  title: string;
  /** One sentence for menus and the task pane. */
  summary: string;
  render(options: TemplateOptions): SheetPlan;
  /** The table's columns, left to right, for the README and the task pane. */
  columns: readonly TemplateColumn[];
  /** What else the sheet holds (settings, benchmark row) and how to use it, in a sentence or two. */
  notes: string;
}
