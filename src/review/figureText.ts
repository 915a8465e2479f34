/**
 * A CSF's figures in words, as a finance reader expects them (issue 9): thousands separators, no "1.2k k€"
 * shorthand, one decimal rule per CSF (counts whole, rates as % with one decimal, amounts whole from 100 up and
 * to one decimal below), and every variance with its side in words ("+12 k€ favourable", "11 k€ over budget").
 * Pure text from numbers: the sidebar (shared/format.ts) and the quarterly pack's summary both use it, so the
 * two say the same thing the same way. Never HTML: callers put the result in text nodes or cells.
 */
import type { Direction } from '../measures/direction';
import type { Aggregation } from '../measures/measure';

export type FigureKind = 'percent' | 'count' | 'amount';

export interface FigureStyle {
  kind: FigureKind;
  /** What follows a number: the unit as typed, or '' (a percent carries its %, a count needs no word). */
  suffix: string;
  /** A currency: a `down` CSF reads as a budget ("over budget", "Max … a month to stay in budget"). */
  money: boolean;
}

/** Units that only say "this is a count". */
const COUNT_UNITS = new Set(['count', 'counts', '#', 'no.', 'number', 'qty']);
const MONEY = /[€$£¥₹₩₽]|\b(eur|usd|gbp|chf|jpy|cny|sek|nok|dkk|pln|aud|cad|nzd|inr|brl|zar)\b/i;

/**
 * How a CSF's numbers read, from its unit and (optionally) its monthly figures: `%` is a rate; a count unit, or
 * a non-currency unit whose months are all whole numbers, is a count (no fractional appointments); anything
 * else is an amount.
 */
export function figureStyle(unit: string, values: readonly (number | null)[] = []): FigureStyle {
  const u = unit.trim();
  if (u === '%') return { kind: 'percent', suffix: '', money: false };
  if (COUNT_UNITS.has(u.toLowerCase())) return { kind: 'count', suffix: '', money: false };
  const money = MONEY.test(u);
  const numbers = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (!money && numbers.length > 0 && numbers.every((v) => Number.isInteger(v)))
    return { kind: 'count', suffix: u, money: false };
  return { kind: 'amount', suffix: u, money };
}

const MINUS = '−';

function grouped(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** |v| with `decimals` decimals and thousands separators; `trim` drops a trailing ".0". */
function magnitude(v: number, decimals: number, trim: boolean): string {
  let s = Math.abs(v).toFixed(decimals);
  if (trim) s = s.replace(/\.0+$/, '');
  const [whole, fraction] = s.split('.');
  return fraction === undefined ? grouped(whole) : `${grouped(whole)}.${fraction}`;
}

/** The digits of |v| as the style shows them (a percent as percent, e.g. 0.053 → "5.3"). */
function digits(v: number, style: FigureStyle): string {
  switch (style.kind) {
    case 'percent':
      return magnitude(v * 100, 1, false);
    case 'count':
      return magnitude(v, 0, false);
    case 'amount':
      return Math.abs(v) >= 99.95 ? magnitude(v, 0, false) : magnitude(v, 1, true);
  }
}

const isZero = (text: string): boolean => /^[0.,]*$/.test(text);

const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** A number as the style shows it, without the unit: "1,262", "5.3%", "17.8", "−4". */
export function numberText(v: number | null | undefined, style: FigureStyle): string {
  if (!finite(v)) return '–';
  const d = digits(v, style);
  const sign = v < 0 && !isZero(d) ? MINUS : '';
  return `${sign}${d}${style.kind === 'percent' ? '%' : ''}`;
}

function withUnit(text: string, style: FigureStyle): string {
  return style.suffix === '' ? text : `${text} ${style.suffix}`;
}

/** A number with its unit once: "1,262 k€", "5.3%", "454". */
export function valueText(v: number | null | undefined, style: FigureStyle): string {
  return finite(v) ? withUnit(numberText(v, style), style) : '–';
}

/** Two figures of one row with the unit once at the end: "454 of 560", "1,262 of 1,210 k€", "5.0% vs 4.8%". */
export function pairText(
  a: number | null | undefined,
  b: number | null | undefined,
  style: FigureStyle,
  joiner = 'of',
): string {
  return withUnit(`${numberText(a, style)} ${joiner} ${numberText(b, style)}`, style);
}

/**
 * A difference with its sign and unit: "+12 k€", "−106". For a rate it is in percentage points ("+0.3 pt"), since
 * a difference of rates is not a rate.
 */
export function differenceText(v: number | null | undefined, style: FigureStyle): string {
  if (!finite(v)) return '–';
  if (style.kind === 'percent') {
    const d = magnitude(v * 100, 1, false);
    return isZero(d) ? `${d} pt` : `${v > 0 ? '+' : MINUS}${d} pt`;
  }
  const d = digits(v, style);
  if (isZero(d)) return withUnit(d, style);
  return withUnit(`${v > 0 ? '+' : MINUS}${d}`, style);
}

/** |difference| without a sign: "11 k€", "0.3 pt". */
function sizeText(v: number, style: FigureStyle): string {
  if (style.kind === 'percent') return `${magnitude(v * 100, 1, false)} pt`;
  return withUnit(digits(v, style), style);
}

/** Whether a difference shows as zero in this style (so it reads "on target", never "+0 favourable"). */
export function showsAsZero(v: number, style: FigureStyle): boolean {
  return isZero(style.kind === 'percent' ? magnitude(v * 100, 1, false) : digits(v, style));
}

const budget = (style: FigureStyle): boolean => style.money;

/**
 * The YTD variance with its side, in words (never a bare number): `up` "+12 k€ favourable" / "−106 unfavourable";
 * a `down` currency "11 k€ over budget" / "4 k€ under budget"; another `down` "+0.6 pt unfavourable"; `range`
 * "+7 k€, within tolerance".
 */
export function varianceText(
  variance: number | null | undefined,
  favourable: boolean | null | undefined,
  direction: Direction | '',
  style: FigureStyle,
): string {
  if (!finite(variance)) return '–';
  if (showsAsZero(variance, style)) return direction === 'down' && budget(style) ? 'on budget' : 'on target';
  if (direction === 'down' && budget(style))
    return `${sizeText(variance, style)} ${variance > 0 ? 'over budget' : 'under budget'}`;
  if (direction === 'range')
    return `${differenceText(variance, style)}, ${favourable ? 'within' : 'outside'} tolerance`;
  return `${differenceText(variance, style)} ${favourable ? 'favourable' : 'unfavourable'}`;
}

/** Whole percent of a base ("8%"), "<1%" for a sliver; null when there is no base to measure against. */
export function shareText(part: number, base: number | null | undefined): string | null {
  if (!finite(base) || base === 0) return null;
  const share = (Math.abs(part) / Math.abs(base)) * 100;
  if (share > 0 && share < 0.5) return '<1%';
  return `${magnitude(share, 0, false)}%`;
}

/**
 * How far the forecast lands from the annual target, by direction: "8% short", "8% over budget", "3% ahead";
 * for a rate in points ("0.4 pt above target").
 */
export function forecastGapText(
  gap: number | null | undefined,
  annualTarget: number | null | undefined,
  direction: Direction | '',
  style: FigureStyle,
): string {
  if (!finite(gap)) return '';
  if (showsAsZero(gap, style)) return direction === 'down' && budget(style) ? 'on budget' : 'on target';
  const size = style.kind === 'percent' ? null : shareText(gap, annualTarget);
  const how = size ?? sizeText(gap, style);
  if (direction === 'up') return `${how} ${gap < 0 ? 'short' : 'ahead'}`;
  if (direction === 'down' && budget(style)) return `${how} ${gap > 0 ? 'over budget' : 'under budget'}`;
  return `${how} ${gap > 0 ? 'above' : 'below'} target`;
}

/**
 * What each remaining month needs, in words (SPEC §0): Sum "120 k€ a month to reach target", a `down` currency
 * "Max 17.8 k€ a month to stay in budget"; Average the mean still needed, as a rate for a rate ("6.3% a month on
 * average to reach target"); Last the change per month ("+8.9 a month to reach target").
 */
export function neededText(
  needed: number | null | undefined,
  aggregation: Aggregation | '',
  direction: Direction | '',
  style: FigureStyle,
): string | null {
  if (!finite(needed)) return null;
  const within = budget(style) ? 'stay in budget' : 'stay within target';
  if (aggregation === 'Last') {
    if (showsAsZero(needed, style)) return 'Target level reached';
    return `${differenceText(needed, style)} a month to reach target`;
  }
  const average = aggregation === 'Average' ? ' on average' : '';
  if (direction === 'down') {
    if (needed === 0 || showsAsZero(needed, style))
      return aggregation === 'Average'
        ? 'The year’s average can no longer stay within target'
        : budget(style)
          ? 'The annual budget is already used up'
          : 'The annual target is already exceeded';
    return `Max ${valueText(needed, style)} a month${average} to ${within}`;
  }
  if (needed === 0 && direction === 'up') return 'Target reached';
  return `${valueText(needed, style)} a month${average} to reach target`;
}

/** The name of a CSF's year-to-date figure by aggregation. */
export function ytdLabel(aggregation: Aggregation | ''): string {
  return aggregation === 'Average' ? 'YTD average' : aggregation === 'Last' ? 'Latest' : 'YTD';
}

/** The name of a CSF's forecast by aggregation: a year total, a year average or a year-end level. */
export function forecastLabel(aggregation: Aggregation | ''): string {
  return aggregation === 'Average' ? 'Year average' : aggregation === 'Last' ? 'Year-end' : 'Forecast';
}
