/**
 * /campaigns: operators start a campaign run from a published definition version for a
 * jurisdiction, list and inspect the runs within theirs, and migrate a run to a newer version;
 * units (and operators) submit the duty occurrences they owe. The runs live in Temporal: starts,
 * submissions and migrations are workflow starts and updates, views are queries and visibility;
 * a run's hazard counts come from the reporting projection (one query).
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { campaignViewQuery, confirmMilestoneUpdate, importLedgerUpdate, migrateCampaignUpdate, submitDutyUpdate, type LedgerEntry } from '../../workflows/campaign.messages';
import { isWithinJurisdiction, onOneLine } from '../../definitions/jurisdiction';
import { WORKFLOW_TYPES } from '../../temporal.config';
import { Role } from '../auth/principal.schema';
import { assertRunning, campaignRunInfo, requireVisibleCampaignRun, runUpdate, startCampaignRun, type CampaignRunInfo } from '../campaign-runs';
import { jurisdictionAndBelowQuery, literal, workflowTypeIs } from '../visibility';
import { noPublishedVersion, requirePublishedVersion } from '../definition-registry';
import { httpError } from '../http-error';
import { readLedgerFile } from '../ledger-file';
import { webUiUrl } from '../runs';
import {
  CampaignDetail,
  CampaignList,
  CampaignListQuery,
  CampaignParams,
  CampaignRunRef,
  CampaignView,
  DutySubmissionBody,
  LEDGER_FILE_MAX_BYTES,
  LedgerFileProblem,
  LedgerImportBody,
  LedgerImportReport,
  MigrationBody,
  MilestoneConfirmationBody,
  MilestoneParams,
  MilestoneView,
  OccurrenceParams,
  StartCampaignBody,
  SubmittedOccurrence,
  type CampaignListItem,
} from '../schemas/campaign.schema';

const tags = ['campaigns'];
const security = [{ bearer: [] }];

export const campaignsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { client, settings } = app.temporal;
  const visibleRun = (request: FastifyRequest, runId: string): Promise<CampaignRunInfo> => requireVisibleCampaignRun(app, request, runId);

  app.post(
    '/campaigns',
    {
      onRequest: app.requireRole(Role.operator),
      schema: {
        summary: 'Start a campaign from a published definition version, for a jurisdiction (operators)',
        description:
          "The jurisdiction defaults to the definition's; it may be one below it (a province plan started in a city) and must be within the operator's. " +
          'The run id names the definition and the jurisdiction; a run that already exists is 409.',
        tags,
        security,
        body: StartCampaignBody,
        response: { 201: CampaignRunRef },
      },
    },
    async (request, reply) => {
      const { definitionId, version } = request.body;
      const published = await requirePublishedVersion(client, definitionId, version);
      // A definition that does not concern the caller is as absent as one never published.
      if (!onOneLine(request.principal!.jurisdiction, published.definition.jurisdiction)) throw noPublishedVersion(definitionId, version);
      const jurisdiction = request.body.jurisdiction ?? published.definition.jurisdiction;
      if (!isWithinJurisdiction(published.definition.jurisdiction, jurisdiction)) {
        throw httpError(422, `A campaign of ${published.definition.jurisdiction} runs there or below it, not in ${jurisdiction} (辖区须为方案辖区或其下级)`);
      }
      app.assertJurisdiction(request, jurisdiction);
      const outcome = await startCampaignRun(client, settings, { published, jurisdiction, requestId: request.id, officialCalendar: app.officialCalendar });
      if (!outcome.started) throw httpError(409, outcome.reason);
      request.log.info({ runId: outcome.ref.runId, definitionId, version, jurisdiction }, 'campaign started');
      return reply.status(201).send(outcome.ref);
    },
  );

  app.get(
    '/campaigns',
    {
      onRequest: app.requireRole(Role.operator, Role.unit),
      schema: {
        summary: "Campaign runs in the caller's jurisdiction and below, running or finished",
        tags,
        security,
        querystring: CampaignListQuery,
        response: { 200: CampaignList },
      },
    },
    async (request) => {
      const { definitionId } = request.query;
      const filters = [workflowTypeIs(WORKFLOW_TYPES.campaign), jurisdictionAndBelowQuery(request.principal!.jurisdiction)];
      if (definitionId !== undefined) filters.push(`CampaignId = ${literal(definitionId)}`);
      const campaigns: CampaignListItem[] = [];
      for await (const execution of client.workflow.list({ query: filters.join(' AND ') })) {
        const run = campaignRunInfo(execution);
        if (!run || !isWithinJurisdiction(request.principal!.jurisdiction, run.jurisdiction)) continue;
        const { runId, title, jurisdiction, phase, startedAt } = run;
        campaigns.push({ runId, definitionId: run.definitionId, version: run.version, title, jurisdiction, executionStatus: run.status, phase, startedAt });
      }
      campaigns.sort((a, b) => a.runId.localeCompare(b.runId));
      return { campaigns };
    },
  );

  app.get(
    '/campaigns/:runId',
    {
      onRequest: app.requireRole(Role.operator, Role.unit),
      schema: {
        summary: 'One campaign run: current phase, timeline with done/open/late, and its hazards counted by status and escalation stage (from the reporting projection)',
        tags,
        security,
        params: CampaignParams,
        response: { 200: CampaignDetail },
      },
    },
    async (request) => {
      const run = await visibleRun(request, request.params.runId);
      const [view, hazards] = await Promise.all([
        client.workflow.getHandle(run.workflowId).query(campaignViewQuery),
        app.store().statistics.hazardCounts(run.runId),
      ]);
      return { runId: run.runId, workflowId: run.workflowId, executionStatus: run.status, webUiUrl: webUiUrl(settings, run.workflowId), view, hazards };
    },
  );

  app.post(
    '/campaigns/:runId/duties/:occurrenceId/submissions',
    {
      onRequest: app.requireRole(Role.unit, Role.operator),
      schema: {
        summary: 'Submit a duty occurrence (a report, an inspection …) for a unit: units for themselves, operators for any unit',
        description: 'Refused with 409 and the reason when the occurrence is not open for that unit or was already submitted.',
        tags,
        security,
        params: OccurrenceParams,
        body: DutySubmissionBody,
        response: { 200: SubmittedOccurrence },
      },
    },
    async (request) => {
      const { unitId, note } = request.body;
      app.assertUnit(request, unitId);
      const run = await visibleRun(request, request.params.runId);
      assertRunning(run);
      const submission = { occurrenceId: request.params.occurrenceId, unitId, by: request.principal!.sub, requestId: request.id, ...(note ? { note } : {}) };
      const occurrence = await runUpdate(() => client.workflow.getHandle(run.workflowId).executeUpdate(submitDutyUpdate, { args: [submission] }));
      request.log.info({ runId: run.runId, occurrenceId: submission.occurrenceId, unitId }, 'duty submitted');
      return occurrence;
    },
  );

  app.post(
    '/campaigns/:runId/migrations',
    {
      onRequest: app.requireRole(Role.operator),
      schema: {
        summary: 'Migrate a running campaign to a newer published version of its definition (operators)',
        description: 'The run keeps its jurisdiction and the occurrences already open; the migration is recorded in its log.',
        tags,
        security,
        params: CampaignParams,
        body: MigrationBody,
        response: { 200: CampaignView },
      },
    },
    async (request) => {
      const run = await visibleRun(request, request.params.runId);
      assertRunning(run);
      const published = await requirePublishedVersion(client, run.definitionId, request.body.version);
      const migration = {
        definition: { ...published.definition, jurisdiction: run.jurisdiction },
        by: request.principal!.sub,
        requestId: request.id,
        ...(request.body.reason ? { reason: request.body.reason } : {}),
      };
      const view = await runUpdate(() => client.workflow.getHandle(run.workflowId).executeUpdate(migrateCampaignUpdate, { args: [migration] }));
      request.log.info({ runId: run.runId, from: run.version, to: request.body.version }, 'campaign migrated');
      return view;
    },
  );

  app.post(
    '/campaigns/:runId/milestones/:milestoneId/confirmation',
    {
      onRequest: app.requireRole(Role.unit, Role.operator),
      schema: {
        summary: 'Confirm that a milestone (节点) was reached: by one of its owner units or an operator, with a note',
        description: 'A milestone is done only once confirmed; until then it is upcoming, due or overdue, and climbs its ladder if it has one. 409 with the reason when it is already confirmed or the unit does not own it.',
        tags,
        security,
        params: MilestoneParams,
        body: MilestoneConfirmationBody,
        response: { 200: MilestoneView },
      },
    },
    async (request) => {
      const run = await visibleRun(request, request.params.runId);
      assertRunning(run);
      const principal = request.principal!;
      const confirmation = {
        milestoneId: request.params.milestoneId,
        by: principal.sub,
        requestId: request.id,
        ...(principal.role === Role.unit ? { unitId: principal.unitId } : {}),
        ...(request.body.note ? { note: request.body.note } : {}),
      };
      const milestone = await runUpdate(() => client.workflow.getHandle(run.workflowId).executeUpdate(confirmMilestoneUpdate, { args: [confirmation] }));
      request.log.info({ runId: run.runId, milestoneId: confirmation.milestoneId }, 'milestone confirmed');
      return milestone;
    },
  );

  app.post(
    '/campaigns/:runId/imports',
    {
      onRequest: app.requireRole(Role.operator),
      schema: {
        summary: 'Import a ledger when the engine takes over a campaign already under way (operators)',
        description:
          'A campaign started after some of its occurrences or milestones fell due treats them as before adoption: shown, never escalated. ' +
          'A ledger records which units submitted what and when (and which milestones were confirmed), and which of those items are to be treated as overdue: ' +
          'their ladders count from the day of the import. All lines apply or none: a refused ledger is 409 with every line at fault.',
        tags,
        security,
        params: CampaignParams,
        body: LedgerImportBody,
        response: { 200: LedgerImportReport, 422: LedgerFileProblem },
      },
      bodyLimit: 2 * LEDGER_FILE_MAX_BYTES,
    },
    async (request, reply) => {
      const run = await visibleRun(request, request.params.runId);
      assertRunning(run);
      const body = request.body;
      let lines: { entries: LedgerEntry[]; source?: string };
      if ('file' in body) {
        const reading = await readLedgerFile(Buffer.from(body.file.content, 'base64'), body.file.format);
        if (!reading.ok) {
          return reply.status(422).type('application/problem+json').send({
            type: 'about:blank',
            title: 'Ledger file is not readable (台账无法导入)',
            status: 422,
            detail: `${reading.errors.length} row(s) at fault; nothing was imported`,
            instance: request.url,
            errors: reading.errors,
          });
        }
        lines = { entries: reading.entries, source: body.file.name };
      } else {
        lines = { entries: body.entries, ...(body.source ? { source: body.source } : {}) };
      }
      const ledger = { ...lines, by: request.principal!.sub, requestId: request.id };
      const report = await runUpdate(() => client.workflow.getHandle(run.workflowId).executeUpdate(importLedgerUpdate, { args: [ledger] }));
      request.log.info({ runId: run.runId, ...report }, 'ledger imported');
      return report;
    },
  );
};
