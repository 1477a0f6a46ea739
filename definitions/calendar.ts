import type { DayOffset } from './calendar.schema';
import type { HolidayPeriod, OfficialYear, RunCalendar } from './calendar-year.schema';
import { DayUnit } from './vocabulary';
import { dateParts, plusDays, toDayNumber, type LocalDate } from './local-date';

export type Calendar = {
  isWorkingDay(date: LocalDate): boolean;
  /** n working days after `date` (before it when n is negative); 0 gives `date` itself. */
  addWorkingDays(date: LocalDate, n: number): LocalDate;
  addCalendarDays(date: LocalDate, n: number): LocalDate;
  /** `date` itself when it is a working day, else the next working day (顺延). */
  rollForward(date: LocalDate): LocalDate;
  /** Whether the State Council's calendar of `year` is among the calendar's data. */
  isOfficialYear(year: number): boolean;
  /** The announced holiday period `date` lies in, if any (official data only, not overrides). */
  holidayPeriodOn(date: LocalDate): HolidayPeriod | undefined;
  /** Every announced holiday period of the official years, in date order (for duties tied to them). */
  holidayPeriods(): readonly HolidayPeriod[];
};

/**
 * The fixed-date statutory holidays (全国年节及纪念日放假办法), newest law first. In a year whose
 * notice is not published they are still days off; the lunar ones (春节, 清明, 端午, 中秋) and the
 * 调休 cannot be known without the notice.
 */
const FIXED_STATUTORY_HOLIDAYS: ReadonlyArray<{ since: number; law: string; days: readonly string[] }> = [
  { since: 2025, law: '国务院令第795号', days: ['01-01', '05-01', '05-02', '10-01', '10-02', '10-03'] },
  { since: 2008, law: '国务院令第513号', days: ['01-01', '05-01', '10-01', '10-02', '10-03'] },
  { since: 2000, law: '国务院令第270号', days: ['01-01', '05-01', '05-02', '05-03', '10-01', '10-02', '10-03'] },
];

/** Whether a date is a fixed-date statutory holiday under the law in force in its year. */
export function isFixedStatutoryHoliday(date: LocalDate): boolean {
  const { year } = dateParts(date);
  const law = FIXED_STATUTORY_HOLIDAYS.find((l) => year >= l.since);
  return law !== undefined && law.days.includes(date.slice(5));
}

const isWeekend = (date: LocalDate): boolean => {
  const weekday = (toDayNumber(date) + 4) % 7; // 1970-01-01 was a Thursday (4); 0 = Sunday
  return weekday === 0 || weekday === 6;
};

/**
 * The working-day calendar of a run: the official years it carries (holiday periods and 调休),
 * the campaign's overrides winning over them. A year without official data counts Monday–Friday,
 * except the fixed-date statutory holidays, which are never working days.
 * Pure data in, no package read: the same `RunCalendar` gives the same answers on every replay.
 * @example createCalendar({ years: [official2026] }).addWorkingDays('2026-02-13', 3) // '2026-02-25' (02-14 is a 调休 working Saturday)
 */
export function createCalendar(run: { years: readonly OfficialYear[]; overrides?: RunCalendar['overrides'] }): Calendar {
  const extraWorking = new Set(run.overrides?.workingDays ?? []);
  const extraHolidays = new Set(run.overrides?.holidays ?? []);
  const officialYears = new Set(run.years.map((y) => y.year));
  // Periods by the calendar year of each of their days (a 元旦 period may start in December): a few per year to scan.
  const periodsByYear = new Map<number, HolidayPeriod[]>();
  for (const period of run.years.flatMap((y) => y.holidays)) {
    for (const year of new Set([dateParts(period.from).year, dateParts(period.to).year])) periodsByYear.set(year, [...(periodsByYear.get(year) ?? []), period]);
  }
  const periodOn = (date: LocalDate): HolidayPeriod | undefined =>
    periodsByYear.get(dateParts(date).year)?.find((period) => period.from <= date && date <= period.to);
  const allPeriods = run.years.flatMap((y) => y.holidays).sort((a, b) => a.from.localeCompare(b.from));
  const swappedWorking = new Set(run.years.flatMap((y) => y.workingDays));
  const cache = new Map<LocalDate, boolean>();

  const official = (date: LocalDate): boolean => {
    if (periodOn(date)) return false;
    if (swappedWorking.has(date)) return true;
    if (isWeekend(date)) return false;
    return officialYears.has(dateParts(date).year) || !isFixedStatutoryHoliday(date);
  };
  const isWorkingDay = (date: LocalDate): boolean => {
    let working = cache.get(date);
    if (working === undefined) {
      working = extraWorking.has(date) ? true : extraHolidays.has(date) ? false : official(date);
      cache.set(date, working);
    }
    return working;
  };

  return {
    isWorkingDay,
    addCalendarDays: plusDays,
    // n working days after D: step day by day, counting only working days; negative n counts backwards.
    addWorkingDays(date, n) {
      const step = n < 0 ? -1 : 1;
      let current = date;
      for (let left = Math.abs(n); left > 0; ) {
        current = plusDays(current, step);
        if (isWorkingDay(current)) left -= 1;
      }
      return current;
    },
    rollForward(date) {
      let current = date;
      while (!isWorkingDay(current)) current = plusDays(current, 1);
      return current;
    },
    isOfficialYear: (year) => officialYears.has(year),
    holidayPeriodOn: periodOn,
    holidayPeriods: () => allPeriods,
  };
}

/** Applies a {@link DayOffset} to a date in the offset's unit. */
export function addOffset(calendar: Calendar, date: LocalDate, offset: DayOffset): LocalDate {
  return offset.unit === DayUnit.working ? calendar.addWorkingDays(date, offset.days) : calendar.addCalendarDays(date, offset.days);
}
