import { activityFunnel } from './activityFunnel';
import { coachingLog } from './coachingLog';
import { csfTracker } from './csfTracker';
import { definitions } from './definitions';
import { reviewLog } from './reviewLog';
import { seScorecard } from './seScorecard';
import type { Template, TemplateId } from './template';

export type { Template, TemplateId, TemplateOptions } from './template';
export type * from './sheetPlan';

/** The six templates of SPEC §2, in menu order. */
export const TEMPLATES: readonly Template[] = [
  csfTracker,
  activityFunnel,
  coachingLog,
  reviewLog,
  definitions,
  seScorecard,
];

export function templateById(id: TemplateId): Template {
  const t = TEMPLATES.find((x) => x.id === id);
  if (t === undefined) throw new Error(`No template with id ${id}`);
  return t;
}
