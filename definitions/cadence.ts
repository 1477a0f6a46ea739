import type { Cadence } from './cadence.schema';
import { AnchorPeriod } from './vocabulary';
import { dateParts, daysInMonth, makeDate, plusMonths, type LocalDate } from './local-date';

/** One period a recurring duty covers, with the window in which it must be done. */
export type CadenceOccurrence = {
  /** Stable key of the period, e.g. `2020-Q3`, `2021-H1`, `2021-07`, `2021`, or `once`. */
  period: string;
  /** The period in words, e.g. `2020年第3季度`. */
  periodLabel: string;
  periodStart: LocalDate;
  periodEnd: LocalDate;
  opensOn: LocalDate;
  dueOn: LocalDate;
};

type Anchor = { period: 'same' | 'next'; month?: number; day: number };
type Periodic = Exclude<Cadence, { kind: 'once' }>;

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

/** The day an anchor names, relative to a period starting at (year, firstMonth). */
function anchorDate(anchor: Anchor, year: number, firstMonth: number, monthsInPeriod: number): LocalDate {
  const shift = (anchor.period === AnchorPeriod.next ? monthsInPeriod : 0) + (anchor.month ?? 1) - 1;
  const target = plusMonths(year, firstMonth, shift);
  const day = anchor.day > 0 ? anchor.day : Math.max(1, daysInMonth(target.year, target.month) + anchor.day + 1);
  return makeDate(target.year, target.month, day);
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
      occurrences.push({
        period: key(cursor.year, index),
        periodLabel: label(cursor.year, index),
        periodStart: makeDate(cursor.year, cursor.month, 1),
        periodEnd: makeDate(last.year, last.month, daysInMonth(last.year, last.month)),
        opensOn: anchorDate(cadence.opens, cursor.year, cursor.month, months),
        dueOn: anchorDate(cadence.due, cursor.year, cursor.month, months),
      });
    }
    cursor = plusMonths(cursor.year, cursor.month, months);
  }
  return occurrences;
}
