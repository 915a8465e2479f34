/**
 * Numbers and dates as the sidebar shows them, finance-grade (issue 9): thousands separators, the unit once per
 * row, one decimal rule per CSF (counts and currency whole, a rate as % with one decimal), every variance with
 * its side in words. The wording itself lives in the core (src/review/figureText.ts) so the quarterly pack says
 * the same; this file turns one CSF of the review into the lines its card shows. Plain text only.
 */
import type { CsfMonth } from '../src/review/monthly';
import {
  figureStyle,
  forecastGapText,
  forecastLabel,
  neededText,
  pairText,
  valueText,
  varianceText,
  ytdLabel,
  type FigureStyle,
} from '../src/review/figureText';

export { figureStyle, valueText, varianceText, neededText, forecastGapText, pairText };

const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** 0.864 → 86% (attainment: a ratio, whatever the CSF's unit). */
export function percent(v: number | null | undefined): string {
  if (!finite(v)) return '–';
  return `${Math.round(v * 100)}%`;
}

/** How this CSF's numbers read: from its unit and its monthly figures. */
export function styleOf(c: Pick<CsfMonth, 'unit' | 'months'>): FigureStyle {
  return figureStyle(
    c.unit,
    c.months.flatMap((m) => [m.target, m.actual]),
  );
}

export interface CardLine {
  label: string;
  text: string;
  /** Favourable or not, for colour next to the words (never colour alone). */
  tone?: 'good' | 'bad';
}

/**
 * The figures of a CSF's card, one line each, the unit once per line: the latest month, YTD, the variance and
 * its side, attainment, the forecast against the annual target, what each remaining month needs, the trend.
 * None for a flagged CSF (its flag stands instead of numbers).
 */
export function cardLines(c: CsfMonth): CardLine[] {
  if (c.flag !== null) return [];
  const style = styleOf(c);
  const lines: CardLine[] = [];
  if (c.through === 0) {
    if (finite(c.annualTarget))
      lines.push({ label: 'Annual target', text: valueText(c.annualTarget, style) });
    return lines;
  }
  if (c.month !== null && c.aggregation !== 'Last')
    lines.push({ label: c.month.label, text: pairText(c.month.actual, c.month.target, style) });
  lines.push({ label: ytdLabel(c.aggregation), text: pairText(c.ytdActual, c.ytdTarget, style) });
  if (finite(c.variance))
    lines.push({
      label: 'Variance',
      text: varianceText(c.variance, c.favourable, c.direction, style),
      tone: c.favourable === null ? undefined : c.favourable ? 'good' : 'bad',
    });
  lines.push({ label: 'Attainment', text: finite(c.attainment) ? percent(c.attainment) : '–' });
  if (finite(c.forecast)) {
    const gap = forecastGapText(c.forecastGap, c.annualTarget, c.direction, style);
    lines.push({
      label: forecastLabel(c.aggregation),
      text: finite(c.annualTarget)
        ? `${pairText(c.forecast, c.annualTarget, style, 'vs')}${gap === '' ? '' : ` · ${gap}`}`
        : valueText(c.forecast, style),
    });
  }
  const needed = neededText(c.needed, c.aggregation, c.direction, style);
  if (needed !== null) lines.push({ label: 'Needed', text: needed });
  if (c.trend !== '') lines.push({ label: 'Trend', text: c.trend });
  return lines;
}

/** The line under an awaited CSF's name: `Awaiting actual · through Jun`. */
export function awaitingText(c: Pick<CsfMonth, 'awaiting' | 'through' | 'throughLabel'>): string | null {
  if (!c.awaiting) return null;
  return `Awaiting actual · ${c.through > 0 ? `through ${c.throughLabel}` : 'no actual yet'}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Today on the user's own clock, yyyy-mm-dd (the core never reads a clock). */
export function localToday(now: Date = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The fiscal quarter (1-4) a period (1-12) falls in. */
export function quarterOfPeriod(period: number): number {
  return Math.min(4, Math.max(1, Math.ceil(period / 3)));
}

export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m === null) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return (
    d.getUTCFullYear() === Number(m[1]) &&
    d.getUTCMonth() === Number(m[2]) - 1 &&
    d.getUTCDate() === Number(m[3])
  );
}

/** Now on the user's own clock with its offset (2026-08-15T14:05:00+02:00): the log's "Saved at" is local. */
export function localNow(now: Date = new Date()): string {
  const offset = -now.getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return (
    `${localToday(now)}T${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}
