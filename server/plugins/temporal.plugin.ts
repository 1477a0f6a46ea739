/**
 * The Temporal client as a shared resource of the API (Temporal is the system of record), and the
 * probes /health reports: is the server reachable, and is a worker polling the task queue.
 */
import fp from 'fastify-plugin';
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

const PROBE_TIMEOUT_MS = 2_000;

export const temporalPlugin = fp(
  async (app: FastifyInstance, options: { client: Client; settings: TemporalSettings }) => {
    const { client, settings } = options;
    const probe = async (): Promise<TemporalProbe> => {
      try {
        const deadline = new Date(Date.now() + PROBE_TIMEOUT_MS);
        await client.connection.withDeadline(deadline, () =>
          client.workflowService.getSystemInfo({}),
        );
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
    app.decorate('temporal', { client, settings, probe });
  },
  { name: 'temporal' },
);
