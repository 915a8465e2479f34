/**
 * The review's drafts, per month, kept in the pane's storage so that switching months or reloading the pane
 * loses nothing typed. Keyed by the tracker (sheet and fiscal year: the HostApi gives no workbook id) and the
 * month; cleared when that month's review is saved. Storage may be blocked in the host's frame: the drafts
 * then live as long as the pane.
 */
import type { CarryDraft, EntryDraft } from './validation';

export interface MonthDraft {
  entries: Record<string, EntryDraft>;
  carries: Record<string, CarryDraft>;
}

export const noDraft: MonthDraft = { entries: {}, carries: {} };

const PREFIX = 'seToolkit.draft.';

export function draftKey(tracker: { trackerSheet: string; fiscalYear: string }, month: string): string {
  return `${PREFIX}${JSON.stringify([tracker.trackerSheet, tracker.fiscalYear, month])}`;
}

const isText = (v: unknown): v is string => typeof v === 'string';

function entryOf(v: unknown): EntryDraft | null {
  if (typeof v !== 'object' || v === null) return null;
  const e = v as Record<string, unknown>;
  if (![e.commentary, e.action, e.owner, e.due].every(isText)) return null;
  return { commentary: e.commentary, action: e.action, owner: e.owner, due: e.due } as EntryDraft;
}

function carryOf(v: unknown): CarryDraft | null {
  if (typeof v !== 'object' || v === null) return null;
  const c = v as Record<string, unknown>;
  if (!isText(c.due) || !['', 'Done', 'Carried over'].includes(c.status as string)) return null;
  return { status: c.status as CarryDraft['status'], due: c.due };
}

/** The stored draft, with anything malformed left out (storage is the user's, not ours). */
export function readDraft(key: string): MonthDraft {
  try {
    const raw = window.localStorage.getItem(key);
    if (raw === null) return noDraft;
    const parsed = JSON.parse(raw) as { entries?: unknown; carries?: unknown };
    const out: MonthDraft = { entries: {}, carries: {} };
    for (const [id, v] of Object.entries(parsed.entries ?? {})) {
      const e = entryOf(v);
      if (e !== null) out.entries[id] = e;
    }
    for (const [id, v] of Object.entries(parsed.carries ?? {})) {
      const c = carryOf(v);
      if (c !== null) out.carries[id] = c;
    }
    return out;
  } catch {
    return noDraft;
  }
}

export function writeDraft(key: string, draft: MonthDraft): void {
  try {
    if (Object.keys(draft.entries).length === 0 && Object.keys(draft.carries).length === 0)
      window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, JSON.stringify(draft));
  } catch {
    // Blocked storage: the draft stays in memory only.
  }
}
