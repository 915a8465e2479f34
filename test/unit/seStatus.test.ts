import { SE_STATUS } from '../../src/functions/seStatus';
import { call, describeWorkedExamples, expectCells, expectSeError } from '../fixtures/testHelpers';

const FN = 'SE_STATUS';
const status = (...args: unknown[]) => call(SE_STATUS, ...args);
const one = (...args: unknown[]) => status(...args)[0][0];

describeWorkedExamples(FN, SE_STATUS);

describe('SE_STATUS: direction up (default), tolerance 0.1 (default)', () => {
  it('is On track at or above target', () => {
    expect(one(100, 100)).toBe('On track');
    expect(one(150, 100)).toBe('On track');
  });
  it('is At risk within 10% below target, bounds included (100 - 0.1*100 = 90)', () => {
    expect(one(99.99, 100)).toBe('At risk');
    expect(one(90, 100)).toBe('At risk');
  });
  it('is Off track further below', () => {
    expect(one(89.99, 100)).toBe('Off track');
    expect(one(0, 100)).toBe('Off track');
  });
  it('accepts an explicit "up", omitted (undefined/null) and blank direction/tolerance', () => {
    expect(one(95, 100, 'up')).toBe('At risk');
    expect(one(95, 100, undefined, undefined)).toBe('At risk');
    expect(one(95, 100, null, null)).toBe('At risk');
    expect(one(95, 100, '', '')).toBe('At risk');
    expect(one(85, 100, [['']], [['']])).toBe('Off track');
  });
  it('measures the band against |target| for a negative target (a planned loss)', () => {
    // target -100, band 0.1*|−100| = 10: At risk down to −110
    expect(one(-100, -100)).toBe('On track');
    expect(one(-105, -100)).toBe('At risk');
    expect(one(-110, -100)).toBe('At risk');
    expect(one(-111, -100)).toBe('Off track');
  });
  it('handles a zero target (band 0)', () => {
    expect(one(0, 0)).toBe('On track');
    expect(one(-0.001, 0)).toBe('Off track');
  });
});

describe('SE_STATUS: direction down', () => {
  it('is On track at or below target, At risk up to target + tol*|target|, else Off track', () => {
    expect(one(100, 100, 'down')).toBe('On track');
    expect(one(50, 100, 'down')).toBe('On track');
    expect(one(110, 100, 'down')).toBe('At risk');
    expect(one(110.01, 100, 'down')).toBe('Off track');
  });
  it('uses |target| for a negative target: target −100, At risk up to −90', () => {
    expect(one(-95, -100, 'down')).toBe('At risk');
    expect(one(-89, -100, 'down')).toBe('Off track');
  });
});

describe('SE_STATUS: direction range', () => {
  it('is On track within tol*|target| either side, At risk within twice that', () => {
    expect(one(100, 100, 'range')).toBe('On track');
    expect(one(110, 100, 'range')).toBe('On track');
    expect(one(90, 100, 'range')).toBe('On track');
    expect(one(115, 100, 'range')).toBe('At risk');
    expect(one(80, 100, 'range')).toBe('At risk');
    expect(one(120.5, 100, 'range')).toBe('Off track');
    expect(one(79, 100, 'range')).toBe('Off track');
  });
  it('uses |target| for a negative target', () => {
    expect(one(-105, -100, 'range')).toBe('On track');
    expect(one(-95, -100, 'range')).toBe('On track');
    expect(one(-85, -100, 'range')).toBe('At risk');
    expect(one(-125, -100, 'range')).toBe('Off track');
  });
});

describe('SE_STATUS: direction words', () => {
  it('are case-insensitive and trimmed', () => {
    expect(one(95, 100, ' DOWN ')).toBe('On track');
    expect(one(105, 100, 'Down')).toBe('At risk');
    expect(one(115, 100, 'RANGE')).toBe('At risk');
    expect(one(95, 100, 'Up')).toBe('At risk');
  });
  it('rejects other words with the found value', () => {
    expectSeError(() => status(95, 100, 'sideways'), FN, 'direction', ['"sideways"']);
    expectSeError(() => status(95, 100, 'higher'), FN, 'direction', ['up', 'down', 'range']);
    expectSeError(() => status(95, 100, 1), FN, 'direction', ['1']);
    expectSeError(() => status(95, 100, true), FN, 'direction', ['TRUE']);
  });
});

describe('SE_STATUS: tolerance', () => {
  it('0 means anything below target is Off track', () => {
    expect(one(99.999, 100, 'up', 0)).toBe('Off track');
    expect(one(100, 100, 'up', 0)).toBe('On track');
  });
  it('0.2 widens the band to 20% (100 − 20 = 80)', () => {
    expect(one(85, 100, 'up', 0.2)).toBe('At risk');
    expect(one(80, 100, 'up', 0.2)).toBe('At risk');
    expect(one(79, 100, 'up', 0.2)).toBe('Off track');
    expect(one(119, 100, 'down', 0.2)).toBe('At risk');
    // range: 2 * 0.2 * 100 = 40
    expect(one(139, 100, 'range', 0.2)).toBe('At risk');
  });
  it('1 is the largest allowed', () => {
    expect(one(0, 100, 'up', 1)).toBe('At risk');
  });
  it('rejects values outside 0..1, text, booleans', () => {
    expectSeError(() => status(95, 100, 'up', 1.5), FN, 'tolerance', ['1.5']);
    expectSeError(() => status(95, 100, 'up', -0.1), FN, 'tolerance', ['-0.1']);
    expectSeError(() => status(95, 100, 'up', '10%'), FN, 'tolerance', ['"10%"']);
    expectSeError(() => status(95, 100, 'up', false), FN, 'tolerance', ['FALSE']);
  });
});

describe('SE_STATUS: ranges', () => {
  it('spills one status per cell, a single target applied to all', () => {
    expectCells(status([[100, 95, 85]], 100), [['On track', 'At risk', 'Off track']]);
    expectCells(status([[100], [95], [85]], [[100]]), [['On track'], ['At risk'], ['Off track']]);
  });
  it('pairs actual and target cells of the same shape', () => {
    expectCells(
      status(
        [
          [10, 20],
          [30, 40],
        ],
        [
          [10, 25],
          [40, 40],
        ],
      ),
      // 10≥10 On; 20 < 25−2.5=22.5 Off; 30 < 40−4=36 Off; 40≥40 On
      [
        ['On track', 'Off track'],
        ['Off track', 'On track'],
      ],
    );
  });
  it('takes direction and tolerance per cell', () => {
    expectCells(status(105, 100, [['up'], ['down'], ['range'], ['']]), [
      ['On track'],
      ['At risk'],
      ['On track'],
      ['On track'],
    ]);
    // 85 vs 100 up: tol 0 Off, blank (0.1) Off, 0.2 At risk
    expectCells(status(85, 100, 'up', [[0, '', 0.2]]), [['Off track', 'Off track', 'At risk']]);
  });
  it('gives a blank result where actual or target is blank', () => {
    expectCells(status([[100], [''], [95], [null]], [[100], [100], [''], [100]]), [
      ['On track'],
      [''],
      [''],
      [''],
    ]);
    expectCells(status('', 100), [['']]);
    expectCells(status(100, undefined), [['']]);
  });
  it('reports both shapes on a mismatch', () => {
    const e = expectSeError(() => status([[1], [2], [3], [4], [5]], [[1], [2], [3], [4]]), FN, null);
    expect(e.message).toBe(
      'SE_STATUS: actual and target must have the same shape, or one of them must be a single cell; actual is 5x1 and target is 4x1',
    );
  });
  it('reports a mismatch of direction or tolerance against the values', () => {
    expectSeError(() => status([[1], [2]], 2, [['up'], ['up'], ['up']]), FN, null, ['2x1', '3x1']);
    expectSeError(() => status([[1, 2]], 2, 'up', [[0.1, 0.1, 0.1]]), FN, null, ['1x2', '1x3']);
  });
});

describe('SE_STATUS: invalid values', () => {
  it('names argument, found value and position', () => {
    expectSeError(() => status([[1], [2], ['n/a']], 2), FN, 'actual', ['row 3', '"n/a"']);
    expectSeError(() => status(1, [[1, '95']]), FN, 'target', ['column 2', '"95"']);
    expectSeError(() => status(true, 100), FN, 'actual', ['TRUE']);
    expectSeError(() => status(100, new Date(Date.UTC(2026, 0, 31))), FN, 'target', ['a date (2026-01-31)']);
    expectSeError(() => status(NaN, 100), FN, 'actual', ['NaN (not a number)']);
    expectSeError(() => status(100, -Infinity), FN, 'target', ['Infinity']);
  });
});

describe('SE_STATUS: band edges compare as spreadsheets do, to 15 significant digits (SPEC §0)', () => {
  // Each edge is exact in decimal arithmetic (so a cell's test says "at the bound"), while the same sums in
  // binary floating point land a hair on the wrong side.
  it('SPEC: (1.38, 1.84, "up", 0.25) is At risk: 1.84 × 0.75 = 1.38', () => {
    expect(one(1.38, 1.84, 'up', 0.25)).toBe('At risk');
  });
  it('SPEC: (1.1, 1, "range", 0.1) is On track: |1.1 − 1| = 0.1 = 10% of 1', () => {
    expect(one(1.1, 1, 'range', 0.1)).toBe('On track');
  });
  it('up: the lower bound target·(1 − tol) is At risk, just below it Off track', () => {
    // 0.2 × 0.75 = 0.15; 0.28 × 0.75 = 0.21
    expect(one(0.15, 0.2, 'up', 0.25)).toBe('At risk');
    expect(one(0.21, 0.28, 'up', 0.25)).toBe('At risk');
    expect(one(0.1499, 0.2, 'up', 0.25)).toBe('Off track');
  });
  it('down: the upper bound target·(1 + tol) is At risk, just above it Off track', () => {
    // 0.3 × 1.1 = 0.33; 0.36 × 1.25 = 0.45; 1.2 × 1.1 = 1.32
    expect(one(0.33, 0.3, 'down', 0.1)).toBe('At risk');
    expect(one(0.45, 0.36, 'down', 0.25)).toBe('At risk');
    expect(one(1.32, 1.2, 'down', 0.1)).toBe('At risk');
    expect(one(1.3201, 1.2, 'down', 0.1)).toBe('Off track');
  });
  it('range: |actual − target| = tol·|target| is On track, = 2·tol·|target| At risk', () => {
    // 0.04 ± 25% = 0.03 and 0.05; 0.2 ± 10% = 0.18; 0.1 − 10% = 0.09
    expect(one(0.05, 0.04, 'range', 0.25)).toBe('On track');
    expect(one(0.03, 0.04, 'range', 0.25)).toBe('On track');
    expect(one(0.18, 0.2, 'range', 0.1)).toBe('On track');
    expect(one(0.09, 0.1, 'range', 0.1)).toBe('On track');
    // 0.18 + 2 × 25% × 0.18 = 0.27; 0.3 + 2 × 5% × 0.3 = 0.33
    expect(one(0.27, 0.18, 'range', 0.25)).toBe('At risk');
    expect(one(0.33, 0.3, 'range', 0.05)).toBe('At risk');
    expect(one(0.3301, 0.3, 'range', 0.05)).toBe('Off track');
  });
  it('a target itself is On track whatever the rounding of its sum (0.1 + 0.2 vs 0.3)', () => {
    expect(one(0.1 + 0.2, 0.3, 'down', 0)).toBe('On track');
    expect(one(0.3, 0.1 + 0.2, 'up', 0)).toBe('On track');
    expect(one(0.1 + 0.2, 0.3, 'range', 0)).toBe('On track');
  });
  it('numbers that differ in the 14th digit are not equal', () => {
    expect(one(0.99999999999999, 1, 'up', 0)).toBe('Off track');
    expect(one(1.00000000000001, 1, 'down', 0)).toBe('Off track');
  });
  it('the same edges in a range spill the same words', () => {
    expectCells(status([[1.38], [0.15]], [[1.84], [0.2]], 'up', 0.25), [['At risk'], ['At risk']]);
  });
});
