import type { SheetPlan } from './sheetPlan';

export type TemplateId =
  'csf-tracker' | 'activity-funnel' | 'coaching-log' | 'review-log' | 'definitions' | 'se-scorecard';

export interface TemplateOptions {
  /** Add the clearly marked example rows that show how the sheet is meant to be filled. */
  examples: boolean;
  /** Data rows to lay out (formulas, validation and formats); each template has a sensible default. */
  rows?: number;
}

export interface Template {
  id: TemplateId;
  /** The sheet name it is inserted under (or the next free one). */
  title: string;
  /** One sentence for menus and the task pane. */
  summary: string;
  render(options: TemplateOptions): SheetPlan;
}
