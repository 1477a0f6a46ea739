import { defineConfig } from 'vitest/config';

// Two projects: pure/unit tests run in parallel; everything that talks to a real Temporal
// server runs in forks, one file at a time, so servers never compete for the two cores.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/temporal/**', 'test/workflows/**', 'test/e2e/**', 'node_modules/**'],
        },
      },
      {
        test: {
          name: 'temporal',
          include: ['test/temporal/**/*.test.ts', 'test/workflows/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          globalSetup: ['test/helpers/temporal-servers.setup.ts'],
          pool: 'forks',
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
