/**
 * The card's small chart (issue 12, item 7): an axis fitted to the figures, so 78 → 52 reads as the fall it is,
 * and the series in words for screen readers. Figures worked out by hand.
 */
import { sparkAxis, sparkSummary } from '../../shared/sparkline';
import { figureStyle } from '../../src/review/figureText';
import type { MonthPoint } from '../../src/review/monthly';

const LABELS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun'];
const points = (targets: (number | null)[], actuals: (number | null)[]): MonthPoint[] =>
  targets.map((target, i) => ({ period: i + 1, label: LABELS[i], target, actual: actuals[i] }));

test('the axis spans the figures shown, not zero to the top: 78 → 52 fills the chart', () => {
  // Range 52..90 (targets up to 90), margin 8% of 38 = 3.04 on each side.
  const { lo, hi } = sparkAxis([80, 78, 82, 70, 84, 60, 86, 55, 88, 52, 90]);
  expect(lo).toBeCloseTo(48.96, 10);
  expect(hi).toBeCloseTo(93.04, 10);
  // The fall from 78 to 52 now covers 26 / 44.08 = 59% of the height (it was 26 / 90 = 29% from zero).
  expect((78 - 52) / (hi - lo)).toBeGreaterThan(0.58);
});

test('a flat series sits in the middle of a band around its value, and a flat zero gets a unit band', () => {
  expect(sparkAxis([50, 50, 50])).toEqual({ lo: 45, hi: 55 });
  expect(sparkAxis([0, 0])).toEqual({ lo: -1, hi: 1 });
  expect(sparkAxis([-20, -20])).toEqual({ lo: -22, hi: -18 });
});

test('the summary tells the series: first and latest actual, its range, and the latest target', () => {
  const months = points([80, 82, 84, 86, 88], [78, 70, 60, 55, 52]);
  expect(sparkSummary(months, figureStyle('calls', []))).toBe(
    'Actual from 78 in Jan to 52 in May (lowest 52, highest 78); target 88 in May (calls).',
  );
});

test('the summary carries the unit once, and percentages read as percentages', () => {
  const money = points([20, 20, 20], [21, 22.5, 20]);
  expect(sparkSummary(money, figureStyle('k€', [20, 21, 22.5]))).toBe(
    'Actual from 21 in Jan to 20 in Mar (lowest 20, highest 22.5); target 20 in Mar (k€).',
  );
  const rate = points([0.3, 0.3], [0.25, 0.277]);
  expect(sparkSummary(rate, figureStyle('%'))).toBe(
    'Actual from 25.0% in Jan to 27.7% in Feb (lowest 25.0%, highest 27.7%); target 30.0% in Feb.',
  );
});

test('one month, or targets only, still read as a sentence', () => {
  expect(sparkSummary(points([10], [12]), figureStyle(''))).toBe('Actual 12 in Jan; target 10 in Jan.');
  expect(sparkSummary(points([10, 11], [null, null]), figureStyle(''))).toBe('Target 11 in Feb.');
});
