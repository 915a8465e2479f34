/** refuseOffGrid's three limits, on result shapes alone (the bundles' tests call it through each host). */
import { EXCEL_GRID, refuseOffGrid, SHEETS_GRID } from '../../src/values/results';

/** A result of `rows` x `cols` without allocating its cells: only the row lengths are read. */
function shaped(rows: number, cols: number): unknown[][] {
  const line = { length: cols } as unknown as unknown[];
  return {
    length: rows,
    [Symbol.iterator]: function* () {
      for (let r = 0; r < rows; r++) yield line;
    },
  } as unknown as unknown[][];
}

test('Excel: 1,048,576 rows fit, one more does not', () => {
  expect(() => refuseOffGrid('SE_STATUS', shaped(1_048_576, 1), EXCEL_GRID)).not.toThrow();
  expect(() => refuseOffGrid('SE_STATUS', shaped(1_048_577, 1), EXCEL_GRID)).toThrow(
    'SE_STATUS: the result would be 1048577x1 (rows x columns), taller than the 1,048,576 rows Excel has; give it fewer cells at once',
  );
});

test('Google Sheets: 10 million cells fit, one more does not, however they are shaped', () => {
  expect(() => refuseOffGrid('SE_PHASE', shaped(5_000_000, 2), SHEETS_GRID)).not.toThrow();
  expect(() => refuseOffGrid('SE_PHASE', shaped(10_000_001, 1), SHEETS_GRID)).toThrow(
    'SE_PHASE: the result would be 10000001x1 (rows x columns), more than the 10,000,000 cells Google Sheets allows; give it fewer cells at once',
  );
  expect(() => refuseOffGrid('SE_PHASE', shaped(1_000, 10_001), SHEETS_GRID)).toThrow(
    /1000x10001 .* more than the 10,000,000 cells/,
  );
});

test('columns: the narrower host refuses first', () => {
  expect(() => refuseOffGrid('SE_TREND', shaped(1, 18_278), SHEETS_GRID)).not.toThrow();
  expect(() => refuseOffGrid('SE_TREND', shaped(1, 18_278), EXCEL_GRID)).toThrow(
    /wider than the 16,384 columns Excel has/,
  );
  expect(() => refuseOffGrid('SE_TREND', shaped(1, 18_279), SHEETS_GRID)).toThrow(
    /wider than the 18,278 columns Google Sheets has/,
  );
});
