/**
 * The monthly review (SPEC §3): pick the month; every CSF with its status, numbers and a small chart, off-track
 * first; an off-track CSF needs a commentary and an action (owner, due date) before Save is enabled; last
 * month's open actions to close or carry over; the coaching focus; warnings. Saving appends to the Review Log.
 */
import { Fragment } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import type { ReviewData } from '../../src/app/review';
import { reviewRank, type CsfMonth } from '../../src/review/monthly';
import type { OpenAction } from '../../src/review/reviewLog';
import type { HostApi } from '../hostApi';
import { awaitingText, cardLines, localToday } from '../format';
import { emptyDraft, saveBlockers, type CarryDraft, type EntryDraft } from '../validation';
import { Notice, messageOf, type NoticeState } from './Notice';
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

/**
 * Every CSF of every team, off-track first, then flagged, at risk, awaiting actual, on track (the review's
 * rank; stable within a rank: team order, then the tracker's).
 */
export function csfsInReviewOrder(data: ReviewData): CsfMonth[] {
  const all = data.teams.flatMap((t) => t.csfs);
  return all
    .map((c, i) => ({ c, i }))
    .sort((a, b) => reviewRank(a.c) - reviewRank(b.c) || a.i - b.i)
    .map((x) => x.c);
}

export interface ReviewState {
  data: ReviewData | null;
  loading: boolean;
  error: string | null;
}

interface Props {
  host: HostApi;
  review: ReviewState;
  load: (period?: number) => Promise<void>;
}

export function MonthlyReview({ host, review, load }: Props) {
  const { data } = review;
  const [drafts, setDrafts] = useState<Map<string, EntryDraft>>(new Map());
  const [carries, setCarries] = useState<Map<string, CarryDraft>>(new Map());
  const [reviewer, setReviewer] = useState(rememberedReviewer);
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<NoticeState | null>(null);

  const csfs = useMemo(() => (data === null ? [] : csfsInReviewOrder(data)), [data]);
  const blockers = saveBlockers(csfs, drafts, carries, reviewer);

  const setDraft = (id: string, patch: Partial<EntryDraft>) =>
    setDrafts((prev) => new Map(prev).set(id, { ...(prev.get(id) ?? emptyDraft), ...patch }));
  const setCarry = (id: string, patch: Partial<CarryDraft>) =>
    setCarries((prev) => new Map(prev).set(id, { ...(prev.get(id) ?? { status: '', due: '' }), ...patch }));

  const changePeriod = (period: number) => {
    setDrafts(new Map());
    setCarries(new Map());
    setNotice(null);
    void load(period);
  };

  const save = async () => {
    if (data === null || saving || blockers.length > 0) return;
    setSaving(true);
    setNotice({ kind: 'progress', text: `Saving the review of ${data.periodLabel}…` });
    rememberReviewer(reviewer.trim());
    try {
      const result = await host.saveReview({
        today: localToday(),
        now: new Date().toISOString(),
        period: data.period,
        reviewer: reviewer.trim(),
        entries: csfs
          .map((c) => ({ csfId: c.id, ...(drafts.get(c.id) ?? emptyDraft) }))
          .map((e) => ({
            csfId: e.csfId,
            commentary: e.commentary.trim(),
            action: e.action.trim(),
            owner: e.owner.trim(),
            due: e.due.trim(),
          })),
        actionUpdates: [...carries]
          .filter(([, c]) => c.status !== '')
          .map(([actionId, c]) => ({
            actionId,
            status: c.status as 'Done' | 'Carried over',
            ...(c.status === 'Carried over' && c.due.trim() !== '' ? { due: c.due.trim() } : {}),
          })),
      });
      setDrafts(new Map());
      setCarries(new Map());
      await load(data.period);
      setNotice({ kind: 'done', text: result.message });
    } catch (error) {
      setNotice({ kind: 'error', text: messageOf(error) });
    } finally {
      setSaving(false);
    }
  };

  if (data === null) {
    return (
      <div aria-busy={review.loading}>
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

  return (
    <div aria-busy={review.loading || saving}>
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
      </div>
      <p class="muted">
        {data.trackerSheet} · {data.fiscalYear}
      </p>
      {review.loading ? (
        <p class="status" role="status">
          Loading the review…
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

      <section aria-labelledby="csfs-h">
        <h2 id="csfs-h">{`CSFs in ${data.periodLabel}`}</h2>
        {csfs.length === 0 ? <p>The tracker has no CSFs yet. Add rows to the CSF Tracker.</p> : null}
        {csfs.map((c, i) => (
          <CsfCard key={c.id} index={i} csf={c} draft={drafts.get(c.id) ?? emptyDraft} onChange={setDraft} />
        ))}
      </section>

      {data.openActions.length > 0 ? (
        <section aria-labelledby="actions-h">
          <h2 id="actions-h">Open actions</h2>
          {data.openActions.map((a, i) => (
            <ActionItem
              key={a.id}
              index={i}
              action={a}
              carry={carries.get(a.id) ?? { status: '', due: '' }}
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
              <li key={i}>
                <strong>{f.rep}</strong>
                <span>{`: ${f.leak}`}</span>
                <span class="muted">{` (${f.basis})`}</span>
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
          onInput={(e) => setReviewer((e.currentTarget as HTMLInputElement).value)}
        />
        {blockers.length > 0 ? (
          <div id="save-blockers" class="blockers">
            <p>Before saving:</p>
            <ul>
              {blockers.map((b, i) => (
                <li key={i}>{b}</li>
              ))}
            </ul>
          </div>
        ) : null}
        <button
          type="button"
          id="save-review"
          class="primary"
          disabled={blockers.length > 0 || saving || review.loading}
          aria-describedby={blockers.length > 0 ? 'save-blockers' : undefined}
          onClick={() => void save()}
        >
          {saving ? 'Saving…' : 'Save review'}
        </button>
        <Notice notice={notice} id="save-notice" />
      </section>
    </div>
  );
}

function CsfCard({
  csf: c,
  index,
  draft,
  onChange,
}: {
  csf: CsfMonth;
  index: number;
  draft: EntryDraft;
  onChange: (id: string, patch: Partial<EntryDraft>) => void;
}) {
  const offTrack = c.status === 'Off track';
  const lines = cardLines(c);
  const awaiting = awaitingText(c);
  // Ids from the position, never from cell text (two CSF names must not make one element id).
  const base = `csf-${index}`;
  const fields = (
    <div class="fields">
      <label for={`${base}-commentary`}>{offTrack ? 'Commentary (required)' : 'Commentary'}</label>
      <textarea
        id={`${base}-commentary`}
        rows={2}
        required={offTrack}
        value={draft.commentary}
        onInput={(e) => onChange(c.id, { commentary: (e.currentTarget as HTMLTextAreaElement).value })}
      />
      <label for={`${base}-action`}>{offTrack ? 'Action (required)' : 'Action'}</label>
      <input
        id={`${base}-action`}
        type="text"
        required={offTrack}
        value={draft.action}
        onInput={(e) => onChange(c.id, { action: (e.currentTarget as HTMLInputElement).value })}
      />
      <div class="pair">
        <div>
          <label for={`${base}-owner`}>{offTrack ? 'Owner (required)' : 'Owner'}</label>
          <input
            id={`${base}-owner`}
            type="text"
            required={offTrack}
            placeholder={c.owner}
            value={draft.owner}
            onInput={(e) => onChange(c.id, { owner: (e.currentTarget as HTMLInputElement).value })}
          />
        </div>
        <div>
          <label for={`${base}-due`}>{offTrack ? 'Due (required)' : 'Due'}</label>
          <input
            id={`${base}-due`}
            type="date"
            required={offTrack}
            value={draft.due}
            onInput={(e) => onChange(c.id, { due: (e.currentTarget as HTMLInputElement).value })}
          />
        </div>
      </div>
    </div>
  );
  return (
    <article class={`csf ${offTrack ? 'csf-off' : ''}`} aria-labelledby={`${base}-name`} data-csf-id={c.id}>
      <div class="csf-head">
        <h3 id={`${base}-name`}>{c.csf}</h3>
        <StatusChip status={c.flag !== null ? 'flagged' : c.status} />
      </div>
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
          {c.through > 0 ? <Sparkline months={c.months} period={c.through} /> : null}
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
      {offTrack ? (
        <fieldset class="required">
          <legend>Off track: say why and what happens next</legend>
          {fields}
        </fieldset>
      ) : (
        <details>
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
  onChange,
}: {
  action: OpenAction;
  index: number;
  carry: CarryDraft;
  onChange: (patch: Partial<CarryDraft>) => void;
}) {
  const base = `action-${index}`;
  const choice = (value: CarryDraft['status'], label: string) => (
    <label class="inline">
      <input
        type="radio"
        name={base}
        value={value}
        checked={carry.status === value}
        onChange={() => onChange({ status: value })}
      />
      {` ${label}`}
    </label>
  );
  return (
    <fieldset class="action">
      <legend>{a.action}</legend>
      <p class="muted">
        {`${a.team} · ${a.csf} · ${a.owner !== '' ? a.owner : 'no owner'} · due ${a.due !== '' ? a.due : 'not set'}`}
        {a.overdue ? <span class="chip chip-off">{' Overdue'}</span> : null}
      </p>
      <div class="choices">
        {choice('', 'Leave open')}
        {choice('Done', 'Done')}
        {choice('Carried over', 'Carry over')}
      </div>
      {carry.status === 'Carried over' ? (
        <div>
          <label for={`${base}-due`}>New due date (optional)</label>
          <input
            id={`${base}-due`}
            type="date"
            value={carry.due}
            onInput={(e) => onChange({ due: (e.currentTarget as HTMLInputElement).value })}
          />
        </div>
      ) : null}
    </fieldset>
  );
}
