/**
 * readAndAppend in Excel: one Excel.run (sync 1 names and the log's Excel table, sync 2 the reads, sync 3 the
 * rows). Excel has no lock, so another person's save can land at any sync: run it at every sync of the first
 * (and after), over a log that is already an Excel table and one that is not yet. Whatever the interleaving both
 * saves land whole, each as one block under its headers, and nothing else in the log changes.
 */
import { ExcelWorkbook } from '../../excel-addin/excelWorkbook';
import { REVIEW_LOG_HEADERS, REVIEW_LOG_NAMES, reviewLog } from '../../src/templates/reviewLog';
import type { PlanCell } from '../../src/templates/sheetPlan';
import type { Workbook } from '../../src/workbook';
import { FakeExcel } from '../simulators/fakeExcel';
import { SpreadsheetModel } from '../simulators/spreadsheetModel';

const LOG = REVIEW_LOG_NAMES.table;
const HEADERS: readonly string[] = REVIEW_LOG_HEADERS;

const logRow = (who: string, i: number): PlanCell[] =>
  HEADERS.map((h) => ({ value: h === 'Due date' ? 46300 + i : `${who}/${h}/${i}` }));

const rowsOf = (who: string, count: number) => Array.from({ length: count }, (_, i) => logRow(who, i));

/** The app's save as readAndAppend: read the log and build the rows on it. */
const saveA = (wb: Workbook) =>
  wb.readAndAppend({ tables: [LOG] }, LOG, (read) =>
    read.tables[LOG] === null ? null : { rows: rowsOf('ann', 3), options: { headers: HEADERS } },
  );
const saveB = (wb: Workbook) => wb.appendRows(LOG, rowsOf('bob', 2), { headers: HEADERS });

async function people(alreadyTable: boolean) {
  const model = new SpreadsheetModel();
  const a = new FakeExcel(model);
  const b = new FakeExcel(model);
  const workbookA = new ExcelWorkbook(a.asExcelRun());
  const workbookB = new ExcelWorkbook(b.asExcelRun());
  await workbookA.insertSheet(reviewLog.render({ examples: false }));
  if (alreadyTable) await workbookA.appendRows(LOG, rowsOf('old', 1), { headers: HEADERS });
  return { model, a, workbookA, workbookB };
}

async function run(alreadyTable: boolean, at: number) {
  const p = await people(alreadyTable);
  let b: Promise<unknown> | null = null;
  p.a.syncs = 0;
  p.a.beforeSync = async (index) => {
    if (index !== at || b !== null) return;
    b = saveB(p.workbookB);
    await b;
  };
  const a = await saveA(p.workbookA);
  const syncs = p.a.syncs;
  p.a.beforeSync = null;
  if (b === null) b = saveB(p.workbookB);
  await b;
  const table = (await p.workbookA.readTable(LOG))?.values ?? [];
  const month = HEADERS.indexOf('Month');
  const tags = table
    .slice(1)
    .filter((r) => r.some((v) => v !== null))
    .map((r) => String(r[month]));
  return { a, tags, table, syncs };
}

describe.each([
  ['a log not yet an Excel table (the first save makes it)', false],
  ['a log already saved to', true],
])('%s', (_what, alreadyTable) => {
  test('the other person saving at every sync of the first: both land whole, as blocks, under their headers', async () => {
    const alone = await run(alreadyTable, 99);
    expect(alone.syncs).toBe(3);
    const failed: string[] = [];
    for (let at = 0; at <= alone.syncs; at++) {
      const { a, tags, table } = await run(alreadyTable, at);
      try {
        expect(a.appended?.count).toBe(3);
        const ann = tags.indexOf('ann/Month/0');
        const bob = tags.indexOf('bob/Month/0');
        expect(tags.slice(ann, ann + 3)).toEqual(['ann/Month/0', 'ann/Month/1', 'ann/Month/2']);
        expect(tags.slice(bob, bob + 2)).toEqual(['bob/Month/0', 'bob/Month/1']);
        expect(tags.filter((t) => !/^(ann|bob)\//.test(t))).toEqual(alreadyTable ? ['old/Month/0'] : []);
        expect(tags).toHaveLength(alreadyTable ? 6 : 5);
        for (const r of table.slice(1)) {
          const tag = String(r[HEADERS.indexOf('Month')]);
          if (!/^(ann|bob)\//.test(tag)) continue;
          const [who, , i] = tag.split('/');
          HEADERS.forEach((h, c) =>
            expect(r[c]).toEqual(h === 'Due date' ? 46300 + Number(i) : `${who}/${h}/${i}`),
          );
        }
      } catch (error) {
        failed.push(`at sync ${at}: ${(error as Error).message}`);
      }
    }
    expect(failed).toEqual([]);
  });
});
