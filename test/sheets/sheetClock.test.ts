/**
 * Issue 12, item 8: date cells read from Sheets become serial days without a Utilities.formatDate call per cell.
 * The serials are checked against the calendar day each instant is on, computed here with Intl (not with the
 * adapter's own arithmetic), in zones with summer time, a zone that changes at midnight, and one far from UTC.
 */
import { SheetClock } from '../../sheets-addon/sheetsWorkbook';
import { FakeSpreadsheetApp } from '../simulators/fakeSpreadsheetApp';

const DAY = 86_400_000;
const EPOCH = Date.UTC(1899, 11, 30);

/** The wall clock of instant `t` in `zone`, as UTC milliseconds (Intl's reading, independent of the adapter). */
function wallOf(t: number, zone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(new Date(t))
      .map((p) => [p.type, p.value]),
  );
  return Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
}

/** The first instant of calendar day (y, m, d) in `zone`: midnight, or the first moment after a skipped one. */
function startOfDay(zone: string, y: number, m: number, d: number): number {
  const wanted = Date.UTC(y, m, d);
  let t = wanted - (wallOf(wanted, zone) - wanted);
  for (let i = 0; i < 3; i++) t -= wallOf(t, zone) - wanted;
  // A zone that skips midnight (Santiago in spring) starts its day an hour later.
  while (wallOf(t, zone) < wanted) t += 3_600_000;
  return t;
}

function daysFrom(y: number, m: number, d: number, count: number): [number, number, number][] {
  return Array.from({ length: count }, (_, i) => {
    const date = new Date(Date.UTC(y, m, d + i));
    return [date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()];
  });
}

describe.each(['Europe/Paris', 'America/Santiago', 'Pacific/Auckland', 'Asia/Kolkata', 'Etc/UTC'])(
  'in %s',
  (zone) => {
    test('three years of daily date cells: each the day it shows, with a formatDate per offset, not per cell', () => {
      const fake = new FakeSpreadsheetApp(undefined, { timeZone: zone });
      const clock = new SheetClock(fake.spreadsheet, fake.utilities);
      fake.calls.reset();
      const days = daysFrom(2025, 0, 1, 3 * 365);
      for (const [y, m, d] of days) {
        const t = startOfDay(zone, y, m, d);
        const day = (Date.UTC(y, m, d) - EPOCH) / DAY;
        const serial = clock.serial(new Date(t));
        if (wallOf(t, zone) === Date.UTC(y, m, d)) expect(serial).toBe(day);
        // A day whose midnight was skipped (Santiago in spring) starts at 01:00: the cell still holds that day.
        else expect(serial === day || serial === (wallOf(t, zone) - EPOCH) / DAY).toBe(true);
      }
      const conversions = fake.calls.byMethod['Utilities.formatDate'] ?? 0;
      expect(conversions).toBeLessThanOrEqual(8);
      expect(fake.calls.byMethod['Spreadsheet.getSpreadsheetTimeZone']).toBe(1);
    });
  },
);

test('a date-time (not on a midnight) is converted by the service, to the exact time', () => {
  const fake = new FakeSpreadsheetApp(undefined, { timeZone: 'Europe/Paris' });
  const clock = new SheetClock(fake.spreadsheet, fake.utilities);
  const noon = startOfDay('Europe/Paris', 2026, 2, 1) + 12 * 3_600_000 + 30 * 60_000;
  clock.serial(new Date(startOfDay('Europe/Paris', 2026, 2, 2)));
  fake.calls.reset();
  expect(clock.serial(new Date(noon))).toBe((Date.UTC(2026, 2, 1, 12, 30) - EPOCH) / DAY);
  expect(fake.calls.byMethod['Utilities.formatDate']).toBe(1);
});

test('dates before 2012 are always converted by the service (offsets a whole day apart existed then)', () => {
  const fake = new FakeSpreadsheetApp(undefined, { timeZone: 'Pacific/Apia' });
  const clock = new SheetClock(fake.spreadsheet, fake.utilities);
  // Samoa skipped 30 December 2011: the 29th was at -10:00, the 31st at +14:00.
  const before = startOfDay('Pacific/Apia', 2011, 11, 29);
  const after = startOfDay('Pacific/Apia', 2011, 11, 31);
  expect(clock.serial(new Date(before))).toBe((Date.UTC(2011, 11, 29) - EPOCH) / DAY);
  expect(clock.serial(new Date(after))).toBe((Date.UTC(2011, 11, 31) - EPOCH) / DAY);
  fake.calls.reset();
  clock.serial(new Date(startOfDay('Pacific/Apia', 2011, 5, 1)));
  expect(fake.calls.byMethod['Utilities.formatDate']).toBe(1);
});
