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
  'Basis',
  'Actual',
  'Target',
  'Unit',
  'Variance',
  'Side',
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
  Status: 'Its status that month (Awaiting actual while the month has no actual yet).',
  Basis: 'What the figures cover, e.g. "YTD through Jul" (an earlier month while the actual is awaited).',
  Actual: 'Its year-to-date actual: the sum, the average or the latest month, as its aggregation says.',
  Target: 'Its year-to-date target, on the same basis.',
  Unit: "The CSF's unit (k€, %, count, …).",
  Variance: 'Actual minus target, in the unit.',
  Side: 'Favourable or Unfavourable: which side of target the variance is on, by direction.',
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
/** Column widths by header. */
const WIDTHS: Record<(typeof REVIEW_LOG_HEADERS)[number], number> = {
  Month: 80,
  Team: 100,
  CSF: 180,
  Status: 105,
  Basis: 120,
  Actual: 85,
  Target: 85,
  Unit: 60,
  Variance: 85,
  Side: 100,
  Commentary: 260,
  Action: 240,
  Owner: 110,
  'Due date': 95,
  'Action status': 100,
  Reviewer: 110,
  'Saved at': 150,
};
const at = (header: (typeof REVIEW_LOG_HEADERS)[number]): number => REVIEW_LOG_HEADERS.indexOf(header);

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
    // Actual, Target and Variance stay in the General format: one log holds counts, amounts and rates, and a
    // fixed format would show 5% as 0.05 or 1,262 as "1,262." (the Unit column says what a number is).
    b.format(range(first, at('Due date'), rows), { numberFormat: 'yyyy-mm-dd' });
    b.format(range(first, at('Commentary'), rows, 2), { wrap: true });
    b.statusColours(range(first, at('Status'), rows));
    b.validate(range(first, at('Action status'), rows), ACTION_STATUSES, true);
    // The named range covers the header row only; the review reads down from it until the first empty row.
    b.nameRange(REVIEW_LOG_NAMES.table, range(HEADER_ROW, 0, 1, REVIEW_LOG_HEADERS.length));
    REVIEW_LOG_HEADERS.forEach((h, c) => b.width(c, WIDTHS[h]));
    if (options.examples) {
      // June's review of the CSF Tracker's example: an action raised then is open at July's review.
      // 70+72+65+60+62+58 = 387 appointments against 6 × 80 = 480 → Off track (below 432).
      b.row(first, 0, [
        '2026-06',
        'Sales',
        'Example: Fill the funnel',
        'Off track',
        'YTD through Jun',
        387,
        480,
        'count',
        -93,
        'Unfavourable',
        'Two reps on leave; appointments below plan since March',
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
