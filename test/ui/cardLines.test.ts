/**
 * What a CSF's card in the sidebar says, line by line (shared/format.ts over the review model): the figures
 * worked out by hand from SPEC §0, written the finance way. Runs in Node; the browser tests check the page.
 */
import { awaitingText, cardLines } from '../../shared/format';
import { csfMonth } from '../../src/review/monthly';
import { csf, even } from '../review/trackerFixture';

const cal = { startMonth: 1, firstYear: 2026 };
const lines = (c: ReturnType<typeof csfMonth>) => cardLines(c).map((l) => [l.label, l.text, l.tone ?? '']);

test('a cost: over budget, and the most a month may still cost', () => {
  const c = csfMonth(
    csf({
      csf: 'Sell at a sound cost',
      unit: 'k€',
      direction: 'down',
      annualTarget: 240,
      targets: even(20),
      actuals: [21, 22, 20, 22, 23, 21, 22],
    }),
    7,
    cal,
  );
  // YTD 151 of 140; attainment 140/151 = 93%; forecast 151 / 7 × 12 = 258.9 against 240, 18.9 / 240 = 8% over;
  // (240 − 151) / 5 = 17.8 a month; last three 23, 21, 22 falling → Improving for a cost.
  expect(lines(c)).toEqual([
    ['Jul', '22 of 20 k€', ''],
    ['YTD', '151 of 140 k€', ''],
    ['Variance', '11 k€ over budget', 'bad'],
    ['Attainment', '93%', ''],
    ['Forecast', '259 vs 240 k€ · 8% over budget', ''],
    ['Needed', 'Max 17.8 k€ a month to stay in budget', ''],
    ['Trend', 'Improving', ''],
  ]);
  expect(awaitingText(c)).toBeNull();
});

test('a rate reads as a rate: averages, points and a needed average', () => {
  const c = csfMonth(
    csf({
      csf: 'Keep customers',
      unit: '%',
      aggregation: 'Average',
      direction: 'down',
      annualTarget: 0.05,
      targets: even(0.05),
      actuals: [0.05, 0.06, 0.06, 0.05, 0.06, 0.06, 0.06],
    }),
    7,
    cal,
  );
  // mean 40/7 % = 5.7% against 5.0%: +0.7 pt; the year at this pace 5.7%; (5% × 12 − 40%) / 5 = 4.0%.
  const shown = lines(c).filter(([label]) => label !== 'Attainment');
  expect(shown).toEqual([
    ['Jul', '6.0% of 5.0%', ''],
    ['YTD average', '5.7% of 5.0%', ''],
    ['Variance', '+0.7 pt unfavourable', 'bad'],
    ['Year average', '5.7% vs 5.0% · 0.7 pt above target', ''],
    ['Needed', 'Max 4.0% a month on average to stay within target', ''],
    ['Trend', 'Steady', ''],
  ]);
});

test('an activity behind plan: whole counts, the unit "count" not repeated', () => {
  const c = csfMonth(
    csf({
      csf: 'Fill the funnel',
      unit: 'count',
      annualTarget: 960,
      targets: even(80),
      actuals: [70, 72, 65, 60, 62, 58, 55],
    }),
    7,
    cal,
  );
  // 442 of 560, −118; 79%; 757.7 against 960 = 21% short; (960 − 442) / 5 = 103.6 → 104 appointments.
  expect(lines(c)).toEqual([
    ['Jul', '55 of 80', ''],
    ['YTD', '442 of 560', ''],
    ['Variance', '−118 unfavourable', 'bad'],
    ['Attainment', '79%', ''],
    ['Forecast', '758 vs 960 · 21% short', ''],
    ['Needed', '104 a month to reach target', ''],
    ['Trend', 'Worsening', ''],
  ]);
});

test('a late actual: Awaiting actual · through Jun, figures through June', () => {
  const c = csfMonth(
    csf({
      csf: 'Generate demand',
      unit: 'count',
      annualTarget: 2400,
      targets: even(200),
      actuals: [210, 205, 220, 190, 215, 200],
    }),
    7,
    cal,
  );
  expect(awaitingText(c)).toBe('Awaiting actual · through Jun');
  // 1,240 of 1,200: +40; 1240 / 6 × 12 = 2,480 against 2,400: 3% ahead; (2400 − 1240) / 6 = 193.3 → 193.
  expect(lines(c).slice(0, 3)).toEqual([
    ['Jun', '200 of 200', ''],
    ['YTD', '1,240 of 1,200', ''],
    ['Variance', '+40 favourable', 'good'],
  ]);
  expect(lines(c)).toContainEqual(['Forecast', '2,480 vs 2,400 · 3% ahead', '']);
  expect(lines(c)).toContainEqual(['Needed', '193 a month to reach target', '']);
});

test('a flagged CSF shows no figures', () => {
  const c = csfMonth(csf({ csf: 'Gap', actuals: [50, null, 55] }), 3, cal);
  expect(cardLines(c)).toEqual([]);
  expect(c.flag).toBe('Feb has no number but a later month has; enter 0 if nothing happened');
});

test('a level (Last): the latest month, the year-end and the change per month', () => {
  const c = csfMonth(
    csf({
      csf: 'Staff the plan',
      unit: 'FTE',
      aggregation: 'Last',
      annualTarget: 200,
      targets: [100, 110, 120, 130, 140, 150, 160, 170, 180, 190, 195, 200],
      actuals: [100, 110, 120],
    }),
    3,
    cal,
  );
  // SPEC §0: headcount 100, 110, 120 toward 200: run-rate 120 at year-end (40% short of 200), needed
  // (200 − 120) / 9 = 8.9 a month, whole FTEs → +9; last three rising → Improving.
  expect(lines(c)).toEqual([
    ['Latest', '120 of 120 FTE', ''],
    ['Variance', 'on target', 'good'],
    ['Attainment', '100%', ''],
    ['Year-end', '120 vs 200 FTE · 40% short', ''],
    ['Needed', '+9 FTE a month to reach target', ''],
    ['Trend', 'Improving', ''],
  ]);
});
