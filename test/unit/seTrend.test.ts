import { SE_TREND } from '../../src/functions/seTrend';
import {
  call,
  describeWorkedExamples,
  expectCells,
  expectSeError,
  leastSquares,
} from '../fixtures/testHelpers';
import { seedActuals } from '../fixtures/workedExamples';

const FN = 'SE_TREND';
const trend = (...args: unknown[]) => call(SE_TREND, ...args);
const one = (...args: unknown[]) => trend(...args)[0][0];

describeWorkedExamples(FN, SE_TREND);

/** Reference classification from the contract, using the test's own least squares. */
function expectedTrend(values: number[], direction: 'up' | 'down', window: number): string {
  const last = values.slice(Math.max(0, values.length - window));
  const { b } = leastSquares(last);
  const mean = last.reduce((s, y) => s + y, 0) / last.length;
  if (b === 0 || Math.abs(b) < 0.02 * Math.abs(mean)) return 'Steady';
  return (direction === 'up') === b > 0 ? 'Improving' : 'Worsening';
}

describe('SE_TREND: up (default)', () => {
  it('seed actuals: the last 3 (110, 105, 120) have slope 5, 2% of mean 111.7 is 2.2 → Improving', () => {
    expect(one(seedActuals)).toBe('Improving');
    expect(expectedTrend([80, 90, 100, 95, 110, 105, 120], 'up', 3)).toBe('Improving');
  });
  it('a rise is Improving, a fall Worsening, flat Steady', () => {
    expect(one([[1, 2, 3]])).toBe('Improving');
    expect(one([[3, 2, 1]])).toBe('Worsening');
    expect(one([[100, 100, 100]])).toBe('Steady');
    expect(one([[0, 0, 0]])).toBe('Steady');
    expect(one([[5, 5]], undefined, undefined)).toBe('Steady');
    expect(one([[5, 6]], null, null)).toBe('Improving');
    expect(one([[5, 6]], '', '')).toBe('Improving');
  });
  it('a slope under 2% of the mean is Steady', () => {
    // 100, 101, 102: slope 1 < 0.02 · 101 = 2.02
    expect(one([[100, 101, 102]])).toBe('Steady');
    // 100, 103, 106: slope 3 > 0.02 · 103 = 2.06
    expect(one([[100, 103, 106]])).toBe('Improving');
    // 106, 103, 100: slope −3
    expect(one([[106, 103, 100]])).toBe('Worsening');
  });
  it('uses |mean| for negative values', () => {
    // −100, −101, −102: slope −1, |mean| 101 → Steady; −100, −110, −120: slope −10 → Worsening
    expect(one([[-100, -101, -102]])).toBe('Steady');
    expect(one([[-100, -110, -120]])).toBe('Worsening');
  });
  it('a mean of 0 with a non-zero slope is not Steady', () => {
    expect(one([[-1, 0, 1]])).toBe('Improving');
  });
  it('reads a column the same as a row and ignores trailing blanks', () => {
    expect(one([[1], [2], [3], [''], [null]])).toBe('Improving');
    expect(one([[3, 2, 1, '', '']])).toBe('Worsening');
  });
});

describe('SE_TREND: window', () => {
  const values = [10, 50, 100, 100, 100];
  it('looks at the last 3 reported by default', () => {
    expect(one([values])).toBe('Steady');
  });
  it('takes a wider window', () => {
    // x 1..5, ȳ 72: Sxy = (−2)(−62) + (−1)(−22) + 0 + (1)(28) + (2)(28) = 230, Sxx 10, slope 23 > 1.44
    expect(one([values], 'up', 5)).toBe('Improving');
    expect(one([values], 'up', 50)).toBe('Improving');
    expect(expectedTrend(values, 'up', 5)).toBe('Improving');
  });
  it('window 2 looks at the last two', () => {
    // last two 100, 100
    expect(one([[1, 50, 100, 100]], 'up', 2)).toBe('Steady');
    expect(one([[100, 100, 50, 60]], 'up', 2)).toBe('Improving');
  });
  it('uses fewer values than the window when fewer are reported', () => {
    expect(one([[1, 5, '', '', '']], 'up', 4)).toBe('Improving');
  });
  it('rejects a window below 2, not whole, or not a number', () => {
    expectSeError(() => trend([[1, 2, 3]], 'up', 1), FN, 'window', ['1']);
    expectSeError(() => trend([[1, 2, 3]], 'up', 2.5), FN, 'window', ['2.5']);
    expectSeError(() => trend([[1, 2, 3]], 'up', '3'), FN, 'window', ['"3"']);
    expectSeError(() => trend([[1, 2, 3]], 'up', true), FN, 'window', ['TRUE']);
  });
  it('agrees with the reference on a longer series for every window', () => {
    const ys = [12, 7, 30, 18, 25, 11, 40, 41, 39, 60];
    for (let w = 2; w <= 10; w++) {
      for (const d of ['up', 'down'] as const) expect(one([ys], d, w)).toBe(expectedTrend(ys, d, w));
    }
  });
});

describe('SE_TREND: direction', () => {
  it('"down" makes a fall Improving, case-insensitive', () => {
    expect(one([[3, 2, 1]], 'down')).toBe('Improving');
    expect(one([[1, 2, 3]], ' DOWN ')).toBe('Worsening');
    expect(one([[100, 100, 100]], 'down')).toBe('Steady');
    expect(one([[1, 2, 3]], 'Up')).toBe('Improving');
  });
  it('"range" and other words are invalid', () => {
    expectSeError(() => trend([[1, 2, 3]], 'range'), FN, 'direction', ['"range"']);
    expectSeError(() => trend([[1, 2, 3]], 'better'), FN, 'direction', ['"better"']);
    expectSeError(() => trend([[1, 2, 3]], 5), FN, 'direction', ['5']);
  });
});

describe('SE_TREND: grids (one series per row)', () => {
  const grid = [
    [1, 2, 3, ''],
    [3, 2, 1, 0],
    [5, '', '', ''],
    ['', '', '', ''],
    [7, 7, 7, 7],
  ];
  it('spills one word per row as a column; fewer than 2 reported gives a blank', () => {
    expectCells(trend(grid), [['Improving'], ['Worsening'], [''], [''], ['Steady']]);
  });
  it('takes one direction for all rows', () => {
    expectCells(trend(grid, 'down'), [['Worsening'], ['Improving'], [''], [''], ['Steady']]);
  });
  it('names the row of a bad cell', () => {
    expectSeError(
      () =>
        trend([
          [1, 2],
          [1, 'x'],
        ]),
      FN,
      'values',
      ['"x"', 'row 2'],
    );
  });
});

describe('SE_TREND: invalid and unavailable', () => {
  it('is notAvailable with fewer than 2 reported values in a single series', () => {
    expectSeError(() => trend([[5, '', '']]), FN, 'values', [], 'notAvailable');
    expectSeError(() => trend([['', '', '']]), FN, 'values', [], 'notAvailable');
    expectSeError(() => trend(5), FN, 'values', [], 'notAvailable');
  });
  it('reports a gap with the SPEC wording', () => {
    const e = expectSeError(() => trend([[1, 2, 3, '', 5]]), FN, 'values');
    expect(e.message).toBe(
      'SE_TREND: values period 4 is blank but period 5 has a value; enter 0 if nothing happened',
    );
  });
  it('rejects text, booleans, dates', () => {
    expectSeError(() => trend([[1, '2', 3]]), FN, 'values', ['"2"']);
    expectSeError(() => trend([[1, false]]), FN, 'values', ['FALSE']);
    expectSeError(() => trend([[new Date(Date.UTC(2026, 3, 1)), 1]]), FN, 'values', ['a date (2026-04-01)']);
  });
});

describe('SE_TREND: huge values', () => {
  it('a flat series of huge values is Steady (slope exactly 0), not a silent wrong word', () => {
    expect(one([[1e308, 1e308, 1e308]])).toBe('Steady');
    expect(one([[-Number.MAX_VALUE, -Number.MAX_VALUE, -Number.MAX_VALUE]], 'down')).toBe('Steady');
  });
  it('a rising series of huge values is Improving', () => {
    expect(one([[-1e308, 0, 1e308]])).toBe('Improving');
  });
});

describe("SE_TREND: windows 2 and 3 agree with the CSF Tracker's closed form (SPEC §0)", () => {
  // The tracker's Trend column: slope (last − first) / 2 over three months, the difference over two; Steady
  // when the slope is under 2% of their mean, compared as spreadsheets compare (15 significant digits).
  it('a slope of exactly 2% of the mean is not under 2%: 1, 7.62, 1.13', () => {
    // slope (1.13 − 1) / 2 = 0.065; mean 9.75 / 3 = 3.25; 2% of it is 0.065 → not Steady, rising → Improving.
    // (In binary floating point the slope comes out as 0.06499999999999995, a hair under.)
    expect(one([[1, 7.62, 1.13]])).toBe('Improving');
    expect(one([[1, 7.62, 1.13]], 'down')).toBe('Worsening');
    expect(one([[1.13, 7.62, 1]])).toBe('Worsening');
  });
  it('window 2 uses the difference of the last two: 2% of their mean exactly is not Steady', () => {
    // 0.99, 1.01: difference 0.02, mean 1, 2% of it 0.02 → Improving
    expect(one([[5, 0.99, 1.01]], 'up', 2)).toBe('Improving');
    // 0.995, 1.005: difference 0.01 < 0.02 → Steady
    expect(one([[5, 0.995, 1.005]], 'up', 2)).toBe('Steady');
  });
  it('only the first and last of three matter, whatever the middle', () => {
    // slope (120 − 110) / 2 = 5 in both; 2% of the means (111.67 and 276.67) is 2.23 and 5.53
    expect(one([[110, 105, 120]])).toBe('Improving');
    expect(one([[110, 600, 120]])).toBe('Steady');
  });
  it('with window 3 and only 2 reported, the two-point slope', () => {
    expect(one([[100, 103, '', '']])).toBe('Improving');
    expect(one([[100, 101, '', '']])).toBe('Steady');
  });
  it('window 4 and more keep the least-squares slope', () => {
    // 50, 100, 0, 60: last − first rises by 10, but the least-squares slope is −35 / 5 = −7 (x̄ 2.5, ȳ 52.5:
    // −1.5 × −2.5 − 0.5 × 47.5 + 0.5 × −52.5 + 1.5 × 7.5 = −35), beyond 2% of 52.5 → Worsening
    expect(one([[50, 100, 0, 60]], 'up', 4)).toBe('Worsening');
    expect(expectedLsq([50, 100, 0, 60])).toBeCloseTo(-7, 9);
  });
});

function expectedLsq(ys: number[]): number {
  return leastSquares(ys).b;
}
