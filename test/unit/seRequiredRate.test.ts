import { SE_REQUIRED_RATE } from '../../src/functions/seRequiredRate';
import {
  call,
  describeWorkedExamples,
  expectCells,
  expectFiniteOrSeError,
  expectSeError,
} from '../fixtures/testHelpers';
import { seedActuals } from '../fixtures/workedExamples';

const FN = 'SE_REQUIRED_RATE';
const rate = (...args: unknown[]) => call(SE_REQUIRED_RATE, ...args);

describeWorkedExamples(FN, SE_REQUIRED_RATE);

describe('SE_REQUIRED_RATE: values', () => {
  it('is (target − YTD) / remaining periods', () => {
    // (1300 − 700) / (12 − 7) = 120; toward 1000: 300 / 5 = 60
    expectCells(rate(seedActuals, 1000, 12), [[60]]);
    // 10 + 20 = 30, periods default to the 4 cells: (100 − 30) / 2 = 35
    expectCells(rate([[10, 20, '', '']], 100), [[35]]);
    expectCells(rate([[10, 20, '', '']], 100, undefined), [[35]]);
    expectCells(rate([[10, 20, '', '']], 100, null), [[35]]);
    expectCells(rate([[10, 20, '', '']], 100, ''), [[35]]);
    expectCells(rate([[10], [20], [''], ['']], [[100]]), [[35]]);
  });
  it('is 0 once the target is reached or passed, never negative', () => {
    expectCells(rate([[10, 20, '', '']], 30), [[0]]);
    expectCells(rate([[10, 20, '', '']], 5), [[0]]);
    expectCells(rate([[10, 20, '', '']], -100), [[0]]);
  });
  it('counts a reported 0 as a reported period', () => {
    // 0 + 0 over 2 of 4: 100 / 2 = 50
    expectCells(rate([[0, 0, '', '']], 100), [[50]]);
  });
  it('accepts periods beyond the cells of the range', () => {
    // (130 − 30) / (12 − 2) = 10
    expectCells(rate([[10, 20]], 130, 12), [[10]]);
  });
  it('gives a blank for a blank target', () => {
    expectCells(rate([[10, 20, '', '']], ''), [['']]);
    expectCells(rate([[10, 20, '', '']], null), [['']]);
  });
});

describe('SE_REQUIRED_RATE: grids (one series per row)', () => {
  const grid = [
    [10, 20, '', ''],
    [5, 5, 5, ''],
  ];
  it('takes one target per row as a column', () => {
    // (100 − 30) / 2 = 35; (30 − 15) / 1 = 15
    expectCells(rate(grid, [[100], [30]]), [[35], [15]]);
  });
  it('applies a single target to every row', () => {
    // (50 − 30) / 2 = 10; (50 − 15) / 1 = 35
    expectCells(rate(grid, 50), [[10], [35]]);
  });
  it('gives a blank for a row whose target is blank', () => {
    expectCells(rate(grid, [[100], ['']]), [[35], ['']]);
  });
  it('rejects a target column of the wrong length', () => {
    expectSeError(() => rate(grid, [[1], [2], [3]]), FN, 'target');
  });
  it('names the row of a bad target', () => {
    expectSeError(() => rate(grid, [[100], ['lots']]), FN, 'target', ['"lots"', 'row 2']);
  });
});

describe('SE_REQUIRED_RATE: invalid and unavailable', () => {
  it('rejects a series with no remaining period', () => {
    expectSeError(() => rate([[1, 2]], 10), FN, null);
    expectSeError(() => rate([[1, 2, '']], 10, 2), FN, null);
  });
  it('rejects periods below the number reported, and non-whole periods', () => {
    expectSeError(() => rate([[1, 2, 3]], 10, 2), FN, 'periods');
    expectSeError(() => rate([[1, '', '']], 10, 2.5), FN, 'periods', ['2.5']);
    expectSeError(() => rate([[1, '', '']], 10, '12'), FN, 'periods', ['"12"']);
  });
  it('reports a gap with the SPEC wording', () => {
    const e = expectSeError(() => rate([[1, 2, 3, '', 5, '']], 100), FN, 'actuals');
    expect(e.message).toBe(
      'SE_REQUIRED_RATE: actuals period 4 is blank but period 5 has a value; enter 0 if nothing happened',
    );
  });
  it('rejects bad cells in the actuals and the target', () => {
    expectSeError(() => rate([[1, '2', '']], 10), FN, 'actuals', ['"2"']);
    expectSeError(() => rate([[1, 2, '']], '10'), FN, 'target', ['"10"']);
    expectSeError(() => rate([[1, 2, '']], true), FN, 'target', ['TRUE']);
    expectSeError(() => rate([[1, 2, '']], NaN), FN, 'target', ['NaN (not a number)']);
  });
  it('is notAvailable for a single series with nothing reported', () => {
    expectSeError(
      () => rate([['', '', '']], 100),
      FN,
      'actuals',
      ['has no reported period yet'],
      'notAvailable',
    );
  });
});

describe('SE_REQUIRED_RATE: extreme values keep the contract (a finite number or an SeError)', () => {
  it('a gap that overflows is not returned as Infinity', () => {
    expectFiniteOrSeError(() => rate([[-Number.MAX_VALUE, '']], Number.MAX_VALUE));
  });
});
