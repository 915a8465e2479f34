import { FUNNEL_TARGETS } from '../../src/functions/funnelTargets';
import { call, expectCells, expectFiniteOrSeError, expectSeError } from '../fixtures/testHelpers';

const FN = 'FUNNEL_TARGETS';
const targets = (...args: unknown[]) => call(FUNNEL_TARGETS, ...args);
// SPEC §1: contacts → appointments 35%, → presentations 65%, → opportunities 70%, → sales 30%.
const ratesColumn = [[0.35], [0.65], [0.7], [0.3]];
const ratesRow = [[0.35, 0.65, 0.7, 0.3]];

describe('FUNNEL_TARGETS: SPEC §1 worked numbers', () => {
  it('25 sales at 35%, 65%, 70%, 30% need 529, 185, 120, 84, 25 (rounded up from the bottom)', () => {
    // By hand: 25 / 0.3 = 83.3 → 84; 84 / 0.7 = 120 exactly → 120; 120 / 0.65 = 184.6 → 185;
    // 185 / 0.35 = 528.6 → 529.
    expect(targets(25, ratesColumn)).toEqual([[529], [185], [120], [84], [25]]);
    expect(targets(25, ratesColumn, true)).toEqual([[529], [185], [120], [84], [25]]);
    expect(targets(25, ratesColumn, null)).toEqual([[529], [185], [120], [84], [25]]);
    expect(targets([[25]], ratesColumn, [['']])).toEqual([[529], [185], [120], [84], [25]]);
  });
  it('unrounded: 523.29, 183.15, 119.05, 83.33, 25 (to the decimals SPEC shows)', () => {
    expectCells(targets(25, ratesColumn, false), [[523.29], [183.15], [119.05], [83.33], [25]], 2);
    expectCells(targets(25, ratesColumn, 0), [[523.29], [183.15], [119.05], [83.33], [25]], 2);
    // Against 25 / 0.3 / 0.7 / 0.65 / 0.35 worked on paper as fractions: 25·10/3 = 250/3, ·10/7 = 2500/21, …
    expectCells(
      targets(25, ratesColumn, false),
      [[250000 / 21 / 0.65 / 35], [2500 / 21 / 0.65], [2500 / 21], [250 / 3], [25]],
      9,
    );
  });
  it('84 at 70% needs exactly 120, not 121 (84 / 0.7 is 120.00000000000001 in floating point)', () => {
    expect(84 / 0.7).toBeGreaterThan(120); // the artefact the function must not round up
    expect(targets(84, 0.7)).toEqual([[120], [84]]);
    expect(targets(84, [[0.7]])).toEqual([[120], [84]]);
  });
  it('a rate typed as =1/3 needs 3 for 1 (compared as a sheet compares, to 15 digits)', () => {
    expect(targets(1, 1 / 3)).toEqual([[3], [1]]);
    expect(targets(7, [[0.07]])).toEqual([[100], [7]]);
    expect(targets(3, [[0.3]])).toEqual([[10], [3]]);
  });
  it('a rate of 100% keeps the count; goal 0 needs nothing', () => {
    expect(targets(25, [[1], [1]])).toEqual([[25], [25], [25]]);
    expect(targets(0, ratesColumn)).toEqual([[0], [0], [0], [0], [0]]);
    expect(Object.is(targets(-0, ratesColumn)[0][0], 0)).toBe(true);
  });
  it('the goal is kept as typed; the stages above it are whole', () => {
    // 25.5 / 0.3 = 85 exactly; 85 / 0.7 = 121.4 → 122.
    expect(targets(25.5, [[0.7], [0.3]])).toEqual([[122], [85], [25.5]]);
  });
});

describe('FUNNEL_TARGETS: orientation and several goals', () => {
  it('rates in a row give a row ending with the goal', () => {
    expect(targets(25, ratesRow)).toEqual([[529, 185, 120, 84, 25]]);
  });
  it('goals in a row with rates in a column: one column per goal; a blank goal a blank column', () => {
    // 10 sales: 10/0.3 → 34; 34/0.7 = 48.6 → 49; 49/0.65 = 75.4 → 76; 76/0.35 = 217.1 → 218.
    expect(targets([[25, 10, '']], ratesColumn)).toEqual([
      [529, 218, ''],
      [185, 76, ''],
      [120, 49, ''],
      [84, 34, ''],
      [25, 10, ''],
    ]);
  });
  it('goals in a column with rates in a row: one row per goal (reps down the sheet)', () => {
    expect(targets([[25], [null], [10]], ratesRow)).toEqual([
      [529, 185, 120, 84, 25],
      ['', '', '', '', ''],
      [218, 76, 49, 34, 10],
    ]);
  });
  it('one rate: the funnel runs across when the goals run down, else down', () => {
    expect(targets([[84], [7]], 0.7)).toEqual([
      [120, 84],
      [10, 7],
    ]);
    expect(targets([[84, 7]], 0.7)).toEqual([
      [120, 10],
      [84, 7],
    ]);
  });
  it('a blank goal gives a blank funnel', () => {
    expect(targets('', ratesColumn)).toEqual([[''], [''], [''], [''], ['']]);
    expect(targets(null, ratesRow)).toEqual([['', '', '', '', '']]);
  });
});

describe('FUNNEL_TARGETS: argument rules and messages', () => {
  it('goals and rates the same way round: says which way to turn one', () => {
    expectSeError(() => targets([[25], [10]], ratesColumn), FN, 'goal', [
      'goal holds 2 goals in a column and rates run down a column too',
      'put the goals in a row',
    ]);
    expectSeError(() => targets([[25, 10]], ratesRow), FN, 'goal', ['2 goals in a row', 'goals in a column']);
  });
  it('a grid of goals', () => {
    expectSeError(
      () =>
        targets(
          [
            [1, 2],
            [3, 4],
          ],
          ratesColumn,
        ),
      FN,
      'goal',
      ['a single cell, or a row or column of goals', 'found 2x2'],
    );
  });
  it('a goal that is text, negative, a boolean or not finite', () => {
    expectSeError(() => targets('25', ratesColumn), FN, 'goal', ['a number of at least 0', 'found "25"']);
    expectSeError(() => targets([[25, -1]], ratesColumn), FN, 'goal', ['column 2 holds -1']);
    expectSeError(() => targets(true, ratesColumn), FN, 'goal', ['found TRUE']);
    expectSeError(() => targets(NaN, ratesColumn), FN, 'goal', ['NaN']);
  });
  it('rates must be above 0 and at most 1, every step one', () => {
    const rule = 'conversion rates above 0 and at most 1 (35% or 0.35)';
    expectSeError(() => targets(25, [[0.35], [0]]), FN, 'rates', [rule, 'row 2 holds 0']);
    expectSeError(() => targets(25, [[0.35, 1.2]]), FN, 'rates', ['column 2 holds 1.2']);
    expectSeError(() => targets(25, [[0.35], ['']]), FN, 'rates', ['row 2 holds a blank']);
    expectSeError(() => targets(25, [['35%']]), FN, 'rates', ['found "35%"']);
    expectSeError(() => targets(25, [[-0.5]]), FN, 'rates', ['found -0.5']);
    expectSeError(
      () =>
        targets(25, [
          [0.3, 0.4],
          [0.5, 0.6],
        ]),
      FN,
      'rates',
      ['a single row or column', 'found 2x2'],
    );
  });
  it('round_up must be TRUE or FALSE', () => {
    expectSeError(() => targets(25, ratesColumn, 'yes'), FN, 'round_up', ['TRUE or FALSE', 'found "yes"']);
    expectSeError(() => targets(25, ratesColumn, 2), FN, 'round_up', ['found 2']);
    expectSeError(() => targets(25, ratesColumn, [[true, false]]), FN, 'round_up', ['single cell']);
  });
  it('results too large for a number are a clear error, never Infinity', () => {
    expectSeError(() => targets(1e308, [[1e-10], [0.5]]), FN, null, ['too large', 'stage 2']);
    expectFiniteOrSeError(() => targets([[1e308, 5]], [[1e-300], [1e-300]], false));
  });
});
