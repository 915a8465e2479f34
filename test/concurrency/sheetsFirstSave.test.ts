/**
 * Two first saves in Google Sheets at once (issue 10, defect 13: "two first saves can leave an empty Review Log
 * (2)"). Each save reads the log, finds none, inserts one and appends. Under the document lock each step is
 * safe, but "find none" and "insert" were two holds of the lock: the second save inserted "Review Log (2)" and
 * appended to the first one's log, leaving an empty sheet. The save now inserts "unless the name exists",
 * checked in the same hold of the lock as the insert.
 *
 * Two executions over one spreadsheet (two fake apps over one model, sharing the document lock); the second
 * starts at every service call of the first, and waits for the lock when the first holds it (as in
 * test/sheets/sheetsWorkbook.test.ts).
 */
import { SheetsWorkbook } from '../../sheets-addon/sheetsWorkbook';
import { REVIEW_LOG_HEADERS, REVIEW_LOG_NAMES, reviewLog } from '../../src/templates/reviewLog';
import type { PlanCell } from '../../src/templates/sheetPlan';
import type { InsertOptions } from '../../src/workbook';
import { FakeSpreadsheetApp } from '../simulators/fakeSpreadsheetApp';
import { SpreadsheetModel } from '../simulators/spreadsheetModel';

const LOG = REVIEW_LOG_NAMES.table;
const HEADERS: readonly string[] = REVIEW_LOG_HEADERS;

function logRow(who: string, i: number): PlanCell[] {
  return HEADERS.map((h) => ({ value: h === 'Due date' ? 46300 + i : `${who}/${h}/${i}` }));
}

/**
 * The app's first save, as the Apps Script server runs it, one step after another: read the log; insert one if
 * there was none; append. A step blocked on the document lock (the fake throws LockWouldBlock instead of
 * blocking) is run again from that step once the lock is released, which is what waiting in waitLock does.
 */
class Save {
  private step = 0;
  private logMissing = false;
  constructor(
    private readonly workbook: SheetsWorkbook,
    private readonly who: string,
    private readonly insert: InsertOptions,
  ) {}

  run(): void {
    if (this.step === 0) {
      this.logMissing = this.workbook.readTable(LOG) === null;
      this.step = 1;
    }
    if (this.step === 1) {
      if (this.logMissing) this.workbook.insertSheet(reviewLog.render({ examples: false }), this.insert);
      this.step = 2;
    }
    if (this.step === 2) {
      const rows = [logRow(this.who, 0), logRow(this.who, 1)];
      this.workbook.appendRows(LOG, rows, { headers: HEADERS });
      this.step = 3;
    }
  }
}

function interleave(at: number, insert: InsertOptions) {
  const first = new FakeSpreadsheetApp(new SpreadsheetModel());
  const second = new FakeSpreadsheetApp(first.model, { documentLock: first.lockService.document });
  const mine = new Save(new SheetsWorkbook(first, first.lockService, first.utilities), 'ann', insert);
  const theirs = new Save(new SheetsWorkbook(second, second.lockService, second.utilities), 'bob', insert);
  const document = first.lockService.document;
  // waitLock tells the lock it would block (the adapter then reports a timeout, which the test discards).
  let blocked = false;
  document.whenBlocked = () => {
    blocked = true;
  };
  const runSecond = (): void => {
    blocked = false;
    try {
      theirs.run();
    } catch (error) {
      if (!blocked) throw error;
      document.afterRelease.push(runSecond);
    }
  };
  let started = false;
  first.calls.reset();
  first.calls.beforeCall = (_name, index) => {
    if (index !== at || started) return;
    started = true;
    runSecond();
  };
  mine.run();
  first.calls.beforeCall = null;
  if (!started) runSecond();
  return first.model;
}

const callsInOneSave = (() => {
  const fake = new FakeSpreadsheetApp(new SpreadsheetModel());
  fake.calls.reset();
  new Save(new SheetsWorkbook(fake, fake.lockService, fake.utilities), 'ann', { unlessNamed: LOG }).run();
  return fake.calls.total;
})();

function logSheets(model: SpreadsheetModel) {
  return model.sheetNames().filter((n) => n.startsWith('Review Log'));
}

test.each(Array.from({ length: callsInOneSave + 1 }, (_, i) => i))(
  'the second first-save starting at call %i of the first: one Review Log, holding both saves',
  (at) => {
    const model = interleave(at, { unlessNamed: LOG });
    expect(logSheets(model)).toEqual(['Review Log']);
    const month = model
      .values('Review Log', { row: 0, col: 0, rows: 12, cols: 1 })
      .map(([v]) => v)
      .filter((v) => typeof v === 'string' && /^(ann|bob)\//.test(v));
    expect([...month].sort()).toEqual(['ann/Month/0', 'ann/Month/1', 'bob/Month/0', 'bob/Month/1']);
  },
);

test('without "unless the name exists", some interleaving leaves an empty Review Log (2) (so the test above can fail)', () => {
  const extra = Array.from({ length: callsInOneSave + 1 }, (_, at) => interleave(at, {})).filter(
    (model) => logSheets(model).length > 1,
  );
  expect(extra.length).toBeGreaterThan(0);
});
