/**
 * GET /runs/:workflowId — an operator's inspection of one campaign or hazard run, read from
 * Temporal (the system of record): its state and search attributes, the workflow's own view,
 * activities being retried with their last failure, timers with their fire times, the escalation
 * log, and the link to the run in the Temporal Web UI.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Client, WorkflowExecutionDescription, WorkflowHandle } from '@temporalio/client';
// A CommonJS package: Node's ESM loader sees only its default export.
import proto from '@temporalio/proto';
import { campaignViewQuery } from '../../workflows/campaign.messages';
import { hazardViewQuery } from '../../workflows/hazard.messages';
import { WORKFLOW_TYPES } from '../../temporal.config';
import { httpError } from '../http-error';
import { assertRunVisible, describeRun, searchAttributesOf, timestampMs, webUiUrl } from '../runs';
import { RunInspection, RunParams } from '../schemas/run.schema';

/** The workflow types this API starts, and the query that shows each. */
const VIEW_QUERIES = { [WORKFLOW_TYPES.campaign]: campaignViewQuery, [WORKFLOW_TYPES.hazard]: hazardViewQuery } as const;
type InspectableType = keyof typeof VIEW_QUERIES;

/** An inspection must answer while the worker is down — that is when an operator looks. */
const VIEW_QUERY_TIMEOUT_MS = 5_000;

const iso = (ms: number | undefined): string | null => (ms === undefined ? null : new Date(ms).toISOString());

function pendingActivitiesOf(description: WorkflowExecutionDescription): RunInspection['pendingActivities'] {
  return (description.raw.pendingActivities ?? []).map((activity) => ({
    activityId: activity.activityId ?? '',
    activityType: activity.activityType?.name ?? '',
    state: (proto.temporal.api.enums.v1.PendingActivityState[activity.state ?? 0] ?? 'UNSPECIFIED').replace('PENDING_ACTIVITY_STATE_', ''),
    attempt: activity.attempt ?? 0,
    maximumAttempts: activity.maximumAttempts ?? 0,
    scheduledAt: iso(timestampMs(activity.scheduledTime)),
    lastStartedAt: iso(timestampMs(activity.lastStartedTime)),
    nextAttemptAt: iso(timestampMs(activity.nextAttemptScheduleTime)),
    lastFailure: activity.lastFailure
      ? { message: activity.lastFailure.message ?? '', type: activity.lastFailure.applicationFailureInfo?.type ?? null }
      : null,
  }));
}

/** Timers started in the current run and neither fired nor cancelled, with when they fire. */
async function pendingTimersOf(handle: WorkflowHandle, runId: string): Promise<RunInspection['pendingTimers']> {
  const history = await handle.client.getHandle(handle.workflowId, runId).fetchHistory();
  const started = new Map<string, RunInspection['pendingTimers'][number]>();
  for (const event of history.events ?? []) {
    const timer = event.timerStartedEventAttributes;
    if (timer?.timerId) {
      const startedAtMs = timestampMs(event.eventTime) ?? 0;
      const firesAtMs = startedAtMs + (timestampMs(timer.startToFireTimeout) ?? 0);
      started.set(timer.timerId, { timerId: timer.timerId, startedAt: new Date(startedAtMs).toISOString(), firesAt: new Date(firesAtMs).toISOString() });
    }
    const ended = event.timerFiredEventAttributes?.timerId ?? event.timerCanceledEventAttributes?.timerId;
    if (ended) started.delete(ended);
  }
  return [...started.values()];
}

async function viewOf(handle: WorkflowHandle, type: InspectableType): Promise<{ view: Record<string, unknown> | null; viewError?: string }> {
  try {
    const view = await handle.client.withDeadline(Date.now() + VIEW_QUERY_TIMEOUT_MS, () =>
      handle.query<Record<string, unknown>>(VIEW_QUERIES[type].name),
    );
    return { view };
  } catch (error) {
    return { view: null, viewError: (error as Error).message };
  }
}

export const runsRoutes: FastifyPluginAsyncZod = async (app) => {
  const client: Client = app.temporal.client;

  app.get(
    '/runs/:workflowId',
    {
      onRequest: app.requireRole('operator'),
      schema: {
        summary: 'Inspect a campaign or hazard run: state, pending timers and activities, escalation log, Web UI link',
        tags: ['runs'],
        security: [{ bearer: [] }],
        params: RunParams,
        response: { 200: RunInspection },
      },
    },
    async (request) => {
      const handle = client.workflow.getHandle(request.params.workflowId);
      const description = await describeRun(handle);
      if (!(description.type in VIEW_QUERIES)) throw httpError(404, `Run ${description.workflowId} is not a campaign or hazard run`);
      const searchAttributes = searchAttributesOf(description.typedSearchAttributes);
      assertRunVisible(app, request, description.workflowId, searchAttributes);

      const [{ view, viewError }, pendingTimers] = await Promise.all([
        viewOf(handle, description.type as InspectableType),
        pendingTimersOf(handle, description.runId),
      ]);
      return {
        workflowId: description.workflowId,
        runId: description.runId,
        type: description.type,
        status: description.status.name,
        startTime: description.startTime.toISOString(),
        closeTime: description.closeTime?.toISOString() ?? null,
        historyLength: description.historyLength,
        searchAttributes,
        memo: description.memo ?? {},
        view,
        ...(viewError ? { viewError } : {}),
        pendingActivities: pendingActivitiesOf(description),
        pendingTimers,
        escalationLog: Array.isArray(view?.escalationLog) ? (view.escalationLog as RunInspection['escalationLog']) : [],
        webUiUrl: webUiUrl(app.temporal.settings, description.workflowId, description.runId),
      };
    },
  );
};
