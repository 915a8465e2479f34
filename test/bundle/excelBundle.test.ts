/**
 * dist/excel-addin/functions.js against a fake CustomFunctions runtime shaped like
 * @types/custom-functions-runtime: every id of functions.json associated once, errors mapped to Excel's kinds.
 */
import { join } from 'node:path';
import vm from 'node:vm';
import { readFunctionDocs } from '../../scripts/lib/functionDocs';
import { workedExamples } from '../fixtures/workedExamples';
import { comparableCells, excelDist, looksLikeStackTrace, readBuilt, repoRoot } from './builtFiles';

interface ExcelParameter {
  name: string;
  dimensionality?: 'scalar' | 'matrix';
  optional?: boolean;
}
interface ExcelFunctionMetadata {
  id: string;
  name: string;
  parameters: ExcelParameter[];
}

type Callable = (...args: unknown[]) => unknown;

class FakeCustomFunctionError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message);
  }
}

const fakeErrorCode = {
  invalidValue: '#VALUE!',
  notAvailable: '#N/A',
  divisionByZero: '#DIV/0!',
  invalidNumber: '#NUM!',
  nullReference: '#NULL!',
  invalidName: '#NAME?',
  invalidReference: '#REF!',
} as const;

const metadata = JSON.parse(readBuilt(join(excelDist, 'functions.json'))) as {
  functions: ExcelFunctionMetadata[];
};
const functionsJs = readBuilt(join(excelDist, 'functions.js'));

function loadFunctions(): { associations: [string, Callable][] } {
  const associations: [string, Callable][] = [];
  const CustomFunctions = {
    associate(id: string | Record<string, Callable>, fn?: Callable) {
      if (typeof id !== 'string' || fn === undefined) throw new Error('expected associate(id, fn)');
      associations.push([id, fn]);
    },
    Error: FakeCustomFunctionError,
    ErrorCode: fakeErrorCode,
  };
  vm.runInContext(functionsJs, vm.createContext({ CustomFunctions }), { filename: 'functions.js' });
  return { associations };
}

const loaded = loadFunctions();
const byId = new Map(loaded.associations);
const excelIds = new Map(readFunctionDocs(repoRoot).map((doc) => [doc.sheetsName, doc.excelId]));
function idBySheetsName(name: string): string {
  const id = excelIds.get(name);
  if (id === undefined) throw new Error(`${name} is not in src/functions`);
  return id;
}

/** Arguments as Excel passes them: a range param gets rows of cells even for one cell, omitted ones null. */
function excelArgs(fn: ExcelFunctionMetadata, args: readonly unknown[]): unknown[] {
  return fn.parameters.map((param, i) => {
    const arg = args[i];
    if (arg === undefined || arg === null) return null;
    if (param.dimensionality === 'matrix' && !Array.isArray(arg)) return [[arg]];
    return arg;
  });
}

function callExcel(id: string, args: readonly unknown[]): unknown {
  const fn = metadata.functions.find((f) => f.id === id);
  const implementation = byId.get(id);
  if (fn === undefined || implementation === undefined) throw new Error(`${id} is not registered`);
  return implementation(...excelArgs(fn, args));
}

function thrownBy(run: () => unknown): FakeCustomFunctionError {
  try {
    run();
  } catch (error) {
    return error as FakeCustomFunctionError;
  }
  throw new Error('expected a throw');
}

describe('dist/excel-addin/functions.js under a fake CustomFunctions runtime', () => {
  test('associates every id of functions.json exactly once, and nothing else', () => {
    const associated = loaded.associations.map(([id]) => id);
    expect([...associated].sort()).toEqual(metadata.functions.map((f) => f.id).sort());
    expect(new Set(associated).size).toBe(associated.length);
    for (const [, fn] of loaded.associations) expect(typeof fn).toBe('function');
  });

  test.each(workedExamples.map((example) => [example.fn, example.title, example] as const))(
    'worked example %s (%s)',
    (fn, _title, example) => {
      const result = callExcel(idBySheetsName(fn), example.args);
      expect(comparableCells(result, example.digits)).toEqual(
        comparableCells(example.expected, example.digits),
      );
    },
  );

  test('SE.SCORE with ranges spills one result per cell', () => {
    expect(
      comparableCells(
        callExcel('SCORE', [
          [[9], [6]],
          [[4], [8]],
        ]),
      ),
    ).toEqual([[36], [48]]);
  });

  test("bad input is #VALUE! with the core's message", () => {
    const error = thrownBy(() => callExcel('SCORE', [9, 'n/a']));
    expect(error).toBeInstanceOf(FakeCustomFunctionError);
    expect(error.code).toBe('#VALUE!');
    expect(error.message).toBe('SE.SCORE: execution must be a number from 0 to 10; found "n/a"');
    expect(looksLikeStackTrace(error.message)).toBe(false);
  });

  test.each([
    [
      'MONTHLY',
      [[[100, 250, 200]]],
      '#VALUE!',
      'SE.MONTHLY: cumulative figures fall in period 3 (from 250 to 200); running totals must not go down: check the figures of periods 2 and 3',
    ],
    [
      'FORECAST',
      [[[0.05, 0.06, 0.04]], 12, 'phased', [[1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]], 'average'],
      '#VALUE!',
      'SE.FORECAST: method "phased" applies to aggregation "sum" only; found aggregation "average"',
    ],
    [
      'REQUIRED_RATE',
      [[[100, 110, 120]], 200, 3, 'last'],
      '#N/A',
      'SE.REQUIRED_RATE: the period is over (all 3 periods are reported) and the target level 200 was missed by 80; no remaining period can make it up',
    ],
    [
      'ATTAINMENT',
      [10, 0, 'down'],
      '#VALUE!',
      'SE.ATTAINMENT: target must not be 0: attainment compares the actual with the target, and a target of 0 gives no ratio',
    ],
  ] as const)('SE.%s: the new messages arrive with their error kind', (id, args, code, message) => {
    const error = thrownBy(() => callExcel(id, args));
    expect(error).toBeInstanceOf(FakeCustomFunctionError);
    expect([error.code, error.message]).toEqual([code, message]);
  });

  test('SE.MONTHLY spills the shape it was given; SE.REQUIRED_RATE is 0 for a finished year that beat its target', () => {
    expect(comparableCells(callExcel('MONTHLY', [[[100], [250], [300], [null]]]))).toEqual([
      [100],
      [150],
      [50],
      [''],
    ]);
    expect(
      comparableCells(
        callExcel('MONTHLY', [
          [
            [10, 30, null],
            [5, 5, 6],
          ],
        ]),
      ),
    ).toEqual([
      [10, 20, ''],
      [5, 0, 1],
    ]);
    expect(comparableCells(callExcel('REQUIRED_RATE', [[[700, 700]], 1300]))).toEqual([[0]]);
  });

  test('SE.FUNNEL_TARGETS: SPEC §1 numbers (529, 185, 120, 84, 25; unrounded 523.29 … 25), goals side by side', () => {
    const rates = [[0.35], [0.65], [0.7], [0.3]];
    expect(comparableCells(callExcel('FUNNEL_TARGETS', [25, rates]))).toEqual([
      [529],
      [185],
      [120],
      [84],
      [25],
    ]);
    expect(comparableCells(callExcel('FUNNEL_TARGETS', [25, rates, true]))).toEqual([
      [529],
      [185],
      [120],
      [84],
      [25],
    ]);
    expect(comparableCells(callExcel('FUNNEL_TARGETS', [25, rates, false]), 2)).toEqual([
      [523.29],
      [183.15],
      [119.05],
      [83.33],
      [25],
    ]);
    expect(comparableCells(callExcel('FUNNEL_TARGETS', [84, 0.7]))).toEqual([[120], [84]]);
    expect(comparableCells(callExcel('FUNNEL_TARGETS', [[[25, 10, null]], rates]))).toEqual([
      [529, 218, ''],
      [185, 76, ''],
      [120, 49, ''],
      [84, 34, ''],
      [25, 10, ''],
    ]);
    const error = thrownBy(() => callExcel('FUNNEL_TARGETS', [[[25], [10]], rates]));
    expect(error.code).toBe('#VALUE!');
    expect(error.message).toMatch(
      /^SE\.FUNNEL_TARGETS: goal holds 2 goals in a column and rates run down a column too/,
    );
    expect(thrownBy(() => callExcel('FUNNEL_TARGETS', [25, rates, 'yes'])).message).toBe(
      'SE.FUNNEL_TARGETS: round_up must be TRUE or FALSE; found "yes"',
    );
  });

  test('messages name the function as Excel spells it, also inside the sentence, but never in cell text (issue 10, item 13)', () => {
    const error = thrownBy(() =>
      callExcel('FUNNEL_STEPS', [
        [
          [10, 5],
          [8, 4],
        ],
      ]),
    );
    expect(error.message).toMatch(
      /^SE\.FUNNEL_STEPS: stages must hold one funnel; .*use SE\.FUNNEL_LEAK for several/,
    );
    expect(error.message).not.toMatch(/(?<!SE\.)\bFUNNEL_LEAK|SE_/);
    const quoted = thrownBy(() => callExcel('SCORE', [9, 'SE_SCORE']));
    expect(quoted.message).toBe('SE.SCORE: execution must be a number from 0 to 10; found "SE_SCORE"');
  });

  test('a message never ends in a full stop, even an unexpected error ending in one (issue 10, item 13)', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('Boom.');
        },
        getPrototypeOf() {
          throw new Error('Boom.');
        },
        has() {
          throw new Error('Boom.');
        },
      },
    );
    const error = thrownBy(() => callExcel('SCORE', [hostile, 4]));
    expect(error.code).toBe('#VALUE!');
    // The test's Error is from another realm than the bundle's, so it arrives as "Error: Boom.".
    expect(error.message).toMatch(/^SE\.SCORE: unexpected error: (Error: )?Boom$/);
  });

  test('a result over 5 MB (Excel on the web) is refused with its size and the limit (issue 10, item 10)', () => {
    const column = (n: number, v: unknown) => Array.from({ length: n }, () => [v]);
    const error = thrownBy(() => callExcel('STATUS', [column(1_000_000, 0.5), 1]));
    expect(error.code).toBe('#VALUE!');
    expect(error.message).toMatch(
      /^SE\.STATUS: the result would be 1[34]\.\d MB, over Excel's limit of 5 MB for a function's result; /,
    );
  });

  test('an oversized result is refused before computing (issue 10, item 10)', () => {
    // Stages the core would refuse as text: the size message proves the core never ran.
    const stages = Array.from({ length: 1_000_000 }, () => ['not a number']);
    const started = Date.now();
    const error = thrownBy(() => callExcel('FUNNEL_STEPS', [stages]));
    expect(error.code).toBe('#VALUE!');
    expect(error.message).toMatch(
      /^SE\.FUNNEL_STEPS: the result would be at least \d+\.\d MB, over Excel's limit of 5 MB/,
    );
    expect(Date.now() - started).toBeLessThan(2000);
  });

  test('a result just under 5 MB still arrives (issue 10, item 10)', () => {
    const column = Array.from({ length: 1_000_000 }, () => [9]);
    const result = callExcel('SCORE', [column, 4]) as unknown[][];
    expect(result.length).toBe(1_000_000);
    expect(result[999_999]).toEqual([36]);
  });

  test('data-type values (formatted numbers, entities) are read by the value they show (issue 10, item 11)', () => {
    const formatted = (n: number) => ({
      type: 'FormattedNumber',
      basicType: 'Double',
      basicValue: n,
      numberFormat: '0.0',
    });
    const double = (n: number) => ({ type: 'Double', basicType: 'Double', basicValue: n });
    expect(comparableCells(callExcel('SCORE', [formatted(9), double(4)]))).toEqual([[36]]);
    expect(
      comparableCells(
        callExcel('SCORE', [
          [[formatted(9)], [6]],
          [[4], [double(8)]],
        ]),
      ),
    ).toEqual([[36], [48]]);
    const entity = {
      type: 'Entity',
      basicType: 'Error',
      basicValue: '#VALUE!',
      text: 'Seattle',
      properties: { Population: { type: 'Double', basicValue: 737015 } },
    };
    const error = thrownBy(() => callExcel('SCORE', [entity, 4]));
    expect(error.code).toBe('#VALUE!');
    expect(error.message).toBe('SE.SCORE: plan must be a number from 0 to 10; found "Seattle"');
    expect(comparableCells(callExcel('STATUS', [[[formatted(0.95)]], [[double(1)]]]))).toEqual(
      comparableCells(callExcel('STATUS', [[[0.95]], [[1]]])),
    );
    // The data types stay allowed on purpose: the wrapper reads them.
    expect((metadata as { allowCustomDataForDataTypeAny?: boolean }).allowCustomDataForDataTypeAny).toBe(
      true,
    );
  });

  test('nothing to compute from yet is #N/A with a message', () => {
    const error = thrownBy(() => callExcel('FORECAST', [[['', '', '']]]));
    expect(error).toBeInstanceOf(FakeCustomFunctionError);
    expect(error.code).toBe('#N/A');
    expect(error.message).toMatch(/^SE\.FORECAST: /);
  });
});
