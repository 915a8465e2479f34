/** Real review data for the UI tests: the app itself over an in-memory workbook with the example templates. */
import { asyncHost, type HostApi } from '../../src/app/hostApi';
import { MemoryWorkbook } from '../../preview/memoryWorkbook';

export const TODAY = '2026-08-15';

/** A workbook with the CSF Tracker, Review Log and Activity Funnel (with examples), and the app over it. */
export async function exampleHost(): Promise<{ host: HostApi; workbook: MemoryWorkbook }> {
  const workbook = new MemoryWorkbook();
  const host = asyncHost(workbook);
  for (const templateId of ['csf-tracker', 'review-log', 'activity-funnel'])
    await host.insertTemplate({ templateId, examples: true, year: 2026 });
  return { host, workbook };
}
