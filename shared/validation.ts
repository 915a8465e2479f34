/**
 * What stops a save, in words and with the field it belongs to, before it reaches the host (which checks
 * again: SPEC §3, an off-track CSF needs a commentary and an action with an owner and a due date). The sidebar
 * checks when Save is pressed, marks each field inline and moves focus to the first.
 */
import type { CsfMonth } from '../src/review/monthly';
import { isIsoDate } from './format';

export interface EntryDraft {
  commentary: string;
  action: string;
  owner: string;
  due: string;
}

export type EntryField = keyof EntryDraft;

export const emptyDraft: EntryDraft = { commentary: '', action: '', owner: '', due: '' };

/** A CSF's draft before the user types: the tracker's owner as a real value (the user may change it). */
export function startingDraft(c: Pick<CsfMonth, 'owner'>): EntryDraft {
  return { ...emptyDraft, owner: c.owner };
}

export interface CarryDraft {
  status: '' | 'Done' | 'Carried over';
  due: string;
}

export type SaveIssue =
  | { kind: 'reviewer'; message: string }
  | { kind: 'csf'; csfId: string; field: EntryField; message: string }
  | { kind: 'carry'; actionId: string; message: string };

const needs: Record<EntryField, string> = {
  commentary: 'a commentary',
  action: 'an action',
  owner: 'an owner',
  due: 'a due date',
};

/** Every missing or wrong field, in the order the sidebar shows them (CSFs in `csfs` order, then the rest). */
export function saveIssues(
  csfs: readonly CsfMonth[],
  draftOf: (c: CsfMonth) => EntryDraft,
  carries: ReadonlyMap<string, CarryDraft>,
  reviewer: string,
): SaveIssue[] {
  const out: SaveIssue[] = [];
  for (const c of csfs) {
    const d = draftOf(c);
    const due = d.due.trim();
    const offTrack = c.status === 'Off track';
    for (const field of ['commentary', 'action', 'owner', 'due'] as const) {
      if (field === 'due' && due !== '' && !isIsoDate(due)) {
        out.push({ kind: 'csf', csfId: c.id, field, message: 'The due date must be a date.' });
      } else if (offTrack && d[field].trim() === '') {
        out.push({
          kind: 'csf',
          csfId: c.id,
          field,
          message: `Off track: needs ${needs[field]}.`,
        });
      }
    }
  }
  for (const [actionId, carry] of carries) {
    if (carry.status === 'Carried over' && carry.due.trim() !== '' && !isIsoDate(carry.due.trim()))
      out.push({ kind: 'carry', actionId, message: 'The new due date must be a date.' });
  }
  if (reviewer.trim() === '') out.push({ kind: 'reviewer', message: 'Enter your name as the reviewer.' });
  return out;
}

/** "2 items left" / "1 item left". */
export function itemsLeftText(count: number): string {
  return `${count} item${count === 1 ? '' : 's'} left`;
}
