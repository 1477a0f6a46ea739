/**
 * The README's main command, as a user runs it: the embedded dev server, the worker and the API
 * come up, /health reports Temporal connected, the seed campaigns start without one escalation for
 * what fell due before that day, a ledger imported then escalates only from the import on, Ctrl-C
 * stops everything, and the next start finds the same database.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
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

/** A bearer token signed with the API's secret, as `npm run token` issues it. */
function token(secret: string, ...args: string[]): string {
  return execFileSync(process.execPath, ['--import', 'tsx', 'bin/token.ts', ...args], { cwd: root, env: { ...process.env, API_TOKEN_SECRET: secret }, encoding: 'utf8' }).trim();
}

interface SeedView {
  adoptedOn: string | null;
  occurrences: Array<{ occurrenceId: string; unitId: string; dueOn: string; status: string; escalateFrom: string | null }>;
  milestones: Array<{ milestoneId: string; dueOn: string }>;
  escalationLog: Array<{ itemId: string; unitId: string; plannedAt: string }>;
}

/** Imports a report of 003 that fell due before the takeover as overdue: it climbs its ladder from today, nothing earlier. */
async function importOverdue(api: string, operator: string): Promise<void> {
  const runId = 'jizhou-2024-root-cause@CN.tianjin.jizhou';
  const call = async (method: string, path: string, body?: unknown) =>
    (await fetch(`${api}${path}`, { method, headers: { authorization: `Bearer ${operator}`, 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined })).json();
  const before = ((await call('GET', `/campaigns/${runId}`)) as { view: SeedView }).view;
  const past = before.occurrences.filter((o) => o.status === 'before-adoption' && o.unitId === 'towns').at(-1);
  if (!past) return; // the campaign had not begun when the engine took it over
  const report = await call('POST', `/campaigns/${runId}/imports`, { entries: [{ kind: 'duty-occurrence', occurrenceId: past.occurrenceId, unitId: 'towns', overdue: true }] });
  expect(report).toEqual({ imported: 1, submitted: 0, confirmed: 0, overdue: 1 });
  const after = ((await call('GET', `/campaigns/${runId}`)) as { view: SeedView }).view;
  expect(after.occurrences.find((o) => o.occurrenceId === past.occurrenceId && o.unitId === 'towns')).toMatchObject({ status: 'late', escalateFrom: after.adoptedOn });
  const startOfToday = Date.parse(`${after.adoptedOn}T00:00:00+08:00`);
  expect(after.escalationLog.filter((e) => e.itemId === past.occurrenceId && Date.parse(e.plannedAt) < startOfToday)).toEqual([]);
}

/** The seed campaigns, adopted on the day the main job started them: nothing due before was escalated. */
async function checkSeedsAdopted(api: string, operator: string): Promise<void> {
  const get = async (path: string) => (await fetch(`${api}${path}`, { headers: { authorization: `Bearer ${operator}` } })).json();
  const deadline = Date.now() + 60_000;
  let campaigns: Array<{ runId: string }> = [];
  while (campaigns.length < 5 && Date.now() < deadline) {
    campaigns = ((await get('/campaigns')) as { campaigns: Array<{ runId: string }> }).campaigns;
    await new Promise((r) => setTimeout(r, 500));
  }
  expect(campaigns.length).toBeGreaterThanOrEqual(5);
  for (const { runId } of campaigns) {
    const view = ((await get(`/campaigns/${runId}`)) as { view: SeedView }).view;
    expect(view.adoptedOn, runId).not.toBeNull();
    // An item imported as overdue (escalateFrom) escalates from its import day; nothing else due before the adoption does.
    const imported = new Set(view.occurrences.filter((o) => o.escalateFrom !== null).map((o) => `${o.occurrenceId}@${o.unitId}`));
    const due = new Map([...view.occurrences.map((o) => [o.occurrenceId, o.dueOn] as const), ...view.milestones.map((m) => [m.milestoneId, m.dueOn] as const)]);
    expect(view.escalationLog.filter((e) => due.get(e.itemId)! < view.adoptedOn! && !imported.has(`${e.itemId}@${e.unitId}`)), runId).toEqual([]);
    expect(view.occurrences.filter((o) => o.dueOn < view.adoptedOn! && o.status !== 'before-adoption' && o.escalateFrom === null), runId).toEqual([]);
  }
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

    const secret = 'a-secret-for-the-main-job-test-long-enough';
    Object.assign(env, { API_TOKEN_SECRET: secret });
    const operator = token(secret, '--role', 'operator', '--jurisdiction', 'CN', '--sub', '测试运维');
    for (const round of ['first start', 'second start, same database']) {
      const job = startMainJob(env);
      const health = await waitForHealthy(`http://127.0.0.1:${apiPort}/health`, job);
      expect(health, round).toMatchObject({
        status: 'ok',
        temporal: { reachable: true, workerPolling: true, address: `127.0.0.1:${temporalPort}` },
      });
      await checkSeedsAdopted(`http://127.0.0.1:${apiPort}`, operator);
      if (round === 'first start') await importOverdue(`http://127.0.0.1:${apiPort}`, operator);
      job.process.kill('SIGINT');
      expect(await job.exited, `${round}: exit code after Ctrl-C\n${job.output()}`).toBe(0);
      expect(job.output()).toContain('stopped; the Temporal database is kept for the next start');
      expect(existsSync(dbFile)).toBe(true);
      expect(statSync(dbFile).size).toBeGreaterThan(0);
    }
  });
});
