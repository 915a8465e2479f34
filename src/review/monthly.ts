/**
 * The monthly review of SPEC §3, computed only through the measure model (src/measures/measure.ts, SPEC §0):
 * for the month under review, per team and CSF, the figures the tracker's own formulas give (status, YTD actual
 * vs target, variance and its side, attainment, forecast vs annual target, needed per month, trend) and the
 * months so far for a small chart. Nothing here does arithmetic on a CSF's months: csfFigures does.
 *
 * A CSF awaiting the month's actual is shown through its last reported month; a CSF the model flags (a gap, a
 * falling running total, an invalid setting, a missing target) shows the flag's words and no figures. Where a
 * computed cell on the sheet disagrees with the model (a formula typed over), the review names the cell.
 */
import type { Direction } from '../measures/direction';
import {
  AWAITING_ACTUAL,
  csfFigures,
  defaultReviewMonth,
  type Aggregation,
  type CsfFigures,
  type CsfStatus,
  type MeasureDefaults,
} from '../measures/measure';
import type { PlanValue } from '../templates/sheetPlan';
import { periodIso, periodLabel, type FiscalCalendar } from './calendar';
import { figureStyle, numberText, type FigureStyle } from './figureText';
import type { CsfRecord, ShownFigureKey, Tracker } from './tracker';

export interface MonthPoint {
  period: number;
  label: string;
  /** Monthly figures as the model uses them (running totals turned into months); null for a month not used. */
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
  /** The settings as the model read them; '' / null when a setting is invalid (see flag). */
  direction: Direction | '';
  aggregation: Aggregation | '';
  tolerance: number | null;
  /** The month under review (1-12). */
  asOf: number;
  /** The reported months the figures run through (≤ asOf); 0 when none. */
  through: number;
  /** `Jun`; '' when no month is reported. */
  throughLabel: string;
  /** The month under review has no actual yet: shown through its last reported month, never Off track. */
  awaiting: boolean;
  /** '' when the model flags the CSF. */
  status: CsfStatus | '';
  /** A problem that stops every figure, in the tracker's own words; null when the figures stand. */
  flag: string | null;
  /** A remark on one figure (a zero YTD target has no attainment). */
  note: string | null;
  /** Computed cells of the sheet that disagree with the model, each in words naming the cell. */
  mismatches: string[];
  /** The latest month used (month `through`): its target and actual. */
  month: MonthPoint | null;
  ytdTarget: number | null;
  ytdActual: number | null;
  /** YTD actual − YTD target, and whether that is the good side (within tolerance for `range`). */
  variance: number | null;
  favourable: boolean | null;
  /** Above 1 is always better than target. */
  attainment: number | null;
  annualTarget: number | null;
  /** The year at the current pace: a total (Sum), a mean (Average) or a year-end level (Last). */
  forecast: number | null;
  forecastGap: number | null;
  /** Per remaining month (see CsfFigures.needed). */
  needed: number | null;
  trend: 'Improving' | 'Steady' | 'Worsening' | '';
  /** What the YTD figures cover, for the Review Log: `YTD through Jul`; '' when there are none. */
  basis: string;
  /** The twelve months, with the figures through `through`. */
  months: MonthPoint[];
}

export interface TeamMonth {
  team: string;
  csfs: CsfMonth[];
  /** More than three CSFs breaks the "no more than 3" rule. */
  tooMany: boolean;
}

export const MAX_CSFS = 3;

/**
 * Review order within a team: what needs a decision first. Off track (commentary and action), then a flagged
 * CSF (no figures until the sheet is fixed), At risk, Awaiting actual (to chase), On track.
 */
export function reviewRank(c: Pick<CsfMonth, 'status' | 'flag'>): number {
  if (c.flag !== null) return 1;
  switch (c.status) {
    case 'Off track':
      return 0;
    case 'At risk':
      return 2;
    case AWAITING_ACTUAL:
      return 3;
    case 'On track':
      return 4;
    default:
      return 5;
  }
}

/** The latest month any CSF has reported (1 when none has): the default review month (SPEC §0). */
export function latestReportedPeriod(tracker: Tracker): number {
  return defaultReviewMonth(tracker.csfs.map((c) => c.measure));
}

/** The month the tracker's own cells are computed as of: its review-month setting, else the default. */
export function sheetReviewMonth(tracker: Tracker): number {
  return tracker.settings.reviewPeriod ?? latestReportedPeriod(tracker);
}

/** The month a review is of: the one asked for, else the tracker's review-month setting, else the default. */
export function reviewMonth(tracker: Tracker, requested?: number | null): number {
  return requested ?? sheetReviewMonth(tracker);
}

/** The model's figure for a computed cell, in the cell's terms (a side is favourable / unfavourable). */
function modelValue(f: CsfFigures, key: ShownFigureKey): number | string | boolean | null | undefined {
  switch (key) {
    case 'ytdTarget':
      return f.ytdTarget;
    case 'ytdActual':
      return f.ytdActual;
    case 'variance':
      return f.variance;
    case 'attainment':
      return f.attainment;
    case 'forecast':
      return f.forecast;
    case 'needed':
      return f.needed;
    case 'status':
      return f.status === '' ? null : f.status;
    case 'trend':
      return f.trend === '' ? null : f.trend;
    case 'side':
      return f.favourable;
    case 'check':
      // The sheet's check cell: the model's flag words, else its note (a zero YTD target), else nothing.
      return f.flag ?? f.note;
  }
}

const FAVOURABLE = /^(f|fav|favourable|favorable)$/i;
const UNFAVOURABLE = /^(u|unfav|unfavourable|unfavorable|a|adverse)$/i;

/** A side cell as the model's boolean: F / Favourable true, U / Unfavourable false; anything else as it is. */
function sideOf(v: PlanValue): boolean | PlanValue {
  if (typeof v !== 'string') return v;
  if (FAVOURABLE.test(v.trim())) return true;
  if (UNFAVOURABLE.test(v.trim())) return false;
  return v;
}

/** Blank, "" and "OK" all say "nothing to flag" in a check cell. */
function checkOf(v: PlanValue): PlanValue {
  if (typeof v === 'string' && (v.trim() === '' || v.trim().toUpperCase() === 'OK')) return null;
  return v;
}

/** Equal as the property test holds the sheet to the model: numbers to 1e-9 relative, text exactly. */
function agrees(shown: PlanValue, model: number | string | boolean | null | undefined): boolean {
  const blank = (v: unknown) => v === null || v === undefined || v === '';
  if (blank(shown) || blank(model)) return blank(shown) && blank(model);
  if (typeof shown === 'number' && typeof model === 'number')
    return Math.abs(shown - model) <= 1e-9 * Math.max(1, Math.abs(shown), Math.abs(model));
  return shown === model;
}

const SHOWN_NAMES: Record<ShownFigureKey, string> = {
  ytdTarget: 'YTD target',
  ytdActual: 'YTD actual',
  variance: 'variance',
  side: 'variance side',
  attainment: 'attainment',
  status: 'status',
  forecast: 'forecast',
  needed: 'needed per month',
  trend: 'trend',
  check: 'check',
};

const PERCENT: FigureStyle = { kind: 'percent', suffix: '', money: false };

/** A value in a message: a number as the CSF shows it, with more digits when two would read the same. */
function said(v: unknown, other: unknown, style: FigureStyle, key: ShownFigureKey): string {
  if (v === null || v === undefined || v === '') return 'nothing';
  if (typeof v === 'boolean') return v ? 'Favourable' : 'Unfavourable';
  if (typeof v !== 'number') return `"${String(v)}"`;
  const shown = (x: number) => numberText(x, key === 'attainment' ? PERCENT : style);
  if (typeof other === 'number' && shown(other) === shown(v)) return String(Number(v.toPrecision(12)));
  return shown(v);
}

/** The YTD cells the sheet's other results are computed from: typed over, everything after them follows. */
const ROOT_KEYS: readonly ShownFigureKey[] = ['ytdTarget', 'ytdActual'];

/**
 * The computed cells that disagree with the model, each named with what it shows and what the tracker's
 * definition gives. Only when the sheet is computed as of the same month as the review (its review-month
 * setting): a review of another month is expected to differ from the sheet. A typed-over YTD cell is named on
 * its own, the results computed from it listed as following it, so one overwrite reads as one problem.
 */
function mismatchesOf(c: CsfRecord, f: CsfFigures, sheet: string, style: FigureStyle): string[] {
  const roots: string[] = [];
  const others: { cell: string; text: string }[] = [];
  for (const [key, shown] of Object.entries(c.shown) as [
    ShownFigureKey,
    { value: PlanValue; cell: string } | undefined,
  ][]) {
    if (shown === undefined) continue;
    const model = modelValue(f, key);
    const value = key === 'side' ? sideOf(shown.value) : key === 'check' ? checkOf(shown.value) : shown.value;
    if (agrees(value as PlanValue, model)) continue;
    // A flag the sheet words differently is still a flag; the review shows the model's words.
    if (key === 'check' && typeof value === 'string' && typeof model === 'string') continue;
    const text = `${shown.cell} on ${sheet} shows ${said(value, model, style, key)} but the tracker's definition gives ${said(model, value, style, key)} (${SHOWN_NAMES[key]}); restore the formula`;
    if (ROOT_KEYS.includes(key)) roots.push(text);
    else others.push({ cell: shown.cell, text });
  }
  if (roots.length === 0) return others.map((o) => o.text);
  if (others.length === 0) return roots;
  const cells = others.map((o) => o.cell);
  const list =
    cells.length === 1 ? cells[0] : `${cells.slice(0, -1).join(', ')} and ${cells[cells.length - 1]}`;
  const it = roots.length === 1 ? 'it' : 'them';
  return [
    ...roots,
    `${list} ${cells.length === 1 ? 'is' : 'are'} computed from ${it} and will agree once ${it === 'it' ? 'it is' : 'they are'} restored.`,
  ];
}

/** One CSF as of month `period`, from its cells through csfFigures. */
export function csfMonth(
  c: CsfRecord,
  period: number,
  cal: FiscalCalendar,
  defaults?: MeasureDefaults,
  check?: { sheet: string } | null,
): CsfMonth {
  const label = (p: number) => periodLabel(cal, p);
  const f = csfFigures(c.measure, period, label, defaults);
  const months: MonthPoint[] = f.monthlyTargets.map((t, i) => ({
    period: i + 1,
    label: label(i + 1),
    target: i < f.through ? t : null,
    actual: i < f.through ? f.monthlyActuals[i] : null,
  }));
  const style = figureStyle(c.unit, [...f.monthlyTargets, ...f.monthlyActuals]);
  return {
    id: c.id,
    row: c.row,
    team: c.team,
    csf: c.csf,
    metric: c.metric,
    measureType: c.measureType,
    owner: c.owner,
    unit: c.unit,
    direction: f.settings?.direction ?? '',
    aggregation: f.settings?.aggregation ?? '',
    tolerance: f.settings?.tolerance ?? null,
    asOf: period,
    through: f.through,
    throughLabel: f.through > 0 ? label(f.through) : '',
    awaiting: f.awaiting,
    status: f.status,
    flag: f.flag,
    note: f.note,
    mismatches: check ? mismatchesOf(c, f, check.sheet, style) : [],
    month: f.through > 0 ? months[f.through - 1] : null,
    ytdTarget: f.ytdTarget,
    ytdActual: f.ytdActual,
    variance: f.variance,
    favourable: f.favourable,
    attainment: f.attainment,
    annualTarget: f.annualTarget,
    forecast: f.forecast,
    forecastGap: f.forecastGap,
    needed: f.needed,
    trend: f.trend,
    basis: f.flag === null && f.through > 0 ? `YTD through ${label(f.through)}` : '',
    months,
  };
}

export interface MonthlyModel {
  period: number;
  periodLabel: string;
  /** `2026-07` */
  month: string;
  /** Whether the tracker's own cells are as of this month (so they were checked against the model). */
  sheetChecked: boolean;
  teams: TeamMonth[];
}

export function monthlyModel(tracker: Tracker, period: number): MonthlyModel {
  const cal = tracker.settings;
  const sheetChecked = period === sheetReviewMonth(tracker);
  const check = sheetChecked ? { sheet: tracker.sheet } : null;
  const byTeam = new Map<string, CsfMonth[]>();
  for (const c of tracker.csfs) {
    const list = byTeam.get(c.team) ?? [];
    list.push(csfMonth(c, period, cal, tracker.settings.defaults, check));
    byTeam.set(c.team, list);
  }
  const teams: TeamMonth[] = [...byTeam.entries()].map(([team, csfs]) => ({
    team,
    // Stable sort: the tracker's order within each rank.
    csfs: [...csfs].sort((a, b) => reviewRank(a) - reviewRank(b)),
    tooMany: csfs.length > MAX_CSFS,
  }));
  return {
    period,
    periodLabel: periodLabel(cal, period),
    month: periodIso(cal, period),
    sheetChecked,
    teams,
  };
}
