/**
 * Fault suite — the record and reporting database (PostgreSQL) down for 15 s while escalations fall
 * due. Meanwhile the API answers the routes that read the store with 503 problem+json and a
 * Retry-After, fast, naming the database (never a 500); /health says the database is unreachable;
 * what needs only Temporal (registering a hazard, its view) keeps working. The escalation records
 * and projection writes that failed are retried by Temporal, so once the database is back every
 * step's record exists exactly once and the statistics count every hazard — without restarting
 * the API or the worker.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgresServer, type RunningPostgres } from '../../../scripts/postgres-server';
import { openStore, type Store } from '../../../store';
import { startFaultRig, type FaultRig } from '../../helpers/fault-rig';
import { freePort } from '../../helpers/free-port';
import { eventually, people, SHORT_LADDER_YAML } from '../../server/hazards.routes.fixture';

const OUTAGE_MS = 15_000;
/** The store's connect timeout is 3 s; allow for a busy machine. */
const ANSWERED_WITHIN_MS = 6_000;
/** The short ladder's rungs (通报, 曝光): both already due for a hazard registered past its time limit. */
const RUNGS = 2;
const CAMPAIGN_ID = 'api-short-ladder';

describe('fault suite: the PostgreSQL database down for 15 s and back', () => {
  const dir = mkdtempSync(join(tmpdir(), 'engine-database-'));
  // PostgreSQL runs as the postgres user, which must be able to enter the folder above its own.
  chmodSync(dir, 0o755);
  let postgres: RunningPostgres;
  let startPostgres: () => Promise<RunningPostgres>;
  let store: Store;
  let rig: FaultRig;

  beforeAll(async () => {
    const port = await freePort();
    startPostgres = () => startPostgresServer({ dir, port });
    postgres = await startPostgres();
    store = await openStore({ url: postgres.url, migrate: true });
    rig = await startFaultRig('database-outage', { store });
  });
  afterAll(async () => {
    await rig?.close();
    await postgres?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const call: FaultRig['call'] = (...args) => rig.call(...args);
  const register = (runId: string, hazardId: string) =>
    call(people.school7, 'POST', `/campaigns/${runId}/hazards`, {
      hazardId,
      level: 'ordinary',
      description: '消防通道堆放杂物',
      location: '教学楼',
      unitId: 'school-7',
      unitName: '第七中学',
      responsiblePerson: '李主任',
      discoveredThrough: 'self-inspection',
      // Past due: both rungs are taken as soon as the hazard is registered.
      dueOn: '2025-06-30',
    });
  const ourRecords = () => store.records.list({ jurisdiction: 'CN', campaignId: CAMPAIGN_ID, limit: 1_000 });
  const registeredInStatistics = async (): Promise<number | undefined> => {
    const response = await call(people.operator, 'GET', '/statistics/hazards?by=campaign');
    if (response.statusCode !== 200) return undefined;
    return (response.json().rows as Array<{ registered: number }>).reduce((sum, row) => sum + row.registered, 0);
  };

  it('answers 503 naming the database while it is down, keeps Temporal-only work going, and catches up exactly once', async () => {
    expect((await call(people.author, 'POST', '/definitions', { text: SHORT_LADDER_YAML, format: 'yaml' })).statusCode).toBe(201);
    const started = await call(people.operator, 'POST', '/campaigns', { definitionId: CAMPAIGN_ID, version: 1 });
    expect(started.statusCode, started.body).toBe(201);
    const runId = started.json().runId as string;
    const refs: string[] = [];
    for (const id of ['BEFORE-1', 'BEFORE-2']) {
      const registered = await register(runId, id);
      expect(registered.statusCode, registered.body).toBe(201);
      refs.push(registered.json().ref as string);
    }
    await eventually(async () => ((await ourRecords()).length === 2 * RUNGS ? true : undefined), 60_000);
    await eventually(async () => ((await registeredInStatistics()) === 2 ? true : undefined), 30_000);

    await postgres.stop();
    const downAt = Date.now();
    // Past the statistics' shared answers (fresh for a second, served stale up to two), so the routes must ask the database.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    for (const url of ['/statistics/hazards?by=campaign', '/statistics/duties', '/escalations', '/exports/hazard-ledger.csv']) {
      const sentAt = Date.now();
      const response = await call(people.operator, 'GET', url);
      expect(Date.now() - sentAt, url).toBeLessThan(ANSWERED_WITHIN_MS);
      expect(response.statusCode, `${url}: ${response.body}`).toBe(503);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
      expect(response.json().title).toContain('记录与统计库暂不可用');
    }
    const health = await rig.app.inject({ method: 'GET', url: '/health' });
    expect(health.statusCode).toBe(503);
    expect(health.json().database).toMatchObject({ configured: true, reachable: false });
    expect(health.json().temporal.reachable).toBe(true);

    // Temporal is the system of record: registering and reading hazards does not need the database.
    for (const id of ['DURING-1', 'DURING-2']) {
      const registered = await register(runId, id);
      expect(registered.statusCode, registered.body).toBe(201);
      refs.push(registered.json().ref as string);
    }
    for (const ref of refs) expect((await call(people.operator, 'GET', `/hazards/${encodeURIComponent(ref)}`)).statusCode).toBe(200);

    await new Promise((resolve) => setTimeout(resolve, Math.max(0, OUTAGE_MS - (Date.now() - downAt))));
    postgres = await startPostgres();

    // The same API and worker recover on their own; the failed writes are retried (activity
    // backoff is at most a minute) and land exactly once.
    await eventually(async () => ((await rig.app.inject({ method: 'GET', url: '/health' })).statusCode === 200 ? true : undefined), 30_000);
    const records = await eventually(async () => {
      const all = await ourRecords();
      return all.length >= refs.length * RUNGS ? all : undefined;
    }, 120_000);
    expect(records).toHaveLength(refs.length * RUNGS);
    expect(new Set(records.map((record) => record.idempotencyKey)).size).toBe(refs.length * RUNGS);
    expect(new Set(records.map((record) => record.item.id))).toEqual(new Set(['BEFORE-1', 'BEFORE-2', 'DURING-1', 'DURING-2']));
    // Each hazard's own log: each rung once (the API's kept views follow the runs' changes).
    for (const ref of refs) {
      const log = await eventually(async () => {
        const view = (await call(people.operator, 'GET', `/hazards/${encodeURIComponent(ref)}`)).json() as { escalationLog: Array<{ stepIndex: number }> };
        return view.escalationLog.length >= RUNGS ? view.escalationLog : undefined;
      }, 60_000);
      expect(log.map((entry) => entry.stepIndex)).toEqual([0, 1]);
    }
    expect(await eventually(registeredInStatistics, 60_000)).toBe(refs.length);
  });
});
