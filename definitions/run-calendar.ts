/**
 * The calendar a campaign run carries: which official years it needs, and which of the years its
 * dates fall in have no official calendar yet. Pure and zod-free: workflows call it on their data.
 */
import { createCalendar, type Calendar } from './calendar';
import type { OfficialYear, RunCalendar } from './calendar-year.schema';
import type { CampaignDefinition } from './campaign.schema';
import { dateParts, type LocalDate } from './local-date';
import { resolveTimeline } from './timeline';
import type { Timeline } from './timeline.schema';

const yearOf = (date: LocalDate): number => dateParts(date).year;

/** The campaign's own corrections, as a run carries them (its 顺延 rule stays in the definition). */
function overridesOf(definition: CampaignDefinition): Pick<RunCalendar, 'overrides'> {
  const calendar = definition.calendar;
  return calendar ? { overrides: { workingDays: calendar.workingDays, holidays: calendar.holidays } } : {};
}

/**
 * A definition's working-day calendar on every official year at hand, its own overrides winning:
 * for checking a definition whose dates are not known yet. On the campaign's dates it answers as
 * the calendar a run carries ({@link resolveRunCalendar}).
 */
export function definitionCalendar(officialYears: readonly OfficialYear[], definition: CampaignDefinition): Calendar {
  return createCalendar({ years: officialYears, ...overridesOf(definition) });
}

/** A computed deadline: a milestone (ref = its id) or a duty occurrence (ref = its occurrence id). */
export type TimelineDeadline = { kind: 'milestone' | 'duty-occurrence'; ref: string; dueOn: LocalDate };

function deadlines(timeline: Timeline): TimelineDeadline[] {
  return [
    ...timeline.milestones.map((m) => ({ kind: 'milestone' as const, ref: m.milestoneId, dueOn: m.dueOn })),
    ...timeline.occurrences.map((o) => ({ kind: 'duty-occurrence' as const, ref: o.occurrenceId, dueOn: o.dueOn })),
  ];
}

/**
 * The calendar a run of `definition` carries: the official years from its span's start through the
 * year of its latest computed deadline (deadlines after the span count, e.g. a self-assessment after
 * the end), plus one year of margin for the ladders' rungs and hazard time limits; and the
 * definition's own overrides, which win. Call it once when the run starts; a year published later
 * reaches the run only through an explicit calendar update.
 * @example resolveRunCalendar(loadOfficialCalendarDirectory(dir).years, jizhou).years.map((y) => y.year) // [2024, 2025, 2026] (2027 not published)
 */
export function resolveRunCalendar(officialYears: readonly OfficialYear[], definition: CampaignDefinition): RunCalendar {
  const timeline = resolveTimeline(definition, definitionCalendar(officialYears, definition));
  const first = yearOf(timeline.span.start);
  const last = Math.max(yearOf(timeline.span.end), ...deadlines(timeline).map((d) => yearOf(d.dueOn))) + 1;
  const years = officialYears.filter((y) => y.year >= first && y.year <= last).sort((a, b) => a.year - b.year);
  return { years, ...overridesOf(definition) };
}

/**
 * The working-day calendar of a definition on the official years at hand, as a run of it would
 * carry it ({@link resolveRunCalendar}).
 */
export function campaignCalendar(officialYears: readonly OfficialYear[], definition: CampaignDefinition): Calendar {
  return createCalendar(resolveRunCalendar(officialYears, definition));
}

/** A year a campaign's dates fall in that has no official calendar, and what falls in it. */
export type MissingCalendarYear = {
  year: number;
  /** Whether (part of) the year lies within the campaign's span. */
  inSpan: boolean;
  /** The computed deadlines in that year, in date order. */
  deadlines: TimelineDeadline[];
};

/**
 * The years of a campaign's span, and of each computed deadline, whose official calendar the
 * calendar lacks: there the working days are assumed (Monday–Friday and the fixed-date statutory
 * holidays) and may change once the State Council publishes the year. A workflow calls it with its
 * carried calendar (`createCalendar(run.calendar)`) to show the run's missing years.
 * @example missingCalendarYears(jizhouTimeline, calendar) // [{ year: 2027, inSpan: false, deadlines: [{ kind: 'duty-occurrence', ref: 'self-assessment:once', dueOn: '2027-01-22' }] }]
 */
export function missingCalendarYears(timeline: Timeline, calendar: Pick<Calendar, 'isOfficialYear'>): MissingCalendarYear[] {
  const missing = new Map<number, MissingCalendarYear>();
  const entry = (year: number): MissingCalendarYear => {
    const found = missing.get(year) ?? { year, inSpan: false, deadlines: [] };
    missing.set(year, found);
    return found;
  };
  for (let year = yearOf(timeline.span.start); year <= yearOf(timeline.span.end); year += 1) {
    if (!calendar.isOfficialYear(year)) entry(year).inSpan = true;
  }
  for (const deadline of deadlines(timeline).sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.ref.localeCompare(b.ref))) {
    const year = yearOf(deadline.dueOn);
    if (!calendar.isOfficialYear(year)) entry(year).deadlines.push(deadline);
  }
  return [...missing.values()].sort((a, b) => a.year - b.year);
}
