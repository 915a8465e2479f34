/**
 * The quarterly pack per rep (issue 13, item 5): the quarter's leak, its trend month by month, and the rep's
 * commitments made / done / overdue, over the preview's MemoryWorkbook through prepareQuarter. Figures worked
 * by hand: Ana's Q3 counts summed are 3000, 900, 495, 330, 99 against 35%, 65%, 70%, 30%; raising each step
 * below benchmark to it adds (1050 − 900) × 99/900 = 16.5, (585 − 495) × 99/495 = 18 and
 * (346.5 − 330) × 99/330 = 4.95 sales: the leak is Appointments → Presentations, converting 150/300 = 50% in
 * July, 165/300 = 55% in August, 180/300 = 60% in September (Improving).
 */
import { MemoryWorkbook } from '../../preview/memoryWorkbook';
import { asyncHost } from '../../src/app/hostApi';
import { isoToSerial } from '../../src/review/calendar';
import { FUNNEL_FIRST_DATA_ROW } from '../../src/templates/activityFunnel';
import type { PlanValue } from '../../src/templates/sheetPlan';

const serial = (iso: string) => isoToSerial(iso)!;
const TODAY = '2026-10-05';

const FUNNEL: PlanValue[][] = [
  [serial('2026-07-01'), 'Ana', 1000, 300, 150, 100, 30, 30],
  [serial('2026-08-01'), 'Ana', 1000, 300, 165, 110, 33, 30],
  [serial('2026-09-01'), 'Ana', 1000, 300, 180, 120, 36, 30],
  [serial('2026-09-01'), 'Eva', 1100, 330, 230, 165, 55, 50],
];
/** Date, Rep, Progress, Activity review, Skill, Commitment, Due date, Done? */
const LOG: PlanValue[][] = [
  [serial('2026-05-01'), 'Ana', '', '', 'Opening', 'C: before the quarter', serial('2026-06-01'), ''],
  [serial('2026-07-03'), 'Ana', '', '', 'Presenting', 'A: rehearse the demo', serial('2026-07-31'), 'Yes'],
  [serial('2026-08-07'), 'Ana', '', '', 'Presenting', 'B: record a demo', serial('2026-08-21'), ''],
  [serial('2026-09-10'), 'Eva', '', '', 'Booking', 'D: ask for the appointment', serial('2026-12-01'), ''],
];

it('Review Q3: per rep the leak, its conversion by month and trend, and commitments made / done / overdue', async () => {
  const wb = new MemoryWorkbook();
  const host = asyncHost(wb);
  await host.insertTemplate({ templateId: 'csf-tracker', examples: true, year: 2026 });
  const f = await host.insertTemplate({ templateId: 'activity-funnel', examples: false, year: 2026 });
  const l = await host.insertTemplate({ templateId: 'coaching-log', examples: false, year: 2026 });
  FUNNEL.forEach((row, i) => row.forEach((v, c) => wb.setCell(f.sheetName, FUNNEL_FIRST_DATA_ROW + i, c, v)));
  LOG.forEach((row, i) => row.forEach((v, c) => wb.setCell(l.sheetName, 4 + i, c, v)));
  const result = await host.prepareQuarter({ today: TODAY, quarter: 3 });
  if (result.status !== 'created') throw new Error(result.message);
  const values = wb.sheetValues(result.sheetName);
  const at = values.findIndex((r) => r[0] === 'Funnel leaks per rep (coaching focus)');
  expect(at).toBeGreaterThan(0);
  const header = values.slice(at + 1).find((r) => r[0] === 'Rep')!;
  expect(header.slice(0, 8)).toEqual([
    'Rep',
    'Leakiest step',
    'Based on',
    'Step by month',
    'Trend',
    'Commitments made in Q3',
    'Of them done',
    'Overdue now',
  ]);
  const row = (rep: string) =>
    values
      .slice(at)
      .find((r) => r[0] === rep)!
      .slice(0, 8);
  // Made in Q3: A (3 Jul) and B (7 Aug); done: A; overdue on 5 Oct: B (due 21 Aug) and C (due 1 Jun).
  expect(row('Ana')).toEqual([
    'Ana',
    'Appointments → Presentations',
    'Q3',
    'Jul 50%, Aug 55%, Sep 60%',
    'Improving',
    2,
    1,
    2,
  ]);
  // Eva, September only: 330/1100 = 30% vs 35% is her leak; one commitment made, open, not yet due.
  expect(row('Eva')).toEqual(['Eva', 'Contacts → Appointments', 'Q3', 'Sep 30%', 'One month', 1, 0, 0]);
});
