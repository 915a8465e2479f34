/**
 * The 1:1 (SPEC §3 "1:1 coaching"; seed 002: "progress on last action items, activities review, coach to
 * improve, commitment to new action"), as tasks over the Workbook port (see ./task), in the style of the
 * monthly review (./review). Loading reads the Activity Funnel and the Coaching Log by their named ranges;
 * saving appends to the Coaching Log by header, under the Review Log's rules: validation in words, text
 * written as text, the log created if missing (never a second), and a commitment's progress recorded as a new
 * row (its state is read from its rows: see readCoachingLog), never by changing a row a user typed.
 */
import { FUNNEL_NAMES } from '../templates/activityFunnel';
import { COACHING_NAMES, coachingLog } from '../templates/coachingLog';
import { isoToSerial } from '../review/calendar';
import {
  coachingReps,
  monthLabel,
  oneOnOne,
  readCoachingLog,
  readFunnel,
  type CoachingLogRow,
  type OneOnOne,
} from '../review/coaching';
import { ReviewError } from '../review/reviewError';
import type { PlanCell } from '../templates/sheetPlan';
import { savedAtText, type HostClock } from './review';
import { call, type Task } from './task';

export interface LoadOneOnOneRequest extends Pick<HostClock, 'today'> {
  /** The rep to hold the 1:1 with; default the first of `reps`. */
  rep?: string;
  /** The month to review (yyyy-mm); default the funnel's latest month up to today's, else today's month. */
  month?: string;
}

export interface OneOnOneLoad {
  /** The reps a 1:1 can be held with: the Activity Funnel's, then those only in the Coaching Log. */
  reps: string[];
  /** The months of the funnel (latest first) to pick from, with today's month when it has none. */
  months: { month: string; label: string }[];
  month: string;
  /** The chosen rep's figures and commitments, or null when there is no rep at all to pick. */
  data: OneOnOne | null;
  /** What the workbook lacks, in words (no funnel, no log), else empty. */
  notes: string[];
}

export interface CommitmentProgress {
  /** Commitment.id from the load. */
  commitmentId: string;
  status: 'Done' | 'Carried over';
  /** The new due date of a commitment carried over (yyyy-mm-dd). */
  due?: string;
}

export interface SaveOneOnOneRequest extends Pick<HostClock, 'today'> {
  /** When the save happened, as the host's clock says (ISO 8601): the Saved at text. */
  now: string;
  rep: string;
  progress: CommitmentProgress[];
  newCommitment?: { text: string; due: string };
  notes: { review: string; skill: string };
}

export interface SaveOneOnOneResult {
  status: 'saved';
  sheet: string;
  rowsAppended: number;
  message: string;
}

/**
 * The Coaching Log columns a 1:1 writes, by header (its Status column is the sheet's formula: not written).
 * "Saved at" orders a commitment's rows when the log is sorted; a log without that column still takes the save.
 */
export const ONE_ON_ONE_HEADERS = [
  'Date',
  'Rep',
  'Progress on last action items',
  'Activity review',
  'Skill to coach',
  'Commitment / new action',
  'Due date',
  'Done?',
  'Saved at',
] as const;
const OPTIONAL_HEADERS = ['Saved at'] as const;

const isIsoDate = (s: unknown): s is string =>
  typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s) && isoToSerial(s) !== null;
const isMonth = (s: unknown): s is string => typeof s === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(s);
const clean = (s: unknown, max = 2000): string => (typeof s === 'string' ? s.trim().slice(0, max) : '');

function checkToday(request: { today?: unknown } | null | undefined): string {
  if (!isIsoDate(request?.today))
    throw new ReviewError('The request must say what day it is (today, as yyyy-mm-dd).');
  return request.today;
}

interface Read {
  funnel: ReturnType<typeof readFunnel>;
  log: CoachingLogRow[];
  logSheet: string | null;
}

function* readBoth(today: string): Task<Read> {
  // The calendar only places rows in fiscal periods, which the 1:1 does not use: it works in months.
  const cal = { startMonth: 1, firstYear: Number(today.slice(0, 4)) };
  // One port call (readMany) for the funnel, its benchmarks and the Coaching Log.
  const read = yield* call('readMany', {
    tables: [FUNNEL_NAMES.table, COACHING_NAMES.table],
    ranges: [FUNNEL_NAMES.benchmarks],
  });
  const funnel = readFunnel(
    read.tables[FUNNEL_NAMES.table] ?? null,
    read.ranges[FUNNEL_NAMES.benchmarks] ?? null,
    cal,
  );
  const logTable = read.tables[COACHING_NAMES.table] ?? null;
  return { funnel, log: readCoachingLog(logTable, today), logSheet: logTable?.sheet ?? null };
}

export function* loadOneOnOneTask(request: LoadOneOnOneRequest): Task<OneOnOneLoad> {
  const today = checkToday(request);
  if (request.month !== undefined && request.month !== null && !isMonth(request.month))
    throw new ReviewError(
      `The month of the 1:1 must be a month as yyyy-mm (e.g. 2026-07); got ${JSON.stringify(request.month)}.`,
    );
  const { funnel, log } = yield* readBoth(today);
  const reps = coachingReps(funnel, log);
  const thisMonth = today.slice(0, 7);
  const funnelMonths = [
    ...new Set((funnel?.rows ?? []).map((r) => r.month).filter((m): m is string => m !== null)),
  ].sort((a, b) => b.localeCompare(a));
  const month = request.month ?? funnelMonths.find((m) => m <= thisMonth) ?? thisMonth;
  const months = [...new Set([month, ...funnelMonths])]
    .sort((a, b) => b.localeCompare(a))
    .map((m) => ({ month: m, label: monthLabel(m) }));
  const asked = clean(request.rep, 200);
  const rep = asked === '' ? reps[0] : (reps.find((r) => r.toLowerCase() === asked.toLowerCase()) ?? asked);
  return {
    reps,
    months,
    month,
    data: rep === undefined ? null : oneOnOne(funnel, log, rep, month),
    notes: [
      ...(funnel === null
        ? ['There is no Activity Funnel in this workbook: insert it from Templates to see funnels here.']
        : []),
      ...(reps.length === 0
        ? [
            'No rep yet: enter reps and their monthly counts in the Activity Funnel, or a 1:1 in the Coaching Log.',
          ]
        : []),
    ],
  };
}

export function* saveOneOnOneTask(request: SaveOneOnOneRequest): Task<SaveOneOnOneResult> {
  const today = checkToday(request);
  const rep = clean(request.rep, 200);
  if (rep === '') throw new ReviewError('Not saved: pick the rep the 1:1 is with.');
  const { log, logSheet } = yield* readBoth(today);
  const open = new Map(
    log.filter((c) => c.rep.toLowerCase() === rep.toLowerCase() && c.status !== 'Done').map((c) => [c.id, c]),
  );
  const problems: string[] = [];
  const progress = Array.isArray(request.progress) ? request.progress : [];
  const seen = new Set<string>();
  for (const p of progress) {
    const c = open.get(p?.commitmentId);
    if (c === undefined) {
      throw new ReviewError(
        `Not saved: a commitment to update is no longer open for ${rep} (someone may have closed it). Reload the 1:1.`,
      );
    }
    if (seen.has(c.id)) problems.push(`"${c.commitment}" has two updates; give it one`);
    seen.add(c.id);
    if (p.status !== 'Done' && p.status !== 'Carried over')
      problems.push(`"${c.commitment}" can be marked Done or Carried over, not ${JSON.stringify(p.status)}`);
    else if (p.status === 'Carried over' && !isIsoDate(clean(p.due)))
      problems.push(
        `"${c.commitment}" is carried over, so it needs its new due date (a date); got ${JSON.stringify(p.due ?? '')}`,
      );
  }
  const text = clean(request.newCommitment?.text);
  const due = clean(request.newCommitment?.due);
  if (text !== '' && !isIsoDate(due))
    problems.push(`the new commitment needs a due date (a date); got ${JSON.stringify(due)}`);
  if (text === '' && due !== '')
    problems.push('the new commitment has a due date but no words: say what it is');
  const review = clean(request.notes?.review);
  const skill = clean(request.notes?.skill, 500);
  if (progress.length === 0 && text === '' && review === '' && skill === '')
    problems.push(
      'there is nothing to save: mark a commitment done or carried over, write the activity review or the skill to coach, or add a commitment',
    );
  if (problems.length > 0) throw new ReviewError(`Not saved: ${problems.join('; ')}.`);

  const savedAt = savedAtText(request.now, today);
  const day = isoToSerial(today);
  const cells = (values: (string | number | null)[]): PlanCell[] =>
    values.map((v) => ({ value: v === '' ? null : v }));
  const rows: PlanCell[][] = [];
  const words: string[] = [];
  for (const p of progress) {
    const c = open.get(p.commitmentId) as CoachingLogRow;
    const carried = p.status === 'Carried over';
    const newDue = carried ? clean(p.due) : c.due;
    const said = carried ? `Carried over to ${newDue}` : 'Done';
    words.push(`${said}: ${c.commitment}`);
    rows.push(
      cells([
        day,
        c.rep,
        `${said} (1:1 of ${today})`,
        '',
        c.skill,
        c.commitment,
        newDue === null ? null : isoToSerial(newDue),
        carried ? '' : 'Yes',
        savedAt,
      ]),
    );
  }
  // The meeting itself: what was reviewed and coached, and the new commitment (if any).
  if (text !== '' || review !== '' || skill !== '')
    rows.push(
      cells([
        day,
        rep,
        words.join('; '),
        review,
        skill,
        text,
        text === '' ? null : isoToSerial(due),
        '',
        savedAt,
      ]),
    );
  // The first save of a workbook without a Coaching Log creates one (never a second: it is found by name),
  // unless another save created it meanwhile: the check and the insert are one step in the adapter.
  if (logSheet === null)
    yield* call('insertSheet', coachingLog.render({ examples: false }), {
      unlessNamed: COACHING_NAMES.table,
    });
  const appended = yield* call('appendRows', COACHING_NAMES.table, rows, {
    headers: ONE_ON_ONE_HEADERS,
    optional: OPTIONAL_HEADERS,
  });
  const parts = [
    progress.length > 0 ? `${progress.length} commitment update${progress.length === 1 ? '' : 's'}` : '',
    text !== '' ? `the new commitment (due ${due})` : '',
    text === '' && (review !== '' || skill !== '') ? 'the notes' : '',
  ].filter((x) => x !== '');
  return {
    status: 'saved',
    sheet: appended.sheet,
    rowsAppended: appended.count,
    message: `Saved ${rep}'s 1:1 of ${today}: ${parts.join(' and ')} added to "${appended.sheet}", rows ${appended.row + 1}–${appended.row + appended.count}.`,
  };
}
