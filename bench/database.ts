/** A real PostgreSQL for a benchmark: the embedded server in a temporary folder on a free port, and the store on it. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgresServer } from '../scripts/postgres-server';
import { openStore, type Store } from '../store';
import { freePort } from '../test/helpers/free-port';

export interface BenchDatabase {
  url: string;
  store: Store;
  stop(): Promise<void>;
}

export async function startBenchDatabase(options: { maxConnections?: number } = {}): Promise<BenchDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-postgres-'));
  const server = await startPostgresServer({ dir, port: await freePort() });
  const store = await openStore({ url: server.url, migrate: true, ...options });
  return {
    url: server.url,
    store,
    async stop() {
      await store.close();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
