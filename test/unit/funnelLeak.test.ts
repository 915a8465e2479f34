import { FUNNEL_LEAK } from '../../src/functions/funnelLeak';
import {
  call,
  describeWorkedExamples,
  expectCells,
  expectFiniteOrSeError,
  expectSeError,
} from '../fixtures/testHelpers';
import { seedBenchmarks, seedFunnel } from '../fixtures/workedExamples';

const FN = 'FUNNEL_LEAK';
const leak = (...args: unknown[]) => call(FUNNEL_LEAK, ...args);
const one = (...args: unknown[]) => leak(...args)[0][0];

describeWorkedExamples(FN, FUNNEL_LEAK);

const names = ['Contacts', 'Appointments', 'Presentations', 'Opportunities', 'Sales'];
const repA = [1000, 300, 150, 100, 25];
// Rep B converts .4, .75, 1/3, .4 against .35, .65, .7, .3: only Presentations → Opportunities is below,
// extra (0.7·300 − 100) · 0.4 = 44. Lowest rate 1/3 at the same step; largest loss 600 at the first step.
const repB = [1000, 400, 300, 100, 40];
const bench = [0.35, 0.65, 0.7, 0.3];

describe('FUNNEL_LEAK: the seed funnel (by hand)', () => {
  it('impact: extras 50·(1/12) = 4.17, 45·(1/6) = 7.5, 5·0.25 = 1.25, 5 → Appointments → Presentations', () => {
    expect(one(seedFunnel, seedBenchmarks)).toBe('Appointments → Presentations');
    expect(one(seedFunnel, seedBenchmarks, 'impact')).toBe('Appointments → Presentations');
    expect(one(seedFunnel, seedBenchmarks, ' IMPACT ')).toBe('Appointments → Presentations');
  });
  it('rate: conversions .3, .5, .667, .25 → Opportunities → Sales', () => {
    expect(one(seedFunnel, seedBenchmarks, 'Rate')).toBe('Opportunities → Sales');
    expect(one(seedFunnel)).toBe('Opportunities → Sales');
    expect(one(seedFunnel, undefined, undefined)).toBe('Opportunities → Sales');
    expect(one(seedFunnel, null, null)).toBe('Opportunities → Sales');
  });
  it('loss: drops 700, 150, 50, 75 → Contacts → Appointments', () => {
    expect(one(seedFunnel, seedBenchmarks, 'LOSS')).toBe('Contacts → Appointments');
    expect(one(seedFunnel, undefined, 'loss')).toBe('Contacts → Appointments');
  });
  it('the label uses a real arrow with spaces (U+2192)', () => {
    expect(one(seedFunnel, seedBenchmarks)).toBe('Appointments \u2192 Presentations');
  });
  it('takes benchmarks as a row, or n values with the first blank', () => {
    expect(one(seedFunnel, [bench])).toBe('Appointments → Presentations');
    expect(one(seedFunnel, [[''], [0.35], [0.65], [0.7], [0.3]])).toBe('Appointments → Presentations');
    expect(one(seedFunnel, [[null, 0.35, 0.65, 0.7, 0.3]])).toBe('Appointments → Presentations');
  });
  it('considers only steps with a benchmark in impact mode', () => {
    // only Opportunities → Sales has a benchmark: it is the leak
    expect(one(seedFunnel, [[''], [''], [''], [0.3]])).toBe('Opportunities → Sales');
    // only Contacts → Appointments has one, and converts above it: No leak
    expect(one(seedFunnel, [[0.2], [''], [''], ['']])).toBe('No leak');
  });
  it('all-blank benchmarks count as none: default rate', () => {
    expect(one(seedFunnel, [[''], [''], [''], ['']])).toBe('Opportunities → Sales');
  });
  it('"No leak" when every step is at or above its benchmark', () => {
    expect(one(seedFunnel, [[0.3], [0.5], [0.6], [0.25]])).toBe('No leak');
    expect(one(seedFunnel, [[0.1], [0.1], [0.1], [0.1]], 'impact')).toBe('No leak');
  });
});

describe('FUNNEL_LEAK: orientation and names', () => {
  it('without names, steps are Stage k → Stage k+1', () => {
    const counts = repA.map((n) => [n]);
    expect(one(counts)).toBe('Stage 4 → Stage 5');
    expect(one(counts, seedBenchmarks)).toBe('Stage 2 → Stage 3');
    expect(one(counts, undefined, 'loss')).toBe('Stage 1 → Stage 2');
  });
  it('a single row of counts is one funnel along the row', () => {
    expectCells(leak([repA], [bench]), [['Stage 2 → Stage 3']]);
  });
  it('a row of names above a row of counts', () => {
    expectCells(leak([names, repA], [bench]), [['Appointments → Presentations']]);
  });
  it('names column + several count columns: one label per funnel, as a row', () => {
    const grid = names.map((n, i) => [n, repA[i], repB[i]]);
    expectCells(leak(grid, seedBenchmarks), [
      ['Appointments → Presentations', 'Presentations → Opportunities'],
    ]);
    expectCells(leak(grid, seedBenchmarks, 'rate'), [
      ['Opportunities → Sales', 'Presentations → Opportunities'],
    ]);
    expectCells(leak(grid, seedBenchmarks, 'loss'), [['Contacts → Appointments', 'Contacts → Appointments']]);
  });
  it('names row + several count rows: one label per funnel, as a column', () => {
    expectCells(leak([names, repA, repB], [bench]), [
      ['Appointments → Presentations'],
      ['Presentations → Opportunities'],
    ]);
  });
  it('a grid with no text is stages down, one funnel per column', () => {
    const grid = repA.map((n, i) => [n, repB[i]]);
    expectCells(leak(grid, seedBenchmarks), [['Stage 2 → Stage 3', 'Stage 3 → Stage 4']]);
    // two stages, two funnels: 1000 → 500 and 300 → 100
    expectCells(
      leak([
        [1000, 300],
        [500, 100],
      ]),
      [['Stage 1 → Stage 2', 'Stage 1 → Stage 2']],
    );
  });
  it('an all-blank funnel gives a blank, the others their label', () => {
    const grid = names.map((n, i) => [n, repA[i], '']);
    expectCells(leak(grid, seedBenchmarks), [['Appointments → Presentations', '']]);
    expectCells(leak([[''], [''], ['']]), [['']]);
    expectCells(leak(names.map((n) => [n, null])), [['']]);
  });
  it('rejects a grid with both a text first row and a text first column', () => {
    const grid = [['Stage', 'Rep A', 'Rep B'], ...names.map((n, i) => [n, repA[i], repB[i]])];
    expectSeError(() => leak(grid, seedBenchmarks), FN, 'stages');
  });
});

describe('FUNNEL_LEAK: zero counts, ties, edge funnels', () => {
  it('a step out of an empty stage is never the leak', () => {
    // rate: 10 → 0 converts 0; 0 → 0 has no conversion
    expect(one([[10], [0], [0]])).toBe('Stage 1 → Stage 2');
    expect(one([[0], [0], [0]], undefined, 'rate')).toBe('No leak');
    expect(one([[0], [0], [0]], undefined, 'loss')).toBe('No leak');
  });
  it('impact uses a later step’s benchmark when it has no conversion', () => {
    // 100 → 10 → 0 → 0 at .5 each: step 1 extra (50 − 10) · (0/10) · .5 = 0; step 2 (5 − 0) · .5 = 2.5;
    // step 3 is out of an empty stage
    expect(one([[100], [10], [0], [0]], [[0.5], [0.5], [0.5]])).toBe('Stage 2 → Stage 3');
  });
  it('ties go to the earliest step in every mode', () => {
    // rate .5 and .5; loss 100 and 100
    expect(one([[100], [50], [25]], undefined, 'rate')).toBe('Stage 1 → Stage 2');
    expect(one([[200], [100], [0]], undefined, 'loss')).toBe('Stage 1 → Stage 2');
    // impact at .6: step 1 (60 − 50) · .5 = 5, step 2 (30 − 25) = 5
    expect(one([[100], [50], [25]], [[0.6], [0.6]])).toBe('Stage 1 → Stage 2');
  });
  it('a stage that exceeds the one before is not a step to name (issue 13): the counts rise', () => {
    expectSeError(() => one([[10], [20], [5]]), FN, 'stages', [
      'the counts rise from Stage 1 (10) to Stage 2 (20)',
    ]);
  });
  it('two stages is the smallest funnel', () => {
    expect(
      one([
        ['Leads', 100],
        ['Deals', 10],
      ]),
    ).toBe('Leads → Deals');
  });
  it('accepts benchmarks above 1 and 0', () => {
    // only step 1 has a benchmark (1.5 > its .3)
    expect(one(seedFunnel, [[1.5], [0], [0], [0]])).toBe('Contacts → Appointments');
  });
});

describe('FUNNEL_LEAK: invalid input', () => {
  it('rejects negative counts, naming the value', () => {
    expectSeError(() => leak([[100], [-5], [2]]), FN, 'stages', ['-5']);
  });
  it('rejects a partly blank funnel', () => {
    expectSeError(() => leak([[100], [''], [2]]), FN, 'stages');
    expectSeError(() => leak([[100], [50], ['']]), FN, 'stages');
  });
  it('rejects counts that are text, booleans, dates', () => {
    expectSeError(() => leak([[100], ['12'], [2]]), FN, 'stages', ['"12"']);
    expectSeError(() => leak([[100], [true], [2]]), FN, 'stages', ['TRUE']);
    expectSeError(() => leak([[100], [new Date(Date.UTC(2026, 0, 2))], [2]]), FN, 'stages', [
      'a date (2026-01-02)',
    ]);
  });
  it('rejects a funnel of one stage', () => {
    expectSeError(() => leak([[100]]), FN, 'stages');
    expectSeError(() => leak(100), FN, 'stages');
    expectSeError(() => leak([['Leads', 100]]), FN, 'stages');
  });
  it('rejects benchmarks of the wrong count, negative, or text', () => {
    expectSeError(() => leak(seedFunnel, [[0.35], [0.65], [0.7]]), FN, 'benchmarks');
    expectSeError(() => leak(seedFunnel, [[0.35], [0.65], [0.7], [0.3], [0.1], [0.1]]), FN, 'benchmarks');
    expectSeError(() => leak(seedFunnel, [[0.35], [-0.65], [0.7], [0.3]]), FN, 'benchmarks', ['-0.65']);
    expectSeError(() => leak(seedFunnel, [[0.35], ['65%'], [0.7], [0.3]]), FN, 'benchmarks', ['"65%"']);
  });
  it('rejects impact mode without benchmarks', () => {
    expectSeError(() => leak(seedFunnel, undefined, 'impact'), FN, null, ['benchmarks']);
    expectSeError(() => leak(seedFunnel, [[''], [''], [''], ['']], 'impact'), FN, null, ['benchmarks']);
  });
  it('rejects an unknown mode', () => {
    expectSeError(() => leak(seedFunnel, seedBenchmarks, 'worst'), FN, 'mode', ['"worst"']);
  });
});

describe('FUNNEL_LEAK: contract: a step that loses nothing (contract says rate = lowest conversion, loss = largest drop)', () => {
  // The contract: "rate: lowest conversion (to/from). loss: largest from − to. impact: among steps with a
  // benchmark and conversion below it, largest extra. No candidate → "No leak". Ties → earliest step."
  // Every step out of a non-empty stage is a candidate for rate and loss; every step below its benchmark is a
  // candidate for impact, even when its extra is 0.
  it('rate on a funnel that loses nothing: the lowest conversion (1 = 1, earliest)', () => {
    expect(one([[100], [100], [100]], undefined, 'rate')).toBe('Stage 1 → Stage 2');
  });
  it('conversions above 1 (rising counts) are refused in every mode, not ranked', () => {
    for (const mode of ['rate', 'loss', 'impact'])
      expectSeError(() => one([[10], [20], [30]], [[0.5], [0.5]], mode), FN, 'stages', [
        'Stage 1 (10) to Stage 2 (20)',
      ]);
  });
  it('loss on a funnel that loses nothing: the largest drop (0 = 0, earliest)', () => {
    expect(one([[100], [100], [100]], undefined, 'loss')).toBe('Stage 1 → Stage 2');
  });
  it('impact: the only step below its benchmark is the leak even when a later empty stage makes its extra 0', () => {
    // 100 → 10 → 0 → 0 with a benchmark only on step 1 (.5 > .1): extra = 40 · (0/10) · 0 = 0
    expect(one([[100], [10], [0], [0]], [[0.5], [''], ['']])).toBe('Stage 1 → Stage 2');
  });
});

describe('FUNNEL_LEAK: extreme counts keep the contract', () => {
  it('never fails with anything but an SeError and labels only', () => {
    const M = Number.MAX_VALUE;
    expectFiniteOrSeError(() => leak([[M], [M], [1]], [[0.5], [0.5]]));
    expectFiniteOrSeError(() => leak([[5e-324], [1], [M]], undefined, 'rate'));
  });
});

describe('FUNNEL_LEAK: counts that rise from one stage to the next (issue 13)', () => {
  // The seed funnel with its statuses sorted alphabetically: Appointments 300, Contacts 1000, Opportunities
  // 100, Presentations 150, Sales 25. Before, this returned a step label without a word.
  const sorted = [
    ['Appointments', 300],
    ['Contacts', 1000],
    ['Opportunities', 100],
    ['Presentations', 150],
    ['Sales', 25],
  ];
  it('says the counts rise, names the two stages and their counts, and suggests the order', () => {
    const e = expectSeError(() => one(sorted, seedBenchmarks), FN, 'stages', [
      'must fall (or stay level) from the top of the funnel down',
      'the counts rise from Appointments (300) to Contacts (1000)',
      'out of order (e.g. sorted alphabetically)',
      'put them in funnel order, top first',
    ]);
    expect(e.message).not.toMatch(/→/);
  });
  it('in "rate" and "loss" modes too, and without names', () => {
    expectSeError(() => one(sorted, undefined, 'rate'), FN, 'stages', [
      'Appointments (300) to Contacts (1000)',
    ]);
    expectSeError(() => one(sorted, undefined, 'loss'), FN, 'stages', [
      'Appointments (300) to Contacts (1000)',
    ]);
    expectSeError(() => one([[5], [5], [0], [3]]), FN, 'stages', ['Stage 3 (0) to Stage 4 (3)']);
  });
  it('several funnels: names which one (by its column or row in the range)', () => {
    const grid = [
      ['Contacts', 1000, 800, 900],
      ['Appointments', 300, 300, 950],
      ['Sales', 25, 40, 30],
    ];
    expectSeError(() => leak(grid), FN, 'stages', [
      'funnel 3 (column 4 of stages) rises from Contacts (900) to Appointments (950)',
    ]);
    const across = [
      ['Contacts', 'Appointments', 'Sales'],
      [1000, 300, 25],
      [10, 20, 1],
    ];
    expectSeError(() => leak(across), FN, 'stages', ['funnel 2 (row 3 of stages) rises from Contacts (10)']);
  });
  it('level counts are fine (a step that loses nothing), and so is a rise within 15 digits', () => {
    expect(one([[100], [100], [50]], undefined, 'loss')).toBe('Stage 2 → Stage 3');
    expect(one([[0.3], [0.1 + 0.2], [0.1]], undefined, 'loss')).toBe('Stage 2 → Stage 3');
  });
  it('a funnel with no counts yet stays blank beside one that falls', () => {
    expect(
      leak([
        [1000, ''],
        [300, ''],
      ]),
    ).toEqual([['Stage 1 → Stage 2', '']]);
  });
});
