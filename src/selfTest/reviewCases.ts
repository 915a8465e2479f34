/**
 * What the monthly review and the quarter must find on a CSF Tracker inserted with its example rows, worked
 * out by hand from the examples (src/templates/csfTracker.ts) and SPEC §0/§1's rules, not from the code:
 * targets phased evenly (annual / 12 a month; Average: the annual figure each month), tolerance 10% (5% for
 * spend), statuses as SPEC §1's SE_STATUS.
 */

/** The month reviewed: July, the latest month the examples report. */
export const REVIEW_PERIOD = 7;

export interface ExpectedCsf {
  /** The CSF's words without the template's "Example: " marker. */
  csf: string;
  status: string;
  /** YTD figures through the review month; null where the review shows the CSF through an earlier month. */
  ytdActual: number | null;
  ytdTarget: number | null;
}

export const EXPECTED_REVIEW: readonly ExpectedCsf[] = [
  // Cumulative input: July's running total 700 against 1200 × 7/12 = 700.
  { csf: 'Win new logos', status: 'On track', ytdActual: 700, ytdTarget: 700 },
  // 70+72+65+60+62+58+55 = 442 against 560; under 560 × 0.9 = 504.
  { csf: 'Fill the funnel', status: 'Off track', ytdActual: 442, ytdTarget: 560 },
  // Lower is better: 151 against 140, within 140 × 1.1 = 154.
  { csf: 'Sell at a sound cost', status: 'At risk', ytdActual: 151, ytdTarget: 140 },
  // No July actual yet.
  { csf: 'Generate demand', status: 'Awaiting actual', ytdActual: null, ytdTarget: null },
  // Average: 2.10 / 7 = 0.30 against 0.32, within 0.32 × 0.9 = 0.288.
  { csf: 'Hand over good leads', status: 'At risk', ytdActual: 0.3, ytdTarget: 0.32 },
  // Range, 5%: |217 − 210| = 7 within 210 × 0.05 = 10.5.
  { csf: 'Spend to plan', status: 'On track', ytdActual: 217, ytdTarget: 210 },
];

/** The quarter prepared: Q2 (April to June), all three months reported by every example. */
export const QUARTER = 2;

/**
 * Q2 against its targets: new logos 95+110+105 = 310 vs 300 On track; appointments 180 vs 240 Off track;
 * cost 69 vs 60 (over 66) Off track; MQLs 655 vs 600 On track; conversion 0.31 vs 0.32 At risk; spend 98 vs
 * 90 (over 4.5, within 9) At risk.
 */
export const EXPECTED_QUARTER_COUNTS = { judged: 6, onTrack: 2, atRisk: 2, offTrack: 2 };

/** The SE Scorecard's examples: SPEC §2's 9x4 plan (36) and 6x8 plan (48), computed by the host's formulas. */
export const EXPECTED_SCORES: readonly { plan: string; score: number }[] = [
  { plan: 'Example: 9x4 plan', score: 36 },
  { plan: 'Example: 6x8 plan', score: 48 },
];

/**
 * The Activity Funnel's coaching focus, computed by the host's formulas: Ana's row is SPEC §1's funnel (1000,
 * 300, 150, 100, 25 at 35%, 65%, 70%, 30%: Appointments → Presentations, +7.5 sales); Ben's (800, 300, 210,
 * 150, 40) converts at or above benchmark on every step but the last (40/150 under 30%).
 */
export const EXPECTED_FOCUS: readonly { rep: string; focus: string }[] = [
  { rep: 'Ana', focus: 'Appointments → Presentations' },
  { rep: 'Ben', focus: 'Opportunities → Sales' },
];
