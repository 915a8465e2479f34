/**
 * The review core on the CSF Tracker's example rows (period 7, Jul 2026). Every expected figure is worked
 * out by hand from the examples in src/templates/csfTracker.ts, with the arithmetic in the comments.
 */
import { MemoryWorkbook } from '../../preview/memoryWorkbook';
import { templateById } from '../../src/templates';
import { CSF_NAMES } from '../../src/templates/csfTracker';
import type { TableRead } from '../../src/workbook';
import { readSettings, readTracker } from '../../src/review/tracker';
import { latestReportedPeriod, monthlyModel } from '../../src/review/monthly';
import {
  fiscalYearLabel,
  isoToSerial,
  periodIso,
  periodOfIso,
  periodOfSerial,
  serialToIso,
} from '../../src/review/calendar';
import { openActions, readReviewLog } from '../../src/review/reviewLog';
import { quarterPack, quarterPlan } from '../../src/review/quarter';
import { ReviewError } from '../../src/review/reviewError';

async function exampleTracker() {
  const wb = new MemoryWorkbook();
  const plan = templateById('csf-tracker').render({ examples: true, year: 2026 });
  const { name } = await wb.insertSheet(plan);
  const t = plan.namedRanges.find((n) => n.name === CSF_NAMES.table)!.range;
  const table: TableRead = { sheet: name, row: t.row, col: t.col, values: wb.readRange(name, t) };
  const settings = readSettings(
    await wb.readNamedRange(CSF_NAMES.fiscalYearStart),
    await wb.readNamedRange(CSF_NAMES.reviewPeriod),
    await wb.readNamedRange(CSF_NAMES.firstYear),
    1999,
  );
  return { wb, name, table, tracker: readTracker(table, settings) };
}

describe('reading the tracker', () => {
  it('reads the six example CSFs and the settings by name', async () => {
    const { tracker } = await exampleTracker();
    expect(tracker.settings).toEqual({ startMonth: 1, reviewPeriod: 7, firstYear: 2026 });
    expect(tracker.csfs.map((c) => c.csf)).toEqual([
      'Example: Win new logos',
      'Example: Fill the funnel',
      'Example: Sell at a sound cost',
      'Example: Generate demand',
      'Example: Hand over good leads',
      'Example: Spend to plan',
    ]);
    expect(tracker.warnings).toEqual([]);
    expect(latestReportedPeriod(tracker)).toBe(7);
  });

  it('leaves a row with a bad cell out, naming the row and column', async () => {
    const { table, tracker } = await exampleTracker();
    const values = table.values.map((r) => [...r]);
    values[1][8] = 'twelve hundred'; // Annual target of the first example (column I, sheet row 7)
    const again = readTracker({ ...table, values }, tracker.settings);
    expect(again.csfs).toHaveLength(5);
    expect(again.warnings).toEqual([
      '"Example: Win new logos" (row 7) is left out of the review: Annual target must be a number; row 7, column I holds "twelve hundred".',
    ]);
  });

  it('says what to do when there is no tracker or a header is missing', async () => {
    const { table, tracker } = await exampleTracker();
    expect(() => readTracker(null, tracker.settings)).toThrow(ReviewError);
    expect(() => readTracker(null, tracker.settings)).toThrow(
      /no CSF Tracker in this workbook .*Insert one from Templates/,
    );
    const values = table.values.map((r) => [...r]);
    values[0][8] = 'Budget';
    expect(() => readTracker({ ...table, values }, tracker.settings)).toThrow(
      'The CSF Tracker (sheet "CSF Tracker") has no "Annual target" column in its header row (row 6). Restore the header text, or insert a fresh CSF Tracker.',
    );
  });

  it('refuses a broken setting with the setting named', () => {
    expect(() => readSettings([[13]], [[7]], [[2026]], 2026)).toThrow(
      /"Fiscal year starts \(month 1-12\)" must be a whole number from 1 to 12; it holds 13/,
    );
  });
});

describe('the monthly model for Jul 2026 (period 7)', () => {
  it('computes each CSF as worked out by hand, off track first within each team', async () => {
    const { tracker } = await exampleTracker();
    const m = monthlyModel(tracker, 7);
    expect(m.month).toBe('2026-07');
    expect(m.periodLabel).toBe('Jul');
    const sales = m.teams.find((t) => t.team === 'Sales')!;
    // Fill the funnel 442 vs 560 (79%) off track; Sell at a sound cost 154 vs 140 down, within 10% → at risk;
    // Win new logos 700 vs 700 on track.
    expect(sales.csfs.map((c) => [c.csf, c.status])).toEqual([
      ['Example: Fill the funnel', 'Off track'],
      ['Example: Sell at a sound cost', 'At risk'],
      ['Example: Win new logos', 'On track'],
    ]);
    const logos = sales.csfs[2];
    // 80+90+100+95+110+105+120 = 700; target 1200/12·7 = 700; forecast 700/7·12 = 1200; required (1200−700)/5 = 100;
    // last three 110, 105, 120: slope (120−110)/2 = 5 > 2% of 111.67 → Improving.
    expect([logos.ytdActual, logos.ytdTarget, logos.variance, logos.attainment]).toEqual([700, 700, 0, 1]);
    expect(logos.forecast).toBeCloseTo(1200, 9);
    expect(logos.forecastGap).toBeCloseTo(0, 9);
    expect(logos.requiredRate).toBeCloseTo(100, 9);
    expect(logos.trend).toBe('Improving');
    expect([logos.monthActual, logos.monthTarget]).toEqual([120, 100]);
    const funnel = sales.csfs[0];
    // 70+72+65+60+62+58+55 = 442 vs 560: attainment 0.789…; forecast 442/7·12 = 757.71…; required (960−442)/5 = 103.6;
    // last three 62, 58, 55: slope −3.5, |−3.5| > 2% of 58.33 → Worsening.
    expect(funnel.attainment).toBeCloseTo(442 / 560, 12);
    expect(funnel.forecast).toBeCloseTo((442 / 7) * 12, 9);
    expect(funnel.requiredRate).toBeCloseTo(103.6, 9);
    expect(funnel.trend).toBe('Worsening');
    const cost = sales.csfs[1];
    // down: 140/154; last three 24, 23, 25: slope 0.5 > 2% of 24 (0.48) and rising is bad for "down" → Worsening.
    expect(cost.attainment).toBeCloseTo(140 / 154, 12);
    expect(cost.trend).toBe('Worsening');
    const marketing = m.teams.find((t) => t.team === 'Marketing')!;
    // SQLs 416 vs 420 → at risk, last three 66, 62, 64: slope −1 under 2% of 64 (1.28) → Steady;
    // MQLs 1475 vs 1400 → on track; spend 217 vs 210, range ±5% (10.5) → on track, no trend.
    expect(marketing.csfs.map((c) => [c.csf, c.status, c.trend])).toEqual([
      ['Example: Hand over good leads', 'At risk', 'Steady'],
      ['Example: Generate demand', 'On track', 'Improving'],
      ['Example: Spend to plan', 'On track', ''],
    ]);
    // The chart shows the months so far: July's actual, no August yet.
    expect(logos.months[6]).toEqual({ period: 7, label: 'Jul', target: 100, actual: 120 });
    expect(logos.months[7].actual).toBeNull();
  });

  it('judges an earlier month on the months through it', async () => {
    const { tracker } = await exampleTracker();
    const logos = monthlyModel(tracker, 3).teams[0].csfs.find((c) => c.csf === 'Example: Win new logos')!;
    // 80+90+100 = 270 vs 300 → 90% → at risk (exactly the 10% band)
    expect([logos.ytdActual, logos.ytdTarget, logos.status]).toEqual([270, 300, 'At risk']);
  });
});

describe('the Review Log', () => {
  it('an action is open while its latest row says Open or Carried over; overdue by its due date', () => {
    const table: TableRead = {
      sheet: 'Review Log',
      row: 3,
      col: 0,
      values: [
        [
          'Month',
          'Team',
          'CSF',
          'Status',
          'Actual',
          'Target',
          'Variance',
          'Commentary',
          'Action',
          'Owner',
          'Due date',
          'Action status',
          'Reviewer',
          'Saved at',
        ],
        [
          '2026-06',
          'Sales',
          'Fill the funnel',
          'Off track',
          380,
          480,
          -100,
          'why',
          'Joint calls',
          'Ana',
          isoToSerial('2026-07-15'),
          'Open',
          'Bo',
          'x',
        ],
        [
          '2026-06',
          'Sales',
          'Win',
          'On track',
          1,
          1,
          0,
          '',
          'Keep pace',
          'Cy',
          isoToSerial('2026-12-01'),
          'Open',
          'Bo',
          'x',
        ],
        [
          '2026-07',
          'Sales',
          'Win',
          '',
          null,
          null,
          null,
          'Done',
          'Keep pace',
          'Cy',
          isoToSerial('2026-12-01'),
          'Done',
          'Bo',
          'y',
        ],
        [null, null, null, null, null, null, null, null, null, null, null, null, null, null],
      ],
    };
    const rows = readReviewLog(table);
    expect(rows).toHaveLength(3);
    expect(rows[0].due).toBe('2026-07-15');
    const open = openActions(rows, '2026-08-01');
    expect(open).toEqual([
      {
        id: 'sales|fill the funnel|joint calls',
        team: 'Sales',
        csf: 'Fill the funnel',
        action: 'Joint calls',
        owner: 'Ana',
        due: '2026-07-15',
        status: 'Open',
        since: '2026-06',
        overdue: true,
      },
    ]);
  });
});

describe('the calendar', () => {
  it('names months and fiscal years', () => {
    expect(periodIso({ startMonth: 7, firstYear: 2025 }, 7)).toBe('2026-01');
    expect(fiscalYearLabel({ startMonth: 7, firstYear: 2025 })).toBe('FY2026');
    expect(fiscalYearLabel({ startMonth: 1, firstYear: 2026 })).toBe('FY2026');
    expect(periodOfIso({ startMonth: 4, firstYear: 2026 }, '2027-03')).toBe(12);
    expect(periodOfIso({ startMonth: 4, firstYear: 2026 }, '2027-04')).toBeNull();
    expect(periodOfSerial({ startMonth: 1, firstYear: 2026 }, isoToSerial('2026-07-31')!)).toBe(7);
    expect(serialToIso(isoToSerial('2026-02-28')!)).toBe('2026-02-28');
    expect(isoToSerial('2026-02-30')).toBeNull();
  });
});

describe('the quarterly pack for Q3 FY2026', () => {
  it('judges the quarter to date, lists the largest gaps first and writes a summary', async () => {
    const { tracker } = await exampleTracker();
    const pack = quarterPack(tracker, 3, [], [], [], '2026-08-01');
    expect(pack.title).toBe('Review Q3 FY2026');
    // Only July is in: Fill the funnel 55 vs 80 (69%) off track; SQLs 64 vs 60 on track; cost 25 vs 20 down → off.
    const fill = pack.csfs.find((c) => c.csf === 'Example: Fill the funnel')!;
    expect([fill.actual, fill.target, fill.status]).toEqual([55, 80, 'Off track']);
    expect(pack.risks[0].csf).toBe('Example: Fill the funnel');
    expect(pack.risks.every((r) => r.status === 'Off track' || r.status === 'At risk')).toBe(true);
    expect(pack.summary[0]).toMatch(/^Q3 FY2026 \(Jul–Sep\): \d of 6 CSFs on track/);
    expect(pack.summary.join(' ')).toContain(
      'Largest gaps: Example: Fill the funnel (Sales) at 69% of target',
    );
    const plan = quarterPlan(pack, '2026-08-01', 'CSF Tracker');
    expect(plan.name).toBe('Review Q3 FY2026');
    expect(plan.charts).toHaveLength(1);
    expect(plan.charts[0].data.cols).toBe(3);
  });
});
