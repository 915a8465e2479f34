/**
 * SE function names across hosts, inside formula text. Google Sheets calls a function `SE_SCORE`; Excel shows
 * the same function as `SE.SCORE` (namespace SE, id SCORE) and saves it in an .xlsx as `_xldudf_SE_SCORE`
 * (its prefix for JavaScript custom functions, the namespace's dot as an underscore: what Excel writes and reads
 * back, so a formula binds to the add-in's function when the workbook opens).
 *
 * A name is rewritten only where it is called: an identifier immediately followed by "(", not inside a string
 * literal ("…", with "" for a quote), not inside a quoted sheet name ('…', with '' for an apostrophe), not inside
 * brackets (Excel's structured references and external workbook names, Table1[[#This Row],[SE_SCORE(x)]]), not
 * part of a longer name (MY_SE_SCORE, SE_SCORES, ÉSE_SCORE: letters of any script continue a name) and not
 * after "!" (a sheet-qualified name is a range, never a function). Function names are matched without regard to
 * case, as every host does. Pure: runs in the browser and in Apps Script.
 */

/** The prefix Excel writes in .xlsx files before a JavaScript custom function's name. */
export const XLDUDF_PREFIX = '_xldudf_';

export interface SeFunctionName {
  /** The Sheets name, e.g. SE_SCORE (the registry's sheetsName). */
  sheetsName: string;
  /** Excel's id within the namespace, e.g. SCORE (the registry's excelId). */
  excelId: string;
}

export type ExcelNameForm =
  /** As Excel shows and a user types it: SE.SCORE( */
  | 'display'
  /** As Excel stores it in an .xlsx file: _xldudf_SE_SCORE( */
  | 'file';

const NAMESPACE = 'SE';

/** What may start a name and continue one: letters of any script, "_" and "\\" (and digits and "." after). */
const NAME_START = /[\p{L}_\\]/u;
const NAME_PART = /[\p{L}\p{N}_.\\]/u;

/**
 * Calls one token at a time: every identifier immediately followed by "(", outside strings, quoted sheet names
 * and structured references, and not after a sheet's "!", goes through `rename` (null: left as it is). Shared by
 * the formula conversion between hosts and the preview's export of Excel's `_xlfn.` prefixes.
 */
export function rewriteCalls(formula: string, rename: (name: string) => string | null): string {
  let out = '';
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i];
    if (ch === '"' || ch === "'") {
      // A literal (or quoted sheet name) runs to its closing quote; a doubled quote stays inside it.
      let j = i + 1;
      while (j < formula.length) {
        if (formula[j] === ch) {
          if (formula[j + 1] === ch) j += 2;
          else break;
        } else j += 1;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === '[') {
      // Brackets nest ([[#This Row],[Col]]); inside them an apostrophe escapes the next character (']).
      let depth = 0;
      let j = i;
      while (j < formula.length) {
        const c = formula[j];
        if (c === "'") j += 2;
        else {
          if (c === '[') depth += 1;
          else if (c === ']') depth -= 1;
          j += 1;
          if (depth === 0) break;
        }
      }
      out += formula.slice(i, j);
      i = j;
      continue;
    }
    if (NAME_START.test(ch)) {
      let j = i + 1;
      while (j < formula.length && NAME_PART.test(formula[j])) j += 1;
      const token = formula.slice(i, j);
      const qualified = out.endsWith('!');
      const renamed = !qualified && formula[j] === '(' ? rename(token) : null;
      out += renamed ?? token;
      i = j;
      continue;
    }
    if (/[0-9]/.test(ch)) {
      // A number (1E5, 2.5) or a row reference: never a name, and its letters (E) must not start one.
      let j = i + 1;
      while (j < formula.length && /[0-9.]/.test(formula[j])) j += 1;
      if (/[Ee]/.test(formula[j] ?? '') && /[-+0-9]/.test(formula[j + 1] ?? '')) {
        j += 2;
        while (j < formula.length && /[0-9]/.test(formula[j])) j += 1;
      }
      out += formula.slice(i, j);
      i = j;
      continue;
    }
    out += ch;
    i += 1;
  }
  return out;
}

/** Sheets' SE function names in `formula` as Excel's (`SE_SCORE(` → `SE.SCORE(` or `_xldudf_SE_SCORE(`). */
export function toExcelFunctionNames(
  formula: string,
  functions: readonly SeFunctionName[],
  form: ExcelNameForm,
): string {
  const byName = new Map(functions.map((f) => [f.sheetsName.toUpperCase(), f.excelId]));
  return rewriteCalls(formula, (name) => {
    const id = byName.get(name.toUpperCase());
    if (id === undefined) return null;
    return form === 'display' ? `${NAMESPACE}.${id}` : `${XLDUDF_PREFIX}${NAMESPACE}_${id}`;
  });
}

/** Excel's SE function names in `formula` (either form) as Sheets' (`SE.SCORE(`, `_xldudf_SE_SCORE(` → `SE_SCORE(`). */
export function toSheetsFunctionNames(formula: string, functions: readonly SeFunctionName[]): string {
  const byExcelName = new Map<string, string>();
  for (const f of functions) {
    byExcelName.set(`${NAMESPACE}.${f.excelId}`.toUpperCase(), f.sheetsName);
    byExcelName.set(`${XLDUDF_PREFIX}${NAMESPACE}_${f.excelId}`.toUpperCase(), f.sheetsName);
  }
  return rewriteCalls(formula, (name) => byExcelName.get(name.toUpperCase()) ?? null);
}

/** Which host's names a formula is written in: Sheets' SE_SCORE or Excel's SE.SCORE. */
export type FunctionNaming = 'sheets' | 'excel';

/**
 * Every SE call in `formula` written in another naming, renamed into `to`'s: towards Excel, Sheets' `SE_SCORE(`
 * and the file form `_xldudf_SE_SCORE(` become `SE.SCORE(`; towards Sheets, `SE.SCORE(` and `_xldudf_SE_SCORE(`
 * become `SE_SCORE(`. Calls already in `to`'s naming, whatever their case, and everything else stay as written,
 * so a formula without such a call comes back identical (the converter's way of saying "nothing to do").
 */
export function convertFunctionNames(
  formula: string,
  functions: readonly SeFunctionName[],
  to: FunctionNaming,
): string {
  if (to === 'sheets') return toSheetsFunctionNames(formula, functions);
  const byOtherName = new Map<string, string>();
  for (const f of functions) {
    const excelName = `${NAMESPACE}.${f.excelId}`;
    byOtherName.set(f.sheetsName.toUpperCase(), excelName);
    byOtherName.set(`${XLDUDF_PREFIX}${NAMESPACE}_${f.excelId}`.toUpperCase(), excelName);
  }
  return rewriteCalls(formula, (name) => byOtherName.get(name.toUpperCase()) ?? null);
}

/** How a host calls a function: `SE_SCORE` in Sheets, `SE.SCORE` in Excel. */
export function functionNameIn(fn: SeFunctionName, naming: FunctionNaming): string {
  return naming === 'sheets' ? fn.sheetsName : `${NAMESPACE}.${fn.excelId}`;
}
