/** GET /health: whether Temporal is reachable, a worker polls the engine's task queue, the record store's database answers, and how current the kept hazard views are. */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export const HealthReport = z.object({
  status: z.enum(['ok', 'degraded']).describe('ok when Temporal is reachable, a worker is polling and the database (if configured) answers'),
  temporal: z.object({
    reachable: z.boolean(),
    address: z.string(),
    namespace: z.string(),
    taskQueue: z.string(),
    workerPolling: z.boolean(),
    error: z.string().optional(),
  }),
  database: z
    .object({ configured: z.boolean(), reachable: z.boolean(), error: z.string().optional() })
    .describe('the record and reporting store (PostgreSQL)'),
  hazardViews: z
    .object({
      kept: z.number().int(),
      megabytes: z.number(),
      changesReadUpTo: z.string().describe('the change feed has read every hazard change before this instant (a lagging value means stale views)'),
    })
    .describe('the hazard views the API keeps in memory'),
});
export type HealthReport = z.infer<typeof HealthReport>;

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health',
    {
      // Supervisors poll it: not counted against a client's rate, logged only at debug.
      config: { rateLimit: false, requestLogLevel: 'debug' },
      schema: {
        summary: 'Health of the engine: Temporal reachable, worker polling, database answering',
        tags: ['health'],
        response: { 200: HealthReport, 503: HealthReport },
      },
    },
    async (_request, reply) => {
      const [probe, database] = await Promise.all([app.temporal.probe(), app.probeStore()]);
      const { address, namespace, taskQueue } = app.temporal.settings;
      const databaseUp = !database.configured || database.reachable;
      const report: HealthReport = {
        status: probe.reachable && probe.workerPolling && databaseUp ? 'ok' : 'degraded',
        temporal: { ...probe, address, namespace, taskQueue },
        database,
        hazardViews: app.hazardViews.stats(),
      };
      return reply.status(probe.reachable && databaseUp ? 200 : 503).send(report);
    },
  );
};
