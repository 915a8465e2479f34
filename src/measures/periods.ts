/**
 * Forecasts, required run-rate and trend over the reported periods of a series; the maths behind
 * SE_FORECAST, SE_REQUIRED_RATE, SE_TREND and the monthly review. Callers validate inputs first. Each takes
 * the values and how many of them are reported (`n`, all by default), so a row of a range can be used as it
 * is, its reported periods being its leading cells.
 *
 * How months add up (the aggregation: a total, a mean or a level) is the measure model's (./measure, SPEC
 * §0): the run-rate, the needed rate and the short trend come from there, so the tracker and the functions
 * share one definition.
 */
import type { Direction } from './direction';
import { MEASURE_DEFAULTS, runRateByAggregation, trendFor, type Aggregation } from './measure';

export type { Aggregation } from './measure';

export interface Line {
  slope: number;
  intercept: number;
}

/** Least-squares line through (1, y1) … (n, yn), as TREND / FORECAST.LINEAR fit it; flat for one point. */
export function leastSquares(ys: ArrayLike<number>, from = 0, to = ys.length): Line {
  const n = to - from;
  // A running mean rather than a sum: values near 1e308 would overflow a sum and turn the slope into NaN.
  let meanY = 0;
  for (let i = from; i < to; i++) meanY += (ys[i] - meanY) / (i - from + 1);
  if (n < 2) return { slope: 0, intercept: meanY };
  const meanX = (n + 1) / 2;
  let sxy = 0;
  let sxx = 0;
  for (let i = from; i < to; i++) {
    const dx = i - from + 1 - meanX;
    sxy += dx * (ys[i] - meanY);
    sxx += dx * dx;
  }
  const slope = sxy / sxx;
  return { slope, intercept: meanY - slope * meanX };
}

export function sum(values: ArrayLike<number>, n = values.length): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += values[i];
  return s;
}

/**
 * The year's figure at the current pace (SPEC §0): Sum, YTD / elapsed · periods; Average, the mean so far;
 * Last, the latest value. The measure model's runRateByAggregation.
 */
export function runRateForecast(
  reported: ArrayLike<number>,
  periods: number,
  n = reported.length,
  aggregation: Aggregation = 'Sum',
): number {
  return runRateByAggregation(reported, n, periods, aggregation);
}

/**
 * The least-squares line of the reported values carried over the periods still to come (SPEC §0): Sum, YTD
 * plus the line over periods n+1..P; Average, (the reported values plus the line over n+1..P) / P; Last, the
 * line at period P. One reported value has a flat line, so the trend is the run-rate; with every period
 * reported nothing is projected and the result is the actual figure (for Last, the latest value).
 */
export function trendForecast(
  reported: ArrayLike<number>,
  periods: number,
  n = reported.length,
  aggregation: Aggregation = 'Sum',
): number {
  if (n < 2) return runRateByAggregation(reported, n, periods, aggregation);
  // Two passes over the n values: their total, then Σ(x − x̄)·y (Σ(x − x̄) is 0, so y need not be centred).
  let total = 0;
  for (let i = 0; i < n; i++) total += reported[i];
  const meanX = (n + 1) / 2;
  let sxy = 0;
  for (let i = 0; i < n; i++) sxy += (i + 1 - meanX) * reported[i];
  let slope = sxy / ((n * (n * n - 1)) / 12);
  let intercept = total / n - slope * meanX;
  if (!Number.isFinite(slope) || !Number.isFinite(intercept)) {
    // Values near 1e308 overflow the sums: the careful (running-mean) fit.
    ({ slope, intercept } = leastSquares(reported, 0, n));
  }
  const remaining = periods - n;
  if (aggregation === 'Last') return remaining === 0 ? reported[n - 1] : intercept + slope * periods;
  // Σ_{k=n+1..P} (intercept + slope·k) = remaining·intercept + slope·(n+1+P)·remaining/2
  const ahead = remaining * intercept + (slope * (n + 1 + periods) * remaining) / 2;
  return aggregation === 'Sum' ? total + ahead : (total + ahead) / periods;
}

/**
 * YTD divided by the share of the target profile that has elapsed; null when that share is 0 (nothing was
 * planned for the elapsed periods, so the pace cannot be judged against the profile).
 */
export function phasedForecast(
  reported: ArrayLike<number>,
  weights: readonly number[],
  n = reported.length,
): number | null {
  let elapsed = 0;
  let total = 0;
  for (let i = 0; i < weights.length; i++) {
    total += weights[i];
    if (i < n) elapsed += weights[i];
  }
  if (!(elapsed > 0)) return null;
  return sum(reported, n) / (elapsed / total);
}

/** The average still needed per remaining period to reach the target; 0 once the target is reached. */
export function requiredRate(
  reported: ArrayLike<number>,
  target: number,
  periods: number,
  n = reported.length,
): number {
  const gap = target - sum(reported, n);
  return gap <= 0 ? 0 : gap / (periods - n);
}

export type Trend = 'Improving' | 'Steady' | 'Worsening';

/** A change under this share of the values' mean per period counts as Steady (the tracker's default). */
export const STEADY_SHARE = MEASURE_DEFAULTS.steadyShare;

/** The last two values of a longer series, for the tracker's two-point trend (reused: no allocation per call). */
const lastTwo = [0, 0];

/**
 * The direction of the least-squares slope over the last `window` reported values. Over two or three values
 * this is the tracker's closed form (the measure model's trendFor: slope (last − first) / 2 for three, the
 * difference for two, Steady under 2% of their mean, compared as spreadsheets compare); over more, the
 * least-squares slope.
 */
export function trendOf(
  reported: ArrayLike<number>,
  direction: Direction,
  window: number,
  count = reported.length,
): Trend {
  const from = Math.max(0, count - window);
  const n = count - from;
  if (n === 2 && count > 2) {
    lastTwo[0] = reported[count - 2];
    lastTwo[1] = reported[count - 1];
    return trendFor(lastTwo, 2, direction, STEADY_SHARE);
  }
  if (n <= 3) return trendFor(reported, count, direction, STEADY_SHARE);
  const { slope, intercept } = leastSquares(reported, from, count);
  const mean = intercept + slope * ((n + 1) / 2);
  if (!Number.isFinite(slope))
    return reported[count - 1] > reported[from] === (direction !== 'down') ? 'Improving' : 'Worsening';
  if (slope === 0 || Math.abs(slope) < STEADY_SHARE * Math.abs(mean)) return 'Steady';
  return slope > 0 === (direction !== 'down') ? 'Improving' : 'Worsening';
}
