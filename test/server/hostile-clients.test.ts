/**
 * What a careless or hostile client meets before Temporal is asked (issue 14, findings 1, 7 and 9):
 * long ids route like short ones, every framework error is problem+json with its 4xx status, a bad
 * query is a 400, request ids are bounded, tokens must expire, every response carries security
 * headers, clients and tokens are rate limited (failed authentication harder), and each request
 * is one log line.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildOfflineApp, people, type TestApp } from './api-app';

const longRun = `${'a'.repeat(44)}@CN.tianjin.jizhou`;
const longRef = (hazardId: string): string => encodeURIComponent(`hazard:${longRun}:${hazardId}`);

describe('hostile and careless clients', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await buildOfflineApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  describe('long ids (finding 1)', () => {
    it('routes a 105-character hazard ref like a short one (the route answers, not the router)', async () => {
      const ref = longRef('8f14e45f-ceea-467f-a0e6-0f4a1b2c3d4e');
      expect(decodeURIComponent(ref).length).toBeGreaterThan(100);
      for (const url of [`/hazards/${ref}`, `/runs/${ref}`]) {
        // An author may not read hazards: a 403 from the route shows the id was routed.
        const response = await app.inject({ method: 'GET', url, headers: bearer(app, people.tianjinAuthor) });
        expect(response.statusCode, url).toBe(403);
      }
      const rectify = await app.inject({ method: 'POST', url: `/hazards/${ref}/rectification`, headers: bearer(app, people.tianjinAuthor), payload: {} });
      expect(rectify.statusCode).toBe(403);
    });

    it('answers an id longer than any the schemas allow with 414 problem+json', async () => {
      const response = await app.inject({ method: 'GET', url: `/hazards/${longRef('x'.repeat(1200))}`, headers: bearer(app, people.tianjinOperator) });
      expect(response.statusCode).toBe(414);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({ status: 414 });
    });
  });

  describe('framework errors are problem+json with their 4xx status', () => {
    it.each([
      ['a malformed URL', { method: 'GET', url: '/hazards/%E0%A4%A' }, 400],
      ['a body that is not JSON', { method: 'POST', url: '/definitions/validate', headers: { 'content-type': 'application/json' }, payload: '{"text": ' }, 400],
      ['an empty JSON body', { method: 'POST', url: '/definitions/validate', headers: { 'content-type': 'application/json' }, payload: '' }, 400],
      ['an unsupported media type', { method: 'POST', url: '/definitions/validate', headers: { 'content-type': 'text/x-unknown' }, payload: 'x' }, 415],
      ['a body over the limit', { method: 'POST', url: '/definitions/validate', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ text: 'x'.repeat(1_100_000) }) }, 413],
    ] as const)('%s', async (_what, request, status) => {
      const response = await app.inject({ ...request, headers: { ...bearer(app, people.tianjinAuthor), ...('headers' in request ? request.headers : {}) } });
      expect(response.statusCode, response.body).toBe(status);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({ status });
    });
  });

  it('answers an invalid definitionId filter with 400 and its path (finding 7)', async () => {
    const response = await app.inject({ method: 'GET', url: "/campaigns?definitionId=x'%20OR%20'1'='1", headers: bearer(app, people.tianjinOperator) });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((e: { path: string }) => e.path)).toEqual(['querystring/definitionId']);
  });

  describe('request ids', () => {
    it.each([
      ['kept when safe and short', 'trace-42_ab.c:9', true],
      ['replaced when longer than 128 characters', 'a'.repeat(129), false],
      ['replaced when 15,000 characters', 'b'.repeat(15_000), false],
      ['replaced when it carries markup or spaces', '<script>alert(1)</script>', false],
    ])('%s', async (_what, id, kept) => {
      const response = await app.inject({ method: 'GET', url: '/no-such-route', headers: { 'x-request-id': id } });
      const returned = response.headers['x-request-id'] as string;
      if (kept) expect(returned).toBe(id);
      else expect(returned).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  it('refuses a token without an expiry (401)', async () => {
    // Signed with the API's own secret, as a careless issuer would: no `exp`.
    const forever = app.jwt.sign({ ...people.tianjinOperator });
    expect(JSON.parse(Buffer.from(forever.split('.')[1]!, 'base64url').toString())).not.toHaveProperty('exp');
    const response = await app.inject({ method: 'GET', url: '/campaigns', headers: { authorization: `Bearer ${forever}` } });
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('sends security headers with every response, with a CSP that allows no inline script and no framing', async () => {
    for (const url of ['/health', '/docs', '/docs/json', '/no-such-route', '/exposure.html']) {
      const response = await app.inject({ method: 'GET', url });
      const csp = String(response.headers['content-security-policy']);
      expect(csp, url).toContain("script-src 'self'");
      expect(csp, url).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).toContain("object-src 'none'");
      expect(response.headers['x-content-type-options'], url).toBe('nosniff');
      expect(response.headers['x-frame-options'], url).toBe('DENY');
      expect(response.headers['referrer-policy'], url).toBe('no-referrer');
    }
  });
});

describe('rate limits (finding 9)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await buildOfflineApp({ rateLimit: { requestsPerMinute: 5, authFailuresPerMinute: 3 } });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('limits failed authentication per client harder, with 429 problem+json and Retry-After', async () => {
    const forged = { authorization: 'Bearer forged.token.here' };
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await app.inject({ method: 'GET', url: '/campaigns', headers: forged, remoteAddress: '10.0.0.7' })).statusCode);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    const limited = await app.inject({ method: 'GET', url: '/campaigns', headers: forged, remoteAddress: '10.0.0.7' });
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json()).toMatchObject({ status: 429 });
    // Another client is not affected.
    expect((await app.inject({ method: 'GET', url: '/campaigns', headers: forged, remoteAddress: '10.0.0.8' })).statusCode).toBe(401);
  });

  it('limits each token and each client without one', async () => {
    const token = bearer(app, people.tianjinAuthor);
    const statuses: number[] = [];
    // A body that fails validation answers without Temporal: 400 until the token's limit.
    for (let i = 0; i < 7; i++) statuses.push((await app.inject({ method: 'POST', url: '/definitions/validate', headers: token, payload: {} })).statusCode);
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429, 429]);
    const another = bearer(app, { ...people.tianjinAuthor, sub: '另一位作者' });
    expect((await app.inject({ method: 'POST', url: '/definitions/validate', headers: another, payload: {} })).statusCode).toBe(400);

    const anonymous: number[] = [];
    for (let i = 0; i < 7; i++) anonymous.push((await app.inject({ method: 'GET', url: '/docs/json', remoteAddress: '10.0.0.9' })).statusCode);
    expect(anonymous).toEqual([200, 200, 200, 200, 200, 429, 429]);
  });

  it('never limits /health (probes poll it)', async () => {
    for (let i = 0; i < 8; i++) expect((await app.inject({ method: 'GET', url: '/health', remoteAddress: '10.0.0.10' })).statusCode).toBe(503);
  });
});

describe('log volume (finding 9)', () => {
  it('writes one info line per request, and health checks only at debug', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    const app = await buildOfflineApp({ logger: pino({ level: 'info' }, sink) });
    try {
      await app.inject({ method: 'GET', url: '/no-such-route', headers: { 'x-request-id': 'one-line' } });
      await app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'health-probe' } });
      const ofRequest = lines.filter((line) => line.reqId === 'one-line');
      expect(ofRequest).toHaveLength(1);
      expect(ofRequest[0]).toMatchObject({ level: 30, method: 'GET', url: '/no-such-route', statusCode: 404 });
      expect(ofRequest[0]!.responseTimeMs).toEqual(expect.any(Number));
      expect(lines.filter((line) => line.reqId === 'health-probe')).toHaveLength(0);
    } finally {
      await app.close();
    }
  });
});
