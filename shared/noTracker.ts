/**
 * The words a review load answers with when the workbook has no CSF Tracker (src/app/review.ts's
 * NO_TRACKER_MESSAGE; test/ui/emptyWorkbook.test.ts keeps the two equal). Only words cross google.script.run,
 * and importing the app's module would pull the whole review core into the sidebar's bundle.
 */
export const NO_TRACKER_MESSAGE =
  'There is no CSF Tracker in this workbook. The monthly review reads one: a row per CSF with its monthly targets and actuals.';
