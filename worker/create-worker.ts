/**
 * The engine's worker: the campaign and hazard workflows (bundled from workflows/index.ts) and
 * every activity, polling the task queue named in temporal.config.ts.
 */
import { NativeConnection, Worker } from '@temporalio/worker';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { Configuration } from 'webpack';
import { activityDependenciesFromEnv, createActivities } from '../activities';
import type { Store } from '../store';
import type { TemporalSettings } from '../temporal.config';

export const workflowsPath = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

/**
 * The workflow bundle's webpack tweaks:
 * - packages are resolved with the `production` export condition where they have one: the SDK
 *   bundles in development mode, which would pick xstate's development build (its warnings and
 *   checks), evaluated again for every workflow run;
 * - chinese-days (the official holiday table the calendar reads) declares CommonJS but its `module`
 *   build is ES syntax, which webpack must then parse as ESM.
 */
export const workflowBundlerOptions = {
  webpackConfigHook(config: Configuration): Configuration {
    config.resolve = { ...config.resolve, conditionNames: ['webpack', 'production', 'module', 'import', 'require', 'default'] };
    config.module?.rules?.push({ test: /chinese-days[\\/]dist[\\/]index\.es\.js$/, type: 'javascript/esm' });
    return config;
  },
};

export interface EngineWorkerOptions {
  connection: NativeConnection;
  settings: Pick<TemporalSettings, 'namespace' | 'taskQueue' | 'maxCachedWorkflows'>;
  /** Activity configuration (ESCALATION_WEBHOOK_URL), parsed once here. */
  env: Record<string, string | undefined>;
  /** Where the activities keep records and the reporting projection. */
  store: Pick<Store, 'records' | 'projection'>;
  logger: Logger;
}

export function createEngineWorker({ connection, settings, env, store, logger }: EngineWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection,
    namespace: settings.namespace,
    taskQueue: settings.taskQueue,
    maxCachedWorkflows: settings.maxCachedWorkflows,
    workflowsPath,
    bundlerOptions: workflowBundlerOptions,
    activities: createActivities(activityDependenciesFromEnv(env, store, logger.child({ component: 'delivery' }))),
  });
}
