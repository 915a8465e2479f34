/**
 * The read side of the 1:1 (issue 13, item 3; SPEC §3): per rep, this month's and the last three months'
 * funnel against benchmark and against the activity targets of the goal, the leak with its value at stake,
 * and open and overdue commitments from the Coaching Log. Expected figures are SPEC's and seed 002's, worked
 * by hand.
 */
import { MemoryWorkbook } from '../../preview/memoryWorkbook';
import { coachingReps, monthLabel, oneOnOne, readCoachingLog, readFunnel } from '../../src/review/coaching';
import { isoToSerial } from '../../src/review/calendar';
import {
  activityFunnel,
  FUNNEL_COLUMNS as C,
  FUNNEL_FIRST_DATA_ROW,
  FUNNEL_NAMES,
} from '../../src/templates/activityFunnel';
import { COACHING_HEADERS, COACHING_NAMES, coachingLog } from '../../src/templates/coachingLog';
import type { PlanValue } from '../../src/templates/sheetPlan';
import type { TableRead } from '../../src/workbook';

const cal = { startMonth: 1, firstYear: 2026 };
const stages = ['Contacts', 'Appointments', 'Presentations', 'Opportunities', 'Sales'];
const serial = (iso: string) => isoToSerial(iso)!;
const table = (values: PlanValue[][]): TableRead => ({ sheet: 'T', row: 5, col: 0, values });

/** Month, Rep, the counts, the goal: the Activity Funnel's inputs (its computed columns are not read). */
const funnelTable = table([
  ['Month', 'Rep', ...stages, 'Sales goal', 'Lost: Contacts → Appointments'],
  [serial('2026-04-01'), 'Ana', 800, 240, 120, 80, 20, 20, 560],
  [serial('2026-05-01'), 'Ana', 900, 270, 135, 90, 22, 25, 630],
  [serial('2026-06-01'), 'Ana', 950, 285, 140, 95, 24, 25, 665],
  [serial('2026-07-01'), 'Ana', 1000, 300, 150, 100, 25, 25, 700], // the seed's funnel
  [serial('2026-07-01'), 'Eva', 1100, 330, 230, 165, 55, null, 770],
  [serial('2026-07-01'), 'Bo', 300, 1000, 100, 150, 25, 10, -700], // statuses sorted alphabetically
]);
const benchmarks = [[0.35, 0.65, 0.7, 0.3]];

const logTable = table([
  [...COACHING_HEADERS],
  [
    serial('2026-05-08'),
    'Ana',
    'First one-on-one',
    'Many contacts',
    'Opening calls',
    'Use the new opener',
    serial('2026-05-29'),
    'Yes',
    'Done',
  ],
  [
    serial('2026-06-05'),
    'Eva',
    'Pipeline review',
    'Contacts → Appointments at 30%',
    'Booking',
    'Ask for the appointment',
    serial('2026-07-24'),
    null,
    'Overdue',
  ],
  [
    serial('2026-07-03'),
    'Ana',
    'Opener used',
    'Appointments → Presentations 50% vs 65%',
    'Presenting',
    'Rehearse the demo',
    serial('2026-08-14'),
    '',
    'Open',
  ],
  [serial('2026-07-10'), 'Eva', 'n/a', '', 'Closing', 'Ask for the order', '2026-08-31', 'no', 'Open'],
  [serial('2026-07-11'), 'Ana', '', '', '', '', serial('2026-07-12'), '', ''], // no commitment: not one
]);
const TODAY = '2026-08-05';

describe('readCoachingLog', () => {
  const log = readCoachingLog(logTable, TODAY);
  it('reads every row with a rep and a commitment, by header, with its status as of today', () => {
    expect(log.map((c) => [c.rep, c.commitment, c.status])).toEqual([
      ['Ana', 'Use the new opener', 'Done'],
      ['Eva', 'Ask for the appointment', 'Overdue'],
      ['Ana', 'Rehearse the demo', 'Open'],
      ['Eva', 'Ask for the order', 'Open'],
    ]);
    // Due 24 Jul, today 5 Aug: 12 days overdue.
    expect(log[1]).toMatchObject({
      due: '2026-07-24',
      date: '2026-06-05',
      daysOverdue: 12,
      skill: 'Booking',
    });
  });
  it('reads columns wherever the user moved them', () => {
    const moved = logTable.values.map((row) => [...row].reverse());
    expect(readCoachingLog(table(moved), TODAY)).toEqual(log);
  });
  it("a commitment's later rows (a 1:1's progress) update it: due from the latest by Saved at, done once any says so", () => {
    const header = [...COACHING_HEADERS, 'Saved at'];
    const made = [
      serial('2026-07-03'),
      'Ana',
      '',
      '',
      'Presenting',
      'Rehearse the demo',
      serial('2026-07-31'),
      '',
      '',
      '',
    ];
    const carried = [
      serial('2026-08-05'),
      'ana',
      'Carried over to 2026-08-28',
      '',
      'Presenting',
      'Rehearse  the demo',
      serial('2026-08-28'),
      '',
      '',
      '2026-08-05 14:05',
    ];
    const closed = [
      serial('2026-08-20'),
      'Ana',
      'Done',
      '',
      'Presenting',
      'Rehearse the demo',
      serial('2026-08-28'),
      'Yes',
      '',
      '2026-08-20 09:00',
    ];
    // Carried over on 5 Aug: open again, due 28 Aug, whichever way the log is sorted.
    for (const rows of [
      [made, carried],
      [carried, made],
    ]) {
      const [c] = readCoachingLog(table([header, ...rows]), TODAY);
      expect([c.commitment, c.date, c.due, c.status]).toEqual([
        'Rehearse the demo',
        '2026-07-03',
        '2026-08-28',
        'Open',
      ]);
    }
    // Two carry-overs: the later Saved at wins, even above the earlier one on the sheet.
    const again = [...carried.slice(0, 6), serial('2026-09-11'), '', '', '2026-08-19 10:00'];
    expect(readCoachingLog(table([header, again, carried, made]), TODAY)[0].due).toBe('2026-09-11');
    // A Saved at the sheet turned into a date-time (20 Jul, 10:00) is earlier than the 5 Aug text one.
    const typed = [...carried.slice(0, 6), serial('2026-09-30'), '', '', serial('2026-07-20') + 10 / 24];
    expect(readCoachingLog(table([header, made, carried, typed]), TODAY)[0].due).toBe('2026-08-28');
    // Done on 20 Aug: done, whatever row comes last.
    expect(readCoachingLog(table([header, closed, carried, made]), '2026-09-30')[0].status).toBe('Done');
  });
  it('no log, or one without a Rep or Commitment column, has no commitments', () => {
    expect(readCoachingLog(null, TODAY)).toEqual([]);
    expect(readCoachingLog(table([['Date', 'Who']]), TODAY)).toEqual([]);
  });
});

describe('oneOnOne: Ana in July 2026 (the seed funnel)', () => {
  const funnel = readFunnel(funnelTable, benchmarks, cal);
  const log = readCoachingLog(logTable, TODAY);
  const ana = oneOnOne(funnel, log, 'Ana', '2026-07');

  it("this month's funnel against benchmark: Appointments → Presentations 50% vs 65%", () => {
    const m = ana.thisMonth!;
    expect([m.month, m.label]).toEqual(['2026-07', 'Jul 2026']);
    expect(m.counts).toEqual([1000, 300, 150, 100, 25]);
    // 300/1000, 150/300, 100/150, 25/100
    expect(m.conversions[0]).toBeCloseTo(0.3, 12);
    expect(m.conversions[1]).toBeCloseTo(0.5, 12);
    expect(m.conversions[2]).toBeCloseTo(2 / 3, 12);
    expect(m.conversions[3]).toBeCloseTo(0.25, 12);
    // 30% − 35%, 50% − 65%, 66.7% − 70%, 25% − 30%
    [-0.05, -0.15, 2 / 3 - 0.7, -0.05].forEach((g, i) => expect(m.gaps[i]).toBeCloseTo(g, 12));
  });
  it('the leak and its value at stake: Appointments → Presentations, +7.5 sales at benchmark', () => {
    expect(ana.thisMonth!.leak).toMatchObject({
      leak: 'Appointments → Presentations',
      conversion: 0.5,
      benchmark: 0.65,
    });
    // (0.65 × 300 − 150) × 100/150 × 25/100 = 45 × 1/6 = 7.5
    expect(ana.thisMonth!.leak.extra).toBeCloseTo(7.5, 12);
  });
  it('against the activity targets of her goal of 25 sales: 529, 185, 120, 84, 25', () => {
    const m = ana.thisMonth!;
    expect(m.goal).toBe(25);
    expect(m.targets).toEqual([529, 185, 120, 84, 25]);
    [1000 / 529, 300 / 185, 150 / 120, 100 / 84, 1].forEach((r, i) =>
      expect(m.ofTarget[i]).toBeCloseTo(r, 12),
    );
  });
  it('the last three months, oldest first, each with its own goal and targets', () => {
    expect(ana.lastThree.map((m) => m.label)).toEqual(['Apr 2026', 'May 2026', 'Jun 2026']);
    // April: goal 20 → 20/0.3 = 66.7 → 67; 67/0.7 = 95.7 → 96; 96/0.65 = 147.7 → 148; 148/0.35 = 422.9 → 423.
    expect(ana.lastThree[0].targets).toEqual([423, 148, 96, 67, 20]);
    expect(ana.lastThree[1].counts).toEqual([900, 270, 135, 90, 22]);
  });
  it('her open commitments (the done one is not), none overdue', () => {
    expect(ana.open.map((c) => c.commitment)).toEqual(['Rehearse the demo']);
    expect(ana.overdue).toEqual([]);
    expect(ana.empty).toBeNull();
  });
});

describe('oneOnOne: other reps', () => {
  const funnel = readFunnel(funnelTable, benchmarks, cal);
  const log = readCoachingLog(logTable, TODAY);

  it('Eva: her overdue commitment is surfaced; no goal, so no targets; Contacts → Appointments 30% vs 35%', () => {
    const eva = oneOnOne(funnel, log, 'Eva', '2026-07');
    expect(eva.overdue.map((c) => [c.commitment, c.due, c.daysOverdue])).toEqual([
      ['Ask for the appointment', '2026-07-24', 12],
    ]);
    expect(eva.open.map((c) => c.commitment)).toEqual(['Ask for the appointment', 'Ask for the order']);
    expect(eva.thisMonth!.targets).toBeNull();
    expect(eva.thisMonth!.ofTarget).toEqual([null, null, null, null, null]);
    // 330/1100 = 30% < 35%: (385 − 330) × 230/330 × 165/230 × 55/165 = 55 × 55/330 = 9.17
    expect(eva.thisMonth!.leak.leak).toBe('Contacts → Appointments');
    expect(eva.thisMonth!.leak.extra).toBeCloseTo(55 / 6, 12);
    expect(eva.lastThree).toEqual([]);
  });
  it('counts that rise are said to rise, with no step named', () => {
    const bo = oneOnOne(funnel, log, 'Bo', '2026-07');
    expect(bo.thisMonth!.leak).toEqual({
      leak: 'Counts rise from Contacts (300) to Appointments (1000): check the stage order',
      conversion: null,
      benchmark: null,
      extra: null,
    });
  });
  it('the reps to pick from: the funnel’s, then those only in the log', () => {
    const extra = readCoachingLog(
      table([
        [...COACHING_HEADERS],
        [serial('2026-07-01'), 'Ben', '', '', '', 'Call ten lapsed customers', serial('2026-07-20'), '', ''],
      ]),
      TODAY,
    );
    expect(coachingReps(funnel, [...log, ...extra])).toEqual(['Ana', 'Eva', 'Bo', 'Ben']);
    expect(coachingReps(null, [])).toEqual([]);
  });
  it('a rep with no funnel data gets a clear empty state, and still their commitments', () => {
    const withBen = [
      ...log,
      ...readCoachingLog(
        table([
          [...COACHING_HEADERS],
          [
            serial('2026-07-01'),
            'Ben',
            '',
            '',
            '',
            'Call ten lapsed customers',
            serial('2026-07-20'),
            '',
            '',
          ],
        ]),
        TODAY,
      ),
    ];
    const ben = oneOnOne(funnel, withBen, 'Ben', '2026-07');
    expect(ben.overdue.map((c) => c.commitment)).toEqual(['Call ten lapsed customers']);
    expect(ben.empty).toBe(
      "Ben has no rows in the Activity Funnel yet: enter a month's counts for Ben to see the funnel.",
    );
    expect([ben.thisMonth, ben.lastThree]).toEqual([null, []]);
    const late = oneOnOne(funnel, log, 'Ana', '2026-12');
    expect(late.empty).toBe('Ana has no Activity Funnel rows for Sep 2026 – Dec 2026.');
    expect(oneOnOne(null, log, 'Ana', '2026-07').empty).toMatch(/no Activity Funnel yet/);
  });
  it('the window crosses a year: January looks back to October–December', () => {
    const wide = readFunnel(
      table([
        ['Month', 'Rep', ...stages, 'Sales goal'],
        [serial('2025-10-01'), 'Ana', 10, 5, 4, 3, 1, 1],
        [serial('2025-12-01'), 'Ana', 10, 5, 4, 3, 1, 1],
        [serial('2026-01-01'), 'Ana', 10, 5, 4, 3, 1, 1],
      ]),
      benchmarks,
      cal,
    );
    expect(oneOnOne(wide, [], 'Ana', '2026-01').lastThree.map((m) => m.label)).toEqual([
      'Oct 2025',
      'Dec 2025',
    ]);
    expect(monthLabel('2026-05')).toBe('May 2026');
  });
});

describe('oneOnOne over the two templates as inserted (the preview engine computes their formulas)', () => {
  it("reads the Activity Funnel and Coaching Log by their named ranges: Ana's July with the examples' log", async () => {
    const wb = new MemoryWorkbook();
    const f = await wb.insertSheet(activityFunnel.render({ examples: false }));
    const l = await wb.insertSheet(coachingLog.render({ examples: true }));
    const r = FUNNEL_FIRST_DATA_ROW;
    [serial('2026-07-01'), 'Ana', 1000, 300, 150, 100, 25, 25].forEach((v, c) => wb.setCell(f.name, r, c, v));
    expect(C.goal).toBe(7);
    const funnel = readFunnel(
      await wb.readTable(FUNNEL_NAMES.table),
      await wb.readNamedRange(FUNNEL_NAMES.benchmarks),
      cal,
    );
    const log = readCoachingLog(await wb.readTable(COACHING_NAMES.table), '2026-08-05');
    const ana = oneOnOne(funnel, log, 'Ana', '2026-07');
    expect(ana.thisMonth!.targets).toEqual([529, 185, 120, 84, 25]);
    expect(ana.thisMonth!.leak.leak).toBe('Appointments → Presentations');
    // The example log: Ana's July commitment (due 31 Jul, not done) is overdue on 5 Aug.
    expect(ana.overdue.map((c) => c.commitment)).toEqual(['Qualify budget on every first call']);
    expect(l.name).toBe('Coaching Log');
  });
});
