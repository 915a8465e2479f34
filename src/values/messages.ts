/**
 * The message catalogue: every sentence the core says to a user is built here, so wording stays consistent
 * (function, argument, what was expected, what was found, where).
 */
import { describeFigure, describeShape, describeValue, type Shape } from './describe';

export const messages = {
  expected(fn: string, arg: string, expected: string, found: unknown, where: string | null): string {
    return where === null
      ? `${fn}: ${arg} must be ${expected}; found ${describeValue(found)}`
      : `${fn}: ${arg} must be ${expected}; ${where} holds ${describeValue(found)}`;
  },
  ragged(fn: string, arg: string): string {
    return `${fn}: ${arg} must be a rectangular range; its rows have different lengths`;
  },
  emptyRange(fn: string, arg: string): string {
    return `${fn}: ${arg} must be a cell or a range with at least one cell; found an empty range`;
  },
  shapeMismatch(fn: string, a: string, aShape: Shape, b: string, bShape: Shape): string {
    return (
      `${fn}: ${a} and ${b} must have the same shape, or one of them must be a single cell; ` +
      `${a} is ${describeShape(aShape)} and ${b} is ${describeShape(bShape)}`
    );
  },
  singleValue(fn: string, arg: string, expected: string, shape: Shape): string {
    return `${fn}: ${arg} must be ${expected} in a single cell; found a ${describeShape(shape)} range`;
  },
  periodGap(fn: string, arg: string, blank: number, later: number, series: string | null): string {
    const inSeries = series === null ? '' : ` in ${series}`;
    return `${fn}: ${arg} period ${blank}${inSeries} is blank but period ${later} has a value; enter 0 if nothing happened`;
  },
  noReportedPeriod(fn: string, arg: string): string {
    return `${fn}: ${arg} has no reported period yet; enter the first period's value`;
  },
  tooManyReported(fn: string, reported: number, periods: number, series: string | null): string {
    const inSeries = series === null ? '' : ` in ${series}`;
    return `${fn}: periods must be at least the number of reported periods; ${reported} are reported${inSeries} but periods is ${periods}`;
  },
  lengthMismatch(fn: string, arg: string, expected: number, what: string, found: number): string {
    return `${fn}: ${arg} must have ${expected} values (${what}); found ${found}`;
  },
  zeroDenominator(fn: string, arg: string, why: string, where: string | null): string {
    const at = where === null ? '' : ` (${where})`;
    return `${fn}: ${arg} must not be 0${at}: ${why}`;
  },
  tooLarge(fn: string, where: string | null): string {
    const at = where === null ? '' : ` (${where})`;
    return `${fn}: the result${at} is too large to compute (beyond ±1.8e308); check the size of the inputs`;
  },
  /** A running total that goes down: the monthly figure would be negative. */
  cumulativeFall(
    fn: string,
    arg: string,
    period: number,
    from: number,
    to: number,
    series: string | null,
  ): string {
    const inSeries = series === null ? '' : ` of ${series}`;
    return (
      `${fn}: ${arg} figures fall in period ${period}${inSeries} (from ${describeValue(from)} to ` +
      `${describeValue(to)}); running totals must not go down: check the figures of periods ` +
      `${period - 1} and ${period}`
    );
  },
  /** An option that only applies with another option's value. */
  onlyWith(fn: string, arg: string, value: string, other: string, needed: string, found: string): string {
    return `${fn}: ${arg} "${value}" applies to ${other} "${needed}" only; found ${other} "${found}"`;
  },
  /** Every period is reported and the target was missed: nothing is left to make it up in. */
  periodOver(
    fn: string,
    periods: number,
    target: string,
    value: number,
    missedBy: number,
    series: string | null,
  ): string {
    const inSeries = series === null ? '' : ` in ${series}`;
    return (
      `${fn}: the period is over (all ${periods} periods are reported${inSeries}) and the ${target} ` +
      `${describeValue(value)} was missed by ${describeFigure(missedBy)}; no remaining period can make it up`
    );
  },
  custom(fn: string, text: string): string {
    return `${fn}: ${text}`;
  },
} as const;
