/**
 * /statistics: the figures bureaus ask for (store/statistics.ts says exactly how each is counted),
 * per campaign run or per unit, per month, quarter or year, within the caller's jurisdiction —
 * computed by PostgreSQL from the reporting projection, without a call to Temporal. The projection
 * follows the runs within about a second; on top of that, identical requests share one answer for
 * up to a second (two while it is remade), so a dashboard many people keep open costs one query.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { ReportQuery, Store } from '../../store';
import { Role } from '../auth/principal.schema';
import { prerender, sendPrerendered, sharedBodies, type PrerenderedBody } from '../prerendered';
import { reportScope } from '../report-scope';
import { DutyStatistics, HazardStatistics, StatisticsQuery } from '../schemas/report.schema';

/** One statistics route: its path, what it says in OpenAPI, its answer's schema and how the answer is made. */
interface StatisticsRoute {
  path: string;
  summary: string;
  description: string;
  schema: z.ZodType;
  answer(statistics: Store['statistics'], query: ReportQuery, now: Date): Promise<PrerenderedBody>;
}

const ROUTES: StatisticsRoute[] = [
  {
    path: '/statistics/hazards',
    summary: 'Hazard statistics: registered, rectified, verified, closed, overdue, 整改率, overdue days, escalations by rung',
    description:
      'Hazards are counted in the period they were registered in and shown as they stand now; escalations in the period they were taken in. ' +
      'Rows per campaign run or per unit (by), split by month, quarter or year (period). An answer may be a second old.',
    schema: HazardStatistics,
    answer: async (statistics, query, now) => prerender(HazardStatistics, { generatedAt: now.toISOString(), rows: await statistics.hazards(query, now) }),
  },
  {
    path: '/statistics/duties',
    summary: 'Duty statistics: occurrences submitted on time, late, missing, still open or due before adoption, and their escalations by rung',
    description: 'Occurrences are counted in the period they fall due in; escalations in the period they were taken in. An answer may be a second old.',
    schema: DutyStatistics,
    answer: async (statistics, query, now) => prerender(DutyStatistics, { generatedAt: now.toISOString(), rows: await statistics.duties(query, now) }),
  },
];

export const statisticsRoutes: FastifyPluginAsyncZod = async (app) => {
  for (const spec of ROUTES) {
    const answers = sharedBodies((query: ReportQuery) => spec.answer(app.store().statistics, query, new Date()));
    app.get(
      spec.path,
      {
        onRequest: app.requireRole(Role.operator, Role.unit),
        schema: { summary: spec.summary, description: spec.description, tags: ['statistics'], security: [{ bearer: [] }], querystring: StatisticsQuery, response: { 200: spec.schema } },
      },
      async (request, reply) => {
        const { by, period, from, to } = request.query;
        // The caller's query as the store takes it; its JSON (scope included) is the key of a shared answer.
        const query: ReportQuery = { scope: reportScope(app, request, request.query), by, period, ...(from ? { from } : {}), ...(to ? { to } : {}) };
        return sendPrerendered(request, reply, await answers(JSON.stringify(query), query));
      },
    );
  }
};
