/**
 * /campaigns/{runId}/events: a unit (for itself) or an operator reports an event the campaign
 * asks to be reported (重大事故、突发事件、督查发现的重大隐患). The run checks it against its pinned
 * definition (type, unit, sector, reporter, time) and starts the duty the event type sets, due its
 * time limit after the event, with its ladder; the event then shows in the run's view and log.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { INVALID_EVENT } from '../../workflows/campaign.contract';
import { reportEventUpdate } from '../../workflows/campaign.messages';
import { Role } from '../auth/principal.schema';
import { assertRunning, requireVisibleCampaignRun, runUpdate } from '../campaign-runs';
import { httpError } from '../http-error';
import { CampaignParams, EventReportBody, EventView } from '../schemas/campaign.schema';

export const eventsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { client } = app.temporal;
  app.post(
    '/campaigns/:runId/events',
    {
      onRequest: app.requireRole(Role.unit, Role.operator),
      schema: {
        summary: 'Report an event (事件报告): starts the duty its type sets, due its time limit after the event, and that duty’s ladder',
        description: '422 with the reason for an unknown event type, unit or sector, a unit the type does not let report, or a time ahead of now; 409 when the run has ended.',
        tags: ['campaigns'],
        security: [{ bearer: [] }],
        params: CampaignParams,
        body: EventReportBody,
        response: { 201: EventView },
      },
    },
    async (request, reply) => {
      const body = request.body;
      app.assertUnit(request, body.unitId);
      const run = await requireVisibleCampaignRun(app, request, request.params.runId);
      assertRunning(run);
      const principal = request.principal!;
      const report = { ...body, by: principal.sub, requestId: request.id, ...(principal.role === Role.unit ? { reporterUnit: principal.unitId } : {}) };
      const event = await runUpdate(async () => {
        try {
          return await client.workflow.getHandle(run.workflowId).executeUpdate(reportEventUpdate, { args: [report] });
        } catch (error) {
          // The event itself is wrong (the client's mistake), not in conflict with the run's state.
          if (error instanceof WorkflowUpdateFailedError && (error.cause as { type?: string } | undefined)?.type === INVALID_EVENT) throw httpError(422, error.cause!.message);
          throw error;
        }
      });
      request.log.info({ runId: run.runId, eventId: event.eventId, unitId: body.unitId }, 'event reported');
      return reply.code(201).send(event);
    },
  );
};
