/**
 * Queries and answers of the reporting routes (statistics, exports, escalation records): what a
 * report covers and the rows it answers. The row schemas are checked against the store's types at
 * compile time, so the two cannot drift apart.
 */
import { z } from 'zod';
import { Id } from '../../definitions/common.schema';
import { LocalDate } from '../../definitions/local-date.schema';
import { EscalationActionName } from '../../definitions/vocabulary';
import { ReportGrouping, ReportPeriod, type DutyStatisticsRow as StoreDutyRow, type HazardStatisticsRow as StoreHazardRow } from '../../store';
import { CampaignRunId, WORKFLOW_ID_MAX_LENGTH } from './run.schema';

/** A day a report may start or end on: a real date in the years a database can hold as one. */
const ReportDay = LocalDate.refine((day) => day >= '1900-01-01' && day <= '2999-12-31', { error: '日期应在1900年至2999年之间' });

/** What a report covers: the caller's jurisdiction always, narrowed to a campaign run, a unit and a date range. */
export const ReportScopeQuery = z.strictObject({
  campaign: CampaignRunId.optional().describe('one campaign run; default: every run in your jurisdiction'),
  unit: Id.optional().describe('one responsible unit; a unit token always reports on its own'),
  from: ReportDay.optional().describe('first day (registration day for hazards, due day for duties)'),
  to: ReportDay.optional().describe('last day, inclusive'),
});
export type ReportScopeQuery = z.infer<typeof ReportScopeQuery>;

export const StatisticsQuery = ReportScopeQuery.extend({
  by: z.enum(ReportGrouping).default(ReportGrouping.unit).describe('one row per campaign run or per unit'),
  period: z.enum(ReportPeriod).default(ReportPeriod.all).describe('split rows by month, quarter or year (all: one row for the whole span)'),
});
export type StatisticsQuery = z.infer<typeof StatisticsQuery>;

const Escalations = z.record(z.string(), z.number().int()).describe('escalation steps taken in the period, per action (notice 通报, interview 约谈 …)');

const RowKey = {
  campaignRunId: z.string().nullable().describe('with by=campaign'),
  unitId: z.string().nullable().describe('with by=unit'),
  unitName: z.string().nullable(),
  period: z.string().nullable().describe('2024-03, 2024-Q1 or 2024; null for the whole span'),
};

export const HazardStatisticsRow = z.object({
  ...RowKey,
  registered: z.number().int().describe('hazards registered in the period (登记)'),
  rectified: z.number().int().describe('of those, rectification submitted and standing (已整改)'),
  verified: z.number().int().describe('of those, verification passed (已验收)'),
  closed: z.number().int().describe('of those, closed (已销号)'),
  overdue: z.number().int().describe('of those, past the time limit and still being rectified now (逾期未改)'),
  rectificationRate: z.number().nullable().describe('整改率 = closed ÷ registered (0–1); null when none was registered'),
  overdueDays: z.object({ total: z.number().int(), max: z.number().int() }).describe('days past the time limit until rectification (or today)'),
  escalations: Escalations,
});

export const DutyStatisticsRow = z.object({
  ...RowKey,
  onTime: z.number().int().describe('submitted by the due date (按时报送)'),
  late: z.number().int().describe('submitted after it (逾期报送)'),
  missing: z.number().int().describe('not submitted and past the due date (未报送)'),
  open: z.number().int().describe('not submitted, not yet due (待报送)'),
  beforeAdoption: z.number().int().describe('fell due before the engine took the campaign over; never asked for through it (启用前到期)'),
  escalations: Escalations,
});

export const HazardStatistics = z.object({ generatedAt: z.string(), rows: z.array(HazardStatisticsRow) });
export type HazardStatistics = z.infer<typeof HazardStatistics>;
export const DutyStatistics = z.object({ generatedAt: z.string(), rows: z.array(DutyStatisticsRow) });
export type DutyStatistics = z.infer<typeof DutyStatistics>;

// Compile-time checks: each row schema is exactly the store's row.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShape = <T extends true>(): T | undefined => undefined;
sameShape<Same<z.infer<typeof HazardStatisticsRow>, StoreHazardRow>>();
sameShape<Same<z.infer<typeof DutyStatisticsRow>, StoreDutyRow>>();

export const EscalationRecordQuery = z.strictObject({
  campaign: CampaignRunId.optional(),
  unit: Id.optional(),
  action: z.enum(EscalationActionName).optional(),
  item: z
    .string()
    .min(1)
    .max(WORKFLOW_ID_MAX_LENGTH)
    .refine((id) => !/\p{Cc}/u.test(id), { error: 'a run id has no control characters' })
    .optional()
    .describe('the run the step was taken by: a hazard ref or a campaign workflow id'),
  from: z.iso.datetime({ offset: true }).optional().describe('planned at or after this instant'),
  before: z.iso.datetime({ offset: true }).optional().describe('planned before this instant'),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
  nextPageToken: z.string().regex(/^[A-Za-z0-9_-]+$/).max(400).optional().describe('from the previous page'),
});
export type EscalationRecordQuery = z.infer<typeof EscalationRecordQuery>;

/** `<action>-<32 hex digits>`, as store/escalation-records.ts names records. */
export const RecordId = z.string().max(80).regex(/^[a-z]+(-[a-z]+)*-[0-9a-f]{32}$/, { error: 'a record id looks like notice-<32 hex digits>' });
export const RecordParams = z.object({ recordId: RecordId });
