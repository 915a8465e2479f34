/**
 * The coaching focus (SPEC §3; seed 002): per rep, the Activity Funnel's leakiest step, chosen as FUNNEL_LEAK
 * chooses it (impact mode with the sheet's benchmarks, the lowest conversion without them), with what it is
 * worth. Reads the Activity Funnel by its named ranges and headers, in the current layout (counts, then the
 * "<last stage> goal" column, benchmarks above the conversions) and the earlier one (counts, then the
 * conversions, benchmarks above the counts with the first cell blank).
 */
import {
  activityTargets,
  conversionAt,
  extraAtBenchmark,
  firstRise,
  leakiestStep,
  NO_LEAK,
  riseWords,
  stepLabel,
} from '../measures/funnel';
import type { PlanValue } from '../templates/sheetPlan';
import type { TableRead } from '../workbook';
import { periodOfIso, periodOfSerial, serialToIso, type FiscalCalendar } from './calendar';

export interface CoachingFocus {
  rep: string;
  /**
   * The step to coach, e.g. "Appointments → Presentations"; "No leak"; or, for counts that rise from one stage
   * to the next, words saying so ("Counts rise from Lost (3) to New (12): check the stage order").
   */
  leak: string;
  /** The stage counts it was judged on (summed over the rows it is based on). */
  counts: number[];
  /** Which rows it is based on, in words ("Jul", "Q3", "latest row"). */
  basis: string;
  /** The leak step's conversion and benchmark (null without a step or a benchmark). */
  conversion: number | null;
  benchmark: number | null;
  /** The value at stake: extra results at the bottom if the leak step converted at its benchmark. */
  extra: number | null;
}

export interface FunnelRow {
  rep: string;
  /** The fiscal period the row's month falls in, or null (undated, or outside the fiscal year). */
  period: number | null;
  /** The row's month as yyyy-mm, or null when the month cell holds no date. */
  month: string | null;
  counts: number[];
  /** The rep's goal for the last stage that month, or null when blank. */
  goal: number | null;
}

export interface FunnelRead {
  stages: string[];
  benchmarks: (number | null)[];
  rows: FunnelRow[];
}

const text = (v: PlanValue | undefined): string => (v === null || v === undefined ? '' : String(v).trim());
const isCount = (v: PlanValue | undefined): v is number =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** The words a rising funnel gets instead of a step, as FUNNEL_LEAK refuses it. */
export function risingLeak(stages: readonly string[], counts: readonly number[], i: number): string {
  return `Counts rise from ${riseWords(stages, counts, i)}: check the stage order`;
}

/** The funnel's reps, stage names, benchmarks and complete rows (every stage a count of at least 0). */
export function readFunnel(
  table: TableRead | null,
  benchmarks: PlanValue[][] | null,
  cal: FiscalCalendar,
): FunnelRead | null {
  if (table === null) return null;
  const header = table.values[0] ?? [];
  const lower = header.map((h) => text(h).toLowerCase());
  const repCol = lower.indexOf('rep');
  const monthCol = lower.indexOf('month');
  if (repCol < 0) return null;
  // The stages run from the column after Rep to the goal ("Sales goal"), the first step ("A → B") or a
  // blank header, whichever comes first.
  const stageCols: number[] = [];
  let c = repCol + 1;
  for (; c < header.length; c++) {
    const h = lower[c];
    if (h === '' || h.includes('→') || h.endsWith(' goal') || h === 'goal' || h === 'check') break;
    stageCols.push(c);
  }
  if (stageCols.length < 2) return null;
  const stages = stageCols.map((i) => text(header[i]));
  const goalCol = c < header.length && (lower[c].endsWith(' goal') || lower[c] === 'goal') ? c : -1;
  // Benchmarks: one per step (above the conversions), or one per stage with the first blank (the earlier
  // layout, above the counts).
  const benchRow = benchmarks?.[0] ?? [];
  const shift = benchRow.length >= stages.length ? 1 : 0;
  const bench = stages.slice(1).map((_, i) => {
    const v = benchRow[i + shift];
    return isCount(v) ? v : null;
  });
  const rows: FunnelRow[] = [];
  for (let i = 1; i < table.values.length; i++) {
    const v = table.values[i];
    const rep = text(v[repCol]);
    const counts = stageCols.map((col) => v[col]);
    if (rep === '' || !counts.every(isCount)) continue;
    const m = monthCol < 0 ? null : v[monthCol];
    const iso =
      typeof m === 'number' && Number.isFinite(m)
        ? serialToIso(m).slice(0, 7)
        : typeof m === 'string' && /^\d{4}-(0[1-9]|1[0-2])\b/.test(m.trim())
          ? m.trim().slice(0, 7)
          : null;
    const period =
      typeof m === 'number' ? periodOfSerial(cal, m) : iso !== null ? periodOfIso(cal, iso) : null;
    const g = goalCol < 0 ? null : v[goalCol];
    rows.push({ rep, period, month: iso, counts: counts as number[], goal: isCount(g) ? g : null });
  }
  return { stages, benchmarks: bench, rows };
}

/** The leak of one funnel's counts, judged as FUNNEL_LEAK judges it, with its figures. */
export function judgeFunnel(
  funnel: Pick<FunnelRead, 'stages' | 'benchmarks'>,
  counts: number[],
): Pick<CoachingFocus, 'leak' | 'conversion' | 'benchmark' | 'extra'> {
  const rise = firstRise(counts);
  if (rise >= 0)
    return { leak: risingLeak(funnel.stages, counts, rise), conversion: null, benchmark: null, extra: null };
  const hasBenchmarks = funnel.benchmarks.some((b) => b !== null);
  const step = leakiestStep(counts, funnel.benchmarks, hasBenchmarks ? 'impact' : 'rate');
  if (step < 0) return { leak: NO_LEAK, conversion: null, benchmark: null, extra: null };
  return {
    leak: stepLabel(funnel.stages, step),
    conversion: conversionAt(counts, step),
    benchmark: funnel.benchmarks[step] ?? null,
    extra: extraAtBenchmark(counts, funnel.benchmarks, step),
  };
}

/**
 * Per rep, the leak over the given periods (counts summed over the rows dated in them); a rep with no dated
 * row there is judged on their latest row, as the sheet's examples are undated.
 */
export function coachingFocus(
  funnel: FunnelRead | null,
  periods: readonly number[],
  periodsLabel: string,
): CoachingFocus[] {
  if (funnel === null) return [];
  const reps = [...new Set(funnel.rows.map((r) => r.rep))];
  return reps.map((rep) => {
    const mine = funnel.rows.filter((r) => r.rep === rep);
    const inPeriods = mine.filter((r) => r.period !== null && periods.includes(r.period));
    const basisRows = inPeriods.length > 0 ? inPeriods : [mine[mine.length - 1]];
    const counts = funnel.stages.map((_, s) => basisRows.reduce((sum, r) => sum + r.counts[s], 0));
    return {
      rep,
      ...judgeFunnel(funnel, counts),
      counts,
      basis: inPeriods.length > 0 ? periodsLabel : 'latest row',
    };
  });
}

// ---------------------------------------------------------------------------------------------------------
// The 1:1 (SPEC §3 "1:1 coaching"; seed 002: "progress on last action items, activities review, coach to
// improve, commitment to new action"): what the panel shows for one rep, read from the Activity Funnel and the
// Coaching Log. Pure data, plain JSON (months and dates as ISO text), for any host.
// ---------------------------------------------------------------------------------------------------------

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-07" → "Jul 2026". */
export function monthLabel(month: string): string {
  return `${MONTH_NAMES[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

/** The month `back` months before yyyy-mm. */
function monthBefore(month: string, back: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 - back;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** One commitment from the Coaching Log. */
export interface Commitment {
  /** Which commitment (its rep and words): a 1:1 saves progress on it as a new row with the same two. */
  id: string;
  /** The one-on-one's date and the due date, yyyy-mm-dd, or null when the cell holds no date. */
  date: string | null;
  due: string | null;
  skill: string;
  commitment: string;
  /** Done when Done? says Yes; Overdue when not done and the due date is before today; else Open. */
  status: 'Open' | 'Overdue' | 'Done';
  /** Days past due (Overdue only), else 0. */
  daysOverdue: number;
}

export interface CoachingLogRow extends Commitment {
  rep: string;
  progress: string;
  review: string;
}

/** A cell as yyyy-mm-dd: a date serial, or text that starts with one. */
function isoDate(v: PlanValue | undefined): string | null {
  if (typeof v === 'number' && Number.isFinite(v)) return serialToIso(v);
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v.trim())) return v.trim().slice(0, 10);
  return null;
}

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** The id of a rep's commitment: its rep and words, case and spacing aside. */
export function commitmentId(rep: string, commitment: string): string {
  const norm = (x: string) => x.trim().replace(/\s+/g, ' ').toLowerCase();
  return `${norm(rep)}|${norm(commitment)}`;
}

/** "2026-08-15 14:05" (a 1:1's Saved at) as a number that orders saves; null for anything else. */
function savedAtOrder(v: PlanValue | undefined): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  const m = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}):(\d{2}))?/.exec(text(v));
  if (m === null) return null;
  const day = Date.parse(`${m[1]}T00:00:00Z`);
  if (Number.isNaN(day)) return null;
  // On the serial scale (days since 1899-12-30) a date-time cell reads in, so typed and text ones compare.
  return day / 86_400_000 + 25_569 + (m[2] === undefined ? 0 : (Number(m[2]) * 60 + Number(m[3])) / 1440);
}

/**
 * The Coaching Log's commitments (rows with a rep and a commitment), read by header (users may move columns),
 * each with its status as of `today` (yyyy-mm-dd): the sheet's own Status column uses TODAY(), which a reader
 * cannot pin. A 1:1 records progress by appending a row with the same rep and commitment (the log is
 * append-only, as the Review Log): a commitment is Done once any of its rows says Done? Yes, and its due date
 * is its latest row's, latest by "Saved at" (then Date, then sheet order), so sorting the log cannot move a
 * carried-over due date back. Its date, progress, review and skill are those of the row that made it.
 */
export function readCoachingLog(table: TableRead | null, today: string): CoachingLogRow[] {
  if (table === null) return [];
  const header = (table.values[0] ?? []).map((h) => text(h).toLowerCase());
  const col = (...names: string[]) => header.findIndex((h) => names.includes(h));
  const c = {
    date: col('date'),
    rep: col('rep'),
    progress: col('progress on last action items'),
    review: col('activity review'),
    skill: col('skill to coach'),
    commitment: col('commitment / new action', 'commitment'),
    due: col('due date', 'due'),
    done: col('done?', 'done'),
    savedAt: col('saved at'),
  };
  if (c.rep < 0 || c.commitment < 0) return [];
  const at = (row: PlanValue[], i: number) => (i < 0 ? '' : text(row[i]));
  interface Read {
    first: CoachingLogRow;
    firstKey: [number, number, number];
    done: boolean;
    latest: { key: [number, number, number]; due: string | null };
  }
  const byId = new Map<string, Read>();
  table.values.slice(1).forEach((row, index) => {
    const rep = at(row, c.rep);
    const commitment = at(row, c.commitment);
    if (rep === '' || commitment === '') return;
    const id = commitmentId(rep, commitment);
    const due = c.due < 0 ? null : isoDate(row[c.due]);
    const date = c.date < 0 ? null : isoDate(row[c.date]);
    const done = at(row, c.done).toLowerCase() === 'yes';
    const key: [number, number, number] = [
      (c.savedAt < 0 ? null : savedAtOrder(row[c.savedAt])) ?? -Infinity,
      date === null ? -Infinity : Date.parse(`${date}T00:00:00Z`),
      index,
    ];
    const order = (a: [number, number, number], b: [number, number, number]) =>
      a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
    const seen = byId.get(id);
    const row0: CoachingLogRow = {
      id,
      rep,
      date,
      progress: at(row, c.progress),
      review: at(row, c.review),
      skill: at(row, c.skill),
      commitment,
      due,
      status: 'Open',
      daysOverdue: 0,
    };
    if (seen === undefined) {
      byId.set(id, { first: row0, firstKey: key, done, latest: { key, due } });
      return;
    }
    seen.done ||= done;
    if (order(key, seen.firstKey) < 0) {
      seen.first = row0;
      seen.firstKey = key;
    }
    if (order(key, seen.latest.key) > 0) seen.latest = { key, due };
  });
  return [...byId.values()].map(({ first, done, latest }) => {
    const due = latest.due;
    const late = !done && due !== null && due < today;
    return {
      ...first,
      due,
      status: done ? 'Done' : late ? 'Overdue' : 'Open',
      daysOverdue: late ? daysBetween(due, today) : 0,
    };
  });
}

/** One month of a rep's funnel against benchmark and against the activity targets of that month's goal. */
export interface RepMonth {
  month: string;
  /** "Jul 2026" */
  label: string;
  counts: number[];
  goal: number | null;
  /** Activity targets of the goal at the benchmarks (as FUNNEL_TARGETS), or null without a goal or a benchmark. */
  targets: number[] | null;
  /** Each count as a share of its target (null where the target is 0 or there is none). */
  ofTarget: (number | null)[];
  /** Per step: conversion (null out of an empty stage), and conversion − benchmark (null without either). */
  conversions: (number | null)[];
  gaps: (number | null)[];
  /** The leak as FUNNEL_LEAK sees it, with its conversion, benchmark and value at stake (extra results). */
  leak: Pick<CoachingFocus, 'leak' | 'conversion' | 'benchmark' | 'extra'>;
}

export interface OneOnOne {
  rep: string;
  stages: string[];
  benchmarks: (number | null)[];
  /** The month of the one-on-one (yyyy-mm) and its funnel, or null when the rep has no row that month. */
  month: string;
  thisMonth: RepMonth | null;
  /** The three months before, oldest first; months without a row are left out. */
  lastThree: RepMonth[];
  /** Commitments not done yet, oldest due first; overdue ones are among them. */
  open: Commitment[];
  overdue: Commitment[];
  /** Words for a rep with no funnel data (none at all, or none in these four months), else null. */
  empty: string | null;
}

/** A rep's funnel in one month: the rows of that rep and month summed (a rep may be entered per team). */
function repMonth(funnel: FunnelRead, rows: FunnelRow[], month: string): RepMonth | null {
  const mine = rows.filter((r) => r.month === month);
  if (mine.length === 0) return null;
  const counts = funnel.stages.map((_, s) => mine.reduce((sum, r) => sum + r.counts[s], 0));
  const goals = mine.map((r) => r.goal).filter((g): g is number => g !== null);
  const goal = goals.length === 0 ? null : goals.reduce((a, b) => a + b, 0);
  const rates = funnel.benchmarks;
  const targets =
    goal === null || rates.some((b) => b === null || !(b > 0) || b > 1)
      ? null
      : Array.from(activityTargets(goal, rates as number[], true, new Float64Array(rates.length + 1)));
  const conversions = counts.slice(1).map((_, i) => conversionAt(counts, i));
  return {
    month,
    label: monthLabel(month),
    counts,
    goal,
    targets,
    ofTarget: counts.map((n, s) => (targets === null || targets[s] === 0 ? null : n / targets[s])),
    conversions,
    gaps: conversions.map((c, i) => (c === null || rates[i] === null ? null : c - (rates[i] as number))),
    leak: judgeFunnel(funnel, counts),
  };
}

/**
 * What the 1:1 panel shows for `rep` in `month` (yyyy-mm): this month's funnel and the three before, each
 * against benchmark and against the activity targets of that month's goal; the leak with its value at stake;
 * the rep's open and overdue commitments from the Coaching Log (read with readCoachingLog as of the day).
 */
export function oneOnOne(
  funnel: FunnelRead | null,
  log: readonly CoachingLogRow[],
  rep: string,
  month: string,
): OneOnOne {
  const key = rep.trim();
  const rows = funnel === null ? [] : funnel.rows.filter((r) => r.rep === key);
  const thisMonth = funnel === null ? null : repMonth(funnel, rows, month);
  const lastThree: RepMonth[] = [];
  if (funnel !== null)
    for (let back = 3; back >= 1; back--) {
      const m = repMonth(funnel, rows, monthBefore(month, back));
      if (m !== null) lastThree.push(m);
    }
  const mine = log.filter((c) => c.rep === key && c.status !== 'Done');
  const open = mine
    .map(({ id, date, due, skill, commitment, status, daysOverdue }) => ({
      id,
      date,
      due,
      skill,
      commitment,
      status,
      daysOverdue,
    }))
    .sort((a, b) => (a.due ?? '9999').localeCompare(b.due ?? '9999'));
  const span = `${monthLabel(monthBefore(month, 3))} – ${monthLabel(month)}`;
  const empty =
    funnel === null
      ? 'There is no Activity Funnel yet: insert it from Templates and enter the counts.'
      : rows.length === 0
        ? `${key} has no rows in the Activity Funnel yet: enter a month's counts for ${key} to see the funnel.`
        : thisMonth === null && lastThree.length === 0
          ? `${key} has no Activity Funnel rows for ${span}.`
          : null;
  return {
    rep: key,
    stages: funnel?.stages ?? [],
    benchmarks: funnel?.benchmarks ?? [],
    month,
    thisMonth,
    lastThree,
    open,
    overdue: open.filter((c) => c.status === 'Overdue'),
    empty,
  };
}

/** The reps a 1:1 can be held with: those of the Activity Funnel, then those only in the Coaching Log. */
export function coachingReps(funnel: FunnelRead | null, log: readonly CoachingLogRow[]): string[] {
  return [...new Set([...(funnel?.rows.map((r) => r.rep) ?? []), ...log.map((c) => c.rep)])];
}
