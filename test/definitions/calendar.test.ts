import { describe, expect, it } from 'vitest';
import { createCalendar, epochMsToLocalDate, localDateTimeToEpochMs } from '../../definitions';

describe('calendar', () => {
  const calendar = createCalendar();

  it('follows the official 2026 Spring Festival: 02-14 (Sat) is a 调休 working day, 02-15…02-23 are off', () => {
    expect(calendar.isWorkingDay('2026-02-14')).toBe(true);
    expect(calendar.isWorkingDay('2026-02-16')).toBe(false);
    expect(calendar.isWorkingDay('2026-02-23')).toBe(false);
    expect(calendar.addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    expect(calendar.addWorkingDays('2026-02-13', 2)).toBe('2026-02-24');
    expect(calendar.addWorkingDays('2026-02-13', 3)).toBe('2026-02-25');
    expect(calendar.addWorkingDays('2026-02-24', -2)).toBe('2026-02-13');
  });

  it('follows the official 2026 National Day: 10-01…10-07 off, 10-10 (Sat) worked', () => {
    expect(calendar.addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
    expect(calendar.addWorkingDays('2026-09-30', 3)).toBe('2026-10-10');
    expect(calendar.addWorkingDays('2026-09-30', 4)).toBe('2026-10-12');
  });

  it('counts calendar days across month and year ends', () => {
    expect(calendar.addCalendarDays('2024-02-28', 2)).toBe('2024-03-01');
    expect(calendar.addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(calendar.addWorkingDays('2024-05-06', 0)).toBe('2024-05-06');
  });

  it('falls back to Monday–Friday beyond the package, and bureau overrides win', () => {
    expect(calendar.isWorkingDay('2027-10-01')).toBe(true);
    expect(calendar.isWorkingDay('2027-10-02')).toBe(false);
    const bureau = createCalendar({ holidays: ['2027-10-01', '2026-02-14'], workingDays: ['2027-10-09'] });
    expect(bureau.isWorkingDay('2027-10-01')).toBe(false);
    expect(bureau.isWorkingDay('2027-10-09')).toBe(true);
    expect(bureau.addWorkingDays('2026-02-13', 1)).toBe('2026-02-24');
  });
});

describe('local time', () => {
  it('converts Beijing wall-clock time to an instant and back, whatever the process time zone', () => {
    expect(localDateTimeToEpochMs('2024-03-01', '00:00', 'Asia/Shanghai')).toBe(Date.UTC(2024, 1, 29, 16, 0));
    expect(localDateTimeToEpochMs('2024-03-01', '09:30', 'Asia/Shanghai')).toBe(Date.UTC(2024, 2, 1, 1, 30));
    expect(epochMsToLocalDate(Date.UTC(2024, 1, 29, 16, 0), 'Asia/Shanghai')).toBe('2024-03-01');
    expect(epochMsToLocalDate(Date.UTC(2024, 1, 29, 15, 59), 'Asia/Shanghai')).toBe('2024-02-29');
  });

  it('handles zones with daylight saving time', () => {
    expect(localDateTimeToEpochMs('2024-07-01', '09:00', 'Europe/Berlin')).toBe(Date.UTC(2024, 6, 1, 7, 0));
    expect(localDateTimeToEpochMs('2024-01-15', '09:00', 'Europe/Berlin')).toBe(Date.UTC(2024, 0, 15, 8, 0));
    expect(epochMsToLocalDate(Date.UTC(2024, 6, 1, 22, 30), 'Europe/Berlin')).toBe('2024-07-02');
  });
});
