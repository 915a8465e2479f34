/**
 * The self-test in the preview: MemoryWorkbook, its HyperFormula engine computing the SE functions through the
 * preview's own plugin (preview/customFunctionsPlugin.ts, functions from the folder listing as the build
 * registers them), named as Sheets names them. It passes and leaves the workbook's sheets and names as they were.
 */
import { runSelfTestTask } from '../../src/app/selfTest';
import { runAsync } from '../../src/app/task';
import { workbookWithFunctions } from '../preview/previewFunctions';
import { CLOCK, FUNCTIONS } from './selfTestHosts';

it('passes in the preview and removes everything it made', async () => {
  const workbook = workbookWithFunctions();
  await workbook.insertSheet({
    name: 'My plan',
    cells: [[{ value: 'Revenue' }, { value: 100 }]],
    rows: 1,
    cols: 2,
    formats: [],
    validations: [],
    conditionalFormats: [],
    namedRanges: [{ name: 'MyRevenue', range: { row: 0, col: 1, rows: 1, cols: 1 } }],
    charts: [],
    columnWidths: [],
    frozenRows: 0,
    frozenCols: 0,
  });
  const sheets = await workbook.sheetNames();
  const names = await workbook.namedRangeNames();
  const report = await runAsync(
    runSelfTestTask({
      ...CLOCK,
      functions: FUNCTIONS,
      host: { name: 'SE Toolkit preview', version: 'test' },
    }),
    workbook,
  );
  expect(report.checks.filter((c) => !c.ok)).toEqual([]);
  expect(report.passed).toBe(true);
  for (const f of FUNCTIONS)
    expect(report.checks.some((c) => c.name.startsWith(`${f.sheetsName}: `) && c.ok)).toBe(true);
  expect(await workbook.sheetNames()).toEqual(sheets);
  expect(await workbook.namedRangeNames()).toEqual(names);
  expect(await workbook.readNamedRange('MyRevenue')).toEqual([[100]]);
});
