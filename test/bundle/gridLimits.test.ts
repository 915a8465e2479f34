/**
 * Issue 10, defect 13: a result wider or taller than the host's grid (a 1x20,000 row from an array expression
 * such as SEQUENCE(1,20000)) would show Excel's bare #SPILL! or Sheets' #REF!. Both built bundles refuse it
 * with the shape and the limit instead. Excel has 16,384 columns; Google Sheets 18,278 columns and at most
 * 10 million cells in a spreadsheet.
 */
import { join } from 'node:path';
import vm from 'node:vm';
import { FakeSpreadsheetApp } from '../simulators/fakeSpreadsheetApp';
import { excelDist, readBuilt, sheetsDist } from './builtFiles';

type Callable = (...args: unknown[]) => unknown;

const row = (n: number, v: unknown): unknown[][] => [Array.from({ length: n }, () => v)];

class FakeCustomFunctionError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message);
  }
}

/** The Excel bundle's implementation of `SE.<id>` under a fake CustomFunctions runtime. */
function excelFunction(id: string): Callable {
  const associated = new Map<string, Callable>();
  const CustomFunctions = {
    associate: (name: string, fn: Callable) => associated.set(name, fn),
    Error: FakeCustomFunctionError,
    ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A' },
  };
  vm.runInContext(readBuilt(join(excelDist, 'functions.js')), vm.createContext({ CustomFunctions }));
  const fn = associated.get(id);
  if (fn === undefined) throw new Error(`SE.${id} is not associated`);
  return fn;
}

function sheetsFunction(name: string): Callable {
  const fake = new FakeSpreadsheetApp();
  const context = vm.createContext(fake.globals());
  vm.runInContext(readBuilt(join(sheetsDist, 'Code.js')), context, { filename: 'Code.gs' });
  return context[name] as Callable;
}

function failure(run: () => unknown): { code?: string; message: string } {
  try {
    run();
  } catch (error) {
    return error as { code?: string; message: string };
  }
  throw new Error('expected a throw');
}

describe('Excel: a result must fit 1,048,576 rows x 16,384 columns', () => {
  const status = excelFunction('STATUS');

  test('a 1x20,000 row is refused with its shape and the column limit', () => {
    const error = failure(() => status(row(20_000, 95), [[100]], null, null));
    expect(error.code).toBe('#VALUE!');
    expect(error.message).toBe(
      'SE.STATUS: the result would be 1x20000 (rows x columns), wider than the 16,384 columns Excel has; ' +
        'give it fewer cells at once',
    );
  });

  test('16,384 columns, the last one Excel has, still arrive', () => {
    const result = status(row(16_384, 95), [[100]], null, null) as unknown[][];
    expect(result[0]).toHaveLength(16_384);
    expect(result[0][16_383]).toBe('At risk');
  });

  test('16,385 columns are one too many', () => {
    expect(failure(() => status(row(16_385, 95), [[100]], null, null)).message).toContain(
      '1x16385 (rows x columns), wider than the 16,384 columns Excel has',
    );
  });
});

describe('Google Sheets: a result must fit 18,278 columns', () => {
  const status = sheetsFunction('SE_STATUS');

  test('a 1x20,000 row is refused with its shape and the column limit', () => {
    expect(failure(() => status(row(20_000, 95), 100)).message).toBe(
      'SE_STATUS: the result would be 1x20000 (rows x columns), wider than the 18,278 columns Google Sheets has; ' +
        'give it fewer cells at once',
    );
  });

  test('18,278 columns (more than Excel has) still arrive in Sheets', () => {
    const result = status(row(18_278, 100), 100) as unknown[][];
    expect(result[0]).toHaveLength(18_278);
    expect(result[0][18_277]).toBe('On track');
  });
});
