import { defineConfig } from 'vitest/config';

// Two projects: pure/unit tests run in parallel; everything that talks to a real Temporal
// server runs in forks, one file at a time, so servers never compete for the two cores. Both
// share one real PostgreSQL server per run (each test file makes its own database on it).
// Tests that start a real Temporal server: workflow runs, history replay, end-to-end runs.
const onTemporal = ['test/temporal/**/*.test.ts', 'test/**/*.workflow.test.ts', 'test/**/*.replay.test.ts', 'test/e2e/**/*.test.ts'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: [...onTemporal, 'node_modules/**'],
          globalSetup: ['test/helpers/postgres.setup.ts'],
        },
      },
      {
        test: {
          name: 'temporal',
          include: onTemporal,
          globalSetup: ['test/helpers/temporal-servers.setup.ts', 'test/helpers/postgres.setup.ts'],
          pool: 'forks',
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
