/**
 * What stops a save, in words, before it reaches the host (which checks again: SPEC §3, an off-track CSF needs
 * a commentary and an action with an owner and a due date).
 */
import type { CsfMonth } from '../src/review/monthly';
import { isIsoDate } from './format';

export interface EntryDraft {
  commentary: string;
  action: string;
  owner: string;
  due: string;
}

export const emptyDraft: EntryDraft = { commentary: '', action: '', owner: '', due: '' };

export interface CarryDraft {
  status: '' | 'Done' | 'Carried over';
  due: string;
}

export function saveBlockers(
  csfs: readonly CsfMonth[],
  drafts: ReadonlyMap<string, EntryDraft>,
  carries: ReadonlyMap<string, CarryDraft>,
  reviewer: string,
): string[] {
  const out: string[] = [];
  if (reviewer.trim() === '') out.push('Enter your name as the reviewer.');
  for (const c of csfs) {
    const d = drafts.get(c.id) ?? emptyDraft;
    const due = d.due.trim();
    if (due !== '' && !isIsoDate(due)) out.push(`${c.csf} (${c.team}): the due date must be a date.`);
    if (c.status !== 'Off track') continue;
    const lacks = [
      d.commentary.trim() === '' ? 'a commentary' : '',
      d.action.trim() === '' ? 'an action' : '',
      d.owner.trim() === '' ? 'an owner' : '',
      due === '' ? 'a due date' : '',
    ].filter((x) => x !== '');
    if (lacks.length > 0) out.push(`${c.csf} (${c.team}) is off track and needs ${lacks.join(', ')}.`);
  }
  for (const [, carry] of carries) {
    if (carry.status === 'Carried over' && carry.due.trim() !== '' && !isIsoDate(carry.due.trim()))
      out.push('A new due date for a carried-over action must be a date.');
  }
  return out;
}
