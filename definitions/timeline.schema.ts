import { z } from 'zod';
import { LocalDate, LocalTime } from './local-date.schema';
import { TimelineEntryKind } from './vocabulary';

export const DutyOccurrence = z.object({
  dutyId: z.string(),
  /** Stable across re-resolution, e.g. `quarterly-report:2020-Q3`; a workflow can key its work on it. */
  occurrenceId: z.string(),
  period: z.string(),
  periodLabel: z.string(),
  opensOn: LocalDate,
  /** The day it falls due: the written date, moved to the next working day when 顺延 applies. */
  dueOn: LocalDate,
  /** The date as written, present only when 顺延 moved it. */
  nominalDueOn: LocalDate.optional(),
  /** The time of day it is due on `dueOn` (`HH:MM`, the campaign's time zone); absent: by the end of the day. */
  dueTime: LocalTime.optional(),
  ladderId: z.string().optional(),
});
export type DutyOccurrence = z.infer<typeof DutyOccurrence>;

export const ResolvedPhase = z.object({ id: z.string(), name: z.string(), start: LocalDate, end: LocalDate });
export type ResolvedPhase = z.infer<typeof ResolvedPhase>;

export const ResolvedMilestone = z.object({
  milestoneId: z.string(),
  title: z.string(),
  /** The written date, moved to the next working day when the campaign-wide 顺延 applies. */
  dueOn: LocalDate,
  /** The date as written, present only when 顺延 moved it. */
  nominalDueOn: LocalDate.optional(),
  phaseId: z.string().optional(),
  ladderId: z.string().optional(),
});
export type ResolvedMilestone = z.infer<typeof ResolvedMilestone>;

export const ResolvedWindow = z.object({
  windowId: z.string(),
  title: z.string(),
  from: LocalDate,
  to: LocalDate,
  phaseId: z.string().optional(),
  owners: z.array(z.string()),
  audience: z.string().optional(),
});
export type ResolvedWindow = z.infer<typeof ResolvedWindow>;

export const TimelineEntry = z.object({
  date: LocalDate,
  kind: z.enum(TimelineEntryKind),
  /** Phase id, milestone id or occurrence id. */
  ref: z.string(),
  label: z.string(),
  /** For a due date that 顺延 moved: the date as written. */
  nominalDate: LocalDate.optional(),
  /** For a duty due at a time of day: that time (`HH:MM`). */
  time: LocalTime.optional(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

/** Every concrete date of a campaign, resolved once from its definition and calendar. */
export const Timeline = z.object({
  campaignId: z.string(),
  version: z.number().int(),
  timeZone: z.string(),
  span: z.object({ start: LocalDate, end: LocalDate }),
  phases: z.array(ResolvedPhase),
  milestones: z.array(ResolvedMilestone),
  occurrences: z.array(DutyOccurrence),
  /** Activity windows (活动时段), in date order. */
  windows: z.array(ResolvedWindow),
  /** All of the above as one list sorted by date (ties in the order of {@link TimelineEntryKind}). */
  entries: z.array(TimelineEntry),
  /**
   * The dates on which the phase machine may change state — each phase's start, the day after each
   * phase's end, the day after the span: send it `CALENDAR.DAY` on each.
   */
  checkpoints: z.array(LocalDate),
});
export type Timeline = z.infer<typeof Timeline>;
