/**
 * Formulas as Excel saves them, made into formulas the preview's engine reads, on import: the `_xlfn.` and
 * `_xlws.` prefixes Excel writes before functions newer than 2007 (`_xlfn.XLOOKUP` is XLOOKUP) dropped, and
 * structured references to Excel tables (`Sales[Amount]`, `Sales[[#This Row],[Amount]]`, `Sales[#All]`…)
 * resolved to the A1 ranges they stand for, from the file's own table definitions, and the constants TRUE and
 * FALSE written as the engine knows them (TRUE(), FALSE()). Nothing is guessed: a
 * reference to a table or column the file does not define is left as written and reported.
 *
 * The scan walks the formula once, keeping string literals ("…") and quoted sheet names ('…') as they are.
 */
import { a1, columnLetter, quoteSheet } from '../src/templates/a1';
import type { InspectedTable } from './xlsxCheck';

export interface FormulaPlace {
  sheet: string;
  /** 0-based row and column of the cell the formula is in (a This Row reference is that row). */
  row: number;
  col: number;
}

export interface TranslatedFormula {
  formula: string;
  /** What could not be translated (a table or column the file does not define), in the user's words. */
  problems: string[];
}

const PREFIXES = ['_xlfn._xlws.', '_xlfn.', '_xlws.'];

/** Starts an identifier (a function, a name, a table). */
const identStart = (ch: string): boolean => /[A-Za-z_\\]/.test(ch);
const identPart = (ch: string): boolean => /[A-Za-z0-9_.\\]/.test(ch);

/** Reads a bracketed structured reference starting at `text[i] === '['`: its end (after the closing bracket). */
function bracketEnd(text: string, i: number): number {
  let depth = 0;
  for (let j = i; j < text.length; j++) {
    const ch = text[j];
    if (ch === "'") {
      j++; // an escaped character inside a column name: '[ '] '# ''
      continue;
    }
    if (ch === '[') depth++;
    else if (ch === ']') {
      depth--;
      if (depth === 0) return j + 1;
    }
  }
  return -1;
}

/** A column name as written inside brackets, its escapes ('[ '] '# '' ) undone. */
const unescapeColumn = (s: string): string => s.replace(/'(.)/g, '$1');

interface Spec {
  specials: Set<string>;
  /** First and last column names (the same for one column); null for all columns. */
  columns: [string, string] | null;
}

/** The inside of a structured reference's brackets: `[Col]`, `[#All]`, `[@Col]`, `[[#This Row],[A]:[B]]`… */
function parseSpec(inner: string): Spec | null {
  const spec: Spec = { specials: new Set(), columns: null };
  const s = inner.trim();
  if (s === '') return spec;
  if (s.startsWith('@')) {
    spec.specials.add('#this row');
    const rest = s.slice(1).trim();
    if (rest === '') return spec;
    const col = rest.startsWith('[') && rest.endsWith(']') ? rest.slice(1, -1) : rest;
    spec.columns = [unescapeColumn(col), unescapeColumn(col)];
    return spec;
  }
  if (!s.startsWith('[')) {
    if (s.startsWith('#')) spec.specials.add(s.toLowerCase());
    else spec.columns = [unescapeColumn(s), unescapeColumn(s)];
    return spec;
  }
  // A list of [item] or [item]:[item], separated by commas.
  const items: string[] = [];
  let i = 0;
  while (i < s.length) {
    while (s[i] === ' ' || s[i] === ',') i++;
    if (i >= s.length) break;
    if (s[i] !== '[') return null;
    const end = bracketEnd(s, i);
    if (end < 0) return null;
    let item = s.slice(i, end);
    i = end;
    while (s[i] === ' ') i++;
    if (s[i] === ':') {
      i++;
      while (s[i] === ' ') i++;
      const end2 = bracketEnd(s, i);
      if (end2 < 0) return null;
      item += `:${s.slice(i, end2)}`;
      i = end2;
    }
    items.push(item);
  }
  for (const item of items) {
    const parts = item.split(/\]\s*:\s*\[/).map((p) => p.replace(/^\[/, '').replace(/\]$/, ''));
    if (parts.length === 1 && parts[0].startsWith('#')) spec.specials.add(parts[0].trim().toLowerCase());
    else if (parts.length === 1 && parts[0].startsWith('@')) {
      spec.specials.add('#this row');
      const col = parts[0].slice(1).trim();
      if (col !== '') spec.columns = [unescapeColumn(col), unescapeColumn(col)];
    } else if (parts.length === 1) spec.columns = [unescapeColumn(parts[0]), unescapeColumn(parts[0])];
    else spec.columns = [unescapeColumn(parts[0]), unescapeColumn(parts[1])];
  }
  return spec;
}

/** A structured reference as an A1 range (with its sheet when the table is on another), or a problem. */
function resolve(table: InspectedTable, spec: Spec, at: FormulaPlace): { ref: string } | { problem: string } {
  const { range, headerRows, totalsRows } = table;
  const top = range.row;
  const last = range.row + range.rows - 1;
  const dataTop = top + headerRows;
  const dataBottom = last - totalsRows;
  let c1 = range.col;
  let c2 = range.col + range.cols - 1;
  if (spec.columns !== null) {
    const find = (name: string): number =>
      table.columns.findIndex((c) => c.toLowerCase() === name.trim().toLowerCase());
    const i = find(spec.columns[0]);
    const j = find(spec.columns[1]);
    if (i < 0 || j < 0) {
      const missing = i < 0 ? spec.columns[0] : spec.columns[1];
      return { problem: `table ${table.name} has no column “${missing}”` };
    }
    c1 = range.col + Math.min(i, j);
    c2 = range.col + Math.max(i, j);
  }
  const sp = spec.specials;
  let r1: number;
  let r2: number;
  let thisRow = false;
  if (sp.has('#this row')) {
    if (at.sheet !== table.sheet || at.row < dataTop || at.row > dataBottom)
      return { problem: `${table.name}[#This Row] used outside the table's rows` };
    r1 = r2 = at.row;
    thisRow = true;
  } else if (sp.has('#all')) {
    r1 = top;
    r2 = last;
  } else {
    const headers = sp.has('#headers');
    const totals = sp.has('#totals');
    const data = sp.has('#data') || (!headers && !totals);
    if (headers && headerRows === 0) return { problem: `table ${table.name} has no header row` };
    if (totals && totalsRows === 0) return { problem: `table ${table.name} has no totals row` };
    r1 = headers ? top : data ? dataTop : last;
    r2 = totals ? last : data ? dataBottom : top;
  }
  for (const s of sp)
    if (!['#this row', '#all', '#data', '#headers', '#totals'].includes(s))
      return { problem: `${table.name}[${s}] is not a part of a table` };
  const cell = (r: number, c: number): string =>
    thisRow ? `$${columnLetter(c)}${r + 1}` : `$${columnLetter(c)}$${r + 1}`;
  const body = r1 === r2 && c1 === c2 ? cell(r1, c1) : `${cell(r1, c1)}:${cell(r2, c2)}`;
  return { ref: table.sheet === at.sheet ? body : `${sheetRef(table.sheet)}!${body}` };
}

/**
 * The formula (with its leading `=` or without, kept as given) with Excel's function prefixes dropped and its
 * structured references resolved against `tables`.
 */
export function translateFormula(
  formula: string,
  at: FormulaPlace,
  tables: readonly InspectedTable[],
): TranslatedFormula {
  const problems: string[] = [];
  const byName = new Map(tables.map((t) => [t.name.toLowerCase(), t]));
  const own = tables.find(
    (t) =>
      t.sheet === at.sheet &&
      at.row >= t.range.row &&
      at.row < t.range.row + t.range.rows &&
      at.col >= t.range.col &&
      at.col < t.range.col + t.range.cols,
  );
  let out = '';
  let i = 0;
  let prev = '';
  while (i < formula.length) {
    const ch = formula[i];
    if (ch === '"' || ch === "'") {
      // A string literal or a quoted sheet name, its doubled quotes included.
      let j = i + 1;
      while (j < formula.length) {
        if (formula[j] === ch) {
          if (formula[j + 1] === ch) j += 2;
          else break;
        } else j++;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      prev = ch;
      continue;
    }
    if (ch === '[' && own !== undefined && prev !== '!' && !identPart(prev)) {
      // A table's own column without its name ([@Sales], [Sales]) inside the table.
      const end = bracketEnd(formula, i);
      const spec = end < 0 ? null : parseSpec(formula.slice(i + 1, end - 1));
      if (spec !== null) {
        const r = resolve(own, spec, at);
        if ('ref' in r) {
          out += r.ref;
          i = end;
          prev = ']';
          continue;
        }
        problems.push(r.problem);
      }
    }
    if (identStart(ch) && !identPart(prev) && prev !== '!' && prev !== ':') {
      let j = i;
      while (j < formula.length && identPart(formula[j])) j++;
      let word = formula.slice(i, j);
      const prefix = PREFIXES.find((p) => word.toLowerCase().startsWith(p));
      if (prefix !== undefined) word = word.slice(prefix.length);
      if (/^(true|false)$/i.test(word) && formula[j] !== '(' && formula[j] !== '!' && formula[j] !== '[') {
        // Excel's TRUE and FALSE are constants; the engine knows them only as the functions TRUE() and FALSE().
        out += `${word.toUpperCase()}()`;
        i = j;
        prev = ')';
        continue;
      }
      const table = byName.get(word.toLowerCase());
      if (table !== undefined && formula[j] !== '(' && formula[j] !== '!') {
        if (formula[j] === '[') {
          const end = bracketEnd(formula, j);
          const spec = end < 0 ? null : parseSpec(formula.slice(j + 1, end - 1));
          const r =
            spec === null
              ? { problem: `${formula.slice(j, end)} is not a table reference` }
              : resolve(table, spec, at);
          if ('ref' in r) {
            out += r.ref;
            i = end;
            prev = ']';
            continue;
          }
          problems.push(r.problem);
        } else {
          // The table's name alone is its data rows.
          const r = resolve(table, { specials: new Set(), columns: null }, at);
          if ('ref' in r) {
            out += r.ref;
            i = j;
            prev = 'a';
            continue;
          }
          problems.push(r.problem);
        }
      } else if (formula[j] === '[' && !/^[A-Za-z]{1,3}\d+$/.test(word) && word.toLowerCase() !== 'true') {
        const end = bracketEnd(formula, j);
        problems.push(
          `${word}${end < 0 ? '[' : formula.slice(j, end)} refers to a table the file does not define`,
        );
      }
      out += word;
      i = j;
      prev = word[word.length - 1];
      continue;
    }
    out += ch;
    prev = ch;
    i++;
  }
  return { formula: out, problems };
}

/** The names of the functions a formula calls (outside its string literals), upper-case, prefixes dropped. */
export function functionsCalled(formula: string): string[] {
  const found = new Set<string>();
  const re = /("(?:[^"]|"")*")|('(?:[^']|'')*')|([A-Za-z_][A-Za-z0-9_.]*)\s*\(/g;
  for (const m of formula.matchAll(re)) {
    if (m[3] === undefined) continue;
    let name = m[3].toUpperCase();
    const prefix = PREFIXES.find((p) => name.startsWith(p.toUpperCase()));
    if (prefix !== undefined) name = name.slice(prefix.length);
    found.add(name);
  }
  return [...found];
}

/** A cell's address as the lists show it: `Data!B7`, `'Q3 plan'!B7`. */
export const cellName = (sheet: string, row: number, col: number): string =>
  `${sheetRef(sheet)}!${a1(row, col)}`;

/** A sheet's name as a reference writes it: bare when it can be, quoted otherwise. */
function sheetRef(sheet: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) && !/^[A-Za-z]{1,3}\d+$/.test(sheet)
    ? sheet
    : quoteSheet(sheet);
}
