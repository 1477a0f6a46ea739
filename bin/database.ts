/**
 * The database a process entry uses: DATABASE_URL's server, or the embedded one under
 * data/postgres. The main job starts the embedded server (and stops it last); other entries
 * connect to the one the main job runs.
 */
import type { Logger } from 'pino';
import { embeddedDatabaseUrl, startPostgresServer, type RunningPostgres } from '../scripts/postgres-server';
import { openStore, type Store } from '../store';
import type { StoreSettings } from '../store/config';

export interface StoreRunning {
  store: Store;
  /** The embedded server, when this process started it. */
  server?: RunningPostgres;
}

/** Starts the embedded server unless DATABASE_URL names one, opens the store and migrates it. */
export async function startStore(settings: StoreSettings, logger: Logger): Promise<StoreRunning> {
  let server: RunningPostgres | undefined;
  let url = settings.url;
  if (!url) {
    server = await startPostgresServer({ ...settings.embedded, log: (message) => logger.info(message) });
    logger.info({ dir: settings.embedded.dir, port: server.port, startedInMs: server.startedInMs }, 'PostgreSQL is up');
    url = server.url;
  }
  try {
    const store = await openStore({ url, maxConnections: settings.maxConnections, migrate: true });
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
