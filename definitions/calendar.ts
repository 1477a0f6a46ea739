import chineseDays from 'chinese-days';
import type { CalendarOverrides, DayOffset } from './calendar.schema';
import { DayUnit } from './vocabulary';
import { plusDays, type LocalDate } from './local-date';

export type Calendar = {
  isWorkingDay(date: LocalDate): boolean;
  addWorkingDays(date: LocalDate, n: number): LocalDate;
  addCalendarDays(date: LocalDate, n: number): LocalDate;
};


/**
 * China's official working-day calendar (holidays and 调休 from `chinese-days`), with a bureau's
 * overrides taking precedence. For years beyond its table the package answers Monday–Friday, which is
 * the right fallback until the State Council's calendar is entered as overrides.
 * @example createCalendar().addWorkingDays('2026-02-13', 3) // '2026-02-25' (02-14 is a 调休 working Saturday)
 */
export function createCalendar(overrides?: Partial<CalendarOverrides>): Calendar {
  const extraWorking = new Set(overrides?.workingDays ?? []);
  const extraHolidays = new Set(overrides?.holidays ?? []);
  const cache = new Map<LocalDate, boolean>();

  const isWorkingDay = (date: LocalDate): boolean => {
    let working = cache.get(date);
    if (working === undefined) {
      working = extraWorking.has(date) ? true : extraHolidays.has(date) ? false : chineseDays.isWorkday(date);
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
  };
}

/** Applies a {@link DayOffset} to a date in the offset's unit. */
export function addOffset(calendar: Calendar, date: LocalDate, offset: DayOffset): LocalDate {
  return offset.unit === DayUnit.working ? calendar.addWorkingDays(date, offset.days) : calendar.addCalendarDays(date, offset.days);
}
