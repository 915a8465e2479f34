/**
 * The monthly review model on trackers built by hand. Every expected figure is worked out by hand from SPEC §0
 * (the arithmetic in the comments), never taken from the code's output.
 */
import { csfMonth, latestReportedPeriod, monthlyModel, reviewMonth } from '../../src/review/monthly';
import { csf, even, tracker } from './trackerFixture';

const cal = { startMonth: 1, firstYear: 2026 };

const logos = () =>
  csf({
    csf: 'Win new logos',
    unit: 'k€',
    annualTarget: 1200,
    targets: even(100),
    actuals: [80, 90, 100, 95, 110, 105, 120],
  });
const funnel = () =>
  csf({
    csf: 'Fill the funnel',
    unit: 'count',
    measureType: 'activity',
    annualTarget: 960,
    targets: even(80),
    actuals: [70, 72, 65, 60, 62, 58, 55],
  });
const cost = () =>
  csf({
    csf: 'Sell at a sound cost',
    unit: 'k€',
    direction: 'down',
    annualTarget: 240,
    targets: even(20),
    actuals: [21, 22, 20, 22, 23, 21, 22],
  });
const churn = () =>
  csf({
    team: 'Customer Success',
    csf: 'Keep customers',
    unit: '%',
    aggregation: 'Average',
    direction: 'down',
    annualTarget: 0.05,
    targets: even(0.05),
    actuals: [0.05, 0.06, 0.06, 0.05, 0.06, 0.06, 0.06],
  });
const demand = () =>
  csf({
    team: 'Marketing',
    csf: 'Generate demand',
    unit: 'count',
    annualTarget: 2400,
    targets: even(200),
    actuals: [210, 205, 220, 190, 215, 200],
  });
const leads = () =>
  csf({
    team: 'Marketing',
    csf: 'Hand over good leads',
    annualTarget: 720,
    targets: even(60),
    actuals: [50, null, 55, 60, 58, 61, 64],
  });
const spend = () =>
  csf({
    team: 'Marketing',
    csf: 'Spend to plan',
    direction: 'sideways',
    actuals: [28, 31, 30, 32, 29, 31, 30],
  });

describe('the monthly model as of July', () => {
  const t = tracker([logos(), funnel(), cost(), churn(), demand(), leads(), spend()]);
  const m = monthlyModel(t, 7);
  const find = (name: string) => m.teams.flatMap((x) => x.csfs).find((c) => c.csf === name)!;

  it('orders each team: off track, flagged, at risk, awaiting actual, on track', () => {
    expect(m.month).toBe('2026-07');
    expect(m.teams.map((x) => [x.team, x.csfs.map((c) => c.csf)])).toEqual([
      ['Sales', ['Fill the funnel', 'Sell at a sound cost', 'Win new logos']],
      ['Customer Success', ['Keep customers']],
      ['Marketing', ['Hand over good leads', 'Spend to plan', 'Generate demand']],
    ]);
  });

  it('a flow (Sum, up): 700 of 700, forecast 1200, 100 a month still needed, improving', () => {
    const c = find('Win new logos');
    // 80+90+100+95+110+105+120 = 700 vs 7 × 100; forecast 700 / 7 × 12; needed (1200 − 700) / 5;
    // last three 110, 105, 120: slope (120 − 110) / 2 = 5 > 2% of 111.67 → Improving.
    expect([c.ytdActual, c.ytdTarget, c.variance, c.favourable, c.attainment, c.status]).toEqual([
      700,
      700,
      0,
      true,
      1,
      'On track',
    ]);
    expect(c.forecast).toBeCloseTo(1200, 9);
    expect(c.needed).toBeCloseTo(100, 9);
    expect(c.trend).toBe('Improving');
    expect(c.month).toEqual({ period: 7, label: 'Jul', target: 100, actual: 120 });
    expect(c.basis).toBe('YTD through Jul');
    expect(c.months[7]).toEqual({ period: 8, label: 'Aug', target: null, actual: null });
  });

  it('an activity behind plan is Off track: 442 of 560', () => {
    const c = find('Fill the funnel');
    // 70+72+65+60+62+58+55 = 442 < 560 × 0.9 = 504 → Off track; forecast 442 / 7 × 12 = 757.71…;
    // needed (960 − 442) / 5 = 103.6; last three 62, 58, 55: slope −3.5, beyond 2% of 58.33 → Worsening.
    expect([c.ytdActual, c.ytdTarget, c.variance, c.favourable, c.status]).toEqual([
      442,
      560,
      -118,
      false,
      'Off track',
    ]);
    expect(c.attainment).toBeCloseTo(442 / 560, 12);
    expect(c.forecast).toBeCloseTo((442 / 7) * 12, 9);
    expect(c.needed).toBeCloseTo(103.6, 9);
    expect(c.trend).toBe('Worsening');
  });

  it('a cost (down): 151 against 140 is unfavourable and At risk; at most 17.8 a month', () => {
    const c = find('Sell at a sound cost');
    // 21+22+20+22+23+21+22 = 151 ≤ 140 × 1.1 = 154 → At risk; attainment 140/151; (240 − 151) / 5 = 17.8;
    // last three 23, 21, 22: slope −0.5, beyond 2% of 22 = 0.44, falling is good for down → Improving.
    expect([c.ytdActual, c.ytdTarget, c.variance, c.favourable, c.status]).toEqual([
      151,
      140,
      11,
      false,
      'At risk',
    ]);
    expect(c.attainment).toBeCloseTo(140 / 151, 12);
    expect(c.needed).toBeCloseTo(17.8, 9);
    expect(c.trend).toBe('Improving');
  });

  it('a rate (Average) is averaged, never summed', () => {
    const c = find('Keep customers');
    // mean of 5, 6, 6, 5, 6, 6, 6 % = 40/7 % = 5.714 %; over 5% × 1.1 = 5.5% → Off track;
    // needed (5% × 12 − 40%) / 5 = 4%; last three 6, 6, 6 %: slope 0 → Steady.
    expect(c.ytdActual).toBeCloseTo(0.4 / 7, 12);
    expect(c.ytdTarget).toBeCloseTo(0.05, 12);
    expect(c.status).toBe('Off track');
    expect(c.forecast).toBeCloseTo(0.4 / 7, 12);
    expect(c.needed).toBeCloseTo(0.04, 12);
    expect(c.trend).toBe('Steady');
    expect(c.aggregation).toBe('Average');
  });

  it('a late actual is Awaiting actual through June, never Off track', () => {
    const c = find('Generate demand');
    // through June: 210+205+220+190+215+200 = 1240 against 6 × 200 = 1200.
    expect([c.status, c.awaiting, c.through, c.throughLabel, c.basis]).toEqual([
      'Awaiting actual',
      true,
      6,
      'Jun',
      'YTD through Jun',
    ]);
    expect([c.ytdActual, c.ytdTarget]).toEqual([1240, 1200]);
    expect(c.month).toEqual({ period: 6, label: 'Jun', target: 200, actual: 200 });
  });

  it('a gap and an invalid setting are flagged in the sheet’s words, with no figures', () => {
    const gap = find('Hand over good leads');
    expect(gap.flag).toBe('Feb has no number but a later month has; enter 0 if nothing happened');
    expect([gap.status, gap.ytdActual, gap.forecast, gap.needed, gap.basis]).toEqual([
      '',
      null,
      null,
      null,
      '',
    ]);
    const setting = find('Spend to plan');
    expect(setting.flag).toBe('Check settings: Direction must be up, down or range');
    expect([setting.status, setting.direction, setting.ytdActual]).toEqual(['', '', null]);
  });

  it('a missing target is flagged', () => {
    const c = csfMonth(
      csf({ csf: 'Half planned', targets: [100, 100, 100, null], actuals: [90, 100, 110, 95] }),
      4,
      cal,
    );
    expect(c.flag).toBe('a target is missing through Apr');
    expect(c.status).toBe('');
  });

  it('a running-total plan (Cumulative) is turned into months', () => {
    const c = csfMonth(
      csf({
        csf: 'Sales YTD',
        input: 'Cumulative',
        annualTarget: 1200,
        targets: [100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1100, 1200],
        actuals: [100, 250, 300],
      }),
      3,
      cal,
    );
    // SPEC §0: 100, 250, 300 → 100, 150, 50; YTD is the running total at March, 300 against 300.
    expect(c.months.slice(0, 3).map((p) => p.actual)).toEqual([100, 150, 50]);
    expect([c.ytdActual, c.ytdTarget, c.status]).toEqual([300, 300, 'On track']);
  });
});

describe('everything as of the month reviewed', () => {
  it('reviewing January shows January’s forecast, needed and trend', () => {
    const c = monthlyModel(tracker([logos()]), 1).teams[0].csfs[0];
    // 80 against 100: 80 < 90 → Off track; forecast 80 × 12 = 960; needed (1200 − 80) / 11; one month: no trend.
    expect([c.ytdActual, c.ytdTarget, c.status, c.forecast, c.trend]).toEqual([
      80,
      100,
      'Off track',
      960,
      '',
    ]);
    expect(c.needed).toBeCloseTo(1120 / 11, 9);
    expect(c.month).toEqual({ period: 1, label: 'Jan', target: 100, actual: 80 });
    expect(c.months[1].actual).toBeNull();
  });

  it('the review month: the one asked for, else the tracker’s setting, else the latest reported', () => {
    const plain = tracker([logos(), demand()]);
    expect(latestReportedPeriod(plain)).toBe(7);
    expect(reviewMonth(plain)).toBe(7);
    expect(reviewMonth(tracker([logos()], { reviewPeriod: 5 }))).toBe(5);
    expect(reviewMonth(tracker([logos()], { reviewPeriod: 5 }), 3)).toBe(3);
    expect(latestReportedPeriod(tracker([csf({ csf: 'Nothing yet' })]))).toBe(1);
  });

  it('a fiscal year from July names its months from July', () => {
    const c = monthlyModel(tracker([demand()], { startMonth: 7, firstYear: 2025 }), 7).teams[0].csfs[0];
    expect([c.throughLabel, c.basis]).toEqual(['Dec', 'YTD through Dec']);
  });
});

describe('a computed cell typed over on the sheet', () => {
  const shown = {
    ytdActual: { value: 540, cell: 'N7' },
    ytdTarget: { value: 700, cell: 'M7' },
    status: { value: 'On track', cell: 'R7' },
    side: { value: 'F', cell: 'P7' },
    trend: { value: 'Improving', cell: 'V7' },
    forecast: { value: 1200.0000000000002, cell: 'S7' },
  };
  it('is named with what it shows and what the tracker’s definition gives', () => {
    const t = tracker([csf({ ...specOfLogos(), shown })]);
    const c = monthlyModel(t, 7).teams[0].csfs[0];
    expect(c.mismatches).toEqual([
      "N7 on CSF Tracker shows 540 but the tracker's definition gives 700 (YTD actual); restore the formula",
    ]);
    // The review shows the model's figure, not the typed one.
    expect(c.ytdActual).toBe(700);
  });

  it('the results computed from a typed-over YTD cell are listed as following it', () => {
    const t = tracker([
      csf({
        ...specOfLogos(),
        shown: {
          ytdActual: { value: 540, cell: 'N8' },
          variance: { value: -160, cell: 'O8' },
          status: { value: 'Off track', cell: 'R8' },
          trend: { value: 'Improving', cell: 'V8' },
        },
      }),
    ]);
    expect(monthlyModel(t, 7).teams[0].csfs[0].mismatches).toEqual([
      "N8 on CSF Tracker shows 540 but the tracker's definition gives 700 (YTD actual); restore the formula",
      'O8 and R8 are computed from it and will agree once it is restored.',
    ]);
  });

  it('is not checked when the review is of another month than the sheet’s', () => {
    const t = tracker([csf({ ...specOfLogos(), shown })]);
    expect(monthlyModel(t, 6).sheetChecked).toBe(false);
    expect(monthlyModel(t, 6).teams[0].csfs[0].mismatches).toEqual([]);
    const set = tracker([csf({ ...specOfLogos(), shown })], { reviewPeriod: 6 });
    expect(monthlyModel(set, 7).teams[0].csfs[0].mismatches).toEqual([]);
  });

  it('a status and a side typed over are named in words', () => {
    const t = tracker([
      csf({
        ...specOfLogos(),
        actuals: [70, 70, 70, 70, 70, 70, 70],
        shown: { status: { value: 'On track', cell: 'R7' }, side: { value: 'F', cell: 'P7' } },
      }),
    ]);
    // 490 against 700: Off track, unfavourable.
    expect(monthlyModel(t, 7).teams[0].csfs[0].mismatches).toEqual([
      'R7 on CSF Tracker shows "On track" but the tracker\'s definition gives "Off track" (status); restore the formula',
      "P7 on CSF Tracker shows Favourable but the tracker's definition gives Unfavourable (variance side); restore the formula",
    ]);
  });
});

function specOfLogos() {
  return {
    csf: 'Win new logos',
    unit: 'k€',
    annualTarget: 1200,
    targets: even(100),
    actuals: [80, 90, 100, 95, 110, 105, 120],
  };
}
