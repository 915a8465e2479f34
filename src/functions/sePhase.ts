import { phaseProfile, phaseTotal, type PhaseProfile } from '../measures/phase';
import {
  finiteResult,
  invalidCell,
  isBlank,
  isFiniteNumber,
  isOmitted,
  messages,
  readNumberOption,
  readWeights,
  SeError,
  toMatrix,
} from '../values';

/**
 * Per-period targets that add up to the total exactly: an even split, or in proportion to weights (e.g. last
 * year's monthly sales as the seasonal profile). With decimals, each target is rounded and the total still
 * holds (largest remainder, ties to the earliest periods). The result runs along a row, or down a column when
 * the weights are a column; a column of totals (one per CSF) gives one row of targets per total.
 * @customfunction PHASE
 * @param total The total to phase (e.g. the annual target): a cell, or a column of totals.
 * @param [weights] The profile, one value per period (a row or column; for a column of totals, a row or one row per total). Default: even.
 * @param [periods] The number of periods (default 12, or the number of weights).
 * @param [decimals] Round each target to this many decimals and keep the exact total (a whole number from 0 to 10).
 * @returns The per-period targets.
 * @example =SE_PHASE(1000, , 12, 0) returns 84, 84, 84, 84, then eight 83s
 */
export function SE_PHASE(total: any[][], weights?: any[][], periods?: any, decimals?: any): any[][] {
  const fn = 'SE_PHASE';
  const t = toMatrix(fn, 'total', total);
  if (t.cols !== 1) {
    throw new SeError(
      'invalid',
      messages.custom(fn, `total must be a single cell or a column of totals; found ${t.rows}x${t.cols}`),
      fn,
      'total',
    );
  }
  const places = readNumberOption(fn, 'decimals', decimals, { min: 0, max: 10, integer: true }, null);
  const given = readNumberOption(fn, 'periods', periods, { min: 1, max: 10000, integer: true }, null);

  // One profile for every total, or one per total (a grid with a row per total).
  let profileFor: (row: number) => PhaseProfile;
  let column = false;
  let count: number;
  if (isOmitted(weights)) {
    count = given ?? 12;
    const even = phaseProfile(new Array<number>(count).fill(1));
    profileFor = () => even;
  } else {
    const w = toMatrix(fn, 'weights', weights);
    const vector = w.rows === 1 || w.cols === 1;
    if (vector) {
      column = w.cols === 1 && w.rows > 1;
      const cells = column ? w.data.map((r) => r[0]) : w.data[0];
      count = cells.length;
      const profile = phaseProfile(readWeights(fn, 'weights', cells));
      profileFor = () => profile;
    } else {
      if (w.rows !== t.rows) {
        throw new SeError(
          'invalid',
          messages.custom(
            fn,
            `weights must be a row or column, or have one row per total (${t.rows}); found ${w.rows}x${w.cols}`,
          ),
          fn,
          'weights',
        );
      }
      count = w.cols;
      const rows = w.data.map((r) => phaseProfile(readWeights(fn, 'weights', r)));
      profileFor = (row) => rows[row];
    }
    if (given !== null && given !== count) {
      throw new SeError(
        'invalid',
        messages.custom(
          fn,
          `periods is ${given} but weights has ${count} values; leave periods empty or make them agree`,
        ),
        fn,
        'periods',
      );
    }
    if (column && t.rows > 1) {
      throw new SeError(
        'invalid',
        messages.custom(fn, 'weights must be a row when total is a column of totals'),
        fn,
        'weights',
      );
    }
  }

  const out: (number | string)[][] = new Array(t.rows);
  for (let r = 0; r < t.rows; r++) {
    const cell = t.data[r][0];
    let parts: (number | string)[];
    if (isBlank(cell)) parts = new Array<string>(count).fill('');
    else {
      if (!isFiniteNumber(cell)) throw invalidCell(fn, 'total', 'a number', cell, t, r, 0);
      const phased = phaseTotal(cell, profileFor(r), places);
      if (phased === null) {
        throw new SeError(
          'invalid',
          messages.expected(
            fn,
            'total',
            `a number with at most ${places} decimals (as decimals asks)`,
            cell,
            t.rows === 1 ? null : `row ${r + 1}`,
          ),
          fn,
          'total',
        );
      }
      if (phased === 'too large') {
        throw new SeError(
          'invalid',
          messages.expected(
            fn,
            'total',
            `small enough to phase with ${places} decimals (below 9e15 units)`,
            cell,
            t.rows === 1 ? null : `row ${r + 1}`,
          ),
          fn,
          'total',
        );
      }
      // Checked in place, -0 read as 0 on the way; the message's words are built only for a result that is
      // not finite.
      for (let i = 0; i < phased.length; i++) {
        const v = phased[i];
        if (v - v !== 0) finiteResult(fn, v, t.rows === 1 ? null : `row ${r + 1}`);
        else if (v === 0) phased[i] = 0;
      }
      parts = phased;
    }
    out[r] = parts;
  }
  return column ? out[0].map((v) => [v]) : out;
}
