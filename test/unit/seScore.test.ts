import { SE_SCORE } from '../../src/functions/seScore';
import {
  call,
  describeWorkedExamples,
  expectCells,
  expectFiniteOrSeError,
  expectSeError,
} from '../fixtures/testHelpers';

const FN = 'SE_SCORE';
const score = (...args: unknown[]) => call(SE_SCORE, ...args);

describeWorkedExamples(FN, SE_SCORE);

describe('SE_SCORE: values', () => {
  it('is plan/scale * execution/scale * 100', () => {
    // 5/10 * 5/10 * 100 = 25; 10/10 * 10/10 * 100 = 100; 0 * anything = 0; 7 * 3 = 21
    expectCells(score(5, 5), [[25]]);
    expectCells(score(10, 10), [[100]]);
    expectCells(score(0, 10), [[0]]);
    expectCells(score(7, 3), [[21]]);
  });

  it('takes another scale', () => {
    // 3/5 * 4/5 * 100 = 12/25 * 100 = 48
    expectCells(score(3, 4, 5), [[48]]);
    // 0.5 * 0.5 * 100 = 25 on scale 1
    expectCells(score(0.5, 0.5, 1), [[25]]);
    // 50/100 * 80/100 * 100 = 40
    expectCells(score(50, 80, 100), [[40]]);
  });

  it('uses scale 10 when scale is omitted or blank (Sheets undefined, Excel null, an empty cell)', () => {
    expectCells(score(9, 4, undefined), [[36]]);
    expectCells(score(9, 4, null), [[36]]);
    expectCells(score(9, 4, ''), [[36]]);
    expectCells(score(9, 4, [['']]), [[36]]);
    // a 1x1 range as scale: 3/5 * 4/5 * 100 = 48
    expectCells(score(3, 4, [[5]]), [[48]]);
  });

  it('accepts the bounds 0 and scale, fractional ratings', () => {
    expectCells(score(0, 0), [[0]]);
    expectCells(score(2.5, 4), [[10]]); // 0.25 * 0.4 * 100
  });

  it('always returns a 2-D array, a single result as [[x]]', () => {
    const r = score(9, 4);
    expect(r).toEqual([[36]]);
  });
});

describe('SE_SCORE: whole ratings on the default scale', () => {
  it('give exact whole scores: plan·execution·100/10² = plan·execution (so =SE_SCORE(9,4)=36 is TRUE)', () => {
    for (let p = 0; p <= 10; p++) {
      for (let e = 0; e <= 10; e++) expect(score(p, e)[0][0]).toBe(p * e);
    }
  });
});

describe('SE_SCORE: ranges and broadcasting', () => {
  it('works cell by cell on two columns of the same shape', () => {
    expectCells(score([[9], [6], [10]], [[4], [8], [10]]), [[36], [48], [100]]);
  });

  it('works on rows and grids', () => {
    expectCells(score([[9, 6]], [[4, 8]]), [[36, 48]]);
    expectCells(
      score(
        [
          [1, 2],
          [3, 4],
        ],
        [
          [10, 5],
          [2, 1],
        ],
      ),
      // 1*10=10, 2*5=10, 3*2=6, 4*1=4 (times 100/100)
      [
        [10, 10],
        [6, 4],
      ],
    );
  });

  it('applies a single cell to every cell of the other range (either side, scalar or 1x1 range)', () => {
    expectCells(score(10, [[0, 5, 10]]), [[0, 50, 100]]);
    expectCells(score([[2], [4]], 5), [[10], [20]]);
    expectCells(score([[5]], [[2], [4]]), [[10], [20]]);
  });

  it('gives a blank result for a blank plan or execution, never 0', () => {
    expectCells(score([[9], [''], [6], [null]], [[4], [5], [''], [undefined]]), [[36], [''], [''], ['']]);
    expectCells(score('', 4), [['']]);
    expectCells(score(9, null), [['']]);
    expectCells(score(undefined, undefined), [['']]);
  });

  it('gives the output the shape of the range argument', () => {
    const r = score(
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      10,
    );
    expect(r.length).toBe(2);
    expect(r.every((row) => row.length === 3)).toBe(true);
  });
});

describe('SE_SCORE: invalid input', () => {
  it('names function, argument, expectation, found value and row (the SPEC message)', () => {
    const e = expectSeError(() => score([[1], [2], [3]], [[1], [2], ['n/a']]), FN, 'execution');
    expect(e.message).toBe('SE_SCORE: execution must be a number from 0 to 10; row 3 holds "n/a"');
  });

  it('says "found" for a single cell', () => {
    const e = expectSeError(() => score(11, 4), FN, 'plan');
    expect(e.message).toBe('SE_SCORE: plan must be a number from 0 to 10; found 11');
  });

  it('says "column N" in a row range and "row R, column C" in a grid', () => {
    expectSeError(() => score([[1, 2, -1]], 5), FN, 'plan', ['column 3', '-1']);
    expectSeError(
      () =>
        score(
          [
            [1, 2],
            [3, 4],
          ],
          [
            [1, 2],
            [12, 4],
          ],
        ),
      FN,
      'execution',
      ['row 2, column 1', '12'],
    );
  });

  it('rejects numbers as text, booleans, dates, NaN and infinities', () => {
    expectSeError(() => score('9', 4), FN, 'plan', ['"9"']);
    expectSeError(() => score('45%', 4), FN, 'plan', ['"45%"']);
    expectSeError(() => score(9, true), FN, 'execution', ['TRUE']);
    expectSeError(() => score(9, false), FN, 'execution', ['FALSE']);
    expectSeError(() => score(new Date(Date.UTC(2026, 2, 1)), 4), FN, 'plan', ['a date (2026-03-01)']);
    expectSeError(() => score(NaN, 4), FN, 'plan', ['NaN (not a number)']);
    expectSeError(() => score(9, Infinity), FN, 'execution', ['Infinity']);
  });

  it('rejects ratings outside 0..scale', () => {
    expectSeError(() => score(-0.0001, 4), FN, 'plan', ['from 0 to 10']);
    expectSeError(() => score(10.0001, 4), FN, 'plan');
    expectSeError(() => score(0.9, 1.1, 1), FN, 'execution', ['from 0 to 1', '1.1']);
    expectSeError(() => score(9, 4, 5), FN, 'plan', ['from 0 to 5', '9']);
  });

  it('fails the whole call when one cell is invalid, even if another argument is blank there', () => {
    expectSeError(() => score([[9], [6]], [[4], ['x']]), FN, 'execution', ['row 2', '"x"']);
    expectSeError(() => score('', 'n/a'), FN, 'execution', ['"n/a"']);
  });

  it('rejects a scale that is not a single number above 0', () => {
    expectSeError(() => score(0, 0, 0), FN, 'scale', ['0']);
    expectSeError(() => score(1, 1, -10), FN, 'scale', ['-10']);
    expectSeError(() => score(1, 1, '10'), FN, 'scale', ['"10"']);
    expectSeError(() => score(1, 1, true), FN, 'scale', ['TRUE']);
    expectSeError(() => score(1, 1, NaN), FN, 'scale', ['NaN (not a number)']);
    expectSeError(() => score(1, 1, [[10, 10]]), FN, 'scale');
  });

  it('reports both shapes when the ranges do not match', () => {
    const e = expectSeError(() => score([[1], [2], [3], [4], [5]], [[1], [2], [3], [4]]), FN, null);
    expect(e.message).toBe(
      'SE_SCORE: plan and execution must have the same shape, or one of them must be a single cell; plan is 5x1 and execution is 4x1',
    );
  });

  it('treats a row and a column of the same length as different shapes', () => {
    expectSeError(() => score([[1, 2]], [[1], [2]]), FN, null, ['1x2', '2x1']);
  });

  it('rejects an empty range and a ragged range', () => {
    expectSeError(() => score([], 4), FN, 'plan');
    expectSeError(() => score([[1, 2], [3]], 4), FN, 'plan');
  });
});

describe('SE_SCORE: extreme but valid scales keep the contract (finite 0..100)', () => {
  it('a tiny scale: 0/1e-300 · 0/1e-300 · 100 is 0, and full marks are 100', () => {
    // contract: result plan·execution·100/scale²; for plan = execution = 0 that is 0, for both = scale it is 100
    expectFiniteOrSeError(() => score(0, 0, 1e-300));
    expectCells(score(0, 0, 1e-300), [[0]]);
    expectCells(score(1e-300, 1e-300, 1e-300), [[100]]);
  });
  it('a huge scale: scale · scale/2 on scale 1e300 is 50', () => {
    expectCells(score(1e300, 5e299, 1e300), [[50]]);
  });
});
