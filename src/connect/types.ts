/**
 * Connect my plan (SPEC §3, issue 11): the contract between the pure core (src/connect, which finds planning
 * tables in the values of a user's sheets and says what to write) and the hosts (src/app/connect.ts and the
 * adapters, which read the sheets once and apply the writes all or nothing). Host-free: plain data only.
 */
import type { PlanCell, PlanValue, SheetPlan } from '../templates/sheetPlan';

/** One sheet as read for a scan: its used range from A1 (row 0 = sheet row 1, column 0 = A). */
export interface ScanSheet {
  name: string;
  /** Computed values; dates as serial day numbers (1900 system, as both hosts store them). */
  values: PlanValue[][];
  /** Number formats of the same cells where the host gives them (Excel, Sheets); null where it does not. */
  formats: (string | null)[][] | null;
}

/** A rectangle the user selected (0-based), to scan only there. */
export interface ScanSelection {
  sheet: string;
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/** A calendar month. */
export interface MonthKey {
  year: number;
  /** 1-12 */
  month: number;
}

export type PlanLayout = 'wide' | 'monthsDown' | 'long';
export type PlanLine = 'plan' | 'actual';

/** Why something was found (or is a problem): the rule, the cells it rests on (`Plan!B3:M3`), in words. */
export interface Evidence {
  rule: string;
  cells: string;
  text: string;
}

/** One measure found in the user's sheets, with its plan and/or actual series. */
export interface FoundMeasure {
  /** Stable across scans of the same sheets (used to choose it and to re-link it): e.g. `Plan!A5|Revenue`. */
  key: string;
  /** The measure's label as the plan writes it (`Revenue`). */
  label: string;
  /** For long tables with an entity column (team, region, rep): the entity; null otherwise. */
  entity: string | null;
  layout: PlanLayout;
  /** Where each line lives (sheet and range, for display); null when the plan has no such line. */
  sources: Record<PlanLine, string | null>;
  /** The calendar months found, in order, and each line's figure per month as detected (null = no data). */
  months: MonthKey[];
  values: Record<PlanLine, (number | null)[]>;
  /** Suggestions the UI shows and the user confirms. */
  suggested: {
    input: 'Per month' | 'Cumulative';
    aggregation: 'Sum' | 'Average' | 'Last';
    unit: string | null;
    /** The first month of a fiscal year the months suggest (1-12), e.g. 4 for an April-March sheet. */
    fiscalYearStart: number | null;
  };
  evidence: Evidence[];
  /** Problems the links will flag (text dates, a label found twice, a falling running total, …). */
  problems: Evidence[];
}

export interface PlanScan {
  measures: FoundMeasure[];
  /** What was scanned and why nothing (more) was found, in words for the UI. */
  notes: string[];
}

/** What the user confirmed for one measure. */
export interface ConnectChoice {
  /** FoundMeasure.key */
  measure: string;
  /** A new tracker row, or an existing one (0-based sheet row of the tracker) to re-link. */
  row: { kind: 'new'; team: string; csf: string } | { kind: 'existing'; row: number };
  direction: 'up' | 'down' | 'range';
  aggregation: 'Sum' | 'Average' | 'Last';
  input: 'Per month' | 'Cumulative';
  unit: string;
}

/** The tracker as the host read it before connecting: enough to place rows and to see what would be replaced. */
export interface TrackerView {
  sheet: string;
  /** The tracker's calendar (its settings cells): first fiscal month 1-12 and the year of period 1. */
  fiscalYearStart: number;
  firstYear: number;
  /** 0-based sheet row of the first data row and of the row after the last row with anything in it. */
  firstDataRow: number;
  endRow: number;
  /** Every data row's cells across the table's columns (A..AV): value shown and formula (null = a constant). */
  rows: { row: number; values: PlanValue[]; formulas: (string | null)[] }[];
}

/** A rectangle of cells to write on one sheet (0-based). */
export interface CellBlock {
  sheet: string;
  row: number;
  col: number;
  cells: PlanCell[][];
}

/** Everything connecting writes, computed before anything is written. */
export interface ConnectPlan {
  /** The links sheet: a new sheet to insert, or blocks to write on the one a previous connect made. */
  links: { insert: SheetPlan } | { update: CellBlock[] };
  /** Tracker cells: identity and settings of new rows, month formulas of every connected row. */
  tracker: CellBlock[];
  /** Typed values (not formulas a previous connect wrote) the tracker writes would replace: ask first. */
  replaces: { cell: string; value: PlanValue }[];
  /** One line per connected measure for the confirmation message. */
  summary: string[];
}

/** A sheet a previous connect made (the links sheet), read whole from A1. */
export interface SheetView {
  sheet: string;
  values: PlanValue[][];
  formulas: (string | null)[][];
}

/** The links sheet connecting creates, and the workbook name of its table (a second one gets a suffix). */
export const LINKS_SHEET_NAME = 'Plan Links';
export const LINKS_TABLE_NAME = 'SE_Links_Table';

/**
 * The core's two entry points (implemented in src/connect/index.ts):
 * - `detectPlans(sheets: ScanSheet[], selection?: ScanSelection | null): PlanScan`
 * - `planConnect(scan: PlanScan, sheets: ScanSheet[], choices: ConnectChoice[], tracker: TrackerView,
 *    links: SheetView | null): ConnectPlan` — throws a ReviewError (src/review/reviewError.ts) with words a
 *    user can act on when a choice cannot be connected (unknown measure, a team over three CSFs, …).
 */
