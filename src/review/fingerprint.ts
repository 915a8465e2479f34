/**
 * What a reviewer saw, as a fingerprint per CSF: a save carries them, and the save refuses (writing nothing)
 * when the tracker's figures have changed since. A module of its own so the sidebar bundle can use it without
 * the application around it.
 */
import type { CsfMonth, TeamMonth } from './monthly';

/** What a CSF's commentary is written against: its status, flag, YTD figures and the months they cover. */
export function figuresFingerprint(c: CsfMonth): string {
  return JSON.stringify([c.status, c.flag, c.ytdActual, c.ytdTarget, c.through]);
}

/** The fingerprints of every CSF of a loaded review, for SaveReviewRequest.seen. */
export function figuresSeen(data: { teams: readonly TeamMonth[] }): Record<string, string> {
  const seen: Record<string, string> = {};
  for (const t of data.teams) for (const c of t.csfs) seen[c.id] = figuresFingerprint(c);
  return seen;
}
