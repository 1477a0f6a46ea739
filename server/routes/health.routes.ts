/** GET /health: whether Temporal is reachable, a worker polls the engine's task queue, and how current the kept hazard views are. */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export const HealthReport = z.object({
  status: z.enum(['ok', 'degraded']).describe('ok when Temporal is reachable and a worker is polling'),
  temporal: z.object({
    reachable: z.boolean(),
    address: z.string(),
    namespace: z.string(),
    taskQueue: z.string(),
    workerPolling: z.boolean(),
    error: z.string().optional(),
  }),
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
        summary: 'Health of the engine: Temporal reachable, worker polling',
        tags: ['health'],
        response: { 200: HealthReport, 503: HealthReport },
      },
    },
    async (_request, reply) => {
      const probe = await app.temporal.probe();
      const { address, namespace, taskQueue } = app.temporal.settings;
      const healthy = probe.reachable && probe.workerPolling;
      const report: HealthReport = {
        status: healthy ? 'ok' : 'degraded',
        temporal: { ...probe, address, namespace, taskQueue },
        hazardViews: app.hazardViews.stats(),
      };
      return reply.status(probe.reachable ? 200 : 503).send(report);
    },
  );
};
