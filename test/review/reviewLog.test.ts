/**
 * The Review Log, read and written by header: the columns issue 9 adds (Basis, Unit, Side) are written where the
 * log has them, wherever users moved them; an older log without them is still read, and saving to it leaves them
 * out. Open actions are those whose latest row says Open or Carried over.
 */
import { isoToSerial } from '../../src/review/calendar';
import { logRowCells, missingLogColumns, openActions, readReviewLog } from '../../src/review/reviewLog';
import { REVIEW_LOG_HEADERS } from '../../src/templates/reviewLog';
import type { PlanCell } from '../../src/templates/sheetPlan';
import type { TableRead } from '../../src/workbook';

/** The log's header before issue 9. */
const OLD_HEADER = [
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
];

const row = {
  month: '2026-07',
  team: 'Sales',
  csf: 'Sell at a sound cost',
  status: 'At risk',
  basis: 'YTD through Jul',
  actual: 151,
  target: 140,
  unit: 'k€',
  variance: 11,
  side: 'Unfavourable',
  commentary: 'Event costs above plan',
  action: '',
  owner: '',
  due: '',
  dueSerial: null,
  actionStatus: '',
  reviewer: 'Kim',
  savedAt: '2026-08-03 09:30 UTC',
};
const values = (cells: PlanCell[]) => cells.map((c) => ('value' in c ? c.value : c.formula));

describe('writing a row by header', () => {
  it('in the template’s order, with unit, basis and side (SPEC §2)', () => {
    expect(REVIEW_LOG_HEADERS).toEqual([
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
    ]);
    expect(values(logRowCells(null, row))).toEqual([
      '2026-07',
      'Sales',
      'Sell at a sound cost',
      'At risk',
      'YTD through Jul',
      151,
      140,
      'k€',
      11,
      'Unfavourable',
      'Event costs above plan',
      null,
      null,
      null,
      null,
      'Kim',
      '2026-08-03 09:30 UTC',
    ]);
  });

  it('under each header wherever users moved it, blank under a column of their own', () => {
    const header = [
      'CSF',
      'Month',
      'My notes',
      'Side',
      'Actual',
      'Unit',
      ...REVIEW_LOG_HEADERS.filter((h) => !['CSF', 'Month', 'Side', 'Actual', 'Unit'].includes(h)),
    ];
    const cells = values(logRowCells(header, row));
    expect(cells.slice(0, 6)).toEqual(['Sell at a sound cost', '2026-07', null, 'Unfavourable', 151, 'k€']);
    expect(cells).toHaveLength(header.length);
    expect(cells[header.indexOf('Saved at')]).toBe('2026-08-03 09:30 UTC');
  });

  it('an older log without Basis, Unit and Side gets its own 14 columns, and is told what it lacks', () => {
    const cells = values(logRowCells(OLD_HEADER, row));
    expect(cells).toEqual([
      '2026-07',
      'Sales',
      'Sell at a sound cost',
      'At risk',
      151,
      140,
      11,
      'Event costs above plan',
      null,
      null,
      null,
      null,
      'Kim',
      '2026-08-03 09:30 UTC',
    ]);
    expect(missingLogColumns(OLD_HEADER)).toEqual(['Basis', 'Unit', 'Side']);
    expect(missingLogColumns([...REVIEW_LOG_HEADERS])).toEqual([]);
  });
});

describe('reading the log', () => {
  const oldLog: TableRead = {
    sheet: 'Review Log',
    row: 3,
    col: 0,
    values: [
      OLD_HEADER,
      [
        '2026-06',
        'Sales',
        'Fill the funnel',
        'Off track',
        380,
        480,
        -100,
        'why',
        'Joint calls',
        'Ana',
        isoToSerial('2026-07-15'),
        'Open',
        'Bo',
        'x',
      ],
      [
        '2026-06',
        'Sales',
        'Win',
        'On track',
        1,
        1,
        0,
        '',
        'Keep pace',
        'Cy',
        isoToSerial('2026-12-01'),
        'Open',
        'Bo',
        'x',
      ],
      [
        '2026-07',
        'Sales',
        'Win',
        '',
        null,
        null,
        null,
        'Done',
        'Keep pace',
        'Cy',
        isoToSerial('2026-12-01'),
        'Done',
        'Bo',
        'y',
      ],
      [null, null, null, null, null, null, null, null, null, null, null, null, null, null],
    ],
  };

  it('an older log reads, its new fields blank', () => {
    const rows = readReviewLog(oldLog);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({
      csf: 'Fill the funnel',
      actual: 380,
      variance: -100,
      due: '2026-07-15',
      basis: '',
      unit: '',
      side: '',
    });
  });

  it('a new log reads its new fields, by header', () => {
    const header = [...REVIEW_LOG_HEADERS].reverse();
    const cells = values(logRowCells(header, row));
    const rows = readReviewLog({ sheet: 'Review Log', row: 3, col: 0, values: [header, cells] });
    expect(rows[0]).toMatchObject({
      basis: 'YTD through Jul',
      unit: 'k€',
      side: 'Unfavourable',
      actual: 151,
      variance: 11,
      reviewer: 'Kim',
    });
  });

  it('a required column missing is an error that says what to do', () => {
    const header = OLD_HEADER.map((h) => (h === 'Action' ? 'To do' : h));
    expect(() => readReviewLog({ ...oldLog, values: [header] })).toThrow(
      'The Review Log (sheet "Review Log") has no "Action" column in its header row (row 4). Restore the header text, or insert a fresh Review Log.',
    );
  });

  it('an action is open while its latest row says Open or Carried over; overdue by its due date', () => {
    expect(openActions(readReviewLog(oldLog), '2026-08-01')).toEqual([
      {
        id: 'sales|fill the funnel|joint calls',
        team: 'Sales',
        csf: 'Fill the funnel',
        action: 'Joint calls',
        owner: 'Ana',
        due: '2026-07-15',
        status: 'Open',
        since: '2026-06',
        overdue: true,
      },
    ]);
  });
});

describe('an action’s latest row is the latest saved, not the lowest (issue 10, defect 4)', () => {
  const header = [...REVIEW_LOG_HEADERS];
  /** A log row of one action: month, status and when it was saved. */
  const line = (csf: string, month: string, status: string, savedAt: string | number) =>
    header.map((h) =>
      h === 'Month'
        ? month
        : h === 'Team'
          ? 'Sales'
          : h === 'CSF'
            ? csf
            : h === 'Action'
              ? `Fix ${csf}`
              : h === 'Owner'
                ? 'Ana'
                : h === 'Action status'
                  ? status
                  : h === 'Saved at'
                    ? savedAt
                    : null,
    );
  const log = (rows: ReturnType<typeof line>[]): TableRead => ({
    sheet: 'Review Log',
    row: 0,
    col: 0,
    values: [header, ...rows],
  });
  const saved = [
    line('Win logos', '2026-06', 'Open', '2026-07-03 09:30'),
    line('Fill funnel', '2026-06', 'Open', '2026-07-03 09:30'),
    line('Win logos', '2026-07', 'Done', '2026-08-04 10:05'),
    // Saved in UTC by another reviewer, and a serial a user typed: both still order by time.
    line('Fill funnel', '2026-07', 'Carried over', '2026-08-04 08:00 UTC'),
    line('Fill funnel', '2026-08', 'Done', isoToSerial('2026-09-02')! + 0.5),
  ];
  const open = (rows: ReturnType<typeof line>[]) =>
    openActions(readReviewLog(log(rows)), '2026-09-10').map((a) => a.action);

  it('as saved: both actions closed', () => {
    expect(open(saved)).toEqual([]);
  });

  it('sorted by CSF, descending (Done rows above the Open ones) or ascending: still closed', () => {
    const byCsf = [...saved].sort((a, b) =>
      String(a[header.indexOf('CSF')]).localeCompare(String(b[header.indexOf('CSF')])),
    );
    expect(byCsf.map((r) => r[header.indexOf('Action status')])).toEqual([
      'Open',
      'Carried over',
      'Done',
      'Open',
      'Done',
    ]);
    expect(open([...byCsf].reverse())).toEqual([]);
    expect(open(byCsf)).toEqual([]);
  });

  it('reversed: still closed, and "since" is the month it was first saved', () => {
    expect(open([...saved].reverse())).toEqual([]);
    const beforeSeptember = [saved[0], saved[1], saved[3]].reverse();
    const stillOpen = openActions(readReviewLog(log(beforeSeptember)), '2026-09-10');
    expect(stillOpen.map((a) => [a.csf, a.since, a.status])).toEqual([
      ['Fill funnel', '2026-06', 'Carried over'],
      ['Win logos', '2026-06', 'Open'],
    ]);
  });

  it('rows saved in the same minute keep their order on the sheet', () => {
    const same = [
      line('Win logos', '2026-07', 'Open', '2026-08-04 10:05'),
      line('Win logos', '2026-07', 'Done', '2026-08-04 10:05'),
    ];
    expect(open(same)).toEqual([]);
    expect(open([...same].reverse())).toEqual(['Fix Win logos']);
  });
});

describe('open actions of a review are those from earlier months’ reviews (issue 12, item 6)', () => {
  const rows = readReviewLog({
    sheet: 'Review Log',
    row: 0,
    col: 0,
    values: [
      [...REVIEW_LOG_HEADERS],
      ...[
        ['2026-05', 'Old', 'Open', '2026-06-02 09:00'],
        ['2026-06', 'Mid', 'Open', '2026-07-02 09:00'],
        ['2026-06', 'Old', 'Done', '2026-07-02 09:00'],
        ['2026-07', 'Mid', 'Carried over', '2026-08-02 09:00'],
        ['2026-07', 'New', 'Open', '2026-08-02 09:00'],
      ].map(([month, action, status, savedAt]) =>
        REVIEW_LOG_HEADERS.map((h) =>
          h === 'Month'
            ? month
            : h === 'Team'
              ? 'Sales'
              : h === 'CSF'
                ? 'Win logos'
                : h === 'Action'
                  ? action
                  : h === 'Action status'
                    ? status
                    : h === 'Saved at'
                      ? savedAt
                      : null,
        ),
      ),
    ],
  });
  it('July: June’s action (carried over in July, still open), not July’s own', () => {
    expect(openActions(rows, '2026-08-03', '2026-07').map((a) => [a.action, a.status])).toEqual([
      ['Mid', 'Carried over'],
    ]);
  });
  it('August: both', () => {
    expect(openActions(rows, '2026-08-03', '2026-08').map((a) => a.action)).toEqual(['Mid', 'New']);
  });
});
