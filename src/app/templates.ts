/**
 * Inserting a template: what the Sheets menu, the Excel ribbon and task pane, and the preview all call,
 * written once against the Workbook port. Requests and results are plain JSON (they cross google.script.run).
 */
import { TEMPLATES, type TemplateId } from '../templates';
import type { Workbook } from '../workbook';

export interface TemplateChoice {
  id: TemplateId;
  title: string;
  summary: string;
}

export interface InsertTemplateRequest {
  templateId: string;
  /** Add the clearly marked example rows. */
  examples: boolean;
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

export async function insertTemplate(
  workbook: Workbook,
  request: InsertTemplateRequest,
): Promise<InsertTemplateResult> {
  const template = TEMPLATES.find((t) => t.id === request.templateId);
  if (template === undefined) {
    const known = TEMPLATES.map((t) => t.id).join(', ');
    throw new Error(
      `Insert template: there is no template "${String(request.templateId)}"; choose one of ${known}`,
    );
  }
  const inserted = await workbook.insertSheet(template.render({ examples: request.examples === true }));
  const copy = inserted.name === template.title ? '' : ` (a sheet named ${template.title} already exists)`;
  return {
    sheetName: inserted.name,
    namedRanges: inserted.namedRanges,
    message: `Inserted ${template.title} as the sheet "${inserted.name}"${copy}.`,
  };
}
