/**
 * Trackers built by hand for the review's tests, in the shape the tracker reader returns (src/review/tracker.ts:
 * CsfRecord.measure holds the row's cells as the sheet holds them, CsfRecord.shown the computed cells).
 */
import type { MeasureRow } from '../../src/measures/measure';
import type { CsfRecord, Tracker, TrackerSettings } from '../../src/review/tracker';

export const twelve = (values: readonly (number | string | null)[]): (number | string | null)[] =>
  Array.from({ length: 12 }, (_, i) => (i < values.length ? values[i] : null));

export const even = (monthly: number): number[] => Array.from({ length: 12 }, () => monthly);

export interface CsfSpec {
  team?: string;
  csf: string;
  metric?: string;
  measureType?: string;
  owner?: string;
  unit?: string;
  aggregation?: unknown;
  input?: unknown;
  direction?: unknown;
  tolerance?: unknown;
  annualTarget?: unknown;
  targets?: readonly unknown[];
  actuals?: readonly unknown[];
  shown?: CsfRecord['shown'];
}

let nextRow = 7;

export function csf(spec: CsfSpec): CsfRecord {
  const team = spec.team ?? 'Sales';
  const measure: MeasureRow = {
    aggregation: spec.aggregation ?? 'Sum',
    input: spec.input ?? 'Per month',
    direction: spec.direction ?? 'up',
    tolerance: spec.tolerance ?? 0.1,
    annualTarget: spec.annualTarget ?? 1200,
    targets: twelve((spec.targets ?? even(100)) as (number | string | null)[]),
    actuals: twelve((spec.actuals ?? []) as (number | string | null)[]),
  };
  return {
    id: `${team}|${spec.csf}`.toLowerCase(),
    row: nextRow++,
    team,
    csf: spec.csf,
    metric: spec.metric ?? '',
    measureType: spec.measureType ?? 'result',
    owner: spec.owner ?? '',
    unit: spec.unit ?? '',
    measure,
    shown: spec.shown ?? {},
  };
}

export function tracker(csfs: CsfRecord[], settings: Partial<TrackerSettings> = {}): Tracker {
  return {
    sheet: 'CSF Tracker',
    settings: {
      startMonth: 1,
      firstYear: 2026,
      reviewPeriod: null,
      defaults: { tolerance: 0.1, steadyShare: 0.02 },
      ...settings,
    },
    csfs,
    warnings: [],
  };
}
