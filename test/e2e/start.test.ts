/**
 * The README's main command, as a user runs it: the embedded dev server, the worker and the API
 * come up, /health reports Temporal connected, Ctrl-C stops everything, and the next start finds
 * the same database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inject, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port';

const root = resolve(import.meta.dirname, '../..');

interface MainJob {
  process: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function startMainJob(env: Record<string, string>): MainJob {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'bin/start.ts'], {
    cwd: root,
    env: { ...process.env, ...env, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return { process: child, output: () => output, exited };
}

async function waitForHealthy(url: string, job: MainJob): Promise<Record<string, unknown>> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (job.process.exitCode !== null) throw new Error(`main job exited early:\n${job.output()}`);
    try {
      const response = await fetch(url);
      const body = (await response.json()) as Record<string, unknown>;
      if (body.status === 'ok') return body;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`/health never reported ok:\n${job.output()}`);
}

describe('the main job (embedded dev server + worker + API)', () => {
  it('starts, reports Temporal connected, stops on Ctrl-C and keeps its database', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'engine-main-'));
    const dbFile = join(dataDir, 'temporal.sqlite');
    const [temporalPort, uiPort, apiPort] = [await freePort(), await freePort(), await freePort()];
    const env = {
      TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`,
      TEMPORAL_DEV_SERVER_UI_PORT: String(uiPort),
      TEMPORAL_DEV_SERVER_DB_FILE: dbFile,
      API_PORT: String(apiPort),
    };
    const devServer = inject('devServerExecutable');
    if (devServer.type === 'existing-path') Object.assign(env, { TEMPORAL_CLI_PATH: devServer.path });

    for (const round of ['first start', 'second start, same database']) {
      const job = startMainJob(env);
      const health = await waitForHealthy(`http://127.0.0.1:${apiPort}/health`, job);
      expect(health, round).toMatchObject({
        status: 'ok',
        temporal: { reachable: true, workerPolling: true, address: `127.0.0.1:${temporalPort}` },
      });
      job.process.kill('SIGINT');
      expect(await job.exited, `${round}: exit code after Ctrl-C\n${job.output()}`).toBe(0);
      expect(job.output()).toContain('stopped; the Temporal database is kept for the next start');
      expect(existsSync(dbFile)).toBe(true);
      expect(statSync(dbFile).size).toBeGreaterThan(0);
    }
  });
});
