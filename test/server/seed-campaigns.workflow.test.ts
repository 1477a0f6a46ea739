/**
 * The main job's seeding on a real dev server: the seed notices are published and started once;
 * a second start (a restart of the main job) finds them all and changes nothing; the API then
 * lists them to operators of their jurisdictions.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { temporalSettings } from '../../temporal.config';
import { seedCampaigns } from '../../server/seed-campaigns';
import { repositoryOfficialCalendar } from '../../definitions/load';
import { createEngineTestWorker } from '../helpers/engine-worker';
import { createDevServerEnvironment } from '../helpers/temporal-env';
import { bearer, buildTestApp, type TestApp } from './api-app';

const TASK_QUEUE = 'seed-campaigns';
const seedDir = fileURLToPath(new URL('../../definitions/campaigns', import.meta.url));
const SEEDS = [
  'feed-safety-2026-spring',
  'fuling-education-2020-three-year',
  'gongshu-2020-fire-safety',
  'jizhou-2024-root-cause',
  'linzi-2026-hundred-days',
  'shanxi-hrss-2024-spring',
  'tianjin-hrss-2020-technical-schools',
  'township-fire-safety-2026',
  'yangquan-hrss-2024-spring',
];

describe('seeding the main job’s campaigns', () => {
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  let app: TestApp;
  const settings = temporalSettings({ TEMPORAL_TASK_QUEUE: TASK_QUEUE });
  const logger = pino({ level: 'silent' });

  beforeAll(async () => {
    env = await createDevServerEnvironment();
    ({ worker } = await createEngineTestWorker(env, { taskQueue: TASK_QUEUE }));
    running = worker.run();
    app = await buildTestApp(env.client, settings);
  });
  afterAll(async () => {
    await app?.close();
    worker?.shutdown();
    await running;
    await env?.teardown();
  });

  it('publishes and starts every seed once; a restart finds them all', async () => {
    const first = await seedCampaigns({ client: env.client, settings, dir: seedDir, officialCalendar: repositoryOfficialCalendar(), logger });
    expect(first.map((o) => o.definitionId).sort()).toEqual(SEEDS);
    expect(first.every((o) => o.published === 'published' && o.run === 'started')).toBe(true);
    expect(first.find((o) => o.definitionId === 'jizhou-2024-root-cause')?.runId).toBe('jizhou-2024-root-cause@CN.tianjin.jizhou');

    const again = await seedCampaigns({ client: env.client, settings, dir: seedDir, officialCalendar: repositoryOfficialCalendar(), logger });
    expect(again.every((o) => o.published === 'already-published' && o.run === 'already-exists')).toBe(true);

    const versions = await app.inject({
      method: 'GET',
      url: '/definitions/yangquan-hrss-2024-spring/versions/1',
      headers: bearer(app, { sub: 'x', role: 'operator', jurisdiction: 'CN/shanxi/yangquan' }),
    });
    expect(versions.json()).toMatchObject({ publishedBy: 'campaign engine (seed)', requestId: 'seed:yangquan-hrss-2024-spring@v1', definition: { extends: 'shanxi-hrss-2024-spring' } });
  });

  it('lists each seed run to the operators of its jurisdiction only', async () => {
    const runIds = async (jurisdiction: string) =>
      (
        (await app.inject({ method: 'GET', url: '/campaigns', headers: bearer(app, { sub: 'x', role: 'operator', jurisdiction }) })).json().campaigns as Array<{ runId: string }>
      ).map((c) => c.runId);
    await vi.waitFor(async () => expect(await runIds('CN')).toHaveLength(SEEDS.length), { timeout: 20_000, interval: 250 });
    expect(await runIds('CN/tianjin')).toEqual(['jizhou-2024-root-cause@CN.tianjin.jizhou', 'tianjin-hrss-2020-technical-schools@CN.tianjin']);
    expect(await runIds('CN/shanxi/yangquan')).toEqual(['yangquan-hrss-2024-spring@CN.shanxi.yangquan']);
    expect(await runIds('CN/chongqing/fuling')).toEqual(['fuling-education-2020-three-year@CN.chongqing.fuling']);
  });
});
