/**
 * The monthly review (SPEC §3), overview first: a summary strip, the CSFs per team as compact rows (status,
 * YTD actual vs target, variance and its side) that expand to the detail and the chart, off-track rows
 * expanded and first in each team. An off-track CSF needs a commentary and an action (owner, due date): Save
 * checks when pressed, marks the fields inline and moves focus to the first; a sticky footer keeps Save in
 * view and says how many items are left. Drafts are kept per month, across month switches and pane reloads.
 * After a save: a banner at the top says what was written and the saved entries are shown read-only.
 */
import { Fragment } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ReviewData } from '../../src/app/review';
import { figuresSeen } from '../../src/review/fingerprint';
import { NO_TRACKER_MESSAGE } from '../noTracker';
import { reviewRank, type CsfMonth, type TeamMonth } from '../../src/review/monthly';
import { ytdLabel } from '../../src/review/figureText';
import type { OpenAction } from '../../src/review/reviewLog';
import type { HostApi, WorkbookChanges } from '../hostApi';
import { awaitingText, cardLines, isIsoDate, localNow, localToday, percent, styleOf } from '../format';
import { draftKey, noDraft, readDraft, writeDraft, type MonthDraft } from '../drafts';
import {
  itemsLeftText,
  saveIssues,
  startingDraft,
  type CarryDraft,
  type EntryDraft,
  type EntryField,
  type SaveIssue,
} from '../validation';
import { messageOf, OpenSheetButton, type NoticeState } from './Notice';
import { ActionChoices } from './ActionChoices';
import { Sparkline } from './Sparkline';
import { StatusChip } from './StatusChip';

const REVIEWER_KEY = 'seToolkit.reviewer';

function rememberedReviewer(): string {
  try {
    return window.localStorage.getItem(REVIEWER_KEY) ?? '';
  } catch {
    return '';
  }
}

function rememberReviewer(name: string): void {
  try {
    window.localStorage.setItem(REVIEWER_KEY, name);
  } catch {
    // Storage may be blocked in the host's frame; the name is then asked for again next time.
  }
}

const byRank = (csfs: readonly CsfMonth[]) =>
  csfs
    .map((c, i) => ({ c, i }))
    .sort((a, b) => reviewRank(a.c) - reviewRank(b.c) || a.i - b.i)
    .map((x) => x.c);

/**
 * The teams as the review shows them: the team with the most pressing CSF first (stable: the tracker's
 * order), and within a team off-track first, then flagged, at risk, awaiting actual, on track.
 */
export function teamsInReviewOrder(data: ReviewData): TeamMonth[] {
  const worst = (t: TeamMonth) => Math.min(...t.csfs.map(reviewRank));
  return data.teams
    .filter((t) => t.csfs.length > 0)
    .map((t, i) => ({ t, i }))
    .sort((a, b) => worst(a.t) - worst(b.t) || a.i - b.i)
    .map(({ t }) => ({ ...t, csfs: byRank(t.csfs) }));
}

/** Every CSF in the order the review shows them (team by team). */
export function csfsInReviewOrder(data: ReviewData): CsfMonth[] {
  return teamsInReviewOrder(data).flatMap((t) => t.csfs);
}

/** "1 off track · 2 at risk · 3 on track · 1 awaiting actual" (only the kinds present). */
export function summaryText(csfs: readonly CsfMonth[]): string {
  const count = (f: (c: CsfMonth) => boolean) => csfs.filter(f).length;
  const parts: [number, string][] = [
    [count((c) => c.flag === null && c.status === 'Off track'), 'off track'],
    [count((c) => c.flag !== null), 'to check on the tracker'],
    [count((c) => c.flag === null && c.status === 'At risk'), 'at risk'],
    [count((c) => c.flag === null && c.status === 'On track'), 'on track'],
    [count((c) => c.flag === null && c.status === 'Awaiting actual'), 'awaiting actual'],
  ];
  const shown = parts.filter(([n]) => n > 0).map(([n, t]) => `${n} ${t}`);
  return shown.length > 0 ? shown.join(' · ') : 'No CSFs yet';
}

const NOTHING_CHANGED = 'Refreshed: nothing changed on the tracker.';
/** The pane reads the tracker again when it regains focus, at most this often. */
const FOCUS_REFRESH_MS = 5000;
/**
 * After the workbook reports a change (Excel's worksheet events, the preview's grid), the pane waits this long
 * for the edits to settle (each typed cell is an event) before reading the tracker again.
 */
export const CHANGE_REFRESH_MS = 800;

/** What changed between two loads of the same month, in words (for Refresh). */
export function changesText(before: ReviewData, after: ReviewData): string {
  if (before.month !== after.month) return '';
  const old = new Map(before.teams.flatMap((t) => t.csfs).map((c) => [c.id, c]));
  const now = after.teams.flatMap((t) => t.csfs);
  const changed = now
    .filter((c) => {
      const o = old.get(c.id);
      return (
        o !== undefined &&
        (o.status !== c.status ||
          o.flag !== c.flag ||
          o.ytdActual !== c.ytdActual ||
          o.ytdTarget !== c.ytdTarget ||
          o.through !== c.through)
      );
    })
    .map((c) => c.csf);
  const added = now.filter((c) => !old.has(c.id)).map((c) => c.csf);
  const ids = new Set(now.map((c) => c.id));
  const removed = [...old.values()].filter((c) => !ids.has(c.id)).map((c) => c.csf);
  const parts = [
    changed.length > 0 ? `figures changed for ${changed.join(', ')}` : '',
    added.length > 0 ? `added ${added.join(', ')}` : '',
    removed.length > 0 ? `removed ${removed.join(', ')}` : '',
  ].filter((p) => p !== '');
  return parts.length === 0 ? NOTHING_CHANGED : `Refreshed: ${parts.join('; ')}. Your drafts are kept.`;
}

export interface ReviewState {
  data: ReviewData | null;
  loading: boolean;
  error: string | null;
}

interface Props {
  host: HostApi;
  review: ReviewState;
  load: (period?: number, tracker?: string) => Promise<void>;
  /** Opens the 1:1 tab for a rep (the coaching focus's buttons). */
  onOpenOneOnOne?: (rep: string) => void;
  /** The workbook's changes, when the host pushes them (Excel, the preview); Sheets refreshes on focus only. */
  changes?: WorkbookChanges;
}

interface SavedEntry {
  csfId: string;
  commentary: string;
  action: string;
  owner: string;
  due: string;
}

interface Saved {
  month: string;
  entries: Map<string, SavedEntry>;
  /** The Review Log's sheet the rows went to (the banner's button opens it). */
  sheet: string;
}

export function MonthlyReview({ host, review, load, onOpenOneOnOne, changes }: Props) {
  const { data } = review;
  const key = data === null ? '' : draftKey(data, data.month);
  const [drafts, setDrafts] = useState<Map<string, MonthDraft>>(new Map());
  const [reviewer, setReviewer] = useState(rememberedReviewer);
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<NoticeState | null>(null);
  const [checked, setChecked] = useState(false);
  const [expanded, setExpanded] = useState<Map<string, boolean>>(new Map());
  const [saved, setSaved] = useState<Saved | null>(null);
  const [focusId, setFocusId] = useState<string | null>(null);
  const [refreshNote, setRefreshNote] = useState<string | null>(null);
  const refreshFrom = useRef<ReviewData | null>(null);
  /** A refresh the pane made by itself (on focus): it speaks only when something changed. */
  const quietRefresh = useRef(false);
  const lastFocusRefresh = useRef(0);

  const teams = useMemo(() => (data === null ? [] : teamsInReviewOrder(data)), [data]);
  const csfs = useMemo(() => teams.flatMap((t) => t.csfs), [teams]);
  const month: MonthDraft = data === null ? noDraft : (drafts.get(key) ?? readDraft(key));
  const draftOf = (c: CsfMonth): EntryDraft => month.entries[c.id] ?? startingDraft(c);
  const carryOf = (id: string): CarryDraft => month.carries[id] ?? { status: '', due: '' };
  const carries = new Map(Object.entries(month.carries));
  const issues = saveIssues(csfs, draftOf, carries, reviewer);
  const isSaved = saved !== null && data !== null && saved.month === data.month;

  useEffect(() => {
    if (focusId === null) return;
    const el = document.getElementById(focusId);
    if (el !== null) {
      el.scrollIntoView({ block: 'center' });
      el.focus({ preventScroll: true });
    }
    setFocusId(null);
  }, [focusId]);

  useEffect(() => {
    const before = refreshFrom.current;
    if (before === null || data === null || review.loading || data === before) return;
    refreshFrom.current = null;
    const text = changesText(before, data);
    const quiet = quietRefresh.current;
    quietRefresh.current = false;
    setRefreshNote(quiet && text === NOTHING_CHANGED ? null : text);
  }, [data, review.loading]);

  // Back in the pane after working in the sheet (Sheets and Excel both focus the pane's window): the tracker
  // may have changed, so read it again, at most every few seconds, keeping the drafts.
  useEffect(() => {
    const onFocus = () => {
      if (data === null || review.loading || saving) return;
      const at = Date.now();
      if (at - lastFocusRefresh.current < FOCUS_REFRESH_MS) return;
      lastFocusRefresh.current = at;
      refreshFrom.current = data;
      quietRefresh.current = true;
      void load(data.period);
    };
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, [data, review.loading, saving, load]);

  // The workbook changed (Excel's worksheet events, the preview's grid): once the edits settle, read the
  // tracker again as on focus, keeping the drafts and saying what changed. A change during a save is the save's
  // own writing (it reads the tracker again itself); a change during a load waits for it to end.
  const live = useRef({ data, loading: review.loading, saving, load });
  live.current = { data, loading: review.loading, saving, load };
  useEffect(() => {
    if (changes === undefined) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refreshNow = () => {
      timer = undefined;
      const now = live.current;
      if (now.data === null || now.saving) return;
      if (now.loading) {
        timer = setTimeout(refreshNow, CHANGE_REFRESH_MS);
        return;
      }
      lastFocusRefresh.current = Date.now();
      refreshFrom.current = now.data;
      quietRefresh.current = true;
      void now.load(now.data.period);
    };
    const unsubscribe = changes.subscribe(() => {
      if (live.current.saving) return;
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(refreshNow, CHANGE_REFRESH_MS);
    });
    return () => {
      unsubscribe();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [changes]);

  const updateMonth = (patch: (m: MonthDraft) => MonthDraft) => {
    const next = patch(month);
    writeDraft(key, next);
    setDrafts((prev) => new Map(prev).set(key, next));
  };
  const setDraft = (c: CsfMonth, patch: Partial<EntryDraft>) =>
    updateMonth((m) => ({ ...m, entries: { ...m.entries, [c.id]: { ...draftOf(c), ...patch } } }));
  const setCarry = (id: string, patch: Partial<CarryDraft>) =>
    updateMonth((m) => ({ ...m, carries: { ...m.carries, [id]: { ...carryOf(id), ...patch } } }));
  const isExpanded = (c: CsfMonth) => expanded.get(c.id) ?? c.status === 'Off track';
  const toggle = (c: CsfMonth) => setExpanded((prev) => new Map(prev).set(c.id, !isExpanded(c)));

  const changePeriod = (period: number) => {
    setNotice(null);
    setChecked(false);
    setRefreshNote(null);
    void load(period);
  };

  const refresh = () => {
    if (data === null) return;
    refreshFrom.current = data;
    setRefreshNote(null);
    void load(data.period);
  };

  const idOfIssue = (issue: SaveIssue): string => {
    if (issue.kind === 'reviewer') return 'reviewer';
    if (issue.kind === 'carry')
      return `action-${data?.openActions.findIndex((a) => a.id === issue.actionId) ?? 0}-due`;
    return `csf-${csfs.findIndex((c) => c.id === issue.csfId)}-${issue.field}`;
  };

  const save = async () => {
    if (data === null || saving || review.loading) return;
    if (issues.length > 0) {
      setChecked(true);
      const first = issues[0];
      if (first.kind === 'csf') setExpanded((prev) => new Map(prev).set(first.csfId, true));
      setFocusId(idOfIssue(first));
      return;
    }
    setSaving(true);
    setNotice({ kind: 'progress', text: `Saving the review of ${data.periodLabel}…` });
    rememberReviewer(reviewer.trim());
    const entries = csfs.map((c) => {
      const d = draftOf(c);
      const action = d.action.trim();
      const due = d.due.trim();
      // The prefilled owner belongs to an action; a comment alone is written without one.
      return {
        csfId: c.id,
        commentary: d.commentary.trim(),
        action,
        owner: action !== '' || due !== '' ? d.owner.trim() : '',
        due,
      };
    });
    try {
      const result = await host.saveReview({
        today: localToday(),
        tracker: data.trackerTable,
        seen: figuresSeen(data),
        now: localNow(),
        period: data.period,
        reviewer: reviewer.trim(),
        entries,
        actionUpdates: [...carries]
          .filter(([, c]) => c.status !== '')
          .map(([actionId, c]) => ({
            actionId,
            status: c.status as 'Done' | 'Carried over',
            ...(c.status === 'Carried over' && c.due.trim() !== '' ? { due: c.due.trim() } : {}),
          })),
      });
      if (result.status === 'stale') {
        // Someone changed the tracker meanwhile: read it again, keep the drafts, say what changed.
        setNotice({ kind: 'error', text: result.message });
        setFocusId('save-notice');
        refreshFrom.current = data;
        quietRefresh.current = false;
        await load(data.period);
        return;
      }
      writeDraft(key, noDraft);
      setDrafts((prev) => new Map(prev).set(key, noDraft));
      setChecked(false);
      setSaved({
        month: data.month,
        sheet: result.sheet,
        entries: new Map(
          entries.filter((e) => e.commentary !== '' || e.action !== '').map((e) => [e.csfId, e] as const),
        ),
      });
      setNotice({ kind: 'done', text: result.message });
      setFocusId('save-notice');
      await load(data.period);
    } catch (error) {
      setNotice({ kind: 'error', text: messageOf(error) });
      setFocusId('save-notice');
    } finally {
      setSaving(false);
    }
  };

  if (data === null) {
    if (review.error !== null && review.error.startsWith(NO_TRACKER_MESSAGE))
      return <NoTracker host={host} message={review.error} load={load} />;
    return (
      <div aria-busy={review.loading}>
        {review.loading ? <Skeleton /> : null}
        <p class="status" role="status" aria-live="polite">
          {review.loading ? 'Loading the review from the CSF Tracker…' : ''}
        </p>
        {review.error !== null ? (
          <div>
            <p class="error" role="alert">
              {review.error}
            </p>
            <button type="button" onClick={() => void load()}>
              Try again
            </button>
          </div>
        ) : null}
      </div>
    );
  }

  const issueFor = (c: CsfMonth, field: EntryField) =>
    checked
      ? issues.find((i) => i.kind === 'csf' && i.csfId === c.id && i.field === field)?.message
      : undefined;
  let index = 0;
  const left = issues.length;

  return (
    <div aria-busy={review.loading || saving} class="review">
      <div
        id="save-notice"
        tabIndex={-1}
        class={`banner ${notice?.kind === 'done' ? 'banner-ok' : notice?.kind === 'error' ? 'banner-error' : ''}`}
      >
        <p class="status" role="status" aria-live="polite">
          {notice !== null && notice.kind !== 'error' ? notice.text : ''}
        </p>
        {notice !== null && notice.kind === 'error' ? (
          <p class="error" role="alert">
            {notice.text}
          </p>
        ) : null}
        {isSaved && notice?.kind === 'done' ? (
          <OpenSheetButton
            host={host}
            name={saved.sheet}
            id="open-review-log"
            label={
              saved.sheet === 'Review Log' ? 'Open Review Log' : `Open the Review Log ("${saved.sheet}")`
            }
          />
        ) : null}
      </div>
      <div class="row">
        <label for="review-month">Month</label>
        <select
          id="review-month"
          value={String(data.period)}
          disabled={review.loading || saving}
          onChange={(e) => changePeriod(Number((e.currentTarget as HTMLSelectElement).value))}
        >
          {data.periods.map((p) => (
            <option key={p.period} value={String(p.period)}>
              {`${p.label} (${p.month})`}
            </option>
          ))}
        </select>
        <button
          type="button"
          id="refresh-review"
          disabled={review.loading || saving}
          onClick={refresh}
          title="Read the tracker again (your drafts are kept)"
        >
          Refresh
        </button>
      </div>
      {data.trackers.length > 1 ? (
        <div class="row">
          <label for="review-tracker">Tracker</label>
          <select
            id="review-tracker"
            value={data.trackerTable}
            disabled={review.loading || saving}
            onChange={(e) => void load(undefined, (e.currentTarget as HTMLSelectElement).value)}
          >
            {data.trackers.map((t) => (
              <option key={t.table} value={t.table}>
                {t.sheet}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <p class="muted">
        {data.trackerSheet} · {data.fiscalYear}
      </p>
      {review.loading ? (
        <p class="status" role="status">
          Loading the review…
        </p>
      ) : null}
      {refreshNote !== null ? (
        <p class="note" id="refresh-note" role="status">
          {refreshNote}
        </p>
      ) : null}
      {review.error !== null ? (
        <p class="error" role="alert">
          {review.error}
        </p>
      ) : null}
      {data.sheetPeriod !== data.period ? (
        <p class="note" id="as-of-note">
          {`The tracker's own columns are as of ${data.periods.find((p) => p.period === data.sheetPeriod)?.label ?? `month ${data.sheetPeriod}`} (its review month); this review is of ${data.periodLabel}.`}
        </p>
      ) : null}
      {data.lastSaved !== null ? (
        <p class="note" id="last-saved">
          {`This month's review was saved by ${data.lastSaved.reviewer} at ${data.lastSaved.savedAt}; saving again adds rows.`}
        </p>
      ) : null}

      <section aria-labelledby="csfs-h">
        <h2 id="csfs-h">{`CSFs in ${data.periodLabel}`}</h2>
        <p class="strip" id="review-summary">
          {summaryText(csfs)}
        </p>
        {csfs.length === 0 ? <p>The tracker has no CSFs yet. Add rows to the CSF Tracker.</p> : null}
        {teams.map((t, ti) => (
          <section key={`${ti}`} class="team" aria-labelledby={`team-${ti}-h`}>
            <h3 id={`team-${ti}-h`} class="team-h">
              {t.team !== '' ? t.team : 'No team'}
            </h3>
            {t.csfs.map((c) => {
              const i = index++;
              return (
                <CsfCard
                  key={c.id}
                  index={i}
                  csf={c}
                  draft={draftOf(c)}
                  expanded={isExpanded(c)}
                  onToggle={() => toggle(c)}
                  issueFor={(f) => issueFor(c, f)}
                  saved={isSaved ? (saved.entries.get(c.id) ?? null) : undefined}
                  onChange={(patch) => setDraft(c, patch)}
                />
              );
            })}
          </section>
        ))}
      </section>

      {data.warnings.length > 0 ? (
        <section aria-labelledby="warnings-h" class="warnings">
          <h2 id="warnings-h">Check the tracker</h2>
          <ul>
            {data.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </section>
      ) : null}

      {data.openActions.length > 0 ? (
        <section aria-labelledby="actions-h">
          <h2 id="actions-h">Open actions from earlier reviews</h2>
          {data.openActions.map((a, i) => (
            <ActionItem
              key={a.id}
              index={i}
              action={a}
              carry={carryOf(a.id)}
              readOnly={isSaved}
              onChange={(patch) => setCarry(a.id, patch)}
            />
          ))}
        </section>
      ) : null}

      {data.coaching.length > 0 ? (
        <section aria-labelledby="coaching-h">
          <h2 id="coaching-h">Coaching focus</h2>
          <ul class="coaching">
            {data.coaching.map((f, i) => (
              <li key={i} class="coach-rep">
                {onOpenOneOnOne !== undefined ? (
                  <button
                    type="button"
                    class="coach-open"
                    aria-label={`Open the 1:1 with ${f.rep}`}
                    onClick={() => onOpenOneOnOne(f.rep)}
                  >
                    {f.rep}
                  </button>
                ) : (
                  <strong>{f.rep}</strong>
                )}
                <span class="coach-text">
                  {f.leak}
                  <span class="muted">
                    {[
                      f.basis !== data.periodLabel ? ` (${f.basis})` : '',
                      f.conversion !== null && f.benchmark !== null
                        ? ` ${percent(f.conversion)} vs ${percent(f.benchmark)}`
                        : '',
                      f.extra !== null && f.extra > 0 ? `, +${f.extra.toFixed(1)} sales` : '',
                      f.overdue > 0 ? ` · ${f.overdue} overdue` : '',
                    ].join('')}
                  </span>
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="save-h" class="save">
        <h2 id="save-h">Save to the Review Log</h2>
        <label for="reviewer">Reviewer</label>
        <input
          id="reviewer"
          type="text"
          autocomplete="name"
          value={reviewer}
          readOnly={isSaved}
          aria-invalid={checked && reviewer.trim() === '' ? 'true' : undefined}
          aria-describedby={checked && reviewer.trim() === '' ? 'reviewer-error' : undefined}
          onInput={(e) => setReviewer((e.currentTarget as HTMLInputElement).value)}
        />
        {checked && reviewer.trim() === '' ? (
          <p class="field-error" id="reviewer-error">
            Enter your name as the reviewer.
          </p>
        ) : null}
      </section>

      <div class="save-bar">
        {isSaved ? (
          <Fragment>
            <p class="save-left" id="save-left">
              Saved to the Review Log.
            </p>
            <button type="button" id="review-again" onClick={() => setSaved(null)}>
              Review again
            </button>
          </Fragment>
        ) : (
          <Fragment>
            <p class="save-left" id="save-left" aria-live="polite">
              {left === 0 ? 'Ready to save' : itemsLeftText(left)}
            </p>
            <button
              type="button"
              id="save-review"
              class="primary"
              disabled={saving || review.loading}
              aria-describedby="save-left"
              onClick={() => void save()}
            >
              {saving ? 'Saving…' : 'Save review'}
            </button>
          </Fragment>
        )}
      </div>
    </div>
  );
}

/** Grey bars where the review will be, while it loads. */
function Skeleton() {
  return (
    <div class="skeleton" aria-hidden="true">
      <div />
      <div />
      <div />
    </div>
  );
}

/** An empty workbook: what the review needs, and one button that inserts it and loads the review. */
function NoTracker({
  host,
  message,
  load,
}: {
  host: HostApi;
  message: string;
  load: (period?: number, tracker?: string) => Promise<void>;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const insert = async () => {
    setBusy(true);
    setError(null);
    try {
      // A tracker may have arrived since this pane looked (the ribbon, a co-author): then none is added, and
      // the review reads the one there is.
      const inserted = await host.insertTemplate({
        templateId: 'csf-tracker',
        examples: true,
        year: new Date().getFullYear(),
        askIfExists: true,
      });
      // Show the user the tracker the review now reads. Should it not open (a host refusing), the review
      // still loads: the sheet is there either way, among the tabs.
      await host.openSheet({ name: inserted.sheetName }).catch(() => undefined);
      await load();
    } catch (e) {
      setError(messageOf(e));
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="no-tracker-h" class="empty">
      <h2 id="no-tracker-h">No CSF Tracker yet</h2>
      <p id="no-tracker-text">{message}</p>
      <p>
        Insert one with example rows to see the review at work, then replace the examples with your own CSFs.
      </p>
      <button type="button" id="insert-tracker" class="primary" disabled={busy} onClick={() => void insert()}>
        {busy ? 'Inserting…' : 'Insert CSF Tracker (with examples)'}
      </button>
      <p class="status" role="status" aria-live="polite">
        {busy ? 'Inserting the CSF Tracker…' : ''}
      </p>
      {error !== null ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}

/** The compact row's figures: YTD actual vs target and the variance with its side. */
function CompactFigures({ csf: c }: { csf: CsfMonth }) {
  if (c.flag !== null) return <span>{`Row ${c.row} needs fixing`}</span>;
  const lines = cardLines(c);
  const ytd = lines.find((l) => l.label === ytdLabel(c.aggregation));
  const variance = lines.find((l) => l.label === 'Variance');
  if (ytd === undefined) return <span>No actual yet</span>;
  return (
    <Fragment>
      <span>{`${ytd.label} ${ytd.text}`}</span>
      {variance !== undefined ? (
        <Fragment>
          <span aria-hidden="true">{' · '}</span>
          <span class={variance.tone === 'good' ? 'fav' : variance.tone === 'bad' ? 'unfav' : undefined}>
            {variance.text}
          </span>
        </Fragment>
      ) : null}
    </Fragment>
  );
}

function CsfCard({
  csf: c,
  index,
  draft,
  expanded,
  onToggle,
  issueFor,
  saved,
  onChange,
}: {
  csf: CsfMonth;
  index: number;
  draft: EntryDraft;
  expanded: boolean;
  onToggle: () => void;
  issueFor: (field: EntryField) => string | undefined;
  /** undefined: editing; null: saved with nothing for this CSF; else what was saved. */
  saved: SavedEntry | null | undefined;
  onChange: (patch: Partial<EntryDraft>) => void;
}) {
  const offTrack = c.status === 'Off track';
  const lines = cardLines(c);
  const awaiting = awaitingText(c);
  // Ids from the position, never from cell text (two CSF names must not make one element id).
  const base = `csf-${index}`;
  const today = localToday();
  const field = (
    name: EntryField,
    label: string,
    input: (props: Record<string, unknown>) => preact.JSX.Element,
  ) => {
    const error = issueFor(name);
    const warn =
      name === 'due' && draft.due !== '' && isIsoDate(draft.due) && draft.due < today
        ? 'This date is in the past.'
        : undefined;
    const describedBy = [error ? `${base}-${name}-error` : '', warn ? `${base}-${name}-warn` : '']
      .filter((s) => s !== '')
      .join(' ');
    return (
      <div class="field">
        <label for={`${base}-${name}`}>
          {label}
          {offTrack ? <span class="req"> (required)</span> : null}
        </label>
        {input({
          id: `${base}-${name}`,
          required: offTrack,
          'aria-invalid': error !== undefined ? 'true' : undefined,
          'aria-describedby': describedBy === '' ? undefined : describedBy,
        })}
        {error !== undefined ? (
          <p class="field-error" id={`${base}-${name}-error`}>
            {error}
          </p>
        ) : null}
        {warn !== undefined ? (
          <p class="field-warn" id={`${base}-${name}-warn`}>
            {warn}
          </p>
        ) : null}
      </div>
    );
  };
  const fields = (
    <div class="fields">
      {field('commentary', 'Commentary', (p) => (
        <textarea
          {...p}
          rows={2}
          value={draft.commentary}
          onInput={(e) => onChange({ commentary: (e.currentTarget as HTMLTextAreaElement).value })}
        />
      ))}
      {field('action', 'Action', (p) => (
        <input
          {...p}
          type="text"
          value={draft.action}
          onInput={(e) => onChange({ action: (e.currentTarget as HTMLInputElement).value })}
        />
      ))}
      <div class="pair">
        {field('owner', 'Owner', (p) => (
          <input
            {...p}
            type="text"
            value={draft.owner}
            onInput={(e) => onChange({ owner: (e.currentTarget as HTMLInputElement).value })}
          />
        ))}
        {field('due', 'Due', (p) => (
          <input
            {...p}
            type="date"
            value={draft.due}
            onInput={(e) => onChange({ due: (e.currentTarget as HTMLInputElement).value })}
          />
        ))}
      </div>
    </div>
  );
  const hasDraft = draft.commentary !== '' || draft.action !== '' || draft.due !== '';
  const anyIssue = (['commentary', 'action', 'owner', 'due'] as const).some((f) => issueFor(f));
  return (
    <article
      class={`csf ${offTrack ? 'csf-off' : ''} ${expanded ? 'csf-open' : ''}`}
      aria-labelledby={`${base}-name`}
      data-csf-id={c.id}
    >
      <div class="csf-head">
        <h4 id={`${base}-name`}>
          <button
            type="button"
            class="csf-toggle"
            id={`${base}-toggle`}
            aria-expanded={expanded}
            aria-controls={`${base}-detail`}
            onClick={onToggle}
          >
            {c.csf}
          </button>
        </h4>
        <StatusChip status={c.flag !== null ? 'flagged' : c.status} />
      </div>
      <p class="compact">
        <CompactFigures csf={c} />
      </p>
      <div id={`${base}-detail`} class="csf-detail" hidden={!expanded}>
        <p class="muted">
          {c.team}
          {c.owner !== '' ? ` · ${c.owner}` : ''}
          {c.metric !== '' ? ` · ${c.metric}` : ''}
        </p>
        {awaiting !== null ? <p class="basis awaiting">{awaiting}</p> : null}
        {c.flag !== null ? (
          <p class="flag" role="note">
            <span aria-hidden="true">⚠ </span>
            {`Check the tracker, row ${c.row}: ${c.flag}`}
          </p>
        ) : (
          <div class="csf-body">
            <dl class="numbers">
              {lines.map((l) => (
                <Fragment key={l.label}>
                  <dt>{l.label}</dt>
                  <dd class={l.tone === undefined ? undefined : l.tone === 'good' ? 'fav' : 'unfav'}>
                    {l.text}
                  </dd>
                </Fragment>
              ))}
            </dl>
            {c.through > 0 ? <Sparkline months={c.months} period={c.through} style={styleOf(c)} /> : null}
          </div>
        )}
        {c.note !== null ? <p class="muted">{c.note}</p> : null}
        {c.mismatches.length > 0 ? (
          <ul class="mismatches" aria-label="Cells that disagree with the tracker's definition">
            {c.mismatches.map((m, i) => (
              <li key={i}>{m}</li>
            ))}
          </ul>
        ) : null}
      </div>
      {saved !== undefined ? (
        saved !== null ? (
          <dl class="saved-entry" aria-label="Saved">
            {saved.commentary !== '' ? (
              <Fragment>
                <dt>Commentary</dt>
                <dd>{saved.commentary}</dd>
              </Fragment>
            ) : null}
            {saved.action !== '' ? (
              <Fragment>
                <dt>Action</dt>
                <dd>{`${saved.action}${saved.owner !== '' ? ` · ${saved.owner}` : ''}${saved.due !== '' ? ` · due ${saved.due}` : ''}`}</dd>
              </Fragment>
            ) : null}
          </dl>
        ) : null
      ) : offTrack ? (
        <fieldset class="required" hidden={!expanded}>
          <legend>Off track: say why and what happens next</legend>
          {fields}
        </fieldset>
      ) : (
        <details open={hasDraft || anyIssue} hidden={!expanded && !anyIssue}>
          <summary>Add a comment or action</summary>
          {fields}
        </details>
      )}
    </article>
  );
}

function ActionItem({
  action: a,
  index,
  carry,
  readOnly,
  onChange,
}: {
  action: OpenAction;
  index: number;
  carry: CarryDraft;
  readOnly: boolean;
  onChange: (patch: Partial<CarryDraft>) => void;
}) {
  const base = `action-${index}`;
  return (
    <fieldset class="action">
      <legend>{a.action}</legend>
      <p class="muted">
        {`${a.team} · ${a.csf} · ${a.owner !== '' ? a.owner : 'no owner'} · due ${a.due !== '' ? a.due : 'not set'} · since ${a.since}`}
        {a.overdue ? <span class="chip chip-off">{' Overdue'}</span> : null}
      </p>
      <ActionChoices
        name={base}
        value={carry.status}
        disabled={readOnly}
        onChange={(status) => onChange({ status })}
      />
      {carry.status === 'Carried over' ? (
        <div>
          <label for={`${base}-due`}>New due date (optional)</label>
          <input
            id={`${base}-due`}
            type="date"
            value={carry.due}
            readOnly={readOnly}
            onInput={(e) => onChange({ due: (e.currentTarget as HTMLInputElement).value })}
          />
        </div>
      ) : null}
    </fieldset>
  );
}
