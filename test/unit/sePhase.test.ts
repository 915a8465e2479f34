import { SE_PHASE } from '../../src/functions/sePhase';
import {
  call,
  describeWorkedExamples,
  expectCells,
  expectFiniteOrSeError,
  expectSeError,
} from '../fixtures/testHelpers';

const FN = 'SE_PHASE';
const phase = (...args: unknown[]) => call(SE_PHASE, ...args);
const flat = (m: unknown[][]) => m.flat() as number[];
const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

describeWorkedExamples(FN, SE_PHASE);

describe('SE_PHASE: even split', () => {
  it('splits over 12 periods by default, along a row', () => {
    expectCells(phase(1200), [Array(12).fill(100)]);
    expectCells(phase(1200, undefined, undefined, undefined), [Array(12).fill(100)]);
    expectCells(phase(1200, null, null, null), [Array(12).fill(100)]);
    expectCells(phase(1200, '', '', ''), [Array(12).fill(100)]);
  });
  it('takes the number of periods', () => {
    expectCells(phase(100, undefined, 4), [[25, 25, 25, 25]]);
    expectCells(phase(7, undefined, 1), [[7]]);
  });
  it('without decimals gives exact shares that add up to the total', () => {
    const r = phase(100, undefined, 3);
    expectCells(r, [[100 / 3, 100 / 3, 100 / 3]], 9);
    expect(Math.abs(sum(flat(r)) - 100)).toBeLessThanOrEqual(1e-9 * 100);
  });
  it('gives blanks for a blank total', () => {
    expectCells(phase(''), [Array(12).fill('')]);
    expectCells(phase(null, undefined, 3), [['', '', '']]);
  });
  it('handles a zero and a negative total', () => {
    expectCells(phase(0, undefined, 3), [[0, 0, 0]]);
    expectCells(phase(-1200, undefined, 4), [[-300, -300, -300, -300]]);
  });
});

describe('SE_PHASE: weights', () => {
  it('splits in proportion to a row of weights', () => {
    // weights 1..4 sum to 10: 100 · k/10
    expectCells(phase(100, [[1, 2, 3, 4]]), [[10, 20, 30, 40]]);
  });
  it('a column of weights gives a column', () => {
    expectCells(phase(100, [[1], [2], [3], [4]]), [[10], [20], [30], [40]]);
  });
  it('zero weights get 0 exactly', () => {
    const r = phase(0.3, [[1, 1, 1, 0]]);
    expect(r.length).toBe(1);
    expect(r[0][3]).toBe(0);
    expectCells(phase(10, [[0, 1, 1]]), [[0, 5, 5]]);
  });
  it('a periods that agrees with the weights is fine, one that disagrees is invalid', () => {
    expectCells(phase(100, [[1, 1, 1, 1]], 4), [[25, 25, 25, 25]]);
    expectSeError(() => phase(100, [[1, 1, 1, 1]], 12), FN, null, ['periods', '12', '4']);
  });
  it('rejects negative weights, text weights, weights adding up to 0', () => {
    expectSeError(() => phase(100, [[1, -1, 1]]), FN, 'weights', ['-1']);
    expectSeError(() => phase(100, [[1, '2', 1]]), FN, 'weights', ['"2"']);
    expectSeError(() => phase(100, [[0, 0, 0]]), FN, 'weights');
  });
});

describe('SE_PHASE: decimals (largest remainder, ties to the earliest periods)', () => {
  it('1000 over 12 whole periods: four 84s then eight 83s (SPEC)', () => {
    expectCells(phase(1000, undefined, 12, 0), [[84, 84, 84, 84, 83, 83, 83, 83, 83, 83, 83, 83]]);
  });
  it('100 over 3 whole periods: 34, 33, 33', () => {
    expectCells(phase(100, undefined, 3, 0), [[34, 33, 33]]);
  });
  it('100 over 3 periods with 2 decimals: 33.34, 33.33, 33.33', () => {
    const r = phase(100, undefined, 3, 2);
    expect(r).toEqual([[33.34, 33.33, 33.33]]);
  });
  it('10 over six even periods: 10/6 = 1.67 each, floors 6, four units to the earliest four', () => {
    expect(phase(10, undefined, 6, 0)).toEqual([[2, 2, 2, 2, 1, 1]]);
  });
  it('gives the units to the largest remainders, not simply to the earliest periods', () => {
    // 10 · (1, 2, 3)/6 = 1.667, 3.333, 5: floors 1, 3, 5 (9), the one unit left goes to remainder .667
    expect(phase(10, [[1, 2, 3]], undefined, 0)).toEqual([[2, 3, 5]]);
    // 10 · (3, 2, 1)/6 = 5, 3.333, 1.667 → 5, 3, 2
    expect(phase(10, [[3, 2, 1]], undefined, 0)).toEqual([[5, 3, 2]]);
    // 1 · (0, 1, 1)/2: remainders 0, .5, .5 → the earliest of the tied largest (period 2)
    expect(phase(1, [[0, 1, 1]], undefined, 0)).toEqual([[0, 1, 0]]);
    // 100 · (1, 1, 1, 3)/6 = 16.667 ×3, 50: floors 98, two units to periods 1 and 2
    expect(phase(100, [[1, 1, 1, 3]], undefined, 0)).toEqual([[17, 17, 16, 50]]);
  });
  it('is a mirror image for a negative total', () => {
    expect(phase(-1000, undefined, 12, 0)).toEqual([
      [-84, -84, -84, -84, -83, -83, -83, -83, -83, -83, -83, -83],
    ]);
    expect(phase(-10, [[1, 2, 3]], undefined, 0)).toEqual([[-2, -3, -5]]);
  });
  it('keeps the total exactly in units of the last decimal', () => {
    const r = flat(phase(1234.56, [[3, 1, 4, 1, 5, 9, 2, 6, 5]], undefined, 2));
    expect(r.length).toBe(9);
    expect(sum(r.map((x) => Math.round(x * 100)))).toBe(123456);
    for (const x of r) expect(Math.round(x * 100) / 100).toBe(x);
    // each part is within one cent of its exact share
    const ws = [3, 1, 4, 1, 5, 9, 2, 6, 5];
    r.forEach((x, i) => expect(Math.abs(x - (1234.56 * ws[i]) / 36)).toBeLessThan(0.01 + 1e-9));
  });
  it('accepts a total whose extra decimals are float noise (0.1 + 0.2)', () => {
    expect(phase(0.1 + 0.2, undefined, 3, 1)).toEqual([[0.1, 0.1, 0.1]]);
  });
  it('rejects a total with more decimals than asked for', () => {
    expectSeError(() => phase(100.5, undefined, 4, 0), FN, 'total', ['100.5']);
    expectSeError(() => phase(1.234, undefined, 4, 2), FN, 'total', ['1.234']);
  });
  it('rejects decimals that are not a whole number from 0 to 10', () => {
    expectSeError(() => phase(100, undefined, 4, 11), FN, 'decimals', ['11']);
    expectSeError(() => phase(100, undefined, 4, -1), FN, 'decimals', ['-1']);
    expectSeError(() => phase(100, undefined, 4, 1.5), FN, 'decimals', ['1.5']);
    expectSeError(() => phase(100, undefined, 4, '2'), FN, 'decimals', ['"2"']);
  });
});

describe('SE_PHASE: a column of totals', () => {
  it('gives one row of periods per total', () => {
    expectCells(phase([[1200], [120]]), [Array(12).fill(100), Array(12).fill(10)]);
    expectCells(phase([[100], [40]], [[1, 1, 1, 1]]), [
      [25, 25, 25, 25],
      [10, 10, 10, 10],
    ]);
  });
  it('takes one row of weights per total', () => {
    expectCells(
      phase(
        [[10], [20]],
        [
          [1, 0],
          [0, 1],
        ],
      ),
      [
        [10, 0],
        [0, 20],
      ],
    );
  });
  it('gives a row of blanks for a blank total', () => {
    expectCells(phase([[100], [''], [4]], undefined, 4), [
      [25, 25, 25, 25],
      ['', '', '', ''],
      [1, 1, 1, 1],
    ]);
  });
  it('names the row of a bad total', () => {
    expectSeError(() => phase([[100], ['n/a']], undefined, 4), FN, 'total', ['row 2', '"n/a"']);
  });
  it('rejects a weights grid with the wrong number of rows', () => {
    expectSeError(
      () =>
        phase(
          [[10], [20], [30]],
          [
            [1, 0],
            [0, 1],
          ],
        ),
      FN,
      'weights',
    );
  });
});

describe('SE_PHASE: invalid input', () => {
  it('rejects a total that is text, boolean, date, NaN, infinite', () => {
    expectSeError(() => phase('1000'), FN, 'total', ['"1000"']);
    expectSeError(() => phase(true), FN, 'total', ['TRUE']);
    expectSeError(() => phase(new Date(Date.UTC(2026, 5, 30))), FN, 'total', ['a date (2026-06-30)']);
    expectSeError(() => phase(NaN), FN, 'total', ['NaN (not a number)']);
    expectSeError(() => phase(Infinity), FN, 'total', ['Infinity']);
  });
  it('rejects periods that are not a whole number of at least 1', () => {
    expectSeError(() => phase(100, undefined, 0), FN, 'periods', ['0']);
    expectSeError(() => phase(100, undefined, 2.5), FN, 'periods', ['2.5']);
    expectSeError(() => phase(100, undefined, '12'), FN, 'periods', ['"12"']);
  });
});

describe('SE_PHASE: extreme totals keep the contract (a finite number or an SeError)', () => {
  const M = Number.MAX_VALUE;
  it('a huge total over uneven weights', () => {
    expectFiniteOrSeError(() => phase(M, [[217], [640]]));
  });
  it('a huge total with 10 decimals', () => {
    expectFiniteOrSeError(() => phase(-M, undefined, undefined, 10));
  });
  it('a huge total with whole numbers still adds up (1e20 over 3 is representable only approximately)', () => {
    expectFiniteOrSeError(() => phase(1e300, undefined, 3, 0));
  });
});

describe('SE_PHASE: weights summing past the largest double (issue 10, item 9)', () => {
  it('splits 100 over {1e308, 1e308} as 50, 50', () => {
    expectCells(phase(100, [[1e308, 1e308]]), [[50, 50]]);
    expectCells(phase(100, [[1e308, 1e308]], undefined, 0), [[50, 50]]);
    expectCells(phase(101, [[1e308, 1e308, 1e308]], undefined, 0), [[34, 34, 33]]);
  });
  it('rounds in O(periods): 1e12 over {1e308, 1e308} to whole units is immediate', () => {
    const t0 = Date.now();
    expectCells(phase(1e12, [[1e308, 1e308]], undefined, 0), [[5e11, 5e11]]);
    expectCells(phase(1e12 + 1, [[1e308, 1e308]], undefined, 0), [[5e11 + 1, 5e11]]);
    expect(Date.now() - t0).toBeLessThan(1000);
  });
});

describe('SE_PHASE: no -0 in results (issue 10, item 13)', () => {
  it('a zero share of a negative total is 0, not -0', () => {
    expect(Object.is(phase(-1, [[0, 1]], undefined, 0)[0][0], 0)).toBe(true);
    expect(Object.is(phase(-1, undefined, 2, 0)[0][1], 0)).toBe(true);
    expect(Object.is(phase(-0, undefined, 2)[0][0], 0)).toBe(true);
  });
});
