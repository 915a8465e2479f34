import { SE_REQUIRED_RATE } from '../../src/functions/seRequiredRate';
import {
  call,
  describeWorkedExamples,
  expectCells,
  expectFiniteOrSeError,
  expectSeError,
} from '../fixtures/testHelpers';
import { seedActuals, specHeadcount, specRates } from '../fixtures/workedExamples';

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

describe('SE_REQUIRED_RATE: 0 once the target is reached, with or without periods left', () => {
  it('12 reported months that beat the target give 0 (SPEC: no "no periods remain" error)', () => {
    const year = [[80, 90, 100, 95, 110, 105, 120, 130, 140, 150, 160, 170]];
    // 1450 ≥ 1300
    expectCells(rate(year, 1300), [[0]]);
    expectCells(rate(year, 1300, 12), [[0]]);
    // exactly on target: 1450
    expectCells(rate(year, 1450), [[0]]);
  });
  it('exactly on target to 15 digits counts as reached (0.1 + 0.2 toward 0.3)', () => {
    expectCells(rate([[0.1, 0.2, '']], 0.3), [[0]]);
    expectCells(rate([[0.1, 0.2]], 0.3), [[0]]);
  });
  it('every aggregation: reached is 0 with periods left and with none', () => {
    // average: reached when the sum so far already makes the year's mean (0.15 ≥ 0.01 × 12); a mean at
    // target with periods left still needs the target in each of them: (0.05 × 12 − 0.15) / 9 = 0.05
    expectCells(rate(specRates, 0.01, 12, 'average'), [[0]]);
    expectCells(rate(specRates, 0.0125, 12, 'average'), [[0]]);
    expectCells(rate(specRates, 0.05, 12, 'average'), [[0.05]]);
    expectCells(rate(specRates, 0.05, 3, 'average'), [[0]]);
    expectCells(rate(specHeadcount, 120, 12, 'last'), [[0]]);
    expectCells(rate(specHeadcount, 100, 3, 'last'), [[0]]);
  });
  it('names the row of a series whose period is over and missed', () => {
    const e = expectSeError(
      () =>
        rate(
          [
            [100, 110, 120],
            [1, 2, 3],
          ],
          [[300], [400]],
          3,
        ),
      FN,
      null,
      [],
      'notAvailable',
    );
    expect(e.message).toBe(
      'SE_REQUIRED_RATE: the period is over (all 3 periods are reported in row 2) and the target 400 was missed by 394; no remaining period can make it up',
    );
  });
  it('the message shows the shortfall as a spreadsheet shows it, to 15 digits', () => {
    // average: (0.06 × 3 − 0.15) / 3 = 0.01 short on the mean
    const e = expectSeError(() => rate(specRates, 0.06, 3, 'average'), FN, null, [], 'notAvailable');
    expect(e.message).toBe(
      'SE_REQUIRED_RATE: the period is over (all 3 periods are reported) and the target mean 0.06 was missed by 0.01; no remaining period can make it up',
    );
    const l = expectSeError(() => rate(specHeadcount, 200, 3, 'last'), FN, null, [], 'notAvailable');
    expect(l.message).toBe(
      'SE_REQUIRED_RATE: the period is over (all 3 periods are reported) and the target level 200 was missed by 80; no remaining period can make it up',
    );
  });
});

describe('SE_REQUIRED_RATE: aggregation (SPEC §0)', () => {
  it('"sum" is the default', () => {
    for (const agg of [undefined, null, '', 'sum', 'Sum'])
      expectCells(rate(seedActuals, 1300, 12, agg), [[120]]);
  });
  it('"average": (target × periods − sum so far) / periods left', () => {
    // SPEC: 5%, 6%, 4% toward 6% over 12: (0.72 − 0.15) / 9 = 6.33%
    expectCells(rate(specRates, 0.06, 12, 'average'), [[0.57 / 9]]);
    // seed toward a mean of 110 over 12: (1320 − 700) / 5 = 124
    expectCells(rate(seedActuals, 110, 12, 'average'), [[124]]);
  });
  it('"last": (target − latest) / periods left, the change per period', () => {
    // SPEC: 100, 110, 120 toward 200 over 12: 80 / 9 = 8.89
    expectCells(rate(specHeadcount, 200, 12, 'last'), [[80 / 9]]);
    // seed: (150 − 120) / 5 = 6
    expectCells(rate(seedActuals, 150, 12, 'LAST'), [[6]]);
  });
  it('"last" has no direction: a level above its target needs 0, not a negative change', () => {
    expectCells(rate(specHeadcount, 90, 12, 'last'), [[0]]);
  });
  it('grids with one target per row', () => {
    const grid = [
      [0.05, 0.06, 0.04, ''],
      [0.02, 0.02, '', ''],
    ];
    // row 1: (0.06 × 4 − 0.15) / 1 = 0.09; row 2: (0.06 × 4 − 0.04) / 2 = 0.1
    expectCells(rate(grid, [[0.06], [0.06]], undefined, 'average'), [[0.09], [0.1]]);
  });
  it('rejects another aggregation word', () => {
    const e = expectSeError(() => rate(seedActuals, 1300, 12, 'total'), FN, 'aggregation');
    expect(e.message).toBe('SE_REQUIRED_RATE: aggregation must be "sum", "average" or "last"; found "total"');
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
  it('with no period left and the target missed, says the period is over and by how much', () => {
    // 1 + 2 = 3 toward 10: missed by 7
    const e = expectSeError(() => rate([[1, 2]], 10), FN, null, [], 'notAvailable');
    expect(e.message).toBe(
      'SE_REQUIRED_RATE: the period is over (all 2 periods are reported) and the target 10 was missed by 7; no remaining period can make it up',
    );
    expect(e.arg).toBe('target');
    expectSeError(
      () => rate([[1, 2, '']], 10, 2),
      FN,
      null,
      ['all 2 periods', 'missed by 7'],
      'notAvailable',
    );
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
    for (const agg of ['average', 'last']) {
      expectFiniteOrSeError(() => rate([[-Number.MAX_VALUE, '']], Number.MAX_VALUE, undefined, agg));
      expectFiniteOrSeError(() => rate([[-Number.MAX_VALUE, 1]], Number.MAX_VALUE, undefined, agg));
    }
  });
});
