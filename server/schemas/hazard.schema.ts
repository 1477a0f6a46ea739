/**
 * The hazard resource of the API: what a unit registers, the updates that move a hazard through
 * 整改 → 审核 → 销号, the view of one hazard and the filtered list. The run behind it is named by
 * its workflow id, `hazard:<campaign run id>:<hazard id>`, which is also the `:hazardRef` in URLs
 * (URL-encoded) and the id GET /runs/:workflowId inspects.
 */
import { z } from 'zod';
import { EscalationActionName } from '../../definitions/vocabulary';
import { Id } from '../../definitions/common.schema';
import { LocalDate } from '../../definitions/local-date.schema';
import { DiscoveryChannel, LadderRungState } from '../../workflows/hazard.messages';
import { HazardStatus } from '../../workflows/hazard.contract';
import { CampaignRunId, EscalationLogEntry, HAZARD_ID_MAX_LENGTH, WORKFLOW_ID_MAX_LENGTH } from './run.schema';

const HAZARD_REF_PATTERN = /^hazard:([a-z0-9][a-z0-9-]*@CN(?:\.[a-z0-9-]+)*):([A-Za-z0-9][A-Za-z0-9._-]*)$/;

export const HazardId = z
  .string()
  .max(HAZARD_ID_MAX_LENGTH)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { error: `a hazard id is 1–${HAZARD_ID_MAX_LENGTH} letters, digits, dots, dashes or underscores` })
  .meta({ description: 'the ledger number of the hazard within its campaign run', example: 'JZ-2024-0001' });

export const HazardRefParams = z.object({
  hazardRef: z
    .string()
    .max(WORKFLOW_ID_MAX_LENGTH)
    .regex(HAZARD_REF_PATTERN, { error: 'a hazard ref is the hazard run id, hazard:<campaign run id>:<hazard id>' })
    .meta({ description: 'hazard run id, URL-encoded', example: 'hazard:jizhou-2024-root-cause@CN.tianjin.jizhou:JZ-2024-0001' }),
});

/** The campaign run and hazard id a hazard ref names. */
export function parseHazardRef(hazardRef: string): { campaignRunId: string; hazardId: string } | undefined {
  const match = HAZARD_REF_PATTERN.exec(hazardRef);
  return match ? { campaignRunId: match[1]!, hazardId: match[2]! } : undefined;
}

export const CampaignRunParams = z.object({ runId: CampaignRunId });

const discoveryChannels = Object.values(DiscoveryChannel);
const hazardStatuses = Object.values(HazardStatus);
const escalationActions = Object.values(EscalationActionName);

export const HazardRegistrationBody = z.strictObject({
  hazardId: HazardId.optional().describe('default: a new UUID'),
  level: Id.describe('a level of the campaign hazard policy: major (重大) or ordinary (一般)'),
  description: z.string().min(1).max(500).describe('what the hazard is'),
  location: z.string().min(1).max(200),
  unitId: Id.describe('the responsible unit (责任单位); a unit token may register only its own'),
  unitName: z.string().min(1).max(100),
  unitHead: z.string().min(1).max(50).optional().describe('主要负责人, for 约谈'),
  sector: Id.optional().describe('the sector (行业领域) of the hazard, an id of the campaign sectors'),
  responsiblePerson: z.string().min(1).max(50).describe('责任人'),
  discoveredThrough: z.enum(discoveryChannels).describe('自查 / 执法检查 / 群众举报'),
  measure: z.string().min(1).max(1000).optional().describe('the rectification measure (整改措施), as the 制度措施清单 lists it'),
  dueOn: LocalDate.optional().describe('an explicit time limit (整改时限); default: the campaign hazard policy'),
});
export type HazardRegistrationBody = z.infer<typeof HazardRegistrationBody>;

const Evidence = z
  .strictObject({
    text: z.string().min(1).max(2000).optional(),
    fileRef: z.string().min(1).max(500).optional().describe('a reference to an uploaded photo or document'),
  })
  .refine((e) => e.text !== undefined || e.fileRef !== undefined, { error: 'evidence needs a text or a fileRef' });

export const RectificationBody = z.strictObject({
  evidence: z.array(Evidence).min(1).max(50),
  note: z.string().min(1).max(2000).optional(),
});
export type RectificationBody = z.infer<typeof RectificationBody>;

export const VerificationBody = z.strictObject({ passed: z.boolean(), reason: z.string().min(1).max(2000).optional() });
export const ExtensionRequestBody = z.strictObject({ requestedDueOn: LocalDate, reason: z.string().min(1).max(2000) });
export const ExtensionDecisionBody = z.strictObject({ approved: z.boolean(), reason: z.string().min(1).max(2000).optional() });
export const ReinspectionBody = z.strictObject({
  passed: z.boolean(),
  reason: z.string().min(1).max(2000).optional(),
  newDueOn: LocalDate.optional().describe('required when the re-check (回头看) fails: the new time limit'),
});

const HazardRegistrationView = z.object({
  hazardId: z.string(),
  level: z.string(),
  description: z.string(),
  location: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  unitHead: z.string().optional(),
  responsiblePerson: z.string(),
  discoveredThrough: z.enum(discoveryChannels),
  measure: z.string().optional(),
  registeredOn: z.string().optional(),
  dueOn: z.string().optional(),
  requestId: z.string().optional(),
});

/** One hazard with its whole escalation log and history (the hazard run's own query). */
export const HazardDetail = z.object({
  ref: z.string().describe('hazard run id: use it in /hazards/{hazardRef}/… and /runs/{workflowId}'),
  campaignRunId: z.string(),
  hazard: HazardRegistrationView,
  campaignId: z.string(),
  jurisdiction: z.string(),
  revision: z.number().int().describe('grows with every change of the hazard: a client can tell whether it has changed'),
  status: z.enum(hazardStatuses),
  statusLabel: z.string(),
  dueOn: z.string(),
  deadlines: z.array(z.string()),
  overdue: z.boolean(),
  underListedSupervision: z.boolean(),
  escalationStage: z.string().nullable(),
  nextEscalation: z.object({ stepIndex: z.number().int(), action: z.string(), actionLabel: z.string(), at: z.string() }).nullable(),
  ladder: z
    .array(z.object({ stepIndex: z.number().int(), action: z.string(), actionLabel: z.string(), on: z.string(), state: z.enum(LadderRungState) }))
    .default([])
    .describe('the ladder on calendar dates: taken (on its planned day), passed-over (planned before the hazard came under the engine), upcoming, or not-needed (the hazard is no longer being rectified)'),
  reinspectionDueOn: z.string().nullable(),
  extensionRequest: z.object({ requestedDueOn: z.string(), reason: z.string() }).nullable(),
  escalationLog: z.array(EscalationLogEntry),
  history: z.array(z.object({ at: z.string(), event: z.string(), by: z.string().optional(), detail: z.string().optional(), requestId: z.string().optional() })),
  registeredOn: z.string(),
  closedOn: z.string().nullable(),
});
export type HazardDetail = z.infer<typeof HazardDetail>;

export const HazardListQuery = z.strictObject({
  campaign: CampaignRunId.optional(),
  unit: Id.optional(),
  level: Id.optional(),
  status: z.enum(hazardStatuses).optional(),
  escalationStage: z.enum(escalationActions).optional().describe('the most severe measure taken so far'),
  overdue: z.enum(['true', 'false']).optional().describe('true: past its time limit and still being rectified'),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  nextPageToken: z.string().regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/).max(4096).optional().describe('from the previous page, as it was given'),
});
export type HazardListQuery = z.infer<typeof HazardListQuery>;

/** A hazard as Temporal's visibility store lists it: no query of the run is needed. */
export const HazardListItem = z.object({
  ref: z.string(),
  hazardId: z.string(),
  campaignRunId: z.string(),
  campaignId: z.string().nullable(),
  campaignVersion: z.string().nullable(),
  jurisdiction: z.string().nullable(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  level: z.string().nullable(),
  description: z.string().nullable(),
  status: z.string().nullable().describe('rectifying, extension-requested, verifying, awaiting-reinspection, closed'),
  escalationStage: z.string().nullable(),
  dueTime: z.string().nullable(),
  overdue: z.boolean(),
  registeredAt: z.string(),
  runStatus: z.string().describe('the Temporal run status: RUNNING, COMPLETED, …'),
});
export type HazardListItem = z.infer<typeof HazardListItem>;

export const HazardListPage = z.object({
  items: z.array(HazardListItem),
  nextPageToken: z.string().nullable().describe('pass it back as nextPageToken for the next page; null on the last page'),
});
export type HazardListPage = z.infer<typeof HazardListPage>;
