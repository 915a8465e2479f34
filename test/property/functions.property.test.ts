import { readdirSync } from 'node:fs';
import { join } from 'node:path';
/**
 * Property tests of the nine custom functions: every call either returns a non-empty rectangular 2-D array of
 * finite numbers and strings, or throws an SeError with a clean message; plus mathematical properties that
 * hold by the spec.
 */
import fc from 'fast-check';
import { FUNNEL_LEAK } from '../../src/functions/funnelLeak';
import { FUNNEL_STEPS } from '../../src/functions/funnelSteps';
import { SE_ATTAINMENT } from '../../src/functions/seAttainment';
import { SE_FORECAST } from '../../src/functions/seForecast';
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
      const fine = (typeof cell === 'number' && Number.isFinite(cell)) || typeof cell === 'string';
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
  const funnel = fc.integer({ min: 2, max: 6 }).chain((n) =>
    fc.record({
      counts: fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: n, maxLength: n }),
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
