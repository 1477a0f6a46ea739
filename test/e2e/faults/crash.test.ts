/**
 * Fault suite — a crash in the middle of escalations (issue 14, finding 6): the main job is killed
 * with SIGKILL while a slow webhook receiver holds deliveries, and started again on the same data.
 * Then every escalation record and every escalation-log entry exists exactly once, every step was
 * delivered at least once and always under one Idempotency-Key, and the receiver, deduplicating by
 * that key (as the README tells receivers to), acts on each step exactly once. The dev server and
 * the PostgreSQL the killed job left running are stopped by the next start (finding 4).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embeddedDatabaseUrl } from '../../../scripts/postgres-server';
import { openStore } from '../../../store';
import { people, SHORT_LADDER_YAML } from '../../server/hazards.routes.fixture';
import { isRunningPid, killGroup, killProcessesMentioning, mainJobEnvironment, startMainJob, waitForHealthy, type MainJob } from '../../helpers/main-job';
import { tokenSigner } from '../../helpers/tokens';
import { startWebhookRecipient, type WebhookRecipient } from '../../helpers/webhook-recipient';

const HAZARDS = 12;
const CAMPAIGN_ID = 'api-short-ladder';
/** The short ladder's rungs: 通报 and 曝光, both already due for a hazard registered past its time limit. */
const RUNGS = 2;
const SECRET = 'fault-suite-secret-that-is-long-enough-for-hmac';

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('fault suite: kill -9 of the main job in the middle of escalations', () => {
  let setup: Awaited<ReturnType<typeof mainJobEnvironment>>;
  let receiver: WebhookRecipient;
  let job: MainJob | undefined;
  beforeAll(async () => {
    receiver = await startWebhookRecipient();
    setup = await mainJobEnvironment('crash');
    Object.assign(setup.env, { ESCALATION_WEBHOOK_URL: receiver.url, API_TOKEN_SECRET: SECRET });
  });
  afterAll(async () => {
    if (job) killGroup(job);
    killProcessesMentioning(setup.dbFile);
    killProcessesMentioning(setup.postgresDir);
    await receiver?.close();
  });

  it('restarts on the same data: records and log entries exactly once, deliveries at least once under one key, deduplicated exactly once', async () => {
    const auth = await tokenSigner(SECRET);
    const call = async (principal: (typeof people)[keyof typeof people], method: 'GET' | 'POST', path: string, body?: unknown) => {
      const response = await fetch(`${setup.apiUrl}${path}`, {
        method,
        headers: { ...auth(principal), ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      return { status: response.status, json: (await response.json()) as Record<string, unknown> };
    };

    job = startMainJob(setup.env);
    await waitForHealthy(setup.apiUrl, job);
    const published = await call(people.author, 'POST', '/definitions', { text: SHORT_LADDER_YAML, format: 'yaml' });
    expect(published.status, JSON.stringify(published.json)).toBe(201);
    const started = await call(people.operator, 'POST', '/campaigns', { definitionId: CAMPAIGN_ID, version: 1 });
    expect(started.status, JSON.stringify(started.json)).toBe(201);
    const runId = started.json.runId as string;

    // The receiver takes each message and answers two seconds later: a crash then leaves steps
    // the receiver has acted on but the engine has not seen accepted.
    receiver.hold(2_000);
    const refs: string[] = [];
    for (let i = 0; i < HAZARDS; i++) {
      const registered = await call(people.school7, 'POST', `/campaigns/${runId}/hazards`, {
        hazardId: `CRASH-${i}`,
        level: 'major',
        description: '配电室堆放杂物',
        location: `${i} 号楼`,
        unitId: 'school-7',
        unitName: '第七中学',
        responsiblePerson: '李主任',
        discoveredThrough: 'self-inspection',
        dueOn: '2025-06-30',
      });
      expect(registered.status, JSON.stringify(registered.json)).toBe(201);
      refs.push(registered.json.ref as string);
    }
    await until('deliveries in flight', () => (receiver.inFlight() >= 3 ? true : undefined), 60_000);

    const { pid: devServerPid } = JSON.parse(readFileSync(`${setup.dbFile}.pid`, 'utf8')) as { pid: number };
    const { pid: postgresPid } = JSON.parse(readFileSync(join(setup.postgresDir, 'server.pid'), 'utf8')) as { pid: number };
    process.kill(job.process.pid!, 'SIGKILL');
    await job.exited;
    // The killed job's servers are still running: orphans, which the next start must stop.
    expect(isRunningPid(devServerPid)).toBe(true);
    expect(isRunningPid(postgresPid)).toBe(true);

    receiver.hold(0);
    job = startMainJob(setup.env);
    await waitForHealthy(setup.apiUrl, job);
    expect(job.output()).toContain('stopping the Temporal dev server a previous main job left running');
    expect(job.output()).toContain('stopping the PostgreSQL a previous main job left running');
    expect(isRunningPid(devServerPid)).toBe(false);
    expect(isRunningPid(postgresPid)).toBe(false);

    // Attempts that died with the job are retried once their start-to-close timeout (30 s) passes.
    const views = await until(
      'every rung taken on every hazard',
      async () => {
        const all = await Promise.all(refs.map(async (ref) => (await call(people.operator, 'GET', `/hazards/${encodeURIComponent(ref)}`)).json));
        return all.every((view) => (view.escalationLog as unknown[]).length >= RUNGS) ? all : undefined;
      },
      150_000,
    );

    // Each hazard's escalation log: each rung exactly once, none failed.
    for (const view of views) {
      const log = view.escalationLog as Array<{ stepIndex: number; outcome: string; recordId: string }>;
      expect(log.map((entry) => entry.stepIndex)).toEqual([0, 1]);
      expect(log.every((entry) => entry.outcome === 'delivered' || entry.outcome === 'already-delivered')).toBe(true);
    }
    // Records (in the main job's PostgreSQL): exactly one per step, each noted as delivered (the
    // seed campaigns escalate too; only this campaign's steps count here).
    const store = await openStore({ url: embeddedDatabaseUrl(setup.postgresDir, setup.postgresPort)! });
    const records = await store.records.list({ jurisdiction: 'CN', campaignId: CAMPAIGN_ID, limit: 1_000 });
    await store.close();
    expect(records).toHaveLength(HAZARDS * RUNGS);
    expect(new Set(records.map((record) => record.idempotencyKey)).size).toBe(HAZARDS * RUNGS);
    expect(records.every((record) => record.delivery !== undefined)).toBe(true);

    // The receiver: every step at least once, each under its one key; the crash made some arrive
    // twice; deduplicated by key, each step exactly once.
    const keys = new Set(records.map((record) => record.idempotencyKey));
    const ours = receiver.deliveries.filter((d) => (d.body.campaign as { id: string }).id === CAMPAIGN_ID);
    expect(new Set(ours.map((d) => d.idempotencyKey))).toEqual(keys);
    expect(ours.length).toBeGreaterThan(keys.size);
    expect(new Set(ours.map((d) => d.idempotencyKey)).size).toBe(HAZARDS * RUNGS);
    for (const delivery of ours) expect(delivery.body.idempotencyKey).toBe(delivery.idempotencyKey);

    job.process.kill('SIGINT');
    expect(await job.exited).toBe(0);
    job = undefined;
  });
});
