/**
 * Bodies and answers of the /campaigns routes. The run's view is the campaign workflow's own
 * `CampaignView`; its schema here is checked against that interface at compile time, so the two
 * cannot drift apart.
 */
import { z } from 'zod';
import { Id } from '../../definitions/common.schema';
import { Jurisdiction } from '../../definitions/campaign.schema';
import { LocalDate } from '../../definitions/local-date.schema';
import { LedgerFileFormat } from '../ledger-file';

/** A ledger of 20,000 rows is well under 5 MiB as a file. */
export const LEDGER_FILE_MAX_BYTES = 5 * 2 ** 20;
const LEDGER_FILE_MAX_BASE64 = Math.ceil(LEDGER_FILE_MAX_BYTES / 3) * 4;
import { ResolvedPhase } from '../../definitions/timeline.schema';
import { MilestoneState, OccurrenceStatus } from '../../workflows/campaign.contract';
import { WindowState } from '../../definitions/vocabulary';
import type {
  CampaignView as WorkflowCampaignView,
  EventView as WorkflowEventView,
  LedgerImportReport as WorkflowLedgerImportReport,
  MilestoneView as WorkflowMilestoneView,
  OccurrenceView as WorkflowOccurrenceView,
} from '../../workflows/campaign.messages';
import type { EscalationLogEntry as WorkflowEscalationLogEntry } from '../../workflows/escalation';
import { CampaignRunId, EscalationLogEntry } from './run.schema';

export const StartCampaignBody = z.object({
  definitionId: z.string().min(1),
  version: z.number().int().positive().describe('the published version the run is pinned to'),
  jurisdiction: Jurisdiction.optional().describe("where it runs: the definition's jurisdiction (default) or one below it"),
});

export const CampaignRunRef = z.object({
  runId: z.string().describe('the campaign run id used in URLs, e.g. jizhou-2024-root-cause@CN.tianjin.jizhou'),
  workflowId: z.string(),
  definitionId: z.string(),
  version: z.number().int().positive(),
  jurisdiction: Jurisdiction,
  requestId: z.string().describe('the API request that started it; also in the run’s memo and log'),
});
export type CampaignRunRef = z.infer<typeof CampaignRunRef>;

export const ExecutionStatus = z.enum(['UNSPECIFIED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED', 'TERMINATED', 'CONTINUED_AS_NEW', 'TIMED_OUT', 'PAUSED', 'UNKNOWN']);

export const CampaignListItem = z.object({
  runId: z.string(),
  definitionId: z.string(),
  version: z.number().int().positive(),
  title: z.string(),
  jurisdiction: Jurisdiction,
  executionStatus: ExecutionStatus,
  phase: z.string().describe('the current phase id, `pending` or `completed`'),
  startedAt: z.string(),
});
export const CampaignList = z.object({ campaigns: z.array(CampaignListItem) });
export type CampaignListItem = z.infer<typeof CampaignListItem>;

export const CampaignListQuery = z.strictObject({ definitionId: Id.optional().describe('only the runs of this definition') });

export const OccurrenceView = z.object({
  occurrenceId: z.string(),
  dutyId: z.string(),
  dutyTitle: z.string(),
  periodLabel: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  opensOn: z.string(),
  dueOn: z.string(),
  dueTime: z.string().optional().describe('HH:MM on the due date when the duty is due at a time of day (e.g. 12:00); absent: by the end of the day'),
  status: z.enum(OccurrenceStatus).describe('open 待报送 / late 逾期未报 / submitted 已报送 / before-adoption 启用前到期（不予督办，可导入台账）'),
  statusLabel: z.string(),
  submittedOn: z.string().nullable(),
  escalationStage: z.string().nullable(),
  escalateFrom: z.string().nullable().describe('the day its ladder counts from, when imported as overdue'),
});

export const MilestoneView = z.object({
  milestoneId: z.string(),
  title: z.string(),
  dueOn: z.string(),
  state: z.enum(MilestoneState).describe('upcoming 未到期 / due 今日到期 / overdue 逾期未确认 / confirmed 已确认完成 / before-adoption 启用前到期'),
  stateLabel: z.string(),
  owners: z.array(z.object({ unitId: z.string(), unitName: z.string() })),
  confirmedOn: z.string().nullable(),
  confirmedBy: z.string().nullable(),
  note: z.string().nullable(),
  escalationStage: z.string().nullable(),
});

/** An event reported under a run (POST /campaigns/{runId}/events). */
export const EventReportBody = z.strictObject({
  type: Id.describe('an event type of the campaign definition (events[].id)'),
  unitId: Id.describe('the unit concerned, which owes the duty the event starts; a unit token may report only for itself'),
  sector: Id.optional().describe('its sector (行业领域), an id of the campaign sectors'),
  occurredAt: z.iso.datetime({ offset: true }).describe('when it happened, an ISO instant with its offset, e.g. 2026-03-10T10:15:00+08:00'),
  text: z.string().min(1).max(2000).describe('what happened (事件简要情况)'),
});

export const EventView = z.object({
  eventId: z.string(),
  type: z.string(),
  title: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  sector: z.string().optional(),
  occurredAt: z.string(),
  text: z.string(),
  reportedBy: z.string(),
  reportedAt: z.string(),
  occurrenceId: z.string().describe('the duty it started: submit it like any duty occurrence'),
  dueOn: z.string(),
  dueTime: z.string().optional().describe('HH:MM on dueOn, when the time limit is in hours'),
  duty: OccurrenceView,
});

export const CampaignView = z.object({
  campaignId: z.string(),
  version: z.number().int(),
  title: z.string(),
  jurisdiction: z.string(),
  status: z.enum(['pending', 'running', 'completed']),
  currentPhase: ResolvedPhase.nullable(),
  today: z.string(),
  clockOffsetMs: z.number(),
  adoptedOn: z.string().nullable().describe('the day the engine took the campaign over: what fell due before it is never escalated unless imported as overdue; null when simulated'),
  phases: z.array(ResolvedPhase.extend({ state: z.enum(['done', 'current', 'upcoming']) })),
  windows: z
    .array(
      z.object({
        windowId: z.string(),
        title: z.string(),
        from: z.string(),
        to: z.string(),
        state: z.enum(WindowState).describe('upcoming 未开始 / open 进行中 / closed 已结束 (on the run’s day)'),
        stateLabel: z.string(),
        owners: z.array(z.object({ unitId: z.string(), unitName: z.string() })),
        audience: z.string().nullable(),
      }),
    )
    .describe('activity windows (活动时段, e.g. 3—4月 集中排查): shown, never escalated'),
  milestones: z.array(MilestoneView),
  occurrences: z.array(OccurrenceView).describe('every duty occurrence opened so far, per unit: open, late or submitted'),
  counts: z.object({ open: z.number().int(), late: z.number().int(), submitted: z.number().int(), beforeAdoption: z.number().int(), upcoming: z.number().int() }),
  calendar: z
    .object({
      years: z.array(z.number().int()).describe('the official years (国务院节假日安排) the run counts working days on'),
      revision: z.number().int().describe('how many calendar updates the run has taken'),
      missingYears: z
        .array(
          z.object({
            year: z.number().int(),
            inSpan: z.boolean(),
            deadlines: z.array(z.object({ kind: z.enum(['milestone', 'duty-occurrence']), ref: z.string(), dueOn: z.string() })),
          }),
        )
        .describe('years the run’s dates fall in without an official calendar: working days are assumed there (Monday–Friday and the fixed-date statutory holidays) until an update brings the year'),
    })
    .describe('the working-day calendar the run carries'),
  events: z.array(EventView).optional().describe('events reported under the run, each with the duty it started'),
  escalationLog: z.array(EscalationLogEntry).describe('the recent escalation steps with their documents (those since the run last continued as new, and up to 100 before)'),
  log: z.array(z.object({ at: z.string(), event: z.string(), detail: z.string(), requestId: z.string().optional() })),
  earlierLines: z
    .object({
      escalationLog: z.number().int().describe('escalation steps before those listed: their documents are in GET /escalations, their counts in the statistics'),
      log: z.number().int().describe('lines of the run’s log before those listed'),
    })
    .describe('lines left behind when the run continued as new, so that what it carries stays small whatever the number of units'),
});

// Compile-time checks: each schema describes exactly the workflow's interface.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShape = <T extends true>(): T | undefined => undefined;
sameShape<Same<z.infer<typeof EscalationLogEntry>, WorkflowEscalationLogEntry>>();
sameShape<Same<z.infer<typeof OccurrenceView>, WorkflowOccurrenceView>>();
sameShape<Same<z.infer<typeof MilestoneView>, WorkflowMilestoneView>>();
sameShape<Same<z.infer<typeof EventView>, WorkflowEventView>>();
sameShape<Same<z.infer<typeof LedgerImportReport>, WorkflowLedgerImportReport>>();
sameShape<Same<z.infer<typeof CampaignView>, WorkflowCampaignView>>();

const Counts = z.record(z.string(), z.number().int());
export const HazardCounts = z
  .object({
    total: z.number().int(),
    byStatus: Counts.describe('hazards per status (rectifying, verifying, closed, …)'),
    byEscalationStage: Counts.describe('hazards per highest escalation step taken; `none` when none was taken'),
  })
  .describe('from the reporting projection (PostgreSQL): a change shows once its hazard run has projected it');
export type HazardCounts = z.infer<typeof HazardCounts>;

export const CampaignDetail = z.object({
  runId: z.string(),
  workflowId: z.string(),
  executionStatus: ExecutionStatus,
  webUiUrl: z.string().describe('the run in the Temporal Web UI'),
  view: CampaignView,
  hazards: HazardCounts,
});

export const CampaignParams = z.object({ runId: CampaignRunId });
export const OccurrenceParams = CampaignParams.extend({ occurrenceId: z.string().min(1).max(300) });

export const DutySubmissionBody = z.object({
  unitId: z.string().min(1),
  note: z.string().max(2000).optional(),
});
export const SubmittedOccurrence = OccurrenceView;

export const MigrationBody = z.object({
  version: z.number().int().positive().describe('a published version newer than the one the run is pinned to'),
  reason: z.string().max(2000).optional(),
});

export const MilestoneParams = CampaignParams.extend({ milestoneId: z.string().min(1).max(200) });
export const MilestoneConfirmationBody = z.strictObject({ note: z.string().min(1).max(2000).optional().describe('how it was reached (说明)') });

const ImportedDate = LocalDate.describe('the day it was submitted or confirmed (not after today)');
/** One line of an imported ledger: what a unit submitted (or a milestone reached) before the engine took over, or an item to treat as overdue from now on. */
export const LedgerEntryBody = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('duty-occurrence'),
    occurrenceId: z.string().min(1).max(300),
    unitId: Id,
    submittedOn: ImportedDate.optional(),
    overdue: z.boolean().optional().describe('true: fell due before the takeover and is to be escalated from the import on'),
    line: z.number().int().positive().optional().describe('the line of the source file, named in refusals'),
  }),
  z.strictObject({
    kind: z.literal('milestone'),
    milestoneId: Id,
    confirmedOn: ImportedDate.optional(),
    overdue: z.boolean().optional(),
    line: z.number().int().positive().optional(),
  }),
]);
const LedgerEntries = z.strictObject({
  entries: z.array(LedgerEntryBody).min(1).max(20_000),
  source: z.string().min(1).max(200).optional().describe('where the ledger comes from, e.g. the file name'),
});
/** The ledger file as the bureau keeps it: columns 类型、编号、单位、日期、处理 (see server/ledger-file.ts). */
const LedgerFile = z.strictObject({
  file: z.strictObject({
    name: z.string().min(1).max(200).describe('the file name, kept as the source in the run log'),
    format: z.enum(LedgerFileFormat),
    content: z.base64().max(LEDGER_FILE_MAX_BASE64).describe('the file, base64-encoded'),
  }),
});
export const LedgerImportBody = z.union([LedgerEntries, LedgerFile]);

/** An unreadable ledger file: every row at fault. */
export const LedgerFileProblem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.literal(422),
  detail: z.string().optional(),
  instance: z.string().optional(),
  errors: z.array(z.string()),
});
export const LedgerImportReport = z.object({
  imported: z.number().int(),
  submitted: z.number().int(),
  confirmed: z.number().int(),
  overdue: z.number().int(),
});
