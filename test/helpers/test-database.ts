/**
 * A fresh database on the test run's PostgreSQL server (postgres.setup.ts) for one test file,
 * migrated to the latest schema, and dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openStore, type Store } from '../../store';

export interface TestDatabase {
  /** Its connection URL, for other processes (workers, API processes) to open. */
  url: string;
  store: Store;
  drop(): Promise<void>;
}

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject('postgresAdminUrl') });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `test_${randomBytes(6).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(inject('postgresAdminUrl'));
  url.pathname = `/${name}`;
  const store = await openStore({ url: url.href, migrate: true });
  return {
    url: url.href,
    store,
    async drop() {
      await store.close();
      await admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

let fileWide: Promise<TestDatabase> | undefined;

/**
 * The database of this test file, made on first use and shared by its workers and API processes.
 * It is not dropped: the run's server goes at teardown with every database on it.
 */
export function fileDatabase(): Promise<TestDatabase> {
  fileWide ??= createTestDatabase();
  return fileWide;
}
