/**
 * FUNNEL_LEAK and FUNNEL_STEPS over funnels that narrow (counts that fall or stay level from stage to stage),
 * and the refusal of counts that rise (issue 13). These replace the generators of
 * functions.property.test.ts's funnel properties, which draw counts in any order.
 */
import fc from 'fast-check';
import { FUNNEL_LEAK } from '../../src/functions/funnelLeak';
import { FUNNEL_STEPS } from '../../src/functions/funnelSteps';
import { SeError } from '../../src/values';
import { call, wellFormedMessage } from '../fixtures/testHelpers';

const RUNS = 1000;

/** A narrowing funnel: n counts from 0 to 1000 sorted from the largest down (level steps included). */
const narrowing = fc.integer({ min: 2, max: 6 }).chain((n) =>
  fc.record({
    counts: fc
      .array(fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.constant(100)), { minLength: n, maxLength: n })
      .map((cs) => [...cs].sort((a, b) => b - a)),
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

function outcome(
  fn: unknown,
  name: string,
  args: unknown[],
): { ok: true; value: unknown[][] } | { ok: false; error: SeError } {
  let error: SeError;
  try {
    return { ok: true, value: call(fn, ...args) };
  } catch (e) {
    if (!(e instanceof SeError)) throw e;
    error = e;
  }
  const bad = wellFormedMessage(name, error.message);
  if (bad !== null) throw new Error(`${bad}: ${error.message}`);
  return { ok: false, error };
}

describe('FUNNEL_LEAK / FUNNEL_STEPS on narrowing funnels', () => {
  it('FUNNEL_LEAK returns one of the step labels, "No leak" or ""', () => {
    fc.assert(
      fc.property(narrowing, ({ counts, benchmarks, named, mode }) => {
        const names = counts.map((_, i) => `S${i + 1}`);
        const stages = counts.map((c, i) => (named ? [names[i], c] : [c]));
        const r = outcome(FUNNEL_LEAK, 'FUNNEL_LEAK', [stages, benchmarks?.map((b) => [b]), mode]);
        if (!r.ok) {
          const none = benchmarks === undefined || benchmarks.every((b) => b === '');
          if (mode === 'impact' && none) return true;
          throw new Error(r.error.message);
        }
        const labels = counts
          .slice(1)
          .map((_, i) => (named ? `${names[i]} → ${names[i + 1]}` : `Stage ${i + 1} → Stage ${i + 2}`));
        const x = r.value[0][0] as string;
        return r.value.length === 1 && r.value[0].length === 1 && (labels.includes(x) || x === 'No leak');
      }),
      { numRuns: RUNS },
    );
  });

  it('FUNNEL_LEAK agrees with a reference implementation of the three modes', () => {
    fc.assert(
      fc.property(narrowing, ({ counts, benchmarks, mode }) => {
        const r = outcome(FUNNEL_LEAK, 'FUNNEL_LEAK', [
          counts.map((c) => [c]),
          benchmarks?.map((b) => [b]),
          mode,
        ]);
        const hasBench = benchmarks !== undefined && benchmarks.some((b) => b !== '');
        const m = mode ?? (hasBench ? 'impact' : 'rate');
        if (m === 'impact' && !hasBench) return !r.ok;
        if (!r.ok) throw new Error(r.error.message);
        const steps = counts.length - 1;
        const conv = (i: number) => (counts[i] === 0 ? null : counts[i + 1] / counts[i]);
        const bench = (i: number) =>
          benchmarks === undefined || benchmarks[i] === '' ? null : (benchmarks[i] as number);
        const scores: { i: number; score: number }[] = [];
        for (let i = 0; i < steps; i++) {
          const c = conv(i);
          if (c === null) continue;
          if (m === 'rate') scores.push({ i, score: -c });
          else if (m === 'loss') scores.push({ i, score: counts[i] - counts[i + 1] });
          else {
            const b = bench(i);
            if (b === null || !(c < b)) continue;
            let extra = b * counts[i] - counts[i + 1];
            for (let j = i + 1; j < steps; j++) extra *= conv(j) ?? bench(j) ?? 0;
            scores.push({ i, score: extra });
          }
        }
        const top = Math.max(...scores.map((s) => s.score));
        const near = scores.filter((s) => Math.abs(s.score - top) <= 1e-9 * Math.max(1, Math.abs(top)));
        fc.pre(near.length <= 1 || near.every((s) => s.score === top)); // float-noise ties are not a fair check
        const best = scores.find((s) => s.score === top);
        const want = best === undefined ? 'No leak' : `Stage ${best.i + 1} → Stage ${best.i + 2}`;
        if (r.value[0][0] !== want)
          throw new Error(
            `mode ${m}, counts ${counts}, benchmarks ${benchmarks}: got ${r.value[0][0]}, want ${want}`,
          );
        return true;
      }),
      { numRuns: RUNS },
    );
  });

  it('FUNNEL_STEPS: a header plus one row per step, Lost = From − To, Conversion = To / From', () => {
    fc.assert(
      fc.property(narrowing, ({ counts, benchmarks }) => {
        const r = outcome(FUNNEL_STEPS, 'FUNNEL_STEPS', [
          counts.map((c) => [c]),
          benchmarks?.map((b) => [b]),
        ]);
        if (!r.ok) throw new Error(r.error.message);
        if (r.value.length !== counts.length) return false;
        for (let i = 1; i < r.value.length; i++) {
          const [, from, to, conv, , , lost] = r.value[i];
          if (from !== counts[i - 1] || to !== counts[i]) return false;
          if (lost !== counts[i - 1] - counts[i] || (lost as number) < 0) return false;
          if (
            counts[i - 1] === 0 ? conv !== '' : Math.abs((conv as number) - counts[i] / counts[i - 1]) > 1e-12
          )
            return false;
          if (conv !== '' && (conv as number) > 1) return false;
        }
        return true;
      }),
      { numRuns: RUNS },
    );
  });

  it('a rise anywhere, in any funnel of a grid, is refused by both, naming the first rising step', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 2, maxLength: 6 }),
        fc.integer({ min: 0, max: 3 }),
        (counts, others) => {
          const rise = counts.findIndex((c, i) => i + 1 < counts.length && counts[i + 1] > c);
          // The rising funnel last, after `others` copies of a narrowing one.
          const fine = [...counts].sort((a, b) => b - a);
          const grid = counts.map((c, s) => [...Array.from({ length: others }, () => fine[s]), c]);
          const leak = outcome(FUNNEL_LEAK, 'FUNNEL_LEAK', [grid, undefined, 'loss']);
          const steps = outcome(FUNNEL_STEPS, 'FUNNEL_STEPS', [counts.map((c) => [c])]);
          if (rise < 0) return leak.ok && steps.ok;
          const words = `Stage ${rise + 1} (${counts[rise]}) to Stage ${rise + 2} (${counts[rise + 1]})`;
          const which =
            others === 0 ? 'the counts rise' : `funnel ${others + 1} (column ${others + 1} of stages) rises`;
          return (
            !leak.ok &&
            leak.error.message.includes(`${which} from ${words}`) &&
            !steps.ok &&
            steps.error.message.includes(`the counts rise from ${words}`)
          );
        },
      ),
      { numRuns: RUNS },
    );
  });
});
