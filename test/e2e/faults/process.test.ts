/**
 * Fault suite — the main job's process (issue 14, findings 3–5): SIGTERM (what a supervisor sends)
 * and SIGINT (a terminal's Ctrl-C, to the whole process group) to `npm start` stop the API, the
 * worker and the dev server within a bounded time and leave no process behind; a start whose
 * Temporal port is held by a server it did not start refuses with a clear message and starts nothing.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  exitWithin,
  isRunningPid,
  killGroup,
  killProcessesMentioning,
  mainJobEnvironment,
  processesMentioning,
  startMainJob,
  waitForHealthy,
  type MainJob,
} from '../../helpers/main-job';

/** The main job's own deadline is 20 s; a clean stop takes a few. */
const STOPPED_WITHIN_MS = 25_000;

describe('fault suite: signals and ports', () => {
  let setup: Awaited<ReturnType<typeof mainJobEnvironment>>;
  let job: MainJob | undefined;
  beforeAll(async () => {
    setup = await mainJobEnvironment('signals');
  });
  afterAll(() => {
    if (job) killGroup(job);
    killProcessesMentioning(setup.dbFile);
    killProcessesMentioning(setup.postgresDir);
  });

  /** The dev server the running job recorded beside its database. */
  const recordedDevServer = (): { pid: number; ownerPid: number } => JSON.parse(readFileSync(`${setup.dbFile}.pid`, 'utf8'));

  it.each([
    ['SIGTERM to the npm process (a supervisor)', 'SIGTERM', 'npm'],
    ['SIGINT to the process group (Ctrl-C in a terminal)', 'SIGINT', 'group'],
  ] as const)('%s stops everything in order, in bounded time, leaving no process', async (_what, signal, target) => {
    job = startMainJob(setup.env, 'npm start');
    await waitForHealthy(setup.apiUrl, job);
    const { pid: devServerPid, ownerPid } = recordedDevServer();
    expect(isRunningPid(devServerPid)).toBe(true);
    expect(processesMentioning(setup.dbFile)).toHaveLength(1);

    const sentAt = Date.now();
    process.kill(target === 'npm' ? job.process.pid! : -job.process.pid!, signal);
    expect(await exitWithin(job, STOPPED_WITHIN_MS), job.output()).toBe(0);
    const output = job.output();
    expect(output).toContain('stopping: API, worker, then PostgreSQL and the dev server');
    // In order: API first, then the worker, the database, the dev server last.
    const order = ['stopping the API', 'stopping the worker', 'stopping the PostgreSQL', 'stopping the Temporal dev server'].map((line) => output.indexOf(line));
    expect(order.every((at) => at >= 0), output).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(output).toContain('stopped; the Temporal database and PostgreSQL are kept for the next start');
    expect(output).not.toContain('stopping cut short');
    expect(Date.now() - sentAt).toBeLessThan(STOPPED_WITHIN_MS);

    // Nothing left: not the engine, not the dev server, nothing on its databases.
    expect(isRunningPid(ownerPid)).toBe(false);
    expect(isRunningPid(devServerPid)).toBe(false);
    expect(processesMentioning(setup.dbFile)).toEqual([]);
    expect(processesMentioning(setup.postgresDir)).toEqual([]);
    job = undefined;
  });

  it('refuses to use a server it did not start on its Temporal port, with a clear message, and starts nothing', async () => {
    const foreign: Server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => foreign.listen(setup.temporalPort, '127.0.0.1', resolve));
    try {
      job = startMainJob(setup.env);
      expect(await exitWithin(job, 60_000)).toBe(1);
      expect(job.output()).toContain(`127.0.0.1:${setup.temporalPort} (Temporal frontend) is already in use by a process this main job did not start`);
      expect(job.output()).toContain('TEMPORAL_DEV_SERVER=off');
      expect(job.output()).not.toMatch(/\bat .*\(.*:\d+:\d+\)/);
      expect(processesMentioning(setup.dbFile)).toEqual([]);
      job = undefined;
    } finally {
      await new Promise((resolve) => foreign.close(resolve));
    }
  });
});
