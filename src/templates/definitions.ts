/** Definitions (SPEC §2; seed 004): the sales and marketing definitions both teams agree on. */
import { a1 } from './a1';
import { COMPUTED_BACKGROUND, EXAMPLE_BACKGROUND, PlanBuilder, range } from './planBuilder';
import type { Template, TemplateOptions } from './template';

export const DEFINITION_HEADERS = [
  'Term',
  'Definition',
  'Owner',
  'Agreed by sales',
  'Agreed by marketing',
  'Last reviewed',
  'Alignment',
] as const;
const DEFINITION_MEANINGS: Record<(typeof DEFINITION_HEADERS)[number], string> = {
  Term: 'The word both teams use.',
  Definition: 'What exactly counts.',
  Owner: 'Which team keeps the definition.',
  'Agreed by sales': 'Yes or No.',
  'Agreed by marketing': 'Yes or No.',
  'Last reviewed': 'When both last confirmed it.',
  Alignment: 'Agreed once both said Yes (computed).',
};

export const DEFINITIONS_NAMES = { table: 'SE_Definitions_Table' } as const;
const HEADER_ROW = 3;
const DEFAULT_ROWS = 20;

const TERMS: [string, string, string][] = [
  [
    'Lead',
    'A person or company that has shown interest (form, event, inbound call) and whose contact details we have.',
    'Marketing',
  ],
  [
    'MQL',
    'A lead that fits the ideal customer profile and has engaged enough (score of 50 or more) to hand to sales.',
    'Marketing',
  ],
  [
    'SQL',
    'An MQL that sales has accepted after a first call: need, budget holder and timing confirmed.',
    'Sales',
  ],
  [
    'Opportunity',
    'An SQL with a proposal requested, a value and an expected close date in the CRM.',
    'Sales',
  ],
  ['Customer', 'An account with a signed order and its first invoice issued.', 'Finance'],
];

export const definitions: Template = {
  id: 'definitions',
  title: 'Definitions',
  summary:
    'Shared sales and marketing definitions (lead, MQL, SQL, opportunity, customer) and who agreed them.',
  columns: DEFINITION_HEADERS.map((header) => ({ header, meaning: DEFINITION_MEANINGS[header] })),
  notes:
    'Lead, MQL, SQL, opportunity and customer to start with: sales and marketing agree each definition once, and the CSFs count by them.',
  render(options: TemplateOptions) {
    const rows = Math.max(options.rows ?? DEFAULT_ROWS, options.examples ? TERMS.length : 1);
    const b = new PlanBuilder('Definitions');
    b.title(
      'Definitions',
      'One definition per term, agreed by sales and by marketing, reviewed at least once a year.',
    );
    b.header(HEADER_ROW, 0, DEFINITION_HEADERS);
    b.frozenRows = HEADER_ROW + 1;
    const first = HEADER_ROW + 1;
    for (let r = first; r < first + rows; r++) {
      b.formula(
        r,
        6,
        `IF(${a1(r, 0)}="","",IF(AND(${a1(r, 3)}="Yes",${a1(r, 4)}="Yes"),"Agreed","Not agreed yet"))`,
      );
    }
    b.validate(range(first, 3, rows, 2), ['Yes', 'No'], true);
    b.format(range(first, 1, rows), { wrap: true }).format(range(first, 5, rows), {
      numberFormat: 'yyyy-mm-dd',
    });
    b.format(range(first, 6, rows), { background: COMPUTED_BACKGROUND, bold: true });
    b.conditionalFormats.push(
      { range: range(first, 6, rows), textEquals: 'Agreed', background: '#d9ead3', fontColor: '#274e13' },
      {
        range: range(first, 6, rows),
        textEquals: 'Not agreed yet',
        background: '#fff2cc',
        fontColor: '#7f6000',
      },
    );
    b.nameRange(DEFINITIONS_NAMES.table, range(HEADER_ROW, 0, rows + 1, DEFINITION_HEADERS.length));
    [120, 420, 110, 110, 130, 110, 120].forEach((w, c) => b.width(c, w));
    if (options.examples) {
      TERMS.forEach(([term, text, owner], i) =>
        b.row(first + i, 0, [term, `Example: ${text}`, owner, 'Yes', i < 3 ? 'Yes' : 'No']),
      );
      b.format(range(first, 0, TERMS.length, 6), { background: EXAMPLE_BACKGROUND });
    }
    return b.build();
  },
};
