/**
 * Status and attainment of an actual against its target, the maths behind SE_STATUS and SE_ATTAINMENT and
 * the review. Bands are measured against |target| so a negative target (a planned loss) keeps its band on
 * the bad side of the target.
 */
import type { Direction } from './direction';

export type Status = 'On track' | 'At risk' | 'Off track';
export const STATUSES: readonly Status[] = ['On track', 'At risk', 'Off track'];

export function statusOf(actual: number, target: number, direction: Direction, tolerance: number): Status {
  const band = tolerance * Math.abs(target);
  switch (direction) {
    case 'up':
      return actual >= target ? 'On track' : actual >= target - band ? 'At risk' : 'Off track';
    case 'down':
      return actual <= target ? 'On track' : actual <= target + band ? 'At risk' : 'Off track';
    case 'range': {
      const gap = Math.abs(actual - target);
      return gap <= band ? 'On track' : gap <= 2 * band ? 'At risk' : 'Off track';
    }
  }
}

/**
 * Attainment ratio (1 = on target). Null when the denominator is 0: the target for `up` and `range`, the
 * actual for `down`; the caller turns that into a message.
 */
export function attainmentOf(actual: number, target: number, direction: Direction): number | null {
  switch (direction) {
    case 'up':
      return target === 0 ? null : actual / target;
    case 'down':
      return actual === 0 ? null : target / actual;
    case 'range':
      return target === 0 ? null : 1 - Math.abs(actual - target) / Math.abs(target);
  }
}
