/**
 * The fiscal calendar of a CSF Tracker: period p of a fiscal year that starts in month `startMonth` of
 * `firstYear`. A fiscal year is named by the calendar year it ends in (FY2026 runs Jul 2025 – Jun 2026 when it
 * starts in July; a calendar fiscal year is simply FY2026), the usual convention.
 */
export const PERIODS_PER_YEAR = 12;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export interface FiscalCalendar {
  /** 1-12 */
  startMonth: number;
  /** Calendar year of period 1. */
  firstYear: number;
}

export function periodMonth(cal: FiscalCalendar, period: number): { year: number; month: number } {
  const index = cal.startMonth - 1 + period - 1;
  return { year: cal.firstYear + Math.floor(index / 12), month: (index % 12) + 1 };
}

/** `Jul` */
export function periodLabel(cal: FiscalCalendar, period: number): string {
  return MONTHS[periodMonth(cal, period).month - 1];
}

/** `2026-07`: how the Review Log dates a month. */
export function periodIso(cal: FiscalCalendar, period: number): string {
  const { year, month } = periodMonth(cal, period);
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** `FY2026` */
export function fiscalYearLabel(cal: FiscalCalendar): string {
  return `FY${periodMonth(cal, PERIODS_PER_YEAR).year}`;
}

/** The periods of quarter q (1-4). */
export function quarterPeriods(quarter: number): number[] {
  return [3 * quarter - 2, 3 * quarter - 1, 3 * quarter];
}

/** The period a spreadsheet date serial falls in, or null outside the fiscal year. */
export function periodOfSerial(cal: FiscalCalendar, serial: number): number | null {
  const d = new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86400000);
  const months = (d.getUTCFullYear() - cal.firstYear) * 12 + d.getUTCMonth() + 1 - cal.startMonth;
  return months >= 0 && months < PERIODS_PER_YEAR ? months + 1 : null;
}

/** `2026-07` text as a period, or null. */
export function periodOfIso(cal: FiscalCalendar, iso: string): number | null {
  const m = /^(\d{4})-(\d{2})/.exec(iso.trim());
  if (m === null) return null;
  const months = (Number(m[1]) - cal.firstYear) * 12 + Number(m[2]) - cal.startMonth;
  return months >= 0 && months < PERIODS_PER_YEAR ? months + 1 : null;
}

/** A spreadsheet date serial as an ISO date (yyyy-mm-dd), and back. */
export function serialToIso(serial: number): string {
  return new Date(Date.UTC(1899, 11, 30) + Math.round(serial) * 86400000).toISOString().slice(0, 10);
}

export function isoToSerial(iso: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso.trim());
  if (m === null) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const d = new Date(t);
  if (d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) return null;
  return Math.round((t - Date.UTC(1899, 11, 30)) / 86400000);
}
