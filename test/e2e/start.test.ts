/**
 * The README's main command, as a user runs it: the embedded dev server, the worker and the API
 * come up, /health reports Temporal connected, Ctrl-C stops everything, and the next start finds
 * the same database.
 */
import { existsSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mainJobEnvironment, startMainJob, waitForHealthy } from '../helpers/main-job';

describe('the main job (embedded dev server + worker + API)', () => {
  it('starts, reports Temporal connected, stops on Ctrl-C and keeps its database', async () => {
    const { env, dbFile, apiUrl } = await mainJobEnvironment('main');
    for (const round of ['first start', 'second start, same database']) {
      const job = startMainJob(env);
      const health = await waitForHealthy(apiUrl, job);
      expect(health, round).toMatchObject({
        status: 'ok',
        temporal: { reachable: true, workerPolling: true, address: env.TEMPORAL_ADDRESS },
      });
      job.process.kill('SIGINT');
      expect(await job.exited, `${round}: exit code after Ctrl-C\n${job.output()}`).toBe(0);
      expect(job.output()).toContain('stopped; the Temporal database is kept for the next start');
      expect(existsSync(dbFile)).toBe(true);
      expect(statSync(dbFile).size).toBeGreaterThan(0);
    }
  });
});
