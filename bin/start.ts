/**
 * The main job on the embedded default: a local Temporal dev server with a persistent database
 * under data/, PostgreSQL (the record and reporting store) under data/postgres, the worker, and
 * the API. With TEMPORAL_ADDRESS on another host (or TEMPORAL_DEV_SERVER=off), no dev server is
 * started and the engine joins that cluster instead; with DATABASE_URL, no PostgreSQL is started.
 *
 * Stopping: SIGINT (Ctrl-C) or SIGTERM (a supervisor) stops the API, then the worker, then
 * PostgreSQL and the dev server, and exits 0; a second signal, or STOP_DEADLINE_MS passing, kills
 * what is left and exits 1. A start that fails stops what it had started. Both embedded servers are
 * recorded in a pid file beside their data (scripts/owned-server.ts): a server a killed main job
 * left behind is stopped by the next start, and a port held by a server this job did not start is
 * refused, never used.
 */
import { NativeConnection, type Worker } from '@temporalio/worker';
import { dirname, basename, join, resolve } from 'node:path';
import pino from 'pino';
import { TEMPORAL_ENVIRONMENT, temporalSettings } from '../temporal.config';
import { obtainDevServer, ServerUnavailableError, startDevServer, type RunningDevServer } from '../scripts/temporal-servers';
import { assertPortFree, reclaimOrphan, removeOwnedServerRecord, ServerConflictError, writeOwnedServerRecord } from '../scripts/owned-server';
import { buildApp } from '../server/app';
import { loadTokenSecret } from '../server/auth/token-secret';
import { loadApiConfig } from '../server/config';
import { formatIssues } from '../definitions/issues';
import { loadOfficialCalendarDirectory } from '../definitions/load';
import { seedCampaigns } from '../server/seed-campaigns';
import { connectTemporalClient } from '../server/temporal-connection';
import { createEngineWorker } from '../worker/create-worker';
import { registerSearchAttributes } from '../worker/search-attributes';
import { installTemporalRuntime } from '../worker/temporal-runtime';
import { storeSettings } from '../store/config';
import { startStore } from './database';

const repositoryRoot = resolve(import.meta.dirname, '..');

/** A graceful stop that takes longer than this is cut short: what is left is killed. */
const STOP_DEADLINE_MS = 20_000;
/**
 * A terminal's Ctrl-C reaches npm and the main job alike, and npm relays it: the same signal twice
 * within this is one Ctrl-C, not a second one.
 */
const REPEATED_SIGNAL_MS = 1_000;
/** How long an orphaned dev server gets to close its database before it is killed. */
const ORPHAN_STOP_TIMEOUT_MS = 15_000;

/** Thrown out of start-up when a signal asked to stop meanwhile. */
class StopRequested extends Error {}

async function main(): Promise<void> {
  const apiConfig = loadApiConfig(process.env);
  const settings = temporalSettings(process.env);
  const databaseSettings = storeSettings(process.env, repositoryRoot);
  const logger = pino({
    level: apiConfig.logLevel,
    transport: process.stdout.isTTY ? { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss' } } : undefined,
  });
  installTemporalRuntime(logger, 'WARN');
  // The State Council's calendars: the working days of every definition the API checks and plans.
  const calendars = loadOfficialCalendarDirectory(resolve(repositoryRoot, 'definitions/calendars'));
  if (calendars.issues.length > 0) throw new Error(`definitions/calendars/ has invalid files:\n${formatIssues(calendars.issues)}`);
  logger.info({ years: calendars.years.map((y) => y.year) }, 'official calendars loaded');

  /** What has started, stopped last-started first: API, worker, connections, the store, PostgreSQL, dev server. */
  const stops: Array<{ name: string; stop: () => Promise<void> }> = [];
  /** Kills what cannot be left behind when stopping is cut short (the embedded servers). */
  const kills: Array<() => void> = [];
  let stopping: { signal: string; at: number } | undefined;

  const exit = (code: number): void => {
    // Exit once the log is out: the SDK may still hold retry timers for calls on the closed
    // connection, which would otherwise fire into a shut-down channel.
    logger.flush(() => process.exit(code));
  };
  const forceExit = (why: string): void => {
    logger.error({ why }, 'stopping cut short: killing what is left');
    for (const kill of kills) kill();
    exit(1);
  };
  const stopAll = async (): Promise<void> => {
    for (const { name, stop } of stops.reverse()) {
      logger.info(`stopping the ${name}`);
      await stop();
    }
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      if (Date.now() - stopping.at >= REPEATED_SIGNAL_MS) forceExit(`second signal (${signal})`);
      return;
    }
    stopping = { signal, at: Date.now() };
    setTimeout(() => forceExit(`not stopped within ${STOP_DEADLINE_MS / 1000} s`), STOP_DEADLINE_MS);
    // Once started, stop now; during start-up the start sequence stops at its next step.
    if (started) {
      logger.info({ signal }, 'stopping: API, worker, then PostgreSQL and the dev server');
      void stopAll().then(
        () => {
          logger.info('stopped; the Temporal database and PostgreSQL are kept for the next start');
          exit(0);
        },
        (error: unknown) => forceExit(`stopping failed: ${(error as Error).message}`),
      );
    }
  };
  let started = false;
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const unlessStopping = (): void => {
    if (stopping) throw new StopRequested();
  };

  try {
    if (settings.embeddedDevServer) {
      const devServer = await startEmbeddedDevServer(settings, logger, (pid) => kills.push(() => killQuietly(pid)));
      stops.push({ name: 'Temporal dev server', stop: devServer.stop });
      unlessStopping();
    }

    const { store, server: postgres } = await startStore(databaseSettings, logger, (pid) => kills.push(() => killQuietly(pid)));
    if (postgres) stops.push({ name: 'PostgreSQL', stop: postgres.stop });
    stops.push({ name: 'record store connections', stop: () => store.close() });
    unlessStopping();

    const workerConnection = await NativeConnection.connect({ address: settings.address });
    stops.push({ name: 'worker connection', stop: () => workerConnection.close() });
    if (!settings.embeddedDevServer) {
      // A cluster the engine joins may not know its search attributes yet (the dev server gets them as flags).
      const added = await registerSearchAttributes(workerConnection.operatorService, settings.namespace);
      if (added.length > 0) logger.info({ added }, 'registered the engine search attributes');
    }
    const worker: Worker = await createEngineWorker({ connection: workerConnection, settings, env: process.env, store, logger });
    const workerRun = worker.run();
    stops.push({
      name: 'worker',
      stop: async () => {
        worker.shutdown();
        await workerRun;
      },
    });
    logger.info({ taskQueue: settings.taskQueue }, 'worker polling');
    unlessStopping();

    const client = await connectTemporalClient(settings);
    stops.push({ name: 'Temporal client', stop: () => client.connection.close() });
    const app = await buildApp({
      temporalClient: client,
      temporalSettings: settings,
      logger,
      tokenSecret: loadTokenSecret(process.env, resolve(repositoryRoot, 'data/api-token-secret')),
      store,
      hazardViews: { maxMegabytes: apiConfig.hazardViewCacheMb },
      rateLimit: { requestsPerMinute: apiConfig.rateLimitPerMinute, authFailuresPerMinute: apiConfig.authFailuresPerMinute },
      officialCalendar: calendars.years,
      consoleDir: resolve(repositoryRoot, 'console/dist'),
    });
    stops.push({ name: 'API', stop: () => app.close() });
    await app.listen({ host: apiConfig.host, port: apiConfig.port });
    unlessStopping();
    started = true;
    logger.info(`API on http://${apiConfig.host}:${apiConfig.port} (OpenAPI at /docs, console at /console/); Ctrl-C stops everything`);

    // The seed campaigns are published and started while the API already answers; a failure is
    // logged, not fatal: the engine still serves every other definition.
    if (apiConfig.seedCampaigns === 'on') {
      seedCampaigns({ client, settings, dir: resolve(repositoryRoot, 'definitions/campaigns'), officialCalendar: calendars.years, logger })
        .then((outcomes) => logger.info({ campaigns: outcomes.length }, 'seed campaigns published and running'))
        .catch((error: unknown) => {
          if (!stopping) logger.error({ err: error }, 'seeding the campaigns failed');
        });
    }
  } catch (error) {
    // A failed or interrupted start leaves nothing behind: what had started is stopped.
    await stopAll();
    if (error instanceof StopRequested) {
      logger.info({ signal: stopping?.signal }, 'stopped during start-up');
      exit(0);
      return;
    }
    throw error;
  }
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/**
 * The embedded dev server on its own database: an orphan a killed main job left on that database
 * is stopped first; a port held by anything else is refused; the new server is recorded (pid file
 * beside the database) from the moment it exists.
 */
async function startEmbeddedDevServer(
  settings: ReturnType<typeof temporalSettings>,
  logger: pino.Logger,
  onSpawned: (pid: number) => void,
): Promise<RunningDevServer> {
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
  const pidFile = join(dirname(dbFile), `${basename(dbFile)}.pid`);

  await reclaimOrphan(pidFile, (message, details) => logger.warn(details, message), ORPHAN_STOP_TIMEOUT_MS);
  const remedy =
    `Stop what listens there, or choose free ports (${TEMPORAL_ENVIRONMENT.address}, ${TEMPORAL_ENVIRONMENT.devServerUiPort}), ` +
    `or set ${TEMPORAL_ENVIRONMENT.embeddedDevServer}=off to use the server at ${settings.address} as a cluster on purpose.`;
  await assertPortFree(host, port, 'Temporal frontend', remedy);
  await assertPortFree(host, settings.devServerUiPort, 'Temporal Web UI', remedy);

  logger.info({ dbFile, address: settings.address }, 'starting the Temporal dev server');
  let pid = 0;
  const devServer = await startDevServer({
    binary: executable.path,
    host,
    port,
    uiPort: settings.devServerUiPort,
    namespace: settings.namespace,
    dbFile,
    logFile: join(dirname(dbFile), 'dev-server.log'),
    onSpawned(spawned) {
      pid = spawned;
      onSpawned(spawned);
      writeOwnedServerRecord(pidFile, {
        name: 'Temporal dev server',
        pid: spawned,
        ownerPid: process.pid,
        signature: ['start-dev', dbFile],
        serves: { address: settings.address, uiPort: settings.devServerUiPort, dbFile },
        startedAt: new Date().toISOString(),
      });
    },
  }).catch((error: unknown) => {
    removeOwnedServerRecord(pidFile, pid);
    throw error;
  });
  logger.info({ webUi: devServer.uiUrl, pid: devServer.pid }, 'Temporal dev server is up');
  return {
    ...devServer,
    async stop() {
      await devServer.stop();
      removeOwnedServerRecord(pidFile, devServer.pid);
    },
  };
}

main().catch((error: unknown) => {
  // A process entry's crash handler: the one place a plain console message is right.
  const known = error instanceof ServerUnavailableError || error instanceof ServerConflictError || error instanceof Error;
  console.error(known ? `campaign engine failed to start: ${(error as Error).message}` : error);
  process.exit(1);
});
