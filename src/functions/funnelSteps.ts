import { conversionAt, extraAtBenchmark, firstRise, risingCounts, stepLabel } from '../measures/funnel';
import {
  finiteResult,
  isOmitted,
  messages,
  readBenchmarks,
  readFunnels,
  SeError,
  toMatrix,
  withoutNegativeZero,
} from '../values';

/**
 * The funnel step by step, as a table to spill: a header row, then per step its label, the counts from and
 * to, the conversion, the benchmark, the gap (conversion − benchmark), the count lost, and the extra results
 * at the bottom of the funnel if the step converted at its benchmark. One funnel only, whose counts fall (or
 * stay level) from stage to stage: a rise is an error naming the two stages and their counts.
 * @customfunction FUNNEL_STEPS
 * @param stages Stage counts from the top of the funnel down (a column or a row), optionally with stage names first.
 * @param [benchmarks] Benchmark conversion per step (n−1 rates, e.g. 35%); blank for none.
 * @returns A table: Step, From, To, Conversion, Benchmark, Gap, Lost, Extra results at benchmark.
 * @example =FUNNEL_STEPS(A2:B6, D3:D6) spills 5 rows; the step Appointments → Presentations shows 7.5 extra results
 */
export function FUNNEL_STEPS(stages: any[][], benchmarks?: any[][]): any[][] {
  const fn = 'FUNNEL_STEPS';
  const set = readFunnels(fn, 'stages', toMatrix(fn, 'stages', stages));
  if (set.funnels !== 1) {
    throw new SeError(
      'invalid',
      messages.custom(fn, `stages must hold one funnel; found ${set.funnels} (use FUNNEL_LEAK for several)`),
      fn,
      'stages',
    );
  }
  const bench = readBenchmarks(
    fn,
    'benchmarks',
    isOmitted(benchmarks) ? null : toMatrix(fn, 'benchmarks', benchmarks),
    set.stages,
  );
  const counts = set.counts(0, buffer(set.stages));
  if (counts === null)
    throw new SeError('notAvailable', messages.custom(fn, 'stages has no counts yet'), fn, 'stages');
  const rise = firstRise(counts);
  if (rise >= 0) throw risingCounts(fn, 'stages', set, 0, counts, rise);
  const table: (string | number)[][] = [
    ['Step', 'From', 'To', 'Conversion', 'Benchmark', 'Gap', 'Lost', 'Extra results at benchmark'],
  ];
  for (let i = 0; i < set.stages - 1; i++) {
    const rate = conversionAt(counts, i);
    const b = bench[i];
    const extra = extraAtBenchmark(counts, bench, i);
    table.push([
      stepLabel(set.names, i),
      counts[i],
      counts[i + 1],
      figure(fn, rate, i),
      b ?? '',
      rate === null || b === null ? '' : figure(fn, rate - b, i),
      figure(fn, counts[i] - counts[i + 1], i),
      figure(fn, extra, i),
    ]);
  }
  return withoutNegativeZero(table);
}

/** A figure of step i as a cell: blank for none, the number when finite, else the "too large" message. */
function figure(fn: string, v: number | null, i: number): number | string {
  if (v === null) return '';
  return v - v === 0 ? v : finiteResult(fn, v, `step ${i + 1}`);
}

/** One buffer for the counts, reused from call to call (its values are copied into the table). */
let countsBuffer = new Float64Array(0);
function buffer(stages: number): Float64Array {
  if (countsBuffer.length !== stages) countsBuffer = new Float64Array(stages);
  return countsBuffer;
}
