/**
 * Connect my plan (SPEC §3, issue 11), the host side, written once as tasks over the Workbook port (see ./task):
 * scanning reads the user's sheets once each and hands them to the core's detectPlans; connecting reads the
 * tracker and the links sheet, asks the core's planConnect what to write, and writes it all or nothing, guarded
 * by what was read. The user's own sheets are only read. Requests and results are plain JSON (they cross the
 * Apps Script bridge), and the server keeps nothing between calls: connecting scans the same scope again.
 */
import {
  LINKS_SHEET_NAME,
  LINKS_TABLE_NAME,
  type CellBlock,
  type ConnectChoice,
  type ConnectPlan,
  type FoundMeasure,
  type PlanScan,
  type ScanSelection,
  type ScanSheet,
  type SheetView,
  type TrackerView,
} from '../connect/types';
import { isoToSerial } from '../review/calendar';
import { ReviewError } from '../review/reviewError';
import { trackerNames } from '../review/tracker';
import { TEMPLATES } from '../templates';
import { a1, columnLetter } from '../templates/a1';
import {
  csfTracker,
  CSF_COLUMNS,
  CSF_HEADERS,
  MAX_CSFS_PER_TEAM,
  PERIODS,
  TEAMS,
} from '../templates/csfTracker';
import type { PlanValue } from '../templates/sheetPlan';
import { blockSize, type BlockRead, type TableRead, type WriteGuard } from '../workbook';
import { call, type Task } from './task';

/** The core's two entry points (src/connect), passed in so the tasks can be tested on their own. */
export interface ConnectCore {
  detectPlans(sheets: ScanSheet[], selection?: ScanSelection | null): PlanScan;
  planConnect(
    scan: PlanScan,
    sheets: ScanSheet[],
    choices: ConnectChoice[],
    tracker: TrackerView,
    links: SheetView | null,
  ): ConnectPlan;
}

export interface ScanPlanRequest {
  /** yyyy-mm-dd: the year a new tracker starts in when there is none (the core never reads a clock). */
  today: string;
  /** The sheets to scan; default: every sheet but the add-in's own. */
  sheets?: string[];
  /** Scan only the range the user has selected. */
  useSelection?: boolean;
}

/** What a scan covered: connecting scans it again (the server keeps nothing between calls). */
export interface PlanScope {
  sheets: string[];
  selection: ScanSelection | null;
}

/** A tracker row that can be re-linked. */
export interface TrackerRowChoice {
  /** 0-based sheet row (ConnectChoice.row.row). */
  row: number;
  team: string;
  csf: string;
  /** Its first monthly target holds a formula (linked before, by hand or by a connect). */
  linked: boolean;
}

export interface TrackerSummary {
  sheet: string;
  fiscalYearStart: number;
  firstYear: number;
  rows: TrackerRowChoice[];
  /** CSFs per team as the tracker has them (a team may have three). */
  teams: { team: string; csfs: number }[];
}

export interface ScanPlanResult {
  scan: PlanScan;
  scope: PlanScope;
  /** The sheets a user may scan (the add-in's own left out). */
  sheets: string[];
  /** The tracker to connect to; null when there is none yet (connecting inserts one). */
  tracker: TrackerSummary | null;
  /** The teams a new row may name: the tracker's and the template's. */
  teams: string[];
  maxPerTeam: number;
  message: string;
}

export interface ConnectPlanRequest {
  /** yyyy-mm-dd, as in ScanPlanRequest. */
  today: string;
  scope: PlanScope;
  choices: ConnectChoice[];
  /** The user saw the typed values the connect replaces and agreed. */
  confirmReplace: boolean;
  /** The fiscal year's first month (1-12) and the year of period 1, as confirmed; default: the tracker's. */
  fiscalYearStart?: number;
  firstYear?: number;
}

export type ConnectPlanResult =
  | {
      status: 'confirm';
      /** Typed values the connect would replace, with their cells: ask before writing. */
      replaces: { cell: string; value: PlanValue }[];
      summary: string[];
      message: string;
    }
  | {
      status: 'connected';
      trackerSheet: string;
      linksSheet: string;
      summary: string[];
      message: string;
    };

/** The sheets the add-in makes, which a scan leaves out: its templates (and copies), the links, review packs. */
export function isAddInSheet(name: string): boolean {
  const base = name.replace(/ \(\d+\)$/, '').toLowerCase();
  if (TEMPLATES.some((t) => t.title.toLowerCase() === base)) return true;
  if (base === LINKS_SHEET_NAME.toLowerCase()) return true;
  return /^review q[1-4] /i.test(name);
}

const text = (v: PlanValue | undefined): string => (v === null || v === undefined ? '' : String(v).trim());

function isWhole(v: unknown, min: number, max: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
}

function checkScope(scope: unknown): PlanScope {
  const s = scope as Partial<PlanScope> | null | undefined;
  const sheets = s?.sheets;
  if (!Array.isArray(sheets) || sheets.some((n) => typeof n !== 'string')) {
    throw new ReviewError(
      'Connect my plan: the request must say which sheets were scanned. Scan again, then connect.',
    );
  }
  const sel = s?.selection ?? null;
  if (
    sel !== null &&
    (typeof sel.sheet !== 'string' ||
      ![sel.row, sel.col].every((n) => isWhole(n, 0, 1e7)) ||
      ![sel.rows, sel.cols].every((n) => isWhole(n, 1, 1e7)))
  ) {
    throw new ReviewError(
      'Connect my plan: the selection in the request is not a range. Scan again, then connect.',
    );
  }
  return { sheets: [...sheets], selection: sel === null ? null : { ...sel } };
}

/** Reads what a scope covers, once per sheet, and runs the core's detection on it. */
function* readScope(scope: PlanScope, core: ConnectCore): Task<{ sheets: ScanSheet[]; scan: PlanScan }> {
  const names = scope.selection === null ? scope.sheets : [scope.selection.sheet];
  const sheets = names.length === 0 ? [] : yield* call('readSheets', names);
  return { sheets, scan: core.detectPlans(sheets, scope.selection) };
}

interface TrackerRead {
  table: TableRead;
  view: TrackerView;
  /** The table's first column (sheet column of view.rows[i].values[0]). */
  col: number;
  /** Where the two calendar settings live (for writing a confirmed change). */
  settings: { fiscalYearStart: TableRead | null; firstYear: TableRead | null };
}

/** The tracker's header columns the host needs (team, CSF, first target), by header text. */
function trackerColumns(header: PlanValue[]): { team: number; csf: number; firstTarget: number } {
  const at = (title: string): number =>
    header.findIndex((h) => text(h).toLowerCase() === title.toLowerCase());
  return {
    team: at(CSF_HEADERS.team),
    csf: at(CSF_HEADERS.csf),
    firstTarget: header.findIndex((h) => text(h).startsWith('Target ')),
  };
}

/**
 * The tracker as TrackerView: its calendar settings and every data row's cells across the table's columns,
 * read down to the sheet's last used row and `spare` rows more (where new rows may go), values and formulas.
 */
function* readTrackerView(spare: number, today: number): Task<TrackerRead | null> {
  const names = trackerNames();
  const table = yield* call('readTable', names.table);
  if (table === null) return null;
  const header = table.values[0] ?? [];
  if (!header.some((h) => text(h).toLowerCase() === CSF_HEADERS.csf.toLowerCase())) {
    throw new ReviewError(
      `The name ${names.table} points at a range on the sheet "${table.sheet}" that is not a CSF Tracker (its first row has no "${CSF_HEADERS.csf}" header). Give that range another name, or insert a CSF Tracker from Templates, then connect again.`,
    );
  }
  const named = yield* call('readNamedRange', names.table);
  const width = Math.max(header.length, named?.[0]?.length ?? 0);
  const firstDataRow = table.row + 1;
  const height = Math.max(table.values.length, named?.length ?? 0) - 1 + spare;
  const block: BlockRead =
    height > 0 && width > 0
      ? yield* call('readBlock', table.sheet, firstDataRow, table.col, height, width)
      : { sheet: table.sheet, row: firstDataRow, col: table.col, values: [], formulas: [] };
  const rows = block.values.map((values, i) => ({
    row: firstDataRow + i,
    values,
    formulas: block.formulas[i] ?? [],
  }));
  let end = rows.length;
  while (
    end > 0 &&
    rows[end - 1].values.every((v) => v === null) &&
    rows[end - 1].formulas.every((f) => f === null)
  )
    end--;
  const fiscalYearStart = yield* call('readTable', names.fiscalYearStart);
  const firstYear = yield* call('readTable', names.firstYear);
  const fy = fiscalYearStart?.values[0]?.[0] ?? null;
  const year = firstYear?.values[0]?.[0] ?? null;
  return {
    table,
    col: table.col,
    settings: { fiscalYearStart, firstYear },
    view: {
      sheet: table.sheet,
      fiscalYearStart: isWhole(fy, 1, 12) ? fy : 1,
      firstYear: isWhole(year, 1900, 9999) ? year : today,
      firstDataRow,
      endRow: firstDataRow + end,
      rows,
    },
  };
}

function trackerSummary(read: TrackerRead): TrackerSummary {
  const cols = trackerColumns(read.table.values[0] ?? []);
  const rows: TrackerRowChoice[] = read.view.rows.flatMap((r) => {
    const team = cols.team < 0 ? '' : text(r.values[cols.team]);
    const csf = cols.csf < 0 ? '' : text(r.values[cols.csf]);
    if (team === '' && csf === '') return [];
    const linked = cols.firstTarget >= 0 && (r.formulas[cols.firstTarget] ?? null) !== null;
    return [{ row: r.row, team, csf, linked }];
  });
  const teams = new Map<string, number>();
  for (const r of rows) if (r.csf !== '') teams.set(r.team, (teams.get(r.team) ?? 0) + 1);
  return {
    sheet: read.view.sheet,
    fiscalYearStart: read.view.fiscalYearStart,
    firstYear: read.view.firstYear,
    rows,
    teams: [...teams].map(([team, csfs]) => ({ team, csfs })),
  };
}

/** The links sheet a previous connect made, read whole from A1 (null when there is none). */
function* readLinks(): Task<SheetView | null> {
  const table = yield* call('readTable', LINKS_TABLE_NAME);
  if (table === null) return null;
  const [used] = yield* call('readSheets', [table.sheet]);
  const { rows, cols } = blockSize(used.values);
  const block = yield* call('readBlock', table.sheet, 0, 0, rows, cols);
  return { sheet: table.sheet, values: block.values, formulas: block.formulas };
}

/** Scans the workbook (or the selection) for planning tables: a task (see ./task). */
export function* scanPlanTask(request: ScanPlanRequest, core: ConnectCore): Task<ScanPlanResult> {
  const today = yearOf(request?.today);
  const all = yield* call('sheetNames');
  const userSheets = all.filter((n) => !isAddInSheet(n));
  const tracker = yield* readTrackerView(0, today);
  const own = (n: string): boolean => tracker !== null && n === tracker.view.sheet;
  const scannable = userSheets.filter((n) => !own(n));
  let scope: PlanScope;
  if (request?.useSelection === true) {
    const selection = yield* call('selection');
    if (selection !== null && selection.rows * selection.cols === 1) {
      throw new ReviewError(
        `Connect my plan: only one cell (${selection.sheet}!${a1(selection.row, selection.col)}) is selected. Select the cells of your plan (its labels and month headers included), then choose "Use my selection" again, or scan the whole workbook.`,
      );
    }
    if (selection === null) {
      throw new ReviewError(
        'Connect my plan: there is no selected range to scan. Select the cells of your plan (its labels and month headers included), then choose "Use my selection" again.',
      );
    }
    if (isAddInSheet(selection.sheet) || own(selection.sheet)) {
      throw new ReviewError(
        `Connect my plan: the selection is on "${selection.sheet}", a sheet SE Toolkit made. Select the cells of your own plan, then choose "Use my selection" again.`,
      );
    }
    scope = { sheets: [selection.sheet], selection };
  } else {
    const asked = Array.isArray(request?.sheets) ? request.sheets : null;
    if (asked !== null) {
      const unknown = asked.find((n) => !all.includes(n));
      if (unknown !== undefined)
        throw new ReviewError(
          `Connect my plan: there is no sheet named "${String(unknown)}". Scan the workbook again.`,
        );
    }
    scope = { sheets: (asked ?? scannable).filter((n) => scannable.includes(n)), selection: null };
  }
  const { scan } = yield* readScope(scope, core);
  const summary = tracker === null ? null : trackerSummary(tracker);
  const teams = [...new Set([...(summary?.teams.map((t) => t.team) ?? []), ...TEAMS])].filter(
    (t) => t !== '',
  );
  const where =
    scope.selection === null
      ? `${scope.sheets.length} sheet${scope.sheets.length === 1 ? '' : 's'}`
      : `the selection on "${scope.selection.sheet}"`;
  const found = scan.measures.length;
  return {
    scan,
    scope,
    sheets: scannable,
    tracker: summary,
    teams,
    maxPerTeam: MAX_CSFS_PER_TEAM,
    message:
      found === 0
        ? `No planning table found in ${where}.`
        : `Found ${found} measure${found === 1 ? '' : 's'} in ${where}.`,
  };
}

function yearOf(today: unknown): number {
  const year = typeof today === 'string' && isoToSerial(today) !== null ? Number(today.slice(0, 4)) : NaN;
  if (!Number.isInteger(year))
    throw new ReviewError('Connect my plan: the request must say what day it is (today, as yyyy-mm-dd).');
  return year;
}

function checkChoices(choices: unknown): ConnectChoice[] {
  if (!Array.isArray(choices) || choices.length === 0)
    throw new ReviewError('Connect my plan: choose at least one measure to connect.');
  return choices as ConnectChoice[];
}

/**
 * The core writes tracker cells by the template's column positions: refuse, before anything is written, a
 * tracker whose columns were moved (a column inserted or deleted), naming the first one out of place.
 */
function checkTrackerLayout(table: TableRead): void {
  const header = table.values[0] ?? [];
  const where = (col: number): string => `column ${columnLetter(table.col + col)} of "${table.sheet}"`;
  const fix =
    "Connecting writes by the tracker's own layout: undo the column change (or insert a fresh CSF Tracker from Templates), then connect again. Nothing was written.";
  if (table.col !== 0) {
    throw new ReviewError(
      `Connect my plan: the CSF Tracker's table starts in ${where(0)}, not column A. ${fix}`,
    );
  }
  const named: [number, string][] = (
    ['team', 'csf', 'metric', 'measureType', 'owner', 'unit', 'aggregation', 'input', 'direction'] as const
  ).map((k) => [CSF_COLUMNS[k], CSF_HEADERS[k]]);
  for (let p = 0; p < PERIODS; p++) {
    named.push([CSF_COLUMNS.firstTarget + p, 'Target …'], [CSF_COLUMNS.firstActual + p, 'Actual …']);
  }
  for (const [col, want] of named) {
    const got = text(header[col]);
    const ok = want.endsWith('…')
      ? got.startsWith(want.slice(0, -1))
      : got.toLowerCase() === want.toLowerCase();
    if (!ok) {
      throw new ReviewError(
        `Connect my plan: ${where(col)} should be the "${want}" column of the CSF Tracker; ${got === '' ? 'its header is empty' : `its header says "${got}"`}. ${fix}`,
      );
    }
  }
}

/** The guard of a block: what the view read there (cells outside what was read are read now). */
function* guardFor(
  block: CellBlock,
  view: {
    sheet: string;
    row: number;
    col: number;
    values: PlanValue[][];
    formulas: (string | null)[][];
  } | null,
): Task<WriteGuard> {
  const { rows, cols } = blockSize(block.cells);
  const inside =
    view !== null &&
    view.sheet === block.sheet &&
    block.row >= view.row &&
    block.row + rows <= view.row + view.values.length &&
    block.col >= view.col &&
    block.col + cols <= view.col + Math.max(0, ...view.values.map((r) => r.length));
  if (!inside) return yield* call('readBlock', block.sheet, block.row, block.col, rows, cols);
  const slice = <T>(grid: T[][]): T[][] =>
    grid
      .slice(block.row - view.row, block.row - view.row + rows)
      .map((r) => r.slice(block.col - view.col, block.col - view.col + cols));
  return {
    sheet: block.sheet,
    row: block.row,
    col: block.col,
    values: slice(view.values),
    formulas: slice(view.formulas),
  };
}

/** A one-cell setting written when the user confirmed another value, guarded by what was read there. */
function settingBlock(setting: TableRead | null, value: number, was: number): CellBlock | null {
  if (setting === null || value === was) return null;
  return { sheet: setting.sheet, row: setting.row, col: setting.col, cells: [[{ value }]] };
}

/**
 * Connects the chosen measures: a task (see ./task). Without a tracker, one is inserted first. When the core
 * says typed values would be replaced and the user has not confirmed, nothing is written and they come back to
 * be shown. The links go in first (a new sheet, or blocks of the one a previous connect made), then the
 * tracker's cells: all guarded by what this call read, and the tracker all or nothing.
 */
export function* connectPlanTask(request: ConnectPlanRequest, core: ConnectCore): Task<ConnectPlanResult> {
  const today = yearOf(request?.today);
  const scope = checkScope(request?.scope);
  const choices = checkChoices(request?.choices);
  const fyStart = request.fiscalYearStart;
  if (fyStart !== undefined && !isWhole(fyStart, 1, 12))
    throw new ReviewError(
      `Connect my plan: the fiscal year's first month must be a month from 1 to 12; got ${JSON.stringify(fyStart)}.`,
    );
  const year = request.firstYear;
  if (year !== undefined && !isWhole(year, 1900, 9999))
    throw new ReviewError(
      `Connect my plan: the year of period 1 must be a year such as 2026; got ${JSON.stringify(year)}.`,
    );

  const { sheets, scan } = yield* readScope(scope, core);
  const known = new Set(scan.measures.map((m: FoundMeasure) => m.key));
  const gone = choices.find((c) => !known.has(c.measure));
  if (gone !== undefined) {
    throw new ReviewError(
      `Connect my plan: the measure "${String(gone.measure)}" is no longer where the scan found it (was the plan changed?). Scan again, then connect.`,
    );
  }

  let inserted: string | null = null;
  let tracker = yield* readTrackerView(choices.length, year ?? today);
  if (tracker === null) {
    const made = yield* call('insertSheet', csfTracker.render({ examples: false, year: year ?? today }), {
      unlessNamed: trackerNames().table,
    });
    inserted = made.existed === true ? null : made.name;
    tracker = yield* readTrackerView(choices.length, year ?? today);
    if (tracker === null)
      throw new ReviewError(
        'Connect my plan: the CSF Tracker could not be found after inserting it. Try again.',
      );
  }
  const read = tracker;
  checkTrackerLayout(read.table);
  const view: TrackerView = {
    ...read.view,
    fiscalYearStart: fyStart ?? read.view.fiscalYearStart,
    firstYear: year ?? read.view.firstYear,
  };

  const links = yield* readLinks();
  if (
    links === null &&
    (yield* call('sheetNames')).some((n) => n.toLowerCase() === LINKS_SHEET_NAME.toLowerCase())
  ) {
    throw new ReviewError(
      `Connect my plan: the workbook has a sheet named "${LINKS_SHEET_NAME}" that SE Toolkit did not make (it has no ${LINKS_TABLE_NAME} range). Rename or delete that sheet, then connect again. Nothing was written.`,
    );
  }

  const plan = core.planConnect(scan, sheets, choices, view, links);
  if (plan.replaces.length > 0 && request.confirmReplace !== true) {
    const n = plan.replaces.length;
    return {
      status: 'confirm',
      replaces: plan.replaces,
      summary: plan.summary,
      message: `Connecting replaces ${n} value${n === 1 ? '' : 's'} typed in the tracker. Replace ${n === 1 ? 'it' : 'them'}?`,
    };
  }

  // The tracker's view as a block (from the table's first column), for the guards of its cells.
  const width = Math.max(0, ...read.view.rows.map((r) => r.values.length));
  const trackerBlock = {
    sheet: read.view.sheet,
    row: read.view.firstDataRow,
    col: read.col,
    values: read.view.rows.map((r) => r.values),
    formulas: read.view.rows.map((r) => Array.from({ length: width }, (_, c) => r.formulas[c] ?? null)),
  };
  const settings = [
    settingBlock(read.settings.fiscalYearStart, view.fiscalYearStart, read.view.fiscalYearStart),
    settingBlock(read.settings.firstYear, view.firstYear, read.view.firstYear),
  ].filter((b): b is CellBlock => b !== null);
  const trackerBlocks = [...plan.tracker, ...settings];
  const trackerGuards: WriteGuard[] = [];
  for (const b of trackerBlocks)
    trackerGuards.push(yield* guardFor(b, b.sheet === trackerBlock.sheet ? trackerBlock : null));

  let linksSheet: string;
  if ('insert' in plan.links) {
    const made = yield* call('insertSheet', plan.links.insert);
    linksSheet = made.name;
    if (made.name !== plan.links.insert.name) {
      throw new ReviewError(
        `Connect my plan: the links sheet went in as "${made.name}" instead of "${plan.links.insert.name}", so the tracker's links would not find it. Delete "${made.name}", then connect again. The tracker was not changed.`,
      );
    }
    try {
      yield* call('writeBlocks', trackerBlocks, trackerGuards);
    } catch (error) {
      const why = (error instanceof Error ? error.message : String(error)).replace(/^Write cells: /, '');
      throw new ReviewError(
        `Connect my plan: the links sheet "${made.name}" was added, but writing the tracker failed: ${why}. The tracker is as it was; the links sheet changes nothing on its own (delete it, or connect again to use it).`,
      );
    }
  } else {
    const linksView =
      links === null
        ? null
        : { sheet: links.sheet, row: 0, col: 0, values: links.values, formulas: links.formulas };
    const linkGuards: WriteGuard[] = [];
    for (const b of plan.links.update) linkGuards.push(yield* guardFor(b, linksView));
    linksSheet = links?.sheet ?? LINKS_SHEET_NAME;
    // One write for both: the links and the tracker change together or not at all.
    try {
      yield* call('writeBlocks', [...plan.links.update, ...trackerBlocks], [...linkGuards, ...trackerGuards]);
    } catch (error) {
      const why = (error instanceof Error ? error.message : String(error)).replace(/^Write cells: /, '');
      throw new ReviewError(
        `Connect my plan: ${why}. The tracker and "${linksSheet}" are as they were; scan again, then connect.`,
      );
    }
  }

  const added = inserted === null ? '' : ` (a new CSF Tracker, "${inserted}", was inserted for them)`;
  const n = choices.length;
  return {
    status: 'connected',
    trackerSheet: read.view.sheet,
    linksSheet,
    summary: plan.summary,
    message: `Connected ${n} measure${n === 1 ? '' : 's'} to "${read.view.sheet}"${added}; the links are on "${linksSheet}".`,
  };
}
