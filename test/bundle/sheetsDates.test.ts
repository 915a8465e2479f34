/**
 * Issue 10, defect 13: a date cell passed to a custom function in Sheets arrives as a Date at midnight on the
 * spreadsheet's clock; the message must name the day the user sees, not its UTC day. Run through the built
 * Code.js with the fake SpreadsheetApp (a spreadsheet in Paris, +01:00 in March, and one in Los Angeles).
 */
import { join } from 'node:path';
import vm from 'node:vm';
import { FakeSpreadsheetApp } from '../simulators/fakeSpreadsheetApp';
import { readBuilt, sheetsDist } from './builtFiles';

const codeText = readBuilt(join(sheetsDist, 'Code.js'));

function load(timeZone: string) {
  const fake = new FakeSpreadsheetApp(undefined, { timeZone });
  const context = vm.createContext(fake.globals());
  vm.runInContext(codeText, context, { filename: 'Code.gs' });
  const call = (name: string, ...args: unknown[]): string => {
    const fn = context[name] as (...a: unknown[]) => unknown;
    try {
      fn(...args);
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error(`${name} did not fail`);
  };
  return { fake, call };
}

// The instants Sheets hands over for a 2026-03-01 cell: midnight on the spreadsheet's clock.
const MARCH_1_IN_PARIS = new Date(Date.UTC(2026, 1, 28, 23, 0, 0)); // 00:00 at +01:00
const MARCH_1_IN_LOS_ANGELES = new Date(Date.UTC(2026, 2, 1, 8, 0, 0)); // 00:00 at -08:00

test('a single date cell is named by its day on the spreadsheet clock (Paris, ahead of UTC)', () => {
  const { call } = load('Europe/Paris');
  const message = call('SE_SCORE', MARCH_1_IN_PARIS, 4);
  expect(message).toContain('a date (2026-03-01)');
  expect(message).not.toContain('2026-02-28');
});

test('a date inside a range is named by its day on the spreadsheet clock', () => {
  const { call } = load('Europe/Paris');
  const message = call('SE_TREND', [[10], [MARCH_1_IN_PARIS], [12]]);
  expect(message).toContain('a date (2026-03-01)');
  expect(message).toContain('period 2');
});

test('behind UTC too: a Los Angeles sheet names the same day', () => {
  const { call } = load('America/Los_Angeles');
  expect(call('SE_STATUS', MARCH_1_IN_LOS_ANGELES, 100)).toContain('a date (2026-03-01)');
});

test('the time zone is asked only when a failing call holds a date', () => {
  const { fake, call } = load('Europe/Paris');
  fake.calls.reset();
  expect(call('SE_SCORE', 'n/a', 4)).toContain('"n/a"');
  expect(fake.calls.log).not.toContain('Spreadsheet.getSpreadsheetTimeZone');
  call('SE_SCORE', MARCH_1_IN_PARIS, 4);
  expect(fake.calls.log).toContain('Spreadsheet.getSpreadsheetTimeZone');
});
