import { SE_MONTHLY } from '../../src/functions/seMonthly';
import {
  call,
  describeWorkedExamples,
  expectCells,
  expectFiniteOrSeError,
  expectSeError,
} from '../fixtures/testHelpers';

const FN = 'SE_MONTHLY';
const monthly = (...args: unknown[]) => call(SE_MONTHLY, ...args);

describeWorkedExamples(FN, SE_MONTHLY);

describe('SE_MONTHLY: running totals to the figure of each period', () => {
  it('SPEC: 100, 250, 300 → 100, 150, 50 (the first period as it is, then differences)', () => {
    expectCells(monthly([[100, 250, 300]]), [[100, 150, 50]]);
  });
  it('keeps the shape: a row gives a row, a column a column', () => {
    expectCells(monthly([[100], [250], [300]]), [[100], [150], [50]]);
    // a 1-D array is a row of cells
    expectCells(monthly([100, 250, 300]), [[100, 150, 50]]);
  });
  it('a single cell is its own first period', () => {
    expectCells(monthly(42), [[42]]);
    expectCells(monthly([[42]]), [[42]]);
  });
  it('a grid holds one series per row, periods across', () => {
    const grid = [
      [100, 250, 300, ''],
      [10, 10, 25, 40],
      ['', '', '', ''],
    ];
    expectCells(monthly(grid), [
      [100, 150, 50, ''],
      [10, 0, 15, 15],
      ['', '', '', ''],
    ]);
  });
  it('blanks stay blank: periods still to come, and a series not started', () => {
    expectCells(monthly([[100, 250, '', null, undefined]]), [[100, 150, '', '', '']]);
    expectCells(monthly([[''], [null]]), [[''], ['']]);
    expectCells(monthly(''), [['']]);
    expectCells(monthly(null), [['']]);
  });
  it('a flat running total is a month of 0, and 0 is a first period like any other', () => {
    expectCells(monthly([[0, 0, 5, 5]]), [[0, 0, 5, 0]]);
  });
  it('subtracts as a spreadsheet does: equal to 15 digits is 0, never a tiny residue or a false fall', () => {
    // 0.1 + 0.2 is 0.30000000000000004 in binary; a running total typed as 0.3 after it is no fall
    expectCells(monthly([[0.1, 0.1 + 0.2, 0.3]]), [[0.1, 0.2, 0]]);
    expect(monthly([[0.1, 0.1 + 0.2, 0.3]])[0][2]).toBe(0);
  });
  it('running totals of a negative flow (a refund in the first month) start below 0', () => {
    expectCells(monthly([[-20, 30, 30]]), [[-20, 50, 0]]);
  });
});

describe('SE_MONTHLY: a fall is an error naming the period', () => {
  it('a running total that goes down, with both figures', () => {
    const e = expectSeError(() => monthly([[100, 250, 300, 420, 400]]), FN, 'cumulative');
    expect(e.message).toBe(
      'SE_MONTHLY: cumulative figures fall in period 5 (from 420 to 400); running totals must not go down: check the figures of periods 4 and 5',
    );
  });
  it('names the row of a grid', () => {
    expectSeError(
      () =>
        monthly([
          [1, 2, 3],
          [5, 4, ''],
        ]),
      FN,
      'cumulative',
      ['fall in period 2 of row 2', 'from 5 to 4'],
    );
  });
  it('a column speaks of periods too', () => {
    expectSeError(() => monthly([[10], [9]]), FN, 'cumulative', ['fall in period 2', 'from 10 to 9']);
  });
  it('a fall smaller than 15 digits is no fall', () => {
    expectCells(monthly([[0.3, 0.1 + 0.2]]), [[0.3, 0]]);
  });
  it('a fall of a hundredth is one', () => {
    expectSeError(() => monthly([[0.3, 0.29]]), FN, 'cumulative', ['period 2', 'from 0.3 to 0.29']);
  });
});

describe('SE_MONTHLY: invalid input', () => {
  it('a blank followed by a later value is the usual gap error', () => {
    const e = expectSeError(() => monthly([[100, '', 300]]), FN, 'cumulative');
    expect(e.message).toBe(
      'SE_MONTHLY: cumulative period 2 is blank but period 3 has a value; enter 0 if nothing happened',
    );
    expectSeError(
      () =>
        monthly([
          [1, 2],
          ['', 3],
        ]),
      FN,
      'cumulative',
      ['period 1', 'period 2', 'row 2'],
    );
  });
  it('text, booleans, dates and NaN are not numbers', () => {
    expectSeError(() => monthly([[100, '250']]), FN, 'cumulative', ['"250"', 'period 2']);
    expectSeError(() => monthly([[true, 2]]), FN, 'cumulative', ['TRUE', 'period 1']);
    expectSeError(() => monthly([[1, new Date(Date.UTC(2026, 0, 31))]]), FN, 'cumulative', [
      'a date (2026-01-31)',
    ]);
    expectSeError(() => monthly([[1, NaN]]), FN, 'cumulative', ['NaN (not a number)']);
    expectSeError(() => monthly('12'), FN, 'cumulative', ['"12"']);
  });
  it('an empty or ragged range', () => {
    expectSeError(() => monthly([]), FN, 'cumulative', ['empty range']);
    expectSeError(() => monthly([[1, 2], [3]]), FN, 'cumulative', ['rectangular']);
  });
  it('a difference too large to hold is a message, not Infinity', () => {
    expectFiniteOrSeError(() => monthly([[-Number.MAX_VALUE, Number.MAX_VALUE]]));
    expectSeError(() => monthly([[-Number.MAX_VALUE, Number.MAX_VALUE]]), FN, null, ['too large']);
  });
});
