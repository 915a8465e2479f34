/**
 * readAndAppend in Sheets holds the document lock from its read to its flush: two people saving at once (two
 * executions over one spreadsheet sharing the lock, the second started at every service call of the first) both
 * land whole, and each one's rows are built from the log as it was when they were written — the later save
 * saw the earlier one's rows. Without the lock some interleaving breaks that (so the test can fail).
 */
import { SheetsWorkbook } from '../../sheets-addon/sheetsWorkbook';
import type { LockServiceApi } from '../../sheets-addon/appsScriptApi';
import type { PlanCell } from '../../src/templates/sheetPlan';
import type { ManyRead } from '../../src/workbook';
import { FakeSpreadsheetApp } from '../simulators/fakeSpreadsheetApp';
import { SpreadsheetModel } from '../simulators/spreadsheetModel';

function logSheet(): { fake: FakeSpreadsheetApp; model: SpreadsheetModel } {
  const fake = new FakeSpreadsheetApp(new SpreadsheetModel());
  new SheetsWorkbook(fake, fake.lockService, fake.utilities).insertSheet({
    name: 'Log',
    cells: [
      [{ value: 'Who' }, { value: 'Saw' }],
      [{ value: 'Ann' }, { value: 0 }],
    ],
    rows: 2,
    cols: 2,
    formats: [],
    validations: [],
    conditionalFormats: [],
    namedRanges: [{ name: 'SE_Log', range: { row: 0, col: 0, rows: 1, cols: 2 } }],
    columnWidths: [],
    frozenRows: 0,
    frozenCols: 0,
    charts: [],
  });
  return { fake, model: fake.model };
}

/** A save: as many rows as asked, each saying how many rows the log had when this save read it. */
function build(who: string, count: number) {
  return (read: ManyRead) => {
    const seen = (read.tables.SE_Log?.values.length ?? 1) - 1;
    return {
      rows: Array.from({ length: count }, (): PlanCell[] => [{ value: who }, { value: seen }]),
    };
  };
}

const noLock: LockServiceApi = {
  getDocumentLock: () => ({ waitLock: () => undefined, releaseLock: () => undefined, hasLock: () => true }),
};

function interleave(at: number, locking: boolean) {
  const first = logSheet();
  first.fake.requireLock = locking;
  const second = new FakeSpreadsheetApp(first.model, {
    documentLock: first.fake.lockService.document,
    requireLock: locking,
  });
  const wbFirst = new SheetsWorkbook(
    first.fake,
    locking ? first.fake.lockService : noLock,
    first.fake.utilities,
  );
  const wbSecond = new SheetsWorkbook(second, locking ? second.lockService : noLock, second.utilities);
  let waited = 0;
  const runSecond = () => {
    second.calls.reset();
    try {
      wbSecond.readAndAppend({ tables: ['SE_Log'] }, 'SE_Log', build('Bob', 3));
    } catch (error) {
      if (!second.calls.log.every((c) => c === 'LockService.getDocumentLock' || c === 'Lock.waitLock'))
        // eslint-disable-next-line preserve-caught-error -- the test's lib has no ErrorOptions; the message says it
        throw new Error(
          `the second execution did ${second.calls.log.join(', ')} before waiting (${String(error)})`,
        );
      waited++;
      first.fake.lockService.document.afterRelease.push(runSecond);
    }
  };
  first.fake.lockService.document.whenBlocked = () => undefined;
  let started = false;
  first.fake.calls.reset();
  first.fake.calls.beforeCall = (_name, index) => {
    if (index !== at || started) return;
    started = true;
    runSecond();
  };
  wbFirst.readAndAppend({ tables: ['SE_Log'] }, 'SE_Log', build('Cy', 2));
  first.fake.calls.beforeCall = null;
  if (!started) runSecond();
  const values = first.model.values('Log', { row: 0, col: 0, rows: 8, cols: 2 });
  return { values, waited };
}

const callsInOneSave = (() => {
  const { fake } = logSheet();
  fake.calls.reset();
  new SheetsWorkbook(fake, fake.lockService, fake.utilities).readAndAppend(
    { tables: ['SE_Log'] },
    'SE_Log',
    build('Cy', 2),
  );
  return fake.calls.total;
})();

/** Whether the log is whole and each save's rows say the log's length just above them. */
function consistent(values: unknown[][]): boolean {
  const body = values.slice(1).filter((r) => r[0] !== null && r[0] !== '');
  if (body.length !== 6) return false;
  return body.every((r) => r[0] === 'Ann' || r[1] === body.findIndex((b) => b[0] === r[0]));
}

test.each(Array.from({ length: callsInOneSave + 1 }, (_, i) => i))(
  'with the document lock, the second save starting at call %i of the first: both land, each built on the log it was written to',
  (at) => {
    const { values } = interleave(at, true);
    expect(values.slice(0, 1)).toEqual([['Who', 'Saw']]);
    const body = values.slice(1, 7);
    expect(body.map((r) => r[0]).sort()).toEqual(['Ann', 'Bob', 'Bob', 'Bob', 'Cy', 'Cy']);
    expect(consistent(values)).toBe(true);
  },
);

test('some of those starting points found the lock taken and waited for it', () => {
  const waits = Array.from({ length: callsInOneSave + 1 }, (_, at) => interleave(at, true).waited);
  expect(waits.filter((w) => w > 0).length).toBeGreaterThan(callsInOneSave / 2);
});

test('without the lock, some interleaving builds rows on a log that changed before they were written', () => {
  const broken = Array.from({ length: callsInOneSave + 1 }, (_, at) => interleave(at, false)).filter(
    ({ values }) => !consistent(values),
  );
  expect(broken.length).toBeGreaterThan(0);
});
