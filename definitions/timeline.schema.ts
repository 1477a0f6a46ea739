import { z } from 'zod';
import { LocalDate } from './local-date';

export const DutyOccurrence = z.object({
  dutyId: z.string(),
  /** Stable across re-resolution, e.g. `quarterly-report:2020-Q3`; a workflow can key its work on it. */
  occurrenceId: z.string(),
  period: z.string(),
  periodLabel: z.string(),
  opensOn: LocalDate,
  dueOn: LocalDate,
  ladderId: z.string().optional(),
});
export type DutyOccurrence = z.infer<typeof DutyOccurrence>;

export const ResolvedPhase = z.object({ id: z.string(), name: z.string(), start: LocalDate, end: LocalDate });
export type ResolvedPhase = z.infer<typeof ResolvedPhase>;

export const ResolvedMilestone = z.object({ milestoneId: z.string(), title: z.string(), dueOn: LocalDate, phaseId: z.string().optional() });
export type ResolvedMilestone = z.infer<typeof ResolvedMilestone>;

export const TimelineEntryKind = {
  campaignStart: 'campaign-start',
  phaseStart: 'phase-start',
  dutyOpens: 'duty-opens',
  milestone: 'milestone',
  dutyDue: 'duty-due',
  phaseEnd: 'phase-end',
  campaignEnd: 'campaign-end',
} as const;
export type TimelineEntryKind = (typeof TimelineEntryKind)[keyof typeof TimelineEntryKind];

/** How the plan names each kind of date (CLI `plan`, the console). */
export const TIMELINE_ENTRY_KIND_LABELS: Record<TimelineEntryKind, string> = {
  'campaign-start': '行动开始',
  'phase-start': '阶段开始',
  'duty-opens': '职责开始',
  milestone: '节点',
  'duty-due': '职责截止',
  'phase-end': '阶段结束',
  'campaign-end': '行动结束',
};

export const TimelineEntry = z.object({
  date: LocalDate,
  kind: z.enum(TimelineEntryKind),
  /** Phase id, milestone id or occurrence id. */
  ref: z.string(),
  label: z.string(),
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
  /** All of the above as one list sorted by date (ties in the order of {@link TimelineEntryKind}). */
  entries: z.array(TimelineEntry),
  /** The dates on which the phase machine may change state: send it `CALENDAR.DAY` on each. */
  checkpoints: z.array(LocalDate),
});
export type Timeline = z.infer<typeof Timeline>;
