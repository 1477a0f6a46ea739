/**
 * Property-based fuzzing of every route's inputs (issue 14): for each route the OpenAPI document
 * lists, random path parameters (real ids among junk: long, encoded, unicode), query strings,
 * bodies (JSON of any shape, other content types, non-JSON) and headers (tokens of every role,
 * forged ones, odd accepts and request ids) — on a real dev server with the engine's worker, so
 * requests that pass validation reach Temporal. No answer is ever a 5xx.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, startApiEnvironment, type ApiEnvironment } from './hazards.routes.fixture';

type Method = 'GET' | 'POST';

describe('fuzzing every route: no input gives a 5xx', () => {
  let api: ApiEnvironment;
  let routes: Array<{ method: Method; path: string }> = [];
  const ids: string[] = [];
  beforeAll(async () => {
    // Limits far above the run's pace: the fuzzing is to reach the routes, not the rate limiter.
    api = await startApiEnvironment('routes-fuzz', { rateLimit: { requestsPerMinute: 1_000_000, authFailuresPerMinute: 1_000_000 } });
    const runId = await api.startCampaign();
    const registered = await api.app.inject({
      method: 'POST',
      url: `/campaigns/${runId}/hazards`,
      headers: api.auth(people.school7),
      payload: { hazardId: 'FUZZ-1', level: 'major', description: '电线老化', location: '实验楼', unitId: 'school-7', unitName: '第七中学', responsiblePerson: '李主任', discoveredThrough: 'self-inspection', dueOn: '2035-06-30' },
    });
    expect(registered.statusCode).toBe(201);
    ids.push(runId, registered.json().ref, 'api-short-ladder', '1', `campaign:${runId}`, 'monthly-report:2025-01');
    const document = (await api.app.inject({ method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, Record<string, unknown>> };
    routes = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations)
        .filter((method) => method === 'get' || method === 'post')
        .map((method) => ({ method: method.toUpperCase() as Method, path })),
    );
  });
  afterAll(async () => {
    await api?.teardown();
  });

  const text = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.string({ unit: 'grapheme', maxLength: 20 }),
    fc.constantFrom('', ' ', '%', '%00', '..', '../..', "' OR '1'='1", '<script>', '\u0000', 'null', '-1', '0', '1e400', 'x'.repeat(1500), '整改'),
  );
  const idLike = fc.oneof(text, fc.constant(null).map(() => ids[Math.floor(Math.random() * ids.length)]!));
  const headers = fc.record(
    {
      // Mostly valid tokens of every role, so that requests get past authentication.
      authorization: fc.oneof(
        { arbitrary: fc.constantFrom(...Object.values(people)).map((principal) => `Bearer ${api.app.signToken(principal)}`), weight: 5 },
        { arbitrary: fc.constantFrom('Bearer', 'Bearer forged.token.x', 'Basic abc', '', 'Bearer ' + 'a'.repeat(5000)), weight: 1 },
      ),
      accept: fc.constantFrom('application/json', 'text/markdown', '*/*', 'text/html;q=0.1, application/json', 'nonsense'),
      'x-request-id': text,
      'accept-encoding': fc.constantFrom('gzip', 'br', 'identity', 'x'),
    },
    { requiredKeys: ['authorization'] },
  );
  const body = fc.oneof(
    fc.record({ contentType: fc.constant('application/json'), payload: fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)) }),
    fc.record({
      contentType: fc.constant('application/json'),
      payload: fc
        .record({ text: text, format: fc.constantFrom('yaml', 'json', 'toml'), definitionId: idLike, version: fc.integer(), unitId: idLike, evidence: fc.array(fc.record({ text })), passed: fc.boolean() }, { requiredKeys: [] })
        .map((value) => JSON.stringify(value)),
    }),
    fc.record({ contentType: fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data'), payload: text }),
  );
  const query = fc.dictionary(fc.constantFrom('campaign', 'unit', 'level', 'status', 'escalationStage', 'overdue', 'pageSize', 'nextPageToken', 'definitionId', 'extra', '__proto__'), idLike, { maxKeys: 4 });

  it('answers every generated request below 500', async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.array(idLike, { minLength: 3, maxLength: 3 }), query, body, headers, async (routeIndex, params, search, sent, sentHeaders) => {
        const route = routes[routeIndex % routes.length]!;
        let i = 0;
        const path = route.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(params[i++] ?? ''));
        const url = `${path}?${new URLSearchParams(search as Record<string, string>).toString()}`;
        const response = await api.app.inject({
          method: route.method,
          url,
          headers: { ...sentHeaders, ...(route.method === 'POST' ? { 'content-type': sent.contentType } : {}) },
          ...(route.method === 'POST' ? { payload: sent.payload } : {}),
        });
        statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
        expect(response.statusCode, `${route.method} ${url} → ${response.body.slice(0, 300)}`).toBeLessThan(500);
      }),
      { numRuns: 400 },
    );
    // The inputs got past the front door too: answers from the routes themselves, not only refusals.
    expect([...statuses.keys()].filter((status) => status < 300).length, JSON.stringify([...statuses])).toBeGreaterThan(0);
    expect(statuses.get(404) ?? 0, JSON.stringify([...statuses])).toBeGreaterThan(0);
  });
});
