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
 * Modules of the workflow bundle evaluated once per worker thread and shared by every run in it
 * (the SDK's `preloadModules`), instead of once per run. Only modules with no per-run state: xstate
 * (its module state is an actor-id counter and a memo of each machine's structure; our machines are
 * run only through the pure `transition()`, spawn no actors, and the runs persist only a snapshot's
 * value and context, so neither reaches a run's history) and the pure date and calendar modules of
 * definitions/ (constants, a cache of Intl formatters per time zone, whose output depends on the
 * zone alone, and a bounded cache of the zone offsets they computed, by zone and second: pure results). Nothing that imports @temporalio/workflow. The argument in full: README, "Per-run cost".
 */
export const WORKFLOW_PRELOAD_MODULES: readonly string[] = [
  'xstate',
  ...[
    'definitions/vocabulary.ts',
    'definitions/local-date.ts',
    'definitions/calendar.ts',
    'definitions/escalation.ts',
    'definitions/hazard-policy.ts',
    'definitions/cadence.ts',
    'definitions/date-rule.ts',
    'definitions/timeline.ts',
    'definitions/run-calendar.ts',
    'definitions/campaign.machine.ts',
    'workflows/duty-occurrence.machine.ts',
  ].map((path) => fileURLToPath(new URL(`../${path}`, import.meta.url))),
];

/**
 * The workflow bundle's webpack tweak: packages are resolved with the `production` export condition
 * where they have one. The SDK bundles in development mode, which would pick xstate's development
 * build (its warnings and checks), evaluated again for every workflow run.
 */
export const workflowBundlerOptions = {
  preloadModules: [...WORKFLOW_PRELOAD_MODULES],
  webpackConfigHook(config: Configuration): Configuration {
    config.resolve = { ...config.resolve, conditionNames: ['webpack', 'production', 'module', 'import', 'require', 'default'] };
    return config;
  },
};

export interface EngineWorkerOptions {
  connection: NativeConnection;
  settings: Pick<TemporalSettings, 'namespace' | 'taskQueue' | 'maxCachedWorkflows'>;
  /** Activity configuration (ESCALATION_WEBHOOK_URL), parsed once here. */
  env: Record<string, string | undefined>;
  /** Where the activities keep records and the reporting projection. */
  store: Pick<Store, 'records' | 'projection' | 'collectedActions'>;
  logger: Logger;
  /** Bundle modules evaluated once per worker thread instead of once per run (see README, "Per-run cost"). */
  preloadModules?: string[];
}

export function createEngineWorker({ connection, settings, env, store, logger, preloadModules }: EngineWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection,
    namespace: settings.namespace,
    taskQueue: settings.taskQueue,
    maxCachedWorkflows: settings.maxCachedWorkflows,
    workflowsPath,
    bundlerOptions: preloadModules ? { ...workflowBundlerOptions, preloadModules } : workflowBundlerOptions,
    activities: createActivities(activityDependenciesFromEnv(env, store, logger.child({ component: 'delivery' }))),
  });
}
