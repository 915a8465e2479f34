/**
 * Forecasts, required run-rate and trend over the reported periods of a series; the maths behind
 * SE_FORECAST, SE_REQUIRED_RATE, SE_TREND and the monthly review. Callers validate inputs first. Each takes
 * the values and how many of them are reported (`n`, all by default), so a row of a range can be used as it
 * is, its reported periods being its leading cells.
 */
import type { Direction } from './direction';

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

/** Year-to-date over the elapsed periods, extended at the same average: YTD / elapsed · periods. */
export function runRateForecast(reported: ArrayLike<number>, periods: number, n = reported.length): number {
  return (sum(reported, n) / n) * periods;
}

/** YTD plus the least-squares line of the reported values over the periods still to come. */
export function trendForecast(reported: ArrayLike<number>, periods: number, n = reported.length): number {
  const e = n;
  const { slope, intercept } = leastSquares(reported, 0, n);
  const remaining = periods - e;
  // Σ_{k=e+1..P} (intercept + slope·k) = remaining·intercept + slope·(e+1+P)·remaining/2
  return sum(reported, n) + remaining * intercept + (slope * (e + 1 + periods) * remaining) / 2;
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

/** A change under this share of the values' mean per period counts as Steady. */
export const STEADY_SHARE = 0.02;

/** The direction of the least-squares slope over the last `window` reported values. */
export function trendOf(
  reported: ArrayLike<number>,
  direction: Direction,
  window: number,
  count = reported.length,
): Trend {
  const from = Math.max(0, count - window);
  const { slope, intercept } = leastSquares(reported, from, count);
  const n = count - from;
  const mean = intercept + slope * ((n + 1) / 2);
  if (!Number.isFinite(slope))
    return reported[reported.length - 1] > reported[from] === (direction !== 'down')
      ? 'Improving'
      : 'Worsening';
  if (slope === 0 || Math.abs(slope) < STEADY_SHARE * Math.abs(mean)) return 'Steady';
  return slope > 0 === (direction !== 'down') ? 'Improving' : 'Worsening';
}
