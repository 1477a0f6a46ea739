import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildOfflineApp, type TestApp } from './api-app';

describe('GET /health without a reachable Temporal', () => {
  let app: TestApp;
  beforeAll(async () => {
    // A port nothing listens on: the probe must say "unreachable", not hang or crash.
    app = await buildOfflineApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('answers 503 with status degraded and the reason', async () => {
    const response = await app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(503);
    const body = response.json();
    expect(body.status).toBe('degraded');
    expect(body.temporal).toMatchObject({ reachable: false, workerPolling: false, namespace: 'default', taskQueue: 'campaign-engine' });
    expect(body.temporal.error).toEqual(expect.any(String));
  });

  it('shares one probe of Temporal among a hundred callers at once, and answers them together (finding 8)', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // past the last answer's freshness
    // A pass-through spy: the real call still goes out; the test counts how many do.
    const probe = vi.spyOn(app.temporal.client.workflowService, 'describeTaskQueue');
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 100 }, () => app.inject({ method: 'GET', url: '/health' })));
    expect(new Set(answers.map((a) => a.statusCode))).toEqual(new Set([503]));
    expect(probe).toHaveBeenCalledTimes(1);
    expect(Date.now() - started).toBeLessThan(6_000);
    // Right after, the same answer is served without asking again.
    expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(503);
    expect(probe).toHaveBeenCalledTimes(1);
    probe.mockRestore();
  });

  it('answers unknown routes with application/problem+json', async () => {
    const response = await app.inject({ method: 'GET', url: '/no-such-route' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ title: 'Not Found', status: 404, instance: '/no-such-route' });
  });

  it('serves the OpenAPI document with the health route', async () => {
    const response = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(response.statusCode).toBe(200);
    expect(response.json().paths).toHaveProperty('/health');
  });
});
