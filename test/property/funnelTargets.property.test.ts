/**
 * FUNNEL_TARGETS against exact arithmetic: rates are decimals of up to three places (P / 1000) and goals have
 * up to two (G / 100), so every check below is done in integers (BigInt), independently of the function's
 * floating point. In this range a stage of at most ~1e9 differs from any wrong answer by far more than 15
 * significant digits, so "compared as a spreadsheet compares" and "exactly" must give the same answers.
 */
import fc from 'fast-check';
import { FUNNEL_TARGETS } from '../../src/functions/funnelTargets';
import { SeError } from '../../src/values';
import { call, wellFormedMessage } from '../fixtures/testHelpers';

const RUNS = 2000;

/** Up to five rates from 10% to 100% with up to three decimals, as thousandths, and a goal in hundredths. */
const funnel = fc.record({
  permille: fc.array(
    fc.oneof(
      fc.integer({ min: 100, max: 1000 }),
      fc.integer({ min: 10, max: 100 }).map((p) => p * 10), // whole percents: 10%, 35%, 70%, …
    ),
    { minLength: 1, maxLength: 5 },
  ),
  goalCents: fc.oneof(
    fc.integer({ min: 0, max: 5000 }).map((g) => g * 100), // whole goals
    fc.integer({ min: 0, max: 500_000 }),
  ),
  row: fc.boolean(),
});

/** ceil(a / b) for non-negative BigInts. */
const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;

function targetsOf(permille: number[], goal: number, row: boolean, roundUp = true): number[] {
  const rates = permille.map((p) => p / 1000);
  const out = call(FUNNEL_TARGETS, goal, row ? [rates] : rates.map((r) => [r]), roundUp);
  // One rate is a single cell: with a single goal the funnel runs down a column.
  return row && rates.length > 1 ? (out[0] as number[]) : out.map((r) => r[0] as number);
}

describe('FUNNEL_TARGETS properties (exact integer arithmetic)', () => {
  it('rounded targets reach the goal: each stage × rate ≥ the stage below, exactly', () => {
    fc.assert(
      fc.property(funnel, ({ permille, goalCents, row }) => {
        const t = targetsOf(permille, goalCents / 100, row);
        if (t.length !== permille.length + 1) return false;
        if (t[t.length - 1] !== goalCents / 100) return false;
        // The stage below as a fraction num / den: the goal is G / 100, every stage above it a whole number.
        let num = BigInt(goalCents);
        let den = 100n;
        for (let i = permille.length - 1; i >= 0; i--) {
          const x = t[i];
          if (!Number.isSafeInteger(x) || x < 0) return false;
          // x · P / 1000 ≥ num / den  ⇔  x · P · den ≥ num · 1000
          if (BigInt(x) * BigInt(permille[i]) * den < num * 1000n) return false;
          num = BigInt(x);
          den = 1n;
        }
        return true;
      }),
      { numRuns: RUNS },
    );
  });

  it('no stage is above the exact need: it is the ceiling of (stage below) / rate, exactly', () => {
    fc.assert(
      fc.property(funnel, ({ permille, goalCents, row }) => {
        const t = targetsOf(permille, goalCents / 100, row);
        let num = BigInt(goalCents);
        let den = 100n;
        for (let i = permille.length - 1; i >= 0; i--) {
          // need = (num / den) / (P / 1000) = num · 1000 / (den · P)
          const need = ceilDiv(num * 1000n, den * BigInt(permille[i]));
          if (BigInt(t[i]) !== need) {
            throw new Error(
              `rates ‰ ${permille.join(', ')}, goal ${goalCents / 100}: stage ${i + 1} is ${t[i]}, exact need ${need}`,
            );
          }
          num = need;
          den = 1n;
        }
        return true;
      }),
      { numRuns: RUNS },
    );
  });

  it('84 at 70%-style artefacts: when the goal is exactly N × rate, the stage above needs exactly N', () => {
    const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 2000 }), (p, j) => {
        // N · p / 1000 is whole when N is a multiple of 1000 / gcd(p, 1000): e.g. p = 700, N = 120, goal 84.
        const n = j * (1000 / gcd(p, 1000));
        const goal = (n * p) / 1000;
        return Number.isInteger(goal) && targetsOf([p], goal, false)[0] === n;
      }),
      { numRuns: RUNS },
    );
  });

  it('unrounded: each stage is the stage below over its rate (to 1e-12), and never above the rounded one', () => {
    fc.assert(
      fc.property(funnel, ({ permille, goalCents, row }) => {
        const goal = goalCents / 100;
        const exact = targetsOf(permille, goal, row, false);
        const rounded = targetsOf(permille, goal, row, true);
        for (let i = 0; i < permille.length; i++) {
          const want = exact[i + 1] / (permille[i] / 1000);
          if (Math.abs(exact[i] - want) > 1e-12 * Math.max(1, want)) return false;
          if (exact[i] > rounded[i] * (1 + 1e-12)) return false;
        }
        return exact[permille.length] === goal;
      }),
      { numRuns: RUNS },
    );
  });

  it('a row of goals gives the same funnels as one goal at a time, one column each', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 100, max: 1000 }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.oneof(fc.integer({ min: 0, max: 10_000 }), fc.constant('')), {
          minLength: 1,
          maxLength: 6,
        }),
        (permille, goals) => {
          const rates = permille.map((p) => [p / 1000]);
          const all = call(FUNNEL_TARGETS, [goals], rates);
          return goals.every((g, k) => {
            const one = call(FUNNEL_TARGETS, g, rates);
            return all.every((row, s) => row[k] === one[s][0]);
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('any cells: finite numbers and blanks, or one well-formed SeError', () => {
    const cell = fc.oneof(
      fc.double(),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.integer({ min: -5, max: 1_000_000 }),
      fc.constantFrom('', null, undefined, 'n/a', '35%', true, false),
    );
    const range = fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(
        fc.oneof(cell, range),
        fc.oneof(cell, range),
        fc.constantFrom(undefined, true, false, 1, 0, 'x'),
        (goal, rates, roundUp) => {
          // Keep the ranges rectangular, as hosts deliver them.
          const rect = (v: unknown) =>
            Array.isArray(v) ? (v as unknown[][]).map((r) => r.slice(0, (v as unknown[][])[0].length)) : v;
          const g = rect(goal);
          const r = rect(rates);
          if (
            Array.isArray(g) &&
            (g as unknown[][]).some((row) => row.length !== (g as unknown[][])[0].length)
          )
            return true;
          if (
            Array.isArray(r) &&
            (r as unknown[][]).some((row) => row.length !== (r as unknown[][])[0].length)
          )
            return true;
          let out: unknown[][] = [];
          let error: SeError | null = null;
          try {
            out = call(FUNNEL_TARGETS, g, r, roundUp);
          } catch (e) {
            if (!(e instanceof SeError)) throw e;
            error = e;
          }
          if (error !== null) {
            const bad = wellFormedMessage('FUNNEL_TARGETS', error.message);
            if (bad !== null) throw new Error(`${bad}: ${error.message}`);
            return true;
          }
          return out.every((row) =>
            row.every((c) => c === '' || (typeof c === 'number' && Number.isFinite(c) && !Object.is(c, -0))),
          );
        },
      ),
      { numRuns: RUNS },
    );
  });
});
