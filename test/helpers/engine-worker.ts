/**
 * The engine's real worker (its workflows and activities) on a test environment, delivering
 * escalations to a real local webhook and keeping records and the projection in a real database
 * (the test file's own, unless the test passes one).
 */
import { bundleWorkflowCode, Runtime, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { activityDependenciesFromEnv, createActivities } from '../../activities';
import type { Store } from '../../store';
import { workflowBundlerOptions, workflowsPath } from '../../worker/create-worker';
import { fileDatabase } from './test-database';

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;

/** Bundled once per test file: every workflow test exercises the real bundler and its import rules. */
export function engineBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({ workflowsPath, ...workflowBundlerOptions, logger: Runtime.instance().logger });
  return bundle;
}

export async function createEngineTestWorker(
  env: Pick<TestWorkflowEnvironment, 'nativeConnection'>,
  options: { taskQueue: string; webhookUrl?: string; store?: Store; stickyCache?: boolean },
): Promise<{ worker: Worker; store: Store }> {
  const store = options.store ?? (await fileDatabase()).store;
  const deps = activityDependenciesFromEnv({ ESCALATION_WEBHOOK_URL: options.webhookUrl }, store);
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: options.taskQueue,
    workflowBundle: await engineBundle(),
    activities: createActivities(deps),
    ...(options.stickyCache === false ? { maxCachedWorkflows: 0 } : {}),
  });
  return { worker, store };
}
