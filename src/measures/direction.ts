/** Which way is good for a measure: more (sales), less (cost, churn), or close to target (inventory). */
import { matchChoice } from '../values/options';

export type Direction = 'up' | 'down' | 'range';
export const DIRECTIONS: readonly Direction[] = ['up', 'down', 'range'];
/** Trend has no target to be close to, so only `up` and `down` make sense for it. */
export const TREND_DIRECTIONS: readonly Direction[] = ['up', 'down'];

/** A cell reader for a direction argument: the direction, or undefined when the word is not one. */
export function directionOrUndefined(v: unknown): Direction | undefined {
  return matchChoice(v, DIRECTIONS) ?? undefined;
}
