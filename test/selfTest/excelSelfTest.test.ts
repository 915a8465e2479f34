/**
 * The self-test in the Excel simulator: the task over ExcelWorkbook and the fake Excel, whose engine computes
 * SE.* with the BUILT functions.js. It passes on a healthy build; when the engine computes one function wrongly
 * or refuses one write it fails naming that check; and either way the workbook ends with exactly the sheets and
 * names it had, a user's own sheets (one named like a scratch sheet) and names untouched.
 */
import { runAsync } from '../../src/app/task';
import { runSelfTestTask, type RunSelfTestRequest } from '../../src/app/selfTest';
import type { SelfTestReport } from '../../src/selfTest/report';
import { CLOCK, FUNCTIONS, excelSelfTestHost, sheetsAndNames, type ExcelSelfTestHost } from './selfTestHosts';

const request: RunSelfTestRequest = {
  ...CLOCK,
  naming: 'excel',
  functions: FUNCTIONS,
  host: { name: 'Excel', version: '16.0 (simulator)', platform: 'simulator' },
};

/** A user's workbook: a sheet of their own with a name, and a sheet named like the scratch sheet. */
function withUserSheets(host: ExcelSelfTestHost): void {
  host.model.addSheet('My plan');
  host.model.setContents('My plan', 0, 0, [['Revenue', 100]]);
  host.model.addName('MyRevenue', 'My plan', { row: 0, col: 1, rows: 1, cols: 1 });
  // Sheets named as the scratch sheets and the quarter the self-test prepares would be: all must survive.
  for (const sheet of ['SE self-test 01.30', 'SE test 01.30 CSF Tracker', 'Review Q2 FY2026']) {
    host.model.addSheet(sheet);
    host.model.setContents(sheet, 0, 0, [['mine']]);
  }
}

async function run(host: ExcelSelfTestHost): Promise<SelfTestReport> {
  return runAsync(runSelfTestTask(request), host.workbook);
}

const failed = (report: SelfTestReport) => report.checks.filter((c) => !c.ok);

describe('self-test in the Excel simulator (built functions.js)', () => {
  it('passes on a healthy build, covering every registered function, and removes all it made', async () => {
    const host = excelSelfTestHost();
    withUserSheets(host);
    const before = sheetsAndNames(host.model);
    const userCells = host.model.snapshot();
    host.excel.selection = { sheet: 'My plan', area: { row: 0, col: 1, rows: 1, cols: 1 } };
    const report = await run(host);
    expect(failed(report)).toEqual([]);
    // The user is back on the sheet they were on.
    expect(host.excel.activeSheet).toBe('My plan');
    expect(report.passed).toBe(true);
    expect(report.cleanedUp).toBe(true);
    // One check per case at least for every function the build registers, named as Excel names it.
    for (const f of FUNCTIONS)
      expect(report.checks.some((c) => c.name.startsWith(`SE.${f.excelId}: `) && c.ok)).toBe(true);
    for (const title of [
      'CSF Tracker',
      'Activity Funnel',
      'Coaching Log',
      'Review Log',
      'Definitions',
      'SE Scorecard',
    ])
      expect(report.checks.find((c) => c.name === `Template ${title}`)?.ok).toBe(true);
    expect(report.checks.find((c) => c.name.startsWith('Monthly review'))?.ok).toBe(true);
    expect(report.checks.find((c) => c.name.startsWith('Quarterly review'))?.ok).toBe(true);
    expect(report.host).toBe('Excel');
    expect(report.naming).toBe('excel');
    expect(sheetsAndNames(host.model)).toEqual(before);
    expect(host.model.snapshot()).toEqual(userCells);
  });

  it('fails naming the function the engine computes wrongly, and still removes everything', async () => {
    const host = excelSelfTestHost();
    withUserSheets(host);
    const before = sheetsAndNames(host.model);
    const right = host.model.customFunctions.get('SE.STATUS');
    if (right === undefined) throw new Error('SE.STATUS is not registered');
    // A host that computes SE.STATUS wrongly: every status comes back as "On track".
    host.model.customFunctions.set('SE.STATUS', (...args) => {
      const rows = right(...args) as unknown[][];
      return rows.map((r) => r.map(() => 'On track'));
    });
    const report = await run(host);
    expect(report.passed).toBe(false);
    const bad = failed(report).map((c) => c.name);
    expect(bad).toEqual(
      expect.arrayContaining([
        'SE.STATUS: 95 against 100 is At risk',
        'SE.STATUS: 85 against 100 is Off track',
      ]),
    );
    expect(bad.every((n) => n.startsWith('SE.STATUS: '))).toBe(true);
    expect(failed(report).find((c) => c.name.startsWith('SE.STATUS: 95'))?.detail).toMatch(
      /expected "At risk", found "On track"/,
    );
    expect(report.cleanedUp).toBe(true);
    expect(sheetsAndNames(host.model)).toEqual(before);
  });

  it('fails naming the write the host refuses, and still removes everything', async () => {
    const host = excelSelfTestHost();
    withUserSheets(host);
    const before = sheetsAndNames(host.model);
    // Refused once the scratch sheet is made (its note in A1): the next formulas written are the functions'.
    let planted = false;
    // (The user's own "SE self-test 01.30" makes the scratch one "SE self-test 01.30 (2)".)
    const scratch = 'SE self-test 01.30 (2)';
    const made = () =>
      host.model.hasSheet(scratch) &&
      String(host.model.values(scratch, { row: 0, col: 0, rows: 1, cols: 1 })[0][0]).startsWith(
        'SE Toolkit self-test',
      );
    host.excel.beforeSync = () => {
      if (!planted && made()) {
        host.model.failOn('Range.formulas');
        planted = true;
      }
    };
    const report = await run(host);
    expect(planted).toBe(true);
    expect(report.passed).toBe(false);
    const write = report.checks.find((c) => c.name === 'Write the function formulas');
    expect(write?.ok).toBe(false);
    expect(write?.detail).toMatch(/simulated failure in Range\.formulas/);
    // The templates, the review and the quarter still ran and passed; cleanup is complete.
    expect(report.checks.find((c) => c.name.startsWith('Monthly review'))?.ok).toBe(true);
    expect(report.cleanedUp).toBe(true);
    expect(sheetsAndNames(host.model)).toEqual(before);
  });

  it('fails naming the template whose name the host refuses to add, and still removes everything', async () => {
    const host = excelSelfTestHost();
    withUserSheets(host);
    const before = sheetsAndNames(host.model);
    const userCells = host.model.snapshot();
    // The scratch sheets add names only for templates: the first template's first name is refused.
    host.model.failOn('NamedItemCollection.add');
    const report = await run(host);
    expect(failed(report).map((c) => c.name)).toEqual(['Template CSF Tracker']);
    // Without a scratch tracker there is no review or quarter to run: they are not reported as passed.
    expect(report.checks.some((c) => c.name.startsWith('Monthly review'))).toBe(false);
    expect(report.passed).toBe(false);
    expect(report.cleanedUp).toBe(true);
    expect(sheetsAndNames(host.model)).toEqual(before);
    expect(host.model.snapshot()).toEqual(userCells);
  });
});
