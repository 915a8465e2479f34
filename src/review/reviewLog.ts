/**
 * The Review Log, read and written. The log is append-only: saving a review appends one row per CSF, and
 * closing or carrying over an action appends a row for that action with its new status. An action's state
 * is the status in its latest row, so nothing already written is ever rewritten.
 */
import { REVIEW_LOG_HEADERS } from '../templates/reviewLog';
import type { PlanCell, PlanValue } from '../templates/sheetPlan';
import type { TableRead } from '../workbook';
import { isoToSerial, serialToIso } from './calendar';
import { ReviewError } from './reviewError';

export type ActionStatus = 'Open' | 'Done' | 'Carried over';

export interface LogRow {
  /** 1-based sheet row. */
  row: number;
  month: string;
  team: string;
  csf: string;
  status: string;
  /** `YTD through Jul`; '' in a log written before the column existed. */
  basis: string;
  actual: number | null;
  target: number | null;
  unit: string;
  variance: number | null;
  /** Favourable / Unfavourable, or ''. */
  side: string;
  commentary: string;
  action: string;
  owner: string;
  /** yyyy-mm-dd or ''. */
  due: string;
  actionStatus: string;
  reviewer: string;
  savedAt: string;
}

export interface OpenAction {
  /** Team, CSF and action text: the same action across months. */
  id: string;
  team: string;
  csf: string;
  action: string;
  owner: string;
  due: string;
  status: ActionStatus;
  /** The month it was first logged. */
  since: string;
  overdue: boolean;
}

const text = (v: PlanValue | undefined): string => (v === null || v === undefined ? '' : String(v).trim());
const num = (v: PlanValue | undefined): number | null =>
  typeof v === 'number' && Number.isFinite(v) ? v : null;

/** A month cell: `2026-07` text, or a date the user typed (a serial). */
function monthText(v: PlanValue | undefined): string {
  if (typeof v === 'number') return serialToIso(v).slice(0, 7);
  return text(v);
}

function dateText(v: PlanValue | undefined): string {
  if (typeof v === 'number') return serialToIso(v);
  return text(v);
}

export function actionId(team: string, csf: string, action: string): string {
  return `${team}|${csf}|${action}`.toLowerCase();
}

/** Columns a log written before issue 9 lacks: read as blank, and left out when saving to such a log. */
export const OPTIONAL_LOG_HEADERS = ['Basis', 'Unit', 'Side'] as const;
type LogHeader = (typeof REVIEW_LOG_HEADERS)[number];
const isOptional = (h: LogHeader): boolean => (OPTIONAL_LOG_HEADERS as readonly string[]).includes(h);

/** The column of each header in a header row, -1 when absent (matched case-insensitively, trimmed). */
function columnsOf(header: readonly PlanValue[]): Record<LogHeader, number> {
  const titles = header.map((h) => text(h).toLowerCase());
  return Object.fromEntries(REVIEW_LOG_HEADERS.map((h) => [h, titles.indexOf(h.toLowerCase())])) as Record<
    LogHeader,
    number
  >;
}

/** The template's columns a log's header row lacks (an older log), in the template's order. */
export function missingLogColumns(header: readonly PlanValue[]): LogHeader[] {
  const c = columnsOf(header);
  return REVIEW_LOG_HEADERS.filter((h) => c[h] < 0);
}

export function readReviewLog(table: TableRead | null): LogRow[] {
  if (table === null) return [];
  const c = columnsOf(table.values[0] ?? []);
  for (const h of REVIEW_LOG_HEADERS) {
    if (c[h] < 0 && !isOptional(h)) {
      throw new ReviewError(
        `The Review Log (sheet "${table.sheet}") has no "${h}" column in its header row (row ${table.row + 1}). Restore the header text, or insert a fresh Review Log.`,
      );
    }
  }
  const cell = (v: PlanValue[], h: LogHeader): PlanValue | undefined => (c[h] < 0 ? undefined : v[c[h]]);
  const rows: LogRow[] = [];
  for (let i = 1; i < table.values.length; i++) {
    const v = table.values[i];
    if (v.every((value) => value === null)) continue;
    rows.push({
      row: table.row + i + 1,
      month: monthText(cell(v, 'Month')),
      team: text(cell(v, 'Team')),
      csf: text(cell(v, 'CSF')),
      status: text(cell(v, 'Status')),
      basis: text(cell(v, 'Basis')),
      actual: num(cell(v, 'Actual')),
      target: num(cell(v, 'Target')),
      unit: text(cell(v, 'Unit')),
      variance: num(cell(v, 'Variance')),
      side: text(cell(v, 'Side')),
      commentary: text(cell(v, 'Commentary')),
      action: text(cell(v, 'Action')),
      owner: text(cell(v, 'Owner')),
      due: dateText(cell(v, 'Due date')),
      actionStatus: text(cell(v, 'Action status')),
      reviewer: text(cell(v, 'Reviewer')),
      savedAt: text(cell(v, 'Saved at')),
    });
  }
  return rows;
}

/**
 * Whether a month cell names a month before `month` (yyyy-mm). A month the add-in did not write (text it cannot
 * read as yyyy-mm) is taken as earlier, so a hand-typed action is shown rather than hidden.
 */
function loggedBefore(logged: string, month: string): boolean {
  return !/^\d{4}-\d{2}$/.test(logged) || logged < month;
}

/**
 * When a row was saved, as a day serial for ordering: the add-in's "yyyy-mm-dd hh:mm" (its local time, or
 * " UTC"), a date or date-time a user typed (a serial), or a bare date. Null when the cell says neither (the
 * template's example rows, a hand-typed row). Local and UTC texts are compared as written: a few hours' skew
 * between reviewers matters less than a month between reviews.
 */
export function savedAtSerial(savedAt: string): number | null {
  const t = savedAt.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t);
  const m = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?)?(?: ?UTC|Z)?$/i.exec(t);
  if (m === null) return null;
  const day = isoToSerial(m[1]);
  if (day === null) return null;
  return day + (m[2] === undefined ? 0 : (Number(m[2]) * 60 + Number(m[3])) / 1440);
}

/**
 * The rows in the order they were saved: by "Saved at", the sheet's order only between rows saved in the
 * same minute, so sorting the log (by CSF, by month, reversed) cannot reopen a closed action. Rows without a
 * readable "Saved at" come first, in sheet order.
 */
function inSavedOrder(rows: readonly LogRow[]): LogRow[] {
  const at = new Map(rows.map((r) => [r, savedAtSerial(r.savedAt) ?? -Infinity]));
  return [...rows].sort((a, b) => (at.get(a) as number) - (at.get(b) as number) || a.row - b.row);
}

/**
 * Actions whose latest row (the latest saved: see inSavedOrder) says Open or Carried over, oldest first.
 * `today` is yyyy-mm-dd. With `before` (yyyy-mm, the month being reviewed), only actions first logged in the
 * review of an earlier month: the month's own new actions are not "last month's open actions" (issue 12), and
 * an earlier action closed or carried over in this month's review still reads as its latest row says.
 */
export function openActions(rows: readonly LogRow[], today: string, before?: string): OpenAction[] {
  const latest = new Map<string, { first: LogRow; last: LogRow }>();
  for (const r of inSavedOrder(rows)) {
    if (r.action === '') continue;
    const id = actionId(r.team, r.csf, r.action);
    const seen = latest.get(id);
    latest.set(id, { first: seen?.first ?? r, last: r });
  }
  const out: OpenAction[] = [];
  for (const [id, { first, last }] of latest) {
    const status = last.actionStatus.toLowerCase();
    if (status !== 'open' && status !== 'carried over') continue;
    if (before !== undefined && !loggedBefore(first.month, before)) continue;
    out.push({
      id,
      team: last.team,
      csf: last.csf,
      action: last.action,
      owner: last.owner,
      due: last.due,
      status: status === 'open' ? 'Open' : 'Carried over',
      since: first.month,
      overdue: /^\d{4}-\d{2}-\d{2}$/.test(last.due) && last.due < today,
    });
  }
  return out;
}

/**
 * One Review Log row as cells, written by header: each value goes under the column with its header in the
 * log's own header row (users may move, add or sort columns), blank under a column of the user's own, and
 * left out where an older log lacks the column. `header` null: the template's order (a log this save creates).
 * Text stays text (the adapters keep it literal).
 */
export function logRowCells(
  header: readonly PlanValue[] | null,
  r: Omit<LogRow, 'row'> & { dueSerial: number | null },
): PlanCell[] {
  const cells: Record<LogHeader, PlanValue> = {
    Month: r.month,
    Team: r.team,
    CSF: r.csf,
    Status: r.status,
    Basis: r.basis,
    Actual: r.actual,
    Target: r.target,
    Unit: r.unit,
    Variance: r.variance,
    Side: r.side,
    Commentary: r.commentary,
    Action: r.action,
    Owner: r.owner,
    'Due date': r.dueSerial,
    'Action status': r.actionStatus,
    Reviewer: r.reviewer,
    'Saved at': r.savedAt,
  };
  const blankAsNull = (v: PlanValue): PlanValue => (v === '' ? null : v);
  if (header === null) return REVIEW_LOG_HEADERS.map((h) => ({ value: blankAsNull(cells[h]) }));
  const c = columnsOf(header);
  const out: PlanCell[] = header.map(() => ({ value: null }));
  for (const h of REVIEW_LOG_HEADERS) if (c[h] >= 0) out[c[h]] = { value: blankAsNull(cells[h]) };
  return out;
}
