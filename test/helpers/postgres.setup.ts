/**
 * Global setup of both test projects: one real PostgreSQL server for the whole test run (the
 * embedded binaries, in a temporary folder, on a free port), shared by the projects through the
 * main process (the second project's setup finds the first's server). Each test file makes its
 * own database on it (test/helpers/test-database.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startPostgresServer, type RunningPostgres } from '../../scripts/postgres-server';
import { freePort } from './free-port';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
  }
}

interface Shared {
  server: Promise<RunningPostgres>;
  dir: string;
  users: number;
}

const SHARED = Symbol.for('campaign-engine.test-postgres');
const registry = globalThis as unknown as Record<symbol, Shared | undefined>;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let shared = registry[SHARED];
  if (!shared) {
    const dir = mkdtempSync(join(tmpdir(), 'campaign-engine-pg-'));
    shared = { dir, users: 0, server: freePort().then((port) => startPostgresServer({ dir, port })) };
    registry[SHARED] = shared;
  }
  shared.users += 1;
  project.provide('postgresAdminUrl', (await shared.server).adminUrl);
  const mine = shared;
  return async () => {
    mine.users -= 1;
    if (mine.users > 0) return;
    registry[SHARED] = undefined;
    await (await mine.server).stop();
    rmSync(mine.dir, { recursive: true, force: true });
  };
}
