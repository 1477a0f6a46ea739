/**
 * Hazards (隐患): registered under a campaign run, each is its own hazard run, which the routes
 * start, update and query — nothing is kept here. A hazard is named in URLs by its run id
 * (`:hazardRef`, see server/schemas/hazard.schema.ts).
 *
 * Who may do what: a unit registers, rectifies and asks for more time on its own hazards only; an
 * operator does all of that and verifies, decides extensions and re-checks, within their
 * jurisdiction. Lists are filtered by the caller's jurisdiction (and unit) inside the visibility
 * query itself, so nothing outside it is ever read.
 */
import { randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type Client,
  type WorkflowHandleWithFirstExecutionRunId,
} from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { resolveRunCalendar } from '../../definitions/run-calendar';
import { campaignDefinitionQuery, hazardRulesQuery } from '../../workflows/campaign.messages';
import {
  decideExtensionUpdate,
  hazardViewQuery,
  recordReinspectionUpdate,
  requestExtensionUpdate,
  submitRectificationUpdate,
  verifyRectificationUpdate,
  type HazardCampaignRules,
  type HazardRegistration,
  type HazardView,
} from '../../workflows/hazard.messages';
import type { hazardWorkflow } from '../../workflows/hazard.workflow';
import { hazardRegistrationSearchAttributes, isHazardOverdue, isListedHazardOverdue, noHazardPolicyRefusal } from '../../workflows/hazard.contract';
import { WORKFLOW_TYPES } from '../../temporal.config';
import type { Role } from '../auth/principal.schema';
import { httpError } from '../http-error';
import { noCampaignRun, requireCampaignRun } from '../campaign-runs';
import type { KeptHazardView } from '../hazard-views';
import { hazardWorkflowId } from '../run-ids';
import { assertRunVisible } from '../runs';
import { hazardListQuery, listPage, type ListedExecution } from '../visibility';
import {
  CampaignRunParams,
  ExtensionDecisionBody,
  ExtensionRequestBody,
  HazardDetail,
  HazardListPage,
  HazardListQuery,
  HazardRefParams,
  HazardRegistrationBody,
  ReinspectionBody,
  RectificationBody,
  VerificationBody,
  parseHazardRef,
  type HazardListItem,
} from '../schemas/hazard.schema';
import { prerender, sendPrerendered, sharedBodies } from '../prerendered';
import type { PageTokens } from '../page-tokens';


interface HazardListPageRequest {
  query: string;
  pageSize: number;
  /** Temporal's token, opened from the caller's sealed one. */
  nextPageToken?: Uint8Array;
}

/** The view as the API shows it, with `overdue` judged now rather than when the run published it. */
function detailOf(ref: string, view: HazardView, overdue = isHazardOverdue(view, Date.now())): HazardDetail {
  return { ref, campaignRunId: parseHazardRef(ref)?.campaignRunId ?? '', ...view, overdue };
}

/** Evidence items as the workflow records them: one line each, text and file reference. */
function evidenceLines(evidence: RectificationBody['evidence']): string[] {
  return evidence.map((e) => [e.text, e.fileRef && `附件：${e.fileRef}`].filter(Boolean).join('，'));
}

/** A hazard as its visibility record lists it: search attributes and the memo of its registration. */
function listItemOf(execution: ListedExecution, now: number): HazardListItem {
  const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
  const attributes = execution.searchAttributes;
  const ids = parseHazardRef(execution.workflowId);
  const status = text(attributes.ItemStatus);
  const dueTime = text(attributes.DueTime);
  return {
    ref: execution.workflowId,
    hazardId: ids?.hazardId ?? execution.workflowId,
    campaignRunId: ids?.campaignRunId ?? '',
    campaignId: text(attributes.CampaignId),
    campaignVersion: text(attributes.CampaignVersion),
    jurisdiction: text(attributes.Jurisdiction),
    unitId: text(attributes.UnitId),
    unitName: text(execution.memo.unitName),
    level: text(attributes.HazardLevel),
    description: text(execution.memo.description),
    status,
    escalationStage: text(attributes.EscalationStage),
    dueTime,
    overdue: isListedHazardOverdue({ status, dueTime }, now),
    registeredAt: execution.startTime,
    runStatus: execution.status,
  };
}

/** Why Temporal refused an update, as the API answers it. */
function refusal(error: unknown, ref: string): unknown {
  // The workflow's validator refuses an event the hazard cannot take; its reason is in Chinese.
  if (error instanceof WorkflowUpdateFailedError) return httpError(409, error.cause?.message ?? error.message);
  if (error instanceof WorkflowNotFoundError) return httpError(409, `隐患流程已结束，不能再办理（${ref}）`);
  return error;
}

export const hazardsRoutes: FastifyPluginAsyncZod<{ pageTokens: PageTokens }> = async (app, { pageTokens }) => {
  const client: Client = app.temporal.client;
  const { taskQueue, namespace } = app.temporal.settings;

  /**
   * List pages as visibility answered them, serialized, by query. Visibility is eventually
   * consistent anyway (it indexes a change some time after the run makes it); on top of that a
   * page is served for up to a second as it is, then for up to two while one call refreshes it,
   * and never later. So a dashboard many operators keep open costs one visibility call a second,
   * and identical reads in flight at once share one call.
   */
  const listPages = sharedBodies(async (page: HazardListPageRequest) => prerender(HazardListPage, await listHazardPage(page)));

  /**
   * A run's hazard rules, by run, the version it is pinned to and its calendar revision: neither
   * changes without raising those, so the run is queried once each rather than for every hazard
   * registered under it.
   */
  const rulesOfPinnedVersion = new LRUCache<string, HazardCampaignRules, string>({
    max: 1_000,
    fetchMethod: async (_key, _stale, { context: workflowId }) => {
      const rules = await client.workflow.getHandle(workflowId).query(hazardRulesQuery);
      // A campaign run of engine 0.1 carries no calendar: its hazards count on today's official one.
      return rules.runCalendar ? rules : { ...rules, runCalendar: resolveRunCalendar(app.officialCalendar, await client.workflow.getHandle(workflowId).query(campaignDefinitionQuery)) };
    },
  });

  /** One page of hazards from Temporal's visibility store: search attributes and memo, no query of any run. */
  const listHazardPage = async (page: HazardListPageRequest): Promise<HazardListPage> => {
    const listed = await listPage(client, namespace, page);
    const now = Date.now();
    const nextPageToken = listed.nextPageToken ? pageTokens.seal(listed.nextPageToken, page.query) : null;
    return { items: listed.executions.map((execution) => listItemOf(execution, now)), nextPageToken };
  };

  /** The hazard's current view after checking the caller may see it (404 otherwise, as for no hazard). */
  const visibleHazard = async (request: FastifyRequest, ref: string): Promise<KeptHazardView> => {
    const kept = await app.hazardViews.get(ref);
    // A hazard's jurisdiction and unit never change, so a kept view answers who may see it.
    assertRunVisible(app, request, ref, { Jurisdiction: kept.view.jurisdiction, UnitId: kept.view.hazard.unitId });
    return kept;
  };

  app.post(
    '/campaigns/:runId/hazards',
    {
      onRequest: app.requireRole('unit', 'operator'),
      schema: {
        summary: 'Register a hazard (登记隐患) under a campaign run: starts its hazard run',
        tags: ['hazards'],
        security: [{ bearer: [] }],
        params: CampaignRunParams,
        body: HazardRegistrationBody,
        response: { 201: HazardDetail },
      },
    },
    async (request, reply) => {
      const { runId } = request.params;
      const body = request.body;
      app.assertUnit(request, body.unitId);
      const run = await requireCampaignRun(client, runId);
      // Any unit of the campaign's jurisdiction may register its own hazards under it; to anyone
      // else the run is as absent as one that does not exist.
      if (!app.mayAccess(request, { jurisdiction: run.jurisdiction })) throw noCampaignRun(runId);
      if (run.status !== 'RUNNING') throw httpError(409, `Campaign run ${runId} is ${run.status.toLowerCase()} (该行动已结束，不能登记新隐患)`);
      // Hazards follow the rules of the version the campaign run is pinned to (which a migration may change).
      const rules = (await rulesOfPinnedVersion.fetch(`${run.workflowId}@${run.version}#${run.calendarRevision}`, { context: run.workflowId }))!;
      if (!rules.hazardPolicy) throw httpError(409, noHazardPolicyRefusal(rules.campaign.title));
      if (!rules.hazardPolicy.levels[body.level]) {
        throw httpError(400, `隐患等级“${body.level}”不在本行动的隐患治理规则中（可用：${Object.keys(rules.hazardPolicy.levels).join('、')}）`);
      }
      if (body.sector !== undefined && !rules.sectors?.some((sector) => sector.id === body.sector)) {
        throw httpError(400, `行业领域“${body.sector}”不在本行动的 sectors 中（可用：${rules.sectors?.map((s) => s.id).join('、') || '无'}）`);
      }
      const hazard: HazardRegistration = { ...body, hazardId: body.hazardId ?? randomUUID(), requestId: request.id };
      const ref = hazardWorkflowId(runId, hazard.hazardId);
      let handle: WorkflowHandleWithFirstExecutionRunId<typeof hazardWorkflow>;
      try {
        handle = await client.workflow.start<typeof hazardWorkflow>(WORKFLOW_TYPES.hazard, {
          workflowId: ref,
          taskQueue,
          args: [{ rules, hazard }],
          // Set at start as well as by the run, so the hazard is listed and guarded from its first moment.
          typedSearchAttributes: hazardRegistrationSearchAttributes(rules, hazard),
          // What the list shows without querying every run.
          memo: { requestId: request.id, unitName: hazard.unitName, description: hazard.description },
          // A ledger number names one hazard for good: a closed one is not registered again.
          workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
        });
      } catch (error) {
        if (error instanceof WorkflowExecutionAlreadyStartedError) throw httpError(409, `隐患编号已登记：${hazard.hazardId}`);
        throw error;
      }
      request.log.info({ workflowId: ref, runId: handle.firstExecutionRunId }, 'hazard registered');
      const view = await handle.query(hazardViewQuery);
      app.hazardViews.offer(ref, view);
      return reply.status(201).send(detailOf(ref, view));
    },
  );

  app.get(
    '/hazards',
    {
      onRequest: app.requireRole('unit', 'operator'),
      schema: {
        summary: 'List hazards in your jurisdiction, filtered and paginated (from Temporal visibility)',
        tags: ['hazards'],
        security: [{ bearer: [] }],
        querystring: HazardListQuery,
        response: { 200: HazardListPage },
      },
    },
    async (request, reply) => {
      const filter = request.query;
      const principal = request.principal!;
      if (principal.role === 'unit' && filter.unit !== undefined) app.assertUnit(request, filter.unit);
      // Whole seconds, so that concurrent identical overdue lists are one visibility query.
      const now = new Date(Math.floor(Date.now() / 1000) * 1000);
      const query = hazardListQuery(
        {
          jurisdiction: principal.jurisdiction,
          unitId: principal.role === 'unit' ? principal.unitId : filter.unit,
          campaignRunId: filter.campaign,
          level: filter.level,
          status: filter.status,
          escalationStage: filter.escalationStage,
          overdue: filter.overdue === undefined ? undefined : filter.overdue === 'true',
        },
        now,
      );
      const page = { query, pageSize: filter.pageSize, nextPageToken: filter.nextPageToken === undefined ? undefined : pageTokens.open(filter.nextPageToken, query) };
      const key = JSON.stringify({ query, pageSize: filter.pageSize, nextPageToken: filter.nextPageToken });
      return sendPrerendered<HazardListPage>(request, reply, await listPages(key, page));
    },
  );

  app.get(
    '/hazards/:hazardRef',
    {
      onRequest: app.requireRole('unit', 'operator'),
      schema: {
        summary: 'One hazard with its deadlines, history and full escalation log',
        tags: ['hazards'],
        security: [{ bearer: [] }],
        params: HazardRefParams,
        response: { 200: HazardDetail },
      },
    },
    async (request, reply) => {
      const { hazardRef } = request.params;
      const kept = await visibleHazard(request, hazardRef);
      // Read far more often than it changes: the response is checked against its schema and
      // serialized once per kept view (and again when it turns overdue), then sent as it is.
      const overdue = kept.overdueFrom !== null && Date.now() >= kept.overdueFrom;
      if (kept.rendered?.overdue !== overdue) kept.rendered = { overdue, body: prerender(HazardDetail, detailOf(hazardRef, kept.view, overdue)) };
      return sendPrerendered<HazardDetail>(request, reply, kept.rendered.body);
    },
  );

  /** One route per update: who may send it, its body, and how the body becomes the update's argument. */
  const updateRoute = <Body extends z.ZodType, Arg>(spec: {
    path: string;
    summary: string;
    roles: Role[];
    body: Body;
    update: UpdateDefinition<HazardView, [Arg]>;
    argument: (body: z.infer<Body>, by: string, requestId: string) => Arg;
  }): void => {
    app.post(
      `/hazards/:hazardRef/${spec.path}`,
      {
        onRequest: app.requireRole(...spec.roles),
        schema: {
          summary: spec.summary,
          tags: ['hazards'],
          security: [{ bearer: [] }],
          params: HazardRefParams,
          body: spec.body,
          response: { 200: HazardDetail },
        },
      },
      async (request) => {
        const { hazardRef } = request.params;
        await visibleHazard(request, hazardRef);
        const argument = spec.argument(request.body as z.infer<Body>, request.principal!.sub, request.id);
        let view: HazardView;
        try {
          view = await client.workflow.getHandle(hazardRef).executeUpdate(spec.update, { args: [argument] });
        } catch (error) {
          throw refusal(error, hazardRef);
        }
        app.hazardViews.offer(hazardRef, view);
        return detailOf(hazardRef, view);
      },
    );
  };

  updateRoute({
    path: 'rectification',
    summary: 'Submit the rectification (整改) with its evidence',
    roles: ['unit', 'operator'],
    body: RectificationBody,
    update: submitRectificationUpdate,
    argument: (body, by, requestId) => ({ evidence: evidenceLines(body.evidence), note: body.note, by, requestId }),
  });
  updateRoute({
    path: 'verification',
    summary: 'Verify the rectification (审核验收): pass closes (销号) the hazard, fail sends it back',
    roles: ['operator'],
    body: VerificationBody,
    update: verifyRectificationUpdate,
    argument: (body, verifier, requestId) => ({ passed: body.passed, reason: body.reason, verifier, requestId }),
  });
  updateRoute({
    path: 'extension-requests',
    summary: 'Ask for a later time limit (申请延期)',
    roles: ['unit', 'operator'],
    body: ExtensionRequestBody,
    update: requestExtensionUpdate,
    argument: (body, by, requestId) => ({ requestedDueOn: body.requestedDueOn, reason: body.reason, by, requestId }),
  });
  updateRoute({
    path: 'extension-decision',
    summary: 'Approve or deny the pending extension request',
    roles: ['operator'],
    body: ExtensionDecisionBody,
    update: decideExtensionUpdate,
    argument: (body, approver, requestId) => ({ approved: body.approved, reason: body.reason, approver, requestId }),
  });
  updateRoute({
    path: 'reinspection',
    summary: 'Record the re-check (回头看): a failure reopens the hazard with a new time limit',
    roles: ['operator'],
    body: ReinspectionBody,
    update: recordReinspectionUpdate,
    argument: (body, inspector, requestId) => ({ passed: body.passed, reason: body.reason, newDueOn: body.newDueOn, inspector, requestId }),
  });
};
