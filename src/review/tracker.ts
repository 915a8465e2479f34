/**
 * Reading a CSF Tracker into typed records, by its named ranges and header texts (so users may move things
 * around them). A missing tracker or header is an error that says what to do; a row with a bad cell is left
 * out of the review with a warning naming the row and the column, so one typo does not hide every other CSF.
 */
import { DIRECTIONS, type Direction } from '../measures/direction';
import { CSF_HEADERS, CSF_NAMES, MEASURE_TYPES, PERIODS } from '../templates/csfTracker';
import type { PlanValue } from '../templates/sheetPlan';
import type { TableRead } from '../workbook';
import type { FiscalCalendar } from './calendar';
import { ReviewError } from './reviewError';
import { columnLetter } from '../templates/a1';

export interface CsfRecord {
  /** Stable across loads: team and CSF name (with the row when two rows share them). */
  id: string;
  /** 1-based sheet row, for messages. */
  row: number;
  team: string;
  csf: string;
  metric: string;
  measureType: string;
  owner: string;
  unit: string;
  direction: Direction;
  tolerance: number;
  annualTarget: number | null;
  /** One per period; null for a blank cell. */
  targets: (number | null)[];
  actuals: (number | null)[];
}

export interface TrackerSettings extends FiscalCalendar {
  /** The review period set on the sheet (1-12). */
  reviewPeriod: number;
}

export interface Tracker {
  sheet: string;
  settings: TrackerSettings;
  csfs: CsfRecord[];
  /** Rows left out and why, in words naming the row and column. */
  warnings: string[];
}

export const DEFAULT_TOLERANCE = 0.1;

/** The tracker's named ranges, with the suffix of a second tracker (`_2`) when one is chosen. */
export function trackerNames(suffix = ''): {
  table: string;
  fiscalYearStart: string;
  reviewPeriod: string;
  firstYear: string;
} {
  return {
    table: CSF_NAMES.table + suffix,
    fiscalYearStart: CSF_NAMES.fiscalYearStart + suffix,
    reviewPeriod: CSF_NAMES.reviewPeriod + suffix,
    firstYear: CSF_NAMES.firstYear + suffix,
  };
}

function setting(
  values: PlanValue[][] | null,
  what: string,
  min: number,
  max: number,
  fallback: number | null,
): number {
  const v = values?.[0]?.[0] ?? null;
  if (v === null && fallback !== null) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new ReviewError(
      `The CSF Tracker's setting "${what}" must be a whole number from ${min} to ${max}; it holds ${v === null ? 'nothing' : JSON.stringify(v)}. Fix it in row 3 of the tracker.`,
    );
  }
  return v;
}

export function readSettings(
  fiscalYearStart: PlanValue[][] | null,
  reviewPeriod: PlanValue[][] | null,
  firstYear: PlanValue[][] | null,
  fallbackYear: number,
): TrackerSettings {
  return {
    startMonth: setting(fiscalYearStart, 'Fiscal year starts (month 1-12)', 1, 12, 1),
    reviewPeriod: setting(reviewPeriod, 'Review period (1-12)', 1, PERIODS, 1),
    // Trackers inserted before the year setting existed have no such name: the host's year stands in.
    firstYear: setting(firstYear, 'Year of period 1', 1900, 9999, fallbackYear),
  };
}

const text = (v: PlanValue): string => (v === null ? '' : String(v).trim());

export function readTracker(table: TableRead | null, settings: TrackerSettings): Tracker {
  if (table === null) {
    throw new ReviewError(
      `There is no CSF Tracker in this workbook (no named range ${CSF_NAMES.table}). Insert one from Templates, or restore the named range if you renamed it.`,
    );
  }
  const header = table.values[0] ?? [];
  const find = (title: string): number => {
    const i = header.findIndex((h) => text(h).toLowerCase() === title.toLowerCase());
    if (i < 0) {
      throw new ReviewError(
        `The CSF Tracker (sheet "${table.sheet}") has no "${title}" column in its header row (row ${table.row + 1}). Restore the header text, or insert a fresh CSF Tracker.`,
      );
    }
    return i;
  };
  const runOf = (prefix: string): number[] => {
    const cols = header.flatMap((h, i) => (text(h).startsWith(prefix) ? [i] : []));
    if (cols.length !== PERIODS) {
      throw new ReviewError(
        `The CSF Tracker (sheet "${table.sheet}") must have ${PERIODS} "${prefix.trim()} …" columns in its header row (row ${table.row + 1}); it has ${cols.length}.`,
      );
    }
    return cols;
  };
  const col = {
    team: find(CSF_HEADERS.team),
    csf: find(CSF_HEADERS.csf),
    metric: find(CSF_HEADERS.metric),
    measureType: find(CSF_HEADERS.measureType),
    owner: find(CSF_HEADERS.owner),
    unit: find(CSF_HEADERS.unit),
    direction: find(CSF_HEADERS.direction),
    tolerance: find(CSF_HEADERS.tolerance),
    annualTarget: find(CSF_HEADERS.annualTarget),
    targets: runOf('Target '),
    actuals: runOf('Actual '),
  };

  const csfs: CsfRecord[] = [];
  const warnings: string[] = [];
  const seen = new Map<string, number>();
  for (let i = 1; i < table.values.length; i++) {
    const cells = table.values[i];
    const row = table.row + i + 1;
    const name = text(cells[col.csf] ?? null);
    if (name === '') continue;
    const where = (c: number) => `row ${row}, column ${columnLetter(table.col + c)}`;
    const problems: string[] = [];
    const number = (c: number, what: string, blankOk: boolean): number | null => {
      const v = cells[c] ?? null;
      if (v === null) {
        if (!blankOk) problems.push(`${what} is blank (${where(c)})`);
        return null;
      }
      if (typeof v === 'number' && Number.isFinite(v)) return v;
      problems.push(`${what} must be a number; ${where(c)} holds ${JSON.stringify(v)}`);
      return null;
    };
    const directionText = text(cells[col.direction] ?? null).toLowerCase() || 'up';
    const direction = DIRECTIONS.find((d) => d === directionText);
    if (direction === undefined) {
      problems.push(
        `Direction must be up, down or range; ${where(col.direction)} holds ${JSON.stringify(cells[col.direction])}`,
      );
    }
    const tolerance = number(col.tolerance, 'Tolerance', true) ?? DEFAULT_TOLERANCE;
    if (!(tolerance >= 0 && tolerance <= 1))
      problems.push(`Tolerance must be from 0% to 100% (${where(col.tolerance)})`);
    const annualTarget = number(col.annualTarget, 'Annual target', true);
    const targets = col.targets.map((c, p) => number(c, `Target for period ${p + 1}`, true));
    const actuals = col.actuals.map((c, p) => number(c, `Actual for period ${p + 1}`, true));
    const measureType = text(cells[col.measureType] ?? null).toLowerCase();
    if (measureType !== '' && !(MEASURE_TYPES as readonly string[]).includes(measureType)) {
      problems.push(`Measure type must be activity or result (${where(col.measureType)})`);
    }
    if (problems.length > 0) {
      warnings.push(`"${name}" (row ${row}) is left out of the review: ${problems.join('; ')}.`);
      continue;
    }
    const team = text(cells[col.team] ?? null);
    const key = `${team}|${name}`.toLowerCase();
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    csfs.push({
      id: count === 1 ? key : `${key}|${row}`,
      row,
      team,
      csf: name,
      metric: text(cells[col.metric] ?? null),
      measureType,
      owner: text(cells[col.owner] ?? null),
      unit: text(cells[col.unit] ?? null),
      direction: direction as Direction,
      tolerance,
      annualTarget,
      targets,
      actuals,
    });
  }
  return { sheet: table.sheet, settings, csfs, warnings };
}
