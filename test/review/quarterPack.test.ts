/**
 * The quarterly pack on a tracker built by hand, reviewed in August (Q3 to date: July and August). Every
 * expected figure is worked out by hand from SPEC §0 in the comments.
 */
import { quarterPack, quarterPlan } from '../../src/review/quarter';
import { csf, even, tracker } from './trackerFixture';

const hundreds = even(100);
const logos = csf({
  csf: 'Win new logos',
  unit: 'k€',
  annualTarget: 1200,
  targets: hundreds,
  actuals: [80, 90, 100, 95, 110, 105, 120, 130],
});
const spend = csf({
  team: 'Marketing',
  csf: 'Campaign spend',
  measureType: 'activity',
  unit: 'k€',
  direction: 'down',
  annualTarget: 600,
  targets: even(50),
  actuals: [50, 50, 50, 50, 50, 50, 60, 60],
});
const churn = csf({
  team: 'Customer Success',
  csf: 'Keep customers',
  unit: '%',
  aggregation: 'Average',
  direction: 'down',
  annualTarget: 0.05,
  targets: even(0.05),
  actuals: [0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.04, 0.06],
});
const headcount = csf({
  team: 'Operations',
  csf: 'Staff the plan',
  unit: 'FTE',
  aggregation: 'Last',
  annualTarget: 120,
  targets: [100, 100, 100, 100, 100, 100, 110, 110, 110, 120, 120, 120],
  actuals: [95, 96, 97, 98, 99, 100, 104, 108],
});
const burn = csf({
  team: 'Finance',
  csf: 'Cash burn',
  unit: 'k€',
  annualTarget: -1200,
  targets: even(-100),
  actuals: [-100, -100, -100, -100, -100, -140, -130, -120],
});
const demand = csf({
  team: 'Marketing',
  csf: 'Generate demand',
  unit: 'count',
  annualTarget: 2400,
  targets: even(200),
  actuals: [200, 200, 200, 200, 200, 200, 210],
});
const broken = csf({ team: 'Operations', csf: 'Mean of it', aggregation: 'Mean', actuals: [1, 2, 3] });

const t = tracker([logos, spend, churn, headcount, burn, demand, broken]);
const pack = quarterPack(t, 3, [], [], [], '2026-09-01');
const find = (name: string) => pack.csfs.find((c) => c.csf === name)!;

describe('quarter figures by aggregation, each with its basis', () => {
  it('is as of August, the latest month reported, inside Q3', () => {
    expect([pack.title, pack.monthsLabel, pack.asOf]).toEqual(['Review Q3 FY2026', 'Jul–Sep', 8]);
  });

  it('Sum: the quarter’s months added up', () => {
    const c = find('Win new logos');
    // Jul + Aug: 120 + 130 = 250 against 100 + 100 = 200; YTD 830 against 800.
    expect([c.basis, c.actual, c.target, c.variance, c.favourable, c.status]).toEqual([
      'Q3 to date (Jul–Aug)',
      250,
      200,
      50,
      true,
      'On track',
    ]);
    expect(c.attainment).toBeCloseTo(1.25, 12);
    expect(c.ytd).toEqual({
      target: 800,
      actual: 830,
      attainment: 830 / 800,
      status: 'On track',
      basis: 'YTD through Aug',
    });
    expect(c.unit).toBe('k€');
  });

  it('Average: a rate is the mean of the quarter’s months, never their sum', () => {
    const c = find('Keep customers');
    // (4% + 6%) / 2 = 5% against 5%.
    expect(c.actual).toBeCloseTo(0.05, 12);
    expect(c.target).toBeCloseTo(0.05, 12);
    expect(c.status).toBe('On track');
    expect(c.forecast).toBeCloseTo(0.05, 12);
  });

  it('Last: a level is the quarter’s latest month against that month’s target', () => {
    const c = find('Staff the plan');
    // August: 108 against 110; 108 ≥ 110 − 11 → At risk.
    expect([c.actual, c.target, c.status]).toEqual([108, 110, 'At risk']);
    expect(c.attainment).toBeCloseTo(108 / 110, 12);
  });

  it('a cost overrun: the quarter Off track, the year to date At risk, each labelled', () => {
    const c = find('Campaign spend');
    // Q3: 120 against 100 > 110 → Off track; YTD 420 against 400 ≤ 440 → At risk.
    expect([c.actual, c.target, c.variance, c.favourable, c.status]).toEqual([
      120,
      100,
      20,
      false,
      'Off track',
    ]);
    expect([c.ytd.actual, c.ytd.target, c.ytd.status, c.ytd.basis]).toEqual([
      420,
      400,
      'At risk',
      'YTD through Aug',
    ]);
  });

  it('a negative target (cash burn) worse than plan is Off track even while improving', () => {
    const c = find('Cash burn');
    // Q3: −250 against −200: 1 + (−50)/200 = 0.75; below −220 → Off track; last three −140, −130, −120 rise → Improving.
    expect([c.actual, c.target, c.status, c.trend]).toEqual([-250, -200, 'Off track', 'Improving']);
    expect(c.attainment).toBeCloseTo(0.75, 12);
  });

  it('a late actual is Awaiting actual, its figures through July; a flag has none', () => {
    const c = find('Generate demand');
    expect([c.basis, c.actual, c.target, c.status, c.ytd.basis]).toEqual([
      'Q3 to date (Jul)',
      210,
      200,
      'Awaiting actual',
      'YTD through Jul',
    ]);
    const b = find('Mean of it');
    expect([b.flag, b.status, b.actual, b.basis]).toEqual([
      'Check settings: Aggregation must be Sum, Average or Last',
      '',
      null,
      '',
    ]);
  });
});

describe('the summary for the meeting', () => {
  it('counts the judged, names the awaited and flagged, words gaps by direction', () => {
    // Risks by attainment: cash burn 0.75, spend 100/120 = 0.83, headcount 108/110 = 0.98.
    // Forecasts on the wrong side: spend 420 / 8 × 12 = 630 against 600 (5% over); headcount 108 against 120
    // (10% short); cash burn (5 × −100 − 140 − 130 − 120) / 8 × 12 = −890 / 8 × 12 = −1335 against −1200
    // (135 / 1200 = 11% short).
    expect(pack.summary).toEqual([
      'Q3 FY2026 (Jul–Sep), to date (Jul–Aug): 2 of 5 CSFs on track, 1 at risk, 2 off track.',
      'Awaiting the latest actual: Generate demand (Marketing) (through Jul); judged when it is in.',
      'Check the tracker: Mean of it (Operations): Check settings: Aggregation must be Sum, Average or Last.',
      'Largest gaps: Cash burn (Finance) is 25% below target, Campaign spend (Marketing) is 20% over budget and Staff the plan (Operations) is 2% below target.',
      'At the current pace for the year: Campaign spend (Marketing) 5% over budget, Staff the plan (Operations) 10% short and Cash burn (Finance) 11% short.',
      'Opportunities: Win new logos (Sales) is on track and improving; protect what works there.',
      'Improve execution where we control the effort: Campaign spend (Marketing) is an activity measure behind plan; results follow activities.',
      'Actions in the quarter: 0 opened, 0 done, 0 carried over; 0 overdue now.',
    ]);
  });

  it('a quarter not begun has no actuals yet; a past quarter is whole', () => {
    expect(quarterPack(t, 4, [], [], [], '2026-09-01').summary[0]).toBe(
      'Q4 FY2026 (Oct–Dec): no actuals reported for the quarter yet.',
    );
    const q2 = quarterPack(t, 2, [], [], [], '2026-09-01');
    const c = q2.csfs.find((x) => x.csf === 'Win new logos')!;
    // Apr–Jun: 95 + 110 + 105 = 310 against 300.
    expect([q2.asOf, c.basis, c.actual, c.target, c.ytd.basis]).toEqual([
      6,
      'Q2 (Apr–Jun)',
      310,
      300,
      'YTD through Jun',
    ]);
  });

  it('the tracker’s review month caps the quarter', () => {
    const capped = quarterPack(tracker([logos], { reviewPeriod: 7 }), 3, [], [], [], '2026-09-01');
    expect(capped.csfs[0].basis).toBe('Q3 to date (Jul)');
    expect(capped.csfs[0].actual).toBe(120);
  });
});

describe('the quarter sheet', () => {
  const plan = quarterPlan(pack, '2026-09-01', 'CSF Tracker');
  const values = plan.cells.map((row) => row.map((c) => ('value' in c ? c.value : c.formula)));
  const headRow = values.findIndex((r) => r[0] === 'Team' && r[3] === 'Unit');
  const head = values[headRow];
  const rowOf = (name: string) => values.find((r) => r[1] === name)!;
  const at = (name: string, title: string) => rowOf(name)[head.indexOf(title)];

  it('labels each status with its basis and carries the unit', () => {
    expect(head.slice(0, 15)).toEqual([
      'Team',
      'CSF',
      'Metric',
      'Unit',
      'Target Q3',
      'Actual Q3',
      'Variance',
      'Side',
      'Attainment',
      'Status (Q3)',
      'Q3 basis',
      'YTD actual',
      'YTD target',
      'Status (YTD)',
      'YTD basis',
    ]);
    expect([
      at('Campaign spend', 'Unit'),
      at('Campaign spend', 'Status (Q3)'),
      at('Campaign spend', 'Status (YTD)'),
    ]).toEqual(['k€', 'Off track', 'At risk']);
    expect(at('Campaign spend', 'Side')).toBe('Unfavourable');
    expect(at('Campaign spend', 'Q3 basis')).toBe('Q3 to date (Jul–Aug)');
    expect(at('Generate demand', 'Note')).toBe('Awaiting actual: YTD through Jul');
  });

  it('formats a rate as a rate and counts whole', () => {
    const formatAt = (name: string, title: string) => {
      const r = values.indexOf(rowOf(name));
      const c = head.indexOf(title);
      const hits = plan.formats.filter(
        (f) =>
          f.numberFormat !== undefined &&
          r >= f.range.row &&
          r < f.range.row + f.range.rows &&
          c >= f.range.col &&
          c < f.range.col + f.range.cols,
      );
      return hits[hits.length - 1]?.numberFormat;
    };
    expect(formatAt('Keep customers', 'Actual Q3')).toBe('0.0%');
    expect(formatAt('Generate demand', 'Actual Q3')).toBe('#,##0');
    expect(formatAt('Win new logos', 'Forecast (year)')).toBe('#,##0');
    expect(formatAt('Win new logos', 'Attainment')).toBe('0%');
  });
});
