const DAY_MS = 86_400_000;

/** A Beijing-local calendar date, `YYYY-MM-DD`. "Due on D" means due by the end of D, local time. */
export type LocalDate = string;
/** A calendar month, `YYYY-MM`. */
export type YearMonth = string;
/** A wall-clock time, `HH:MM` (24-hour). */
export type LocalTime = string;

/** Whether `YYYY-MM-DD` names a day that exists (no 02-30). */
export function isRealDate(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Days since 1970-01-01 of a local date; the basis of all date arithmetic here (independent of the process time zone). */
export function toDayNumber(date: LocalDate): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

/** Inverse of {@link toDayNumber}. */
export function fromDayNumber(day: number): LocalDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Builds a date from parts; a day past the month's end is clamped to its last day (so "the 31st" of June is 06-30). */
export function makeDate(year: number, month: number, day: number): LocalDate {
  const clamped = Math.min(day, daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(clamped).padStart(2, '0')}`;
}

/** Number of days in a month (1–12). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Year, month (1–12) and day of a local date. */
export function dateParts(date: LocalDate): { year: number; month: number; day: number } {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

/** Plain calendar-day arithmetic. */
export function plusDays(date: LocalDate, days: number): LocalDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Adds whole months to a (year, month) pair. */
export function plusMonths(year: number, month: number, months: number): { year: number; month: number } {
  const index = year * 12 + (month - 1) + months;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * Offsets already computed, by zone and second: a run asks for the same few instants (its rungs'
 * days at office hours) at every wake-up, and Intl's formatToParts is the costly part of it (a
 * clustered deadline profiled it among the worker's top functions). Pure results only, so sharing
 * them between runs cannot change what a run computes; bounded, cleared when full.
 */
const computedOffsets = new Map<string, number>();
const OFFSETS_KEPT = 10_000;

function zoneOffsetMs(epochMs: number, timeZone: string): number {
  const key = `${timeZone} ${Math.floor(epochMs / 1000)}`;
  const known = computedOffsets.get(key);
  if (known !== undefined) return known;
  const offset = computeZoneOffsetMs(epochMs, timeZone);
  if (computedOffsets.size >= OFFSETS_KEPT) computedOffsets.clear();
  computedOffsets.set(key, offset);
  return offset;
}

function computeZoneOffsetMs(epochMs: number, timeZone: string): number {
  let formatter = offsetFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    offsetFormatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(epochMs).map((p) => [p.type, Number(p.value)]));
  const wallAsUtc = Date.UTC(parts.year ?? 0, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  return wallAsUtc - Math.floor(epochMs / 1000) * 1000;
}

/**
 * The instant at which a wall-clock time occurs in a time zone; "end of day D" is `00:00` of D + 1.
 * Deterministic: uses the IANA rules via Intl, never the process time zone.
 * @example localDateTimeToEpochMs('2024-03-01', '00:00', 'Asia/Shanghai') // 2024-02-29T16:00:00Z
 */
export function localDateTimeToEpochMs(date: LocalDate, time: LocalTime, timeZone: string): number {
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const wallAsUtc = toDayNumber(date) * DAY_MS + (hour * 60 + minute) * 60_000;
  // Two passes settle the offset on both sides of a DST change (Asia/Shanghai has none; other zones may).
  const first = wallAsUtc - zoneOffsetMs(wallAsUtc, timeZone);
  return wallAsUtc - zoneOffsetMs(first, timeZone);
}

/** The local date in `timeZone` at an instant. */
export function epochMsToLocalDate(epochMs: number, timeZone: string): LocalDate {
  return fromDayNumber(Math.floor((epochMs + zoneOffsetMs(epochMs, timeZone)) / DAY_MS));
}

/**
 * The local wall-clock time `HH:MM` in `timeZone` at an instant, rounded up to the next whole minute
 * (a deadline "within 2 hours" of 10:00:30 is 12:01, never earlier than the limit).
 * @example epochMsToLocalTimeCeil(Date.parse('2026-03-10T02:00:00Z'), 'Asia/Shanghai') // '10:00'
 */
export function epochMsToLocalTimeCeil(epochMs: number, timeZone: string): LocalTime {
  const minutes = Math.ceil((((epochMs + zoneOffsetMs(epochMs, timeZone)) % DAY_MS) + DAY_MS) % DAY_MS / 60_000);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
