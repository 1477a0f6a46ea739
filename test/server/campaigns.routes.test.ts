/**
 * /campaigns decisions taken before Temporal is asked: tokens, roles, a unit acting for another
 * unit, and malformed run ids. Temporal here is unreachable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildOfflineApp, people, type TestApp } from './api-app';

const RUN = '/campaigns/api-test@CN.tianjin';

describe('/campaigns without Temporal', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await buildOfflineApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  const routes = [
    ['POST', '/campaigns', { definitionId: 'api-test', version: 1 }],
    ['GET', '/campaigns', undefined],
    ['GET', RUN, undefined],
    ['POST', `${RUN}/duties/monthly-report:2026-11/submissions`, { unitId: 'school-7' }],
    ['POST', `${RUN}/migrations`, { version: 2 }],
  ] as const;

  it.each(routes)('%s %s: 401 problem+json without a token and with a bad one', async (method, url, payload) => {
    for (const headers of [{}, { authorization: 'Bearer not-a-token' }, { authorization: 'Basic dXNlcjpwdw==' }]) {
      const response = await app.inject({ method, url, headers, payload });
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
  });

  it.each([
    ['POST', '/campaigns', { definitionId: 'api-test', version: 1 }, [people.tianjinAuthor, people.school7]],
    ['GET', '/campaigns', undefined, [people.tianjinAuthor]],
    ['GET', RUN, undefined, [people.tianjinAuthor]],
    ['POST', `${RUN}/duties/monthly-report:2026-11/submissions`, { unitId: 'school-7' }, [people.tianjinAuthor]],
    ['POST', `${RUN}/migrations`, { version: 2 }, [people.tianjinAuthor, people.school7]],
  ] as const)('%s %s: 403 for a role that may not', async (method, url, payload, who) => {
    for (const principal of who) {
      const response = await app.inject({ method, url, headers: bearer(app, principal), payload });
      expect(response.statusCode, principal.role).toBe(403);
      expect(response.json().title).toContain(`Role ${principal.role} may not`);
    }
  });

  it('a unit may submit only for itself: 403 for another unit', async () => {
    const response = await app.inject({
      method: 'POST',
      url: `${RUN}/duties/monthly-report:2026-11/submissions`,
      headers: bearer(app, people.school7),
      payload: { unitId: 'school-8' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().title).toContain('only for its own unit');
  });

  it('a malformed run id or body: 400 problem+json with the failing paths', async () => {
    const badId = await app.inject({ method: 'GET', url: "/campaigns/x'%20OR%20'1", headers: bearer(app, people.tianjinOperator) });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().errors[0].path).toContain('params');
    const badBody = await app.inject({ method: 'POST', url: '/campaigns', headers: bearer(app, people.tianjinOperator), payload: { definitionId: 'x', version: 0 } });
    expect(badBody.statusCode).toBe(400);
    expect(badBody.json().errors).toEqual([expect.objectContaining({ path: 'body/version' })]);
  });

  it('documents every campaigns route in the OpenAPI document', async () => {
    const paths = (await app.inject({ method: 'GET', url: '/docs/json' })).json().paths as Record<string, unknown>;
    for (const path of ['/campaigns', '/campaigns/{runId}', '/campaigns/{runId}/duties/{occurrenceId}/submissions', '/campaigns/{runId}/migrations']) {
      expect(paths).toHaveProperty([path]);
    }
  });
});
