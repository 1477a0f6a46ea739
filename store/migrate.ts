/**
 * Schema migrations with kysely's Migrator: each migration is a TypeScript module listed here (no
 * folder scanning, so bundling or a changed working directory cannot lose one), applied in name
 * order under the Migrator's lock, so several processes starting at once migrate once.
 */
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import type { EngineDatabase } from './database';
import * as recordsAndProjection from './migrations/2026-11-23-records-and-projection';
import * as exposureWithdrawal from './migrations/2026-12-06-exposure-withdrawal';
import * as collectedActions from './migrations/2026-12-07-collected-actions';

/** Every migration, by name; names sort in the order they apply. Never rename or edit one that shipped: add another. */
export const MIGRATIONS: Record<string, Migration> = {
  '2026-11-23-records-and-projection': recordsAndProjection,
  '2026-12-06-exposure-withdrawal': exposureWithdrawal,
  '2026-12-07-collected-actions': collectedActions,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/** Brings the schema to the latest migration; returns the names applied now (none when it was up to date). */
export async function migrateToLatest(db: EngineDatabase): Promise<string[]> {
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(`database migration${failed ? ` ${failed}` : ''} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
