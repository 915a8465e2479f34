/**
 * The review over the CSF Tracker's own example rows, inserted into a workbook and read back as the app reads
 * it (period 7, Jul 2026). Every expected figure is worked out by hand from the examples in
 * src/templates/csfTracker.ts with SPEC §0, the arithmetic in the comments.
 */
import { MemoryWorkbook } from '../../preview/memoryWorkbook';
import { asyncHost } from '../../src/app/hostApi';
import { templateById } from '../../src/templates';
import { CSF_COLUMNS, CSF_FIRST_DATA_ROW } from '../../src/templates/csfTracker';
import {
  fiscalYearLabel,
  isoToSerial,
  periodIso,
  periodOfIso,
  periodOfSerial,
  serialToIso,
} from '../../src/review/calendar';
import { a1 } from '../../src/templates/a1';

const today = '2026-08-03';

async function examples() {
  const wb = new MemoryWorkbook();
  await wb.insertSheet(templateById('csf-tracker').render({ examples: true, year: 2026 }));
  return { wb, host: asyncHost(wb) };
}

describe('the monthly review of the examples, July 2026', () => {
  it('opens on July (the review month is blank: the latest reported), off track first in each team', async () => {
    const { host } = await examples();
    const data = await host.loadReview({ today });
    expect([data.period, data.sheetPeriod, data.month, data.fiscalYear]).toEqual([7, 7, '2026-07', 'FY2026']);
    expect(data.warnings).toEqual([]);
    expect(data.teams.map((t) => [t.team, t.csfs.map((c) => [c.csf, c.status])])).toEqual([
      [
        'Sales',
        [
          // 70+72+65+60+62+58+55 = 442 < 560 × 0.9 → Off track.
          ['Example: Fill the funnel', 'Off track'],
          // 19+21+20+22+24+23+22 = 151 ≤ 140 × 1.1 = 154 → At risk.
          ['Example: Sell at a sound cost', 'At risk'],
          // Running totals to 700 against 7 × 100 → On track.
          ['Example: Win new logos', 'On track'],
        ],
      ],
      [
        'Marketing',
        [
          // (27+29+28+31+30+32+33)% / 7 = 30% against 32%, ≥ 32% × 0.9 = 28.8% → At risk.
          ['Example: Hand over good leads', 'At risk'],
          // July still blank.
          ['Example: Generate demand', 'Awaiting actual'],
          // 217 against 210 within ±5% (10.5) → On track.
          ['Example: Spend to plan', 'On track'],
        ],
      ],
    ]);
    // The sheet's computed cells agree with the review everywhere.
    expect(data.teams.flatMap((t) => t.csfs.flatMap((c) => c.mismatches))).toEqual([]);
  });

  it('computes each kind of CSF as worked out by hand', async () => {
    const { host } = await examples();
    const csfs = (await host.loadReview({ today })).teams.flatMap((t) => t.csfs);
    const find = (name: string) => csfs.find((c) => c.csf === `Example: ${name}`)!;

    // Cumulative 80, 170, 270, 365, 475, 580, 700 → months 80, 90, 100, 95, 110, 105, 120; targets 100 × p
    // → 100 a month. YTD 700 of 700; forecast 700 / 7 × 12 = 1200; needed (1200 − 700) / 5 = 100;
    // last three 110, 105, 120: slope 5 > 2% of 111.7 → Improving.
    const logos = find('Win new logos');
    expect(logos.months.slice(0, 7).map((m) => m.actual)).toEqual([80, 90, 100, 95, 110, 105, 120]);
    expect([logos.ytdActual, logos.ytdTarget, logos.variance, logos.attainment, logos.trend]).toEqual([
      700,
      700,
      0,
      1,
      'Improving',
    ]);
    expect(logos.forecast).toBeCloseTo(1200, 9);
    expect(logos.needed).toBeCloseTo(100, 9);

    // 442 of 560: forecast 442 / 7 × 12; needed (960 − 442) / 5 = 103.6; 62, 58, 55 → Worsening.
    const funnel = find('Fill the funnel');
    expect(funnel.attainment).toBeCloseTo(442 / 560, 12);
    expect(funnel.forecast).toBeCloseTo((442 / 7) * 12, 9);
    expect(funnel.needed).toBeCloseTo(103.6, 9);
    expect(funnel.trend).toBe('Worsening');

    // A cost: 151 against 140, 11 over; 140/151; at most (240 − 151) / 5 = 17.8 a month; 24, 23, 22 falls → Improving.
    const cost = find('Sell at a sound cost');
    expect([cost.variance, cost.favourable, cost.trend]).toEqual([11, false, 'Improving']);
    expect(cost.attainment).toBeCloseTo(140 / 151, 12);
    expect(cost.needed).toBeCloseTo(17.8, 9);

    // Through June: 180+190+210+220+205+230 = 1235 against 6 × 200.
    const demand = find('Generate demand');
    expect([demand.awaiting, demand.throughLabel, demand.ytdActual, demand.ytdTarget, demand.basis]).toEqual([
      true,
      'Jun',
      1235,
      1200,
      'YTD through Jun',
    ]);

    // A rate, averaged: 210% / 7 = 30% against 32%; the year at this pace 30%; to average 32% the last five
    // months need (32% × 12 − 210%) / 5 = 174% / 5 = 34.8%; 30, 32, 33 % → Improving.
    const rate = find('Hand over good leads');
    expect(rate.ytdActual).toBeCloseTo(0.3, 12);
    expect(rate.ytdTarget).toBeCloseTo(0.32, 12);
    expect(rate.forecast).toBeCloseTo(0.3, 12);
    expect(rate.needed).toBeCloseTo(0.348, 12);
    expect(rate.trend).toBe('Improving');

    // A range: no trend.
    expect(find('Spend to plan').trend).toBe('');
  });

  it('reviewing January shows January, and says the sheet is as of July', async () => {
    const { host } = await examples();
    const data = await host.loadReview({ today, period: 1 });
    expect([data.period, data.sheetPeriod]).toEqual([1, 7]);
    const logos = data.teams.flatMap((t) => t.csfs).find((c) => c.csf === 'Example: Win new logos')!;
    // January: 80 against 100 → Off track; forecast 80 × 12; needed (1200 − 80) / 11; no trend from one month.
    expect([logos.ytdActual, logos.ytdTarget, logos.status, logos.forecast, logos.trend]).toEqual([
      80,
      100,
      'Off track',
      960,
      '',
    ]);
    expect(logos.needed).toBeCloseTo(1120 / 11, 9);
    // The sheet is computed as of July, so its cells are not held against January's figures.
    expect(data.teams.flatMap((t) => t.csfs.flatMap((c) => c.mismatches))).toEqual([]);
  });

  it('names a computed cell typed over, and shows the tracker’s figure', async () => {
    const { wb, host } = await examples();
    // Win new logos is the first example row; its YTD actual typed over with 540.
    const r = CSF_FIRST_DATA_ROW;
    wb.setCell('CSF Tracker', r, CSF_COLUMNS.ytdActual, 540);
    const cell = a1(r, CSF_COLUMNS.ytdActual);
    const logos = (await host.loadReview({ today })).teams
      .flatMap((t) => t.csfs)
      .find((c) => c.csf === 'Example: Win new logos')!;
    expect(logos.ytdActual).toBe(700);
    expect(logos.mismatches[0]).toBe(
      `${cell} on CSF Tracker shows 540 but the tracker's definition gives 700 (YTD actual); restore the formula`,
    );
    // The sheet's variance, status and the like follow the typed number: listed after it, not as problems.
    expect(logos.mismatches.slice(1)).toEqual([
      expect.stringMatching(
        /^[A-Z]+8(, [A-Z]+8)*( and [A-Z]+8)? (is|are) computed from it and will agree once it is restored\.$/,
      ),
    ]);
  });

  it('a setting typed wrong stays in the review, flagged in the sheet’s words', async () => {
    const { wb, host } = await examples();
    wb.setCell('CSF Tracker', CSF_FIRST_DATA_ROW + 1, CSF_COLUMNS.direction, 'sideways');
    const funnel = (await host.loadReview({ today })).teams
      .flatMap((t) => t.csfs)
      .find((c) => c.csf === 'Example: Fill the funnel')!;
    expect([funnel.flag, funnel.status, funnel.ytdActual]).toEqual([
      'Check settings: Direction must be up, down or range',
      '',
      null,
    ]);
  });
});

describe('the quarterly pack of the examples, Q3 FY2026', () => {
  it('judges July (the quarter to date), words the gaps by direction, names the late actual', async () => {
    const { host } = await examples();
    const result = await host.prepareQuarter({ today, quarter: 3 });
    if (result.status !== 'created') throw new Error(result.message);
    // July only: funnel 55 against 80 (31% below, Off track); cost 22 against 20 (10% over budget, At risk);
    // logos 120/100, rate 33%/32%, spend 30/30 on track; MQLs awaiting July.
    // Year at this pace: funnel 757.7 against 960 (21% short); cost 258.9 against 240 (8% over budget); the
    // rate 30% against 32% (2.0 pt short).
    // Opportunities: on track in July and YTD and improving: logos only (the rate is At risk YTD).
    expect(result.summary).toEqual([
      'Q3 FY2026 (Jul–Sep), to date (Jul): 3 of 5 CSFs on track, 1 at risk, 1 off track.',
      'Awaiting the latest actual: Example: Generate demand (Marketing) (through Jun); judged when it is in.',
      'Largest gaps: Example: Fill the funnel (Sales) is 31% below target and Example: Sell at a sound cost (Sales) is 10% over budget.',
      'At the current pace for the year: Example: Fill the funnel (Sales) 21% short, Example: Sell at a sound cost (Sales) 8% over budget and Example: Hand over good leads (Marketing) 2.0 pt short.',
      'Opportunities: Example: Win new logos (Sales) is on track and improving; protect what works there.',
      'Improve execution where we control the effort: Example: Fill the funnel (Sales) is an activity measure behind plan; results follow activities.',
      'Actions in the quarter: 0 opened, 0 done, 0 carried over; 0 overdue now.',
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
