/**
 * The custom functions inside HyperFormula, for the preview: one FunctionPlugin generated from the
 * registry (the esbuild virtual module 'se-toolkit:custom-functions' in the page, the folder listing in the
 * tests), each function under its Sheets name. Arguments arrive host-shaped (a scalar, or rows of cells with
 * blanks as null; omitted as undefined), results spill when they are bigger than one cell, and a SeError becomes
 * #VALUE! or #N/A with the function's own message.
 */
import {
  ArraySize,
  CellError,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  HyperFormula,
  SimpleRangeValue,
  type FunctionPluginDefinition,
  type ImplementedFunctions,
} from 'hyperformula';
import { isSeError } from '../src/values/errors';

/** What the plugin needs of a registry entry (RegisteredFunction has it all). */
export interface PreviewFunction {
  readonly sheetsName: string;
  readonly params: readonly { readonly name: string; readonly optional: boolean }[];
  readonly fn: (...args: unknown[]) => unknown[][];
}

/** HyperFormula's internal value shapes, as far as the plugin reads them. */
type Ast = { args: unknown[] };
type State = object;
interface PluginInternals {
  runFunction(
    args: unknown[],
    state: State,
    metadata: unknown,
    impl: (...values: unknown[]) => unknown,
  ): unknown;
  metadata(name: string): unknown;
  arraySizeForAst(ast: unknown, state: State): ArraySize;
  evaluateAst(ast: unknown, state: State): unknown;
}

/** A blank cell inside HyperFormula (its EmptyValue symbol) or a syntactically empty argument. */
function isEmptyValue(v: unknown): boolean {
  return typeof v === 'symbol';
}

/** One cell as the hosts give it: numbers (dates and percents as plain numbers), text, booleans; blank = null. */
function toHostCell(v: unknown): unknown {
  if (v === undefined || v === null || isEmptyValue(v)) return null;
  if (typeof v === 'object' && v !== null && 'val' in v) return (v as { val: unknown }).val; // RichNumber
  return v;
}

function firstError(rows: unknown[][]): CellError | undefined {
  for (const row of rows) for (const v of row) if (v instanceof CellError) return v;
  return undefined;
}

/** The function's rows of cells as HyperFormula values: a scalar for one cell, a spilling range otherwise. */
function fromResult(rows: unknown[][]): unknown {
  const data = rows.map((row) =>
    row.map((v) => (v === null || v === undefined ? '' : (v as string | number | boolean))),
  );
  if (data.length === 1 && data[0].length === 1) return data[0][0];
  if (data.length === 0 || data[0].length === 0) return '';
  return SimpleRangeValue.onlyValues(data);
}

function toCellError(error: unknown): CellError {
  if (isSeError(error))
    return new CellError(error.code === 'notAvailable' ? ErrorType.NA : ErrorType.VALUE, error.message);
  return new CellError(ErrorType.VALUE, error instanceof Error ? error.message : String(error));
}

/** Calls a custom function on HyperFormula argument values; errors in, or thrown, come back as a CellError. */
function call(f: PreviewFunction, values: unknown[]): unknown[][] | CellError {
  const args: unknown[] = [];
  for (const v of values) {
    if (v instanceof CellError) return v;
    if (v instanceof SimpleRangeValue) {
      const rows = v.data as unknown[][];
      const error = firstError(rows);
      if (error !== undefined) return error;
      args.push(rows.map((row) => row.map(toHostCell)));
    } else args.push(v === undefined ? undefined : toHostCell(v));
  }
  // Trailing omitted arguments are left out, as the hosts leave them out.
  while (args.length > 0 && args[args.length - 1] === undefined) args.pop();
  try {
    return f.fn(...args);
  } catch (error) {
    return toCellError(error);
  }
}

/** Registers the plugin (once per function set); call before building the HyperFormula engine. */
export function registerCustomFunctions(functions: readonly PreviewFunction[]): void {
  const registered = new Set(HyperFormula.getRegisteredFunctionNames('enGB'));
  const fresh = functions.filter((f) => !registered.has(f.sheetsName));
  if (fresh.length === 0) return;
  HyperFormula.registerFunctionPlugin(customFunctionsPlugin(fresh), {
    enGB: Object.fromEntries(fresh.map((f) => [f.sheetsName, f.sheetsName])),
    enUS: Object.fromEntries(fresh.map((f) => [f.sheetsName, f.sheetsName])),
  });
}

/** The plugin class: one method per function plus one that predicts the size of its spilled result. */
export function customFunctionsPlugin(functions: readonly PreviewFunction[]): FunctionPluginDefinition {
  const implemented: ImplementedFunctions = {};
  const methods: Record<string, (this: PluginInternals, ast: Ast, state: State) => unknown> = {};
  functions.forEach((f, i) => {
    const method = `fn${i}`;
    const sizeMethod = `fn${i}Size`;
    implemented[f.sheetsName] = {
      method,
      sizeOfResultArrayMethod: sizeMethod,
      vectorizationForbidden: true,
      parameters: f.params.map((p) => ({
        argumentType: FunctionArgumentType.ANY,
        ...(p.optional ? { optionalArg: true } : {}),
      })),
    };
    methods[method] = function (ast, state) {
      return this.runFunction(ast.args, state, this.metadata(f.sheetsName), (...values: unknown[]) => {
        const result = call(f, values);
        return result instanceof CellError ? result : fromResult(result);
      });
    };
    // The result's size must be known before the cells are computed. The arguments are evaluated now (the values
    // they have so far); where that fails the result is taken to be one cell.
    methods[sizeMethod] = function (ast, state) {
      try {
        const values = ast.args.map((arg) => this.evaluateAst(arg, state));
        const result = call(f, values);
        if (result instanceof CellError || result.length === 0) return ArraySize.scalar();
        return new ArraySize(Math.max(1, ...result.map((row) => row.length)), result.length);
      } catch {
        return ArraySize.scalar();
      }
    };
  });
  class SeCustomFunctions extends FunctionPlugin {
    static override implementedFunctions = implemented;
  }
  Object.assign(SeCustomFunctions.prototype, methods);
  return SeCustomFunctions;
}
