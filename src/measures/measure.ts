/**
 * The measure model of SPEC §0: what a CSF's numbers mean, defined once. The CSF Tracker's formulas, the
 * monthly review, the quarterly pack and the Review Log all compute a CSF's figures with this definition;
 * the custom functions share its aggregation rules (yearForecast, neededPerPeriod).
 *
 * Every step is written as the tracker's formulas compute it (same operations in the same order, compared
 * as spreadsheets compare: see ./compare), so the sheet and the sidebar agree cell for cell. A figure that
 * cannot be trusted (a gap, a falling running total, an invalid setting, a missing target) is not computed:
 * the CSF gets a flag in words instead, the same words in the sheet and in the sidebar.
 */
import type { Direction } from './direction';
import { above, atLeast, atMost, below, sheetAdd, sheetSub } from './compare';
import type { Status } from './status';

export type Aggregation = 'Sum' | 'Average' | 'Last';
export const AGGREGATIONS: readonly Aggregation[] = ['Sum', 'Average', 'Last'];
export type InputKind = 'Per month' | 'Cumulative';
export const INPUT_KINDS: readonly InputKind[] = ['Per month', 'Cumulative'];

export const MONTHS_PER_YEAR = 12;
export const AWAITING_ACTUAL = 'Awaiting actual';
export type CsfStatus = Status | typeof AWAITING_ACTUAL;

/** The sheet-wide defaults the tracker keeps in its settings block (no constants inside formulas). */
export interface MeasureDefaults {
  /** The tolerance of a CSF whose tolerance cell is blank (10%). */
  tolerance: number;
  /** A trend slope under this share of the values' mean per month is Steady (2%). */
  steadyShare: number;
}
export const MEASURE_DEFAULTS: MeasureDefaults = { tolerance: 0.1, steadyShare: 0.02 };

/** The cells of one CSF row as the sheet holds them (numbers, text, booleans or null for a blank). */
export interface MeasureRow {
  aggregation: unknown;
  input: unknown;
  direction: unknown;
  tolerance: unknown;
  annualTarget: unknown;
  /** One per month of the fiscal year, as typed: per month, or running totals for `Cumulative`. */
  targets: readonly unknown[];
  actuals: readonly unknown[];
}

export interface MeasureSettings {
  aggregation: Aggregation;
  input: InputKind;
  direction: Direction;
  tolerance: number;
}

export interface CsfFigures {
  /** The month reviewed (m, 1-12). */
  asOf: number;
  /** The reported months used (r ≤ m): figures run through month r. */
  through: number;
  /** r < m: the month under review has no actual yet. */
  awaiting: boolean;
  /** The settings as read (null when one of them is invalid; see flag). */
  settings: MeasureSettings | null;
  /** A problem that stops every figure, in the sheet's own words; null when the figures stand. */
  flag: string | null;
  /** A remark on one figure that could not be computed (a zero YTD target has no attainment). */
  note: string | null;
  /** Monthly figures (running totals turned into months); null for a month not used. */
  monthlyTargets: (number | null)[];
  monthlyActuals: (number | null)[];
  ytdTarget: number | null;
  ytdActual: number | null;
  /** YTD actual − YTD target. */
  variance: number | null;
  /** Whether the variance is on the good side (within tolerance for `range`). */
  favourable: boolean | null;
  /** Above 1 always means better than target. */
  attainment: number | null;
  status: CsfStatus | '';
  /** The year's figure at the current pace: a total (Sum), a mean (Average) or a year-end level (Last). */
  forecast: number | null;
  annualTarget: number | null;
  /** Forecast − annual target. */
  forecastGap: number | null;
  /** Per remaining month: Sum, the average still needed (for `down`, the most that may still be spent);
   *  Average, the mean needed; Last, the change per month. Null when no month remains. */
  needed: number | null;
  trend: 'Improving' | 'Steady' | 'Worsening' | '';
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isBlankCell = (v: unknown): boolean => v === null || v === undefined || v === '';
/** A text setting as a cell comparison sees it: `="sum"` matches "Sum" (case-insensitive, no trimming). */
const same = (v: unknown, word: string): boolean =>
  typeof v === 'string' && v.toLowerCase() === word.toLowerCase();

/**
 * Reads a CSF's settings as the tracker's formulas do: a blank aggregation is Sum, a blank input Per month, a
 * blank direction up, a blank tolerance the sheet's default. Returns the problem in words when a setting is
 * not one of its choices.
 */
export function readMeasureSettings(
  row: MeasureRow,
  defaults: MeasureDefaults = MEASURE_DEFAULTS,
): MeasureSettings | string {
  const aggregation = isBlankCell(row.aggregation)
    ? 'Sum'
    : AGGREGATIONS.find((a) => same(row.aggregation, a));
  if (aggregation === undefined) return 'Check settings: Aggregation must be Sum, Average or Last';
  const input = isBlankCell(row.input) ? 'Per month' : INPUT_KINDS.find((k) => same(row.input, k));
  if (input === undefined) return 'Check settings: Input must be Per month or Cumulative';
  if (input === 'Cumulative' && aggregation !== 'Sum')
    return 'Check settings: Cumulative input needs Sum aggregation';
  const direction = isBlankCell(row.direction)
    ? 'up'
    : (['up', 'down', 'range'] as const).find((d) => same(row.direction, d));
  if (direction === undefined) return 'Check settings: Direction must be up, down or range';
  let tolerance = defaults.tolerance;
  if (!isBlankCell(row.tolerance)) {
    if (!isNumber(row.tolerance) || below(row.tolerance, 0) || above(row.tolerance, 1))
      return 'Check settings: Tolerance must be from 0% to 100%';
    tolerance = row.tolerance;
  }
  if (!isBlankCell(row.annualTarget) && !isNumber(row.annualTarget))
    return 'Check settings: Annual target must be a number';
  return { aggregation, input, direction, tolerance };
}

/** `fall` marks a month where a running total falls: it ends the run and is flagged. */
type Monthly = number | 'fall' | null;

/**
 * Monthly actuals: the leading run of numbers (a month without a number ends it), running totals turned into
 * months by differences. Tracker formula per month p: a number only if month p−1 was one (or p = 1).
 */
export function monthlyRun(actuals: readonly unknown[], cumulative: boolean): Monthly[] {
  const out: Monthly[] = [];
  let open = true;
  for (let p = 0; p < MONTHS_PER_YEAR; p++) {
    const v = actuals[p];
    if (!open || !isNumber(v)) {
      open = false;
      out.push(null);
      continue;
    }
    if (cumulative && p > 0) {
      const prev = actuals[p - 1] as number;
      if (below(v, prev)) {
        out.push('fall');
        open = false;
      } else out.push(sheetSub(v, prev));
    } else out.push(v);
  }
  return out;
}

/** The leading run's length: the reported months through the year (r12). */
export function runLength(run: readonly Monthly[]): number {
  let n = 0;
  while (n < run.length && typeof run[n] === 'number') n++;
  return n;
}

/** Monthly targets through month r; running totals turned into months (a blank before counts as 0). */
function monthlyTargetsThrough(targets: readonly unknown[], cumulative: boolean, r: number): Monthly[] {
  const out: Monthly[] = [];
  for (let p = 0; p < MONTHS_PER_YEAR; p++) {
    const v = targets[p];
    if (p >= r || !isNumber(v)) {
      out.push(null);
      continue;
    }
    if (cumulative && p > 0) {
      const before = targets[p - 1];
      const prev = isNumber(before) ? before : 0;
      out.push(below(v, prev) ? 'fall' : sheetSub(v, prev));
    } else out.push(v);
  }
  return out;
}

/**
 * Added up month by month as the tracker's running-total columns add them: each step a cell's `+`, which gives
 * an exact 0 for two numbers equal and opposite to 15 digits (sheetAdd). Not SUM: engines sum a range with
 * different care (LibreOffice compensates), and a plain `+` leaves a 1e-17 residue where the sheet has 0, a YTD
 * target of 0 (no attainment) in the sheet and a tiny one in JavaScript.
 */
function total(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s = sheetAdd(s, v);
  return s;
}

/**
 * The year's figure at the current pace (run-rate) from the first `n` monthly values: Sum, the YTD per month
 * times the months in the year; Average, the mean so far; Last, the latest value.
 */
export function runRateByAggregation(
  values: ArrayLike<number>,
  n: number,
  periods: number,
  aggregation: Aggregation,
): number {
  if (aggregation === 'Last') return values[n - 1];
  let s = 0;
  for (let i = 0; i < n; i++) s += values[i];
  return aggregation === 'Sum' ? (s / n) * periods : s / n;
}

/**
 * Per remaining period, what reaching `target` for the year needs (SPEC §0): Sum, (target − YTD) / left;
 * Average, (target × periods − sum so far) / left; Last, (target − latest) / left. 0 once the target is
 * reached (the figure would be 0 or below). Null when no period is left.
 */
export function neededByAggregation(
  values: ArrayLike<number>,
  n: number,
  target: number,
  periods: number,
  aggregation: Aggregation,
): { gap: number; needed: number | null } {
  let s = 0;
  for (let i = 0; i < n; i++) s += values[i];
  const gap =
    aggregation === 'Sum'
      ? sheetSub(target, s)
      : aggregation === 'Average'
        ? sheetSub(target * periods, s)
        : sheetSub(target, values[n - 1]);
  if (n >= periods) return { gap, needed: null };
  return { gap, needed: gap / (periods - n) };
}

/**
 * Attainment (SPEC §0), above 1 always better: `up` actual/target for a positive target, else
 * 1 + (actual − target)/|target|; `down` target/actual when both are positive, else 1 − (actual − target)/|target|;
 * `range` 1 − |actual − target|/|target|. Null for a zero target.
 */
export function attainmentFor(actual: number, target: number, direction: Direction): number | null {
  // The common cases first: a zero-target test ahead of them makes V8 box every result (SE_ATTAINMENT's speed).
  switch (direction) {
    case 'up':
      if (target > 0) return actual / target;
      break;
    case 'down':
      if (target > 0 && actual > 0) return target / actual;
      break;
  }
  if (target === 0) return null;
  switch (direction) {
    case 'up':
      return 1 + sheetSub(actual, target) / Math.abs(target);
    case 'down':
      return 1 - sheetSub(actual, target) / Math.abs(target);
    case 'range':
      return 1 - Math.abs(sheetSub(actual, target)) / Math.abs(target);
  }
}

/**
 * Status of an actual against its target (SE_STATUS): `up` at or above target On track, within tolerance ×
 * |target| below it At risk; `down` mirrors it; `range` within the band either side On track, within twice it
 * At risk. Compared as spreadsheets compare (15 significant digits), with the band computed as the tracker's
 * formula computes it.
 */
export function statusFor(actual: number, target: number, direction: Direction, tolerance: number): Status {
  switch (direction) {
    case 'up':
      if (atLeast(actual, target)) return 'On track';
      return atLeast(actual, sheetSub(target, tolerance * Math.abs(target))) ? 'At risk' : 'Off track';
    case 'down':
      if (atMost(actual, target)) return 'On track';
      return atMost(actual, sheetAdd(target, tolerance * Math.abs(target))) ? 'At risk' : 'Off track';
    case 'range': {
      const gap = Math.abs(sheetSub(actual, target));
      if (atMost(gap, tolerance * Math.abs(target))) return 'On track';
      return atMost(gap, 2 * tolerance * Math.abs(target)) ? 'At risk' : 'Off track';
    }
  }
}

/**
 * Trend over the last three reported months (two when only two are reported), as the tracker computes it:
 * the least-squares slope of three equally spaced points is (last − first) / 2, of two their difference;
 * Steady when the slope is 0 or under `steadyShare` of their mean.
 */
export function trendFor(
  values: ArrayLike<number>,
  n: number,
  direction: Direction,
  steadyShare: number,
): 'Improving' | 'Steady' | 'Worsening' {
  const last = values[n - 1];
  const slope = n >= 3 ? sheetSub(last, values[n - 3]) / 2 : sheetSub(last, values[n - 2]);
  const mean =
    n >= 3 ? sheetAdd(sheetAdd(last, values[n - 2]), values[n - 3]) / 3 : sheetAdd(last, values[n - 2]) / 2;
  if (slope === 0 || below(Math.abs(slope), steadyShare * Math.abs(mean))) return 'Steady';
  return above(slope, 0) === (direction !== 'down') ? 'Improving' : 'Worsening';
}

/** Favourable side of a variance: `up` actual ≥ target, `down` actual ≤ target, `range` within tolerance. */
export function favourableFor(
  actual: number,
  target: number,
  direction: Direction,
  tolerance: number,
): boolean {
  switch (direction) {
    case 'up':
      return atLeast(actual, target);
    case 'down':
      return atMost(actual, target);
    case 'range':
      return atMost(Math.abs(sheetSub(actual, target)), tolerance * Math.abs(target));
  }
}

/** The month a review defaults to: the latest month reported (as a leading run) by any CSF; 1 when none. */
export function defaultReviewMonth(rows: readonly MeasureRow[]): number {
  let latest = 0;
  for (const row of rows) {
    const cumulative = same(row.input, 'Cumulative');
    latest = Math.max(latest, runLength(monthlyRun(row.actuals, cumulative)));
  }
  return Math.max(1, latest);
}

function empty(asOf: number, settings: MeasureSettings | null, flag: string | null): CsfFigures {
  return {
    asOf,
    through: 0,
    awaiting: false,
    settings,
    flag,
    note: null,
    monthlyTargets: new Array<number | null>(MONTHS_PER_YEAR).fill(null),
    monthlyActuals: new Array<number | null>(MONTHS_PER_YEAR).fill(null),
    ytdTarget: null,
    ytdActual: null,
    variance: null,
    favourable: null,
    attainment: null,
    status: '',
    forecast: null,
    annualTarget: null,
    forecastGap: null,
    needed: null,
    trend: '',
  };
}

/** The flag words; `month(p)` names month p (1-12) of the fiscal year, e.g. `Mar`. */
export const flags = {
  textActual: (month: string) => `the ${month} actual is text, not a number`,
  textTarget: (month: string) => `the ${month} target is text, not a number`,
  fall: (month: string) => `cumulative figures fall in ${month}`,
  targetFall: (month: string) => `cumulative targets fall in ${month}`,
  gap: (month: string) => `${month} has no number but a later month has; enter 0 if nothing happened`,
  targetMissing: (month: string) => `a target is missing through ${month}`,
  zeroTarget: 'the YTD target is 0: no attainment',
} as const;

/** An error value as the hosts read it (Excel, Sheets, HyperFormula): not text a user typed. */
const ERROR_VALUE =
  /^#(N\/A|VALUE!|REF!|DIV\/0!|NUM!|NAME\?|NULL!|SPILL!|CALC!|ERROR!|CYCLE!|FIELD!|BUSY!|BLOCKED!|CONNECT!|UNKNOWN!|GETTING_DATA|LIC!)$/;

/**
 * The first month cell holding text (at least one character, as a sheet's COUNTIF(range,"?*") counts it), or
 * -1. Error values are not text: the sheet's count skips them too.
 */
export function firstText(cells: readonly unknown[]): number {
  for (let p = 0; p < cells.length; p++) {
    const v = cells[p];
    if (typeof v === 'string' && v.length > 0 && !ERROR_VALUE.test(v)) return p;
  }
  return -1;
}

/**
 * A CSF's figures as of month `asOf` (SPEC §0). `month(p)` names month p for the flags' words.
 */
export function csfFigures(
  row: MeasureRow,
  asOf: number,
  month: (period: number) => string,
  defaults: MeasureDefaults = MEASURE_DEFAULTS,
): CsfFigures {
  const read = readMeasureSettings(row, defaults);
  if (typeof read === 'string') return empty(asOf, null, read);
  const s = read;
  // Text in a month cell ("n/a", a link's "not found: …") is never read as a blank: the row says where.
  const textActual = firstText(row.actuals);
  if (textActual >= 0) return empty(asOf, s, flags.textActual(month(textActual + 1)));
  const textTarget = firstText(row.targets);
  if (textTarget >= 0) return empty(asOf, s, flags.textTarget(month(textTarget + 1)));
  const cumulative = s.input === 'Cumulative';
  const run = monthlyRun(row.actuals, cumulative);
  const r12 = runLength(run);
  const r = Math.min(r12, asOf);
  // A fall or a gap before the month under review stops every figure; after it, the review ignores it.
  if (r12 < asOf && run[r12] === 'fall') return empty(asOf, s, flags.fall(month(r12 + 1)));
  if (r12 < asOf) {
    let later = false;
    for (let p = r12; p < MONTHS_PER_YEAR; p++) if (isNumber(row.actuals[p])) later = true;
    if (later) return empty(asOf, s, flags.gap(month(r12 + 1)));
  }
  const tm = monthlyTargetsThrough(row.targets, cumulative, r);
  const fallAt = tm.indexOf('fall');
  if (fallAt >= 0) return empty(asOf, s, flags.targetFall(month(fallAt + 1)));
  const targets = tm.slice(0, r).filter(isNumber);
  if (targets.length < r) return empty(asOf, s, flags.targetMissing(month(r)));

  const actuals = run.slice(0, r) as number[];
  const annual = isNumber(row.annualTarget) ? row.annualTarget : null;
  const result = empty(asOf, s, null);
  result.through = r;
  result.awaiting = r < asOf;
  result.annualTarget = annual;
  result.monthlyTargets = tm.map((v) => (typeof v === 'number' ? v : null));
  result.monthlyActuals = run.map((v, p) => (typeof v === 'number' && p < r ? v : null));
  if (r === 0) {
    result.status = AWAITING_ACTUAL;
    return result;
  }

  const ytdActual =
    s.aggregation === 'Last' ? actuals[r - 1] : total(actuals) / (s.aggregation === 'Sum' ? 1 : r);
  const ytdTarget =
    s.aggregation === 'Last' ? targets[r - 1] : total(targets) / (s.aggregation === 'Sum' ? 1 : r);
  result.ytdActual = ytdActual;
  result.ytdTarget = ytdTarget;
  result.variance = sheetSub(ytdActual, ytdTarget);
  result.favourable = favourableFor(ytdActual, ytdTarget, s.direction, s.tolerance);
  result.attainment = attainmentFor(ytdActual, ytdTarget, s.direction);
  if (result.attainment === null) result.note = flags.zeroTarget;
  result.status = result.awaiting
    ? AWAITING_ACTUAL
    : statusFor(ytdActual, ytdTarget, s.direction, s.tolerance);
  result.forecast = runRateByAggregation(actuals, r, MONTHS_PER_YEAR, s.aggregation);
  if (annual !== null) {
    result.forecastGap = sheetSub(result.forecast, annual);
    const { needed } = neededByAggregation(actuals, r, annual, MONTHS_PER_YEAR, s.aggregation);
    result.needed = needed === null ? null : clampNeeded(needed, s);
  }
  if (s.direction !== 'range' && r >= 2)
    result.trend = trendFor(actuals, r, s.direction, defaults.steadyShare);
  return result;
}

/**
 * Sum and Average: never below 0 (0 once an `up` target is reached; for `down`, nothing more may be spent).
 * Last is a change: an `up` level already at target needs 0, a `down` level at or under it needs 0, and a
 * `range` level moves either way.
 */
function clampNeeded(needed: number, s: MeasureSettings): number {
  if (s.aggregation !== 'Last') return Math.max(0, needed);
  if (s.direction === 'up') return Math.max(0, needed);
  if (s.direction === 'down') return Math.min(0, needed);
  return needed;
}
