/**
 * /statistics: the figures bureaus ask for (store/statistics.ts says exactly how each is counted),
 * per campaign run or per unit, per month, quarter or year, within the caller's jurisdiction —
 * computed by PostgreSQL from the reporting projection, without a call to Temporal.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Role } from '../auth/principal.schema';
import { reportScope } from '../report-scope';
import { DutyStatistics, HazardStatistics, StatisticsQuery } from '../schemas/report.schema';

const tags = ['statistics'];
const security = [{ bearer: [] }];

export const statisticsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/statistics/hazards',
    {
      onRequest: app.requireRole(Role.operator, Role.unit),
      schema: {
        summary: 'Hazard statistics: registered, rectified, verified, closed, overdue, 整改率, overdue days, escalations by rung',
        description:
          'Hazards are counted in the period they were registered in and shown as they stand now; escalations in the period they were taken in. ' +
          'Rows per campaign run or per unit (by), split by month, quarter or year (period).',
        tags,
        security,
        querystring: StatisticsQuery,
        response: { 200: HazardStatistics },
      },
    },
    async (request) => {
      const { by, period, from, to } = request.query;
      const now = new Date();
      const rows = await app.store().statistics.hazards({ scope: reportScope(app, request, request.query), by, period, from, to }, now);
      return { generatedAt: now.toISOString(), rows };
    },
  );

  app.get(
    '/statistics/duties',
    {
      onRequest: app.requireRole(Role.operator, Role.unit),
      schema: {
        summary: 'Duty statistics: occurrences submitted on time, late, missing and still open, and their escalations by rung',
        description: 'Occurrences are counted in the period they fall due in; escalations in the period they were taken in.',
        tags,
        security,
        querystring: StatisticsQuery,
        response: { 200: DutyStatistics },
      },
    },
    async (request) => {
      const { by, period, from, to } = request.query;
      const now = new Date();
      const rows = await app.store().statistics.duties({ scope: reportScope(app, request, request.query), by, period, from, to }, now);
      return { generatedAt: now.toISOString(), rows };
    },
  );
};
