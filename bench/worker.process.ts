/**
 * One worker process of a benchmark (bench/engine-rig.ts forks it): the engine's worker as
 * worker/create-worker.ts builds it, or the bare timer+activity workflow of bench/bare.workflows.ts.
 * Settings come from the environment the rig passes; it tells the rig "ready" over IPC once polling.
 *
 *   BENCH_WORKER_KIND=engine|bare  TEMPORAL_ADDRESS  TEMPORAL_TASK_QUEUE  DATABASE_URL
 *   TEMPORAL_MAX_CACHED_WORKFLOWS  BENCH_PRELOAD_MODULES (comma-separated, engine only)
 */
import { NativeConnection, Worker } from '@temporalio/worker';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { openStore } from '../store';
import { TEMPORAL_DEFAULTS } from '../temporal.config';
import { installTemporalRuntime } from '../worker/temporal-runtime';
import { createEngineWorker } from '../worker/create-worker';

const env = process.env;
const logger = pino({ level: 'warn' });

async function bareWorker(connection: NativeConnection, taskQueue: string): Promise<Worker> {
  return Worker.create({
    connection,
    taskQueue,
    workflowsPath: fileURLToPath(new URL('./bare.workflows.ts', import.meta.url)),
    activities: { bareStep: async (id: string) => `done ${id}` },
    maxCachedWorkflows: Number(env.TEMPORAL_MAX_CACHED_WORKFLOWS ?? TEMPORAL_DEFAULTS.maxCachedWorkflows),
  });
}

async function main(): Promise<void> {
  installTemporalRuntime(logger, 'WARN');
  const connection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS! });
  const taskQueue = env.TEMPORAL_TASK_QUEUE!;
  let close = async (): Promise<void> => {};
  let worker: Worker;
  if (env.BENCH_WORKER_KIND === 'bare') {
    worker = await bareWorker(connection, taskQueue);
  } else {
    const store = await openStore({ url: env.DATABASE_URL!, maxConnections: 20 });
    close = () => store.close();
    const preloadModules = env.BENCH_PRELOAD_MODULES === undefined ? undefined : env.BENCH_PRELOAD_MODULES.split(',').filter(Boolean);
    worker = await createEngineWorker({
      connection,
      settings: { namespace: 'default', taskQueue, maxCachedWorkflows: Number(env.TEMPORAL_MAX_CACHED_WORKFLOWS ?? TEMPORAL_DEFAULTS.maxCachedWorkflows) },
      env: {},
      store,
      logger,
      ...(preloadModules ? { preloadModules } : {}),
    });
  }
  process.once('SIGINT', () => worker.shutdown());
  process.once('SIGTERM', () => worker.shutdown());
  const running = worker.run();
  process.send?.('ready');
  await running;
  await close();
  await connection.close();
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
