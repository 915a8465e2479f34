/**
 * Review Log (SPEC §2 and §3): written by the monthly review, one row per CSF reviewed. Append-only: the
 * review adds rows under the table and never rewrites earlier ones.
 */
import { EXAMPLE_BACKGROUND, PlanBuilder, range } from './planBuilder';
import type { Template, TemplateOptions } from './template';

export const REVIEW_LOG_HEADERS = [
  'Month',
  'Team',
  'CSF',
  'Status',
  'Actual',
  'Target',
  'Variance',
  'Commentary',
  'Action',
  'Owner',
  'Due date',
  'Action status',
  'Reviewer',
  'Saved at',
] as const;
const REVIEW_LOG_MEANINGS: Record<(typeof REVIEW_LOG_HEADERS)[number], string> = {
  Month: 'The month reviewed.',
  Team: "The CSF's team.",
  CSF: 'The CSF reviewed.',
  Status: 'Its status that month.',
  Actual: 'Its year-to-date actual through the month.',
  Target: 'Its year-to-date target through the month.',
  Variance: 'Actual minus target.',
  Commentary: 'Why it is where it is (required when Off track).',
  Action: 'What will be done (required when Off track).',
  Owner: 'Who does it.',
  'Due date': 'By when.',
  'Action status': 'Open, Done or Carried over.',
  Reviewer: 'Who saved the review.',
  'Saved at': 'When it was saved.',
};

export const REVIEW_LOG_NAMES = { table: 'SE_ReviewLog_Table' } as const;
export const ACTION_STATUSES = ['Open', 'Done', 'Carried over'] as const;
const HEADER_ROW = 3;
/** Rows below the header that get the log's formats and validation ahead of the review writing them. */
const DEFAULT_ROWS = 5000;

export const reviewLog: Template = {
  id: 'review-log',
  title: 'Review Log',
  summary:
    'The record of monthly reviews: status, variance, commentary and actions per CSF. Written by the sidebar.',
  columns: REVIEW_LOG_HEADERS.map((header) => ({ header, meaning: REVIEW_LOG_MEANINGS[header] })),
  notes:
    'Written by the monthly review in the sidebar or task pane; each save appends rows and never rewrites old ones.',
  render(options: TemplateOptions) {
    const b = new PlanBuilder('Review Log');
    b.title(
      'Review Log',
      'Written by the monthly review in the SE Toolkit sidebar. Append-only: add rows, do not rewrite old ones.',
    );
    b.header(HEADER_ROW, 0, REVIEW_LOG_HEADERS);
    b.frozenRows = HEADER_ROW + 1;
    const first = HEADER_ROW + 1;
    const rows = Math.max(options.rows ?? DEFAULT_ROWS, 1);
    b.format(range(first, 4, rows, 3), { numberFormat: '#,##0.##' });
    b.format(range(first, 10, rows), { numberFormat: 'yyyy-mm-dd' });
    b.format(range(first, 7, rows, 2), { wrap: true });
    b.statusColours(range(first, 3, rows));
    b.validate(range(first, 11, rows), ACTION_STATUSES, true);
    // The named range covers the header row only; the review reads down from it until the first empty row.
    b.nameRange(REVIEW_LOG_NAMES.table, range(HEADER_ROW, 0, 1, REVIEW_LOG_HEADERS.length));
    [80, 100, 180, 85, 85, 85, 85, 260, 240, 110, 95, 100, 110, 150].forEach((w, c) => b.width(c, w));
    if (options.examples) {
      b.row(first, 0, [
        '2026-07',
        'Sales',
        'Example: Fill the funnel',
        'Off track',
        442,
        560,
        -118,
        'Two reps on leave; appointments fell three months running',
        'Joint calls with both new reps each week',
        'Sales managers',
        '',
        'Open',
        'Example reviewer',
        '',
      ]);
      b.format(range(first, 0, 1, REVIEW_LOG_HEADERS.length), { background: EXAMPLE_BACKGROUND });
    }
    return b.build();
  },
};
