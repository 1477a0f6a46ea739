/**
 * The main job on the embedded default: a local Temporal dev server with a persistent database
 * under data/, PostgreSQL (the record and reporting store) under data/postgres, the worker, and
 * the API. Ctrl-C stops them all cleanly and keeps both databases.
 * With TEMPORAL_ADDRESS on another host (or TEMPORAL_DEV_SERVER=off), no dev server is started and
 * the engine joins that cluster instead; with DATABASE_URL, no PostgreSQL is started either.
 */
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { resolve } from 'node:path';
import pino from 'pino';
import { TEMPORAL_ENVIRONMENT, temporalSettings } from '../temporal.config';
import { obtainDevServer, ServerUnavailableError, startDevServer, type RunningDevServer } from '../scripts/temporal-servers';
import { buildApp } from '../server/app';
import { loadTokenSecret } from '../server/auth/token-secret';
import { loadApiConfig } from '../server/config';
import { seedCampaigns } from '../server/seed-campaigns';
import { createEngineWorker } from '../worker/create-worker';
import { registerSearchAttributes } from '../worker/search-attributes';
import { installTemporalRuntime } from '../worker/temporal-runtime';
import { storeSettings } from '../store/config';
import { startStore } from './database';

const repositoryRoot = resolve(import.meta.dirname, '..');

/** Servers this process started: a start that fails half-way stops them rather than leave them running. */
const started: Array<{ stop(): Promise<void> }> = [];

async function main(): Promise<void> {
  const apiConfig = loadApiConfig(process.env);
  const settings = temporalSettings(process.env);
  const databaseSettings = storeSettings(process.env, repositoryRoot);
  const logger = pino({
    level: apiConfig.logLevel,
    transport: process.stdout.isTTY ? { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss' } } : undefined,
  });
  installTemporalRuntime(logger, 'WARN');

  let devServer: RunningDevServer | undefined;
  if (settings.embeddedDevServer) {
    const executable = obtainDevServer((message) => logger.info(message));
    if (executable.type !== 'existing-path') {
      throw new ServerUnavailableError(
        'No Temporal CLI is available to run the embedded dev server: install Go (the CLI is then built from source), ' +
          `set TEMPORAL_CLI_PATH to a temporal binary, or set ${TEMPORAL_ENVIRONMENT.address} to a running cluster.`,
      );
    }
    const separator = settings.address.lastIndexOf(':');
    const host = settings.address.slice(0, separator);
    const port = Number(settings.address.slice(separator + 1));
    const dbFile = resolve(repositoryRoot, settings.devServerDbFile);
    logger.info({ dbFile, address: settings.address }, 'starting the Temporal dev server');
    devServer = await startDevServer({
      binary: executable.path,
      host,
      port,
      uiPort: settings.devServerUiPort,
      namespace: settings.namespace,
      dbFile,
      logFile: resolve(repositoryRoot, 'data/temporal/dev-server.log'),
    });
    started.push(devServer);
    logger.info({ webUi: devServer.uiUrl }, 'Temporal dev server is up');
  }

  const { store, server: postgres } = await startStore(databaseSettings, logger);
  if (postgres) started.push(postgres);

  const workerConnection = await NativeConnection.connect({ address: settings.address });
  if (!settings.embeddedDevServer) {
    // A cluster the engine joins may not know its search attributes yet (the dev server gets them as flags).
    const added = await registerSearchAttributes(workerConnection.operatorService, settings.namespace);
    if (added.length > 0) logger.info({ added }, 'registered the engine search attributes');
  }
  const worker = await createEngineWorker({ connection: workerConnection, settings, env: process.env, store, logger });
  const workerRun = worker.run();
  logger.info({ taskQueue: settings.taskQueue }, 'worker polling');

  const clientConnection = await Connection.connect({ address: settings.address });
  const client = new Client({ connection: clientConnection, namespace: settings.namespace });
  const app = await buildApp({
    temporalClient: client,
    temporalSettings: settings,
    logger,
    tokenSecret: loadTokenSecret(process.env, resolve(repositoryRoot, 'data/api-token-secret')),
    store,
    hazardViews: { maxMegabytes: apiConfig.hazardViewCacheMb },
  });
  await app.listen({ host: apiConfig.host, port: apiConfig.port });
  logger.info(`API on http://${apiConfig.host}:${apiConfig.port} (OpenAPI at /docs); Ctrl-C stops everything`);

  // The seed campaigns are published and started while the API already answers; a failure is
  // logged, not fatal: the engine still serves every other definition.
  const seeding =
    apiConfig.seedCampaigns === 'off'
      ? Promise.resolve()
      : seedCampaigns({ client, settings, dir: resolve(repositoryRoot, 'definitions/campaigns'), logger })
          .then((outcomes) => logger.info({ campaigns: outcomes.length }, 'seed campaigns published and running'))
          .catch((error: unknown) => logger.error({ err: error }, 'seeding the campaigns failed'));

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: API, worker, then the dev server and PostgreSQL');
    await seeding;
    await app.close();
    worker.shutdown();
    await workerRun;
    await clientConnection.close();
    await workerConnection.close();
    await store.close();
    await devServer?.stop();
    await postgres?.stop();
    logger.info('stopped; the Temporal database and PostgreSQL are kept for the next start');
    // Exit once the log is out: the SDK may still hold retry timers for calls on the closed
    // connection, which would otherwise fire into a shut-down channel.
    logger.flush(() => process.exit(0));
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch(async (error: unknown) => {
  // A process entry's crash handler: the one place a plain console message is right.
  console.error(error instanceof ServerUnavailableError || error instanceof Error ? `campaign engine failed to start: ${error.message}` : error);
  await Promise.allSettled(started.reverse().map((server) => server.stop()));
  process.exit(1);
});
