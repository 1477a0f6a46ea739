/**
 * The database a process entry uses: DATABASE_URL's server, or the embedded one under
 * data/postgres. The main job starts the embedded server (recorded in a pid file beside its data,
 * like the dev server: an orphan a killed main job left is stopped first, a port held by anything
 * else is refused); other entries connect to the one the main job runs.
 */
import { join } from 'node:path';
import type { Logger } from 'pino';
import { assertPortFree, reclaimOrphan, removeOwnedServerRecord, writeOwnedServerRecord } from '../scripts/owned-server';
import { embeddedDatabaseUrl, startPostgresServer, type RunningPostgres } from '../scripts/postgres-server';
import { openStore, type Store } from '../store';
import { STORE_ENVIRONMENT, type StoreSettings } from '../store/config';

/** How long an orphaned PostgreSQL gets for its fast shutdown before it is killed. */
const ORPHAN_STOP_TIMEOUT_MS = 15_000;

export interface StoreRunning {
  store: Store;
  /** The embedded server, when this process started it. */
  server?: RunningPostgres;
}

/** The embedded PostgreSQL of `settings`, started as this main job's own. */
async function startEmbeddedPostgres(settings: StoreSettings, logger: Logger, onSpawned: (pid: number) => void): Promise<RunningPostgres> {
  const { dir, port } = settings.embedded;
  const pidFile = join(dir, 'server.pid');
  const cluster = join(dir, 'cluster');
  await reclaimOrphan(pidFile, (message, details) => logger.warn(details, message), ORPHAN_STOP_TIMEOUT_MS);
  await assertPortFree('127.0.0.1', port, 'PostgreSQL', `Stop what listens there, choose a free port (${STORE_ENVIRONMENT.embeddedPort}), or set ${STORE_ENVIRONMENT.url} to use a server on purpose.`);
  let pid = 0;
  const server = await startPostgresServer({
    dir,
    port,
    log: (message) => logger.info(message),
    onSpawned(spawned) {
      pid = spawned;
      onSpawned(spawned);
      writeOwnedServerRecord(pidFile, {
        name: 'PostgreSQL',
        pid: spawned,
        ownerPid: process.pid,
        signature: [cluster],
        serves: { address: `127.0.0.1:${port}`, dir },
        startedAt: new Date().toISOString(),
      });
    },
  }).catch((error: unknown) => {
    removeOwnedServerRecord(pidFile, pid);
    throw error;
  });
  logger.info({ dir, port, pid: server.pid, startedInMs: server.startedInMs }, 'PostgreSQL is up');
  return {
    ...server,
    async stop() {
      await server.stop();
      removeOwnedServerRecord(pidFile, server.pid);
    },
  };
}

/**
 * Starts the embedded server unless DATABASE_URL names one, opens the store and migrates it.
 * `onSpawned` learns the embedded server's pid at once, so a stop cut short can kill it.
 */
export async function startStore(settings: StoreSettings, logger: Logger, onSpawned: (pid: number) => void): Promise<StoreRunning> {
  const server = settings.url ? undefined : await startEmbeddedPostgres(settings, logger, onSpawned);
  try {
    const store = await openStore({ url: settings.url ?? server!.url, maxConnections: settings.maxConnections, migrate: true });
    return { store, ...(server ? { server } : {}) };
  } catch (error) {
    await server?.stop();
    throw error;
  }
}

/** Opens the store of a running engine (DATABASE_URL, else the main job's embedded server), without starting anything. */
export async function connectStore(settings: StoreSettings): Promise<Store> {
  const url = settings.url ?? embeddedDatabaseUrl(settings.embedded.dir, settings.embedded.port);
  if (!url) throw new Error(`No database: set DATABASE_URL, or start the main job (npm start) once so that ${settings.embedded.dir} exists`);
  return openStore({ url, maxConnections: settings.maxConnections, migrate: true });
}
