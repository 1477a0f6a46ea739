/**
 * What the hazard and run routes decide before they reach Temporal: tokens (401), roles (403) and
 * request validation (400 problem+json with the failing paths). The Temporal-backed behaviour is
 * in hazards.routes.workflow.test.ts and runs.routes.workflow.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../server/auth/principal.schema';
import { bearer, buildOfflineApp, type TestApp } from './api-app';

const operator: Principal = { sub: '区应急管理局', role: 'operator', jurisdiction: 'CN/tianjin/jizhou' };
const unit: Principal = { sub: '第七中学', role: 'unit', jurisdiction: 'CN/tianjin/jizhou', unitId: 'school-7' };
const author: Principal = { sub: '区安委会办公室', role: 'author', jurisdiction: 'CN/tianjin/jizhou' };
const run = 'jizhou-2024-root-cause@CN.tianjin.jizhou';
const ref = encodeURIComponent(`hazard:${run}:JZ-1`);

describe('hazard and run routes: tokens, roles and validation', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await buildOfflineApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it.each([
    ['POST', `/campaigns/${run}/hazards`],
    ['GET', '/hazards'],
    ['GET', `/hazards/${ref}`],
    ['POST', `/hazards/${ref}/rectification`],
    ['POST', `/hazards/${ref}/verification`],
    ['POST', `/hazards/${ref}/extension-requests`],
    ['POST', `/hazards/${ref}/extension-decision`],
    ['POST', `/hazards/${ref}/reinspection`],
    ['GET', `/runs/${ref}`],
  ] as const)('%s %s needs a token (401 problem+json)', async (method, url) => {
    const response = await app.inject({ method, url, payload: method === 'POST' ? {} : undefined });
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it.each([
    [author, 'POST', `/campaigns/${run}/hazards`],
    [author, 'GET', '/hazards'],
    [author, 'GET', `/hazards/${ref}`],
    [unit, 'POST', `/hazards/${ref}/verification`],
    [unit, 'POST', `/hazards/${ref}/extension-decision`],
    [unit, 'POST', `/hazards/${ref}/reinspection`],
    [unit, 'GET', `/runs/${ref}`],
    [author, 'GET', `/runs/${ref}`],
  ] as const)('%o may not %s %s (403)', async (principal, method, url) => {
    const response = await app.inject({ method, url, headers: bearer(app, principal), payload: method === 'POST' ? {} : undefined });
    expect(response.statusCode).toBe(403);
  });

  it('answers a bad registration with 400 and every failing path', async () => {
    const response = await app.inject({
      method: 'POST',
      url: `/campaigns/${run}/hazards`,
      headers: bearer(app, unit),
      payload: { level: 'ordinary', description: '', unitId: 'school-7', discoveredThrough: 'rumour', dueOn: '2026-13-01', surplus: true },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ title: 'Request validation failed', status: 400 });
    const paths = (response.json().errors as Array<{ path: string }>).map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining(['body/description', 'body/location', 'body/unitName', 'body/responsiblePerson', 'body/discoveredThrough', 'body/dueOn']),
    );
  });

  it('checks the ids in URLs and the list filters', async () => {
    const badRun = await app.inject({ method: 'POST', url: '/campaigns/Not%20a%20run/hazards', headers: bearer(app, operator), payload: {} });
    expect(badRun.json().errors[0].path).toBe('params/runId');
    const badRef = await app.inject({ method: 'GET', url: '/hazards/campaign%3Ajizhou', headers: bearer(app, operator) });
    expect(badRef.statusCode).toBe(400);
    expect(badRef.json().errors[0].path).toBe('params/hazardRef');
    const badFilter = await app.inject({ method: 'GET', url: "/hazards?unit=x'%20OR%20'1'='1&pageSize=500", headers: bearer(app, operator) });
    expect(badFilter.statusCode).toBe(400);
    expect((badFilter.json().errors as Array<{ path: string }>).map((e) => e.path).sort()).toEqual(['querystring/pageSize', 'querystring/unit']);
  });

  it('checks update bodies: evidence needs a text or a file, extensions a real date', async () => {
    const evidence = await app.inject({ method: 'POST', url: `/hazards/${ref}/rectification`, headers: bearer(app, unit), payload: { evidence: [{}] } });
    expect(evidence.statusCode).toBe(400);
    expect(evidence.json().errors[0].path).toMatch(/^body\/evidence\/0/);
    const extension = await app.inject({ method: 'POST', url: `/hazards/${ref}/extension-requests`, headers: bearer(app, unit), payload: { requestedDueOn: '2026-02-30', reason: '设备未到' } });
    expect(extension.json().errors.map((e: { path: string }) => e.path)).toEqual(['body/requestedDueOn']);
  });

  it('documents the routes in OpenAPI', async () => {
    const paths = Object.keys((await app.inject({ method: 'GET', url: '/docs/json' })).json().paths);
    expect(paths).toEqual(
      expect.arrayContaining(['/campaigns/{runId}/hazards', '/hazards', '/hazards/{hazardRef}', '/hazards/{hazardRef}/rectification', '/runs/{workflowId}', '/exposure', '/exposure.html']),
    );
  });
});
