/**
 * Connect my plan in tests: a real CSF Tracker (the template), the core's writes applied to it, the links sheet
 * and the user's source sheets in one workbook, recalculated by LibreOffice (.xlsx) or HyperFormula, and the
 * tracker's monthly target and actual cells read back.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HyperFormula } from 'hyperformula';
import { Workbook } from 'exceljs';
import { SPREADSHEET_ENGINE_CONFIG } from '../../preview/engineConfig';
import { addPlanWorksheet } from '../../preview/planToXlsx';
import { planConnect } from '../../src/connect/links';
import { detectPlans } from '../../src/connect/detect';
import type { ConnectChoice, ConnectPlan, PlanScan, ScanSheet, TrackerView } from '../../src/connect/types';
import {
  CSF_COLUMNS as C,
  CSF_FIRST_DATA_ROW,
  CSF_SETTINGS,
  csfTracker,
} from '../../src/templates/csfTracker';
import type { PlanCell, PlanValue, SheetPlan } from '../../src/templates/sheetPlan';
import { convertWithLibreOffice, ensureSoffice } from '../xlsx/libreOffice';
import { readCell, readXlsx } from '../xlsx/xlsxFiles';

export const TRACKER = 'CSF Tracker';
export const TRACKER_ROWS = 15;

/** The tracker template with its calendar set: fiscal year start and the year of period 1. */
export function trackerPlan(fyStart: number, year: number, rows = TRACKER_ROWS): SheetPlan {
  const plan = csfTracker.render({ examples: false, rows, year });
  const put = (row: number, col: number, value: PlanValue) => {
    const line = plan.cells[row];
    while (line.length <= col) line.push({ value: null });
    line[col] = { value };
  };
  put(CSF_SETTINGS.fiscalYearStart.row, CSF_SETTINGS.fiscalYearStart.col, fyStart);
  put(CSF_SETTINGS.firstYear.row, CSF_SETTINGS.firstYear.col, year);
  return { ...plan, name: TRACKER };
}

/** The tracker as a host reads it: constants as values, formulas with no computed value. */
export function trackerView(plan: SheetPlan, fyStart: number, year: number): TrackerView {
  const rows: TrackerView['rows'] = [];
  let end = CSF_FIRST_DATA_ROW;
  for (let r = CSF_FIRST_DATA_ROW; r < plan.cells.length; r++) {
    const line = plan.cells[r] ?? [];
    if (line.length === 0) continue;
    end = r + 1;
    const width = C.firstActual + 12;
    rows.push({
      row: r,
      values: Array.from({ length: width }, (_, c) => {
        const cell = line[c];
        return cell === undefined || 'formula' in cell ? null : cell.value;
      }),
      formulas: Array.from({ length: width }, (_, c) => {
        const cell = line[c];
        return cell !== undefined && 'formula' in cell ? cell.formula : null;
      }),
    });
  }
  return {
    sheet: TRACKER,
    fiscalYearStart: fyStart,
    firstYear: year,
    firstDataRow: CSF_FIRST_DATA_ROW,
    endRow: end,
    rows,
  };
}

/** The tracker with the core's writes applied (a copy). */
export function applyTracker(plan: SheetPlan, writes: ConnectPlan): SheetPlan {
  const cells = plan.cells.map((r) => [...r]);
  for (const block of writes.tracker) {
    block.cells.forEach((line, i) =>
      line.forEach((cell, j) => {
        const row = cells[block.row + i];
        while (row.length <= block.col + j) row.push({ value: null });
        row[block.col + j] = cell;
      }),
    );
  }
  return { ...plan, cells };
}

export interface Connected {
  writes: ConnectPlan;
  tracker: SheetPlan;
  links: SheetPlan;
  sources: ScanSheet[];
}

/** Detects, then connects the chosen measures into a fresh tracker. */
export function connect(
  sources: ScanSheet[],
  choose: (scan: PlanScan) => ConnectChoice[],
  fyStart: number,
  year: number,
): Connected & { scan: PlanScan } {
  const scan = detectPlans(sources);
  const plan = trackerPlan(fyStart, year);
  const writes = planConnect(scan, sources, choose(scan), trackerView(plan, fyStart, year), null);
  if (!('insert' in writes.links)) throw new Error('expected a new links sheet');
  return { scan, writes, tracker: applyTracker(plan, writes), links: writes.links.insert, sources };
}

/** A ScanSheet written as a worksheet: numbers with their formats, text as text. */
function addSource(wb: Workbook, s: ScanSheet): void {
  const ws = wb.addWorksheet(s.name);
  s.values.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v === null || v === '') return;
      const cell = ws.getCell(r + 1, c + 1);
      cell.value = v;
      const f = s.formats?.[r]?.[c];
      if (f !== null && f !== undefined && f !== 'General') cell.numFmt = f;
    }),
  );
}

/** The workbook as .xlsx: sources first, then the tracker and the links sheet. */
export async function writeWorkbook(file: string, c: Connected): Promise<void> {
  const wb = new Workbook();
  for (const s of c.sources) addSource(wb, s);
  addPlanWorksheet(wb, c.tracker);
  addPlanWorksheet(wb, c.links);
  await wb.xlsx.writeFile(file);
}

export interface TrackerMonths {
  targets: PlanValue[];
  actuals: PlanValue[];
  check: PlanValue;
}

/** Recalculates workbooks in one LibreOffice run; returns each one's tracker rows' month cells and checks. */
export async function recalcLibreOffice(
  cases: { name: string; connected: Connected; rows: number[] }[],
): Promise<Map<string, { tracker: TrackerMonths[]; links: PlanValue[][] }>> {
  const soffice = ensureSoffice();
  const dir = await mkdtemp(join(tmpdir(), 'se-connect-'));
  const files: string[] = [];
  for (const c of cases) {
    const file = join(dir, `${c.name}.xlsx`);
    await writeWorkbook(file, c.connected);
    files.push(file);
  }
  const { outputs } = await convertWithLibreOffice(soffice, files);
  const out = new Map<string, { tracker: TrackerMonths[]; links: PlanValue[][] }>();
  for (let i = 0; i < cases.length; i++) {
    const wb = await readXlsx(outputs[i]);
    const t = wb.getWorksheet(TRACKER);
    const l = wb.getWorksheet('Plan Links');
    if (t === undefined || l === undefined)
      throw new Error(`${cases[i].name}: sheets missing after recalculation`);
    const tracker = cases[i].rows.map((r) => ({
      targets: Array.from({ length: 12 }, (_, p) => readCell(t, r, C.firstTarget + p).value),
      actuals: Array.from({ length: 12 }, (_, p) => readCell(t, r, C.firstActual + p).value),
      check: readCell(t, r, C.check).value,
    }));
    const links = Array.from({ length: 20 }, (_, r) =>
      Array.from({ length: 60 }, (_, c) => readCell(l, r, c).value),
    );
    out.set(cases[i].name, { tracker, links });
  }
  return out;
}

/** Text stays text in HyperFormula behind a leading apostrophe (it would read "15/04/2026" as a date). */
const hfValue = (v: PlanValue): PlanValue => (typeof v === 'string' ? `'${v}` : v);

function hfSheet(cells: PlanCell[][]): (string | number | boolean | null)[][] {
  return cells.map((row) => row.map((c) => ('formula' in c ? c.formula : hfValue(c.value))));
}

/** Recalculates with HyperFormula (the preview's engine, configured as the hosts compute). */
export function recalcHyperFormula(c: Connected, rows: number[]): TrackerMonths[] {
  const sheets: Record<string, (string | number | boolean | null)[][]> = {};
  for (const s of c.sources) sheets[s.name] = s.values.map((r) => r.map(hfValue));
  sheets[TRACKER] = hfSheet(c.tracker.cells);
  sheets['Plan Links'] = hfSheet(c.links.cells);
  const hf = HyperFormula.buildFromSheets(sheets, { ...SPREADSHEET_ENGINE_CONFIG });
  const id = hf.getSheetId(TRACKER) as number;
  const value = (row: number, col: number): PlanValue => {
    const v = hf.getCellValue({ sheet: id, row, col });
    if (v === null || v === undefined) return null;
    if (typeof v === 'object') return String((v as { value: unknown }).value);
    return v;
  };
  const out = rows.map((r) => ({
    targets: Array.from({ length: 12 }, (_, p) => value(r, C.firstTarget + p)),
    actuals: Array.from({ length: 12 }, (_, p) => value(r, C.firstActual + p)),
    check: value(r, C.check),
  }));
  hf.destroy();
  return out;
}

/** The tracker's calendar month of period p (1-12). */
export function trackerMonth(fyStart: number, year: number, p: number): { y: number; m: number } {
  const z = fyStart - 1 + p - 1;
  return { y: year + Math.floor(z / 12), m: (z % 12) + 1 };
}

/** Serial of a calendar date (1900 system). */
export function serial(y: number, m: number, d = 1): number {
  return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000);
}
