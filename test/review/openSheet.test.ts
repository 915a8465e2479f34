/**
 * Clear outcomes (issue 12, item 4) through the HostApi over the three adapters (Sheets over the fake
 * SpreadsheetApp, Excel over the fake Excel, the preview's MemoryWorkbook): openSheet shows a sheet and says in
 * words when it is gone; inserting a template that is there already asks first (open it, or add a copy), and a
 * copy added anyway is flagged with who reads which.
 */
import { asyncHost } from '../../src/app/hostApi';
import { HOSTS } from '../connect-host/hosts';

describe.each(HOSTS.map((make) => [make().name, make] as const))('%s', (_name, make) => {
  it('openSheet brings the sheet to the front', async () => {
    const h = make();
    const api = asyncHost(h.workbook);
    await api.insertTemplate({ templateId: 'review-log', examples: false, year: 2026 });
    await api.insertTemplate({ templateId: 'coaching-log', examples: false, year: 2026 });
    expect(await api.openSheet({ name: 'Review Log' })).toEqual({
      sheetName: 'Review Log',
      message: 'Opened "Review Log".',
    });
    expect(h.shownSheet()).toBe('Review Log');
    await api.openSheet({ name: 'Coaching Log' });
    expect(h.shownSheet()).toBe('Coaching Log');
  });

  it('a sheet renamed or deleted since is said in words, and the shown sheet stays', async () => {
    const h = make();
    const api = asyncHost(h.workbook);
    await api.insertTemplate({ templateId: 'review-log', examples: false, year: 2026 });
    await api.openSheet({ name: 'Review Log' });
    await expect(api.openSheet({ name: 'Review Q3 FY2026' })).rejects.toThrow(
      'The sheet "Review Q3 FY2026" is not in this workbook any more: it may have been renamed or deleted. Nothing was changed; look for it among the sheet tabs.',
    );
    await expect(api.openSheet({ name: '' })).rejects.toThrow(/must name the sheet to open/);
    expect(h.shownSheet()).toBe('Review Log');
  });

  it('a template already there: nothing added, where it is and the name a copy would get', async () => {
    const h = make();
    const api = asyncHost(h.workbook);
    const first = await api.insertTemplate({ templateId: 'csf-tracker', examples: true, year: 2026 });
    expect(first).toMatchObject({ status: 'inserted', sheetName: 'CSF Tracker' });
    expect(first.message).toBe('Inserted CSF Tracker as the sheet "CSF Tracker".');
    const sheets = await h.workbook.sheetNames();
    const asked = await api.insertTemplate({
      templateId: 'csf-tracker',
      examples: false,
      year: 2026,
      askIfExists: true,
    });
    expect(asked).toEqual({
      status: 'exists',
      sheetName: 'CSF Tracker',
      namedRanges: [],
      suggestedName: 'CSF Tracker (2)',
      message:
        'This workbook already has a CSF Tracker: the sheet "CSF Tracker" holds its table (SE_CSF_Table). Nothing was added. ' +
        'Open it, or add a second one as "CSF Tracker (2)" (the monthly review reads the first one unless you choose another under "Tracker").',
    });
    expect(await h.workbook.sheetNames()).toEqual(sheets);
    // Added anyway ("Add as …"): the copy says it is a second tracker, and which one the review reads.
    const copy = await api.insertTemplate({ templateId: 'csf-tracker', examples: false, year: 2026 });
    expect(copy.status).toBe('inserted');
    expect(copy.sheetName).toBe('CSF Tracker (2)');
    expect(copy.message).toBe(
      'Inserted CSF Tracker as the sheet "CSF Tracker (2)" (a sheet named CSF Tracker already exists). ' +
        'This is a second CSF Tracker (its table is SE_CSF_Table_2): the monthly review reads the first one unless you choose another under "Tracker".',
    );
  });

  it('a second Review Log is flagged: the review reads and writes the first only', async () => {
    const h = make();
    const api = asyncHost(h.workbook);
    await api.insertTemplate({ templateId: 'review-log', examples: false, year: 2026 });
    const asked = await api.insertTemplate({ templateId: 'review-log', examples: false, askIfExists: true });
    expect(asked.status).toBe('exists');
    expect(asked.message).toMatch(/\(the monthly review reads and writes the first one only\)\.$/);
    const copy = await api.insertTemplate({ templateId: 'review-log', examples: false });
    expect(copy.message).toMatch(
      /This is a second Review Log \(its table is SE_ReviewLog_Table_2\): the monthly review reads and writes the first one only\.$/,
    );
  });

  it('a template not there yet is inserted as asked, with nothing flagged', async () => {
    const h = make();
    const api = asyncHost(h.workbook);
    const result = await api.insertTemplate({
      templateId: 'se-scorecard',
      examples: false,
      year: 2026,
      askIfExists: true,
    });
    expect(result).toMatchObject({ status: 'inserted', sheetName: 'SE Scorecard' });
    expect(result.message).toBe('Inserted SE Scorecard as the sheet "SE Scorecard".');
  });
});
