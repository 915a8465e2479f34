/**
 * Month headers as planning sheets write them (issue 11): each style read as the month it names, by hand.
 */
import { detectPlans } from '../../src/connect/detect';
import { isDateFormat, parseNumberPeriod, parseTextPeriod, yearIn } from '../../src/connect/periods';
import { serial } from './harness';

describe('month headers', () => {
  it.each([
    ['Jan', null, 1],
    ['January', null, 1],
    ['Sept', null, 9],
    ['Jan-26', 2026, 1],
    ["Mar'26", 2026, 3],
    ['Dec 2025', 2025, 12],
    ['2026-01', 2026, 1],
    ['2026/7', 2026, 7],
    ['01/2026', 2026, 1],
    ['März', null, 3],
    ['Mrz', null, 3],
    ['Okt', null, 10],
    ['Dez', null, 12],
    ['janv.', null, 1],
    ['févr.', null, 2],
    ['août', null, 8],
    ['déc. 2026', 2026, 12],
    ['enero', null, 1],
    ['dic', null, 12],
    ['gennaio', null, 1],
    ['giu', null, 6],
    ['março', null, 3],
    ['out', null, 10],
    ['maart', null, 3],
    ['mei', null, 5],
    ['Agustus', null, 8],
    ['Desember', null, 12],
  ])('%s is month %s-%s', (text, y, m) => {
    expect(parseTextPeriod(text)).toEqual(expect.objectContaining({ y, m }));
  });

  it.each([
    ['P01', 1],
    ['P12', 12],
    ['M1', 1],
    ['Month 3', 3],
    ['Period 13', 13],
  ])('%s is period %s', (text, idx) => {
    expect(parseTextPeriod(text)).toEqual({ y: null, m: null, idx, kind: 'code' });
  });

  it('full dates typed as text are text dates, and other words are not months', () => {
    expect(parseTextPeriod('2026-03-15')).toEqual({ y: 2026, m: 3, idx: null, kind: 'textDate' });
    expect(parseTextPeriod('15/04/2026')).toEqual({ y: 2026, m: 4, idx: null, kind: 'textDate' });
    for (const word of ['Revenue', 'Total', 'Q1', 'FY2026', 'Plan', 'Marketing', 'Set up'])
      expect(parseTextPeriod(word)).toBeNull();
  });

  it('date formats are told from number formats', () => {
    for (const f of ['mmm-yy', 'yyyy-mm-dd', 'dd/mm/yyyy', 'mmm yyyy', '[$-409]mmmm yyyy', 'd-mmm'])
      expect({ f, date: isDateFormat(f) }).toEqual({ f, date: true });
    for (const f of ['#,##0', '0.0%', '"k€" #,##0', 'General', '0.00', '[Red]#,##0'])
      expect({ f, date: isDateFormat(f) }).toEqual({ f, date: false });
    expect(parseNumberPeriod(serial(2026, 4, 1), 'mmm-yy')).toEqual({
      y: 2026,
      m: 4,
      idx: null,
      kind: 'date',
    });
    expect(parseNumberPeriod(serial(2026, 4, 1), '#,##0')).toBeNull();
  });

  it('years from titles', () => {
    expect(yearIn('Budget 2026')).toBe(2026);
    expect(yearIn('Plan FY2026/27')).toBe(2026);
    expect(yearIn('FY26')).toBe(2026);
    expect(yearIn('Revenue')).toBeNull();
  });
});

describe('detection details', () => {
  it('a header of dates typed as text still reads the months across', () => {
    const scan = detectPlans([
      {
        name: 'Plan',
        formats: null,
        values: [
          ['Measure', '2026-01-01', '2026-02-01', '2026-03-01'],
          ['Revenue', 10, 20, 15],
        ],
      },
    ]);
    expect(scan.measures[0].months).toEqual([
      { year: 2026, month: 1 },
      { year: 2026, month: 2 },
      { year: 2026, month: 3 },
    ]);
    expect(scan.measures[0].values.plan).toEqual([10, 20, 15]);
  });

  it("months down with month names take the title's year", () => {
    const scan = detectPlans([
      {
        name: 'Ventas',
        formats: null,
        values: [
          ['Ventas 2026'],
          ['Mes', 'Objetivo', 'Real'],
          ['noviembre', 5, 4],
          ['diciembre', 6, 7],
          ['enero', 7, null],
        ],
      },
    ]);
    const m = scan.measures[0];
    expect(m.label).toBe('Ventas');
    expect(m.layout).toBe('monthsDown');
    expect(m.months).toEqual([
      { year: 2026, month: 11 },
      { year: 2026, month: 12 },
      { year: 2027, month: 1 },
    ]);
    expect(m.values).toEqual({ plan: [5, 6, 7], actual: [4, 7, null] });
    expect(m.suggested.fiscalYearStart).toBe(11);
  });

  it('text in a month cell (a number typed as text, n/a) is reported with its cell', () => {
    const scan = detectPlans([
      {
        name: 'Plan',
        formats: null,
        values: [
          ['Measure', 'Jan', 'Feb', 'Mar'],
          ['Revenue', 10, '1,200', 'n/a'],
        ],
      },
    ]);
    expect(scan.measures[0].values.plan).toEqual([10, null, null]);
    expect(scan.measures[0].problems).toEqual([
      {
        rule: 'text-in-months',
        cells: 'Plan!C2',
        text: 'Plan!C2 holds text, not a number: that month is read as blank',
      },
    ]);
  });

  it('a sheet with no planning table says so', () => {
    const scan = detectPlans([
      { name: 'Notes', formats: null, values: [['Meeting notes'], ['Call Ann', 'Tuesday']] },
    ]);
    expect(scan.measures).toEqual([]);
    expect(scan.notes).toEqual([
      'Notes: no months across or down, and no table of dated rows',
      'No planning table was found: select the plan (labels and month headers) and scan again',
    ]);
  });

  it('scans only the selection when one is given', () => {
    const values = [
      ['Measure', 'Jan', 'Feb', 'Mar', null, 'Measure', 'Jan', 'Feb', 'Mar'],
      ['Revenue', 1, 2, 3, null, 'Cost', 4, 5, 6],
    ];
    const scan = detectPlans([{ name: 'Plan', formats: null, values }], {
      sheet: 'Plan',
      row: 0,
      col: 5,
      rows: 2,
      cols: 4,
    });
    expect(scan.measures.map((m) => m.label)).toEqual(['Cost']);
  });
});
