/**
 * Activity Funnel (SPEC §2; seed 002; issue 13): per rep and month, the activity counts for the steps to the
 * sale and the sales goal (inputs); the activity targets the goal implies at the benchmark conversions, and
 * each count as a share of its target; the conversions under their benchmarks, each flagged when below; and
 * the leakiest step with the sales it leaves on the table (the coaching focus). Laid out to the FAST standard:
 * inputs, workings and outputs in separate blocks left to right, one formula shape down each column, no
 * constants inside formulas (benchmarks are cells above the conversions), every formula short.
 *
 * The formulas agree with the core on the same inputs: the targets with FUNNEL_TARGETS(goal, benchmarks), the
 * conversions and extras with FUNNEL_STEPS, the leak with FUNNEL_LEAK in impact mode; a row whose counts rise
 * from one stage to the next is flagged as FUNNEL_LEAK refuses it. Only functions Excel, Google Sheets and
 * LibreOffice compute alike: IF, IFERROR, AND, OR, N, INT, COUNT, COUNTBLANK, COLUMNS, MIN, MAX, INDEX, MATCH,
 * PRODUCT, LOWER (no array arithmetic: the preview's engine does not do it).
 */
import { a1, columnLetter } from './a1';
import { COMPUTED_BACKGROUND, EXAMPLE_BACKGROUND, PlanBuilder, range } from './planBuilder';
import type { Template, TemplateOptions } from './template';

export const FUNNEL_STAGES = ['Contacts', 'Appointments', 'Presentations', 'Opportunities', 'Sales'] as const;
/** Benchmark conversion of each step (into the next stage): the seed's 35%, 65%, 70%, 30%. */
export const FUNNEL_BENCHMARKS = [0.35, 0.65, 0.7, 0.3] as const;

export const FUNNEL_NAMES = {
  /** One benchmark per step, in the row above the conversion columns. */
  benchmarks: 'SE_Funnel_Benchmarks',
  table: 'SE_Funnel_Table',
} as const;

const STAGES = FUNNEL_STAGES.length;
const STEPS = STAGES - 1;

/** Row of the block labels (Inputs, Activity targets, …). */
export const FUNNEL_SECTION_ROW = 3;
/** Row of the benchmarks (above the conversion columns) and of the benchmark products (above the extras). */
export const FUNNEL_BENCHMARK_ROW = 4;
export const FUNNEL_HEADER_ROW = 5;
export const FUNNEL_FIRST_DATA_ROW = 6;
const DEFAULT_ROWS = 30;

/** Column of each block (0-based); a block of stages has STAGES columns, a block of steps STEPS. */
export const FUNNEL_COLUMNS = (() => {
  const month = 0;
  const rep = 1;
  const counts = 2;
  const goal = counts + STAGES;
  const lost = goal + 1;
  const check = lost + STEPS;
  const targets = check + 1;
  const ofTarget = targets + STAGES;
  const conversions = ofTarget + STAGES;
  const flags = conversions + STEPS;
  const extras = flags + STEPS;
  const leakStep = extras + STEPS;
  const leak = leakStep + 1;
  const atStake = leak + 1;
  return {
    month,
    rep,
    counts,
    goal,
    lost,
    check,
    targets,
    ofTarget,
    conversions,
    flags,
    extras,
    leakStep,
    leak,
    atStake,
  };
})();
export const FUNNEL_LEAK_COL = FUNNEL_COLUMNS.leak;
const C = FUNNEL_COLUMNS;
const LAST_COL = C.atStake;

/** What the check column says (and the leak columns stay blank) when a row's counts rise. */
export const FUNNEL_RISE_CHECK = 'Counts rise: check stage order';
export const FUNNEL_CHECK_OK = 'OK';
export const FUNNEL_BELOW = 'Below';

const REPS = ['Ana', 'Ben', 'Chloé', 'Dev', 'Eva'];
/** One month for five reps; each has a different weak step, as a coaching focus would show. */
const EXAMPLE_COUNTS: number[][] = [
  [1000, 300, 150, 100, 25],
  [800, 300, 210, 150, 40],
  [900, 250, 170, 80, 25],
  [700, 280, 180, 130, 30],
  [1100, 330, 230, 165, 55],
];
/** Each example rep's sales goal for the month. */
const EXAMPLE_GOALS = [25, 40, 30, 30, 50];

const last = FUNNEL_STAGES[STAGES - 1];
const lastLower = last.toLowerCase();

/** The value at stake shows as a number in words: +7.5 sales at benchmark. */
const AT_STAKE_FORMAT = `"+"#,##0.0" ${lastLower} at benchmark"`;

export const activityFunnel: Template = {
  id: 'activity-funnel',
  title: 'Activity Funnel',
  summary:
    'Per rep and month: activity counts, the activity targets a sales goal implies, conversions against benchmark, and the leakiest step as the coaching focus.',
  columns: [
    { header: 'Month', meaning: 'The month the counts are for (shown as May 2026).' },
    { header: 'Rep', meaning: 'The rep (or team).' },
    {
      header: `${FUNNEL_STAGES.join(', ')}`,
      prefix: '',
      count: STAGES,
      meaning: `Activity counts per step to the sale, top of the funnel first. Rename the stages in the header to your own; every other header follows.`,
    },
    { header: `${last} goal`, meaning: `The rep's ${lastLower} goal for the month (optional).` },
    {
      header: 'Lost: Contacts → Appointments …',
      prefix: 'Lost: ',
      count: STEPS,
      meaning:
        'Workings: the count lost at each step (from − to, as FUNNEL_STEPS); negative when the counts rise.',
    },
    {
      header: 'Check',
      meaning: `OK when every stage has a count and the counts fall from stage to stage; "${FUNNEL_RISE_CHECK}" when a count rises (stages out of order).`,
    },
    {
      header: 'Contacts target … Sales target',
      prefix: '',
      count: STAGES,
      meaning:
        'Activity each stage needs to reach the goal at the benchmark conversions, rounded up from the bottom (as FUNNEL_TARGETS).',
    },
    {
      header: 'Contacts % of target …',
      prefix: '',
      count: STAGES,
      meaning: 'Each count as a share of its target.',
    },
    {
      header: 'Contacts → Appointments …',
      prefix: '',
      count: STEPS,
      meaning: "Each step's conversion; its benchmark sits in the row above.",
    },
    {
      header: 'Contacts → Appointments vs benchmark …',
      prefix: '',
      count: STEPS,
      meaning: `"${FUNNEL_BELOW}" (highlighted) when the conversion is under its benchmark, else "OK".`,
    },
    {
      header: `Extra ${lastLower} if Contacts → Appointments hit benchmark …`,
      prefix: 'Extra ',
      count: STEPS,
      meaning: `Workings: the ${lastLower} added if that step alone converted at its benchmark (as FUNNEL_STEPS).`,
    },
    {
      header: 'Leak step (number)',
      meaning:
        'Workings: which step leaks most: the largest extra, or the first step below its benchmark when none adds anything; 0 for none.',
    },
    {
      header: 'Coaching focus (leakiest step)',
      meaning: `The step whose rise to benchmark adds the most ${lastLower} (as FUNNEL_LEAK in impact mode), or "No leak".`,
    },
    {
      header: 'Value at stake',
      meaning: `What fixing that step is worth, e.g. "+7.5 ${lastLower} at benchmark".`,
    },
  ],
  notes:
    'Row 5 holds the benchmark conversion of each step above its conversion column (35%, 65%, 70%, 30% to start with); change them to your own. Above the extras, a working row multiplies the benchmarks from each step down.',
  render(options: TemplateOptions) {
    const rows = Math.max(options.rows ?? DEFAULT_ROWS, options.examples ? EXAMPLE_COUNTS.length : 1);
    const b = new PlanBuilder('Activity Funnel');
    const first = FUNNEL_FIRST_DATA_ROW;
    const H = FUNNEL_HEADER_ROW;
    const B = FUNNEL_BENCHMARK_ROW;
    b.title(
      'Activity Funnel',
      `One row per rep and month: type the counts and the ${lastLower} goal (white); everything grey is computed. The coaching focus is the step where coaching adds the most ${lastLower}.`,
    );

    // Block labels, so inputs, workings and outputs read apart.
    const sections: [number, string][] = [
      [C.month, 'Inputs'],
      [C.lost, 'Workings: lost at each step'],
      [C.check, 'Check'],
      [C.targets, `Activity targets for the ${lastLower} goal`],
      [C.ofTarget, 'Actual as % of target'],
      [C.conversions, 'Conversion (benchmark above)'],
      [C.flags, 'Against benchmark'],
      [C.extras, `Workings: extra ${lastLower} at benchmark`],
      [C.leak, 'Coaching focus'],
    ];
    for (const [col, label] of sections) b.value(FUNNEL_SECTION_ROW, col, label);
    b.format(range(FUNNEL_SECTION_ROW, 0, 1, LAST_COL + 1), { bold: true, fontColor: '#1f3864' });

    // Benchmarks (inputs) above the conversions; the products of the benchmarks from each step down (workings)
    // above the extras, which need them when a step's next stage is empty.
    b.value(B, C.conversions - 1, 'Benchmark conversion:').format(range(B, C.conversions - 1), {
      bold: true,
      horizontalAlignment: 'right',
    });
    FUNNEL_BENCHMARKS.forEach((v, i) => b.value(B, C.conversions + i, v));
    const benchRange = range(B, C.conversions, 1, STEPS);
    b.format(benchRange, { numberFormat: '0%', background: '#fff2cc', bold: true });
    b.nameRange(FUNNEL_NAMES.benchmarks, benchRange);
    b.validateNumber(benchRange, 0, 1, 'A conversion rate from 0% to 100%');
    b.value(B, C.flags + STEPS - 1, 'Benchmarks multiplied from each step down:').format(
      range(B, C.flags + STEPS - 1),
      { italic: true, horizontalAlignment: 'right', fontColor: '#666666' },
    );
    const lastBench = `$${columnLetter(C.conversions + STEPS - 1)}$${B + 1}`;
    for (let s = 0; s < STEPS; s++) {
      const from = `${columnLetter(C.conversions + s)}$${B + 1}:${lastBench}`;
      b.formula(B, C.extras + s, `PRODUCT(${from})*(COUNTBLANK(${from})=0)`);
    }
    b.format(range(B, C.extras, 1, STEPS), {
      numberFormat: '0.0000',
      background: COMPUTED_BACKGROUND,
      fontColor: '#666666',
    });

    // Headers: the stage names are typed; every other header follows them, so renaming a stage renames it
    // everywhere.
    b.header(H, 0, ['Month', 'Rep', ...FUNNEL_STAGES]);
    const stage = (s: number) => a1(H, C.counts + s, true);
    const stepName = (s: number) => a1(H, C.conversions + s, true);
    b.formula(H, C.goal, `${stage(STAGES - 1)}&" goal"`);
    for (let s = 0; s < STEPS; s++) b.formula(H, C.lost + s, `"Lost: "&${stage(s)}&" → "&${stage(s + 1)}`);
    b.value(H, C.check, 'Check');
    for (let s = 0; s < STAGES; s++) {
      b.formula(H, C.targets + s, `${stage(s)}&" target"`);
      b.formula(H, C.ofTarget + s, `${stage(s)}&" % of target"`);
    }
    for (let s = 0; s < STEPS; s++) {
      b.formula(H, C.conversions + s, `${stage(s)}&" → "&${stage(s + 1)}`);
      b.formula(H, C.flags + s, `${stepName(s)}&" vs benchmark"`);
      b.formula(
        H,
        C.extras + s,
        `"Extra "&LOWER(${stage(STAGES - 1)})&" if "&${stepName(s)}&" hit benchmark"`,
      );
    }
    b.value(H, C.leakStep, 'Leak step (number)');
    b.value(H, C.leak, 'Coaching focus (leakiest step)');
    b.value(H, C.atStake, 'Value at stake');
    b.format(range(H, C.goal, 1, LAST_COL - C.goal + 1), {
      bold: true,
      background: '#1f3864',
      fontColor: '#ffffff',
      wrap: true,
    });
    b.frozenRows = H + 1;
    b.frozenCols = C.rep + 1;

    const bench = (s: number) => `${columnLetter(C.conversions + s)}$${B + 1}`;
    const carried = (s: number) => `${columnLetter(C.extras + s)}$${B + 1}`;
    for (let r = first; r < first + rows; r++) {
      const count = (s: number) => a1(r, C.counts + s);
      const fixedCount = (s: number) => `$${a1(r, C.counts + s)}`;
      const counts = `${fixedCount(0)}:${fixedCount(STAGES - 1)}`;
      const check = `$${a1(r, C.check)}`;
      const target = (s: number) => a1(r, C.targets + s);
      const conv = (s: number) => a1(r, C.conversions + s);
      const extras = `${a1(r, C.extras)}:${a1(r, C.extras + STEPS - 1)}`;
      const lost = `$${a1(r, C.lost)}:$${a1(r, C.lost + STEPS - 1)}`;
      const goal = `$${a1(r, C.goal)}`;

      // Lost at each step; the check is blank until every stage has a count, then OK, or says the counts rise.
      for (let s = 0; s < STEPS; s++)
        b.formula(r, C.lost + s, `IF(OR(${count(s)}="",${count(s + 1)}=""),"",${count(s)}-${count(s + 1)})`);
      b.formula(
        r,
        C.check,
        `IF(COUNT(${counts})<COLUMNS(${counts}),"",IF(MIN(${lost})<0,"${FUNNEL_RISE_CHECK}","${FUNNEL_CHECK_OK}"))`,
      );
      // Targets from the bottom: the last is the goal; each stage above is the fewest whole units that reach
      // the stage below at its benchmark. INT(q)+(INT(q)*rate<next) is the ceiling without floating-point
      // artefacts: 84/0.7 is 120.00000000000001 but 120*0.7<84 is FALSE, so 84 at 70% needs 120.
      b.formula(r, C.targets + STAGES - 1, `IF(${goal}="","",${goal})`);
      for (let s = 0; s < STEPS; s++) {
        const next = target(s + 1);
        const q = `INT(${next}/${bench(s)})`;
        b.formula(
          r,
          C.targets + s,
          `IF(OR(${next}="",N(${bench(s)})<=0),"",${q}+(${q}*${bench(s)}<${next}))`,
        );
      }
      for (let s = 0; s < STAGES; s++) {
        b.formula(r, C.ofTarget + s, `IF(OR(${count(s)}="",N(${target(s)})=0),"",${count(s)}/${target(s)})`);
      }
      for (let s = 0; s < STEPS; s++) {
        b.formula(r, C.conversions + s, `IF(AND(${check}<>"",${count(s)}>0),${count(s + 1)}/${count(s)},"")`);
        b.formula(
          r,
          C.flags + s,
          `IF(OR(${conv(s)}="",${bench(s)}=""),"",IF(${conv(s)}<${bench(s)},"${FUNNEL_BELOW}","OK"))`,
        );
        // Extra results if this step converted at its benchmark and every later step kept its own conversion:
        // (benchmark × from − to) × the later conversions, which multiply out to last ÷ to. When the next stage
        // is empty the later steps have no conversion and count at their benchmarks (the row above), as
        // FUNNEL_STEPS does.
        b.formula(
          r,
          C.extras + s,
          `IF(OR(${conv(s)}="",${bench(s)}=""),"",IF(${conv(s)}>=${bench(s)},0,IF(${count(s + 1)}>0,(${bench(s)}*${count(s)}-${count(s + 1)})*${fixedCount(STAGES - 1)}/${count(s + 1)},${count(s)}*${carried(s)})))`,
        );
      }
      // The leak, as FUNNEL_LEAK in impact mode: the step with the largest extra; when no step adds anything
      // (a blank later benchmark multiplies it to 0) the first step below its benchmark; 0 when none is below.
      const flags = `${a1(r, C.flags)}:${a1(r, C.flags + STEPS - 1)}`;
      const step = a1(r, C.leakStep);
      b.formula(
        r,
        C.leakStep,
        `IFERROR(IF(MAX(${extras})>0,MATCH(MAX(${extras}),${extras},0),MATCH("${FUNNEL_BELOW}",${flags},0)),0)`,
      );
      const labels = `${a1(H, C.conversions, true)}:${a1(H, C.conversions + STEPS - 1, true)}`;
      b.formula(
        r,
        C.leak,
        `IF(${check}<>"${FUNNEL_CHECK_OK}","",IF(${step}=0,"No leak",INDEX(${labels},1,${step})))`,
      );
      b.formula(
        r,
        C.atStake,
        `IF(OR(${check}<>"${FUNNEL_CHECK_OK}",${step}=0),"",INDEX(${extras},1,${step}))`,
      );
    }

    // Inputs: whole-number counts and goals, months as May 2026.
    b.format(range(first, C.month, rows, 1), { numberFormat: 'mmm yyyy' });
    b.format(range(first, C.counts, rows, STAGES + 1), { numberFormat: '#,##0' });
    b.validateNumber(range(first, C.counts, rows, STAGES), 0, 1e12, 'A count of at least 0');
    b.validateNumber(range(first, C.goal, rows, 1), 0, 1e12, `The ${lastLower} goal, at least 0`);
    // Workings and outputs: grey, never typed over.
    b.format(range(first, C.lost, rows, LAST_COL - C.lost + 1), { background: COMPUTED_BACKGROUND });
    b.format(range(first, C.lost, rows, STEPS), { numberFormat: '#,##0', fontColor: '#666666' });
    b.format(range(first, C.targets, rows, STAGES), { numberFormat: '#,##0' });
    b.format(range(first, C.ofTarget, rows, STAGES), { numberFormat: '0%' });
    b.format(range(first, C.conversions, rows, STEPS), { numberFormat: '0%' });
    b.format(range(first, C.extras, rows, STEPS), { numberFormat: '"+"#,##0.0', fontColor: '#666666' });
    b.format(range(first, C.leak, rows, 1), { bold: true });
    b.format(range(first, C.atStake, rows, 1), { numberFormat: AT_STAKE_FORMAT, bold: true });
    b.textColour(range(first, C.flags, rows, STEPS), FUNNEL_BELOW, '#f4cccc', '#990000');
    b.textColour(range(first, C.check, rows, 1), FUNNEL_RISE_CHECK, '#f4cccc', '#990000');
    b.textColour(range(first, C.check, rows, 1), FUNNEL_CHECK_OK, '#d9ead3', '#274e13');
    b.textColour(range(first, C.leak, rows, 1), 'No leak', '#d9ead3', '#274e13');
    b.nameRange(FUNNEL_NAMES.table, range(H, 0, rows + 1, LAST_COL + 1));

    b.width(C.month, 90).width(C.rep, 130);
    for (let c = C.counts; c < C.lost; c++) b.width(c, 95);
    for (let c = C.lost; c < C.check; c++) b.width(c, 110);
    b.width(C.check, 120);
    for (let c = C.targets; c < C.extras; c++) b.width(c, 105);
    for (let c = C.extras; c < C.leakStep; c++) b.width(c, 130);
    b.width(C.leakStep, 80);
    b.width(C.leak, 220).width(C.atStake, 200);

    if (options.examples) {
      EXAMPLE_COUNTS.forEach((counts, i) => {
        // Undated on purpose: an example row is never taken for a real month.
        b.value(first + i, C.month, 'Example: Jul');
        b.value(first + i, C.rep, REPS[i]);
        counts.forEach((v, s) => b.value(first + i, C.counts + s, v));
        b.value(first + i, C.goal, EXAMPLE_GOALS[i]);
      });
      b.format(range(first, 0, EXAMPLE_COUNTS.length, 2), { background: EXAMPLE_BACKGROUND });
    }
    return b.build();
  },
};
