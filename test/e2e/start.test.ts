/**
 * The README's main command, as a user runs it: the embedded dev server, PostgreSQL, the worker
 * and the API come up, /health reports Temporal and the database connected, Ctrl-C stops
 * everything (PostgreSQL included), and the next start finds the same databases: an escalation
 * record kept in PostgreSQL before the restart is served by the API after it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inject, describe, expect, it } from 'vitest';
import { Role } from '../../server/auth/principal.schema';
import { embeddedDatabaseUrl } from '../../scripts/postgres-server';
import { openStore } from '../../store';
import { freePort } from '../helpers/free-port';
import { escalationRecord } from '../store/fixtures';
import { bearer, buildOfflineApp, TOKEN_SECRET } from '../server/api-app';

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

/** Whether a process of this id still runs. */
const running = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('the main job (embedded dev server + PostgreSQL + worker + API)', () => {
  it('starts, reports Temporal and the database connected, stops on Ctrl-C and keeps both databases', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'engine-main-'));
    // As a repository's data/ folder is: enterable by the postgres user the server runs as under root.
    chmodSync(dataDir, 0o755);
    const dbFile = join(dataDir, 'temporal.sqlite');
    const postgresDir = join(dataDir, 'postgres');
    const [temporalPort, uiPort, apiPort, postgresPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
    const env = {
      TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`,
      TEMPORAL_DEV_SERVER_UI_PORT: String(uiPort),
      TEMPORAL_DEV_SERVER_DB_FILE: dbFile,
      EMBEDDED_POSTGRES_DIR: postgresDir,
      EMBEDDED_POSTGRES_PORT: String(postgresPort),
      API_PORT: String(apiPort),
      API_TOKEN_SECRET: TOKEN_SECRET,
    };
    // Tokens signed with the main job's secret; this app is never started.
    const signer = await buildOfflineApp();
    const operator = bearer(signer, { sub: '区安委办', role: Role.operator, jurisdiction: 'CN/tianjin/jizhou' });
    await signer.close();
    const kept = escalationRecord('hazard:restart@CN.tianjin.jizhou:R-1/1/step-0', { message: '重启前保存的通报' });
    const devServer = inject('devServerExecutable');
    if (devServer.type === 'existing-path') Object.assign(env, { TEMPORAL_CLI_PATH: devServer.path });

    for (const round of ['first start', 'second start, same databases'] as const) {
      const job = startMainJob(env);
      const health = await waitForHealthy(`http://127.0.0.1:${apiPort}/health`, job);
      expect(health, round).toMatchObject({
        status: 'ok',
        temporal: { reachable: true, workerPolling: true, address: `127.0.0.1:${temporalPort}` },
        database: { configured: true, reachable: true },
      });
      const url = embeddedDatabaseUrl(postgresDir, postgresPort)!;
      if (round === 'first start') {
        const store = await openStore({ url });
        await store.records.create(kept);
        await store.close();
      } else {
        const response = await fetch(`http://127.0.0.1:${apiPort}/escalations/${kept.id}`, { headers: operator });
        expect(response.status, await response.clone().text()).toBe(200);
        expect(await response.json()).toMatchObject({ id: kept.id, message: '重启前保存的通报' });
      }
      const postgresPid = Number(readFileSync(join(postgresDir, 'cluster', 'postmaster.pid'), 'utf8').split('\n')[0]);
      job.process.kill('SIGINT');
      expect(await job.exited, `${round}: exit code after Ctrl-C\n${job.output()}`).toBe(0);
      expect(job.output()).toContain('stopped; the Temporal database and PostgreSQL are kept for the next start');
      expect(running(postgresPid), `${round}: PostgreSQL (pid ${postgresPid}) stopped with the main job`).toBe(false);
      expect(existsSync(dbFile)).toBe(true);
      expect(statSync(dbFile).size).toBeGreaterThan(0);
    }
  });
});
