/**
 * Bodies and answers of the calendar routes. The official years are the language's own schema
 * (definitions/calendar-year.schema.ts); the report is the campaign run's, checked against its
 * interface at compile time.
 */
import { z } from 'zod';
import { OfficialYear } from '../../definitions/calendar-year.schema';
import type { CalendarUpdateReport as WorkflowCalendarUpdateReport } from '../../workflows/campaign.messages';

export const OfficialCalendarList = z.object({ years: z.array(OfficialYear).describe('oldest first') });

export const CalendarApplicationBody = z.strictObject({
  reason: z.string().min(1).max(2000).optional().describe('why, kept in the logs, e.g. 国务院公布2027年节假日安排'),
});

const MovedDeadline = z.object({
  kind: z.enum(['duty-occurrence', 'milestone']),
  ref: z.string(),
  title: z.string(),
  from: z.string(),
  to: z.string(),
});

export const CalendarUpdateReport = z.object({
  revision: z.number().int().describe('how many calendar updates the run has taken'),
  years: z.array(z.number().int()).describe('the official years the run now carries'),
  movedDeadlines: z.array(MovedDeadline).describe('deadlines still to come that now fall on another day'),
  rescheduledRungs: z.number().int().describe('rungs not yet taken that now fall on another day'),
});

export const CalendarApplication = z.object({
  campaign: CalendarUpdateReport,
  hazards: z.object({
    updated: z.number().int().describe('open hazards of the run that took the calendar'),
    movedDeadlines: z.array(z.object({ ref: z.string(), hazardId: z.string(), from: z.string(), to: z.string() })).describe('time limits counted again on it'),
  }),
});
export type CalendarApplication = z.infer<typeof CalendarApplication>;

// Compile-time check: the schema describes exactly the workflow's report.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShape = <T extends true>(): T | undefined => undefined;
sameShape<Same<z.infer<typeof CalendarUpdateReport>, WorkflowCalendarUpdateReport>>();
