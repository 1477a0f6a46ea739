/**
 * The public exposure list (曝光台) from the store: no token needed, only delivered exposure steps
 * that no operator withdrew, filtered by campaign, an HTML page whose every text is escaped, and
 * withdrawal by an operator of the entry's jurisdiction.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordIdFor, type EscalationRecord } from '../../store';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { bearer, buildOfflineApp, people, type TestApp } from './api-app';

function exposure(key: string, overrides: { campaignId?: string; unitName?: string; text?: string }): EscalationRecord {
  const { campaignId = 'jizhou-2024', unitName = '第七中学', text = '曝光：第七中学隐患逾期未整改。' } = overrides;
  return {
    id: recordIdFor('public-exposure', key),
    idempotencyKey: key,
    action: 'public-exposure',
    workflowId: `hazard:${campaignId}@CN.tianjin.jizhou:${key}`,
    ladderId: 'overdue-hazard',
    stepIndex: 3,
    campaign: { id: campaignId, version: '1', title: '治本攻坚三年行动', authority: '蓟州区安委会', jurisdiction: 'CN/tianjin/jizhou' },
    item: { kind: 'hazard', id: key, title: '配电室消防通道堵塞', unitId: 'school-7', unitName, dueOn: '2026-02-20' },
    plannedAt: '2026-03-02T01:00:00.000Z',
    recipient: '社会公众',
    message: text,
    details: { kind: 'exposure', channel: 'media', text },
    keptAt: '2026-03-02T01:00:01.000Z',
  };
}

describe('GET /exposure and /exposure.html, POST /exposure/:id/withdrawal', () => {
  let database: TestDatabase;
  let app: TestApp;
  const ids = { h1: recordIdFor('public-exposure', 'h1'), h2: recordIdFor('public-exposure', 'h2') };

  beforeAll(async () => {
    database = await createTestDatabase();
    const { records } = database.store;
    const keep = async (record: EscalationRecord, deliveredAt: string | null) => {
      await records.create(record);
      if (deliveredAt) await records.noteDelivery(record.idempotencyKey, { channel: 'log', deliveredAt });
    };
    await keep(exposure('h1', {}), '2026-03-02T01:00:05.000Z');
    await keep(exposure('h2', { campaignId: 'other-2025', unitName: '<script>alert("x")</script>第八中学', text: '曝光 & <b>逾期</b>' }), '2026-03-01T00:00:00.000Z');
    await keep(exposure('h3', {}), null);
    app = await buildOfflineApp({ store: database.store });
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('lists delivered exposures oldest first, without a token', async () => {
    const response = await app.inject({ method: 'GET', url: '/exposure' });
    expect(response.statusCode).toBe(200);
    const { items } = response.json() as { items: Array<Record<string, string>> };
    expect(items.map((i) => i.campaignId)).toEqual(['other-2025', 'jizhou-2024']);
    expect(items[1]).toEqual({
      id: ids.h1,
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

  it('an operator of the entry’s jurisdiction withdraws it with a reason; others may not', async () => {
    const withdraw = (principal: Parameters<typeof bearer>[1], id: string, payload: Record<string, string>) =>
      app.inject({ method: 'POST', url: `/exposure/${id}/withdrawal`, headers: bearer(app, principal), payload });

    expect((await withdraw(people.chongqingOperator, ids.h2, { reason: '已整改销号' })).statusCode).toBe(403);
    expect((await withdraw(people.school7, ids.h2, { reason: '已整改销号' })).statusCode).toBe(403);
    expect((await withdraw(people.jizhouOperator, ids.h2, {})).statusCode).toBe(400);
    expect((await withdraw(people.jizhouOperator, recordIdFor('public-exposure', 'none'), { reason: '已整改销号' })).statusCode).toBe(404);

    const withdrawn = await withdraw(people.jizhouOperator, ids.h2, { reason: '已整改销号' });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json()).toMatchObject({ id: ids.h2, withdrawal: { by: people.jizhouOperator.sub, reason: '已整改销号' } });
    expect((await app.inject({ method: 'GET', url: '/exposure' })).json().items.map((i: { id: string }) => i.id)).toEqual([ids.h1]);
    expect((await app.inject({ method: 'GET', url: '/exposure.html' })).body).toContain('共 1 条');
  });

  it('answers 503 when the API was started without the store', async () => {
    const unconfigured = await buildOfflineApp();
    const response = await unconfigured.inject({ method: 'GET', url: '/exposure' });
    await unconfigured.close();
    expect(response.statusCode).toBe(503);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });
});
