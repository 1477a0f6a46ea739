/**
 * The Temporal client as a shared resource of the API (Temporal is the system of record), and the
 * probe /health reports: is the server reachable, and is a worker polling the task queue.
 *
 * The probe is shared: callers within PROBE_FRESH_MS get the last answer, and after that the last
 * answer while one call refreshes it, so a supervisor polling hard (or a hundred at once) costs
 * Temporal one probe a second and always answers at once. Its deadline is one a busy Temporal
 * meets; an unreachable one is reported within the connection's retry budget.
 */
import fp from 'fastify-plugin';
import { LRUCache } from 'lru-cache';
import type { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import type { TemporalSettings } from '../../temporal.config';

export interface TemporalProbe {
  reachable: boolean;
  workerPolling: boolean;
  error?: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    temporal: { client: Client; settings: TemporalSettings; probe(): Promise<TemporalProbe> };
  }
}

const PROBE_TIMEOUT_MS = 5_000;
const PROBE_FRESH_MS = 1_000;
const PROBE_KEY = 'probe';

export const temporalPlugin = fp(
  async (app: FastifyInstance, options: { client: Client; settings: TemporalSettings }) => {
    const { client, settings } = options;
    const probeTemporal = async (): Promise<TemporalProbe> => {
      try {
        const deadline = new Date(Date.now() + PROBE_TIMEOUT_MS);
        const taskQueue = await client.connection.withDeadline(deadline, () =>
          client.workflowService.describeTaskQueue({
            namespace: settings.namespace,
            taskQueue: { name: settings.taskQueue },
            taskQueueType: 1, // TASK_QUEUE_TYPE_WORKFLOW
          }),
        );
        return { reachable: true, workerPolling: (taskQueue.pollers ?? []).length > 0 };
      } catch (error) {
        return { reachable: false, workerPolling: false, error: (error as Error).message };
      }
    };
    const probes = new LRUCache<string, TemporalProbe>({ max: 1, ttl: PROBE_FRESH_MS, allowStale: true, fetchMethod: probeTemporal });
    const probe = async (): Promise<TemporalProbe> => (await probes.fetch(PROBE_KEY))!;
    app.decorate('temporal', { client, settings, probe });
  },
  { name: 'temporal' },
);
