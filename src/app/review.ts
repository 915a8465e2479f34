/**
 * The monthly review and quarterly prep, written once as tasks over the Workbook port (see ./task). Loading
 * reads the CSF Tracker, the Review Log and the Activity Funnel by their named ranges; saving appends to the
 * Review Log and never touches the tracker; preparing a quarter adds a new sheet and never replaces one.
 * Numbers written to the log are recomputed here from the tracker, not taken from the client.
 */
import { FUNNEL_NAMES } from '../templates/activityFunnel';
import { REVIEW_LOG_HEADERS, REVIEW_LOG_NAMES, reviewLog } from '../templates/reviewLog';
import { fiscalYearLabel, isoToSerial, periodIso, periodLabel, quarterPeriods } from '../review/calendar';
import {
  coachingFocus,
  readCoachingLog,
  readFunnel,
  type CoachingFocus,
  type CoachingLogRow,
} from '../review/coaching';
import { COACHING_NAMES } from '../templates/coachingLog';
import { latestReportedPeriod, monthlyModel, reviewMonth, type TeamMonth } from '../review/monthly';
import { figuresFingerprint } from '../review/fingerprint';
export { figuresFingerprint, figuresSeen } from '../review/fingerprint';
import { quarterCoaching, quarterPack, quarterPlan } from '../review/quarter';
import { ReviewError } from '../review/reviewError';
import {
  logRowCells,
  missingLogColumns,
  OPTIONAL_LOG_HEADERS,
  openActions,
  readReviewLog,
  type LogRow,
  type OpenAction,
} from '../review/reviewLog';
import { readSettings, readTracker, trackerNames, type Tracker } from '../review/tracker';
import { CSF_NAMES, PERIODS } from '../templates/csfTracker';
import type { PlanCell, PlanValue } from '../templates/sheetPlan';
import {
  freeSheetName,
  type AppendedRows,
  type AppendOptions,
  type ManyRead,
  type ReadManyRequest,
} from '../workbook';
import { call, type Task } from './task';

/** What every request carries from the host: today's date and the year, since the core never reads a clock. */
export interface HostClock {
  /** yyyy-mm-dd */
  today: string;
  /**
   * Which CSF Tracker to read, by its table's named range (`SE_CSF_Table_2` for a second tracker); default the
   * first one the workbook has. Loading lists them (ReviewData.trackers); save and prepare pass the one loaded.
   */
  tracker?: string;
}

/** A CSF Tracker in the workbook: its table's named range and the sheet it is on. */
export interface TrackerChoice {
  table: string;
  sheet: string;
}

export interface LoadReviewRequest extends HostClock {
  /** The period to review (1-12); default: the tracker's review-month setting, else the latest with actuals. */
  period?: number;
}

export interface ReviewData {
  trackerSheet: string;
  /** The table of the tracker read (pass it back as `tracker` to save or prepare from the same one). */
  trackerTable: string;
  /** Every CSF Tracker in the workbook, the one read first; more than one is worth a choice. */
  trackers: TrackerChoice[];
  fiscalYear: string;
  /** The periods that can be reviewed: 1 to the latest with actuals (or the month asked for, if later). */
  periods: { period: number; label: string; month: string }[];
  period: number;
  periodLabel: string;
  month: string;
  /** The tracker's own review month (its setting, else the latest with actuals): its cells are as of it. */
  sheetPeriod: number;
  teams: TeamMonth[];
  openActions: OpenAction[];
  /** Per rep: the leak, and how many of the rep's Coaching Log commitments are overdue today. */
  coaching: (CoachingFocus & { overdue: number })[];
  warnings: string[];
  /** The latest save of this month's review, if any (saving again appends again). */
  lastSaved: { reviewer: string; savedAt: string } | null;
}

export interface ReviewEntry {
  csfId: string;
  commentary: string;
  action: string;
  owner: string;
  /** yyyy-mm-dd, or '' when there is no action. */
  due: string;
}

export interface ActionUpdate {
  actionId: string;
  status: 'Done' | 'Carried over';
  /** A new due date for an action carried over (yyyy-mm-dd), or ''. */
  due?: string;
}

export interface SaveReviewRequest extends HostClock {
  period: number;
  reviewer: string;
  /** When the save happened, as the host's clock says (ISO 8601). */
  now: string;
  entries: ReviewEntry[];
  actionUpdates: ActionUpdate[];
  /**
   * The figures the reviewer saw, one fingerprint per CSF (figuresSeen of the loaded data). When given and the
   * tracker's figures differ now (someone typed an actual meanwhile), nothing is saved and the result says
   * what changed, so the pane can reload and keep the drafts.
   */
  seen?: Record<string, string>;
}

export type SaveReviewResult =
  | { status: 'saved'; sheet: string; rowsAppended: number; message: string }
  /** The tracker's figures changed since the review was loaded: nothing was written. */
  | { status: 'stale'; changed: string[]; message: string };

export interface PrepareQuarterRequest extends HostClock {
  quarter: number;
  /** When a sheet of the quarter's name exists: false (default) asks first; true adds it under a free name. */
  addUnderNewName?: boolean;
}

export type PrepareQuarterResult =
  | { status: 'created'; sheetName: string; summary: string[]; message: string }
  | { status: 'exists'; sheetName: string; suggestedName: string; message: string }
  /** Nothing happened in the quarter (no actual, no action, no funnel figure): no sheet is added. */
  | { status: 'empty'; message: string };

interface Loaded {
  tracker: Tracker;
  log: LogRow[];
  /** The Review Log's header row as it is on the sheet (users may add or move columns); null with no log. */
  logHeader: PlanValue[] | null;
  funnel: ReturnType<typeof readFunnel>;
  /** The Coaching Log's commitments as of today (the 1:1's), for the coaching summary and the quarter. */
  coachingLog: CoachingLogRow[];
  logSheet: string | null;
  trackers: TrackerChoice[];
  /** Review Logs beyond the one the review reads and writes (a copy inserted by hand): flagged. */
  otherLogs: number;
}

const numbered = (base: string) => new RegExp(`^${base}(_(\\d+))?$`, 'i');

/** The names of a template's table in the workbook, the base name first, then its copies by number. */
function copiesOf(base: string, names: readonly string[]): string[] {
  const pattern = numbered(base);
  const n = (name: string) => Number(pattern.exec(name)?.[2] ?? 1);
  return names.filter((name) => pattern.test(name)).sort((a, b) => n(a) - n(b));
}

function isIsoDate(s: unknown): s is string {
  return typeof s === 'string' && isoToSerial(s) !== null;
}

function checkClock(request: HostClock): void {
  if (!isIsoDate(request?.today))
    throw new ReviewError('The request must say what day it is (today, as yyyy-mm-dd).');
}

/**
 * The words of a load that finds no CSF Tracker at all: the sidebar recognises them (they are all that crosses
 * the Sheets bridge, which carries only the message) and offers to insert one instead of showing an error.
 */
export const NO_TRACKER_MESSAGE =
  'There is no CSF Tracker in this workbook. The monthly review reads one: a row per CSF with its monthly targets and actuals.';

/** What a review reads: the tracker's table and settings, the Review Log and, unless only saving, the funnel. */
function reviewRequest(table: string, coaching: boolean): ReadManyRequest {
  const names = trackerNames(table.slice(CSF_NAMES.table.length));
  return {
    tables: [table, REVIEW_LOG_NAMES.table, ...(coaching ? [FUNNEL_NAMES.table, COACHING_NAMES.table] : [])],
    ranges: [
      names.fiscalYearStart,
      names.reviewPeriod,
      names.firstYear,
      names.defaultTolerance,
      names.steadyShare,
      ...(coaching ? [FUNNEL_NAMES.benchmarks] : []),
    ],
    copiesOf: [CSF_NAMES.table],
  };
}

/** The tracker a request asks for (or the first), before the names are known: its table's name as given. */
function guessTracker(wanted: unknown): string {
  return typeof wanted === 'string' && wanted !== '' ? wanted : CSF_NAMES.table;
}

/**
 * The tracker the review reads, from the workbook's names: the one asked for (by its table's name, any case),
 * else the first (the base name, then its copies by number).
 */
function chooseTracker(names: readonly string[], wanted: unknown): string {
  const tables = copiesOf(CSF_NAMES.table, names);
  if (wanted === undefined || wanted === null || wanted === '') return tables[0] ?? CSF_NAMES.table;
  const found = tables.find((t) => typeof wanted === 'string' && t.toLowerCase() === wanted.toLowerCase());
  if (found === undefined)
    throw new ReviewError(
      `The CSF Tracker chosen (${JSON.stringify(wanted)}) is no longer in this workbook. Press Refresh to pick one of those there are.`,
    );
  return found;
}

/** Whether a read was made for the tracker `chosen` (the request guessed it right). */
function readFor(read: ReadManyRequest, chosen: string): boolean {
  return (read.tables ?? [])[0]?.toLowerCase() === chosen.toLowerCase();
}

/**
 * Everything a review needs from what readMany read for `chosen`: the tracker, the log, the funnel and the
 * Coaching Log (when read), and the other trackers' sheets from the names (no read of their cells).
 */
function loaded(read: ManyRead, request: ReadManyRequest, chosen: string, today: string): Loaded {
  const [tableName] = request.tables ?? [];
  const table = read.tables[tableName] ?? null;
  if (table === null) throw new ReviewError(NO_TRACKER_MESSAGE);
  const names = trackerNames(chosen.slice(CSF_NAMES.table.length));
  const range = (name: string) => read.ranges[name] ?? null;
  // The other trackers, to name them in the choice: each copy's sheet, as the workbook's names say.
  const trackers: TrackerChoice[] = [{ table: chosen, sheet: table.sheet }];
  for (const other of copiesOf(
    CSF_NAMES.table,
    read.copies.map((c) => c.name),
  )) {
    if (other.toLowerCase() === chosen.toLowerCase()) continue;
    const sheet = read.copies.find((c) => c.name === other)?.sheet;
    if (sheet !== undefined) trackers.push({ table: other, sheet });
  }
  const settings = readSettings(
    range(names.fiscalYearStart),
    range(names.reviewPeriod),
    range(names.firstYear),
    Number(today.slice(0, 4)),
    range(names.defaultTolerance),
    range(names.steadyShare),
  );
  const tracker = readTracker(table, settings);
  const logTable = read.tables[REVIEW_LOG_NAMES.table] ?? null;
  const coaching = FUNNEL_NAMES.table in read.tables;
  return {
    tracker,
    log: readReviewLog(logTable),
    coachingLog: coaching ? readCoachingLog(read.tables[COACHING_NAMES.table] ?? null, today) : [],
    logHeader: logTable === null ? null : (logTable.values[0] ?? []),
    funnel: coaching
      ? readFunnel(read.tables[FUNNEL_NAMES.table] ?? null, range(FUNNEL_NAMES.benchmarks), settings)
      : null,
    logSheet: logTable?.sheet ?? null,
    trackers,
    otherLogs: Math.max(0, copiesOf(REVIEW_LOG_NAMES.table, read.names).length - 1),
  };
}

/**
 * One readMany for the tracker asked for (or the base one) with the log, funnel and Coaching Log; a second
 * only when the tracker to read turns out to be another (the base name is missing, or a copy was asked for in
 * a case the guess did not match).
 */
function* loadAll(today: string, wanted?: unknown): Task<Loaded> {
  let request = reviewRequest(guessTracker(wanted), true);
  let read = yield* call('readMany', request);
  const chosen = chooseTracker(read.names, wanted);
  if (!readFor(request, chosen)) {
    request = reviewRequest(chosen, true);
    read = yield* call('readMany', request);
  }
  return loaded(read, request, chosen, today);
}

function pickPeriod(tracker: Tracker, requested: unknown): number {
  if (requested === undefined || requested === null) return reviewMonth(tracker);
  if (typeof requested !== 'number' || !Number.isInteger(requested) || requested < 1 || requested > PERIODS) {
    throw new ReviewError(
      `The period to review must be a whole number from 1 to ${PERIODS}; got ${JSON.stringify(requested)}.`,
    );
  }
  return requested;
}

export function* loadReviewTask(request: LoadReviewRequest): Task<ReviewData> {
  checkClock(request);
  const { tracker, log, logHeader, funnel, coachingLog, trackers, otherLogs, logSheet } = yield* loadAll(
    request.today,
    request.tracker,
  );
  const period = pickPeriod(tracker, request.period);
  const model = monthlyModel(tracker, period);
  const cal = tracker.settings;
  const sheetPeriod = reviewMonth(tracker);
  const latest = Math.max(period, sheetPeriod, latestReportedPeriod(tracker));
  const missing = logHeader === null ? [] : missingLogColumns(logHeader);
  // A save always stamps "Saved at"; rows without it (the template's example) are not saves.
  const saves = log.filter((r) => r.month === model.month && r.savedAt !== '');
  const last = saves[saves.length - 1];
  return {
    trackerSheet: tracker.sheet,
    trackerTable: trackers[0].table,
    trackers,
    fiscalYear: fiscalYearLabel(cal),
    periods: Array.from({ length: latest }, (_, i) => ({
      period: i + 1,
      label: periodLabel(cal, i + 1),
      month: periodIso(cal, i + 1),
    })),
    period,
    periodLabel: model.periodLabel,
    month: model.month,
    sheetPeriod,
    teams: model.teams,
    // Actions from the reviews of earlier months: this month's own new ones are not yet someone's to report on.
    openActions: openActions(log, request.today, model.month),
    coaching: coachingFocus(funnel, [period], model.periodLabel).map((f) => ({
      ...f,
      overdue: coachingLog.filter((c) => c.rep === f.rep && c.status === 'Overdue').length,
    })),
    warnings: [
      ...(trackers.length > 1
        ? [
            `This workbook has ${trackers.length} CSF Trackers (${trackers.map((t) => `"${t.sheet}"`).join(', ')}); the review reads "${tracker.sheet}". Choose another under "Tracker".`,
          ]
        : []),
      ...(otherLogs > 0
        ? [
            `This workbook has ${otherLogs + 1} Review Logs; the review reads and writes "${logSheet ?? 'Review Log'}" only.`,
          ]
        : []),
      ...tracker.warnings,
      ...model.teams
        .filter((t) => t.tooMany)
        .map((t) => `${t.team || 'A team'} has ${t.csfs.length} CSFs; focus on at most 3.`),
      ...(missing.length === 0
        ? []
        : [
            `The Review Log has no ${missing.map((h) => `"${h}"`).join(', ')} column${missing.length === 1 ? '' : 's'}: saving leaves ${missing.length === 1 ? 'it' : 'them'} out. Add the header${missing.length === 1 ? '' : 's'} to the log's header row to keep ${missing.length === 1 ? 'it' : 'them'}.`,
          ]),
    ],
    lastSaved: last === undefined ? null : { reviewer: last.reviewer, savedAt: last.savedAt },
  };
}

/**
 * "Saved at" on the reviewer's own clock: the host sends its local time with its offset
 * (2026-08-15T14:05:00+02:00) and the wall time is written as read (2026-08-15 14:05); a UTC instant (…Z) is
 * written as UTC. Anything else: today's date.
 */
export function savedAtText(now: unknown, today: string): string {
  if (typeof now !== 'string' || Number.isNaN(Date.parse(now))) return today;
  const local = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?[+-]\d{2}:\d{2}$/.exec(now);
  if (local !== null) return `${local[1]} ${local[2]}`;
  return new Date(now).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

const clean = (s: unknown, max = 2000): string => (typeof s === 'string' ? s.trim().slice(0, max) : '');

/** A save worked out from what was read: stale (nothing to write), or the rows to append. */
type PreparedSave =
  | { status: 'stale'; result: SaveReviewResult }
  | {
      status: 'rows';
      rows: PlanCell[][];
      logSheet: string | null;
      done: (at: AppendedRows) => SaveReviewResult;
    };

/**
 * The save's checks and rows, from the tracker and log as read: the figures seen (stale?), the entries an
 * off-track CSF needs, the action updates, then one row per CSF and per update. Throws ReviewError for what the
 * reviewer must fix; pure, so it can run inside the port's readAndAppend, on the workbook as it is written to.
 */
function prepareSave(request: SaveReviewRequest, reviewer: string, loadedNow: Loaded): PreparedSave {
  const { tracker, log, logSheet } = loadedNow;
  const period = pickPeriod(tracker, request.period);
  const model = monthlyModel(tracker, period);
  const csfs = model.teams.flatMap((t) => t.csfs);
  if (request.seen !== undefined && request.seen !== null && typeof request.seen === 'object') {
    const seen = request.seen;
    const now = new Set(csfs.map((c) => c.id));
    const changed = [
      ...csfs.filter((c) => seen[c.id] !== figuresFingerprint(c)).map((c) => c.csf),
      ...Object.keys(seen)
        .filter((id) => !now.has(id))
        .map(() => 'a CSF that was removed'),
    ];
    if (changed.length > 0)
      return {
        status: 'stale',
        result: {
          status: 'stale',
          changed,
          message: `Not saved: the tracker changed since the review was loaded (${changed.join(', ')}). The figures are read again and your drafts are kept; check them and save again.`,
        },
      };
  }
  const entries = new Map<string, ReviewEntry>();
  for (const e of Array.isArray(request.entries) ? request.entries : []) {
    if (!csfs.some((c) => c.id === e?.csfId)) {
      throw new ReviewError(
        `The tracker has changed since the review was loaded: no CSF matches "${String(e?.csfId)}". Reload the review.`,
      );
    }
    entries.set(e.csfId, e);
  }
  // SPEC §3: an off-track CSF cannot be saved without a commentary and an action with an owner and a due date.
  // Awaiting actual and flagged CSFs are not judged, so they need neither.
  const missing: string[] = [];
  for (const c of csfs) {
    const e = entries.get(c.id);
    const due = clean(e?.due);
    if (due !== '' && !isIsoDate(due)) missing.push(`${c.csf} (${c.team}): the due date must be a date`);
    if (c.status !== 'Off track') continue;
    const lacks = [
      clean(e?.commentary) === '' ? 'a commentary' : '',
      clean(e?.action) === '' ? 'an action' : '',
      clean(e?.owner) === '' ? 'an owner' : '',
      due === '' ? 'a due date' : '',
    ].filter((x) => x !== '');
    if (lacks.length > 0) missing.push(`${c.csf} (${c.team}) needs ${lacks.join(', ')}`);
  }
  if (missing.length > 0) throw new ReviewError(`Not saved. ${missing.join('; ')}.`);

  // The same list the load showed: only actions from earlier months' reviews can be updated in this one.
  const open = new Map(openActions(log, request.today, model.month).map((a) => [a.id, a]));
  const updates = Array.isArray(request.actionUpdates) ? request.actionUpdates : [];
  for (const u of updates) {
    if (!open.has(u?.actionId))
      throw new ReviewError(
        'An action to update is no longer open (someone may have closed it). Reload the review.',
      );
    if (u.status !== 'Done' && u.status !== 'Carried over')
      throw new ReviewError('An action can be marked Done or Carried over.');
    if (u.due !== undefined && u.due !== '' && !isIsoDate(u.due))
      throw new ReviewError('A new due date must be a date (yyyy-mm-dd).');
  }

  const savedAt = savedAtText(request.now, request.today);
  // Cells in the template's column order; the adapter places each under its header as the log has it at write
  // time (users move, add and sort columns; a co-author may have since), so the app never maps columns itself.
  const rows: PlanCell[][] = csfs.map((c) => {
    const e = entries.get(c.id);
    const action = clean(e?.action);
    const due = clean(e?.due);
    return logRowCells(null, {
      month: model.month,
      team: c.team,
      csf: c.csf,
      status: c.status,
      basis: c.flag !== null ? `Not judged: ${c.flag}` : c.basis,
      actual: c.ytdActual,
      target: c.ytdTarget,
      unit: c.unit,
      variance: c.variance,
      side: c.favourable === null ? '' : c.favourable ? 'Favourable' : 'Unfavourable',
      commentary: clean(e?.commentary),
      action,
      owner: clean(e?.owner, 200),
      due,
      dueSerial: due === '' ? null : isoToSerial(due),
      actionStatus: action === '' ? '' : 'Open',
      reviewer,
      savedAt,
    });
  });
  for (const u of updates) {
    const a = open.get(u.actionId) as OpenAction;
    const due = u.status === 'Carried over' && u.due ? u.due : a.due;
    rows.push(
      logRowCells(null, {
        month: model.month,
        team: a.team,
        csf: a.csf,
        status: '',
        basis: '',
        actual: null,
        target: null,
        unit: '',
        variance: null,
        side: '',
        commentary:
          u.status === 'Done'
            ? `Done (review of ${model.month})`
            : `Carried over in the review of ${model.month}`,
        action: a.action,
        owner: a.owner,
        due,
        dueSerial: isIsoDate(due) ? isoToSerial(due) : null,
        actionStatus: u.status,
        reviewer,
        savedAt,
      }),
    );
  }
  return {
    status: 'rows',
    rows,
    logSheet,
    done: (appended) => ({
      status: 'saved',
      sheet: appended.sheet,
      rowsAppended: appended.count,
      message: `Saved the review of ${model.periodLabel} (${model.month}): ${csfs.length} CSF${csfs.length === 1 ? '' : 's'}${updates.length > 0 ? ` and ${updates.length} action update${updates.length === 1 ? '' : 's'}` : ''} added to "${appended.sheet}", rows ${appended.row + 1}–${appended.row + appended.count}.`,
    }),
  };
}

/** Where the review's rows go: under their headers as the log has them at write time (see appendRows). */
const LOG_APPEND: AppendOptions = { headers: REVIEW_LOG_HEADERS, optional: OPTIONAL_LOG_HEADERS };

/**
 * Reads the tracker and the log, checks and builds the rows, and appends them, in one port operation
 * (readAndAppend): in Sheets all of it under one hold of the document lock, so the figures written are the
 * figures on the sheet when they are written, and the stale check sees them too.
 */
export function* saveReviewTask(request: SaveReviewRequest): Task<SaveReviewResult> {
  checkClock(request);
  const reviewer = clean(request.reviewer, 200);
  if (reviewer === '') throw new ReviewError("Say who is reviewing (the reviewer's name) before saving.");
  let readRequest = reviewRequest(guessTracker(request.tracker), false);
  for (let attempt = 1; ; attempt++) {
    let prepared: PreparedSave | { status: 'other tracker'; chosen: string } | null = null;
    const made = readRequest;
    const { appended } = yield* call('readAndAppend', made, REVIEW_LOG_NAMES.table, (read) => {
      const chosen = chooseTracker(read.names, request.tracker);
      if (!readFor(made, chosen)) {
        prepared = { status: 'other tracker', chosen };
        return null;
      }
      const p = prepareSave(request, reviewer, loaded(read, made, chosen, request.today));
      prepared = p;
      // No log yet: nothing to append to here; it is made below, then the rows go in.
      return p.status === 'rows' && p.logSheet !== null ? { rows: p.rows, options: LOG_APPEND } : null;
    });
    const outcome = prepared as PreparedSave | { status: 'other tracker'; chosen: string } | null;
    if (outcome === null) throw new ReviewError('The review could not be saved: nothing was read.');
    if (outcome.status === 'other tracker') {
      // The tracker to save from is not the one guessed (read for): read again for it (once).
      if (attempt > 1)
        throw new ReviewError('The CSF Tracker changed while saving. Press Refresh, then save again.');
      readRequest = reviewRequest(outcome.chosen, false);
      continue;
    }
    if (outcome.status === 'stale') return outcome.result;
    if (appended !== null) return outcome.done(appended);
    // The first save of a workbook without a Review Log creates one (never a second: the log is found by name).
    // Unless another save created it meanwhile: the check and the insert are one step in the adapter.
    yield* call('insertSheet', reviewLog.render({ examples: false }), {
      unlessNamed: REVIEW_LOG_NAMES.table,
    });
    // An older log without the newer optional columns still takes the save (the load warned which are
    // missing); a required header gone is the adapter's clear message, and nothing is written.
    return outcome.done(yield* call('appendRows', REVIEW_LOG_NAMES.table, outcome.rows, LOG_APPEND));
  }
}

export function* prepareQuarterTask(request: PrepareQuarterRequest): Task<PrepareQuarterResult> {
  checkClock(request);
  const q = request.quarter;
  if (typeof q !== 'number' || !Number.isInteger(q) || q < 1 || q > 4)
    throw new ReviewError(`The quarter must be 1, 2, 3 or 4; got ${JSON.stringify(q)}.`);
  const { tracker, log, funnel, coachingLog } = yield* loadAll(request.today, request.tracker);
  const periods = quarterPeriods(q);
  const leaks = coachingFocus(funnel, periods, `Q${q}`);
  const pack = quarterPack(tracker, q, log, openActions(log, request.today), leaks, request.today);
  const cal = tracker.settings;
  pack.coaching = quarterCoaching(
    funnel,
    coachingLog,
    leaks,
    periods,
    periods.map((p) => ({ period: p, month: periodIso(cal, p), label: periodLabel(cal, p) })),
  );
  // Anything typed in the quarter's actual cells counts (text too: the pack flags it).
  const reported = tracker.csfs.some((c) =>
    periods.some((p) => {
      const v = c.measure.actuals[p - 1];
      return v !== null && v !== undefined && v !== '';
    }),
  );
  const acted = pack.actions.opened + pack.actions.done + pack.actions.carriedOver + pack.actions.overdue > 0;
  // A rep's leak falls back to the funnel's latest row when the quarter has none: that is not the quarter's.
  const funnelled = leaks.some((l) => l.basis === `Q${q}`);
  if (!reported && !acted && !funnelled) {
    const where =
      tracker.csfs.length === 0
        ? 'The CSF Tracker has no CSFs yet'
        : `No CSF has an actual for ${pack.monthsLabel}`;
    return {
      status: 'empty',
      message:
        `Q${q} ${pack.fiscalYear} (${pack.monthsLabel}) has nothing to review yet: ${where}, and the Review Log and ` +
        `Activity Funnel have nothing for those months. No sheet was added. Enter the quarter's actuals in ` +
        `"${tracker.sheet}", or pick an earlier quarter.`,
    };
  }
  const taken = yield* call('sheetNames');
  if (taken.some((n) => n.toLowerCase() === pack.title.toLowerCase()) && request.addUnderNewName !== true) {
    const suggestedName = freeSheetName(pack.title, taken);
    return {
      status: 'exists',
      sheetName: pack.title,
      suggestedName,
      message: `A sheet named "${pack.title}" already exists. Nothing was changed. Add the new review as "${suggestedName}"?`,
    };
  }
  const inserted = yield* call('insertSheet', quarterPlan(pack, request.today, tracker.sheet));
  return {
    status: 'created',
    sheetName: inserted.name,
    summary: pack.summary,
    message: `Prepared "${inserted.name}" with ${pack.csfs.length} CSFs, the top risks, funnel leaks and actions.`,
  };
}
