/**
 * Connect my plan (SPEC §3, issue 11): scan the workbook (or the selection) for the planning table the user
 * already has, show what was found and why, pick up to three measures per team as tracker rows (new ones, or
 * existing rows to re-link), confirm their settings and the fiscal year, and connect. Typed values the connect
 * would replace are listed and asked about first. Everything from cells is shown as text (Preact escapes it).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ConnectPlanResult, ScanPlanResult } from '../../src/app/connect';
import type { ConnectChoice, Evidence, FoundMeasure, MonthKey, PlanLayout } from '../../src/connect/types';
import type { HostApi } from '../hostApi';
import { localToday } from '../format';
import { Notice, messageOf, type NoticeState } from './Notice';

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const FULL_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const LAYOUTS: Record<PlanLayout, string> = {
  wide: 'Months across',
  monthsDown: 'Months down',
  long: 'One row per record',
};
const DIRECTIONS: { value: ConnectChoice['direction']; label: string }[] = [
  { value: 'up', label: 'Higher is better' },
  { value: 'down', label: 'Lower is better' },
  { value: 'range', label: 'Stay near target' },
];
const AGGREGATIONS: ConnectChoice['aggregation'][] = ['Sum', 'Average', 'Last'];
const INPUTS: ConnectChoice['input'][] = ['Per month', 'Cumulative'];
/** How many first values of a line the list shows. */
const SHOWN_VALUES = 4;

/** What the user set for one measure. */
interface Pick {
  on: boolean;
  /** 'new', or the 0-based tracker row to re-link (as a string, the select's value). */
  target: string;
  team: string;
  csf: string;
  direction: ConnectChoice['direction'];
  aggregation: ConnectChoice['aggregation'];
  input: ConnectChoice['input'];
  unit: string;
}

type Confirm = Extract<ConnectPlanResult, { status: 'confirm' }>;
type Connected = Extract<ConnectPlanResult, { status: 'connected' }>;

function monthText(m: MonthKey): string {
  return `${MONTH_NAMES[m.month - 1] ?? m.month} ${String(m.year).slice(-2)}`;
}

function numberText(v: number): string {
  return v.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/** "Jan 26: 100, Feb 26: 110, … (12 months)" — the first figures of a line, in words. */
export function firstValues(months: MonthKey[], values: (number | null)[]): string {
  const shown: string[] = [];
  let count = 0;
  values.forEach((v, i) => {
    if (v === null) return;
    count++;
    if (shown.length < SHOWN_VALUES) shown.push(`${monthText(months[i])}: ${numberText(v)}`);
  });
  if (count === 0) return 'no figures';
  return `${shown.join(', ')}${count > shown.length ? ', …' : ''} (${count} month${count === 1 ? '' : 's'})`;
}

/** A finding in words, with its cells unless the words already name them. */
function evidenceText(e: Evidence): string {
  return e.cells === '' || e.text.includes(e.cells) ? e.text : `${e.text} (${e.cells})`;
}

function defaultPick(m: FoundMeasure): Pick {
  return {
    on: false,
    target: 'new',
    team: '',
    csf: m.entity === null ? m.label : `${m.label} (${m.entity})`,
    direction: 'up',
    aggregation: m.suggested.aggregation,
    input: m.suggested.input,
    unit: m.suggested.unit ?? '',
  };
}

/** The year of period 1 the months suggest for a fiscal year starting in `start`. */
function suggestedYear(measures: FoundMeasure[], start: number): number | null {
  for (const m of measures) {
    const first = m.months.find((k) => k.month === start);
    if (first !== undefined) return first.year;
  }
  return null;
}

export function ConnectPlan({ host, onConnected }: { host: HostApi; onConnected?: () => void }) {
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<NoticeState | null>(null);
  const [scan, setScan] = useState<ScanPlanResult | null>(null);
  const [picks, setPicks] = useState<Pick[]>([]);
  const [fyStart, setFyStart] = useState(1);
  const [firstYear, setFirstYear] = useState('');
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const [connected, setConnected] = useState<Connected | null>(null);
  const foundRef = useRef<HTMLHeadingElement>(null);
  const doneRef = useRef<HTMLDivElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  // Focus follows the flow: to what was found, to the question, to the outcome.
  useEffect(() => foundRef.current?.focus(), [scan]);
  useEffect(() => confirmRef.current?.focus(), [confirm]);
  useEffect(() => doneRef.current?.focus(), [connected]);

  const runScan = async (useSelection: boolean) => {
    setBusy(true);
    setConfirm(null);
    setConnected(null);
    setNotice({
      kind: 'progress',
      text: useSelection ? 'Reading your selection…' : 'Scanning the workbook…',
    });
    try {
      const result = await host.scanPlan({ today: localToday(), useSelection });
      setScan(result);
      setPicks(result.scan.measures.map(defaultPick));
      const suggested = result.scan.measures.find((m) => m.suggested.fiscalYearStart !== null)?.suggested
        .fiscalYearStart;
      const start = result.tracker?.fiscalYearStart ?? suggested ?? 1;
      setFyStart(start);
      const year =
        suggestedYear(result.scan.measures, start) ??
        result.tracker?.firstYear ??
        Number(localToday().slice(0, 4));
      setFirstYear(String(year));
      setNotice({ kind: 'done', text: result.message });
    } catch (error) {
      setScan(null);
      setNotice({ kind: 'error', text: messageOf(error) });
    } finally {
      setBusy(false);
    }
  };

  const measures = scan?.scan.measures ?? [];
  const chosen = picks.flatMap((p, i) => (p.on ? [{ p, m: measures[i], i }] : []));
  const year = Number(firstYear);
  const yearOk = /^\d{4}$/.test(firstYear.trim()) && year >= 1900 && year <= 9999;

  // Problems that keep Connect disabled, each shown next to its field.
  const fieldError = (i: number): string | null => {
    const { p } = chosen.find((c) => c.i === i) ?? {};
    if (p === undefined) return null;
    if (p.target === 'new') {
      if (p.team.trim() === '') return 'Choose the team this CSF belongs to.';
      if (p.csf.trim() === '') return 'Give the CSF a name.';
      const already =
        scan?.tracker?.teams.find((t) => t.team.toLowerCase() === p.team.trim().toLowerCase())?.csfs ?? 0;
      const picked = chosen.filter(
        (c) => c.p.target === 'new' && c.p.team.trim().toLowerCase() === p.team.trim().toLowerCase(),
      );
      const max = scan?.maxPerTeam ?? 3;
      if (already + picked.length > max)
        return `${p.team.trim()} would have ${already + picked.length} CSFs; a team tracks at most ${max}. Re-link one of its rows instead.`;
    } else if (chosen.some((c) => c.i !== i && c.p.target === p.target)) {
      return 'Another measure is already going to this row; pick one.';
    }
    if (p.input === 'Cumulative' && p.aggregation !== 'Sum') return 'Running totals (Cumulative) need Sum.';
    return null;
  };
  const errors = chosen.map((c) => fieldError(c.i)).filter((e) => e !== null);
  const ready = chosen.length > 0 && errors.length === 0 && yearOk && !busy;

  const update = (i: number, change: Partial<Pick>) => {
    setPicks((all) => all.map((p, j) => (j === i ? { ...p, ...change } : p)));
    setConfirm(null);
  };

  const runConnect = async (confirmReplace: boolean) => {
    if (scan === null) return;
    setBusy(true);
    setConnected(null);
    setNotice({ kind: 'progress', text: 'Connecting…' });
    const choices: ConnectChoice[] = chosen.map(({ p, m }) => ({
      measure: m.key,
      row:
        p.target === 'new'
          ? { kind: 'new', team: p.team.trim(), csf: p.csf.trim() }
          : { kind: 'existing', row: Number(p.target) },
      direction: p.direction,
      aggregation: p.aggregation,
      input: p.input,
      unit: p.unit.trim(),
    }));
    try {
      const result = await host.connectPlan({
        today: localToday(),
        scope: scan.scope,
        choices,
        confirmReplace,
        fiscalYearStart: fyStart,
        firstYear: year,
      });
      if (result.status === 'confirm') {
        setConfirm(result);
        setNotice(null);
        return;
      }
      setConfirm(null);
      setConnected(result);
      // The scan is spent: a new one shows the rows as linked (connecting it again would add rows again).
      setScan(null);
      setPicks([]);
      setNotice(null);
      onConnected?.();
    } catch (error) {
      setNotice({ kind: 'error', text: messageOf(error) });
    } finally {
      setBusy(false);
    }
  };

  const trackerRows = scan?.tracker?.rows ?? [];
  return (
    <div aria-busy={busy} class="connect">
      <h2>Connect my plan</h2>
      <p>
        Point the CSF Tracker at the plan you already keep in this workbook: SE Toolkit finds the planning
        table, and writes links the tracker reads. Your own sheets are only read.
      </p>
      <div class="connect-actions">
        <button
          type="button"
          id="connect-scan"
          class="primary"
          disabled={busy}
          onClick={() => void runScan(false)}
        >
          Scan the workbook
        </button>
        <button type="button" id="connect-selection" disabled={busy} onClick={() => void runScan(true)}>
          Use my selection
        </button>
      </div>
      {connected !== null ? (
        <div class="banner banner-ok" id="connect-done" tabIndex={-1} ref={doneRef}>
          <p class="status" role="status">
            {connected.message}
          </p>
          <ul class="summary">
            {connected.summary.map((s, i) => (
              <li key={i}>{s}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <Notice notice={notice} id="connect-notice" />
      {scan !== null && scan.scan.notes.length > 0 ? (
        <ul class="muted connect-notes">
          {scan.scan.notes.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ul>
      ) : null}
      {scan !== null && measures.length > 0 ? (
        <section aria-labelledby="connect-found-h">
          <h2 id="connect-found-h" tabIndex={-1} ref={foundRef}>{`Found (${measures.length})`}</h2>
          <p class="muted">
            {scan.tracker === null
              ? 'There is no CSF Tracker yet: connecting inserts one.'
              : `Connecting writes to "${scan.tracker.sheet}". Pick up to ${scan.maxPerTeam} measures per team.`}
          </p>
          <ul class="connect-found">
            {measures.map((m, i) => {
              const p = picks[i];
              const id = `connect-${i}`;
              const error = fieldError(i);
              return (
                <li key={m.key} class={p.on ? 'connect-measure picked' : 'connect-measure'}>
                  <h3 id={`${id}-h`}>{m.entity === null ? m.label : `${m.label} · ${m.entity}`}</h3>
                  <p class="muted">
                    {LAYOUTS[m.layout]}
                    {m.sources.plan !== null ? ` · plan ${m.sources.plan}` : ''}
                    {m.sources.actual !== null ? ` · actual ${m.sources.actual}` : ''}
                  </p>
                  <dl class="connect-lines">
                    {m.sources.plan !== null ? (
                      <>
                        <dt>Plan</dt>
                        <dd>{firstValues(m.months, m.values.plan)}</dd>
                      </>
                    ) : null}
                    {m.sources.actual !== null ? (
                      <>
                        <dt>Actual</dt>
                        <dd>{firstValues(m.months, m.values.actual)}</dd>
                      </>
                    ) : null}
                  </dl>
                  <p class="muted">
                    {`Suggested: ${m.suggested.input}, ${m.suggested.aggregation}`}
                    {m.suggested.unit !== null ? `, unit ${m.suggested.unit}` : ''}
                    {m.suggested.fiscalYearStart !== null
                      ? `, fiscal year from ${FULL_MONTHS[m.suggested.fiscalYearStart - 1]}`
                      : ''}
                  </p>
                  {m.problems.length > 0 ? (
                    <ul class="warnings" aria-label={`Problems with ${m.label}`}>
                      {m.problems.map((e, k) => (
                        <li key={k}>{evidenceText(e)}</li>
                      ))}
                    </ul>
                  ) : null}
                  {m.evidence.length > 0 ? (
                    <details>
                      <summary>Why this was found</summary>
                      <ul>
                        {m.evidence.map((e, k) => (
                          <li key={k}>{evidenceText(e)}</li>
                        ))}
                      </ul>
                    </details>
                  ) : null}
                  <label class="inline">
                    <input
                      type="checkbox"
                      id={`${id}-pick`}
                      checked={p.on}
                      disabled={busy}
                      aria-describedby={`${id}-h`}
                      onChange={(e) => update(i, { on: (e.currentTarget as HTMLInputElement).checked })}
                    />
                    {' Connect this measure'}
                  </label>
                  {p.on ? (
                    <fieldset aria-labelledby={`${id}-h`}>
                      <label for={`${id}-target`}>Tracker row</label>
                      <select
                        id={`${id}-target`}
                        value={p.target}
                        onChange={(e) => update(i, { target: (e.currentTarget as HTMLSelectElement).value })}
                      >
                        <option value="new">A new row</option>
                        {trackerRows.map((r) => (
                          <option key={r.row} value={String(r.row)}>
                            {`Re-link row ${r.row + 1}: ${[r.team, r.csf].filter((t) => t !== '').join(' · ')}`}
                          </option>
                        ))}
                      </select>
                      {p.target === 'new' ? (
                        <div class="pair">
                          <div>
                            <label for={`${id}-team`}>Team</label>
                            <select
                              id={`${id}-team`}
                              value={p.team}
                              onChange={(e) =>
                                update(i, { team: (e.currentTarget as HTMLSelectElement).value })
                              }
                            >
                              <option value="">Choose…</option>
                              {(scan.teams ?? []).map((t) => (
                                <option key={t} value={t}>
                                  {t}
                                </option>
                              ))}
                            </select>
                          </div>
                          <div>
                            <label for={`${id}-csf`}>CSF name</label>
                            <input
                              type="text"
                              id={`${id}-csf`}
                              value={p.csf}
                              onInput={(e) => update(i, { csf: (e.currentTarget as HTMLInputElement).value })}
                            />
                          </div>
                        </div>
                      ) : null}
                      <label for={`${id}-direction`}>Direction</label>
                      <select
                        id={`${id}-direction`}
                        value={p.direction}
                        onChange={(e) =>
                          update(i, {
                            direction: (e.currentTarget as HTMLSelectElement).value as Pick['direction'],
                          })
                        }
                      >
                        {DIRECTIONS.map((d) => (
                          <option key={d.value} value={d.value}>
                            {d.label}
                          </option>
                        ))}
                      </select>
                      <div class="pair">
                        <div>
                          <label for={`${id}-aggregation`}>Aggregation</label>
                          <select
                            id={`${id}-aggregation`}
                            value={p.aggregation}
                            onChange={(e) =>
                              update(i, {
                                aggregation: (e.currentTarget as HTMLSelectElement)
                                  .value as Pick['aggregation'],
                              })
                            }
                          >
                            {AGGREGATIONS.map((a) => (
                              <option key={a} value={a}>
                                {a}
                              </option>
                            ))}
                          </select>
                        </div>
                        <div>
                          <label for={`${id}-input`}>Input</label>
                          <select
                            id={`${id}-input`}
                            value={p.input}
                            onChange={(e) =>
                              update(i, {
                                input: (e.currentTarget as HTMLSelectElement).value as Pick['input'],
                              })
                            }
                          >
                            {INPUTS.map((a) => (
                              <option key={a} value={a}>
                                {a}
                              </option>
                            ))}
                          </select>
                        </div>
                        <div>
                          <label for={`${id}-unit`}>Unit</label>
                          <input
                            type="text"
                            id={`${id}-unit`}
                            value={p.unit}
                            onInput={(e) => update(i, { unit: (e.currentTarget as HTMLInputElement).value })}
                          />
                        </div>
                      </div>
                      {error !== null ? (
                        <p class="field-error" id={`${id}-error`}>
                          {error}
                        </p>
                      ) : null}
                    </fieldset>
                  ) : null}
                </li>
              );
            })}
          </ul>
          <fieldset>
            <legend>Fiscal year</legend>
            <div class="pair">
              <div>
                <label for="connect-fy-start">First month</label>
                <select
                  id="connect-fy-start"
                  value={String(fyStart)}
                  disabled={busy}
                  onChange={(e) => {
                    setFyStart(Number((e.currentTarget as HTMLSelectElement).value));
                    setConfirm(null);
                  }}
                >
                  {FULL_MONTHS.map((name, k) => (
                    <option key={name} value={String(k + 1)}>
                      {name}
                    </option>
                  ))}
                </select>
              </div>
              <div>
                <label for="connect-first-year">Year of its first month</label>
                <input
                  type="text"
                  inputMode="numeric"
                  id="connect-first-year"
                  value={firstYear}
                  disabled={busy}
                  aria-invalid={!yearOk}
                  aria-describedby={yearOk ? undefined : 'connect-year-error'}
                  onInput={(e) => {
                    setFirstYear((e.currentTarget as HTMLInputElement).value);
                    setConfirm(null);
                  }}
                />
              </div>
            </div>
            {!yearOk ? (
              <p class="field-error" id="connect-year-error">
                Type the year as four digits, e.g. 2026.
              </p>
            ) : null}
          </fieldset>
          {confirm !== null ? (
            <div class="confirm" role="group" aria-labelledby="connect-replace-h">
              <p id="connect-replace-h">
                <strong>{`Replace ${confirm.replaces.length} value${confirm.replaces.length === 1 ? '' : 's'}?`}</strong>{' '}
                {confirm.message}
              </p>
              <ul class="connect-replaces">
                {confirm.replaces.map((r, k) => (
                  <li key={k}>{`${r.cell}: ${r.value === null ? '(blank)' : String(r.value)}`}</li>
                ))}
              </ul>
              <button
                type="button"
                id="connect-replace"
                class="primary"
                ref={confirmRef}
                disabled={busy}
                onClick={() => void runConnect(true)}
              >
                {`Replace ${confirm.replaces.length} value${confirm.replaces.length === 1 ? '' : 's'}`}
              </button>{' '}
              <button
                type="button"
                id="connect-cancel"
                disabled={busy}
                onClick={() => {
                  setConfirm(null);
                  setNotice({ kind: 'done', text: 'Cancelled; nothing was changed.' });
                }}
              >
                Cancel
              </button>
            </div>
          ) : (
            <button
              type="button"
              id="connect-go"
              class="primary"
              disabled={!ready}
              onClick={() => void runConnect(false)}
            >
              {chosen.length === 0
                ? 'Connect'
                : `Connect ${chosen.length} measure${chosen.length === 1 ? '' : 's'}`}
            </button>
          )}
          {chosen.length === 0 ? <p class="muted">Tick the measures to connect.</p> : null}
        </section>
      ) : null}
    </div>
  );
}
