/**
 * What the outage fault tests stand on: a real dev server of the test's own (so it can be killed
 * and started again on the same database and port), the engine's worker on it, and an API as the
 * main job builds it, with its client made through the API's own connection settings.
 */
import { NativeConnection } from '@temporalio/worker';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import { inject } from 'vitest';
import { repositoryOfficialCalendar } from '../../definitions/load';
import { buildApp } from '../../server/app';
import type { Principal } from '../../server/auth/principal.schema';
import { connectTemporalClient } from '../../server/temporal-connection';
import { startDevServer, type RunningDevServer } from '../../scripts/temporal-servers';
import type { Store } from '../../store';
import { temporalSettings } from '../../temporal.config';
import { createEngineTestWorker } from './engine-worker';
import { freePort } from './free-port';

export interface FaultRig {
  app: Awaited<ReturnType<typeof buildApp>>;
  /** The dev server as last started. */
  devServer(): RunningDevServer;
  /** Starts the dev server again on the same database file and ports (after `devServer().kill()`). */
  restartDevServer(): Promise<void>;
  /** An API call with the principal's token. */
  call(principal: Principal, method: 'GET' | 'POST', url: string, payload?: object): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/**
 * `store`: the record store the worker writes and the API reads, closed with the rig (without it
 * the API has none and the worker keeps its records in a database of the test file's own).
 */
export async function startFaultRig(name: string, options: { store?: Store } = {}): Promise<FaultRig> {
  const dir = mkdtempSync(join(tmpdir(), `engine-${name}-`));
  const executable = inject('devServerExecutable');
  if (executable.type !== 'existing-path') throw new Error('the dev server executable is needed');
  const [port, uiPort] = [await freePort(), await freePort()];
  const start = () =>
    startDevServer({ binary: executable.path, host: '127.0.0.1', port, uiPort, namespace: 'default', dbFile: join(dir, 'temporal.sqlite'), logFile: join(dir, 'dev-server.log') });
  let devServer = await start();
  const { store } = options;
  const nativeConnection = await NativeConnection.connect({ address: devServer.address });
  const { worker } = await createEngineTestWorker({ nativeConnection }, { taskQueue: name, store });
  const running = worker.run();
  const settings = temporalSettings({ TEMPORAL_ADDRESS: devServer.address, TEMPORAL_TASK_QUEUE: name });
  const client = await connectTemporalClient(settings);
  const app = await buildApp({
    temporalClient: client,
    temporalSettings: settings,
    logger: pino({ level: 'silent' }),
    tokenSecret: `${name}-secret-that-is-long-enough-for-hmac`,
    store,
    officialCalendar: repositoryOfficialCalendar(),
  });
  return {
    app,
    devServer: () => devServer,
    restartDevServer: async () => {
      devServer = await start();
    },
    call: (principal, method, url, payload) => app.inject({ method, url, payload, headers: { authorization: `Bearer ${app.signToken(principal)}` } }),
    close: async () => {
      await app.close();
      worker.shutdown();
      await running;
      await nativeConnection.close();
      await client.connection.close();
      await store?.close();
      await devServer.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
