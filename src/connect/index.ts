/** Connect my plan (SPEC §3, issue 11): the pure core's entry points. */
export { detectPlans } from './detect';
export { planConnect, LINKS_COLUMNS, LINKS_LAYOUT } from './links';
export * from './types';
