/**
 * Temporal down (finding 2 of issue 14): every route that needs Temporal answers fast with 503
 * problem+json, a Retry-After and a title naming Temporal as unavailable — not a generic 500 after
 * the client's twenty seconds of retries. The app's Temporal client points at a port nobody
 * listens on, through the same connection the main job makes (server/temporal-connection.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildOfflineApp, people, type TestApp } from './api-app';

/** Well under the client's own ~20 s of retries, above the API's retry budget for an unreachable server. */
const ANSWERED_WITHIN_MS = 6_000;

const run = 'jizhou-2024-root-cause@CN.tianjin.jizhou';
const ref = encodeURIComponent(`hazard:${run}:JZ-1`);

describe('Temporal unreachable: 503 problem+json, fast, naming Temporal', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await buildOfflineApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it.each([
    [people.tianjinOperator, 'GET', '/campaigns', undefined],
    [people.tianjinOperator, 'GET', `/campaigns/${run}`, undefined],
    [people.tianjinOperator, 'POST', '/campaigns', { definitionId: 'tianjin-plan', version: 1 }],
    [people.tianjinOperator, 'GET', '/hazards?pageSize=5', undefined],
    [people.tianjinOperator, 'GET', `/hazards/${ref}`, undefined],
    [people.tianjinOperator, 'POST', `/hazards/${ref}/verification`, { passed: true }],
    [people.tianjinOperator, 'GET', `/runs/${ref}`, undefined],
    [people.tianjinAuthor, 'GET', '/definitions', undefined],
    [people.tianjinAuthor, 'GET', '/definitions/tianjin-plan/versions', undefined],
  ] as const)('%o %s %s', async (principal, method, url, payload) => {
    const started = Date.now();
    const response = await app.inject({ method, url, headers: bearer(app, principal), payload });
    const took = Date.now() - started;
    expect(response.statusCode, response.body).toBe(503);
    expect(took).toBeLessThan(ANSWERED_WITHIN_MS);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    expect(response.json()).toMatchObject({ status: 503, title: expect.stringContaining('Temporal') });
    expect(response.json().title).toMatch(/暂不可用/);
  });
});
