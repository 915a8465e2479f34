/**
 * The self-test in the Sheets simulator: the BUILT dist/sheets-addon/Code.js in a vm over the fake
 * SpreadsheetApp, called as the sidebar calls it (google.script.run → the generated seHost_runSelfTest, JSON
 * in and out), its formulas computed by Code.js's own top-level SE_* functions. It passes on a healthy build,
 * reports the host and the build's version; when the engine computes one function wrongly or refuses one write
 * it fails naming that check; either way the spreadsheet ends with exactly the sheets and names it had.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { repoRoot } from '../bundle/builtFiles';
import type { SelfTestReport } from '../../src/selfTest/report';
import {
  CLOCK,
  FUNCTIONS,
  sheetsAndNames,
  sheetsSelfTestHost,
  type SheetsSelfTestHost,
} from './selfTestHosts';

/** google.script.run's way: the request parsed in the script's realm, the answer serialized back. */
function callServer(host: SheetsSelfTestHost, request: unknown): SelfTestReport {
  const realmJson = vm.runInContext('JSON', host.context) as JSON;
  const fn = host.context.seHost_runSelfTest as (r: unknown) => unknown;
  if (typeof fn !== 'function') throw new Error('Code.js has no top-level seHost_runSelfTest');
  return JSON.parse(JSON.stringify(fn(realmJson.parse(JSON.stringify(request))))) as SelfTestReport;
}

function withUserSheets(host: SheetsSelfTestHost): void {
  host.model.setContents('Sheet1', 0, 0, [['Revenue', 100]]);
  host.model.addName('MyRevenue', 'Sheet1', { row: 0, col: 1, rows: 1, cols: 1 });
  host.model.addSheet('SE self-test 01.30');
  host.model.setContents('SE self-test 01.30', 0, 0, [['mine']]);
}

const failed = (report: SelfTestReport) => report.checks.filter((c) => !c.ok);
const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string })
  .version;

describe('self-test in the Sheets simulator (built Code.js)', () => {
  it('passes on a healthy build, with every registered function, the host and the version', () => {
    const host = sheetsSelfTestHost();
    withUserSheets(host);
    const before = sheetsAndNames(host.model);
    const userCells = host.model.snapshot();
    // On their own sheet that is not the first (removing the active sheet shows the first one).
    host.app.spreadsheet.activeSheet = 'SE self-test 01.30';
    host.app.spreadsheet.activeRange = { row: 0, col: 0, rows: 1, cols: 1 };
    const report = callServer(host, CLOCK);
    expect(failed(report)).toEqual([]);
    // The user is back on the sheet they were on.
    expect(host.app.spreadsheet.activeSheet).toBe('SE self-test 01.30');
    expect(report.passed).toBe(true);
    expect(report.host).toBe('Google Sheets (Apps Script)');
    expect(report.hostVersion).toMatch(/no version API/);
    expect(report.addinVersion).toBe(version);
    expect(report.naming).toBe('sheets');
    for (const f of FUNCTIONS)
      expect(report.checks.some((c) => c.name.startsWith(`${f.sheetsName}: `) && c.ok)).toBe(true);
    expect(report.checks.find((c) => c.name.startsWith('Quarterly review'))?.ok).toBe(true);
    expect(report.cleanedUp).toBe(true);
    expect(sheetsAndNames(host.model)).toEqual(before);
    expect(host.model.snapshot()).toEqual(userCells);
  });

  it('fails naming the function computed wrongly, and still removes everything', () => {
    const host = sheetsSelfTestHost();
    withUserSheets(host);
    const before = sheetsAndNames(host.model);
    // A host whose SE_FORECAST is off by one.
    const right = host.model.customFunctions.get('SE_FORECAST');
    if (right === undefined) throw new Error('SE_FORECAST is not registered');
    host.model.customFunctions.set('SE_FORECAST', (...args) =>
      (right(...args) as unknown[][]).map((r) => r.map((v) => (typeof v === 'number' ? v + 1 : v))),
    );
    const report = callServer(host, CLOCK);
    expect(report.passed).toBe(false);
    expect(failed(report).map((c) => c.name)).toEqual([
      'SE_FORECAST: seed actuals over 12 periods, run rate 1200',
      'SE_FORECAST: seed actuals over 12 periods, trend 9600/7',
    ]);
    expect(failed(report)[0].detail).toMatch(/expected 1200, found 1201/);
    expect(report.cleanedUp).toBe(true);
    expect(sheetsAndNames(host.model)).toEqual(before);
  });

  it('fails naming the write refused, and still removes everything', () => {
    const host = sheetsSelfTestHost();
    withUserSheets(host);
    const before = sheetsAndNames(host.model);
    const userCells = host.model.snapshot();
    // Refused: the first values written once the scratch sheet is made (its note in A1), the functions' own.
    // (The user's own "SE self-test 01.30" makes the scratch one "SE self-test 01.30 (2)".)
    const scratch = 'SE self-test 01.30 (2)';
    const made = () =>
      host.model.hasSheet(scratch) &&
      String(host.model.values(scratch, { row: 0, col: 0, rows: 1, cols: 1 })[0][0]).startsWith(
        'SE Toolkit self-test',
      );
    const write = host.app.write.bind(host.app);
    let planted = false;
    host.app.write = (operation: string) => {
      if (!planted && operation === 'setValues' && made()) {
        planted = true;
        host.model.failOn('setValues');
      }
      write(operation);
    };
    const report = callServer(host, CLOCK);
    expect(planted).toBe(true);
    expect(report.passed).toBe(false);
    const write0 = report.checks.find((c) => c.name === 'Write the function formulas');
    expect(write0?.ok).toBe(false);
    expect(write0?.detail).toMatch(/simulated failure in setValues/);
    // The functions are reported as not run, the rest passed.
    expect(failed(report).every((c) => c === write0 || /not run/.test(c.detail))).toBe(true);
    expect(report.checks.find((c) => c.name.startsWith('Monthly review'))?.ok).toBe(true);
    expect(report.cleanedUp).toBe(true);
    expect(sheetsAndNames(host.model)).toEqual(before);
    expect(host.model.snapshot()).toEqual(userCells);
  });
});
