import { readdirSync } from 'node:fs';
import { join } from 'node:path';
/**
 * Property tests of the custom functions: every call either returns a non-empty rectangular 2-D array of
 * finite numbers and strings, or throws an SeError with a clean message; plus mathematical properties that
 * hold by the spec.
 */
import fc from 'fast-check';
import { FUNNEL_LEAK } from '../../src/functions/funnelLeak';
import { FUNNEL_STEPS } from '../../src/functions/funnelSteps';
import { SE_ATTAINMENT } from '../../src/functions/seAttainment';
import { SE_FORECAST } from '../../src/functions/seForecast';
import { SE_MONTHLY } from '../../src/functions/seMonthly';
import { SE_PHASE } from '../../src/functions/sePhase';
import { SE_REQUIRED_RATE } from '../../src/functions/seRequiredRate';
import { SE_SCORE } from '../../src/functions/seScore';
import { SE_STATUS } from '../../src/functions/seStatus';
import { SE_TREND } from '../../src/functions/seTrend';
import { SeError } from '../../src/values/errors';
import { call, leastSquares, wellFormedMessage } from '../fixtures/testHelpers';

const RUNS = 1000;

// ---------------------------------------------------------------------------------------------------------
// Arbitraries
// ---------------------------------------------------------------------------------------------------------

const specialNumbers = fc.constantFrom(
  0,
  -0,
  1,
  -1,
  0.5,
  2,
  3,
  10,
  12,
  100,
  1e300,
  -1e300,
  1e-300,
  -1e-300,
  5e-324,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.MAX_SAFE_INTEGER,
  NaN,
  Infinity,
  -Infinity,
);

const texts = fc.constantFrom(
  '',
  ' ',
  '12',
  '45%',
  'n/a',
  '<img src=x onerror=alert(1)>',
  '"quoted"',
  'up',
  'down',
  'range',
  ' DOWN ',
  'runrate',
  'trend',
  'phased',
  'Trend',
  'sum',
  'average',
  'last',
  ' Average ',
  'impact',
  'rate',
  'loss',
  'Contacts',
  'Sales',
  '\u0000',
  'x'.repeat(500),
);

/** Random text, without the words the message check looks for (a found text is quoted in the message). */
const randomText = fc.string({ maxLength: 30 }).filter((s) => !/undefined|\[object|NaN| {4}at /.test(s));

const wildCell: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.double() },
  { weight: 3, arbitrary: fc.integer({ min: -20, max: 1000 }) },
  { weight: 3, arbitrary: specialNumbers },
  { weight: 3, arbitrary: texts },
  { weight: 1, arbitrary: randomText },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: false }) },
  { weight: 2, arbitrary: fc.constantFrom(null, undefined, '') },
);

/** Cells that mostly pass validation, so the arithmetic gets exercised too. */
const plausibleCell: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 1000 }) },
  { weight: 3, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
  { weight: 1, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
  { weight: 1, arbitrary: specialNumbers },
  { weight: 2, arbitrary: fc.constantFrom(null, undefined, '') },
  { weight: 1, arbitrary: fc.constantFrom('Contacts', 'Sales', 'up', 'down', 'n/a') },
);

function grid(cell: fc.Arbitrary<unknown>, maxRows = 5, maxCols = 6): fc.Arbitrary<unknown[][]> {
  return fc
    .record({ rows: fc.integer({ min: 1, max: maxRows }), cols: fc.integer({ min: 1, max: maxCols }) })
    .chain(({ rows, cols }) =>
      fc.array(fc.array(cell, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows }),
    );
}

const oddShapes: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant([]),
  fc.constant([[]]),
  fc.constant([[], []]),
  fc.array(fc.array(wildCell, { maxLength: 4 }), { minLength: 2, maxLength: 4 }), // often ragged
  fc.array(wildCell, { minLength: 1, maxLength: 5 }), // 1-D
  fc.array(fc.oneof(wildCell, fc.array(wildCell, { maxLength: 3 })), { minLength: 1, maxLength: 4 }), // nested mix
  wildCell.map((c) => [[c]]), // 1x1
  fc.constant([[[1]]]), // a range inside a cell
  fc.constant({}),
);

const anyArg: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: wildCell },
  { weight: 4, arbitrary: grid(wildCell) },
  { weight: 5, arbitrary: grid(plausibleCell) },
  { weight: 3, arbitrary: plausibleCell },
  { weight: 2, arbitrary: oddShapes },
);

// ---------------------------------------------------------------------------------------------------------
// The contract every call must keep
// ---------------------------------------------------------------------------------------------------------

type Outcome = { ok: true; value: unknown[][] } | { ok: false; error: SeError };

function describeArgs(args: unknown[]): string {
  return JSON.stringify(args, (_k, v) =>
    typeof v === 'number' && !Number.isFinite(v) ? String(v) : v === undefined ? '<undefined>' : v,
  );
}

/** Calls `fn`; throws (failing the property) unless the result or the error keeps the contract. */
function checked(name: string, fn: unknown, args: unknown[]): Outcome {
  let value: unknown;
  let caught: unknown = undefined;
  let threw = false;
  try {
    value = call(fn, ...args);
  } catch (e) {
    threw = true;
    caught = e;
  }
  if (threw) {
    const e = caught;
    if (!(e instanceof SeError)) {
      throw new Error(
        `${name} threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)} for ${describeArgs(args)}`,
      );
    }
    const bad = wellFormedMessage(name, e.message);
    if (bad !== null) throw new Error(`${name} message ${bad}: ${e.message} for ${describeArgs(args)}`);
    if (e.code !== 'invalid' && e.code !== 'notAvailable') throw new Error(`${name} code ${String(e.code)}`);
    return { ok: false, error: e };
  }
  if (!Array.isArray(value) || value.length === 0) {
    throw new Error(
      `${name} returned a non-2-D or empty result ${JSON.stringify(value)} for ${describeArgs(args)}`,
    );
  }
  const first = value[0];
  if (!Array.isArray(first) || first.length === 0) throw new Error(`${name} returned an empty first row`);
  for (const row of value) {
    if (!Array.isArray(row) || row.length !== first.length) {
      throw new Error(`${name} returned a ragged result for ${describeArgs(args)}`);
    }
    for (const cell of row) {
      // -0 is a finite number, but a cell shows it as "-0" in some hosts: results are 0 instead.
      const fine =
        (typeof cell === 'number' && Number.isFinite(cell) && !Object.is(cell, -0)) ||
        typeof cell === 'string';
      if (!fine) {
        throw new Error(
          `${name} returned the cell ${String(cell)} (${typeof cell}) for ${describeArgs(args)}; result ${describeArgs(value)}`,
        );
      }
    }
  }
  return { ok: true, value: value as unknown[][] };
}

/**
 * Every custom function, found by the folder listing of src/functions (never a hand-kept list): a function
 * added there gets these properties too. Arity is the declared parameter count.
 */
const functionsDir = join(__dirname, '..', '..', 'src', 'functions');
const functions: { name: string; fn: unknown; arity: number }[] = readdirSync(functionsDir)
  .filter((file) => file.endsWith('.ts'))
  .flatMap((file) =>
    // The files are found at run time, so they are loaded with require rather than a static import.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    Object.entries(require(join(functionsDir, file)) as Record<string, unknown>)
      .filter(([name, fn]) => typeof fn === 'function' && /^[A-Z][A-Z_]+$/.test(name))
      .map(([name, fn]) => ({ name, fn, arity: (fn as (...args: unknown[]) => unknown).length })),
  );

it('finds the custom functions in src/functions', () => {
  expect(functions.length).toBe(readdirSync(functionsDir).filter((file) => file.endsWith('.ts')).length);
});

/** Option-like values for the later arguments (periods, method, window, decimals, mode, scale, ...). */
const optionArg: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    undefined,
    null,
    '',
    'up',
    'down',
    'range',
    'runrate',
    'trend',
    'phased',
    'impact',
    'rate',
    'loss',
    'sum',
    'average',
    'last',
  ),
  fc.integer({ min: -2, max: 30 }),
  fc.double({ min: 0, max: 1, noNaN: true }),
  specialNumbers,
  anyArg,
);

describe('every function keeps the result/error contract on arbitrary input', () => {
  for (const { name, fn, arity } of functions) {
    it(`${name}: wild argument mixes`, () => {
      fc.assert(
        fc.property(fc.array(anyArg, { minLength: 0, maxLength: arity }), (args) => {
          checked(name, fn, args);
        }),
        { numRuns: RUNS },
      );
    });
    it(`${name}: plausible first arguments with option-like later arguments`, () => {
      fc.assert(
        fc.property(
          fc.oneof(grid(plausibleCell), plausibleCell),
          fc.array(optionArg, { minLength: 0, maxLength: arity - 1 }),
          (first, rest) => {
            checked(name, fn, [first, ...rest]);
          },
        ),
        { numRuns: RUNS },
      );
    });
  }
});

// ---------------------------------------------------------------------------------------------------------
// Targeted properties
// ---------------------------------------------------------------------------------------------------------

/** Scales and ratings within them. */
const scaleAndRatings = fc
  .oneof(fc.constantFrom(1, 5, 10, 100), fc.double({ min: 1e-3, max: 1e6, noNaN: true }))
  .chain((scale) =>
    fc.tuple(
      fc.constant(scale),
      fc.double({ min: 0, max: scale, noNaN: true }),
      fc.double({ min: 0, max: scale, noNaN: true }),
    ),
  );

describe('SE_SCORE properties', () => {
  it('lies in 0..100 and is symmetric in plan and execution', () => {
    fc.assert(
      fc.property(scaleAndRatings, ([scale, p, e]) => {
        const a = checked('SE_SCORE', SE_SCORE, [p, e, scale]);
        const b = checked('SE_SCORE', SE_SCORE, [e, p, scale]);
        if (!a.ok || !b.ok) return false;
        const x = a.value[0][0] as number;
        return x >= 0 && x <= 100 + 1e-9 && x === b.value[0][0];
      }),
      { numRuns: RUNS },
    );
  });
  it('keeps 0..100 and finite results for extreme but valid scales', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(1e-300, 1e-200, 5e-324, 1e300, Number.MAX_VALUE),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (scale, fp, fe) => {
          const r = checked('SE_SCORE', SE_SCORE, [fp * scale, fe * scale, scale]);
          if (!r.ok) return true; // an error is allowed (contract kept by `checked`)
          const x = r.value[0][0] as number;
          return x >= 0 && x <= 100 + 1e-9;
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('SE_PHASE properties', () => {
  it('with decimals: parts have at most that many decimals and add up exactly (in units) to the total', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: -1e9, max: 1e9 }),
        fc
          .array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 24 })
          .filter((w) => w.some((x) => x > 0)),
        (decimals, units, weights) => {
          const scale = 10 ** decimals;
          const total = units / scale;
          const r = checked('SE_PHASE', SE_PHASE, [total, [weights], undefined, decimals]);
          if (!r.ok)
            throw new Error(`SE_PHASE(${total}, [${weights}], , ${decimals}) failed: ${r.error.message}`);
          const parts = r.value.flat() as number[];
          if (parts.length !== weights.length) return false;
          let got = 0;
          for (const x of parts) {
            const u = Math.round(x * scale);
            if (u / scale !== x) throw new Error(`part ${x} has more than ${decimals} decimals`);
            got += u;
          }
          if (got !== units) throw new Error(`parts ${parts} add up to ${got} units, not ${units}`);
          // each part is within one unit of its exact share, and a zero weight gets 0
          const wsum = weights.reduce((s, w) => s + w, 0);
          parts.forEach((x, i) => {
            const exact = (units * weights[i]) / wsum;
            if (Math.abs(Math.round(x * scale) - exact) >= 1 + 1e-6)
              throw new Error(`part ${i} ${x} is far from ${exact / scale}`);
            if (weights[i] === 0 && x !== 0) throw new Error(`zero weight got ${x}`);
          });
          return true;
        },
      ),
      { numRuns: RUNS },
    );
  });
  it('with decimals and equal weights: parts differ by at most one unit, the larger ones first', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: -1e7, max: 1e7 }),
        fc.integer({ min: 1, max: 60 }),
        (decimals, units, periods) => {
          const scale = 10 ** decimals;
          const r = checked('SE_PHASE', SE_PHASE, [units / scale, undefined, periods, decimals]);
          if (!r.ok) throw new Error(r.error.message);
          const u = (r.value[0] as number[]).map((x) => Math.round(x * scale));
          if (u.length !== periods) return false;
          const max = Math.max(...u);
          const min = Math.min(...u);
          if (max - min > 1) return false;
          // ties to the earliest periods: the parts further from 0 come first (mirror image for negatives)
          const abs = u.map(Math.abs);
          for (let i = 1; i < abs.length; i++) if (abs[i] > abs[i - 1]) return false;
          return u.reduce((s, x) => s + x, 0) === units;
        },
      ),
      { numRuns: RUNS },
    );
  });
  it('without decimals: parts add up to the total within 1e-9 relative and follow the weights', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e12, max: 1e12, noNaN: true }),
        fc
          .array(fc.double({ min: 0, max: 1000, noNaN: true }), { minLength: 1, maxLength: 24 })
          .filter((w) => w.reduce((s, x) => s + x, 0) > 1e-6),
        (total, weights) => {
          const r = checked('SE_PHASE', SE_PHASE, [total, [weights]]);
          if (!r.ok) throw new Error(r.error.message);
          const parts = r.value[0] as number[];
          const sum = parts.reduce((s, x) => s + x, 0);
          const wsum = weights.reduce((s, x) => s + x, 0);
          if (Math.abs(sum - total) > 1e-9 * Math.max(1, Math.abs(total))) return false;
          return parts.every(
            (x, i) => Math.abs(x - (total * weights[i]) / wsum) <= 1e-9 * Math.max(1, Math.abs(total)),
          );
        },
      ),
      { numRuns: RUNS },
    );
  });
  it('a negative total is the mirror image of the positive one', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 1, max: 1e7 }),
        fc
          .array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 12 })
          .filter((w) => w.some((x) => x > 0)),
        (decimals, units, weights) => {
          const total = units / 10 ** decimals;
          const pos = checked('SE_PHASE', SE_PHASE, [total, [weights], undefined, decimals]);
          const neg = checked('SE_PHASE', SE_PHASE, [-total, [weights], undefined, decimals]);
          if (!pos.ok || !neg.ok) return false;
          return (pos.value[0] as number[]).every(
            (x, i) => (neg.value[0][i] as number) === -x || (x === 0 && neg.value[0][i] === 0),
          );
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('SE_STATUS properties', () => {
  const rank: Record<string, number> = { 'Off track': 0, 'At risk': 1, 'On track': 2 };
  it('is monotone in actual for direction up', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e9, max: 1e9, noNaN: true }),
        fc.double({ min: -1e9, max: 1e9, noNaN: true }),
        fc.double({ min: -1e9, max: 1e9, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (a1, a2, target, tol) => {
          const [lo, hi] = a1 <= a2 ? [a1, a2] : [a2, a1];
          const r = checked('SE_STATUS', SE_STATUS, [[[lo], [hi]], target, 'up', tol]);
          if (!r.ok) return false;
          return rank[r.value[0][0] as string] <= rank[r.value[1][0] as string];
        },
      ),
      { numRuns: RUNS },
    );
  });
  it('is monotone the other way for direction down, and symmetric around the target for range', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e6, max: 1e6 }),
        fc.integer({ min: -1e6, max: 1e6 }),
        fc.integer({ min: 0, max: 1e6 }),
        fc.constantFrom(0, 0.05, 0.1, 0.25, 0.5, 1),
        (a1, a2, d, tol) => {
          const target = a1; // reuse: a1 as target, a2 as actual for down
          const [lo, hi] = a2 <= target ? [a2, target] : [target, a2];
          const down = checked('SE_STATUS', SE_STATUS, [[[lo], [hi]], target, 'down', tol]);
          if (!down.ok) return false;
          if (rank[down.value[0][0] as string] < rank[down.value[1][0] as string]) return false;
          const range = checked('SE_STATUS', SE_STATUS, [[[target - d], [target + d]], target, 'range', tol]);
          if (!range.ok) return false;
          return range.value[0][0] === range.value[1][0];
        },
      ),
      { numRuns: RUNS },
    );
  });
  it('only ever says On track, At risk, Off track or blank', () => {
    fc.assert(
      fc.property(grid(plausibleCell, 3, 3), fc.oneof(plausibleCell, grid(plausibleCell, 3, 3)), (a, t) => {
        const r = checked('SE_STATUS', SE_STATUS, [a, t]);
        return !r.ok || r.value.flat().every((c) => c === '' || (typeof c === 'string' && c in rank));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('SE_ATTAINMENT properties', () => {
  it('is 1 when actual = target ≠ 0, in every direction', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e12, max: 1e12, noNaN: true }).filter((x) => x !== 0),
        fc.constantFrom('up', 'down', 'range', undefined),
        (x, d) => {
          const r = checked('SE_ATTAINMENT', SE_ATTAINMENT, [x, x, d]);
          return r.ok && r.value[0][0] === 1;
        },
      ),
      { numRuns: RUNS },
    );
  });
  it('up is actual / target and down its reciprocal', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 1, max: 1e6 }), (a, t) => {
        const up = checked('SE_ATTAINMENT', SE_ATTAINMENT, [a, t]);
        const down = checked('SE_ATTAINMENT', SE_ATTAINMENT, [a, t, 'down']);
        return up.ok && down.ok && up.value[0][0] === a / t && down.value[0][0] === t / a;
      }),
      { numRuns: RUNS },
    );
  });
});

describe('SE_FORECAST properties', () => {
  it('a constant series c over P periods forecasts c·P (runrate, trend, phased with even weights)', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 36 })
          .chain((periods) =>
            fc.tuple(
              fc.constant(periods),
              fc.integer({ min: 1, max: periods }),
              fc.double({ min: -1e6, max: 1e6, noNaN: true }),
            ),
          ),
        ([periods, elapsed, c]) => {
          const row = [Array.from({ length: periods }, (_, i) => (i < elapsed ? c : ''))];
          const want = c * periods;
          const tol = 1e-9 * Math.max(1, Math.abs(want));
          const even = [Array(periods).fill(1)];
          for (const [method, w] of [
            ['runrate', undefined],
            ['trend', undefined],
            ['phased', even],
          ] as const) {
            const r = checked('SE_FORECAST', SE_FORECAST, [row, periods, method, w]);
            if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
            if (Math.abs((r.value[0][0] as number) - want) > tol) {
              throw new Error(
                `${method} of ${c} over ${elapsed}/${periods} gave ${r.value[0][0]}, want ${want}`,
              );
            }
          }
          return true;
        },
      ),
      { numRuns: RUNS },
    );
  });
  it('trend agrees with the reference least squares', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 0, max: 24 }),
        (ys, extra) => {
          const periods = ys.length + extra;
          const r = checked('SE_FORECAST', SE_FORECAST, [[ys], periods, 'trend']);
          if (!r.ok) throw new Error(r.error.message);
          const { a, b } = leastSquares(ys);
          let want = ys.reduce((s, y) => s + y, 0);
          for (let k = ys.length + 1; k <= periods; k++) want += a + b * k;
          return Math.abs((r.value[0][0] as number) - want) <= 1e-7 * Math.max(1, Math.abs(want));
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('SE_REQUIRED_RATE properties', () => {
  it('is never negative, and closes the gap exactly when there is one', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 11 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: -20000, max: 20000 }),
        (ys, extra, target) => {
          const periods = ys.length + extra;
          const r = checked('SE_REQUIRED_RATE', SE_REQUIRED_RATE, [[ys], target, periods]);
          if (!r.ok) throw new Error(r.error.message);
          const x = r.value[0][0] as number;
          const ytd = ys.reduce((s, y) => s + y, 0);
          if (x < 0) return false;
          if (target <= ytd) return x === 0;
          return Math.abs(ytd + x * extra - target) <= 1e-9 * Math.max(1, Math.abs(target));
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('SE_TREND properties', () => {
  it('agrees with the reference classification away from the 2% boundary', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -500, max: 500 }), { minLength: 2, maxLength: 10 }),
        fc.constantFrom('up', 'down'),
        fc.integer({ min: 2, max: 12 }),
        (ys, direction, window) => {
          const last = ys.slice(Math.max(0, ys.length - window));
          const { b } = leastSquares(last);
          const mean = last.reduce((s, y) => s + y, 0) / last.length;
          const margin = Math.abs(Math.abs(b) - 0.02 * Math.abs(mean));
          fc.pre(b === 0 || margin > 1e-9);
          const want =
            b === 0 || Math.abs(b) < 0.02 * Math.abs(mean)
              ? 'Steady'
              : (direction === 'up') === b > 0
                ? 'Improving'
                : 'Worsening';
          const r = checked('SE_TREND', SE_TREND, [[ys], direction, window]);
          if (!r.ok) throw new Error(r.error.message);
          return r.value[0][0] === want;
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('FUNNEL_LEAK / FUNNEL_STEPS properties', () => {
  /** Counts that never rise from one stage to the next (levels and zeros included), as a real funnel's. */
  const falling = (n: number) =>
    fc
      .array(fc.integer({ min: 0, max: 1000 }), { minLength: n, maxLength: n })
      .map((xs) => [...xs].sort((a, b) => b - a));
  const funnel = fc.integer({ min: 2, max: 6 }).chain((n) =>
    fc.record({
      counts: falling(n),
      benchmarks: fc.option(
        fc.array(fc.oneof(fc.double({ min: 0, max: 1.5, noNaN: true }), fc.constant('')), {
          minLength: n - 1,
          maxLength: n - 1,
        }),
        { nil: undefined },
      ),
      named: fc.boolean(),
      mode: fc.constantFrom(undefined, 'impact', 'rate', 'loss'),
    }),
  );
  it('FUNNEL_LEAK returns one of the step labels, "No leak" or ""', () => {
    fc.assert(
      fc.property(funnel, ({ counts, benchmarks, named, mode }) => {
        const names = counts.map((_, i) => `S${i + 1}`);
        const stages = counts.map((c, i) => (named ? [names[i], c] : [c]));
        const bm = benchmarks?.map((b) => [b]);
        const r = checked('FUNNEL_LEAK', FUNNEL_LEAK, [stages, bm, mode]);
        if (!r.ok) {
          // only impact without any benchmark may fail here
          const none = benchmarks === undefined || benchmarks.every((b) => b === '');
          if (mode === 'impact' && none) return true;
          throw new Error(r.error.message);
        }
        const labels = counts
          .slice(1)
          .map((_, i) => (named ? `${names[i]} → ${names[i + 1]}` : `Stage ${i + 1} → Stage ${i + 2}`));
        const x = r.value[0][0] as string;
        return (
          r.value.length === 1 &&
          r.value[0].length === 1 &&
          (labels.includes(x) || x === 'No leak' || x === '')
        );
      }),
      { numRuns: RUNS },
    );
  });
  it('FUNNEL_LEAK agrees with a reference implementation of the three modes', () => {
    fc.assert(
      fc.property(funnel, ({ counts, benchmarks, mode }) => {
        const stages = counts.map((c) => [c]);
        const bm = benchmarks?.map((b) => [b]);
        const r = checked('FUNNEL_LEAK', FUNNEL_LEAK, [stages, bm, mode]);
        const hasBench = benchmarks !== undefined && benchmarks.some((b) => b !== '');
        const m = mode ?? (hasBench ? 'impact' : 'rate');
        if (m === 'impact' && !hasBench) return !r.ok;
        if (!r.ok) throw new Error(r.error.message);
        const steps = counts.length - 1;
        const conv = (i: number) => (counts[i] === 0 ? null : counts[i + 1] / counts[i]);
        const bench = (i: number) =>
          benchmarks === undefined || benchmarks[i] === '' ? null : (benchmarks[i] as number);
        let best = -1;
        let bestScore = 0;
        let nearTie = false;
        for (let i = 0; i < steps; i++) {
          const c = conv(i);
          if (c === null) continue;
          let score: number | null;
          if (m === 'rate') score = -c;
          else if (m === 'loss') score = counts[i] - counts[i + 1];
          else {
            const b = bench(i);
            if (b === null || !(c < b)) score = null;
            else {
              let extra = b * counts[i] - counts[i + 1];
              for (let j = i + 1; j < steps; j++) extra *= conv(j) ?? bench(j) ?? 0;
              score = extra;
            }
          }
          if (score === null) continue;
          if (best >= 0 && Math.abs(score - bestScore) <= 1e-9 * Math.max(1, Math.abs(score))) nearTie = true;
          if (best < 0 || score > bestScore) {
            if (best >= 0 && Math.abs(score - bestScore) > 1e-9 * Math.max(1, Math.abs(score)))
              nearTie = false;
            best = i;
            bestScore = score;
          }
        }
        fc.pre(!nearTie); // float-noise ties are not a fair check
        const want = best < 0 ? 'No leak' : `Stage ${best + 1} → Stage ${best + 2}`;
        if (r.value[0][0] !== want) {
          throw new Error(
            `mode ${m}, counts ${counts}, benchmarks ${benchmarks}: got ${r.value[0][0]}, want ${want}`,
          );
        }
        return true;
      }),
      { numRuns: RUNS },
    );
  });
  it('counts that rise from one stage to the next are refused, naming the first rise', () => {
    // A falling funnel with one stage lifted above the stage before it (by at least 1): that is the only rise.
    const rising = fc.integer({ min: 2, max: 6 }).chain((n) =>
      fc.record({
        counts: falling(n),
        at: fc.integer({ min: 1, max: n - 1 }),
        lift: fc.integer({ min: 1, max: 500 }),
        named: fc.boolean(),
      }),
    );
    fc.assert(
      fc.property(rising, ({ counts: base, at, lift, named }) => {
        const counts = [...base];
        counts[at] = counts[at - 1] + lift;
        const names = counts.map((_, i) => (named ? `S${i + 1}` : `Stage ${i + 1}`));
        const stages = counts.map((c, i) => (named ? [names[i], c] : [c]));
        // Independently: the first i where counts[i + 1] > counts[i].
        let first = 0;
        while (!(counts[first + 1] > counts[first])) first++;
        const words =
          `must fall (or stay level) from the top of the funnel down, but the counts rise from ` +
          `${names[first]} (${counts[first]}) to ${names[first + 1]} (${counts[first + 1]})`;
        for (const [fn, impl] of [
          ['FUNNEL_LEAK', FUNNEL_LEAK],
          ['FUNNEL_STEPS', FUNNEL_STEPS],
        ] as const) {
          const r = checked(fn, impl, [stages]);
          if (r.ok) throw new Error(`${fn} accepted rising counts ${counts}`);
          if (!r.error.message.startsWith(`${fn}: stages ${words}`))
            throw new Error(`${fn}, counts ${counts}: ${r.error.message}`);
          if (!r.error.message.includes('probably out of order')) return false;
        }
        return true;
      }),
      { numRuns: RUNS },
    );
  });
  it('FUNNEL_STEPS: a header plus one row per step, Lost = From − To, Conversion = To / From', () => {
    fc.assert(
      fc.property(funnel, ({ counts, benchmarks }) => {
        const r = checked('FUNNEL_STEPS', FUNNEL_STEPS, [
          counts.map((c) => [c]),
          benchmarks?.map((b) => [b]),
        ]);
        if (!r.ok) throw new Error(r.error.message);
        if (r.value.length !== counts.length) return false;
        for (let i = 1; i < r.value.length; i++) {
          const [, from, to, conv, , , lost] = r.value[i];
          if (from !== counts[i - 1] || to !== counts[i]) return false;
          if (lost !== counts[i - 1] - counts[i]) return false;
          if (
            counts[i - 1] === 0 ? conv !== '' : Math.abs((conv as number) - counts[i] / counts[i - 1]) > 1e-12
          )
            return false;
        }
        return true;
      }),
      { numRuns: RUNS },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------
// Issue 9: the measure model's aggregations, SE_MONTHLY, and comparisons as spreadsheets make them
// ---------------------------------------------------------------------------------------------------------

/** A series of reported values and the number of periods in all (at least the reported). */
const reportedSeries = fc
  .array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 12 })
  .chain((ys) => fc.tuple(fc.constant(ys), fc.integer({ min: ys.length, max: ys.length + 24 })));

function firstCell(name: string, fn: unknown, args: unknown[]): number {
  const r = checked(name, fn, args);
  if (!r.ok) throw new Error(`${name}(${describeArgs(args)}) failed: ${r.error.message}`);
  return r.value[0][0] as number;
}

function near(x: number, want: number, rel = 1e-9): boolean {
  return Math.abs(x - want) <= rel * Math.max(1, Math.abs(want));
}

describe('SE_FORECAST aggregation properties (SPEC §0)', () => {
  it('"average" is the "sum" forecast divided by the periods, for runrate and trend', () => {
    fc.assert(
      fc.property(reportedSeries, fc.constantFrom('runrate', 'trend'), ([ys, periods], method) => {
        const sum = firstCell('SE_FORECAST', SE_FORECAST, [[ys], periods, method, undefined, 'sum']);
        const avg = firstCell('SE_FORECAST', SE_FORECAST, [[ys], periods, method, undefined, 'average']);
        return near(avg, sum / periods, 1e-7);
      }),
      { numRuns: RUNS },
    );
  });
  it('"average" runrate is the mean of the reported values; "last" runrate the latest', () => {
    fc.assert(
      fc.property(reportedSeries, ([ys, periods]) => {
        const mean = ys.reduce((s, y) => s + y, 0) / ys.length;
        const avg = firstCell('SE_FORECAST', SE_FORECAST, [[ys], periods, 'runrate', undefined, 'average']);
        const last = firstCell('SE_FORECAST', SE_FORECAST, [[ys], periods, undefined, undefined, 'last']);
        return near(avg, mean) && last === ys[ys.length - 1];
      }),
      { numRuns: RUNS },
    );
  });
  it('"last" trend is the reference least-squares line at the last period (the latest once all are reported)', () => {
    fc.assert(
      fc.property(reportedSeries, ([ys, periods]) => {
        const got = firstCell('SE_FORECAST', SE_FORECAST, [[ys], periods, 'trend', undefined, 'last']);
        if (periods === ys.length) return got === ys[ys.length - 1];
        const { a, b } = leastSquares(ys);
        return near(got, a + b * periods, 1e-7);
      }),
      { numRuns: RUNS },
    );
  });
  it('a constant series c: every method and aggregation gives c·P for "sum", c otherwise', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 36 })
          .chain((periods) =>
            fc.tuple(
              fc.constant(periods),
              fc.integer({ min: 1, max: periods }),
              fc.double({ min: -1e6, max: 1e6, noNaN: true }),
            ),
          ),
        fc.constantFrom('runrate', 'trend'),
        fc.constantFrom('average', 'last'),
        ([periods, elapsed, c], method, agg) => {
          const row = [Array.from({ length: periods }, (_, i) => (i < elapsed ? c : ''))];
          return near(firstCell('SE_FORECAST', SE_FORECAST, [row, periods, method, undefined, agg]), c);
        },
      ),
      { numRuns: RUNS },
    );
  });
  it('"phased" with "average" or "last" is always the same clear error', () => {
    fc.assert(
      fc.property(grid(plausibleCell, 3, 6), fc.constantFrom('average', 'last', ' LAST '), (a, agg) => {
        const r = checked('SE_FORECAST', SE_FORECAST, [a, undefined, 'phased', [[1, 1, 1, 1, 1, 1]], agg]);
        return (
          !r.ok &&
          r.error.arg === 'method' &&
          r.error.message.includes('"phased" applies to aggregation "sum" only')
        );
      }),
      { numRuns: RUNS },
    );
  });
});

describe('SE_REQUIRED_RATE aggregation properties (SPEC §0)', () => {
  it('never negative; with periods left it closes the gap exactly, as each aggregation measures it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 11 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: -2000, max: 2000 }),
        fc.constantFrom('sum', 'average', 'last'),
        (ys, extra, target, agg) => {
          const periods = ys.length + extra;
          const x = firstCell('SE_REQUIRED_RATE', SE_REQUIRED_RATE, [[ys], target, periods, agg]);
          if (x < 0) return false;
          const total = ys.reduce((s, y) => s + y, 0);
          // The figure the year reaches when every remaining period brings x.
          const reached =
            agg === 'sum'
              ? total + x * extra
              : agg === 'average'
                ? (total + x * extra) / periods
                : ys[ys.length - 1] + x * extra;
          const already = agg === 'sum' ? total : agg === 'average' ? total / periods : ys[ys.length - 1];
          if (already >= target) return x === 0;
          return near(reached, target);
        },
      ),
      { numRuns: RUNS },
    );
  });
  it('with no period left: 0 when reached, else the period-over message with the shortfall', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: -3000, max: 3000 }),
        fc.constantFrom('sum', 'last'),
        (ys, target, agg) => {
          const r = checked('SE_REQUIRED_RATE', SE_REQUIRED_RATE, [[ys], target, undefined, agg]);
          const figure = agg === 'sum' ? ys.reduce((s, y) => s + y, 0) : ys[ys.length - 1];
          if (figure >= target) return r.ok && r.value[0][0] === 0;
          return (
            !r.ok &&
            r.error.code === 'notAvailable' &&
            r.error.message.includes(`the period is over (all ${ys.length} periods are reported)`) &&
            r.error.message.includes(`was missed by ${target - figure};`)
          );
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('SE_MONTHLY properties', () => {
  /** Monthly figures of at least 0 (hundredths), and how many are reported before the blanks. */
  const months = fc
    .array(fc.integer({ min: 0, max: 100000 }), { minLength: 1, maxLength: 14 })
    .chain((ms) => fc.tuple(fc.constant(ms.map((m) => m / 100)), fc.integer({ min: 0, max: ms.length })));

  it('undoes running totals: the months back, blanks where the totals are blank, in the same shape', () => {
    fc.assert(
      fc.property(months, fc.boolean(), ([ms, reported], asColumn) => {
        let total = 0;
        const cells = ms.map((m, i) => (i < reported ? (total += m) : ''));
        const input = asColumn ? cells.map((c) => [c]) : [cells];
        const r = checked('SE_MONTHLY', SE_MONTHLY, [input]);
        if (!r.ok) throw new Error(r.error.message);
        const out = asColumn ? r.value.map((row) => row[0]) : r.value[0];
        if (r.value.length !== input.length || r.value[0].length !== input[0].length) return false;
        return out.every((v, i) =>
          i < reported
            ? typeof v === 'number' && Math.abs(v - ms[i]) <= 1e-9 * Math.max(1, cells[i] as number)
            : v === '',
        );
      }),
      { numRuns: RUNS },
    );
  });
  it('the running totals of its result give back the input (to 1e-9)', () => {
    fc.assert(
      fc.property(months, ([ms]) => {
        let total = 0;
        const cells = ms.map((m) => (total += m));
        const r = checked('SE_MONTHLY', SE_MONTHLY, [[cells]]);
        if (!r.ok) throw new Error(r.error.message);
        let again = 0;
        return (r.value[0] as number[]).every((v, i) => near((again += v), cells[i]));
      }),
      { numRuns: RUNS },
    );
  });
  it('a running total that falls is an error naming the first period where it falls, never a negative month', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 2, maxLength: 12 }),
        (steps) => {
          let total = 0;
          const cells = steps.map((d) => (total += d));
          const fallAt = cells.findIndex((v, i) => i > 0 && v < cells[i - 1]);
          const r = checked('SE_MONTHLY', SE_MONTHLY, [[cells]]);
          if (fallAt < 0) return r.ok && (r.value[0] as number[]).slice(1).every((v) => v >= 0);
          return (
            !r.ok &&
            r.error.message.startsWith(`SE_MONTHLY: cumulative figures fall in period ${fallAt + 1} (`)
          );
        },
      ),
      { numRuns: RUNS },
    );
  });
  it('a grid is one series per row, each as on its own', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 3, maxLength: 3 }), {
          minLength: 2,
          maxLength: 5,
        }),
        (rows) => {
          const totals = rows.map((ms) => {
            let t = 0;
            return ms.map((m) => (t += m));
          });
          const r = checked('SE_MONTHLY', SE_MONTHLY, [totals]);
          if (!r.ok) throw new Error(r.error.message);
          return totals.every(
            (row, i) => JSON.stringify(SE_MONTHLY([row])[0]) === JSON.stringify(r.value[i]),
          );
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('SE_STATUS and SE_TREND compare as spreadsheets do (exact decimal references)', () => {
  // Targets in hundredths and tolerances in whole percent, so every band edge is an exact decimal; the
  // reference works in integers (units of 0.0001), the function gets the decimals as a sheet holds them. A
  // comparison to 15 significant digits puts a value typed at the edge on the edge. Where the edge is the
  // difference of two nearly equal numbers (a range band of 1% around 9.24: |9.0552 − 9.24|), the
  // subtraction itself loses digits, in a spreadsheet as in JavaScript, so those edges are not exact decimals
  // any more: the bands checked here keep the two numbers of each subtraction at most 5 times their difference.
  const edgeCase = fc.record({
    t: fc.integer({ min: -100000, max: 100000 }).filter((t) => t !== 0),
    p: fc.integer({ min: 1, max: 80 }),
  });
  it('at each band edge the band includes its edge; one ten-thousandth beyond, the next band', () => {
    fc.assert(
      fc.property(edgeCase, ({ t, p }) => {
        const target = t / 100;
        const tol = p / 100;
        const band = p * Math.abs(t); // tol·|target| in units of 0.0001
        const at = (units: number) => units / 10000;
        const status = (a: number, d: string) =>
          (checked('SE_STATUS', SE_STATUS, [a, target, d, tol]) as { ok: true; value: unknown[][] })
            .value[0][0];
        const checks: [number, string, string][] = [
          [at(100 * t - band), 'up', 'At risk'],
          [at(100 * t - band - 1), 'up', 'Off track'],
          [at(100 * t + band), 'down', 'At risk'],
          [at(100 * t + band + 1), 'down', 'Off track'],
        ];
        if (p >= 20)
          checks.push(
            [at(100 * t + band), 'range', 'On track'],
            [at(100 * t - band), 'range', 'On track'],
            [at(100 * t + band + 1), 'range', 'At risk'],
            [at(100 * t + 2 * band), 'range', 'At risk'],
            [at(100 * t - 2 * band), 'range', 'At risk'],
            [at(100 * t - 2 * band - 1), 'range', 'Off track'],
          );
        for (const [a, d, want] of checks) {
          const got = status(a, d);
          if (got !== want)
            throw new Error(`SE_STATUS(${a}, ${target}, "${d}", ${tol}) is ${String(got)}, want ${want}`);
        }
        return true;
      }),
      { numRuns: RUNS },
    );
  });
  it('SE_TREND over two or three values agrees with the exact decimal test, 2% edges included', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -100000, max: 100000 }), { minLength: 2, maxLength: 6 }),
        fc.constantFrom(2, 3),
        fc.constantFrom('up', 'down'),
        fc.boolean(),
        (hundredths, window, direction, onEdge) => {
          const h = hundredths.slice();
          const n = Math.min(window, h.length);
          if (onEdge && n === 3) {
            // Onto the 2% edge, 75·(c − a) = a + b + c, from a first value of 0 (a new line of business), so
            // the slope c/2 is no difference of nearly equal numbers: b = 74·c.
            const c = h[h.length - 1];
            h[h.length - 3] = 0;
            h[h.length - 2] = 74 * c;
          }
          const last = h.slice(-n);
          // Exact reference in integers: Steady when the slope is 0 or under 2% of the mean.
          const rise = last[n - 1] - last[0]; // 2·slope over three values, the slope over two
          const sum = last.reduce((s, y) => s + y, 0);
          const steady =
            rise === 0 ||
            (n === 3 ? 75 * Math.abs(rise) < Math.abs(sum) : 100 * Math.abs(rise) < Math.abs(sum));
          const want = steady ? 'Steady' : rise > 0 === (direction === 'up') ? 'Improving' : 'Worsening';
          const r = checked('SE_TREND', SE_TREND, [[h.map((x) => x / 100)], direction, window]);
          if (!r.ok) throw new Error(r.error.message);
          if (r.value[0][0] !== want)
            throw new Error(
              `SE_TREND(${h.map((x) => x / 100)}, ${direction}, ${window}) is ${String(r.value[0][0])}, want ${want}`,
            );
          return true;
        },
      ),
      { numRuns: RUNS },
    );
  });
});
