/**
 * The engine's worker: the campaign and hazard workflows (bundled from workflows/index.ts) and
 * every activity, polling the task queue named in temporal.config.ts.
 */
import { NativeConnection, Worker } from '@temporalio/worker';
import { fileURLToPath } from 'node:url';
import type { TemporalSettings } from '../temporal.config';

export const workflowsPath = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

export interface EngineWorkerOptions {
  connection: NativeConnection;
  settings: Pick<TemporalSettings, 'namespace' | 'taskQueue'>;
}

export function createEngineWorker({ connection, settings }: EngineWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection,
    namespace: settings.namespace,
    taskQueue: settings.taskQueue,
    workflowsPath,
  });
}
