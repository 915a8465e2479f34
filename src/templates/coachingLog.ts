/** Coaching Log (SPEC §2; seed 002): one-on-ones, the skill to coach, the commitment made and its status. */
import { a1 } from './a1';
import { COMPUTED_BACKGROUND, EXAMPLE_BACKGROUND, PlanBuilder, range } from './planBuilder';
import type { Template, TemplateOptions } from './template';

export const COACHING_HEADERS = [
  'Date',
  'Rep',
  'Progress on last action items',
  'Activity review',
  'Skill to coach',
  'Commitment / new action',
  'Due date',
  'Done?',
  'Status',
] as const;
export const COACHING_NAMES = { table: 'SE_Coaching_Table' } as const;
const HEADER_ROW = 3;
const DEFAULT_ROWS = 50;
const DATE = 0;
const DUE = 6;
const DONE = 7;
const STATUS = 8;

/** Dates as serial numbers (days since 1899-12-30), which all three spreadsheet engines share. */
function serial(year: number, month: number, day: number): number {
  return Math.round((Date.UTC(year, month - 1, day) - Date.UTC(1899, 11, 30)) / 86400000);
}

const EXAMPLES: {
  date: number;
  rep: string;
  progress: string;
  review: string;
  skill: string;
  action: string;
  due: number;
  done: string;
}[] = [
  {
    date: serial(2026, 6, 5),
    rep: 'Ana',
    progress: 'First meeting',
    review: 'Many contacts, few appointments',
    skill: 'Opening calls',
    action: 'Use the new call opener on 20 calls',
    due: serial(2026, 6, 19),
    done: 'Yes',
  },
  {
    date: serial(2026, 7, 3),
    rep: 'Ana',
    progress: 'Opener used on 20 calls',
    review: 'Appointments up from 25% to 30%',
    skill: 'Qualifying',
    action: 'Qualify budget on every first call',
    due: serial(2026, 7, 31),
    done: '',
  },
  {
    date: serial(2026, 7, 10),
    rep: 'Ben',
    progress: 'n/a',
    review: 'Strong presentations, weak closing',
    skill: 'Closing',
    action: 'Ask for the order in each proposal meeting',
    due: serial(2099, 12, 31),
    done: '',
  },
];

export const coachingLog: Template = {
  id: 'coaching-log',
  title: 'Coaching Log',
  summary:
    'One-on-ones: progress on last actions, activity review, the skill to coach and the commitment made.',
  columns: [
    { header: 'Date', meaning: 'The date of the one-on-one.' },
    { header: 'Rep', meaning: 'Who was coached.' },
    { header: 'Progress on last action items', meaning: 'What happened to the last commitment.' },
    { header: 'Activity review', meaning: 'What the activity counts and funnel say.' },
    { header: 'Skill to coach', meaning: 'The one skill worked on.' },
    { header: 'Commitment / new action', meaning: 'What the rep will do next.' },
    { header: 'Due date', meaning: 'When it is due.' },
    { header: 'Done?', meaning: 'Yes once done.' },
    { header: 'Status', meaning: 'Open, Done or Overdue (computed from Done? and the due date).' },
  ],
  notes: "One row per one-on-one; the Activity Funnel's leakiest step is a good skill to coach.",
  render(options: TemplateOptions) {
    const rows = Math.max(options.rows ?? DEFAULT_ROWS, options.examples ? EXAMPLES.length : 1);
    const b = new PlanBuilder('Coaching Log');
    b.title(
      'Coaching Log',
      'One row per one-on-one. Status turns Overdue when the due date passes and the action is not done.',
    );
    b.header(HEADER_ROW, 0, COACHING_HEADERS);
    b.frozenRows = HEADER_ROW + 1;
    const first = HEADER_ROW + 1;
    for (let r = first; r < first + rows; r++) {
      const due = a1(r, DUE);
      const done = a1(r, DONE);
      b.formula(
        r,
        STATUS,
        `IF(AND(${a1(r, DATE)}="",${a1(r, 5)}=""),"",IF(${done}="Yes","Done",IF(AND(${due}<>"",${due}<TODAY()),"Overdue","Open")))`,
      );
    }
    b.format(range(first, DATE, rows), { numberFormat: 'yyyy-mm-dd' }).format(range(first, DUE, rows), {
      numberFormat: 'yyyy-mm-dd',
    });
    b.format(range(first, 2, rows, 4), { wrap: true });
    b.format(range(first, STATUS, rows), { background: COMPUTED_BACKGROUND, bold: true });
    b.validate(range(first, DONE, rows), ['Yes', 'No'], true, 'Yes when the commitment is done');
    b.conditionalFormats.push(
      {
        range: range(first, STATUS, rows),
        textEquals: 'Overdue',
        background: '#f4cccc',
        fontColor: '#990000',
      },
      { range: range(first, STATUS, rows), textEquals: 'Done', background: '#d9ead3', fontColor: '#274e13' },
    );
    b.nameRange(COACHING_NAMES.table, range(HEADER_ROW, 0, rows + 1, COACHING_HEADERS.length));
    [95, 110, 200, 200, 140, 240, 95, 70, 90].forEach((w, c) => b.width(c, w));
    if (options.examples) {
      EXAMPLES.forEach((e, i) => {
        b.row(first + i, 0, [
          e.date,
          e.rep,
          `Example: ${e.progress}`,
          e.review,
          e.skill,
          e.action,
          e.due,
          e.done,
        ]);
      });
      b.format(range(first, 0, EXAMPLES.length, STATUS), { background: EXAMPLE_BACKGROUND });
    }
    return b.build();
  },
};
