/**
 * Inserting a template: what the Sheets menu, the Excel ribbon and task pane, and the preview all call,
 * written once against the Workbook port. Requests and results are plain JSON (they cross the Apps Script client bridge).
 */
import { TEMPLATES, type TemplateId } from '../templates';
import { baseRangeName, type Workbook } from '../workbook';
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
  // A user's own range held a name the sheet needs (issue 10, defect 12): say which, and what to do.
  const clashes = (inserted.clashes ?? []).map((c) => {
    const own = inserted.namedRanges.find((n) => baseRangeName(n).toLowerCase() === c.wanted.toLowerCase());
    const where = c.sheet === null ? '' : ` on the sheet "${c.sheet}"`;
    return (
      ` The name ${c.wanted} is already used by a range${where} ("${c.heldBy}"), so this sheet's is ${own ?? 'another'};` +
      ` what reads ${c.wanted} (the monthly review does) finds that range instead. Rename that range` +
      ` (Excel: Formulas › Name Manager; Sheets: Data › Named ranges), then delete "${inserted.name}" and insert it again.`
    );
  });
  return {
    sheetName: inserted.name,
    namedRanges: inserted.namedRanges,
    message: `Inserted ${template.title} as the sheet "${inserted.name}"${copy}.${clashes.join('')}`,
  };
}

/** insertTemplateTask over an asynchronous Workbook (Excel, the preview). */
export function insertTemplate(
  workbook: Workbook,
  request: InsertTemplateRequest,
): Promise<InsertTemplateResult> {
  return runAsync(insertTemplateTask(request), workbook);
}
