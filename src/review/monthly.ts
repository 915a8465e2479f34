/**
 * The monthly review of SPEC §3: for a chosen period, per team and CSF, the status, actual vs target,
 * variance, YTD attainment, forecast vs annual target, required run-rate, trend and the months so far for a
 * small chart, computed with the same measures as the custom functions (SE_STATUS, SE_ATTAINMENT,
 * SE_FORECAST, SE_REQUIRED_RATE, SE_TREND). Off-track CSFs come first within their team.
 */
import { requiredRate, runRateForecast, trendOf, type Trend } from '../measures/periods';
import { attainmentOf, statusOf, type Status } from '../measures/status';
import { PERIODS_PER_YEAR, periodIso, periodLabel, type FiscalCalendar } from './calendar';
import type { CsfRecord, Tracker } from './tracker';

export interface MonthPoint {
  period: number;
  label: string;
  target: number | null;
  actual: number | null;
}

export interface CsfMonth {
  id: string;
  row: number;
  team: string;
  csf: string;
  metric: string;
  measureType: string;
  owner: string;
  unit: string;
  direction: string;
  /** The month under review. */
  monthTarget: number | null;
  monthActual: number | null;
  /** Year to date through the month under review. */
  ytdTarget: number | null;
  ytdActual: number | null;
  variance: number | null;
  attainment: number | null;
  /** '' when there is nothing to judge yet (no target or no actual). */
  status: Status | '';
  annualTarget: number | null;
  /** Run-rate forecast of the whole year, and its gap to the annual target (+ ahead, − short). */
  forecast: number | null;
  forecastGap: number | null;
  /** What each remaining month needs to reach the annual target. */
  requiredRate: number | null;
  trend: Trend | '';
  /** Reported months (a run from the first) used for forecast and trend. */
  reported: number;
  months: MonthPoint[];
}

export interface TeamMonth {
  team: string;
  csfs: CsfMonth[];
  /** More than three CSFs breaks the "no more than 3" rule. */
  tooMany: boolean;
}

const STATUS_ORDER: Record<Status | '', number> = { 'Off track': 0, 'At risk': 1, 'On track': 2, '': 3 };
export const MAX_CSFS = 3;

/** Leading reported periods (a blank ends the run, as in SE_FORECAST). */
export function reportedRun(actuals: readonly (number | null)[]): number[] {
  const out: number[] = [];
  for (const v of actuals) {
    if (v === null) break;
    out.push(v);
  }
  return out;
}

/** The latest period with actuals in any CSF (1 when none has any): the month a review opens on. */
export function latestReportedPeriod(tracker: Tracker): number {
  let latest = 0;
  for (const c of tracker.csfs) latest = Math.max(latest, reportedRun(c.actuals).length);
  return Math.max(1, latest);
}

function sumThrough(values: readonly (number | null)[], period: number): number | null {
  let sum = 0;
  let any = false;
  for (let i = 0; i < period; i++) {
    const v = values[i];
    if (v !== null) {
      sum += v;
      any = true;
    }
  }
  return any ? sum : null;
}

export function csfMonth(c: CsfRecord, period: number, cal: FiscalCalendar): CsfMonth {
  const ytdTarget = sumThrough(c.targets, period);
  const ytdActual = sumThrough(c.actuals, period);
  const judged = ytdTarget !== null && ytdActual !== null;
  const run = reportedRun(c.actuals);
  const forecast = run.length > 0 ? runRateForecast(run, PERIODS_PER_YEAR) : null;
  return {
    id: c.id,
    row: c.row,
    team: c.team,
    csf: c.csf,
    metric: c.metric,
    measureType: c.measureType,
    owner: c.owner,
    unit: c.unit,
    direction: c.direction,
    monthTarget: c.targets[period - 1] ?? null,
    monthActual: c.actuals[period - 1] ?? null,
    ytdTarget,
    ytdActual,
    variance: judged ? ytdActual - ytdTarget : null,
    attainment: judged ? attainmentOf(ytdActual, ytdTarget, c.direction) : null,
    status: judged ? statusOf(ytdActual, ytdTarget, c.direction, c.tolerance) : '',
    annualTarget: c.annualTarget,
    forecast,
    forecastGap: forecast !== null && c.annualTarget !== null ? forecast - c.annualTarget : null,
    requiredRate:
      run.length > 0 && run.length < PERIODS_PER_YEAR && c.annualTarget !== null
        ? requiredRate(run, c.annualTarget, PERIODS_PER_YEAR)
        : null,
    trend: run.length >= 2 && c.direction !== 'range' ? trendOf(run, c.direction, 3) : '',
    reported: run.length,
    months: c.targets.map((t, i) => ({
      period: i + 1,
      label: periodLabel(cal, i + 1),
      target: t,
      actual: i < period ? c.actuals[i] : null,
    })),
  };
}

export interface MonthlyModel {
  period: number;
  periodLabel: string;
  /** `2026-07` */
  month: string;
  teams: TeamMonth[];
}

export function monthlyModel(tracker: Tracker, period: number): MonthlyModel {
  const cal = tracker.settings;
  const byTeam = new Map<string, CsfMonth[]>();
  for (const c of tracker.csfs) {
    const list = byTeam.get(c.team) ?? [];
    list.push(csfMonth(c, period, cal));
    byTeam.set(c.team, list);
  }
  const teams: TeamMonth[] = [...byTeam.entries()].map(([team, csfs]) => ({
    team,
    // Stable sort: off track first, then at risk, on track, not yet judged; sheet order within each.
    csfs: [...csfs].sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status]),
    tooMany: csfs.length > MAX_CSFS,
  }));
  return { period, periodLabel: periodLabel(cal, period), month: periodIso(cal, period), teams };
}
