import { Client, Connection } from '@temporalio/client';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { temporalSettings } from '../../temporal.config';
import { buildApp } from '../../server/app';
import { repositoryOfficialCalendar } from '../../definitions/load';
import { freePort } from '../helpers/free-port';

describe('GET /health without a reachable Temporal', () => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  beforeAll(async () => {
    // A port nothing listens on: the probe must say "unreachable", not hang or crash.
    const settings = temporalSettings({ TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}` });
    const connection = Connection.lazy({ address: settings.address, connectTimeout: 500 });
    app = await buildApp({
      temporalClient: new Client({ connection, namespace: settings.namespace }),
      temporalSettings: settings,
      logger: pino({ level: 'silent' }),
      tokenSecret: 'a-test-secret-that-is-long-enough-for-hmac',
      officialCalendar: repositoryOfficialCalendar(),
    });
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
