/**
 * Inserting a template: what the Sheets menu, the Excel ribbon and task pane, and the preview all call,
 * written once against the Workbook port. Requests and results are plain JSON (they cross the Apps Script client bridge).
 */
import { TEMPLATES, type TemplateId } from '../templates';
import { baseRangeName, freeSheetName, type Workbook } from '../workbook';
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
  /**
   * Ask before adding a second copy: when the workbook already has the template's table (its `SE_…_Table`
   * name), insert nothing and answer `status: 'exists'` with where it is and the name a copy would get, so the
   * user can open the one there is or add the copy (insert again without this). Without it a copy is added at
   * once under the next free name (the ribbon and the menu), and the message flags it.
   */
  askIfExists?: boolean;
}

export interface InsertTemplateResult {
  /** 'exists' only with askIfExists: nothing was inserted, `sheetName` is the sheet the table is on. */
  status: 'inserted' | 'exists';
  /** The sheet it went into: the template's title or the next free name (with 'exists': the existing one). */
  sheetName: string;
  /** The names made (none with 'exists'). */
  namedRanges: string[];
  /** With 'exists': the sheet name a copy would get. */
  suggestedName?: string;
  /** One sentence for the user. */
  message: string;
}

/** What reads a template's table (the first copy of it only): said when a second copy is added or offered. */
const READ_BY: Partial<Record<TemplateId, string>> = {
  'csf-tracker': 'the monthly review reads the first one unless you choose another under "Tracker"',
  'review-log': 'the monthly review reads and writes the first one only',
  'activity-funnel': "the review's coaching focus and the 1:1 read the first one only",
  'coaching-log': 'the 1:1 reads and writes the first one only',
};

/** The template's table: the name that tells whether the workbook already has one. */
function tableNameOf(names: readonly { name: string }[]): string | null {
  return names.find((n) => /_Table$/.test(n.name))?.name ?? null;
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
  const plan = template.render({ examples: request.examples === true, year });
  const table = tableNameOf(plan.namedRanges);
  // The check and the insert are one step in the adapter (no second copy slips in between).
  const inserted = yield* call(
    'insertSheet',
    plan,
    request.askIfExists === true && table !== null ? { unlessNamed: table } : undefined,
  );
  const readBy = READ_BY[template.id];
  if (inserted.existed === true) {
    const suggestedName = freeSheetName(template.title, yield* call('sheetNames'));
    return {
      status: 'exists',
      sheetName: inserted.name,
      namedRanges: [],
      suggestedName,
      message:
        `This workbook already has a ${template.title}: the sheet "${inserted.name}" holds its table (${table}). ` +
        `Nothing was added. Open it, or add a second one as "${suggestedName}"` +
        `${readBy !== undefined ? ` (${readBy})` : ''}.`,
    };
  }
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
  // A second copy of the table (its names numbered, not pushed aside by a user's range): say who reads which.
  const own = table === null ? undefined : inserted.namedRanges.find((n) => baseRangeName(n) === table);
  const clashed = (inserted.clashes ?? []).some((c) => c.wanted.toLowerCase() === table?.toLowerCase());
  const second =
    own !== undefined && own !== table && !clashed
      ? ` This is a second ${template.title} (its table is ${own})${readBy !== undefined ? `: ${readBy}` : ''}.`
      : '';
  return {
    status: 'inserted',
    sheetName: inserted.name,
    namedRanges: inserted.namedRanges,
    message: `Inserted ${template.title} as the sheet "${inserted.name}"${copy}.${second}${clashes.join('')}`,
  };
}

/** insertTemplateTask over an asynchronous Workbook (Excel, the preview). */
export function insertTemplate(
  workbook: Workbook,
  request: InsertTemplateRequest,
): Promise<InsertTemplateResult> {
  return runAsync(insertTemplateTask(request), workbook);
}
