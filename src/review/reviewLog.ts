/**
 * The Review Log, read and written. The log is append-only: saving a review appends one row per CSF, and
 * closing or carrying over an action appends a row for that action with its new status. An action's state
 * is the status in its latest row, so nothing already written is ever rewritten.
 */
import { REVIEW_LOG_HEADERS } from '../templates/reviewLog';
import type { PlanCell, PlanValue } from '../templates/sheetPlan';
import type { TableRead } from '../workbook';
import { serialToIso } from './calendar';
import { ReviewError } from './reviewError';

export type ActionStatus = 'Open' | 'Done' | 'Carried over';

export interface LogRow {
  /** 1-based sheet row. */
  row: number;
  month: string;
  team: string;
  csf: string;
  status: string;
  actual: number | null;
  target: number | null;
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

export function readReviewLog(table: TableRead | null): LogRow[] {
  if (table === null) return [];
  const header = (table.values[0] ?? []).map((h) => text(h).toLowerCase());
  const col = (title: string): number => {
    const i = header.indexOf(title.toLowerCase());
    if (i < 0) {
      throw new ReviewError(
        `The Review Log (sheet "${table.sheet}") has no "${title}" column in its header row (row ${table.row + 1}). Restore the header text, or insert a fresh Review Log.`,
      );
    }
    return i;
  };
  const c = Object.fromEntries(REVIEW_LOG_HEADERS.map((h) => [h, col(h)])) as Record<
    (typeof REVIEW_LOG_HEADERS)[number],
    number
  >;
  const rows: LogRow[] = [];
  for (let i = 1; i < table.values.length; i++) {
    const v = table.values[i];
    if (v.every((cell) => cell === null)) continue;
    rows.push({
      row: table.row + i + 1,
      month: monthText(v[c.Month]),
      team: text(v[c.Team]),
      csf: text(v[c.CSF]),
      status: text(v[c.Status]),
      actual: num(v[c.Actual]),
      target: num(v[c.Target]),
      commentary: text(v[c.Commentary]),
      action: text(v[c.Action]),
      owner: text(v[c.Owner]),
      due: dateText(v[c['Due date']]),
      actionStatus: text(v[c['Action status']]),
      reviewer: text(v[c.Reviewer]),
      savedAt: text(v[c['Saved at']]),
    });
  }
  return rows;
}

/** Actions whose latest row says Open or Carried over, oldest first. `today` is yyyy-mm-dd. */
export function openActions(rows: readonly LogRow[], today: string): OpenAction[] {
  const latest = new Map<string, { first: LogRow; last: LogRow }>();
  for (const r of rows) {
    if (r.action === '') continue;
    const id = actionId(r.team, r.csf, r.action);
    const seen = latest.get(id);
    latest.set(id, { first: seen?.first ?? r, last: r });
  }
  const out: OpenAction[] = [];
  for (const [id, { first, last }] of latest) {
    const status = last.actionStatus.toLowerCase();
    if (status !== 'open' && status !== 'carried over') continue;
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

/** One Review Log row as cells, in the log's column order. Text stays text (the adapters keep it literal). */
export function logRowCells(
  r: Omit<LogRow, 'row'> & { variance: number | null; dueSerial: number | null },
): PlanCell[] {
  const cells: Record<(typeof REVIEW_LOG_HEADERS)[number], PlanValue> = {
    Month: r.month,
    Team: r.team,
    CSF: r.csf,
    Status: r.status,
    Actual: r.actual,
    Target: r.target,
    Variance: r.variance,
    Commentary: r.commentary,
    Action: r.action,
    Owner: r.owner,
    'Due date': r.dueSerial,
    'Action status': r.actionStatus,
    Reviewer: r.reviewer,
    'Saved at': r.savedAt,
  };
  return REVIEW_LOG_HEADERS.map((h) => ({ value: cells[h] === '' ? null : cells[h] }));
}
