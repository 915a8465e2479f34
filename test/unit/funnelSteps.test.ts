import { FUNNEL_STEPS } from '../../src/functions/funnelSteps';
import {
  call,
  describeWorkedExamples,
  expectCells,
  expectFiniteOrSeError,
  expectSeError,
} from '../fixtures/testHelpers';
import {
  funnelStepsHeader,
  seedBenchmarks,
  seedFunnel,
  seedFunnelStepFacts,
} from '../fixtures/workedExamples';

const FN = 'FUNNEL_STEPS';
const steps = (...args: unknown[]) => call(FUNNEL_STEPS, ...args);

describeWorkedExamples(FN, FUNNEL_STEPS);

describe('FUNNEL_STEPS: the seed funnel', () => {
  it('spills the header and one row per step, all computed by hand', () => {
    // extras: (0.35·1000 − 300) · (150/300)(100/150)(25/100) = 50/12; (0.65·300 − 150) · (100/150)(25/100) = 7.5;
    // (0.7·150 − 100) · 0.25 = 1.25; 0.3·100 − 25 = 5
    expectCells(steps(seedFunnel, seedBenchmarks), [
      funnelStepsHeader,
      ['Contacts → Appointments', 1000, 300, 0.3, 0.35, -0.05, 700, 50 / 12],
      ['Appointments → Presentations', 300, 150, 0.5, 0.65, -0.15, 150, 7.5],
      ['Presentations → Opportunities', 150, 100, 2 / 3, 0.7, 2 / 3 - 0.7, 50, 1.25],
      ['Opportunities → Sales', 100, 25, 0.25, 0.3, -0.05, 75, 5],
    ]);
  });
  it('states the SPEC facts', () => {
    const table = steps(seedFunnel, seedBenchmarks);
    for (const f of seedFunnelStepFacts) {
      const row = table.find((r) => r[0] === f.step);
      expect(row).toBeDefined();
      const col = funnelStepsHeader.indexOf(f.column);
      expect(row![col] as number).toBeCloseTo(f.value, 9);
    }
  });
  it('the header is exactly the SPEC columns', () => {
    expect(steps(seedFunnel)[0]).toEqual([
      'Step',
      'From',
      'To',
      'Conversion',
      'Benchmark',
      'Gap',
      'Lost',
      'Extra results at benchmark',
    ]);
  });
  it('without benchmarks: benchmark, gap and extra are blank', () => {
    expectCells(steps(seedFunnel), [
      funnelStepsHeader,
      ['Contacts → Appointments', 1000, 300, 0.3, '', '', 700, ''],
      ['Appointments → Presentations', 300, 150, 0.5, '', '', 150, ''],
      ['Presentations → Opportunities', 150, 100, 2 / 3, '', '', 50, ''],
      ['Opportunities → Sales', 100, 25, 0.25, '', '', 75, ''],
    ]);
  });
  it('a step at or above its benchmark has extra 0; a blank benchmark leaves its cells blank', () => {
    // benchmarks .3 (met exactly), blank, .6 (met), .5 (missed: 0.5·100 − 25 = 25)
    expectCells(steps(seedFunnel, [[0.3], [''], [0.6], [0.5]]), [
      funnelStepsHeader,
      ['Contacts → Appointments', 1000, 300, 0.3, 0.3, 0, 700, 0],
      ['Appointments → Presentations', 300, 150, 0.5, '', '', 150, ''],
      ['Presentations → Opportunities', 150, 100, 2 / 3, 0.6, 2 / 3 - 0.6, 50, 0],
      ['Opportunities → Sales', 100, 25, 0.25, 0.5, -0.25, 75, 25],
    ]);
  });
});

describe('FUNNEL_STEPS: zero counts', () => {
  it('a step out of an empty stage has no conversion, gap or extra', () => {
    // 100 → 10 → 0 → 0 at .5 each: step 1 (50 − 10) · 0 · .5 = 0; step 2 (5 − 0) · .5 = 2.5
    expectCells(steps([[100], [10], [0], [0]], [[0.5], [0.5], [0.5]]), [
      funnelStepsHeader,
      ['Stage 1 → Stage 2', 100, 10, 0.1, 0.5, -0.4, 90, 0],
      ['Stage 2 → Stage 3', 10, 0, 0, 0.5, -0.5, 10, 2.5],
      ['Stage 3 → Stage 4', 0, 0, '', 0.5, '', 0, ''],
    ]);
  });
  it('a later step without a conversion carries its benchmark, or 0 without one', () => {
    // 100 → 0 → 0: step 1 extra 0.5·100 · (step 2 has no conversion → its benchmark .4) = 20
    expect(steps([[100], [0], [0]], [[0.5], [0.4]])[1][7] as number).toBeCloseTo(20, 9);
    // ... and 0 when step 2 has no benchmark either
    expect(steps([[100], [0], [0]], [[0.5], ['']])[1][7] as number).toBeCloseTo(0, 9);
  });
});

describe('FUNNEL_STEPS: orientation', () => {
  it('reads a row of names above a row of counts, and a single row of counts', () => {
    const names = seedFunnel.map((r) => r[0]);
    const counts = seedFunnel.map((r) => r[1]);
    const fromColumn = steps(seedFunnel, seedBenchmarks);
    expectCells(steps([names, counts], [[0.35, 0.65, 0.7, 0.3]]), fromColumn as unknown[][]);
    const unnamed = steps([counts]);
    expect(unnamed.length).toBe(5);
    expect(unnamed[1][0]).toBe('Stage 1 → Stage 2');
    expect(unnamed[4][0]).toBe('Stage 4 → Stage 5');
  });
  it('always has 8 columns', () => {
    for (const row of steps([[5], [3]])) expect(row.length).toBe(8);
  });
});

describe('FUNNEL_STEPS: invalid and unavailable', () => {
  it('rejects more than one funnel', () => {
    expectSeError(() => steps(seedFunnel.map((r) => [...r, 1])), FN, 'stages');
    expectSeError(
      () =>
        steps([
          [10, 20],
          [5, 6],
        ]),
      FN,
      'stages',
    );
  });
  it('is notAvailable for an all-blank funnel', () => {
    expectSeError(() => steps([[''], [''], ['']]), FN, 'stages', [], 'notAvailable');
  });
  it('rejects negative, partly blank, text counts and bad benchmarks', () => {
    expectSeError(() => steps([[100], [-1]]), FN, 'stages', ['-1']);
    expectSeError(() => steps([[100], [''], [3]]), FN, 'stages');
    expectSeError(() => steps([[100], ['n/a']]), FN, 'stages', ['"n/a"']);
    expectSeError(() => steps([[100], [50]], [[-0.1]]), FN, 'benchmarks', ['-0.1']);
    expectSeError(() => steps([[100], [50]], [[0.1], [0.1], [0.1]]), FN, 'benchmarks');
  });
  it('rejects a funnel of one stage', () => {
    expectSeError(() => steps([[100]]), FN, 'stages');
  });
});

describe('FUNNEL_STEPS: extreme counts keep the contract (a finite number or an SeError)', () => {
  it('a conversion that overflows is not returned as Infinity', () => {
    expectFiniteOrSeError(() => steps([[5e-324], [Number.MAX_VALUE]]));
  });
});

describe('FUNNEL_STEPS: counts that rise from one stage to the next (issue 13)', () => {
  it('names the stages and their counts instead of a table of conversions above 100%', () => {
    expectSeError(
      () =>
        call(FUNNEL_STEPS, [
          ['Lost', 3],
          ['New', 12],
          ['Won', 2],
        ]),
      FN,
      'stages',
      ['the counts rise from Lost (3) to New (12)', 'put them in funnel order, top first'],
    );
    expectSeError(() => call(FUNNEL_STEPS, [[1000, 300, 310, 25]]), FN, 'stages', [
      'Stage 2 (300) to Stage 3 (310)',
    ]);
  });
  it('level counts are a step that loses nothing', () => {
    const table = call(FUNNEL_STEPS, [[100], [100]]);
    expect(table[1].slice(1, 4)).toEqual([100, 100, 1]);
  });
});
