/**
 * One 1:1 for the browser and host tests (issue 13, item 3): Ana on 5 Aug 2026 with the seed's July funnel
 * (1000, 300, 150, 100, 25 against 35%, 65%, 70%, 30%; goal 25 sales) and the Coaching Log template's
 * examples (her "Qualify budget on every first call", due 31 Jul, not done). She closes it and commits to a
 * new one; the rows the Coaching Log must get are written out by hand below.
 */
import { isoToSerial } from '../../src/review/calendar';
import type { SaveOneOnOneRequest } from '../../src/app/coaching';
import type { PlanValue } from '../../src/templates/sheetPlan';

export const TODAY = '2026-08-05';
export const NOW = '2026-08-05T14:05:00+02:00';
export const serial = (iso: string) => isoToSerial(iso)!;

/** Month, rep, the five counts, the sales goal: Ana April–July, Eva July. */
export const FUNNEL_ROWS: PlanValue[][] = [
  [serial('2026-04-01'), 'Ana', 800, 240, 120, 80, 20, 20],
  [serial('2026-05-01'), 'Ana', 900, 270, 135, 90, 22, 25],
  [serial('2026-06-01'), 'Ana', 950, 285, 140, 95, 24, 25],
  [serial('2026-07-01'), 'Ana', 1000, 300, 150, 100, 25, 25],
  [serial('2026-07-01'), 'Eva', 1100, 330, 230, 165, 55, null],
];

export const QUALIFY = 'Qualify budget on every first call';
export const NEW_COMMITMENT = 'Rehearse the demo before each presentation';
export const NEW_DUE = '2026-08-21';
export const REVIEW = 'Appointments → Presentations 50% vs 65%: +7.5 sales at benchmark';
export const SKILL = 'Presenting';

/** The save (the commitment id as loadOneOnOne gives it: rep and words, lower case). */
export const SAVE: SaveOneOnOneRequest = {
  today: TODAY,
  now: NOW,
  rep: 'Ana',
  progress: [{ commitmentId: `ana|${QUALIFY.toLowerCase()}`, status: 'Done' }],
  newCommitment: { text: NEW_COMMITMENT, due: NEW_DUE },
  notes: { review: REVIEW, skill: SKILL },
};

/**
 * The two rows it appends, under Date, Rep, Progress on last action items, Activity review, Skill to coach,
 * Commitment / new action, Due date, Done? (dates as serial day numbers; blank as null).
 */
export const SAVED_ROWS: PlanValue[][] = [
  [
    serial(TODAY),
    'Ana',
    'Done (1:1 of 2026-08-05)',
    null,
    'Qualifying',
    QUALIFY,
    serial('2026-07-31'),
    'Yes',
  ],
  [serial(TODAY), 'Ana', `Done: ${QUALIFY}`, REVIEW, SKILL, NEW_COMMITMENT, serial(NEW_DUE), null],
];
export const SAVED_HEADERS = [
  'Date',
  'Rep',
  'Progress on last action items',
  'Activity review',
  'Skill to coach',
  'Commitment / new action',
  'Due date',
  'Done?',
] as const;

/** The rows of a table (header first) that have a rep, as the SAVED_HEADERS' cells; '' read as null. */
export function rowsWithRep(values: PlanValue[][]): PlanValue[][] {
  const header = values[0].map((h) => String(h ?? '').trim());
  const rep = header.indexOf('Rep');
  return values
    .slice(1)
    .filter((r) => r[rep] !== null && r[rep] !== '' && r[rep] !== undefined)
    .map((r) =>
      SAVED_HEADERS.map((h) => {
        const v = r[header.indexOf(h)];
        return v === '' || v === undefined ? null : v;
      }),
    );
}
