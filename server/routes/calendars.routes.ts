/**
 * The official working-day calendars (国务院节假日安排) and how running campaigns take a new one.
 *
 * Bureaus keep the calendars as data files (definitions/calendars/<year>.yaml) and the engine loads
 * them when it starts. A campaign run counts on the years it carried when it started; a year
 * published later (each December the State Council announces the next) reaches it only through
 * the explicit, recorded update here: the run and each of its open hazards count their remaining
 * deadlines and rungs again on it, and their logs say what moved.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { resolveRunCalendar } from '../../definitions/run-calendar';
import { WORKFLOW_TYPES } from '../../temporal.config';
import { applyCalendarUpdate, campaignDefinitionQuery } from '../../workflows/campaign.messages';
import { applyHazardCalendarUpdate } from '../../workflows/hazard.messages';
import { Role } from '../auth/principal.schema';
import { assertRunning, requireVisibleCampaignRun, runUpdate } from '../campaign-runs';
import { hazardWorkflowId } from '../run-ids';
import { CalendarApplication, CalendarApplicationBody, OfficialCalendarList } from '../schemas/calendar.schema';
import { CampaignParams } from '../schemas/campaign.schema';
import { listPage, literal, workflowTypeIs } from '../visibility';

const tags = ['calendars'];
const security = [{ bearer: [] }];

/** Hazards updated at once: a campaign's open hazards are many, and each update is a round trip. */
const HAZARDS_AT_ONCE = 20;

export const calendarsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { client, settings } = app.temporal;

  app.get(
    '/calendars',
    {
      onRequest: app.requireRole(Role.author, Role.operator, Role.unit),
      schema: {
        summary: 'The official calendars the engine has (one per year): holiday periods and the weekend days worked (调休)',
        tags,
        security,
        response: { 200: OfficialCalendarList },
      },
    },
    async () => ({ years: [...app.officialCalendar].sort((a, b) => a.year - b.year) }),
  );

  app.post(
    '/campaigns/:runId/calendar',
    {
      onRequest: app.requireRole(Role.operator),
      schema: {
        summary: "Apply the engine's current official calendars to a running campaign and its open hazards (operators)",
        description:
          'The run carries the years its dates need as they are now; each deadline still to come and each rung not yet taken is counted again, ' +
          'and the run’s log (and each hazard’s history) says what moved. Deadlines already passed and measures already taken stay as they were.',
        tags,
        security,
        params: CampaignParams,
        body: CalendarApplicationBody,
        response: { 200: CalendarApplication },
      },
    },
    async (request) => {
      const run = await requireVisibleCampaignRun(app, request, request.params.runId);
      assertRunning(run);
      const handle = client.workflow.getHandle(run.workflowId);
      const calendar = resolveRunCalendar(app.officialCalendar, await handle.query(campaignDefinitionQuery));
      const update = { calendar, by: request.principal!.sub, requestId: request.id, ...(request.body.reason ? { reason: request.body.reason } : {}) };
      const campaign = await runUpdate(() => handle.executeUpdate(applyCalendarUpdate, { args: [update] }));

      const movedDeadlines: CalendarApplication['hazards']['movedDeadlines'] = [];
      let updated = 0;
      const query = `${workflowTypeIs(WORKFLOW_TYPES.hazard)} AND ExecutionStatus = 'Running' AND WorkflowId STARTS_WITH ${literal(hazardWorkflowId(run.runId, ''))}`;
      for (let nextPageToken: Uint8Array | undefined; ; ) {
        const page = await listPage(client, settings.namespace, { query, pageSize: HAZARDS_AT_ONCE, nextPageToken });
        await Promise.all(
          page.executions.map(async ({ workflowId }) => {
            const before = (await app.hazardViews.get(workflowId)).view.dueOn;
            const view = await runUpdate(() => client.workflow.getHandle(workflowId).executeUpdate(applyHazardCalendarUpdate, { args: [update] }));
            app.hazardViews.offer(workflowId, view);
            updated += 1;
            if (view.dueOn !== before) movedDeadlines.push({ ref: workflowId, hazardId: view.hazard.hazardId, from: before, to: view.dueOn });
          }),
        );
        if (!page.nextPageToken) break;
        nextPageToken = page.nextPageToken;
      }
      request.log.info({ runId: run.runId, revision: campaign.revision, hazards: updated }, 'calendar applied');
      return { campaign, hazards: { updated, movedDeadlines } };
    },
  );
};
