/**
 * The sidebar chart's pure parts (shared/components/Sparkline.tsx draws it): the axis fitted to the figures and
 * the series told in words for screen readers.
 */
import type { MonthPoint } from '../src/review/monthly';
import { numberText, type FigureStyle } from '../src/review/figureText';

const num = (v: number | null): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * The axis: from the lowest to the highest figure shown, widened a little so no line sits on the frame; a flat
 * series gets a band around its value (it reads as flat, in the middle).
 */
export function sparkAxis(values: readonly number[]): { lo: number; hi: number } {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  if (hi === lo) {
    const half = Math.abs(hi) > 0 ? Math.abs(hi) * 0.1 : 1;
    return { lo: lo - half, hi: hi + half };
  }
  const margin = (hi - lo) * 0.08;
  return { lo: lo - margin, hi: hi + margin };
}

export function last<T>(items: readonly T[], keep: (item: T) => boolean): T | null {
  for (let i = items.length - 1; i >= 0; i--) if (keep(items[i])) return items[i];
  return null;
}

/** The chart in words: "Actual from 78 in Jan to 52 in Jun; target 90 in Jun." */
export function sparkSummary(shown: readonly MonthPoint[], style: FigureStyle): string {
  const withActual = shown.filter((m) => num(m.actual));
  const parts: string[] = [];
  if (withActual.length === 1) {
    const only = withActual[0];
    parts.push(`Actual ${numberText(only.actual, style)} in ${only.label}`);
  } else if (withActual.length > 1) {
    const first = withActual[0];
    const end = withActual[withActual.length - 1];
    const values = withActual.map((m) => m.actual as number);
    parts.push(
      `Actual from ${numberText(first.actual, style)} in ${first.label} to ${numberText(end.actual, style)} in ${end.label}` +
        ` (lowest ${numberText(Math.min(...values), style)}, highest ${numberText(Math.max(...values), style)})`,
    );
  }
  const target = last(shown, (m) => num(m.target));
  if (target !== null) parts.push(`target ${numberText(target.target, style)} in ${target.label}`);
  const unit = style.suffix === '' ? '' : ` (${style.suffix})`;
  if (parts.length === 0) return 'No figures yet';
  const text = `${parts.join('; ')}${unit}.`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}
