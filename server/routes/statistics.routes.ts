/**
 * /statistics: the figures bureaus ask for (store/statistics.ts says exactly how each is counted),
 * per campaign run or per unit, per month, quarter or year, within the caller's jurisdiction —
 * computed by PostgreSQL from the reporting projection, without a call to Temporal. The projection
 * follows the runs within about a second; on top of that, identical requests share one answer for
 * up to a second (two while it is remade), so a dashboard many people keep open costs one query.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ReportQuery } from '../../store';
import { Role } from '../auth/principal.schema';
import { prerender, sendPrerendered, sharedBodies } from '../prerendered';
import { reportScope } from '../report-scope';
import { DutyStatistics, HazardStatistics, StatisticsQuery } from '../schemas/report.schema';

const tags = ['statistics'];
const security = [{ bearer: [] }];

export const statisticsRoutes: FastifyPluginAsyncZod = async (app) => {
  const hazards = sharedBodies(async (query: ReportQuery) => {
    const now = new Date();
    return prerender(HazardStatistics, { generatedAt: now.toISOString(), rows: await app.store().statistics.hazards(query, now) });
  });
  const duties = sharedBodies(async (query: ReportQuery) => {
    const now = new Date();
    return prerender(DutyStatistics, { generatedAt: now.toISOString(), rows: await app.store().statistics.duties(query, now) });
  });
  /** The caller's query as the store takes it; its JSON (scope included) is the key of a shared answer. */
  const reportQuery = (request: Parameters<typeof reportScope>[1], query: StatisticsQuery): ReportQuery => {
    const { by, period, from, to } = query;
    return { scope: reportScope(app, request, query), by, period, ...(from ? { from } : {}), ...(to ? { to } : {}) };
  };

  app.get(
    '/statistics/hazards',
    {
      onRequest: app.requireRole(Role.operator, Role.unit),
      schema: {
        summary: 'Hazard statistics: registered, rectified, verified, closed, overdue, 整改率, overdue days, escalations by rung',
        description:
          'Hazards are counted in the period they were registered in and shown as they stand now; escalations in the period they were taken in. ' +
          'Rows per campaign run or per unit (by), split by month, quarter or year (period). An answer may be a second old.',
        tags,
        security,
        querystring: StatisticsQuery,
        response: { 200: HazardStatistics },
      },
    },
    async (request, reply) => {
      const query = reportQuery(request, request.query);
      return sendPrerendered<HazardStatistics>(request, reply, await hazards(JSON.stringify(query), query));
    },
  );

  app.get(
    '/statistics/duties',
    {
      onRequest: app.requireRole(Role.operator, Role.unit),
      schema: {
        summary: 'Duty statistics: occurrences submitted on time, late, missing, still open or due before adoption, and their escalations by rung',
        description: 'Occurrences are counted in the period they fall due in; escalations in the period they were taken in. An answer may be a second old.',
        tags,
        security,
        querystring: StatisticsQuery,
        response: { 200: DutyStatistics },
      },
    },
    async (request, reply) => {
      const query = reportQuery(request, request.query);
      return sendPrerendered<DutyStatistics>(request, reply, await duties(JSON.stringify(query), query));
    },
  );
};
