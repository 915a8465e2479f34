/**
 * The measure model (SPEC §0) from its worked numbers. Expected figures are SPEC's, or worked by hand in the
 * comments beside them.
 */
import { approxEqual, atLeast, sheetSub } from '../../src/measures/compare';
import {
  csfFigures,
  defaultReviewMonth,
  flags,
  monthlyRun,
  neededByAggregation,
  runRateByAggregation,
  statusFor,
  attainmentFor,
  type MeasureRow,
} from '../../src/measures/measure';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const month = (p: number) => MONTHS[p - 1];
const twelve = (values: (number | string | null)[]) =>
  Array.from({ length: 12 }, (_, i) => (i < values.length ? values[i] : null));

function row(over: Partial<MeasureRow>): MeasureRow {
  return {
    aggregation: 'Sum',
    input: 'Per month',
    direction: 'up',
    tolerance: 0.1,
    annualTarget: 1200,
    targets: twelve(Array(12).fill(100)),
    actuals: twelve([]),
    ...over,
  };
}

describe('comparison as spreadsheets compare', () => {
  it('1.84 × 0.75 equals 1.38 in a cell, not in JavaScript', () => {
    expect(1.84 * 0.75 === 1.38).toBe(false);
    expect(approxEqual(1.84 * 0.75, 1.38)).toBe(true);
    expect(atLeast(1.38, 1.84 * 0.75)).toBe(true);
  });
  it('distinct integers and clearly different values stay different', () => {
    expect(approxEqual(2 ** 52, 2 ** 52 + 1)).toBe(false);
    expect(approxEqual(1, 1.000001)).toBe(false);
    expect(approxEqual(0, 1e-300)).toBe(false);
  });
  it('subtraction of equal-to-15-digits values is exactly 0', () => {
    expect(0.3 - 0.1 - 0.2).not.toBe(0);
    expect(sheetSub(0.3 - 0.1, 0.2)).toBe(0);
  });
});

describe('status and attainment (SPEC §0 worked numbers)', () => {
  it('band edges agree with the sheet', () => {
    expect(statusFor(1.38, 1.84, 'up', 0.25)).toBe('At risk');
    expect(statusFor(1.1, 1, 'range', 0.1)).toBe('On track');
    expect(statusFor(95, 100, 'up', 0.1)).toBe('At risk');
    expect(statusFor(85, 100, 'up', 0.1)).toBe('Off track');
    expect(statusFor(105, 100, 'down', 0.1)).toBe('At risk');
    expect(statusFor(95, 100, 'down', 0.1)).toBe('On track');
  });
  it('cash burn with target −100: −80 is 1.2, −120 is 0.8; above 1 is better', () => {
    expect(attainmentFor(-80, -100, 'up')).toBeCloseTo(1.2, 12);
    expect(attainmentFor(-120, -100, 'up')).toBeCloseTo(0.8, 12);
    expect(statusFor(-80, -100, 'up', 0.1)).toBe('On track');
    expect(statusFor(-120, -100, 'up', 0.1)).toBe('Off track');
  });
  it('down: target/actual for positives; 1 − (a − t)/|t| otherwise; zero target has none', () => {
    expect(attainmentFor(151, 140, 'down')).toBeCloseTo(140 / 151, 12);
    expect(attainmentFor(0, 140, 'down')).toBe(2);
    expect(attainmentFor(5, 0, 'up')).toBeNull();
  });
});

describe('aggregations (SPEC §0)', () => {
  it('cumulative 100, 250, 300 → 100, 150, 50; a fall is marked', () => {
    expect(monthlyRun(twelve([100, 250, 300]), true).slice(0, 4)).toEqual([100, 150, 50, null]);
    expect(monthlyRun(twelve([100, 250, 240, 400]), true).slice(0, 4)).toEqual([100, 150, 'fall', null]);
  });
  it('run-rate: Sum 1200 over 12, Average the mean, Last the latest', () => {
    expect(runRateByAggregation([80, 90, 100, 95, 110, 105, 120], 7, 12, 'Sum')).toBeCloseTo(1200, 9);
    expect(runRateByAggregation([0.05, 0.06, 0.04], 3, 12, 'Average')).toBeCloseTo(0.05, 12);
    expect(runRateByAggregation([100, 110, 120], 3, 12, 'Last')).toBe(120);
  });
  it('needed: Sum 120, Average 6.33%, Last 8.89', () => {
    expect(neededByAggregation([80, 90, 100, 95, 110, 105, 120], 7, 1300, 12, 'Sum').needed).toBeCloseTo(
      120,
      9,
    );
    // (0.06 × 12 − 0.15) / 9 = 0.57 / 9
    expect(neededByAggregation([0.05, 0.06, 0.04], 3, 0.06, 12, 'Average').needed).toBeCloseTo(0.0633333, 6);
    expect(neededByAggregation([100, 110, 120], 3, 200, 12, 'Last').needed).toBeCloseTo(80 / 9, 9);
  });
});

describe('csfFigures', () => {
  it('text in a month is flagged, naming the month, never read as a blank to wait on', () => {
    // A link whose label was not found writes words in every month (issue 11): no figures, a flag.
    const notFound = 'not found: Revenue in Plan!A:A';
    const linked = csfFigures(row({ actuals: twelve(Array(12).fill(notFound)) }), 7, month);
    expect(linked.flag).toBe('the Jan actual is text, not a number');
    expect(linked.status).toBe('');
    expect(linked.awaiting).toBe(false);
    // Text after six reported months: still flagged, at the month it sits in.
    const late = csfFigures(row({ actuals: twelve([90, 95, 100, 105, 98, 97, 'n/a']) }), 7, month);
    expect(late.flag).toBe('the Jul actual is text, not a number');
    // A target typed as text, with numeric actuals.
    const targets = twelve(Array(12).fill(100));
    targets[2] = 'TBC';
    expect(csfFigures(row({ targets, actuals: twelve([90, 95]) }), 2, month).flag).toBe(
      'the Mar target is text, not a number',
    );
    expect(flags.textActual('Jul')).toBe('the Jul actual is text, not a number');
  });

  it('an empty text and an error value are not text a user typed: blank, and no number', () => {
    // "" is how a host reads a formula showing nothing; #N/A an error the sheet's ISTEXT does not count.
    const f = csfFigures(row({ actuals: twelve([90, 95, '', '#N/A']) }), 2, month);
    expect(f.flag).toBeNull();
    expect(f.through).toBe(2);
    expect(f.ytdActual).toBe(185);
  });

  it('a churn rate at 5% a month is a rate, never summed', () => {
    const f = csfFigures(
      row({
        aggregation: 'Average',
        direction: 'down',
        annualTarget: 0.05,
        targets: twelve(Array(12).fill(0.05)),
        actuals: twelve([0.05, 0.06, 0.04, 0.05, 0.05, 0.05, 0.05]),
      }),
      7,
      month,
    );
    // mean of the seven months: 0.35 / 7
    expect(f.ytdActual).toBeCloseTo(0.05, 12);
    expect(f.ytdTarget).toBeCloseTo(0.05, 12);
    expect(f.forecast).toBeCloseTo(0.05, 12);
    expect(f.status).toBe('On track');
  });

  it('a cost overrun is unfavourable: 151 vs 140 for down', () => {
    const f = csfFigures(
      row({
        direction: 'down',
        annualTarget: 240,
        targets: twelve(Array(12).fill(20)),
        actuals: twelve([21, 22, 20, 22, 23, 21, 22]),
      }),
      7,
      month,
    );
    expect(f.ytdActual).toBe(151);
    expect(f.ytdTarget).toBe(140);
    expect(f.variance).toBe(11);
    expect(f.favourable).toBe(false);
    // 151 ≤ 140 × 1.1 = 154 → At risk
    expect(f.status).toBe('At risk');
    // most that may still be spent per month: (240 − 151) / 5 = 17.8
    expect(f.needed).toBeCloseTo(17.8, 9);
  });

  it('a cumulative plan is turned into months: YTD is the running total at the month', () => {
    const f = csfFigures(
      row({
        input: 'Cumulative',
        annualTarget: 3100,
        targets: twelve([250, 520, 800, 1050, 1300, 1560, 1820, 2080, 2340, 2600, 2850, 3100]),
        actuals: twelve([240, 500, 790, 1040, 1310, 1540, 1830]),
      }),
      7,
      month,
    );
    expect(f.ytdTarget).toBeCloseTo(1820, 9);
    expect(f.ytdActual).toBeCloseTo(1830, 9);
    expect(f.monthlyActuals.slice(0, 3)).toEqual([240, 260, 290]);
    // 1830 / 7 × 12
    expect(f.forecast).toBeCloseTo(3137.142857142857, 9);
  });

  it('a falling running total is flagged, never used', () => {
    const f = csfFigures(row({ input: 'Cumulative', actuals: twelve([100, 250, 240, 300]) }), 4, month);
    expect(f.flag).toBe(flags.fall('Mar'));
    expect(f.status).toBe('');
    expect(f.ytdActual).toBeNull();
  });

  it('a late actual is Awaiting actual through the last reported month, never Off track', () => {
    const f = csfFigures(row({ actuals: twelve([50, 50, 50, 50, 50, 50]) }), 7, month);
    expect(f.status).toBe('Awaiting actual');
    expect(f.awaiting).toBe(true);
    expect(f.through).toBe(6);
    expect(f.ytdTarget).toBe(600);
    expect(f.ytdActual).toBe(300);
  });

  it('a gap is flagged in words, with no figures', () => {
    const f = csfFigures(row({ actuals: twelve([100, null, 100, 100]) }), 4, month);
    expect(f.flag).toBe(flags.gap('Feb'));
    expect(f.flag).toBe('Feb has no number but a later month has; enter 0 if nothing happened');
    expect(f.ytdActual).toBeNull();
  });

  it('data after the review month is ignored: reviewing January shows January', () => {
    const f = csfFigures(row({ actuals: twelve([80, 90, 100, 95, 110, 105, 120]) }), 1, month);
    expect(f.ytdActual).toBe(80);
    expect(f.forecast).toBe(960);
    // (1200 − 80) / 11
    expect(f.needed).toBeCloseTo(1120 / 11, 9);
    expect(f.trend).toBe('');
  });

  it('a level (Last) compares the latest month with that month’s target', () => {
    const f = csfFigures(
      row({
        aggregation: 'Last',
        annualTarget: 200,
        targets: twelve([100, 110, 120, 130, 140, 150, 160, 170, 180, 190, 195, 200]),
        actuals: twelve([100, 110, 120]),
      }),
      3,
      month,
    );
    expect(f.ytdActual).toBe(120);
    expect(f.ytdTarget).toBe(120);
    expect(f.forecast).toBe(120);
    expect(f.needed).toBeCloseTo(80 / 9, 9);
    expect(f.trend).toBe('Improving');
  });

  it('invalid settings are a flag', () => {
    expect(csfFigures(row({ aggregation: 'Mean' }), 1, month).flag).toMatch(/Aggregation must be/);
    expect(csfFigures(row({ aggregation: 'Average', input: 'Cumulative' }), 1, month).flag).toMatch(
      /Cumulative input needs Sum/,
    );
  });

  it('the default review month is the latest month any CSF reported', () => {
    expect(
      defaultReviewMonth([row({ actuals: twelve([1, 2, 3]) }), row({ actuals: twelve([1, 2, 3, 4, 5]) })]),
    ).toBe(5);
    expect(defaultReviewMonth([row({})])).toBe(1);
  });
});
