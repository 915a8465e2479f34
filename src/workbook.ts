/**
 * The Workbook port: the few coarse operations the app needs from a spreadsheet host. Coarse on purpose so
 * every adapter can batch (Sheets: one setValues per block and RangeLists for formats under a document lock;
 * Excel: one Excel.run with as few context.sync() as possible).
 */
import type { PlanValue, SheetPlan } from './templates/sheetPlan';

export interface InsertedSheet {
  /** The name the sheet got: the plan's name, or the next free one (`CSF Tracker (2)`). */
  name: string;
  /** Workbook-scoped names the adapter created, as the plan named them after any renaming. */
  namedRanges: string[];
}

export interface Workbook {
  /** Names of all sheets, in tab order. */
  sheetNames(): Promise<string[]>;
  /**
   * Adds a new sheet built from the plan under the plan's name or the next free one. All or nothing: if any
   * step fails, the new sheet is removed and the error is rethrown; nothing outside the new sheet changes.
   */
  insertSheet(plan: SheetPlan): Promise<InsertedSheet>;
  /**
   * The computed values of a workbook-scoped named range, or null when no such name exists. An empty cell and
   * a formula showing "" both read as null (no host API tells them apart); dates read as serial day numbers.
   */
  readNamedRange(name: string): Promise<PlanValue[][] | null>;
  /** All workbook-scoped names. */
  namedRangeNames(): Promise<string[]>;
}

/** The name a new sheet gets: the wanted one if free, else `wanted (2)`, `wanted (3)`, … */
export function freeSheetName(wanted: string, taken: readonly string[]): string {
  const lower = new Set(taken.map((n) => n.toLowerCase()));
  if (!lower.has(wanted.toLowerCase())) return wanted;
  for (let i = 2; ; i++) {
    const candidate = `${wanted} (${i})`;
    if (!lower.has(candidate.toLowerCase())) return candidate;
  }
}

/**
 * The plan as it goes into a sheet named `sheetName`: a second copy of a template keeps its named ranges
 * apart from the first's (`SE_CSF_Table_2` for `CSF Tracker (2)`), since names are workbook-wide in Sheets.
 */
export function planForSheet(plan: SheetPlan, sheetName: string, takenNames: readonly string[]): SheetPlan {
  if (sheetName === plan.name && !plan.namedRanges.some((n) => takenNames.includes(n.name)))
    return { ...plan, name: sheetName };
  const taken = new Set(takenNames.map((n) => n.toLowerCase()));
  const copy = /\((\d+)\)$/.exec(sheetName);
  let suffix = copy === null ? 2 : Number(copy[1]);
  const free = (n: number) => plan.namedRanges.every((r) => !taken.has(`${r.name}_${n}`.toLowerCase()));
  while (!free(suffix)) suffix++;
  return {
    ...plan,
    name: sheetName,
    namedRanges: plan.namedRanges.map((r) => ({ ...r, name: `${r.name}_${suffix}` })),
  };
}

/** The base name of a named range a plan created (`SE_CSF_Table_2` → `SE_CSF_Table`). */
export function baseRangeName(name: string): string {
  return name.replace(/_\d+$/, '');
}
