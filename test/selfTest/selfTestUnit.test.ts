/**
 * The self-test's own rules, on the preview's workbook: the functions tested come from the list the add-in
 * registered (a function without a case, or a case without a function, is a failed check by name); results a
 * host is still computing (#BUSY!) are read again; the plain-text report says what the UI shows.
 */
import { runSelfTestTask } from '../../src/app/selfTest';
import { runAsync } from '../../src/app/task';
import { selfTestReportText } from '../../src/selfTest/report';
import type { Workbook } from '../../src/workbook';
import { workbookWithFunctions } from '../preview/previewFunctions';
import { CLOCK, FUNCTIONS } from './selfTestHosts';

const host = { name: 'Test host', version: '1.2', platform: 'unit' };

it('fails a registered function that has no case, and a case whose function is not registered', async () => {
  const workbook = workbookWithFunctions();
  const functions = [
    ...FUNCTIONS.filter((f) => f.sheetsName !== 'SE_TREND'),
    { sheetsName: 'SE_NEW', excelId: 'NEW' },
  ];
  const report = await runAsync(runSelfTestTask({ ...CLOCK, functions, host }), workbook);
  expect(report.checks.filter((c) => !c.ok).map((c) => [c.name, c.detail])).toEqual([
    ['SE_TREND', 'the self-test has a case for SE_TREND, but the add-in registers no such function'],
    ['SE_NEW', 'the self-test has no case for this function'],
  ]);
  expect(report.passed).toBe(false);
  expect(report.cleanedUp).toBe(true);
});

it('reads results again while the host still computes them', async () => {
  const memory = workbookWithFunctions();
  let busyReads = 0;
  const workbook: Workbook = {
    ...(Object.fromEntries(
      Object.getOwnPropertyNames(Object.getPrototypeOf(memory))
        .filter((k) => k !== 'constructor')
        .map((k) => [k, (memory as unknown as Record<string, (...a: unknown[]) => unknown>)[k].bind(memory)]),
    ) as unknown as Workbook),
    readBlock: async (sheet, row, col, rows, cols) => {
      const read = await memory.readBlock(sheet, row, col, rows, cols);
      if (sheet.startsWith('SE self-test') && rows > 1 && busyReads < 2) {
        busyReads++;
        return { ...read, values: read.values.map((r) => r.map((v) => (v === null ? v : '#BUSY!'))) };
      }
      return read;
    },
  };
  const report = await runAsync(runSelfTestTask({ ...CLOCK, functions: FUNCTIONS, host }), workbook);
  expect(busyReads).toBe(2);
  expect(report.checks.filter((c) => !c.ok)).toEqual([]);
});

it('fails, saying so, a result the host is still calculating after every read', async () => {
  const memory = workbookWithFunctions();
  let reads = 0;
  const workbook: Workbook = {
    ...(Object.fromEntries(
      Object.getOwnPropertyNames(Object.getPrototypeOf(memory))
        .filter((k) => k !== 'constructor')
        .map((k) => [k, (memory as unknown as Record<string, (...a: unknown[]) => unknown>)[k].bind(memory)]),
    ) as unknown as Workbook),
    readBlock: async (sheet, row, col, rows, cols) => {
      const read = await memory.readBlock(sheet, row, col, rows, cols);
      if (!sheet.startsWith('SE self-test') || rows === 1) return read;
      reads++;
      // SE_TREND's one case never finishes computing.
      const formulas = await memory.readBlock(sheet, row, col, rows, 1);
      return {
        ...read,
        values: read.values.map((r, i) =>
          /SE_TREND/.test(String(formulas.formulas[i]?.[0] ?? '')) ? ['#BUSY!', ...r.slice(1)] : r,
        ),
      };
    },
  };
  const report = await runAsync(runSelfTestTask({ ...CLOCK, functions: FUNCTIONS, host }), workbook);
  expect(reads).toBe(40);
  expect(report.checks.filter((c) => !c.ok).map((c) => c.detail)).toEqual([
    expect.stringMatching(
      /^=SE_TREND\(.*\): A\d+ was still being calculated after 40 reads \(it showed "#BUSY!"\)$/,
    ),
  ]);
  expect(report.cleanedUp).toBe(true);
});

it('writes a plain-text report with the host, its version and the add-in version, one check a line', async () => {
  const report = await runAsync(
    runSelfTestTask({ ...CLOCK, functions: FUNCTIONS, host }),
    workbookWithFunctions(),
  );
  const text = selfTestReportText(report);
  const lines = text.split('\n');
  expect(lines[0]).toBe(`SE Toolkit self-test: PASSED (${report.checks.length} checks)`);
  expect(lines[1]).toBe('Host: Test host, version 1.2 (unit)');
  expect(lines[2]).toMatch(/^Add-in: SE Toolkit .+; functions named as Google Sheets \(SE_SCORE\)$/);
  expect(lines[3]).toBe('Run: 2026-12-01 01:30');
  expect(lines.filter((l) => l.startsWith('PASS  '))).toHaveLength(report.checks.length);
  // Named as Excel names them, the preview's engine (which knows SE_SCORE only) fails each, in words.
  const excel = await runAsync(
    runSelfTestTask({ ...CLOCK, functions: FUNCTIONS, host, naming: 'excel' }),
    workbookWithFunctions(),
  );
  const excelText = selfTestReportText(excel);
  expect(excelText.split('\n')[0]).toMatch(/^SE Toolkit self-test: FAILED \(\d+ of \d+ checks failed\)$/);
  expect(excelText).toMatch(
    /^FAIL {2}SE\.SCORE: 9\/10 plan x 4\/10 execution is 36: =SE\.SCORE\(9, 4\): A\d+ expected 36, found "#NAME\?"$/m,
  );
  expect(text).toContain('PASS  SE_SCORE: 9/10 plan x 4/10 execution is 36: =SE_SCORE(9, 4) gave 36');
});
