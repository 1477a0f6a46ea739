/**
 * What the API says about runs: the ids in URLs, the escalation log every run keeps, and the
 * inspection view of one run (GET /runs/:workflowId).
 */
import { z } from 'zod';
import { ESCALATION_OUTCOMES } from '../../workflows/escalation-outcome.contract';

/**
 * The longest workflow id Temporal accepts (its default `limit.maxIDLength`), and so the longest id
 * any URL of the API carries: the router's `maxParamLength` (server/app.ts) is this, and every
 * path parameter's schema is bounded by it (checked when a route is added).
 */
export const WORKFLOW_ID_MAX_LENGTH = 1000;

/** A hazard id (server/schemas/hazard.schema.ts) is at most this long. */
export const HAZARD_ID_MAX_LENGTH = 64;

/**
 * `<definition id>@<jurisdiction with dots>`, as server/run-ids.ts names a campaign run; short
 * enough that every hazard run under it (`hazard:<run id>:<hazard id>`) is a valid workflow id.
 */
export const CampaignRunId = z
  .string()
  .max(WORKFLOW_ID_MAX_LENGTH - 'hazard::'.length - HAZARD_ID_MAX_LENGTH, { error: 'a campaign run id is too long' })
  .regex(/^[a-z0-9][a-z0-9-]*@CN(\.[a-z0-9-]+)*$/, { error: 'a campaign run id looks like jizhou-2024-root-cause@CN.tianjin.jizhou' })
  .meta({ description: 'campaign run id: <definition id>@<jurisdiction, / written as .>', example: 'jizhou-2024-root-cause@CN.tianjin.jizhou' });

/** The workflow id of a run the API inspects (GET /runs/:workflowId). */
export const RunParams = z.object({
  workflowId: z.string().min(1).max(WORKFLOW_ID_MAX_LENGTH).describe('workflow id, URL-encoded (campaign:<run id> or hazard:<run id>:<hazard id>)'),
});

/** One line of a run's escalation log (workflows/escalation.ts `EscalationLogEntry`). */
export const EscalationLogEntry = z.object({
  itemId: z.string(),
  unitId: z.string(),
  ladderId: z.string(),
  stepIndex: z.number().int(),
  action: z.string(),
  actionLabel: z.string().describe('通报, 约谈 …'),
  plannedAt: z.string(),
  performedAt: z.string().nullable(),
  recipient: z.string().nullable(),
  message: z.string().nullable(),
  recordId: z.string().nullable(),
  outcome: z.enum(ESCALATION_OUTCOMES),
  error: z.string().optional(),
});

export const PendingActivity = z.object({
  activityId: z.string(),
  activityType: z.string(),
  state: z.string().describe('SCHEDULED, STARTED, CANCEL_REQUESTED, PAUSED …'),
  attempt: z.number().int(),
  maximumAttempts: z.number().int().describe('0: unlimited (bounded by the schedule-to-close timeout)'),
  scheduledAt: z.string().nullable(),
  lastStartedAt: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  lastFailure: z.object({ message: z.string(), type: z.string().nullable() }).nullable(),
});

export const PendingTimer = z.object({
  timerId: z.string(),
  startedAt: z.string(),
  firesAt: z.string(),
});

export const RunInspection = z.object({
  workflowId: z.string(),
  runId: z.string(),
  type: z.string().describe('campaignWorkflow or hazardWorkflow'),
  status: z.string().describe('RUNNING, COMPLETED, FAILED, TERMINATED, …'),
  startTime: z.string(),
  closeTime: z.string().nullable(),
  historyLength: z.number().int(),
  searchAttributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())])),
  memo: z.record(z.string(), z.unknown()),
  view: z.record(z.string(), z.unknown()).nullable().describe("the workflow's own query: campaignView or hazardView"),
  viewError: z.string().optional().describe('why the view could not be read (e.g. no worker polling)'),
  pendingActivities: z.array(PendingActivity),
  pendingTimers: z.array(PendingTimer),
  escalationLog: z.array(EscalationLogEntry),
  webUiUrl: z.string().describe('the run in the Temporal Web UI'),
});
export type RunInspection = z.infer<typeof RunInspection>;
