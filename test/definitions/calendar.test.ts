import chineseDays from 'chinese-days';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  createCalendar,
  epochMsToLocalDate,
  isFixedStatutoryHoliday,
  localDateTimeToEpochMs,
  missingCalendarYears,
  resolveRunCalendar,
  resolveTimeline,
  type CampaignDefinition,
} from '../../definitions';
import { LEGACY_OFFICIAL_YEARS } from '../../definitions/legacy-calendar';
import { loadCampaignFile, repositoryOfficialCalendar } from '../../definitions/load';
import { fromDayNumber, toDayNumber } from '../../definitions/local-date';

const official = repositoryOfficialCalendar();
const calendar = createCalendar({ years: official });

function seed(file: string): CampaignDefinition {
  const result = loadCampaignFile(fileURLToPath(new URL(`../../definitions/campaigns/${file}`, import.meta.url)));
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.definition;
}

describe('official calendar files (definitions/calendars/)', () => {
  it('hold every year from 2004 to 2026, and not 2027 (the State Council has not published it)', () => {
    expect(official.map((y) => y.year)).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
  });

  it.each([
    ['the files', official],
    ['the frozen table of engine 0.1 runs', LEGACY_OFFICIAL_YEARS],
  ])('%s agree with the chinese-days 1.5.7 table they were imported from on every day of 2004–2026', (_, years) => {
    const imported = createCalendar({ years });
    const disagreements: string[] = [];
    for (let day = toDayNumber('2004-01-01'); day <= toDayNumber('2026-12-31'); day += 1) {
      const date = fromDayNumber(day);
      if (imported.isWorkingDay(date) !== chineseDays.isWorkday(date)) disagreements.push(date);
    }
    expect(disagreements).toEqual([]);
  });

  it('keep the periods as the notices announce them', () => {
    const year = (y: number) => official.find((o) => o.year === y)!;
    expect(year(2026)).toMatchObject({ source: '国务院办公厅关于2026年部分节假日安排的通知（国办发明电〔2025〕7号）' });
    expect(year(2026).holidays.find((p) => p.name === '春节')).toEqual({ name: '春节', from: '2026-02-15', to: '2026-02-23' });
    expect(year(2026).workingDays).toEqual(expect.arrayContaining(['2026-02-14', '2026-02-28']));
    // 2019 元旦 began in 2018, with 2018-12-29 worked; 2025 merged 国庆节 and 中秋节; 2015's 纪念日 ran to Saturday 09-05.
    expect(year(2019).holidays[0]).toEqual({ name: '元旦', from: '2018-12-30', to: '2019-01-01' });
    expect(year(2019).workingDays[0]).toBe('2018-12-29');
    expect(year(2025).holidays.at(-1)).toEqual({ name: '国庆节、中秋节', from: '2025-10-01', to: '2025-10-08' });
    expect(year(2015).holidays.find((p) => p.from === '2015-09-03')?.to).toBe('2015-09-05');
    expect(year(2011).holidays.find((p) => p.name === '端午节')).toEqual({ name: '端午节', from: '2011-06-04', to: '2011-06-06' });
  });
});

describe('calendar', () => {
  it('follows the official 2026 Spring Festival: 02-14 (Sat) is a 调休 working day, 02-15…02-23 are off', () => {
    expect(calendar.isWorkingDay('2026-02-14')).toBe(true);
    expect(calendar.isWorkingDay('2026-02-16')).toBe(false);
    expect(calendar.isWorkingDay('2026-02-23')).toBe(false);
    expect(calendar.addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    expect(calendar.addWorkingDays('2026-02-13', 2)).toBe('2026-02-24');
    expect(calendar.addWorkingDays('2026-02-13', 3)).toBe('2026-02-25');
    expect(calendar.addWorkingDays('2026-02-24', -2)).toBe('2026-02-13');
    expect(calendar.holidayPeriodOn('2026-02-21')).toEqual({ name: '春节', from: '2026-02-15', to: '2026-02-23' });
    expect(calendar.holidayPeriodOn('2026-02-24')).toBeUndefined();
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

  it('rolls a date forward to the next working day (顺延), and leaves a working day as it is', () => {
    expect(calendar.rollForward('2026-10-01')).toBe('2026-10-08');
    expect(calendar.rollForward('2026-10-10')).toBe('2026-10-10');
    expect(calendar.rollForward('2026-10-11')).toBe('2026-10-12');
  });

  it('knows which years are official', () => {
    expect(calendar.isOfficialYear(2026)).toBe(true);
    expect(calendar.isOfficialYear(2027)).toBe(false);
    expect(createCalendar({ years: [] }).isOfficialYear(2026)).toBe(false);
  });

  it('without a year\'s notice counts Monday–Friday but never works on a fixed-date statutory holiday', () => {
    // 2027-01-01 is a Friday: 元旦 by law (国务院令第795号); 02-08 would be in 春节, which cannot be known yet.
    expect(calendar.isWorkingDay('2027-01-01')).toBe(false);
    expect(calendar.addWorkingDays('2026-12-31', 1)).toBe('2027-01-04');
    expect(['2027-05-03', '2027-05-04', '2027-10-01', '2027-10-04'].map((d) => calendar.isWorkingDay(d))).toEqual([true, true, false, true]);
    expect(calendar.isWorkingDay('2027-02-08')).toBe(true);
    expect(calendar.holidayPeriodOn('2027-01-01')).toBeUndefined();
  });

  it('takes the fixed-date holidays from the law in force in the year', () => {
    expect(['2030-05-02', '2024-05-02', '2005-05-03', '2024-10-03', '2030-12-25'].map(isFixedStatutoryHoliday)).toEqual([true, false, true, true, false]);
    const bare = createCalendar({ years: [] });
    expect(['2024-05-02', '2025-05-02'].map((d) => bare.isWorkingDay(d))).toEqual([true, false]);
  });

  it('lets a campaign\'s overrides win over the official data', () => {
    const bureau = createCalendar({ years: official, overrides: { holidays: ['2027-10-04', '2026-02-14'], workingDays: ['2027-10-09', '2027-01-01'] } });
    expect(bureau.isWorkingDay('2027-10-04')).toBe(false);
    expect(bureau.isWorkingDay('2027-10-09')).toBe(true);
    expect(bureau.isWorkingDay('2027-01-01')).toBe(true);
    expect(bureau.addWorkingDays('2026-02-13', 1)).toBe('2026-02-24');
  });
});

describe('the calendar a run carries', () => {
  it('003: the official years from the span\'s start through its last deadline plus a year; 2027 is not published', () => {
    const run = resolveRunCalendar(official, seed('003-jizhou-root-cause.yaml'));
    expect(run.years.map((y) => y.year)).toEqual([2024, 2025, 2026]);
    expect(run.overrides).toBeUndefined();
    expect(JSON.parse(JSON.stringify(run))).toEqual(run);
  });

  it('000: its last report falls due in January 2023, so 2020–2024 are carried', () => {
    expect(resolveRunCalendar(official, seed('000-tianjin-technical-schools.yaml')).years.map((y) => y.year)).toEqual([2020, 2021, 2022, 2023, 2024]);
  });

  it('carries the definition\'s own corrections, without its 顺延 rule', () => {
    const definition = { ...seed('003-jizhou-root-cause.yaml'), calendar: { workingDays: ['2026-10-11'], holidays: ['2026-10-12'], rollForward: true } };
    expect(resolveRunCalendar(official, definition).overrides).toEqual({ workingDays: ['2026-10-11'], holidays: ['2026-10-12'] });
  });

  it('gives the same dates as the whole official calendar for everything the campaign needs', () => {
    const jizhou = seed('003-jizhou-root-cause.yaml');
    expect(resolveTimeline(jizhou, createCalendar(resolveRunCalendar(official, jizhou)))).toEqual(resolveTimeline(jizhou, calendar));
  });

  it('lists the years without an official calendar: 003\'s self-assessment after the span, in 2027', () => {
    const jizhou = seed('003-jizhou-root-cause.yaml');
    const carried = createCalendar(resolveRunCalendar(official, jizhou));
    const timeline = resolveTimeline(jizhou, carried);
    expect(missingCalendarYears(timeline, carried)).toEqual([
      { year: 2027, inSpan: false, deadlines: [{ kind: 'duty-occurrence', ref: 'self-assessment:once', dueOn: '2027-01-22' }] },
    ]);
    // With no official data at all, every year of the span is missing too.
    const bare = createCalendar({ years: [] });
    expect(missingCalendarYears(resolveTimeline(jizhou, bare), bare).map((m) => [m.year, m.inSpan])).toEqual([[2024, true], [2025, true], [2026, true], [2027, false]]);
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
