/**
 * The second half of issue 9's first "Done when": the random trackers of the LibreOffice property test, inserted
 * into the Sheets simulator (the SheetsWorkbook adapter over the fake SpreadsheetApp) and the Excel simulator (the
 * ExcelWorkbook adapter over the fake Excel), give the same monthly review on both hosts, and that review is the
 * measure model's: every CSF's status, flag, through-month and figures equal csfFigures() of its cells, and no
 * computed cell on either sheet disagrees with the model (the review would name it as typed over).
 *
 * The simulators compute the template's formulas with HyperFormula, a second engine beside LibreOffice.
 */
import { ExcelWorkbook } from '../../excel-addin/excelWorkbook';
import { SheetsWorkbook } from '../../sheets-addon/sheetsWorkbook';
import { asyncHost } from '../../src/app/hostApi';
import type { ReviewData } from '../../src/app/review';
import type { CsfMonth } from '../../src/review/monthly';
import { csfTracker } from '../../src/templates/csfTracker';
import { asyncWorkbook, type Workbook } from '../../src/workbook';
import { FakeExcel } from '../simulators/fakeExcel';
import { FakeSpreadsheetApp } from '../simulators/fakeSpreadsheetApp';
import { SpreadsheetModel } from '../simulators/spreadsheetModel';
import { expectedFigures, trackerCases, trackerPlan, type TrackerCase } from './trackerCases';

/** The LibreOffice property test's trackers, all of them: the same seed and count. */
const SEED = 20_261_109;
const TRACKERS = 1000;
const today = '2026-08-03';
const cases = trackerCases(TRACKERS, SEED);

/** The tracker with its named ranges, as inserting it from the add-in would leave it. */
function insertable(t: TrackerCase) {
  const names = csfTracker.render({ examples: false, rows: t.csfs.length }).namedRanges;
  return { ...trackerPlan(t, 'CSF Tracker'), namedRanges: names };
}

function sheetsWorkbook(): Workbook {
  const fake = new FakeSpreadsheetApp(new SpreadsheetModel());
  return asyncWorkbook(new SheetsWorkbook(fake, fake.lockService, fake.utilities));
}

function excelWorkbook(): Workbook {
  return new ExcelWorkbook(new FakeExcel(new SpreadsheetModel()).asExcelRun());
}

/** The tracker inserted through the host's adapter, then the monthly review loaded as the sidebar loads it. */
async function review(workbook: Workbook, t: TrackerCase): Promise<ReviewData> {
  await workbook.insertSheet(insertable(t));
  return asyncHost(workbook).loadReview({ today });
}

const close = (got: number | null, want: number | null): boolean =>
  got === null || want === null
    ? got === want
    : Math.abs(got - want) <= 1e-9 * Math.max(1, Math.abs(got), Math.abs(want));

/** Where a host's review of one CSF differs from the model, in words. */
function differences(c: CsfMonth, t: TrackerCase, reviewMonth: number): string[] {
  const expected = expectedFigures(t).rows.find((r) => r.csf.csf.trim() === c.csf && r.figures !== null);
  if (expected === undefined) return [`${c.csf}: not a CSF of the case`];
  const f = expected.figures!;
  const out: string[] = [];
  const same = (what: string, got: unknown, want: unknown) => {
    const ok =
      typeof got === 'number' || typeof want === 'number'
        ? close(got as number | null, want as number | null)
        : got === want;
    if (!ok) out.push(`${c.csf} ${what}: review ${JSON.stringify(got)}, model ${JSON.stringify(want)}`);
  };
  same('as of', c.asOf, reviewMonth);
  same('status', c.status, f.status);
  same('flag', c.flag, f.flag);
  same('through', c.through, f.through);
  same('YTD target', c.ytdTarget, f.ytdTarget);
  same('YTD actual', c.ytdActual, f.ytdActual);
  same('variance', c.variance, f.variance);
  same('side', c.favourable, f.favourable);
  same('attainment', c.attainment, f.attainment);
  same('forecast', c.forecast, f.forecast);
  same('forecast gap', c.forecastGap, f.forecastGap);
  same('needed', c.needed, f.needed);
  same('trend', c.trend, f.trend);
  if (c.mismatches.length > 0) out.push(`${c.csf}: the sheet disagrees: ${c.mismatches.join(' | ')}`);
  return out;
}

describe('random trackers through the Sheets and Excel simulators', () => {
  const counts = new Map<string, number>();
  const problems: string[] = [];
  let reviewed = 0;

  beforeAll(
    async () => {
      for (const [i, t] of cases.entries()) {
        const named = t.csfs.filter((c) => c.csf.trim() !== '');
        if (named.length === 0) continue;
        const [sheets, excel] = [await review(sheetsWorkbook(), t), await review(excelWorkbook(), t)];
        const reviewMonth = expectedFigures(t).reviewMonth;
        const all = (d: ReviewData) => d.teams.flatMap((team) => team.csfs);
        if (JSON.stringify(sheets.teams) !== JSON.stringify(excel.teams) || sheets.period !== excel.period)
          problems.push(`tracker ${i}: the Sheets and Excel reviews differ`);
        if (sheets.period !== reviewMonth)
          problems.push(`tracker ${i}: reviews month ${sheets.period}, the model says ${reviewMonth}`);
        if (all(sheets).length !== named.length)
          problems.push(`tracker ${i}: ${all(sheets).length} CSFs reviewed of ${named.length}`);
        for (const c of all(sheets))
          problems.push(...differences(c, t, reviewMonth).map((d) => `tracker ${i}: ${d}`));
        for (const c of named) {
          const key = `${c.kind.aggregation} · ${c.kind.input} · ${c.kind.direction} · ${c.kind.sign} · ${c.kind.shape}`;
          counts.set(key, (counts.get(key) ?? 0) + 1);
          reviewed++;
        }
      }
      const byKind = (part: number) => {
        const m = new Map<string, number>();
        for (const [k, n] of counts) {
          const key = k.split(' · ')[part];
          m.set(key, (m.get(key) ?? 0) + n);
        }
        return [...m].map(([k, n]) => `${k} ${n}`).join(', ');
      };
      process.stderr.write(
        `Simulators: ${cases.length} trackers, ${reviewed} CSFs reviewed on both hosts\n` +
          ['aggregation', 'input', 'direction', 'sign of target', 'shape']
            .map((what, part) => `  ${what}: ${byKind(part)}`)
            .join('\n') +
          '\n',
      );
    },
    15 * 60 * 1000,
  );

  it('covers every aggregation, input, direction, sign of target and shape', () => {
    const seen = (part: number) => new Set([...counts.keys()].map((k) => k.split(' · ')[part]));
    expect([...seen(0)].sort()).toEqual(['Average', 'Last', 'Sum']);
    expect([...seen(1)].sort()).toEqual(['Cumulative', 'Per month']);
    expect([...seen(2)].sort()).toEqual(['down', 'range', 'up']);
    expect(seen(3).size).toBe(3);
    expect(seen(4).size).toBeGreaterThanOrEqual(7);
    expect(reviewed).toBeGreaterThan(TRACKERS);
  });

  it('both hosts give the same review, and it is the measure model’s, cell for cell', () => {
    expect(problems.slice(0, 20)).toEqual([]);
  });
});
