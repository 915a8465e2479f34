import {
  firstRise,
  LEAK_MODES,
  leakiestStep,
  NO_LEAK,
  risingCounts,
  stepLabel,
  type LeakMode,
} from '../measures/funnel';
import {
  isOmitted,
  messages,
  readBenchmarks,
  readChoiceOption,
  readFunnels,
  SeError,
  toMatrix,
} from '../values';

/**
 * The step of the sales funnel that leaks most, named "From → To" (the coaching focus). Mode "impact" (the
 * default when benchmarks are given) picks the step whose rise to its benchmark adds the most results at the
 * bottom; "rate" (the default without benchmarks) the lowest conversion; "loss" the largest drop. A step out
 * of an empty stage is never the leak; "No leak" when no step qualifies. Stage counts run down a column (or
 * along a row), optionally after a column (or row) of stage names; a grid of several funnels, one per rep or
 * month, spills one label per funnel. Counts that rise from one stage to the next (stages out of order, e.g.
 * statuses sorted alphabetically) are an error naming the funnel, the two stages and their counts.
 * @customfunction FUNNEL_LEAK
 * @param stages Stage counts from the top of the funnel down, optionally with stage names first; one or more funnels.
 * @param [benchmarks] Benchmark conversion per step (n−1 rates, e.g. 35%); blank for none.
 * @param [mode] "impact", "rate" or "loss".
 * @returns The leakiest step per funnel, e.g. "Appointments → Presentations".
 * @example =FUNNEL_LEAK(A2:B6, D3:D6) with 1000, 300, 150, 100, 25 contacts to sales and benchmarks 35%, 65%, 70%, 30% returns "Appointments → Presentations"
 */
export function FUNNEL_LEAK(stages: any[][], benchmarks?: any[][], mode?: any): any[][] {
  const fn = 'FUNNEL_LEAK';
  const set = readFunnels(fn, 'stages', toMatrix(fn, 'stages', stages));
  const bench = readBenchmarks(
    fn,
    'benchmarks',
    isOmitted(benchmarks) ? null : toMatrix(fn, 'benchmarks', benchmarks),
    set.stages,
  );
  const hasBenchmarks = bench.some((b) => b !== null);
  const how: LeakMode = readChoiceOption(fn, 'mode', mode, LEAK_MODES, hasBenchmarks ? 'impact' : 'rate');
  if (how === 'impact' && !hasBenchmarks) {
    throw new SeError(
      'invalid',
      messages.custom(fn, 'mode "impact" needs benchmarks: one conversion rate per step'),
      fn,
      'benchmarks',
    );
  }
  const labels: string[] = new Array(set.funnels);
  const buffer = new Float64Array(set.stages);
  for (let f = 0; f < set.funnels; f++) {
    const counts = set.counts(f, buffer);
    if (counts === null) labels[f] = '';
    else {
      const rise = firstRise(counts);
      if (rise >= 0) throw risingCounts(fn, 'stages', set, f, counts, rise);
      const step = leakiestStep(counts, bench, how);
      labels[f] = step < 0 ? NO_LEAK : stepLabel(set.names, step);
    }
  }
  return set.down ? [labels] : labels.map((l) => [l]);
}
