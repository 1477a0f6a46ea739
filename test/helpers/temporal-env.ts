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
import { startDevServer } from '../../scripts/temporal-servers';
import { registerSearchAttributes } from '../../worker/search-attributes';
import { freePort } from './free-port';

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
 * The Temporal CLI dev server on free ports, with its own SQLite file and the project's custom
 * search attributes, started exactly as the main job starts it (scripts/temporal-servers.ts: the
 * same flags, SQLite in WAL mode, up only once its frontend serves the namespace — the SDK's own
 * launcher gives a server five seconds, too few on a busy two-core machine). Teardown stops it.
 */
export async function createDevServerEnvironment(): Promise<TestWorkflowEnvironment> {
  const executable = inject('devServerExecutable');
  if (executable.type !== 'existing-path') throw new Error(`the dev server was not obtained: ${JSON.stringify(executable)}`);
  const folder = mkdtempSync(join(tmpdir(), 'campaign-engine-dev-'));
  const [port, uiPort] = [await freePort(), await freePort()];
  const server = await startDevServer({
    binary: executable.path,
    host: '127.0.0.1',
    port,
    uiPort,
    namespace: 'default',
    dbFile: join(folder, 'temporal.sqlite'),
    logFile: join(folder, 'dev-server.log'),
  });
  const env = await TestWorkflowEnvironment.createFromExistingServer({ address: server.address, namespace: 'default' });
  const teardown = env.teardown.bind(env);
  env.teardown = async () => {
    await teardown();
    await server.stop();
  };
  return env;
}
