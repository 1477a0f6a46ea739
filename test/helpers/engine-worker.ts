/**
 * The engine's real worker (its workflows and activities) on a test environment, delivering
 * escalations to a real local webhook and keeping records in a temporary folder.
 */
import { bundleWorkflowCode, Runtime, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { activityDependenciesFromEnv, createActivities } from '../../activities';
import { workflowBundlerOptions, workflowsPath } from '../../worker/create-worker';

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;

/** Bundled once per test file: every workflow test exercises the real bundler and its import rules. */
export function engineBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({ workflowsPath, ...workflowBundlerOptions, logger: Runtime.instance().logger });
  return bundle;
}

export async function createEngineTestWorker(
  env: Pick<TestWorkflowEnvironment, 'nativeConnection'>,
  options: { taskQueue: string; webhookUrl?: string; recordsDir?: string; stickyCache?: boolean },
): Promise<{ worker: Worker; recordsDir: string }> {
  const recordsDir = options.recordsDir ?? mkdtempSync(join(tmpdir(), 'engine-records-'));
  const deps = activityDependenciesFromEnv({ ESCALATION_WEBHOOK_URL: options.webhookUrl, RECORDS_DIR: recordsDir });
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: options.taskQueue,
    workflowBundle: await engineBundle(),
    activities: createActivities(deps),
    ...(options.stickyCache === false ? { maxCachedWorkflows: 0 } : {}),
  });
  return { worker, recordsDir };
}
