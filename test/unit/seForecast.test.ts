import { SE_FORECAST } from '../../src/functions/seForecast';
import {
  call,
  describeWorkedExamples,
  expectCells,
  expectFiniteOrSeError,
  expectSeError,
  leastSquares,
  trendForecast,
} from '../fixtures/testHelpers';
import { seedActuals, specHeadcount, specRates } from '../fixtures/workedExamples';

const FN = 'SE_FORECAST';
const forecast = (...args: unknown[]) => call(SE_FORECAST, ...args);

describeWorkedExamples(FN, SE_FORECAST);

describe('SE_FORECAST: runrate (default)', () => {
  it('is YTD / elapsed · periods', () => {
    // 10 + 20 = 30 over 2 periods, 4 periods in all (the cell count): 30 / 2 · 4 = 60
    expectCells(forecast([[10, 20, '', '']]), [[60]]);
    expectCells(forecast([[10, 20, '', '']], undefined, 'runrate'), [[60]]);
    expectCells(forecast([[10, 20, '', '']], null, null), [[60]]);
    expectCells(forecast([[10, 20, '', '']], '', ''), [[60]]);
    // 30 / 2 · 12 = 180
    expectCells(forecast([[10, 20, '', '']], 12), [[180]]);
  });
  it('reads a column the same as a row', () => {
    expectCells(forecast([[10], [20], [null], [undefined]]), [[60]]);
  });
  it('seed actuals with periods omitted use the 7 cells: the forecast is the YTD, 700', () => {
    expectCells(forecast(seedActuals), [[700]]);
  });
  it('a fully reported series forecasts its sum', () => {
    expectCells(forecast([[1, 2, 3, 4]]), [[10]]);
  });
  it('a constant series c over P periods forecasts c·P', () => {
    expectCells(forecast([[7, '', '', '', '']], 5), [[35]]);
    expectCells(forecast([[0, 0, '']], 12), [[0]]);
  });
  it('accepts a single cell as a one-period series', () => {
    // 50 / 1 · 12
    expectCells(forecast(50, 12), [[600]]);
  });
  it('accepts negative values (a loss) and zeros', () => {
    // (−10 + 4) / 2 · 4 = −12
    expectCells(forecast([[-10, 4, '', '']]), [[-12]]);
  });
  it('method names are case-insensitive', () => {
    expectCells(forecast([[10, 20, '', '']], 4, 'RunRate'), [[60]]);
    expectCells(forecast([[10, 20, '', '']], 4, ' RUNRATE '), [[60]]);
  });
});

describe('SE_FORECAST: trend', () => {
  it('agrees with a hand-computed least-squares line', () => {
    // y = 10, 20, 40 at x = 1, 2, 3: x̄ = 2, ȳ = 70/3, Sxy = (−1)(10 − 70/3) + (1)(40 − 70/3) = 30, Sxx = 2,
    // b = 15, a = 70/3 − 30 = −20/3. Periods 4 and 5: 2a + 9b = −40/3 + 135 = 365/3. Total 70 + 365/3 = 575/3.
    expectCells(forecast([[10, 20, 40, '', '']], undefined, 'trend'), [[575 / 3]]);
    expectCells(forecast([[10], [20], [40]], 5, 'TREND'), [[575 / 3]]);
  });
  it('agrees with the reference least-squares on another series', () => {
    const ys = [12, 7, 30, 18, 25, 11];
    expectCells(forecast([ys], 12, 'trend'), [[trendForecast(ys, 12)]]);
  });
  it('is the sum when every period is reported', () => {
    expectCells(forecast([[3, 9, 4]], 3, 'trend'), [[16]]);
  });
  it('extends a single reported value flat', () => {
    expectCells(forecast([[50, '', '']], undefined, 'trend'), [[150]]);
    expectCells(forecast(50, 12, 'trend'), [[600]]);
  });
  it('a perfect line continues: 1, 2, 3 over 5 periods is 1+2+3+4+5 = 15', () => {
    expectCells(forecast([[1, 2, 3]], 5, 'trend'), [[15]]);
  });
  it('is not hurt by many periods (closed form or loop gives the same)', () => {
    expectCells(forecast([[1, 2, 3]], 1000, 'trend'), [[(1000 * 1001) / 2]], 6);
  });
});

describe('SE_FORECAST: phased', () => {
  it('is YTD / (elapsed weight / total weight)', () => {
    // weights 1, 1, 2, 4: elapsed 2 of 8 = 0.25; 30 / 0.25 = 120
    expectCells(forecast([[10, 20, '', '']], undefined, 'phased', [[1, 1, 2, 4]]), [[120]]);
    // weights as a column work the same
    expectCells(forecast([[10, 20, '', '']], 4, 'PHASED', [[1], [1], [2], [4]]), [[120]]);
  });
  it('with an even profile is the run rate', () => {
    const even = [[1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]];
    expectCells(forecast(seedActuals, 12, 'phased', even), [[1200]]);
  });
  it('uses weights for `periods` periods when the actuals range is shorter', () => {
    // 700 over weights 1..12 (sum 78), elapsed 1..7 (sum 28): 700 / (28/78) = 1950
    const w = [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]];
    expectCells(forecast(seedActuals, 12, 'phased', w), [[1950]]);
  });
  it('requires weights', () => {
    expectSeError(() => forecast([[10, 20, '', '']], 4, 'phased'), FN, null, ['weights']);
    expectSeError(() => forecast([[10, 20, '', '']], 4, 'phased', null), FN, null, ['weights']);
  });
  it('rejects weights of the wrong length, with blanks, negatives, text, or a zero sum', () => {
    expectSeError(() => forecast([[10, 20, '', '']], 4, 'phased', [[1, 1, 1]]), FN, 'weights', ['4']);
    expectSeError(() => forecast([[10, 20, '', '']], 4, 'phased', [[1, '', 1, 1]]), FN, 'weights', [
      'a blank',
    ]);
    expectSeError(() => forecast([[10, 20, '', '']], 4, 'phased', [[1, -1, 1, 1]]), FN, 'weights', ['-1']);
    expectSeError(() => forecast([[10, 20, '', '']], 4, 'phased', [[1, 'x', 1, 1]]), FN, 'weights', ['"x"']);
    expectSeError(() => forecast([[10, 20, '', '']], 4, 'phased', [[0, 0, 0, 0]]), FN, 'weights');
  });
  it('rejects a profile with no weight in the elapsed periods', () => {
    expectSeError(() => forecast([[10, 20, '', '']], 4, 'phased', [[0, 0, 1, 1]]), FN, null);
  });
});

describe('SE_FORECAST: aggregation (SPEC §0)', () => {
  it('"sum" is the default: omitted, null, blank and "sum" agree', () => {
    for (const agg of [undefined, null, '', 'sum', ' SUM ', [['Sum']]]) {
      expectCells(forecast(seedActuals, 12, 'runrate', undefined, agg), [[1200]]);
      expectCells(forecast(seedActuals, 12, 'trend', undefined, agg), [[9600 / 7]]);
    }
  });
  it('"average" runrate is the mean so far, whatever the periods', () => {
    // (0.05 + 0.06 + 0.04) / 3
    expectCells(forecast(specRates, 12, 'runrate', undefined, 'average'), [[0.05]]);
    expectCells(forecast(specRates, undefined, undefined, undefined, 'Average'), [[0.05]]);
    // 80 … 120: 700 / 7 = 100
    expectCells(forecast(seedActuals, 12, 'runrate', undefined, 'average'), [[100]]);
  });
  it('"average" trend is (the reported values + the line over the periods to come) / periods', () => {
    // SPEC: 5%, 6%, 4% → 2.75% (line 0.06 − 0.005k over months 4..12 adds 0.18; (0.15 + 0.18) / 12)
    expectCells(forecast(specRates, 12, 'trend', undefined, 'average'), [[0.0275]]);
    // seed: (9600/7) / 12 = 800/7
    expectCells(forecast(seedActuals, 12, 'trend', undefined, 'average'), [[800 / 7]]);
    // the reference least squares on another series
    const ys = [0.12, 0.07, 0.3, 0.18];
    expectCells(forecast([ys], 10, 'trend', undefined, 'average'), [[trendForecast(ys, 10) / 10]]);
  });
  it('"last" runrate is the latest value', () => {
    expectCells(forecast(specHeadcount, 12, 'runrate', undefined, 'last'), [[120]]);
    expectCells(forecast([[5, 9, 7, '', '']], undefined, undefined, undefined, 'LAST'), [[7]]);
  });
  it('"last" trend is the line at the last period', () => {
    // SPEC: 100, 110, 120 → the line 90 + 10k at 12 is 210
    expectCells(forecast(specHeadcount, 12, 'trend', undefined, 'last'), [[210]]);
    // seed: intercept 540/7 + slope 40/7 × 12 = 1020/7
    expectCells(forecast(seedActuals, 12, 'trend', undefined, 'last'), [[1020 / 7]]);
    const ys = [12, 7, 30, 18, 25, 11];
    const { a, b } = leastSquares(ys);
    expectCells(forecast([ys], 9, 'trend', undefined, 'last'), [[a + b * 9]]);
  });
  it('one reported period: the trend is flat, equal to the run-rate, for every aggregation', () => {
    expectCells(forecast([[50, '', '']], 12, 'trend'), [[600]]);
    expectCells(forecast([[0.05, '', '']], 12, 'trend', undefined, 'average'), [[0.05]]);
    expectCells(forecast([[100, '', '']], 12, 'trend', undefined, 'last'), [[100]]);
    for (const agg of ['sum', 'average', 'last'])
      expect(forecast([[37, '']], 12, 'trend', undefined, agg)).toEqual(
        forecast([[37, '']], 12, 'runrate', undefined, agg),
      );
  });
  it('every period reported: the actual figure for every method and aggregation', () => {
    const all = [[100, 110, 125]];
    expectCells(forecast(all, 3, 'runrate'), [[335]]);
    expectCells(forecast(all, 3, 'trend'), [[335]]);
    expectCells(forecast(all, 3, 'runrate', undefined, 'average'), [[335 / 3]]);
    expectCells(forecast(all, 3, 'trend', undefined, 'average'), [[335 / 3]]);
    // the year-end level is the latest actual, not the line's value at period 3 (124.17)
    expectCells(forecast(all, 3, 'runrate', undefined, 'last'), [[125]]);
    expectCells(forecast(all, 3, 'trend', undefined, 'last'), [[125]]);
  });
  it('grids: one forecast per row, blank for an all-blank row', () => {
    const grid = [
      [0.05, 0.06, 0.04, '', ''],
      ['', '', '', '', ''],
      [0.1, '', '', '', ''],
    ];
    expectCells(forecast(grid, 12, 'trend', undefined, 'average'), [[0.0275], [''], [0.1]]);
    expectCells(
      forecast(
        [
          [100, 110, 120],
          [3, 1, ''],
        ],
        12,
        'runrate',
        undefined,
        'last',
      ),
      [[120], [1]],
    );
  });
  it('"phased" with "average" or "last" is a clear error', () => {
    const w = [[1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]];
    const e = expectSeError(() => forecast(specRates, 12, 'phased', w, 'average'), FN, 'method');
    expect(e.message).toBe(
      'SE_FORECAST: method "phased" applies to aggregation "sum" only; found aggregation "average"',
    );
    expectSeError(() => forecast(specHeadcount, 12, 'phased', w, 'last'), FN, 'method', ['"last"']);
    // the error comes before the weights are looked at
    expectSeError(() => forecast(specHeadcount, 12, 'phased', undefined, 'last'), FN, 'method', ['"sum"']);
    expectCells(forecast(seedActuals, 12, 'phased', w, 'sum'), [[1200]]);
  });
  it('rejects another aggregation word, naming what it found', () => {
    const e = expectSeError(() => forecast(seedActuals, 12, 'runrate', undefined, 'mean'), FN, 'aggregation');
    expect(e.message).toBe('SE_FORECAST: aggregation must be "sum", "average" or "last"; found "mean"');
    expectSeError(() => forecast(seedActuals, 12, 'runrate', undefined, 1), FN, 'aggregation', ['1']);
    expectSeError(
      () => forecast(seedActuals, 12, 'runrate', undefined, [['sum', 'last']]),
      FN,
      'aggregation',
      ['1x2'],
    );
  });
});

describe('SE_FORECAST: grids (one series per row)', () => {
  const grid = [
    [10, 20, '', ''],
    [5, 5, 5, 5],
    ['', '', '', ''],
    [1, '', '', ''],
  ];
  it('spills one forecast per row as a column, blank for an all-blank row', () => {
    // 30/2·4 = 60; 20; ""; 1·4 = 4
    expectCells(forecast(grid), [[60], [20], [''], [4]]);
  });
  it('trend per row', () => {
    expectCells(forecast(grid, 4, 'trend'), [[trendForecast([10, 20], 4)], [20], [''], [4]]);
    // by hand: 10, 20 → line 10k, periods 3 and 4: 30 + 40; total 100
    expect(trendForecast([10, 20], 4)).toBeCloseTo(100, 9);
  });
  it('phased with one row of weights for all rows', () => {
    const g = [
      [10, 20, '', ''],
      [5, '', '', ''],
    ];
    // weights 1,1,2,4 (sum 8): row 1 elapsed 2 → 30 / (2/8) = 120; row 2 elapsed 1 → 5 / (1/8) = 40
    expectCells(forecast(g, 4, 'phased', [[1, 1, 2, 4]]), [[120], [40]]);
  });
  it('phased with a grid of weights, one profile per row', () => {
    const g = [
      [10, 20, '', ''],
      [5, '', '', ''],
    ];
    const w = [
      [1, 1, 1, 1],
      [1, 3, 0, 0],
    ];
    // row 1: 30 / (2/4) = 60; row 2: 5 / (1/4) = 20
    expectCells(forecast(g, 4, 'phased', w), [[60], [20]]);
  });
  it('names the row of a gap or a bad cell', () => {
    expectSeError(
      () =>
        forecast([
          [1, 2, 3],
          [1, '', 3],
        ]),
      FN,
      'actuals',
      ['period 2', 'period 3', 'row 2', 'enter 0 if nothing happened'],
    );
    expectSeError(
      () =>
        forecast([
          [1, 2, 3],
          [1, 'n/a', 3],
        ]),
      FN,
      'actuals',
      ['"n/a"', 'row 2'],
    );
  });
});

describe('SE_FORECAST: periods', () => {
  it('must be at least the number reported', () => {
    expectSeError(() => forecast([[1, 2, 3]], 2), FN, 'periods', ['2']);
  });
  it('must be a whole number of at least 1', () => {
    expectSeError(() => forecast([[1, 2, '']], 2.5), FN, 'periods', ['2.5']);
    expectSeError(() => forecast([[1, '', '']], 0), FN, 'periods');
    expectSeError(() => forecast([[1, '', '']], -3), FN, 'periods', ['-3']);
    expectSeError(() => forecast([[1, '', '']], '12'), FN, 'periods', ['"12"']);
    expectSeError(() => forecast([[1, '', '']], true), FN, 'periods', ['TRUE']);
  });
  it('may exceed the cells of the range', () => {
    expectCells(forecast([[2, 4]], 10), [[30]]);
  });
});

describe('SE_FORECAST: invalid and unavailable input', () => {
  it('reports a gap with the SPEC wording', () => {
    const e = expectSeError(() => forecast([[1, 2, 3, '', 5]]), FN, 'actuals');
    expect(e.message).toBe(
      'SE_FORECAST: actuals period 4 is blank but period 5 has a value; enter 0 if nothing happened',
    );
  });
  it('rejects text, booleans, dates, NaN in the actuals, naming the period', () => {
    expectSeError(() => forecast([[1, 'n/a', 3]]), FN, 'actuals', ['"n/a"']);
    expect(thrownMessage(() => forecast([[1, 'n/a', 3]]))).toMatch(/(period|column) 2/);
    expectSeError(() => forecast([[1], ['45%']]), FN, 'actuals', ['"45%"']);
    expectSeError(() => forecast([[true, 2]]), FN, 'actuals', ['TRUE']);
    expectSeError(() => forecast([[new Date(Date.UTC(2026, 1, 1)), 2]]), FN, 'actuals', [
      'a date (2026-02-01)',
    ]);
    expectSeError(() => forecast([[1, NaN]]), FN, 'actuals', ['NaN (not a number)']);
  });
  it('is notAvailable for a single series with nothing reported', () => {
    expectSeError(
      () => forecast([['', '', '']]),
      FN,
      'actuals',
      ['has no reported period yet'],
      'notAvailable',
    );
    expectSeError(() => forecast(''), FN, 'actuals', ['has no reported period yet'], 'notAvailable');
    expectSeError(
      () => forecast([[null], [null]], 12, 'trend'),
      FN,
      'actuals',
      ['has no reported period yet'],
      'notAvailable',
    );
  });
  it('rejects an unknown method', () => {
    expectSeError(() => forecast([[1, 2]], 2, 'linear'), FN, 'method', ['"linear"']);
  });
});

function thrownMessage(thunk: () => unknown): string {
  try {
    thunk();
  } catch (e) {
    return (e as Error).message;
  }
  return '';
}

describe('SE_FORECAST: extreme values keep the contract (a finite number or an SeError)', () => {
  const M = Number.MAX_VALUE;
  it('runrate that overflows', () => {
    expectFiniteOrSeError(() => forecast(M, 2));
    expectFiniteOrSeError(() => forecast([[-M], [1], [''], ['']]));
  });
  it('trend of huge values is not NaN', () => {
    expectFiniteOrSeError(() => forecast([[M, M, '']], undefined, 'trend'));
  });
  it('an absurd number of periods', () => {
    expectFiniteOrSeError(() => forecast([[1, 3]], M));
  });
  it('average and last of huge values', () => {
    for (const agg of ['average', 'last'])
      for (const method of ['runrate', 'trend']) {
        expectFiniteOrSeError(() => forecast([[M, M, '']], undefined, method, undefined, agg));
        expectFiniteOrSeError(() => forecast([[-M, M, -M, '']], 12, method, undefined, agg));
      }
    // a flat level of the largest number stays that level
    expectCells(forecast([[M, M, '']], undefined, 'trend', undefined, 'last'), [[M]]);
  });
});
