/**
 * The public exposure list (曝光台) from the activities' record store: no token needed, only
 * delivered exposure steps, filtered by campaign, and an HTML page whose every text is escaped.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileRecordStore, recordIdFor, type EscalationRecord } from '../../activities';
import { Client, Connection } from '@temporalio/client';
import pino from 'pino';
import { buildApp } from '../../server/app';
import { repositoryOfficialCalendar } from '../../definitions/load';
import { temporalSettings } from '../../temporal.config';
import type { TestApp } from './api-app';

/** The exposure routes never reach Temporal: a client that could not, and the records folder. */
const appReading = (recordsDir: string | undefined): Promise<TestApp> =>
  buildApp({
    temporalClient: new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) }),
    temporalSettings: temporalSettings({}),
    logger: pino({ level: 'silent' }),
    tokenSecret: 'a-test-secret-that-is-long-enough-for-hmac',
    officialCalendar: repositoryOfficialCalendar(),
    recordsDir,
  });

function exposure(key: string, overrides: { campaignId?: string; unitName?: string; deliveredAt?: string | null; text?: string }): EscalationRecord {
  const { campaignId = 'jizhou-2024', unitName = '第七中学', deliveredAt = '2026-03-02T01:00:05.000Z', text = '曝光：第七中学隐患逾期未整改。' } = overrides;
  return {
    schemaVersion: 1,
    id: recordIdFor('public-exposure', key),
    idempotencyKey: key,
    action: 'public-exposure',
    workflowId: `hazard:${campaignId}@CN.tianjin.jizhou:${key}`,
    ladderId: 'overdue-hazard',
    stepIndex: 3,
    campaign: { id: campaignId, version: '1', title: '治本攻坚三年行动', authority: '蓟州区安委会' },
    item: { kind: 'hazard', id: key, title: '配电室消防通道堵塞', unitId: 'school-7', unitName, dueOn: '2026-02-20' },
    plannedAt: '2026-03-02T01:00:00.000Z',
    recipient: '社会公众',
    message: text,
    details: { kind: 'exposure', channel: 'media', text },
    keptAt: '2026-03-02T01:00:01.000Z',
    ...(deliveredAt ? { delivery: { channel: 'log', deliveredAt } } : {}),
  };
}

describe('GET /exposure and /exposure.html', () => {
  let dir: string;
  let app: TestApp;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'exposure-records-'));
    const store = createFileRecordStore(dir);
    await store.create(exposure('h1', {}));
    await store.create(exposure('h2', { campaignId: 'other-2025', unitName: '<script>alert("x")</script>第八中学', deliveredAt: '2026-03-01T00:00:00.000Z', text: '曝光 & <b>逾期</b>' }));
    await store.create(exposure('h3', { deliveredAt: null }));
    app = await appReading(dir);
  });
  afterAll(async () => {
    await app?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('lists delivered exposures oldest first, without a token', async () => {
    const response = await app.inject({ method: 'GET', url: '/exposure' });
    expect(response.statusCode).toBe(200);
    const { items } = response.json() as { items: Array<Record<string, string>> };
    expect(items.map((i) => i.campaignId)).toEqual(['other-2025', 'jizhou-2024']);
    expect(items[1]).toEqual({
      campaignId: 'jizhou-2024',
      campaign: '治本攻坚三年行动',
      unit: '第七中学',
      item: '配电室消防通道堵塞',
      dueOn: '2026-02-20',
      exposedAt: '2026-03-02T01:00:05.000Z',
      channel: 'media',
      text: '曝光：第七中学隐患逾期未整改。',
    });
  });

  it('filters by campaign and checks the filter', async () => {
    expect((await app.inject({ method: 'GET', url: '/exposure?campaign=jizhou-2024' })).json().items).toHaveLength(1);
    const bad = await app.inject({ method: 'GET', url: '/exposure?campaign=Not%20An%20Id' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('querystring/campaign');
  });

  it('serves a Chinese HTML page with every text escaped', async () => {
    const response = await app.inject({ method: 'GET', url: '/exposure.html' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toMatch(/^<!doctype html>/);
    expect(response.body).toContain('<h1>安全生产曝光台</h1>');
    expect(response.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;第八中学');
    expect(response.body).toContain('曝光 &amp; &lt;b&gt;逾期&lt;/b&gt;');
    expect(response.body).not.toContain('<script>');
    expect(response.body).toContain('共 2 条');
  });

  it('answers 503 when the API was started without the records folder', async () => {
    const unconfigured = await appReading(undefined);
    const response = await unconfigured.inject({ method: 'GET', url: '/exposure' });
    await unconfigured.close();
    expect(response.statusCode).toBe(503);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });
});
