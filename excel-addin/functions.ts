/**
 * Registers every custom function with Excel. Loaded by taskpane.html into the shared runtime; the ids come
 * from the same metadata generator that writes functions.json, so registration and metadata cannot drift.
 */
import { customFunctions, type RegisteredFunction } from 'se-toolkit:custom-functions';
import { describeFailure } from '../src/customFunctionFailure';
import { EXCEL_GRID, refuseOffGrid } from '../src/values/results';

/** The manifest's custom-function namespace (Functions.Namespace): Excel shows SE_SCORE as =SE.SCORE. */
const EXCEL_NAMESPACE = 'SE';

/** Every function's Sheets name and the name a user types in Excel: SE_SCORE → SE.SCORE. */
const excelNames = new Map(
  customFunctions.map((entry) => [entry.sheetsName, `${EXCEL_NAMESPACE}.${entry.excelId}`]),
);
const sheetsNamePattern = new RegExp(
  `\\b(?:${[...excelNames.keys()].sort((a, b) => b.length - a.length).join('|')})\\b`,
  'g',
);

for (const entry of customFunctions) {
  CustomFunctions.associate(entry.excelId, excelFunction(entry));
}

/** Excel shows a message only on #VALUE! and #N/A, so every failure becomes one of those two. */
function excelFunction(entry: RegisteredFunction): (...args: unknown[]) => unknown[][] {
  return (...args) => {
    try {
      refuseOversizedResult(entry, estimatedResultCells(entry.sheetsName, args) * MIN_BYTES_PER_CELL, true);
      const result = entry.fn(...args.map(plainArgument));
      refuseOffGrid(entry.sheetsName, result, EXCEL_GRID);
      refuseOversizedResult(entry, payloadBytes(result), false);
      return result;
    } catch (error) {
      const failure: { code: string; message: string } =
        error instanceof ResultTooLarge
          ? { code: 'invalid', message: error.message }
          : describeFailure(entry.sheetsName, error);
      const code =
        failure.code === 'notAvailable'
          ? CustomFunctions.ErrorCode.notAvailable
          : CustomFunctions.ErrorCode.invalidValue;
      throw new CustomFunctions.Error(code, excelMessage(failure.message));
    }
  };
}

/**
 * The core names functions as Sheets spells them (SE_SCORE); in Excel the user typed SE.SCORE, so every
 * function name outside quoted cell text is renamed. The core's messages end without a full stop; an
 * unexpected error's own text may end with one (or several), which read ".." after ours, so they go.
 */
function excelMessage(message: string): string {
  const renamed = message
    .split(/("(?:[^"\\]|\\.)*")/)
    .map((part, i) =>
      i % 2 === 1 ? part : part.replace(sheetsNamePattern, (name) => excelNames.get(name) ?? name),
    )
    .join('');
  return renamed.replace(/[\s.]+$/, '');
}

/**
 * Excel on the web refuses a custom function's result over 5 MB (with a bare error), and Sheets has no such
 * limit, so the guard lives here. Before computing, the result's cell count (from the arguments' shapes) at the
 * fewest bytes a cell can take refuses what cannot fit without spending the time and memory (FUNNEL_STEPS over
 * a million stages is 75 MB); after computing, the exact size refuses the rest (SE.STATUS over a million cells,
 * 13.4 MB). A cell costs at least 2 bytes: a one-digit number and its comma.
 */
const RESULT_LIMIT_BYTES = 5 * 1024 * 1024;
const MIN_BYTES_PER_CELL = 2;

class ResultTooLarge extends Error {}

function refuseOversizedResult(entry: RegisteredFunction, bytes: number, estimate: boolean): void {
  if (bytes <= RESULT_LIMIT_BYTES) return;
  const size = (bytes / (1024 * 1024)).toFixed(1);
  throw new ResultTooLarge(
    `${entry.sheetsName}: the result would be ${estimate ? 'at least ' : ''}${size} MB, over Excel's limit of ` +
      `5 MB for a function's result; split the ranges into smaller ones`,
  );
}

function cellsOf(arg: unknown): number {
  if (!Array.isArray(arg)) return 1;
  let cells = 0;
  for (const row of arg) cells += Array.isArray(row) ? row.length : 1;
  return cells;
}

/**
 * How many cells the result will have, from the arguments' shapes alone: most functions give at most one cell
 * per cell of their largest argument; SE_PHASE one row of periods per total; FUNNEL_STEPS a header and one row
 * of 8 per step.
 */
function estimatedResultCells(sheetsName: string, args: readonly unknown[]): number {
  const largest = Math.max(1, ...args.map(cellsOf));
  if (sheetsName === 'FUNNEL_STEPS') return 8 * (cellsOf(args[0]) + 1);
  if (sheetsName === 'SE_PHASE') {
    const [total, weights, periods] = args;
    const perTotal =
      weights !== null && weights !== undefined && weights !== ''
        ? cellsOf(weights)
        : typeof periods === 'number' && periods >= 1 && periods <= 10000
          ? Math.floor(periods)
          : 12;
    return Math.max(largest, cellsOf(total) * perTotal);
  }
  return largest;
}

/** The result's size as Excel sends it (JSON, UTF-8). */
function payloadBytes(result: unknown): number {
  const text = JSON.stringify(result) ?? '';
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // One UTF-16 unit is 1 byte under U+0080, 2 under U+0800, 3 otherwise; a surrogate pair (2 units) is 4.
    if (code >= 0x80) bytes += code < 0x800 || (code >= 0xd800 && code <= 0xdfff) ? 1 : 2;
  }
  return bytes;
}

/**
 * functions.json allows data types into `any` parameters (allowCustomDataForDataTypeAny, which
 * custom-functions-metadata turns on), so a cell holding a formatted number, a number with a data type or an
 * entity arrives as an object ({ type: "FormattedNumber", basicValue: 1250, numberFormat: "$#,##0" }). The core
 * speaks plain cell values: each such cell becomes the value it shows. An entity's basicValue is "#VALUE!"
 * (basicType "Error"), so an entity reads as its text (the name shown in the cell), which the core then
 * accepts as a label or refuses by name.
 */
function plainArgument(arg: unknown): unknown {
  if (!Array.isArray(arg)) return plainCell(arg);
  let copy: unknown[][] | null = null;
  for (let r = 0; r < arg.length; r++) {
    const row: unknown = arg[r];
    if (!Array.isArray(row)) continue;
    for (let c = 0; c < row.length; c++) {
      const cell: unknown = row[c];
      if (typeof cell !== 'object' || cell === null) continue;
      copy ??= arg.map((line: unknown) => (Array.isArray(line) ? line.slice() : line)) as unknown[][];
      copy[r][c] = plainCell(cell);
    }
  }
  return copy ?? arg;
}

function plainCell(cell: unknown): unknown {
  if (typeof cell !== 'object' || cell === null || Array.isArray(cell)) return cell;
  const value = cell as { basicValue?: unknown; basicType?: unknown; text?: unknown };
  if (value.basicType === 'Error' && typeof value.text === 'string') return value.text;
  return 'basicValue' in value ? value.basicValue : cell;
}
