/**
 * The README's main command, as a user runs it: the embedded dev server, PostgreSQL, the worker
 * and the API come up, /health reports Temporal and the database connected, the seed campaigns
 * start without one escalation for what fell due before that day, a ledger imported then
 * escalates only from the import on, Ctrl-C stops everything (PostgreSQL included), and the next
 * start finds the same databases: an escalation record kept before the restart is served after it.
 */
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { embeddedDatabaseUrl } from '../../scripts/postgres-server';
import { openStore } from '../../store';
import { isRunningPid, killGroup, killProcessesMentioning, mainJobEnvironment, startMainJob, waitForHealthy } from '../helpers/main-job';
import { escalationRecord } from '../store/fixtures';

const root = resolve(import.meta.dirname, '../..');

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

describe('the main job (embedded dev server + PostgreSQL + worker + API)', () => {
  it('starts, reports Temporal and the database connected, stops on Ctrl-C and keeps both databases', async () => {
    const { env, dbFile, postgresDir, postgresPort, apiUrl } = await mainJobEnvironment('main');
    const secret = 'a-secret-for-the-main-job-test-long-enough';
    env.API_TOKEN_SECRET = secret;
    const operator = token(secret, '--role', 'operator', '--jurisdiction', 'CN', '--sub', '测试运维');
    const kept = escalationRecord('hazard:restart@CN.tianjin.jizhou:R-1/1/step-0', { message: '重启前保存的通报' });
    for (const round of ['first start', 'second start, same databases']) {
      const job = startMainJob(env);
      try {
        const health = await waitForHealthy(apiUrl, job);
        expect(health, round).toMatchObject({
          status: 'ok',
          temporal: { reachable: true, workerPolling: true, address: env.TEMPORAL_ADDRESS },
          database: { configured: true, reachable: true },
        });
        if (round === 'first start') {
          const store = await openStore({ url: embeddedDatabaseUrl(postgresDir, postgresPort)! });
          await store.records.create(kept);
          await store.close();
        } else {
          const response = await fetch(`${apiUrl}/escalations/${kept.id}`, { headers: { authorization: `Bearer ${operator}` } });
          expect(response.status).toBe(200);
          expect(await response.json()).toMatchObject({ id: kept.id, message: '重启前保存的通报' });
        }
        const postgresPid = Number(readFileSync(join(postgresDir, 'cluster', 'postmaster.pid'), 'utf8').split('\n')[0]);
        await checkSeedsAdopted(apiUrl, operator);
        if (round === 'first start') await importOverdue(apiUrl, operator);
        job.process.kill('SIGINT');
        expect(await job.exited, `${round}: exit code after Ctrl-C\n${job.output()}`).toBe(0);
        expect(job.output()).toContain('stopped; the Temporal database and PostgreSQL are kept for the next start');
        expect(isRunningPid(postgresPid), `${round}: PostgreSQL (pid ${postgresPid}) stopped with the main job`).toBe(false);
        expect(existsSync(dbFile)).toBe(true);
        expect(statSync(dbFile).size).toBeGreaterThan(0);
      } finally {
        // A failed round leaves nothing running behind it: the job's group, then anything of its databases.
        killGroup(job);
        killProcessesMentioning(dbFile);
        killProcessesMentioning(postgresDir);
      }
    }
  });
});
