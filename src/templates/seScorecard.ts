/**
 * SE Scorecard (SPEC §2; seed 000): plans rated for plan quality and execution effectiveness, 0 to 10, and
 * their SE score, so a 9x4 plan (36) and a 6x8 plan (48) can be compared. The score agrees with SE_SCORE.
 */
import { a1 } from './a1';
import { COMPUTED_BACKGROUND, EXAMPLE_BACKGROUND, PlanBuilder, range } from './planBuilder';
import type { Template, TemplateOptions } from './template';

export const SCORECARD_HEADERS = [
  'Plan or initiative',
  'Owner',
  'Plan quality (0-10)',
  'Execution (0-10)',
  'SE score (0-100)',
  'Notes',
] as const;
const SCORECARD_MEANINGS: Record<(typeof SCORECARD_HEADERS)[number], string> = {
  'Plan or initiative': 'What is rated.',
  Owner: 'Who owns it.',
  'Plan quality (0-10)': 'How good the plan is.',
  'Execution (0-10)': 'How well it is being carried out.',
  'SE score (0-100)': 'Plan quality x execution (as SE_SCORE).',
  Notes: 'Why the ratings are what they are.',
};

export const SCORECARD_NAMES = { table: 'SE_Scorecard_Table' } as const;
const HEADER_ROW = 3;
const DEFAULT_ROWS = 20;

const EXAMPLES: [string, string, number, number, string][] = [
  ['Example: 9x4 plan', 'BU head', 9, 4, 'A brilliant plan, poorly executed: 36'],
  ['Example: 6x8 plan', 'BU head', 6, 8, 'A decent plan, well executed: 48'],
];

export const seScorecard: Template = {
  id: 'se-scorecard',
  title: 'SE Scorecard',
  summary:
    'Rate plans for plan quality and execution (0-10) and compare their SE scores: 9x4 = 36, 6x8 = 48.',
  columns: SCORECARD_HEADERS.map((header) => ({ header, meaning: SCORECARD_MEANINGS[header] })),
  notes: 'Compare plans by what they will deliver, not by how good they look: a 6x8 plan beats a 9x4 one.',
  render(options: TemplateOptions) {
    const rows = Math.max(options.rows ?? DEFAULT_ROWS, options.examples ? EXAMPLES.length : 1);
    const b = new PlanBuilder('SE Scorecard');
    b.title(
      'SE Scorecard',
      'Sales results = quality of the plan x effectiveness of execution. Rate each from 0 to 10.',
    );
    b.header(HEADER_ROW, 0, SCORECARD_HEADERS);
    b.frozenRows = HEADER_ROW + 1;
    const first = HEADER_ROW + 1;
    for (let r = first; r < first + rows; r++) {
      const plan = a1(r, 2);
      const exec = a1(r, 3);
      b.formula(r, 4, `IF(OR(${plan}="",${exec}=""),"",${plan}/10*${exec}/10*100)`);
    }
    b.validateNumber(range(first, 2, rows, 2), 0, 10, 'A rating from 0 to 10');
    b.format(range(first, 2, rows, 2), { numberFormat: '0.#', horizontalAlignment: 'center' });
    b.format(range(first, 4, rows), {
      numberFormat: '0',
      background: COMPUTED_BACKGROUND,
      bold: true,
      horizontalAlignment: 'center',
    });
    b.nameRange(SCORECARD_NAMES.table, range(HEADER_ROW, 0, rows + 1, SCORECARD_HEADERS.length));
    [220, 120, 110, 110, 110, 300].forEach((w, c) => b.width(c, w));
    if (options.examples) {
      EXAMPLES.forEach(([plan, owner, quality, execution, note], i) => {
        b.row(first + i, 0, [plan, owner, quality, execution]).value(first + i, 5, note);
      });
      b.format(range(first, 0, EXAMPLES.length, 2), { background: EXAMPLE_BACKGROUND });
    }
    return b.build();
  },
};
