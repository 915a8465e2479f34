/**
 * Opening a sheet: what the sidebar calls to show the user what it made or wrote (a template just inserted, a
 * quarter just prepared, the Review Log after a save, the sheet an "already exists" names). A task over the
 * Workbook port's activateSheet (one service call to find the sheet and one to activate it in Sheets, one
 * Excel sync), so Sheets, Excel and the preview open sheets the same way.
 */
import { ReviewError } from '../review/reviewError';
import { noSuchSheet } from '../workbook';
import { call, type Task } from './task';

export interface OpenSheetRequest {
  /** The sheet's name as the host gave it (InsertTemplateResult.sheetName, SaveReviewResult.sheet, …). */
  name: string;
}

export interface OpenSheetResult {
  sheetName: string;
  /** One sentence for the user. */
  message: string;
}

/** Brings the sheet to the front; a sheet gone since (renamed, deleted) is said in words, nothing changes. */
export function* openSheetTask(request: OpenSheetRequest): Task<OpenSheetResult> {
  const name = typeof request?.name === 'string' ? request.name : '';
  if (name.trim() === '')
    throw new ReviewError(
      `Open sheet: the request must name the sheet to open (name, as text); got ${JSON.stringify(request?.name ?? null)}.`,
    );
  try {
    yield* call('activateSheet', name);
  } catch (error) {
    // The port's own refusal is already in the user's words (which sheet, why, nothing changed); anything else
    // is the host failing and is reported as such by the HostApi.
    if (error instanceof Error && error.message === noSuchSheet(name).message)
      throw new ReviewError(
        `The sheet "${name}" is not in this workbook any more: it may have been renamed or deleted. Nothing was changed; look for it among the sheet tabs.`,
      );
    throw error;
  }
  return { sheetName: name, message: `Opened "${name}".` };
}
