import type { HolidayPeriod } from './calendar-year.schema';
import type { Cadence, HolidayAnchor } from './cadence.schema';
import { AnchorPeriod, Edge, HOLIDAY_NAMES, type HolidayName } from './vocabulary';
import { dateParts, daysInMonth, makeDate, plusDays, plusMonths, toDayNumber, type LocalDate } from './local-date';

/** One period a recurring duty covers, with the window in which it must be done. */
export type CadenceOccurrence = {
  /** Stable key of the period, e.g. `2020-Q3`, `2021-H1`, `2021-07`, `2026-W07`, `2021`, `2026-02-15` (a holiday period by its first day), `2026-01.2` (the second due day of a month), or `once`. */
  period: string;
  /** The period in words, e.g. `2020年第3季度`. */
  periodLabel: string;
  periodStart: LocalDate;
  periodEnd: LocalDate;
  opensOn: LocalDate;
  dueOn: LocalDate;
};

type Anchor = { period: 'same' | 'next'; month?: number; day: number };
type WeekAnchor = { period: 'same' | 'next'; weekday: number };
type Periodic = Exclude<Cadence, { kind: 'once' | 'weekly' | 'holiday-period' }>;
type Weekly = Extract<Cadence, { kind: 'weekly' }>;
type HolidayCadence = Extract<Cadence, { kind: 'holiday-period' }>;

const PERIODS = {
  monthly: { months: 1, key: (y: number, i: number) => `${y}-${String(i).padStart(2, '0')}`, label: (y: number, i: number) => `${y}年${i}月` },
  quarterly: { months: 3, key: (y: number, i: number) => `${y}-Q${i}`, label: (y: number, i: number) => `${y}年第${i}季度` },
  'half-yearly': { months: 6, key: (y: number, i: number) => `${y}-H${i}`, label: (y: number, i: number) => `${y}年${i === 1 ? '上' : '下'}半年` },
  yearly: { months: 12, key: (y: number) => `${y}`, label: (y: number) => `${y}年度` },
} as const;

function selectedIndices(cadence: Periodic): readonly number[] | undefined {
  switch (cadence.kind) {
    case 'monthly':
      return cadence.months;
    case 'quarterly':
      return cadence.quarters;
    case 'half-yearly':
      return cadence.halves;
    case 'yearly':
      return undefined;
  }
}

/** The due anchors of a cadence as a list: one, or several in the period's order. */
export function dueAnchorList<T>(due: T | readonly T[]): readonly T[] {
  return Array.isArray(due) ? due : [due as T];
}

/** The day an anchor names, relative to a period starting at (year, firstMonth). */
function anchorDate(anchor: Anchor, year: number, firstMonth: number, monthsInPeriod: number): LocalDate {
  const shift = (anchor.period === AnchorPeriod.next ? monthsInPeriod : 0) + (anchor.month ?? 1) - 1;
  const target = plusMonths(year, firstMonth, shift);
  const day = anchor.day > 0 ? anchor.day : Math.max(1, daysInMonth(target.year, target.month) + anchor.day + 1);
  return makeDate(target.year, target.month, day);
}

/**
 * The occurrences of one period: one per due anchor. The first opens at `opensOn`; each later one
 * opens the day after the one before it falls due. With several anchors the period key and label
 * carry the occurrence's number (`2026-01.2`, `2026年1月第2次`). A later one that would open after
 * the duty's window (`until`) is not owed: the part of the period it covers lies outside the window.
 */
function splitByDueDates(
  period: { key: string; label: string; start: LocalDate; end: LocalDate },
  opensOn: LocalDate,
  dueDates: readonly LocalDate[],
  until: LocalDate,
): CadenceOccurrence[] {
  const several = dueDates.length > 1;
  const occurrences = dueDates.map((dueOn, i) => ({
    period: several ? `${period.key}.${i + 1}` : period.key,
    periodLabel: several ? `${period.label}第${i + 1}次` : period.label,
    periodStart: period.start,
    periodEnd: period.end,
    opensOn: i === 0 ? opensOn : plusDays(dueDates[i - 1]!, 1),
    dueOn,
  }));
  return occurrences.filter((o, i) => i === 0 || o.opensOn <= until);
}

/**
 * Every occurrence of a periodic cadence whose period overlaps [from, until], in order.
 * @example quarterly `{ opens: { period: next, day: 1 }, due: { period: next, month: 1, day: 10 } }`
 *   over 2020-07-17…2020-12-31 → 2020-Q3 due 2020-10-10, 2020-Q4 due 2021-01-10
 */
export function periodicOccurrences(cadence: Periodic, from: LocalDate, until: LocalDate): CadenceOccurrence[] {
  const { months, key, label } = PERIODS[cadence.kind];
  const selected = selectedIndices(cadence);
  const start = dateParts(from);
  const end = dateParts(until);
  const occurrences: CadenceOccurrence[] = [];
  let cursor = { year: start.year, month: Math.floor((start.month - 1) / months) * months + 1 };
  while (cursor.year < end.year || (cursor.year === end.year && cursor.month <= end.month)) {
    const index = (cursor.month - 1) / months + 1;
    if (!selected || selected.includes(index)) {
      const last = plusMonths(cursor.year, cursor.month, months - 1);
      const { year, month } = cursor;
      const period = { key: key(year, index), label: label(year, index), start: makeDate(year, month, 1), end: makeDate(last.year, last.month, daysInMonth(last.year, last.month)) };
      const dueDates = dueAnchorList<Anchor>(cadence.due).map((anchor) => anchorDate(anchor, year, month, months));
      occurrences.push(...splitByDueDates(period, anchorDate(cadence.opens, year, month, months), dueDates, until));
    }
    cursor = plusMonths(cursor.year, cursor.month, months);
  }
  return occurrences;
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday (1970-01-01, day 0, was a Thursday). */
export function isoWeekday(date: LocalDate): number {
  return ((((toDayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

/** ISO week of the week starting on `monday`: the year of its Thursday, and the week's number in that year. */
function isoWeek(monday: LocalDate): { year: number; week: number } {
  const thursday = plusDays(monday, 3);
  const { year } = dateParts(thursday);
  return { year, week: Math.floor((toDayNumber(thursday) - toDayNumber(makeDate(year, 1, 1))) / 7) + 1 };
}

const weekAnchorDate = (anchor: WeekAnchor, monday: LocalDate): LocalDate => plusDays(monday, (anchor.period === AnchorPeriod.next ? 7 : 0) + anchor.weekday - 1);
const monthDay = (date: LocalDate): string => `${dateParts(date).month}月${dateParts(date).day}日`;

/**
 * Every week (Monday to Sunday) that overlaps [from, until], keyed by ISO week (`2026-W07`).
 * @example `{ kind: weekly, due: { period: next, weekday: 1 } }` (每周汇总，次周一上报): week 2026-W07 (02-09…02-15) due 2026-02-16
 */
export function weeklyOccurrences(cadence: Weekly, from: LocalDate, until: LocalDate): CadenceOccurrence[] {
  const occurrences: CadenceOccurrence[] = [];
  for (let monday = plusDays(from, 1 - isoWeekday(from)); monday <= until; monday = plusDays(monday, 7)) {
    const { year, week } = isoWeek(monday);
    const sunday = plusDays(monday, 6);
    const period = { key: `${year}-W${String(week).padStart(2, '0')}`, label: `${year}年第${week}周（${monthDay(monday)}—${monthDay(sunday)}）`, start: monday, end: sunday };
    const dueDates = dueAnchorList<WeekAnchor>(cadence.due).map((anchor) => weekAnchorDate(anchor, monday));
    occurrences.push(...splitByDueDates(period, weekAnchorDate(cadence.opens, monday), dueDates, until));
  }
  return occurrences;
}

/** Whether an announced period is one of the holidays a cadence names (合并放假 "国庆节、中秋节" is both). */
export function isHolidayOf(period: HolidayPeriod, holidays: readonly HolidayName[] | undefined): boolean {
  const names = period.name.split('、');
  return holidays === undefined ? names.some((name) => (HOLIDAY_NAMES as readonly string[]).includes(name)) : names.some((name) => (holidays as readonly string[]).includes(name));
}

const holidayAnchorDate = (anchor: HolidayAnchor, period: HolidayPeriod): LocalDate => plusDays(anchor.edge === Edge.start ? period.from : period.to, anchor.days);

/**
 * One occurrence per announced holiday period of the named holidays that overlaps [from, until]
 * (`periods`: the official calendar's, in order). It falls due at `due` relative to the period and
 * opens at `opens`, by default on the period's first day (or on the due day, if that is earlier).
 * Periods of years without an official calendar are unknown, so they have no occurrence (the
 * validator warns).
 * @example `{ kind: holiday-period, holidays: [春节], due: { edge: end } }` in 2026 → 2026-02-15 due 2026-02-23
 */
export function holidayOccurrences(cadence: HolidayCadence, periods: readonly HolidayPeriod[], from: LocalDate, until: LocalDate): CadenceOccurrence[] {
  return periods
    .filter((period) => period.to >= from && period.from <= until && isHolidayOf(period, cadence.holidays))
    .map((period) => {
      const dueOn = holidayAnchorDate(cadence.due, period);
      const opensOn = cadence.opens ? holidayAnchorDate(cadence.opens, period) : period.from < dueOn ? period.from : dueOn;
      const { year } = dateParts(period.from);
      return { period: period.from, periodLabel: `${year}年${period.name}假期（${monthDay(period.from)}—${monthDay(period.to)}）`, periodStart: period.from, periodEnd: period.to, opensOn, dueOn };
    });
}
