/**
 * The API's side of campaign runs: starting one pinned to a published version for a jurisdiction,
 * and finding a run and where it belongs. Used by the /campaigns routes and the main job's seeding.
 * (A run's hazard counts come from the reporting projection: store/statistics.ts.)
 */
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, WorkflowUpdateFailedError, type Client, type WorkflowExecutionStatusName } from '@temporalio/client';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { OfficialYear } from '../definitions/calendar-year.schema';
import type { CampaignDefinition } from '../definitions/campaign.schema';
import { resolveRunCalendar } from '../definitions/run-calendar';
import { WORKFLOW_TYPES, type TemporalSettings } from '../temporal.config';
import type { campaignWorkflow } from '../workflows/campaign.workflow';
import type { PublishedDefinition } from '../workflows/definition-registry.messages';
import { searchAttributeKeys } from '../workflows/search-attributes.contract';
import { httpError } from './http-error';
import { campaignRunId, campaignWorkflowId } from './run-ids';
import type { CampaignRunRef } from './schemas/campaign.schema';

const CAMPAIGN_WORKFLOW_PREFIX = campaignWorkflowId('');

/** What a campaign run's memo carries, so listings need no query per run. */
export interface CampaignRunMemo {
  definitionId: string;
  version: number;
  title: string;
  jurisdiction: string;
  requestId: string;
  /** Raised by the run at each calendar update: what a hazard registered under it is counted on changes then. */
  calendarRevision?: number;
}

export type StartOutcome = { started: true; ref: CampaignRunRef } | { started: false; ref: CampaignRunRef; reason: string };

/**
 * Starts the campaign workflow on a published version, for a jurisdiction at or below the
 * definition's. The run's copy of the definition carries the run's jurisdiction, so its search
 * attributes, its notices and its hazards all name where it runs. A run that exists (running or
 * completed) is not started again; only a failed or terminated one may be restarted.
 */
export async function startCampaignRun(
  client: Client,
  settings: TemporalSettings,
  options: { published: PublishedDefinition; jurisdiction: string; requestId: string; officialCalendar: readonly OfficialYear[] },
): Promise<StartOutcome> {
  const { published, jurisdiction, requestId } = options;
  const definition: CampaignDefinition = { ...published.definition, jurisdiction };
  const runId = campaignRunId(definition.id, jurisdiction);
  const ref: CampaignRunRef = { runId, workflowId: campaignWorkflowId(runId), definitionId: definition.id, version: definition.version, jurisdiction, requestId };
  const memo: CampaignRunMemo = { definitionId: definition.id, version: definition.version, title: definition.title.zh, jurisdiction, requestId };
  try {
    await client.workflow.start<typeof campaignWorkflow>(WORKFLOW_TYPES.campaign, {
      workflowId: ref.workflowId,
      taskQueue: settings.taskQueue,
      // The run carries the official years it needs as they are today; a later publication reaches it only by an explicit update.
      args: [{ definition, requestId, calendar: resolveRunCalendar(options.officialCalendar, definition) }],
      memo: { ...memo },
      // Set at start as well as by the run, so a listing right after the start already finds it.
      typedSearchAttributes: [
        { key: searchAttributeKeys.CampaignId, value: definition.id },
        { key: searchAttributeKeys.CampaignVersion, value: String(definition.version) },
        { key: searchAttributeKeys.Jurisdiction, value: jurisdiction },
      ],
      workflowIdConflictPolicy: 'FAIL',
      workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
    });
    return { started: true, ref };
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) {
      return { started: false, ref, reason: `Campaign run ${runId} already exists (该行动已在本辖区启动)` };
    }
    throw error;
  }
}

export interface CampaignRunInfo {
  runId: string;
  workflowId: string;
  definitionId: string;
  version: number;
  title: string;
  jurisdiction: string;
  status: WorkflowExecutionStatusName;
  startedAt: string;
  /** The run's current phase id, `pending` or `completed`, as its ItemStatus search attribute says. */
  phase: string;
  /** How many calendar updates the run has taken (its memo). */
  calendarRevision: number;
}

type ExecutionInfo = Awaited<ReturnType<ReturnType<Client['workflow']['getHandle']>['describe']>>;

/** A run's facts from its visibility record: search attributes first (they follow migrations), memo for the rest. */
export function campaignRunInfo(execution: Pick<ExecutionInfo, 'workflowId' | 'memo' | 'typedSearchAttributes' | 'status' | 'startTime'>): CampaignRunInfo | undefined {
  const memo = execution.memo as Partial<CampaignRunMemo> | undefined;
  const attributes = execution.typedSearchAttributes;
  const definitionId = attributes.get(searchAttributeKeys.CampaignId) ?? memo?.definitionId;
  const jurisdiction = attributes.get(searchAttributeKeys.Jurisdiction) ?? memo?.jurisdiction;
  const version = Number(attributes.get(searchAttributeKeys.CampaignVersion) ?? memo?.version);
  if (!execution.workflowId.startsWith(CAMPAIGN_WORKFLOW_PREFIX) || !definitionId || !jurisdiction || !Number.isInteger(version)) return undefined;
  return {
    runId: execution.workflowId.slice(CAMPAIGN_WORKFLOW_PREFIX.length),
    workflowId: execution.workflowId,
    definitionId,
    version,
    title: memo?.title ?? definitionId,
    jurisdiction,
    status: execution.status.name,
    startedAt: execution.startTime.toISOString(),
    phase: attributes.get(searchAttributeKeys.ItemStatus) ?? 'pending',
    calendarRevision: memo?.calendarRevision ?? 0,
  };
}

/** What the API answers for a campaign run that does not exist — and for one the caller may not see. */
export const noCampaignRun = (runId: string): Error => httpError(404, `No campaign run ${runId} (没有该行动)`);

/** The run behind a run id, within the caller's jurisdiction (404 otherwise, as for no run). */
export async function requireVisibleCampaignRun(app: FastifyInstance, request: FastifyRequest, runId: string): Promise<CampaignRunInfo> {
  const run = await requireCampaignRun(app.temporal.client, runId);
  if (!app.mayAccess(request, { jurisdiction: run.jurisdiction })) throw noCampaignRun(runId);
  return run;
}

/** 409 unless the run is still running: a finished campaign takes no more submissions, updates or hazards. */
export function assertRunning(run: CampaignRunInfo): void {
  if (run.status !== 'RUNNING') throw httpError(409, `Campaign run ${run.runId} is ${run.status.toLowerCase()} (该行动已结束)`);
}

/** Runs an update on a run; the workflow's validator refusing it (its reason is in Chinese) is a 409. */
export async function runUpdate<T>(update: () => Promise<T>): Promise<T> {
  try {
    return await update();
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError) throw httpError(409, error.cause?.message ?? error.message);
    throw error;
  }
}

/** The run behind a run id, or 404. */
export async function requireCampaignRun(client: Client, runId: string): Promise<CampaignRunInfo> {
  let description: ExecutionInfo;
  try {
    description = await client.workflow.getHandle(campaignWorkflowId(runId)).describe();
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) throw noCampaignRun(runId);
    throw error;
  }
  const info = description.type === WORKFLOW_TYPES.campaign ? campaignRunInfo(description) : undefined;
  if (!info) throw noCampaignRun(runId);
  return info;
}
