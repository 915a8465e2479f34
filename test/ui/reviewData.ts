/** Real review data for the UI tests: the app itself over an in-memory workbook with the example templates. */
import { asyncHost, type HostApi } from '../../src/app/hostApi';
import { MemoryWorkbook } from '../../preview/memoryWorkbook';
import { buildDemoWorkbook } from '../../preview/demoWorkbook';

export const TODAY = '2026-08-15';

/** A workbook with the CSF Tracker, Review Log and Activity Funnel (with examples), and the app over it. */
export async function exampleHost(): Promise<{ host: HostApi; workbook: MemoryWorkbook }> {
  const workbook = new MemoryWorkbook();
  const host = asyncHost(workbook);
  for (const templateId of ['csf-tracker', 'review-log', 'activity-funnel'])
    await host.insertTemplate({ templateId, examples: true, year: 2026 });
  return { host, workbook };
}

/** The demo workbook (preview/demoWorkbook.ts) and the app over it: a cost, a rate and a late actual. */
export async function demoHost(): Promise<{ host: HostApi; workbook: MemoryWorkbook }> {
  const workbook = new MemoryWorkbook();
  await buildDemoWorkbook(workbook, { year: 2026 });
  return { host: asyncHost(workbook), workbook };
}
