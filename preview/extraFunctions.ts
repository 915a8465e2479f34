/**
 * Functions common in planning workbooks that HyperFormula 3.5 lacks, so an imported workbook computes in the
 * preview as it does in Excel and LibreOffice: LOOKUP (vector and array forms, approximate match as in Excel),
 * AVERAGEIFS (through HyperFormula's own criteria, the ones its SUMIFS and COUNTIFS use) and CONCAT (ranges
 * flattened row by row, as CONCATENATE's arguments are coerced). Registered once, before an engine is built.
 */
import {
  CellError,
  ErrorType,
  FunctionArgumentType,
  HyperFormula,
  SimpleRangeValue,
  type FunctionPluginDefinition,
} from 'hyperformula';

/** The functions this plugin adds (each one HyperFormula does not have). */
export const EXTRA_FUNCTIONS = ['LOOKUP', 'AVERAGEIFS', 'CONCAT'] as const;

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
  computeConditionalAggregationFunction(
    values: unknown,
    conditionArgs: unknown[],
    functionName: string,
    initial: Sum,
    compose: (a: Sum, b: Sum) => Sum,
    map: (v: unknown) => Sum,
  ): Sum | CellError;
}

/** A running sum and count (AVERAGEIFS's accumulator; immutable, as the engine caches partial results). */
interface Sum {
  sum: number;
  count: number;
}
const NO_SUM: Sum = { sum: 0, count: 0 };

/** A number as the engine holds it: plain, or a number with a format (its RichNumber, `{ val }`). */
function numberOf(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'object' && v !== null && !(v instanceof CellError) && 'val' in v) {
    const val = (v as { val: unknown }).val;
    return typeof val === 'number' ? val : undefined;
  }
  return undefined;
}

/** A scalar for comparing: numbers, texts (case-insensitive, as Excel compares), booleans; else undefined. */
function key(v: unknown): { kind: 'n' | 't' | 'b'; value: number | string | boolean } | undefined {
  const n = numberOf(v);
  if (n !== undefined) return { kind: 'n', value: n };
  if (typeof v === 'string') return { kind: 't', value: v.toLowerCase() };
  if (typeof v === 'boolean') return { kind: 'b', value: v };
  return undefined;
}

function cells(v: unknown): unknown[][] {
  if (v instanceof SimpleRangeValue) return v.data as unknown[][];
  return [[v]];
}

/**
 * LOOKUP's match: the last position whose value is of the looked-up value's kind and not greater than it,
 * before the first one greater (Excel's binary search gives this on sorted data; values of another kind and
 * errors are passed over, so LOOKUP(2, 1/(A:A="x"), B:B) finds the last "x" as in Excel and LibreOffice).
 */
export function lookupPosition(vector: readonly unknown[], wanted: unknown): number {
  const w = key(wanted);
  if (w === undefined) return -1;
  let found = -1;
  for (let i = 0; i < vector.length; i++) {
    const k = key(vector[i]);
    if (k === undefined || k.kind !== w.kind) continue;
    if (k.value > w.value) break;
    found = i;
  }
  return found;
}

function lookup(wanted: unknown, lookupIn: unknown, resultIn: unknown): unknown {
  if (wanted instanceof CellError) return wanted;
  const table = cells(lookupIn);
  const rows = table.length;
  const cols = rows === 0 ? 0 : table[0].length;
  let vector: unknown[];
  let results: unknown[];
  if (resultIn !== undefined) {
    // Vector form: both vectors read in order (a row or a column).
    vector = table.flat();
    results = cells(resultIn).flat();
  } else if (cols > rows) {
    // Array form, wider than tall: the first row searched, the last row returned.
    vector = table[0];
    results = table[rows - 1];
  } else {
    vector = table.map((r) => r[0]);
    results = table.map((r) => r[cols - 1]);
  }
  const i = lookupPosition(vector, wanted);
  if (i < 0)
    return new CellError(ErrorType.NA, 'LOOKUP found no value less than or equal to the one looked up');
  if (i >= results.length)
    return new CellError(ErrorType.NA, 'LOOKUP: the result vector is shorter than the lookup vector');
  const v = results[i];
  return typeof v === 'symbol' || v === undefined || v === null ? 0 : v;
}

/**
 * The plugin class. AVERAGEIFS needs the engine's criteria machinery (its "<>", ">=5", wildcards and dates), so
 * the class extends the plugin that implements SUMIFS, found through the engine's own registry.
 */
function extraFunctionsPlugin(): FunctionPluginDefinition {
  const Base = HyperFormula.getFunctionPlugin('SUMIFS') as unknown as new (...args: never[]) => object;
  class SeExtraFunctions extends Base {
    static implementedFunctions = {
      LOOKUP: {
        method: 'lookupFn',
        vectorizationForbidden: true,
        // As in Excel, its vectors are arrays: 1/(A1:A9="x") is nine values, not the one in the formula's row.
        enableArrayArithmeticForArguments: true,
        parameters: [
          { argumentType: FunctionArgumentType.ANY },
          { argumentType: FunctionArgumentType.RANGE },
          { argumentType: FunctionArgumentType.RANGE, optionalArg: true },
        ],
      },
      AVERAGEIFS: {
        method: 'averageifs',
        parameters: [
          { argumentType: FunctionArgumentType.RANGE },
          { argumentType: FunctionArgumentType.RANGE },
          { argumentType: FunctionArgumentType.NOERROR },
        ],
        repeatLastArgs: 2,
      },
      CONCAT: {
        method: 'concat',
        parameters: [{ argumentType: FunctionArgumentType.STRING }],
        repeatLastArgs: 1,
        expandRanges: true,
      },
    };
  }
  const methods: Record<string, (this: PluginInternals, ast: Ast, state: State) => unknown> = {
    lookupFn(ast, state) {
      return this.runFunction(ast.args, state, this.metadata('LOOKUP'), lookup);
    },
    averageifs(ast, state) {
      return this.runFunction(
        ast.args,
        state,
        this.metadata('AVERAGEIFS'),
        (values: unknown, ...conditions: unknown[]) => {
          const result = this.computeConditionalAggregationFunction(
            values,
            conditions,
            'AVERAGEIFS',
            NO_SUM,
            (a, b) => ({ sum: a.sum + b.sum, count: a.count + b.count }),
            (v) => {
              const n = numberOf(v);
              return n === undefined ? NO_SUM : { sum: n, count: 1 };
            },
          );
          if (result instanceof CellError) return result;
          return result.count === 0
            ? new CellError(ErrorType.DIV_BY_ZERO, 'AVERAGEIFS: no cell meets all the criteria')
            : result.sum / result.count;
        },
      );
    },
    concat(ast, state) {
      return this.runFunction(ast.args, state, this.metadata('CONCAT'), (...texts: unknown[]) =>
        texts.join(''),
      );
    },
  };
  Object.assign(SeExtraFunctions.prototype, methods);
  return SeExtraFunctions as unknown as FunctionPluginDefinition;
}

/** Registers LOOKUP, AVERAGEIFS and CONCAT (once; a HyperFormula that has them already keeps its own). */
export function registerExtraFunctions(): void {
  const registered = new Set(HyperFormula.getRegisteredFunctionNames('enGB'));
  if (EXTRA_FUNCTIONS.every((f) => registered.has(f))) return;
  const names = Object.fromEntries(EXTRA_FUNCTIONS.map((f) => [f, f]));
  HyperFormula.registerFunctionPlugin(extraFunctionsPlugin(), { enGB: names, enUS: names });
}
