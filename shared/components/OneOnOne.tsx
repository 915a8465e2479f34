/**
 * The 1:1 (SPEC §3 "1:1 coaching"; seed 002: "progress on last action items, activities review, coach to
 * improve, commitment to new action"): pick a rep; this month's funnel against benchmark and against the
 * activity targets of the rep's goal, the last three months, the leak with its value at stake, the open and
 * overdue commitments; record progress on each and a new commitment, and Save appends to the Coaching Log.
 * Cell text is shown as text only (JSX text nodes).
 */
import { Fragment } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { OneOnOneLoad } from '../../src/app/coaching';
import type { Commitment, RepMonth } from '../../src/review/coaching';
import type { HostApi } from '../hostApi';
import { localNow, localToday, percent } from '../format';
import { messageOf, Notice, type NoticeState } from './Notice';
import { ActionChoices } from './ActionChoices';

type Form = { review: string; skill: string; text: string; due: string };
const NO_FORM: Form = { review: '', skill: '', text: '', due: '' };
/** The 1:1's own fields: the activity review, the skill to coach, the new commitment and its due date. */
const FIELDS: [keyof Form, string, 'area' | 'text' | 'date'][] = [
  ['review', 'Activity review', 'area'],
  ['skill', 'Skill to coach', 'text'],
  ['text', 'New commitment', 'text'],
  ['due', 'Due date', 'date'],
];

interface ProgressDraft {
  status: '' | 'Done' | 'Carried over';
  due: string;
}

/** The rep the monthly review asked to open (a new object each time, so asking twice opens twice). */
export interface OneOnOneRequest {
  rep: string;
}

const count = (n: number | null | undefined) =>
  typeof n === 'number' && Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–';

/** "+7.5 sales at benchmark" */
export function atStakeText(extra: number | null, lastStage: string): string {
  if (extra === null || !Number.isFinite(extra) || extra <= 0) return '';
  return `+${extra.toFixed(1)} ${lastStage.toLowerCase()} at benchmark`;
}

export function OneOnOne({
  host,
  active,
  request,
}: {
  host: HostApi;
  active: boolean;
  request: OneOnOneRequest | null;
}) {
  const [load, setLoad] = useState<OneOnOneLoad | null>(null);
  const [loading, setLoading] = useState(false);
  const [notice, setNotice] = useState<NoticeState | null>(null);
  const [progress, setProgress] = useState<Map<string, ProgressDraft>>(new Map());
  const [form, setForm] = useState<Form>(NO_FORM);
  const { review, skill, text, due } = form;
  const [saving, setSaving] = useState(false);
  const bannerRef = useRef<HTMLDivElement>(null);
  const asked = useRef<OneOnOneRequest | null>(null);

  const fetchOne = async (rep?: string, month?: string, keepNotice = false) => {
    setLoading(true);
    if (!keepNotice) setNotice(null);
    try {
      const next = await host.loadOneOnOne({
        today: localToday(),
        ...(rep === undefined ? {} : { rep }),
        ...(month === undefined ? {} : { month }),
      });
      setLoad(next);
      setProgress(new Map());
    } catch (error) {
      setNotice({ kind: 'error', text: messageOf(error) });
    } finally {
      setLoading(false);
    }
  };

  useEffect(() => {
    if (!active) return;
    if (request !== null && request !== asked.current) {
      asked.current = request;
      void fetchOne(request.rep);
    } else if (load === null && !loading) void fetchOne();
  }, [active, request]);

  const data = load?.data ?? null;
  const last = data?.stages[data.stages.length - 1] ?? 'Sales';
  const draftOf = (id: string): ProgressDraft => progress.get(id) ?? { status: '', due: '' };
  const setDraft = (id: string, patch: Partial<ProgressDraft>) =>
    setProgress((m) => new Map(m).set(id, { ...draftOf(id), ...patch }));

  const save = async () => {
    if (data === null) return;
    setSaving(true);
    setNotice({ kind: 'progress', text: 'Saving the 1:1…' });
    try {
      const result = await host.saveOneOnOne({
        today: localToday(),
        now: localNow(),
        rep: data.rep,
        progress: [...progress]
          .filter(([, d]) => d.status !== '')
          .map(([commitmentId, d]) => ({
            commitmentId,
            status: d.status as 'Done' | 'Carried over',
            ...(d.status === 'Carried over' ? { due: d.due } : {}),
          })),
        ...(text.trim() !== '' || due !== '' ? { newCommitment: { text, due } } : {}),
        notes: { review, skill },
      });
      setForm(NO_FORM);
      await fetchOne(data.rep, load?.month, true);
      setNotice({ kind: 'done', text: result.message });
    } catch (error) {
      setNotice({ kind: 'error', text: messageOf(error) });
    } finally {
      setSaving(false);
      bannerRef.current?.focus();
    }
  };

  return (
    <div class="oo" aria-busy={loading || saving}>
      <h2 id="oo-h">1:1 coaching</h2>
      <div
        ref={bannerRef}
        id="oo-notice"
        tabIndex={-1}
        class={`banner ${notice?.kind === 'done' ? 'banner-ok' : notice?.kind === 'error' ? 'banner-error' : ''}`}
      >
        <Notice notice={notice} />
      </div>
      {load === null ? (
        <p class="muted">{loading ? 'Reading the Activity Funnel and the Coaching Log…' : ''}</p>
      ) : (
        <Fragment>
          {load.notes.map((n, i) => (
            <p key={i} class="note">
              {n}
            </p>
          ))}
          {load.reps.length > 0 ? (
            <div class="oo-pick">
              <Pick
                id="oo-rep"
                label="Rep"
                value={data?.rep ?? ''}
                options={load.reps.map((r) => [r, r])}
                disabled={loading || saving}
                onPick={(rep) => void fetchOne(rep, load.month)}
              />
              <Pick
                id="oo-month"
                label="Month"
                value={load.month}
                options={load.months.map((m) => [m.month, m.label])}
                disabled={loading || saving}
                onPick={(month) => void fetchOne(data?.rep, month)}
              />
            </div>
          ) : null}
          {data !== null ? (
            <Fragment>
              {data.empty !== null ? (
                <p class="empty note" id="oo-empty">
                  {data.empty}
                </p>
              ) : null}
              {data.thisMonth !== null ? (
                <MonthFunnel m={data.thisMonth} stages={data.stages} benchmarks={data.benchmarks} />
              ) : data.empty === null ? (
                <p class="muted">{`${data.rep} has no Activity Funnel row for this month; the months before are below.`}</p>
              ) : null}
              {data.lastThree.length > 0 ? (
                <section aria-labelledby="oo-trend-h">
                  <h3 id="oo-trend-h">The three months before</h3>
                  <table class="oo-table" id="oo-trend">
                    <thead>
                      <tr>
                        <th scope="col">Month</th>
                        <th scope="col" class="num">{`${last} / goal`}</th>
                        <th scope="col">Leak</th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.lastThree.map((m) => (
                        <tr key={m.month}>
                          <th scope="row">{m.label}</th>
                          <td class="num">{`${count(m.counts[m.counts.length - 1])} / ${count(m.goal)}`}</td>
                          <td>{m.leak.leak}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </section>
              ) : null}
              <section aria-labelledby="oo-commit-h">
                <h3 id="oo-commit-h">Commitments</h3>
                {data.open.length === 0 ? (
                  <p class="muted">{`No open commitment for ${data.rep}.`}</p>
                ) : (
                  data.open.map((c, i) => (
                    <CommitmentItem
                      key={c.id}
                      index={i}
                      c={c}
                      draft={draftOf(c.id)}
                      onChange={(patch) => setDraft(c.id, patch)}
                    />
                  ))
                )}
              </section>
              <section aria-labelledby="oo-new-h">
                <h3 id="oo-new-h">This 1:1</h3>
                {FIELDS.map(([key, label, type]) => (
                  <Fragment key={key}>
                    <label for={`oo-${key}`}>{label}</label>
                    {type === 'area' ? (
                      <textarea
                        id={`oo-${key}`}
                        rows={2}
                        value={form[key]}
                        onInput={(e) =>
                          setForm({ ...form, [key]: (e.currentTarget as HTMLTextAreaElement).value })
                        }
                      />
                    ) : (
                      <input
                        id={`oo-${key}`}
                        type={type as 'text'}
                        value={form[key]}
                        onInput={(e) =>
                          setForm({ ...form, [key]: (e.currentTarget as HTMLInputElement).value })
                        }
                      />
                    )}
                  </Fragment>
                ))}
              </section>
              <div class="save-bar">
                <p class="save-left">{`1:1 with ${data.rep}`}</p>
                <button
                  type="button"
                  id="oo-save"
                  class="primary"
                  disabled={saving || loading}
                  onClick={() => void save()}
                >
                  {saving ? 'Saving…' : 'Save 1:1'}
                </button>
              </div>
            </Fragment>
          ) : null}
        </Fragment>
      )}
    </div>
  );
}

/** This month: per stage the count against its target, and the conversion into it against its benchmark. */
function MonthFunnel({
  m,
  stages,
  benchmarks,
}: {
  m: RepMonth;
  stages: string[];
  benchmarks: (number | null)[];
}) {
  const last = stages[stages.length - 1] ?? 'Sales';
  const stake = atStakeText(m.leak.extra, last);
  return (
    <section aria-labelledby="oo-month-h">
      <h3 id="oo-month-h">{`${m.label}${m.goal !== null ? ` · goal ${count(m.goal)} ${last.toLowerCase()}` : ''}`}</h3>
      <table class="oo-table" id="oo-funnel">
        <thead>
          <tr>
            {['Stage', 'Actual', 'Target', 'Conv.', 'Bench.'].map((h, i) => (
              <th key={h} scope="col" class={i > 0 ? 'num' : undefined}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {stages.map((s, i) => {
            const conv = i === 0 ? null : m.conversions[i - 1];
            const gap = i === 0 ? null : m.gaps[i - 1];
            const below = gap !== null && gap < 0;
            const short = m.targets !== null && m.counts[i] < m.targets[i];
            return (
              <tr key={s}>
                <th scope="row">{s}</th>
                <td class={`num${short ? ' oo-below' : ''}`}>{count(m.counts[i])}</td>
                <td class="num">{m.targets === null ? '–' : count(m.targets[i])}</td>
                <td class={`num${below ? ' oo-below' : ''}`}>
                  {i === 0 ? '' : `${percent(conv)}${below ? ' ▾' : ''}`}
                </td>
                <td class="num">{i === 0 ? '' : percent(benchmarks[i - 1])}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p class="muted">
        {m.targets === null
          ? 'No targets: the month has no goal (or the funnel no benchmarks). ▾ below benchmark.'
          : 'Targets: the activity a goal needs at benchmark. ▾ below benchmark.'}
      </p>
      <p class="oo-leak" id="oo-leak">
        <strong>Leak: </strong>
        {m.leak.leak}
        {m.leak.conversion !== null && m.leak.benchmark !== null
          ? ` (${percent(m.leak.conversion)} vs ${percent(m.leak.benchmark)})`
          : ''}
        {stake !== '' ? `: ${stake}` : ''}
      </p>
    </section>
  );
}

function CommitmentItem({
  c,
  index,
  draft,
  onChange,
}: {
  c: Commitment;
  index: number;
  draft: ProgressDraft;
  onChange: (patch: Partial<ProgressDraft>) => void;
}) {
  const base = `oo-c-${index}`;
  return (
    <fieldset class="action">
      <legend>{c.commitment}</legend>
      <p class="muted">
        {`${c.skill !== '' ? `${c.skill} · ` : ''}due ${c.due ?? 'not set'}${c.date !== null ? ` · since ${c.date}` : ''}`}
        {c.status === 'Overdue' ? (
          <span class="chip chip-off">{` Overdue ${c.daysOverdue} day${c.daysOverdue === 1 ? '' : 's'}`}</span>
        ) : null}
      </p>
      <ActionChoices name={base} value={draft.status} onChange={(status) => onChange({ status })} />
      {draft.status === 'Carried over' ? (
        <div>
          <label for={`${base}-due`}>New due date</label>
          <input
            id={`${base}-due`}
            type="date"
            value={draft.due}
            onInput={(e) => onChange({ due: (e.currentTarget as HTMLInputElement).value })}
          />
        </div>
      ) : null}
    </fieldset>
  );
}

function Pick(p: {
  id: string;
  label: string;
  value: string;
  options: [string, string][];
  disabled: boolean;
  onPick: (value: string) => void;
}) {
  return (
    <div>
      <label for={p.id}>{p.label}</label>
      <select
        id={p.id}
        value={p.value}
        disabled={p.disabled}
        onChange={(e) => p.onPick((e.currentTarget as HTMLSelectElement).value)}
      >
        {p.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}
