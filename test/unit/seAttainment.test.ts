import { SE_ATTAINMENT } from '../../src/functions/seAttainment';
import {
  call,
  describeWorkedExamples,
  expectCells,
  expectFiniteOrSeError,
  expectSeError,
} from '../fixtures/testHelpers';

const FN = 'SE_ATTAINMENT';
const att = (...args: unknown[]) => call(SE_ATTAINMENT, ...args);

describeWorkedExamples(FN, SE_ATTAINMENT);

describe('SE_ATTAINMENT: directions', () => {
  it('up (default) is actual / target', () => {
    expectCells(att(95, 100), [[0.95]]);
    expectCells(att(120, 100), [[1.2]]);
    expectCells(att(100, 100), [[1]]);
    expectCells(att(0, 100), [[0]]);
    expectCells(att(90, 100, undefined), [[0.9]]);
    expectCells(att(90, 100, null), [[0.9]]);
    expectCells(att(90, 100, ''), [[0.9]]);
    expectCells(att(90, 100, 'up'), [[0.9]]);
    // a planned loss of 100 that came in at a loss of 50 is better than planned (SPEC §0):
    // 1 + (−50 − (−100)) / |−100| = 1.5, not −50 / −100 = 0.5
    expectCells(att(-50, -100), [[1.5]]);
  });
  it('down is target / actual', () => {
    expectCells(att(80, 100, 'down'), [[1.25]]);
    expectCells(att(125, 100, 'down'), [[0.8]]);
    expectCells(att(100, 100, ' DOWN '), [[1]]);
  });
  it('range is 1 − |actual − target| / |target|', () => {
    expectCells(att(110, 100, 'range'), [[0.9]]);
    expectCells(att(90, 100, 'range'), [[0.9]]);
    expectCells(att(100, 100, 'Range'), [[1]]);
    // 1 − 200/100 = −1
    expectCells(att(300, 100, 'range'), [[-1]]);
    // target −100: 1 − |−90 + 100| / 100 = 0.9
    expectCells(att(-90, -100, 'range'), [[0.9]]);
  });
  it('rejects another direction word', () => {
    expectSeError(() => att(1, 1, 'sideways'), FN, 'direction', ['"sideways"']);
  });
});

describe('SE_ATTAINMENT: zero denominators', () => {
  it('up with target 0 names the target', () => {
    expectSeError(() => att(5, 0), FN, 'target', ['must not be 0']);
  });
  it('range with target 0 names the target', () => {
    expectSeError(() => att(5, 0, 'range'), FN, 'target', ['must not be 0']);
  });
  it('down with target 0 names the target (a zero target is an error for every direction)', () => {
    expectSeError(() => att(10, 0, 'down'), FN, 'target', ['must not be 0']);
    expectSeError(() => att(0, 0, 'down'), FN, 'target', ['must not be 0']);
  });
  it('a zero inside a range fails the whole call and says where', () => {
    expectSeError(() => att([[1], [2], [3]], [[1], [0], [3]]), FN, 'target', ['must not be 0', 'row 2']);
  });
  it('−0 is 0 too', () => {
    expectSeError(() => att(5, -0), FN, 'target', ['must not be 0']);
  });
  it('a 0 actual is fine for every direction', () => {
    expectCells(att(0, 10), [[0]]);
    // down, nothing spent against a budget of 100: 1 − (0 − 100) / 100 = 2 (SPEC §0), not an error
    expectCells(att(0, 100, 'down'), [[2]]);
    // range: 1 − |0 − 10| / 10 = 0
    expectCells(att(0, 10, 'range'), [[0]]);
  });
  it('the message says why, and names the cell in a range', () => {
    const e = expectSeError(() => att(5, 0), FN, 'target');
    expect(e.message).toBe(
      'SE_ATTAINMENT: target must not be 0: attainment compares the actual with the target, and a target of 0 gives no ratio',
    );
    expectSeError(() => att(5, [[1, 0]], 'down'), FN, 'target', ['must not be 0 (column 2)']);
    expectSeError(() => att([[1], [2]], [[3], [0]], 'range'), FN, 'target', ['(row 2)']);
  });
});

describe('SE_ATTAINMENT: sign-correct for negative and zero-crossing targets (SPEC §0)', () => {
  it('cash burn planned at 100 (target −100): a burn of 80 is 1.2, a burn of 120 is 0.8', () => {
    // up: 1 + (actual − target) / |target|: 1 + 20/100 = 1.2; 1 − 20/100 = 0.8
    expectCells(att(-80, -100), [[1.2]]);
    expectCells(att(-120, -100), [[0.8]]);
    expectCells(att(-100, -100), [[1]]);
  });
  it('up: a positive target is actual / target, even for a negative actual (a zero crossing)', () => {
    // 1 + (−20 − 100) / 100 = −0.2 = −20 / 100
    expectCells(att(-20, 100), [[-0.2]]);
  });
  it('up: a negative target beaten into profit is above 1', () => {
    // 1 + (50 − (−100)) / 100 = 2.5
    expectCells(att(50, -100), [[2.5]]);
  });
  it('down: target / actual when both are positive', () => {
    expectCells(att(80, 100, 'down'), [[1.25]]);
  });
  it('down: a negative target (a planned saving of 100, as −100) uses 1 − (actual − target) / |target|', () => {
    // saved 120 (−120): 1 − (−120 + 100) / 100 = 1.2 (better); saved 80 (−80): 0.8
    expectCells(att(-120, -100, 'down'), [[1.2]]);
    expectCells(att(-80, -100, 'down'), [[0.8]]);
  });
  it('down: a positive target with a negative actual (a refund) is better than target', () => {
    // 1 − (−10 − 100) / 100 = 2.1
    expectCells(att(-10, 100, 'down'), [[2.1]]);
  });
  it('above 1 always means better than target: each direction against the same targets', () => {
    const cases: [number, number, string, boolean][] = [
      [110, 100, 'up', true],
      [90, 100, 'up', false],
      [-90, -100, 'up', true],
      [-110, -100, 'up', false],
      [90, 100, 'down', true],
      [110, 100, 'down', false],
      [-110, -100, 'down', true],
      [-90, -100, 'down', false],
    ];
    for (const [a, t, d, better] of cases) {
      const v = att(a, t, d)[0][0] as number;
      expect([a, t, d, v > 1]).toEqual([a, t, d, better]);
    }
  });
});

describe('SE_ATTAINMENT: ranges and blanks', () => {
  it('works cell by cell and broadcasts a single cell', () => {
    expectCells(att([[50, 100, 150]], 100), [[0.5, 1, 1.5]]);
    expectCells(att([[50], [100]], [[100], [50]]), [[0.5], [2]]);
    expectCells(att(100, [[50, 200]]), [[2, 0.5]]);
  });
  it('takes direction per cell', () => {
    // 80 vs 100: up 0.8, down 1.25, range 0.8, blank → up 0.8
    expectCells(att(80, 100, [['up', 'down', 'range', '']]), [[0.8, 1.25, 0.8, 0.8]]);
  });
  it('gives a blank result where actual or target is blank, without a zero error', () => {
    expectCells(att([[1], [''], [3]], [[2], [4], [null]]), [[0.5], [''], ['']]);
    expectCells(att('', 0), [['']]);
    expectCells(att('', 100, 'down'), [['']]);
  });
  it('reports both shapes on a mismatch', () => {
    const e = expectSeError(() => att([[1], [2], [3], [4], [5]], [[1], [2], [3], [4]]), FN, null);
    expect(e.message).toBe(
      'SE_ATTAINMENT: actual and target must have the same shape, or one of them must be a single cell; actual is 5x1 and target is 4x1',
    );
  });
  it('rejects text, booleans, dates', () => {
    expectSeError(() => att('90', 100), FN, 'actual', ['"90"']);
    expectSeError(() => att(90, [[100, false]]), FN, 'target', ['column 2', 'FALSE']);
    expectSeError(() => att(new Date(Date.UTC(2025, 11, 31)), 100), FN, 'actual', ['a date (2025-12-31)']);
  });
});

describe('SE_ATTAINMENT: extreme values keep the contract (a finite number or an SeError)', () => {
  it('a ratio that overflows is not returned as Infinity', () => {
    expectFiniteOrSeError(() => att(1e300, 1e-300));
    expectFiniteOrSeError(() => att(-1, 5e-324));
    expectFiniteOrSeError(() => att(1e-300, 1e300, 'down'));
  });
});
