/**
 * The two real Temporal environments the workflow tests run on, started from the executables the
 * global setup obtained (never the SDK's download on machines without internet).
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { registerSearchAttributes } from '../../worker/search-attributes';
import { allSearchAttributeKeys } from '../../workflows/search-attributes.contract';

// Keep test output to what matters: the SDK's warnings and errors. Each test file runs in its own
// fork, so this is the first Temporal call of the process.
Runtime.install({ logger: new DefaultLogger('WARN') });

/**
 * The time-skipping test server: timers of years fire in seconds of wall time. Its operator
 * service registers the project's custom search attributes, as the dev server's flags do.
 */
export async function createTimeSkippingEnvironment(): Promise<TestWorkflowEnvironment> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: inject('testServerExecutable') } });
  await registerSearchAttributes(env.connection.operatorService, env.namespace ?? 'default');
  return env;
}

/**
 * The Temporal CLI dev server on a free port, with its own SQLite file and the project's custom
 * search attributes registered, as the main job runs it.
 */
export function createDevServerEnvironment(options: { extraArgs?: string[] } = {}): Promise<TestWorkflowEnvironment> {
  const dbFilename = join(mkdtempSync(join(tmpdir(), 'campaign-engine-dev-')), 'temporal.sqlite');
  return TestWorkflowEnvironment.createLocal({
    server: {
      executable: inject('devServerExecutable'),
      dbFilename,
      searchAttributes: allSearchAttributeKeys,
      ...(options.extraArgs ? { extraArgs: options.extraArgs } : {}),
    },
  });
}

/**
 * Dev server flags for a test that loads it like a deployment: SQLite in WAL mode (some three times
 * the throughput, platform notes), and only its errors in the test output.
 */
export const LOADED_DEV_SERVER_ARGS = ['--sqlite-pragma', 'journal_mode=wal', '--sqlite-pragma', 'synchronous=normal', '--log-level', 'error'];
