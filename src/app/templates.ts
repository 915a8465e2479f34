/**
 * Inserting a template: what the Sheets menu, the Excel ribbon and task pane, and the preview all call,
 * written once against the Workbook port. Requests and results are plain JSON (they cross the Apps Script client bridge).
 */
import { TEMPLATES, type TemplateId } from '../templates';
import type { Workbook } from '../workbook';
import { call, runAsync, type Task } from './task';

export interface TemplateChoice {
  id: TemplateId;
  title: string;
  summary: string;
}

export interface InsertTemplateRequest {
  templateId: string;
  /** Add the clearly marked example rows. */
  examples: boolean;
  /** The calendar year the plan starts in; hosts pass the current year (see TemplateOptions.year). */
  year?: number;
}

export interface InsertTemplateResult {
  /** The sheet it went into: the template's title or the next free name. */
  sheetName: string;
  namedRanges: string[];
  /** One sentence for the user. */
  message: string;
}

export function templateChoices(): TemplateChoice[] {
  return TEMPLATES.map(({ id, title, summary }) => ({ id, title, summary }));
}

/** Inserts a template as a new sheet (a task: see ./task). */
export function* insertTemplateTask(request: InsertTemplateRequest): Task<InsertTemplateResult> {
  const template = TEMPLATES.find((t) => t.id === request.templateId);
  if (template === undefined) {
    const known = TEMPLATES.map((t) => t.id).join(', ');
    throw new Error(
      `Insert template: there is no template "${String(request.templateId)}"; choose one of ${known}`,
    );
  }
  const year = Number.isInteger(request.year) ? request.year : undefined;
  const inserted = yield* call('insertSheet', template.render({ examples: request.examples === true, year }));
  const copy = inserted.name === template.title ? '' : ` (a sheet named ${template.title} already exists)`;
  return {
    sheetName: inserted.name,
    namedRanges: inserted.namedRanges,
    message: `Inserted ${template.title} as the sheet "${inserted.name}"${copy}.`,
  };
}

/** insertTemplateTask over an asynchronous Workbook (Excel, the preview). */
export function insertTemplate(
  workbook: Workbook,
  request: InsertTemplateRequest,
): Promise<InsertTemplateResult> {
  return runAsync(insertTemplateTask(request), workbook);
}
