/**
 * Status and attainment of an actual against its target, the maths behind SE_STATUS and SE_ATTAINMENT and
 * the review. Both are the measure model's (./measure, SPEC §0): compared as spreadsheets compare (to 15
 * significant digits) so the functions and the tracker agree at band edges, and attainment above 1 always
 * better than target, whatever the sign of the target.
 */
import type { Direction } from './direction';
import { attainmentFor, statusFor } from './measure';

export type Status = 'On track' | 'At risk' | 'Off track';
export const STATUSES: readonly Status[] = ['On track', 'At risk', 'Off track'];

/** The measure model's statusFor: bands measured against |target|, compared as spreadsheets compare. */
export function statusOf(actual: number, target: number, direction: Direction, tolerance: number): Status {
  return statusFor(actual, target, direction, tolerance);
}

/**
 * Attainment ratio (1 = on target, above 1 better), the measure model's attainmentFor. Null for a zero
 * target, whatever the direction; the caller turns that into a message.
 */
export function attainmentOf(actual: number, target: number, direction: Direction): number | null {
  return attainmentFor(actual, target, direction);
}
