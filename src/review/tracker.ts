/**
 * Reading a CSF Tracker into typed records, by its named ranges and header texts (so users may move things
 * around them). Each CSF row comes back with its measure cells exactly as the sheet holds them (the input to
 * the measure model, csfFigures) and with the computed cells the sheet shows, each with its A1 address, so the
 * review can name a cell someone typed over. A row with a bad setting or a text actual stays in: the model
 * flags it in the same words as the sheet. A missing tracker or header is an error that says what to do.
 */
import { MEASURE_DEFAULTS, type MeasureDefaults, type MeasureRow } from '../measures/measure';
import { columnLetter } from '../templates/a1';
import { CSF_HEADERS, CSF_NAMES, MEASURE_TYPES, PERIODS } from '../templates/csfTracker';
import type { PlanValue } from '../templates/sheetPlan';
import type { TableRead } from '../workbook';
import type { FiscalCalendar } from './calendar';
import { ReviewError } from './reviewError';

/** The computed cells of a row the review holds against the model. */
export type ShownFigureKey =
  | 'ytdTarget'
  | 'ytdActual'
  | 'variance'
  | 'side'
  | 'attainment'
  | 'status'
  | 'forecast'
  | 'needed'
  | 'trend'
  | 'check';

/** The header of each shown cell's column. */
const SHOWN_HEADERS: Record<ShownFigureKey, string> = {
  ytdTarget: CSF_HEADERS.ytdTarget,
  ytdActual: CSF_HEADERS.ytdActual,
  variance: CSF_HEADERS.variance,
  side: CSF_HEADERS.side,
  attainment: CSF_HEADERS.attainment,
  status: CSF_HEADERS.status,
  forecast: CSF_HEADERS.forecast,
  needed: CSF_HEADERS.needed,
  trend: CSF_HEADERS.trend,
  check: CSF_HEADERS.check,
};

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
  /** The CSF's settings and month cells exactly as the sheet holds them: input to csfFigures. */
  measure: MeasureRow;
  /** Computed cells as the sheet shows them, with their A1 address (e.g. "N7"), to spot hand-overwritten cells. */
  shown: Partial<Record<ShownFigureKey, { value: PlanValue; cell: string }>>;
}

export interface TrackerSettings extends FiscalCalendar {
  /** The review month typed on the sheet; null when blank (= defaultReviewMonth). */
  reviewPeriod: number | null;
  /** Read from the tracker's settings block (tolerance when blank, steady share for trends). */
  defaults: MeasureDefaults;
}

export interface Tracker {
  sheet: string;
  settings: TrackerSettings;
  csfs: CsfRecord[];
  /** Things the review should mention (e.g. an unknown measure type), in words naming the row and column. */
  warnings: string[];
}

/** The tracker's named ranges, with the suffix of a second tracker (`_2`) when one is chosen. */
export function trackerNames(suffix = ''): { -readonly [K in keyof typeof CSF_NAMES]: string } {
  const names = { ...CSF_NAMES } as { -readonly [K in keyof typeof CSF_NAMES]: string };
  for (const key of Object.keys(names) as (keyof typeof CSF_NAMES)[]) names[key] = CSF_NAMES[key] + suffix;
  return names;
}

function cellOf(values: PlanValue[][] | null): PlanValue {
  const v = values?.[0]?.[0] ?? null;
  return v === '' ? null : v;
}

function wholeNumber(
  values: PlanValue[][] | null,
  what: string,
  min: number,
  max: number,
  fallback: number | null,
): number | null {
  const v = cellOf(values);
  if (v === null) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new ReviewError(
      `The CSF Tracker's setting "${what}" must be a whole number from ${min} to ${max}; it holds ${JSON.stringify(v)}. Fix it in the settings at the top of the tracker.`,
    );
  }
  return v;
}

function share(values: PlanValue[][] | null, what: string, fallback: number): number {
  const v = cellOf(values);
  if (v === null) return fallback;
  if (typeof v !== 'number' || !(v >= 0 && v <= 1)) {
    throw new ReviewError(
      `The CSF Tracker's setting "${what}" must be a share from 0% to 100%; it holds ${JSON.stringify(v)}. Fix it in the settings at the top of the tracker.`,
    );
  }
  return v;
}

/**
 * The tracker's settings from its named ranges. A blank fiscal year start is January, a blank review month
 * null (the latest month reported), a missing year the host's, blank defaults the model's.
 */
export function readSettings(
  fiscalYearStart: PlanValue[][] | null,
  reviewPeriod: PlanValue[][] | null,
  firstYear: PlanValue[][] | null,
  fallbackYear: number,
  defaultTolerance: PlanValue[][] | null = null,
  steadyShare: PlanValue[][] | null = null,
): TrackerSettings {
  return {
    startMonth: wholeNumber(fiscalYearStart, 'Fiscal year starts (month 1-12)', 1, 12, 1) as number,
    reviewPeriod: wholeNumber(reviewPeriod, 'Review month (1-12)', 1, PERIODS, null),
    firstYear: wholeNumber(firstYear, 'Year of period 1', 1900, 9999, fallbackYear) as number,
    defaults: {
      tolerance: share(defaultTolerance, 'Tolerance when blank', MEASURE_DEFAULTS.tolerance),
      steadyShare: share(steadyShare, 'Trend: Steady under (share of mean)', MEASURE_DEFAULTS.steadyShare),
    },
  };
}

const text = (v: PlanValue | undefined): string => (v === null || v === undefined ? '' : String(v).trim());

export function readTracker(table: TableRead | null, settings: TrackerSettings): Tracker {
  if (table === null) {
    throw new ReviewError(
      `There is no CSF Tracker in this workbook (no named range ${CSF_NAMES.table}). Insert one from Templates, or restore the named range if you renamed it.`,
    );
  }
  const header = table.values[0] ?? [];
  // The name may have been given to a range of the user's own (issue 10, defect 12): say where it points and how
  // to free it, since inserting a tracker would only add one named SE_CSF_Table_2.
  if (!header.some((h) => text(h).toLowerCase() === CSF_HEADERS.csf.toLowerCase())) {
    const at = `${columnLetter(table.col)}${table.row + 1}`;
    throw new ReviewError(
      `The name ${CSF_NAMES.table} points at ${at} on sheet "${table.sheet}", which is not a CSF Tracker (its first row has no "${CSF_HEADERS.csf}" header). If that range is yours, give it another name (Sheets: Data ▸ Named ranges; Excel: Formulas ▸ Name Manager), then insert a CSF Tracker from Templates; if it is your tracker, restore its header row.`,
    );
  }
  const indexOf = (title: string): number =>
    header.findIndex((h) => text(h).toLowerCase() === title.toLowerCase());
  const find = (title: string): number => {
    const i = indexOf(title);
    if (i < 0) {
      throw new ReviewError(
        `The CSF Tracker (sheet "${table.sheet}") has no "${title}" column in its header row (row ${table.row + 1}). Restore the header text, or insert a fresh CSF Tracker.`,
      );
    }
    return i;
  };
  // Trackers from before the measure model have no Aggregation or Input column: their formulas are the old ones.
  for (const title of [CSF_HEADERS.aggregation, CSF_HEADERS.input])
    if (indexOf(title) < 0)
      throw new ReviewError(
        `The CSF Tracker (sheet "${table.sheet}") was inserted by an older version of SE Toolkit: it has no "${title}" column. Insert a fresh CSF Tracker from Templates and copy your CSFs, targets and actuals into it.`,
      );
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
    aggregation: find(CSF_HEADERS.aggregation),
    input: find(CSF_HEADERS.input),
    direction: find(CSF_HEADERS.direction),
    tolerance: find(CSF_HEADERS.tolerance),
    annualTarget: find(CSF_HEADERS.annualTarget),
    targets: runOf('Target '),
    actuals: runOf('Actual '),
  };
  const shownCols = (Object.keys(SHOWN_HEADERS) as ShownFigureKey[])
    .map((key) => [key, indexOf(SHOWN_HEADERS[key])] as const)
    .filter(([, i]) => i >= 0);

  const csfs: CsfRecord[] = [];
  const warnings: string[] = [];
  const seen = new Map<string, number>();
  for (let i = 1; i < table.values.length; i++) {
    const cells = table.values[i];
    const raw = (c: number): PlanValue => cells[c] ?? null;
    // The sheet computes a row whose CSF cell is not empty; so does the review.
    const nameCell = raw(col.csf);
    if (nameCell === null || nameCell === '') continue;
    const row = table.row + i + 1;
    const name = text(nameCell) || String(nameCell);
    const address = (c: number) => `${columnLetter(table.col + c)}${row}`;
    const measureType = text(raw(col.measureType)).toLowerCase();
    if (measureType !== '' && !(MEASURE_TYPES as readonly string[]).includes(measureType))
      warnings.push(
        `"${name}" (row ${row}): Measure type must be activity or result; ${address(col.measureType)} holds ${JSON.stringify(raw(col.measureType))}.`,
      );
    const team = text(raw(col.team));
    const key = `${team}|${name}`.toLowerCase();
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    const shown: CsfRecord['shown'] = {};
    for (const [figure, c] of shownCols) shown[figure] = { value: raw(c), cell: address(c) };
    csfs.push({
      id: count === 1 ? key : `${key}|${row}`,
      row,
      team,
      csf: name,
      metric: text(raw(col.metric)),
      measureType,
      owner: text(raw(col.owner)),
      unit: text(raw(col.unit)),
      measure: {
        aggregation: raw(col.aggregation),
        input: raw(col.input),
        direction: raw(col.direction),
        tolerance: raw(col.tolerance),
        annualTarget: raw(col.annualTarget),
        targets: col.targets.map(raw),
        actuals: col.actuals.map(raw),
      },
      shown,
    });
  }
  return { sheet: table.sheet, settings, csfs, warnings };
}
