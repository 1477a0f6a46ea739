/**
 * More than one process, as a deployment runs them: two main jobs (each a worker and an API
 * process, bin/start.ts) join one Temporal dev server and one PostgreSQL database. 200 hazards are
 * registered through both APIs with a time limit already past, so each climbs its ladder (通报 then
 * 曝光) at once, on whichever worker picks it up; some are then rectified and some verified through
 * the other API. Then every escalation record is in the database exactly once and delivered, the
 * receiver got one message per step, the exposure list holds one entry per hazard, and the
 * statistics either API serves equal the per-hazard truth read back from Temporal — also after the
 * projection is thrown away and rebuilt from Temporal (twice: the rebuild is idempotent).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { sql } from 'kysely';
import { rebuildProjection } from '../../bin/records';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isHazardOverdue, OPEN_HAZARD_STATUSES } from '../../workflows/hazard.contract';
import { HAZARD_VIEW_MEMO_KEY, type HazardView } from '../../workflows/hazard.messages';
import { freePort } from '../helpers/free-port';
import { createDevServerEnvironment } from '../helpers/temporal-env';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { startWebhookRecipient, type WebhookRecipient } from '../helpers/webhook-recipient';
import { bearer, buildOfflineApp, TOKEN_SECRET } from '../server/api-app';
import { eventually, people, SHORT_LADDER_YAML } from '../server/hazards.routes.fixture';

const root = resolve(import.meta.dirname, '../..');
const HAZARDS = 200;
const UNITS = ['school-1', 'school-2', 'school-3', 'school-4'];
const TASK_QUEUE = 'multi-process';

interface MainJob {
  process: ChildProcess;
  base: string;
  output: () => string;
  exited: Promise<number | null>;
}

function startMainJob(env: Record<string, string>, apiPort: number): MainJob {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'bin/start.ts'], {
    cwd: root,
    env: { ...process.env, ...env, API_PORT: String(apiPort), LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return { process: child, base: `http://127.0.0.1:${apiPort}`, output: () => output, exited };
}

async function inParallel(count: number, concurrency: number, run: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    for (let i = next++; i < count; i = next++) await run(i);
  }));
}

describe('two main jobs on one Temporal and one PostgreSQL', () => {
  let env: TestWorkflowEnvironment;
  let database: TestDatabase;
  let recipient: WebhookRecipient;
  const jobs: MainJob[] = [];
  const auth: Record<'author' | 'operator', { authorization: string }> = {} as never;

  beforeAll(async () => {
    [env, database, recipient] = await Promise.all([createDevServerEnvironment(), createTestDatabase(), startWebhookRecipient()]);
    const signer = await buildOfflineApp();
    auth.author = bearer(signer, people.author);
    auth.operator = bearer(signer, people.operator);
    await signer.close();
    const shared = {
      TEMPORAL_ADDRESS: env.address,
      TEMPORAL_DEV_SERVER: 'off',
      TEMPORAL_TASK_QUEUE: TASK_QUEUE,
      DATABASE_URL: database.url,
      API_TOKEN_SECRET: TOKEN_SECRET,
      ESCALATION_WEBHOOK_URL: recipient.url,
      SEED_CAMPAIGNS: 'off',
      // One operator token drives 200 registrations and the polling: not what this test measures.
      API_RATE_LIMIT_PER_MINUTE: '100000',
    };
    for (const port of [await freePort(), await freePort()]) jobs.push(startMainJob(shared, port));
    await Promise.all(
      jobs.map((job) =>
        eventually(async () => {
          if (job.process.exitCode !== null) throw new Error(`a main job exited early:\n${job.output()}`);
          const health = await fetch(`${job.base}/health`).then((r) => r.json() as Promise<{ status: string }>, () => undefined);
          return health?.status === 'ok' ? true : undefined;
        }, 120_000),
      ),
    );
  });

  afterAll(async () => {
    for (const job of jobs) job.process.kill('SIGINT');
    await Promise.all(jobs.map((job) => job.exited));
    await recipient?.close();
    await database?.drop();
    await env?.teardown();
  });

  it('escalates 200 hazards: every record exactly once, and the statistics equal the truth read from Temporal', async () => {
    const [first, second] = jobs as [MainJob, MainJob];
    const post = async (job: MainJob, path: string, body: unknown, headers = auth.operator) => {
      const response = await fetch(`${job.base}${path}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const text = await response.text();
      if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${text}\n${job.output().slice(-3000)}`);
      return JSON.parse(text) as Record<string, unknown>;
    };

    const published = await post(first, '/definitions', { text: SHORT_LADDER_YAML, format: 'yaml' }, auth.author);
    const { runId } = (await post(second, '/campaigns', { definitionId: published.id, version: published.version })) as { runId: string };

    // Registered through both APIs; the time limit has passed, so both rungs fall due at once.
    const refs: string[] = [];
    await inParallel(HAZARDS, 8, async (i) => {
      const hazard = await post(jobs[i % 2]!, `/campaigns/${runId}/hazards`, {
        hazardId: `MP-${i}`,
        level: i % 5 === 0 ? 'major' : 'ordinary',
        description: `多进程测试隐患${i}`,
        location: `${i % 7}号楼`,
        unitId: UNITS[i % UNITS.length],
        unitName: `第${(i % UNITS.length) + 1}中学`,
        responsiblePerson: '安全员',
        discoveredThrough: 'self-inspection',
        measure: '限期清理，专人复查',
        dueOn: '2025-06-30',
      });
      refs[i] = hazard.ref as string;
    });

    // Both rungs taken for every hazard (the hazards' own search attributes, from visibility).
    const climbed = `WorkflowType = 'hazardWorkflow' AND ExecutionStatus = 'Running' AND EscalationStage = 'public-exposure'`;
    await eventually(async () => ((await env.client.workflow.count(climbed)).count === HAZARDS ? true : undefined), 90_000);

    // Every 4th rectified through one API, every 8th of those verified (销号) through the other.
    await inParallel(HAZARDS / 4, 8, async (k) => {
      const ref = encodeURIComponent(refs[k * 4]!);
      await post(second, `/hazards/${ref}/rectification`, { evidence: [{ text: '已整改' }] });
      if (k % 2 === 0) await post(first, `/hazards/${ref}/verification`, { passed: true });
    });

    // The truth, hazard by hazard, from Temporal: each run's view as it keeps it in its memo.
    const views = await eventually(async () => {
      const read = await Promise.all(refs.map(async (ref) => (await env.client.workflow.getHandle(ref).describe()).memo?.[HAZARD_VIEW_MEMO_KEY] as HazardView | undefined));
      const settled = read.every((view, i) => view && view.escalationLog.length === 2 && (i % 4 !== 0 || !OPEN_HAZARD_STATUSES.includes(view.status)));
      return settled ? (read as HazardView[]) : undefined;
    }, 60_000);

    // Records: one per step, each delivered; the receiver acted on each step once.
    const { db } = database.store;
    const records = await db.selectFrom('escalation_records').select(['idempotency_key', 'workflow_id', 'action', 'delivered_at', 'record_id']).execute();
    expect(records).toHaveLength(HAZARDS * 2);
    expect(new Set(records.map((r) => r.idempotency_key)).size).toBe(HAZARDS * 2);
    expect(records.every((r) => r.delivered_at !== null)).toBe(true);
    const perHazard = new Map<string, string[]>();
    for (const r of records) perHazard.set(r.workflow_id, [...(perHazard.get(r.workflow_id) ?? []), r.action].sort());
    expect([...perHazard.keys()].sort()).toEqual([...refs].sort());
    expect([...perHazard.values()].every((actions) => actions.join() === 'notice,public-exposure')).toBe(true);
    expect(new Set(views.flatMap((v) => v.escalationLog.map((e) => e.recordId)))).toEqual(new Set(records.map((r) => r.record_id)));
    expect(recipient.messages().map((m) => m.idempotencyKey).sort()).toEqual(records.map((r) => r.idempotency_key).sort());
    const { exposures } = (await sql<{ exposures: number }>`select count(*)::int as exposures from public_exposures`.execute(db)).rows[0]!;
    expect(exposures).toBe(HAZARDS);

    // Statistics per unit, from either API, equal what the runs themselves say.
    const truth = UNITS.map((unitId) => {
      const mine = views.filter((v) => v.hazard.unitId === unitId);
      const count = (test: (v: HazardView) => boolean) => mine.filter(test).length;
      const closed = count((v) => v.closedOn !== null);
      const steps = mine.flatMap((v) => v.escalationLog).filter((e) => e.outcome !== 'failed');
      return {
        unitId,
        registered: mine.length,
        rectified: count((v) => !OPEN_HAZARD_STATUSES.includes(v.status)),
        verified: count((v) => v.history.some((h) => h.event === 'verified-and-closed')),
        closed,
        overdue: count((v) => isHazardOverdue(v, Date.now())),
        rectificationRate: closed / mine.length,
        escalations: Object.fromEntries(['notice', 'public-exposure'].map((action) => [action, steps.filter((e) => e.action === action).length])),
      };
    });
    expect(truth.reduce((sum, row) => sum + row.closed, 0)).toBe(HAZARDS / 8);
    const shownBy = async (job: MainJob) => {
      const response = await fetch(`${job.base}/statistics/hazards?campaign=${runId}&by=unit`, { headers: auth.operator });
      const body = (await response.json()) as { rows: Array<Record<string, unknown>> };
      return body.rows.map(({ unitId, registered, rectified, verified, closed, overdue, rectificationRate, escalations }) => ({
        unitId, registered, rectified, verified, closed, overdue, rectificationRate, escalations,
      }));
    };
    // The projection follows the runs within about a second on a quiet machine; CI's two cores run
    // two main jobs here, so it may take much longer to settle — what counts is what it settles on.
    const statistics = async (job: MainJob) => {
      const rows = await eventually(async () => {
        const shown = await shownBy(job);
        return JSON.stringify(shown) === JSON.stringify(truth) ? shown : undefined;
      }, 90_000).catch(() => shownBy(job));
      expect(rows).toEqual(truth);
    };
    for (const job of jobs) await statistics(job);

    // Thrown away and rebuilt from Temporal: the same figures; rebuilt again: still the same.
    await db.deleteFrom('escalation_steps').execute();
    await db.deleteFrom('hazards').execute();
    for (const round of [1, 2]) {
      const report = await rebuildProjection(env.client, database.store);
      expect(report.failed, `rebuild ${round}`).toEqual([]);
      expect(report.hazards.written + report.hazards.alreadyNewer, `rebuild ${round}`).toBe(HAZARDS);
      expect(report.campaigns.written + report.campaigns.alreadyNewer, `rebuild ${round}`).toBe(1);
      await statistics(second);
    }
  });
});
