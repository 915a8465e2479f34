/**
 * The 1:1 tasks (issue 13, item 3; SPEC §3 "1:1 coaching") over the preview's MemoryWorkbook, through the
 * HostApi as the panel calls it: the Activity Funnel (the seed's July for Ana: 1000, 300, 150, 100, 25 against
 * 35%, 65%, 70%, 30%, goal 25 sales) and the Coaching Log template's examples. Expected figures are SPEC's and
 * seed 002's, worked by hand: activity targets 529, 185, 120, 84, 25; the leak Appointments → Presentations at
 * 50% vs 65%, worth +7.5 sales at benchmark.
 */
import { MemoryWorkbook } from '../../preview/memoryWorkbook';
import { asyncHost, type HostApi } from '../../src/app/hostApi';
import { isoToSerial } from '../../src/review/calendar';
import { activityFunnel, FUNNEL_FIRST_DATA_ROW } from '../../src/templates/activityFunnel';
import { COACHING_HEADERS, COACHING_NAMES, coachingLog } from '../../src/templates/coachingLog';
import type { PlanValue } from '../../src/templates/sheetPlan';

const TODAY = '2026-08-05';
const NOW = '2026-08-05T14:05:00+02:00';
const serial = (iso: string) => isoToSerial(iso)!;

/** Ana April–July (July is the seed's funnel), Eva July; each row: month, rep, five counts, the sales goal. */
const FUNNEL_ROWS: PlanValue[][] = [
  [serial('2026-04-01'), 'Ana', 800, 240, 120, 80, 20, 20],
  [serial('2026-05-01'), 'Ana', 900, 270, 135, 90, 22, 25],
  [serial('2026-06-01'), 'Ana', 950, 285, 140, 95, 24, 25],
  [serial('2026-07-01'), 'Ana', 1000, 300, 150, 100, 25, 25],
  [serial('2026-07-01'), 'Eva', 1100, 330, 230, 165, 55, null],
];

async function workbook(withLog = true): Promise<{ wb: MemoryWorkbook; api: HostApi }> {
  const wb = new MemoryWorkbook();
  const f = await wb.insertSheet(activityFunnel.render({ examples: false }));
  FUNNEL_ROWS.forEach((row, i) => row.forEach((v, c) => wb.setCell(f.name, FUNNEL_FIRST_DATA_ROW + i, c, v)));
  if (withLog) await wb.insertSheet(coachingLog.render({ examples: true }));
  return { wb, api: asyncHost(wb) };
}

/** The Coaching Log's rows with a rep, by header, as cells (the template's 50 formula rows read as blank). */
async function logRows(wb: MemoryWorkbook): Promise<Record<string, PlanValue>[]> {
  const t = (await wb.readTable(COACHING_NAMES.table))!;
  const header = t.values[0].map((h) => String(h));
  return t.values
    .slice(1)
    .filter((r) => r[header.indexOf('Rep')] !== null && r[header.indexOf('Rep')] !== '')
    .map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? null])));
}

describe('loadOneOnOne', () => {
  it("Ana on 5 Aug 2026: July's funnel (the latest month), against benchmark and her targets", async () => {
    const { api } = await workbook();
    const load = await api.loadOneOnOne({ today: TODAY, rep: 'Ana' });
    expect(load.reps).toEqual(['Ana', 'Eva', 'Ben']); // the funnel's, then Ben from the log only
    expect(load.month).toBe('2026-07');
    expect(load.months.map((m) => m.label)).toEqual(['Jul 2026', 'Jun 2026', 'May 2026', 'Apr 2026']);
    const ana = load.data!;
    expect(ana.thisMonth!.counts).toEqual([1000, 300, 150, 100, 25]);
    // FUNNEL_TARGETS(25, 35%, 65%, 70%, 30%): 25/0.3 = 83.3 → 84; 84/0.7 = 120; 120/0.65 = 184.6 → 185;
    // 185/0.35 = 528.6 → 529.
    expect(ana.thisMonth!.targets).toEqual([529, 185, 120, 84, 25]);
    // Appointments → Presentations 150/300 = 50% vs 65%: at benchmark 195 presentations, × 100/150 × 25/100
    // = 195 × 0.1667 = 32.5 sales, 7.5 more than 25.
    expect(ana.thisMonth!.leak.leak).toBe('Appointments → Presentations');
    expect(ana.thisMonth!.leak.conversion).toBeCloseTo(0.5, 12);
    expect(ana.thisMonth!.leak.benchmark).toBe(0.65);
    expect(ana.thisMonth!.leak.extra).toBeCloseTo(7.5, 9);
    expect(ana.lastThree.map((m) => m.label)).toEqual(['Apr 2026', 'May 2026', 'Jun 2026']);
    // The template's example: "Qualify budget on every first call", due 31 Jul, not done: 5 days overdue.
    expect(ana.overdue.map((c) => [c.commitment, c.due, c.daysOverdue])).toEqual([
      ['Qualify budget on every first call', '2026-07-31', 5],
    ]);
    expect(ana.open.map((c) => c.commitment)).toEqual(['Qualify budget on every first call']);
  });

  it('the first rep by default; a rep only in the log gets the empty state and still their commitments', async () => {
    const { api } = await workbook();
    expect((await api.loadOneOnOne({ today: TODAY })).data!.rep).toBe('Ana');
    const ben = (await api.loadOneOnOne({ today: TODAY, rep: 'Ben' })).data!;
    expect(ben.thisMonth).toBeNull();
    expect(ben.empty).toBe(
      "Ben has no rows in the Activity Funnel yet: enter a month's counts for Ben to see the funnel.",
    );
    expect(ben.open.map((c) => c.commitment)).toEqual(['Ask for the order in each proposal meeting']);
  });

  it('an empty workbook: no reps, words for what is missing; a bad month is refused in words', async () => {
    const api = asyncHost(new MemoryWorkbook());
    const load = await api.loadOneOnOne({ today: TODAY });
    expect(load.reps).toEqual([]);
    expect(load.data).toBeNull();
    expect(load.notes.join(' ')).toMatch(/no Activity Funnel/);
    await expect(api.loadOneOnOne({ today: TODAY, month: '2026-13' })).rejects.toThrow(
      'The month of the 1:1 must be a month as yyyy-mm (e.g. 2026-07); got "2026-13".',
    );
    await expect(api.loadOneOnOne({ today: '5 Aug' })).rejects.toThrow(/today, as yyyy-mm-dd/);
  });
});

describe('saveOneOnOne', () => {
  it("Ana's 1:1: the overdue commitment done, a new one due 21 Aug; two rows appended by header", async () => {
    const { wb, api } = await workbook();
    const before = await logRows(wb);
    const load = await api.loadOneOnOne({ today: TODAY, rep: 'Ana' });
    const qualify = load.data!.overdue[0];
    const result = await api.saveOneOnOne({
      today: TODAY,
      now: NOW,
      rep: 'Ana',
      progress: [{ commitmentId: qualify.id, status: 'Done' }],
      newCommitment: { text: 'Rehearse the demo before each presentation', due: '2026-08-21' },
      notes: {
        review: 'Appointments → Presentations 50% vs 65%: +7.5 sales at benchmark',
        skill: 'Presenting',
      },
    });
    expect(result.status).toBe('saved');
    expect(result.rowsAppended).toBe(2);
    const after = await logRows(wb);
    expect(after.slice(0, before.length)).toEqual(before); // nothing already there changed
    const added = after.slice(before.length).map((r) => COACHING_HEADERS.map((h) => r[h]));
    expect(added).toEqual([
      [
        serial(TODAY),
        'Ana',
        'Done (1:1 of 2026-08-05)',
        null,
        'Qualifying',
        'Qualify budget on every first call',
        serial('2026-07-31'),
        'Yes',
        null, // Status is the sheet's formula: not written
      ],
      [
        serial(TODAY),
        'Ana',
        'Done: Qualify budget on every first call',
        'Appointments → Presentations 50% vs 65%: +7.5 sales at benchmark',
        'Presenting',
        'Rehearse the demo before each presentation',
        serial('2026-08-21'),
        null,
        null,
      ],
    ]);
    // The template's table: header on row 4, 50 rows whose Status formula counts as something: rows 5–54.
    expect(result.message).toBe(
      `Saved Ana's 1:1 of 2026-08-05: 1 commitment update and the new commitment (due 2026-08-21) added to "Coaching Log", rows 55–56.`,
    );
    // Read again: the done one is closed, the new one open and not overdue.
    const again = (await api.loadOneOnOne({ today: TODAY, rep: 'Ana' })).data!;
    expect(again.open.map((c) => [c.commitment, c.due, c.status])).toEqual([
      ['Rehearse the demo before each presentation', '2026-08-21', 'Open'],
    ]);
    expect(again.overdue).toEqual([]);
  });

  it('carried over: a new due date is required; with it the commitment is open again, due then', async () => {
    const { api } = await workbook();
    const id = (await api.loadOneOnOne({ today: TODAY, rep: 'Ana' })).data!.overdue[0].id;
    const base = { today: TODAY, now: NOW, rep: 'Ana', notes: { review: '', skill: '' } };
    await expect(
      api.saveOneOnOne({ ...base, progress: [{ commitmentId: id, status: 'Carried over' }] }),
    ).rejects.toThrow(
      'Not saved: "Qualify budget on every first call" is carried over, so it needs its new due date (a date); got "".',
    );
    await api.saveOneOnOne({
      ...base,
      progress: [{ commitmentId: id, status: 'Carried over', due: '2026-08-28' }],
    });
    const ana = (await api.loadOneOnOne({ today: TODAY, rep: 'Ana' })).data!;
    expect(ana.open.map((c) => [c.commitment, c.due, c.status])).toEqual([
      ['Qualify budget on every first call', '2026-08-28', 'Open'],
    ]);
  });

  it('refusals in words, and nothing written', async () => {
    const { wb, api } = await workbook();
    const before = await logRows(wb);
    const base = { today: TODAY, now: NOW, rep: 'Ana', progress: [], notes: { review: '', skill: '' } };
    await expect(api.saveOneOnOne({ ...base, rep: ' ' })).rejects.toThrow(
      'Not saved: pick the rep the 1:1 is with.',
    );
    await expect(api.saveOneOnOne(base)).rejects.toThrow(/Not saved: there is nothing to save/);
    await expect(
      api.saveOneOnOne({ ...base, newCommitment: { text: 'Call back', due: 'Friday' } }),
    ).rejects.toThrow('Not saved: the new commitment needs a due date (a date); got "Friday".');
    await expect(
      api.saveOneOnOne({ ...base, progress: [{ commitmentId: 'ana|no such thing', status: 'Done' }] }),
    ).rejects.toThrow(/no longer open for Ana .* Reload the 1:1\./);
    expect(await logRows(wb)).toEqual(before);
  });

  it('text is written as text, byte for byte (a commitment that looks like a formula)', async () => {
    const { wb, api } = await workbook();
    await api.saveOneOnOne({
      today: TODAY,
      now: NOW,
      rep: 'Eva',
      progress: [],
      newCommitment: { text: '=SUM(calls)+1 booked', due: '2026-08-31' },
      notes: { review: '+30% contacts', skill: '<b>Booking</b>' },
    });
    const last = (await logRows(wb)).pop()!;
    expect(last['Commitment / new action']).toBe('=SUM(calls)+1 booked');
    expect(last['Activity review']).toBe('+30% contacts');
    expect(last['Skill to coach']).toBe('<b>Booking</b>');
  });

  it('a workbook without a Coaching Log gets one on the first save, and only one', async () => {
    const { wb, api } = await workbook(false);
    const save = () =>
      api.saveOneOnOne({
        today: TODAY,
        now: NOW,
        rep: 'Eva',
        progress: [],
        newCommitment: { text: 'Ask for the appointment', due: '2026-08-19' },
        notes: { review: 'Contacts → Appointments 30% vs 35%', skill: 'Booking' },
      });
    await save();
    await save();
    expect((await wb.sheetNames()).filter((n) => n.startsWith('Coaching Log'))).toEqual(['Coaching Log']);
    const rows = await logRows(wb);
    expect(rows.map((r) => r['Commitment / new action'])).toEqual([
      'Ask for the appointment',
      'Ask for the appointment',
    ]);
    const eva = (await api.loadOneOnOne({ today: TODAY, rep: 'Eva' })).data!;
    expect(eva.open.map((c) => [c.commitment, c.due])).toEqual([['Ask for the appointment', '2026-08-19']]);
  });
});
