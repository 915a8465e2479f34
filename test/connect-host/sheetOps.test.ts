/**
 * activateSheet and removeSheet, held to the same behaviour in the three adapters (Sheets over the fake
 * SpreadsheetApp, Excel over the fake Excel, the preview's MemoryWorkbook): opening a sheet shows it, opening
 * one that is gone names it and changes nothing; removing a sheet removes it with the names it was given and
 * leaves every other sheet and name as it was, and removing again is harmless.
 */
import { templateById } from '../../src/templates';
import type { SheetPlan } from '../../src/templates/sheetPlan';
import { HOSTS } from './hosts';

const userSheet: SheetPlan = {
  name: 'My plan',
  cells: [[{ value: 'Revenue' }, { value: 100 }]],
  rows: 1,
  cols: 2,
  formats: [],
  validations: [],
  conditionalFormats: [],
  namedRanges: [{ name: 'MyRevenue', range: { row: 0, col: 1, rows: 1, cols: 1 } }],
  charts: [],
  columnWidths: [],
  frozenRows: 0,
  frozenCols: 0,
};

describe.each(HOSTS.map((make) => [make().name, make] as const))('%s adapter', (_name, make) => {
  it('activateSheet brings the named sheet to the front', async () => {
    const host = make();
    await host.workbook.insertSheet(userSheet);
    const log = await host.workbook.insertSheet(templateById('review-log').render({ examples: false }));
    await host.workbook.activateSheet('My plan');
    expect(host.shownSheet()).toBe('My plan');
    await host.workbook.activateSheet(log.name);
    expect(host.shownSheet()).toBe('Review Log');
  });

  it('activateSheet on a sheet that is gone names it and leaves the shown sheet as it was', async () => {
    const host = make();
    await host.workbook.insertSheet(userSheet);
    await host.workbook.activateSheet('My plan');
    await expect(host.workbook.activateSheet('Review Log')).rejects.toThrow(
      /no sheet named "Review Log".*nothing was changed/,
    );
    expect(host.shownSheet()).toBe('My plan');
  });

  it('removeSheet removes the sheet and its names, and nothing else; a second call is harmless', async () => {
    const host = make();
    await host.workbook.insertSheet(userSheet);
    // A new Google Sheet starts with "Sheet1": what was there before the tracker is what must remain.
    const before = await host.workbook.sheetNames();
    const tracker = await host.workbook.insertSheet(
      templateById('csf-tracker').render({ examples: true, year: 2026 }),
    );
    expect(tracker.namedRanges).toContain('SE_CSF_Table');
    await host.workbook.removeSheet(tracker.name, tracker.namedRanges);
    expect(await host.workbook.sheetNames()).toEqual(before);
    expect(before).toContain('My plan');
    expect(await host.workbook.namedRangeNames()).toEqual(['MyRevenue']);
    expect(await host.workbook.readNamedRange('MyRevenue')).toEqual([[100]]);
    await host.workbook.removeSheet(tracker.name, tracker.namedRanges);
    expect(await host.workbook.sheetNames()).toEqual(before);
  });
});
