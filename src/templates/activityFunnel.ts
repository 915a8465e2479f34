/**
 * Activity Funnel (SPEC §2; seed 002): activity counts per rep and month for the steps to the sale, the
 * benchmark conversion per step, and per row the conversions and the leakiest step, the coaching focus.
 * The leak formulas agree with FUNNEL_LEAK in "impact" mode on the same row and benchmarks.
 */
import { a1 } from './a1';
import { COMPUTED_BACKGROUND, EXAMPLE_BACKGROUND, PlanBuilder, range } from './planBuilder';
import type { Template, TemplateOptions } from './template';

export const FUNNEL_STAGES = ['Contacts', 'Appointments', 'Presentations', 'Opportunities', 'Sales'] as const;
/** Benchmark conversion into each stage after the first (the seed's 35%, 65%, 70%, 30%). */
export const FUNNEL_BENCHMARKS = [0.35, 0.65, 0.7, 0.3] as const;

export const FUNNEL_NAMES = {
  benchmarks: 'SE_Funnel_Benchmarks',
  table: 'SE_Funnel_Table',
} as const;

const BENCHMARK_ROW = 3;
const HEADER_ROW = 5;
export const FUNNEL_FIRST_DATA_ROW = 6;
const DEFAULT_ROWS = 30;
const MONTH_COL = 0;
const REP_COL = 1;
const FIRST_STAGE_COL = 2;
const STAGES = FUNNEL_STAGES.length;
const FIRST_CONVERSION_COL = FIRST_STAGE_COL + STAGES;
const FIRST_EXTRA_COL = FIRST_CONVERSION_COL + STAGES - 1;
export const FUNNEL_LEAK_COL = FIRST_EXTRA_COL + STAGES - 1;

const REPS = ['Ana', 'Ben', 'Chloé', 'Dev', 'Eva'];
/** One month for five reps; each has a different weak step, as a coaching focus would show. */
const EXAMPLE_COUNTS: number[][] = [
  [1000, 300, 150, 100, 25],
  [800, 300, 210, 150, 40],
  [900, 250, 170, 80, 25],
  [700, 280, 180, 130, 30],
  [1100, 330, 230, 165, 55],
];

export const activityFunnel: Template = {
  id: 'activity-funnel',
  title: 'Activity Funnel',
  summary:
    'Activity counts per rep and month for the steps to the sale, with the leakiest step as the coaching focus.',
  columns: [
    { header: 'Month', meaning: 'The month the counts are for.' },
    { header: 'Rep', meaning: 'The rep (or team).' },
    {
      header: 'Contacts … Sales',
      prefix: '',
      count: FUNNEL_STAGES.length,
      meaning: `Activity counts per step to the sale: ${FUNNEL_STAGES.join(', ')}. Rename the stages in the header to your own.`,
    },
    {
      header: 'Conversion per step',
      prefix: '',
      count: FUNNEL_STAGES.length - 1,
      meaning: "Each step's conversion (computed).",
    },
    {
      header: '+ at benchmark per step',
      prefix: '+ at benchmark: ',
      count: FUNNEL_STAGES.length - 1,
      meaning: 'Extra sales if that step converted at its benchmark (computed).',
    },
    {
      header: 'Leakiest step (coaching focus)',
      meaning: 'The step whose rise to benchmark adds the most sales (as FUNNEL_LEAK in impact mode).',
    },
  ],
  notes:
    'Row 4 holds the benchmark conversion into each stage (35%, 65%, 70%, 30% to start with); change them to your own.',
  render(options: TemplateOptions) {
    const rows = Math.max(options.rows ?? DEFAULT_ROWS, options.examples ? EXAMPLE_COUNTS.length : 1);
    const b = new PlanBuilder('Activity Funnel');
    const first = FUNNEL_FIRST_DATA_ROW;
    b.title(
      'Activity Funnel',
      'One row per rep (or team) and month. The leakiest step is where coaching adds the most sales.',
    );

    b.value(BENCHMARK_ROW, REP_COL, 'Benchmark conversion');
    FUNNEL_BENCHMARKS.forEach((v, i) => b.value(BENCHMARK_ROW, FIRST_STAGE_COL + 1 + i, v));
    const benchRange = range(BENCHMARK_ROW, FIRST_STAGE_COL, 1, STAGES);
    b.format(benchRange, { numberFormat: '0%', background: '#fff2cc', bold: true });
    b.nameRange(FUNNEL_NAMES.benchmarks, benchRange);

    b.header(HEADER_ROW, 0, ['Month', 'Rep', ...FUNNEL_STAGES]);
    const stageHeader = (s: number) => a1(HEADER_ROW, FIRST_STAGE_COL + s, true);
    for (let s = 0; s < STAGES - 1; s++) {
      // Headers follow the stage names, so renaming a stage renames its step everywhere.
      b.formula(HEADER_ROW, FIRST_CONVERSION_COL + s, `${stageHeader(s)}&" → "&${stageHeader(s + 1)}`);
      b.formula(
        HEADER_ROW,
        FIRST_EXTRA_COL + s,
        `"+ at benchmark: "&${stageHeader(s)}&" → "&${stageHeader(s + 1)}`,
      );
    }
    b.value(HEADER_ROW, FUNNEL_LEAK_COL, 'Leakiest step (coaching focus)');
    b.format(range(HEADER_ROW, FIRST_CONVERSION_COL, 1, FUNNEL_LEAK_COL - FIRST_CONVERSION_COL + 1), {
      bold: true,
      background: '#1f3864',
      fontColor: '#ffffff',
      wrap: true,
    });
    b.frozenRows = HEADER_ROW + 1;
    b.frozenCols = REP_COL + 1;

    const bench = (s: number) => a1(BENCHMARK_ROW, FIRST_STAGE_COL + 1 + s, true);
    for (let r = first; r < first + rows; r++) {
      const count = (s: number) => a1(r, FIRST_STAGE_COL + s);
      const conv = (s: number) => a1(r, FIRST_CONVERSION_COL + s);
      const filled = `COUNT(${count(0)}:${count(STAGES - 1)})=${STAGES}`;
      for (let s = 0; s < STAGES - 1; s++) {
        b.formula(
          r,
          FIRST_CONVERSION_COL + s,
          `IF(AND(${filled},${count(s)}>0),${count(s + 1)}/${count(s)},"")`,
        );
      }
      for (let s = 0; s < STAGES - 1; s++) {
        // A later step without a conversion (empty stage) is assumed at its benchmark, as FUNNEL_LEAK does.
        const later: string[] = [];
        for (let j = s + 1; j < STAGES - 1; j++)
          later.push(`IF(${conv(j)}="",IF(${bench(j)}="",0,${bench(j)}),${conv(j)})`);
        const carried = later.length === 0 ? '' : `*${later.join('*')}`;
        b.formula(
          r,
          FIRST_EXTRA_COL + s,
          `IF(OR(${conv(s)}="",${bench(s)}=""),"",IF(${conv(s)}>=${bench(s)},0,(${bench(s)}*${count(s)}-${count(s + 1)})${carried}))`,
        );
      }
      const extras = `${a1(r, FIRST_EXTRA_COL)}:${a1(r, FIRST_EXTRA_COL + STAGES - 2)}`;
      const labels = `${a1(HEADER_ROW, FIRST_CONVERSION_COL, true)}:${a1(HEADER_ROW, FIRST_CONVERSION_COL + STAGES - 2, true)}`;
      b.formula(
        r,
        FUNNEL_LEAK_COL,
        `IF(NOT(${filled}),"",IF(COUNT(${extras})=0,"No leak",IF(MAX(${extras})<=0,"No leak",INDEX(${labels},1,MATCH(MAX(${extras}),${extras},0)))))`,
      );
    }
    b.format(range(first, FIRST_STAGE_COL, rows, STAGES), { numberFormat: '#,##0' });
    b.validateNumber(range(first, FIRST_STAGE_COL, rows, STAGES), 0, 1e12, 'A count of at least 0');
    b.validateNumber(
      range(BENCHMARK_ROW, FIRST_STAGE_COL + 1, 1, STAGES - 1),
      0,
      1,
      'A conversion rate from 0% to 100%',
    );
    b.conditionalFormats.push({
      range: range(first, FUNNEL_LEAK_COL, rows, 1),
      textEquals: 'No leak',
      background: '#d9ead3',
      fontColor: '#274e13',
    });
    b.format(range(first, FIRST_CONVERSION_COL, rows, STAGES - 1), {
      numberFormat: '0%',
      background: COMPUTED_BACKGROUND,
    });
    b.format(range(first, FIRST_EXTRA_COL, rows, STAGES - 1), {
      numberFormat: '#,##0.0',
      background: COMPUTED_BACKGROUND,
      fontColor: '#666666',
    });
    b.format(range(first, FUNNEL_LEAK_COL, rows, 1), { background: COMPUTED_BACKGROUND, bold: true });
    b.format(range(first, MONTH_COL, rows, 1), { numberFormat: 'yyyy-mm' });
    b.nameRange(FUNNEL_NAMES.table, range(HEADER_ROW, 0, rows + 1, FUNNEL_LEAK_COL + 1));
    b.width(MONTH_COL, 90).width(REP_COL, 140);
    for (let c = FIRST_STAGE_COL; c < FUNNEL_LEAK_COL; c++) b.width(c, 105);
    b.width(FUNNEL_LEAK_COL, 230);

    if (options.examples) {
      EXAMPLE_COUNTS.forEach((counts, i) => {
        b.value(first + i, MONTH_COL, 'Example: Jul');
        b.value(first + i, REP_COL, REPS[i]);
        counts.forEach((v, s) => b.value(first + i, FIRST_STAGE_COL + s, v));
      });
      b.format(range(first, 0, EXAMPLE_COUNTS.length, 2), { background: EXAMPLE_BACKGROUND });
    }
    return b.build();
  },
};
