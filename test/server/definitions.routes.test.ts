/**
 * /definitions decisions taken before Temporal is asked: tokens and roles, the precise issues of a
 * text, 422 for an invalid publication and 403 outside the author's jurisdiction. Temporal here
 * is unreachable, so a route that got past these checks would fail loudly.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jizhouSelfAssessmentWarning } from '../definitions/seed-warnings';
import { BROKEN_YAML, testDefinitionYaml } from './definition-texts';
import { bearer, buildOfflineApp, people, type TestApp } from './api-app';

describe('/definitions without Temporal', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await buildOfflineApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it.each([
    ['POST', '/definitions/validate'],
    ['POST', '/definitions'],
    ['GET', '/definitions'],
    ['GET', '/definitions/x/versions'],
    ['GET', '/definitions/x/versions/1'],
    ['GET', '/definitions/x/versions/1/timeline'],
    ['GET', '/definitions/x/versions/1/diagram'],
  ] as const)('%s %s: 401 problem+json without a token and with a bad one', async (method, url) => {
    for (const headers of [{}, { authorization: 'Bearer not-a-token' }]) {
      const response = await app.inject({ method, url, headers, payload: method === 'POST' ? { text: 'id: x', format: 'yaml' } : undefined });
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({ status: 401 });
    }
  });

  it('validates a good text: valid, no issues', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/definitions/validate',
      headers: bearer(app, people.tianjinOperator),
      payload: { text: testDefinitionYaml({ id: 'offline-check' }), format: 'yaml' },
    });
    expect(response.statusCode).toBe(200);
    // Its span runs ten months from today: any year in it without an official calendar is a warning, not an issue.
    expect(response.json()).toMatchObject({ valid: true, issues: [] });
    expect((response.json().warnings as Array<{ severity: string }>).every((w) => w.severity === 'warning')).toBe(true);
  });

  it('validates 003: valid, with the located warning that its self-assessment falls in 2027, which has no official calendar', async () => {
    const text = readFileSync(new URL('../../definitions/campaigns/003-jizhou-root-cause.yaml', import.meta.url), 'utf8');
    const response = await app.inject({
      method: 'POST',
      url: '/definitions/validate',
      headers: bearer(app, people.jizhouAuthor),
      payload: { text, format: 'yaml', file: '003-jizhou-root-cause.yaml' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      valid: true,
      issues: [],
      warnings: [jizhouSelfAssessmentWarning('003-jizhou-root-cause.yaml')],
    });
  });

  it('refuses a GBK text that arrived through a lossy decode, located, in Chinese', async () => {
    const text = testDefinitionYaml({ id: 'lossy' }).replace('自查自纠', '自查\uFFFD\uFFFD');
    const response = await app.inject({ method: 'POST', url: '/definitions/validate', headers: bearer(app, people.tianjinAuthor), payload: { text, format: 'yaml' } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ valid: false, issues: [{ code: 'not-utf8', severity: 'error', file: 'definition.yaml', line: expect.any(Number) }], warnings: [] });
  });

  it('validates a broken text: the CLI’s issues with file, path, line and column', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/definitions/validate',
      headers: bearer(app, people.school7),
      payload: { text: BROKEN_YAML, format: 'yaml', file: 'broken.yaml' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      valid: false,
      issues: [
        expect.objectContaining({ file: 'broken.yaml', path: 'phases[0].end.month', line: 14, column: 32, code: 'invalid-format', severity: 'error' }),
        expect.objectContaining({ file: 'broken.yaml', path: 'hazardPolicy.levels.ordinary.deadline.kind', line: 18, code: 'invalid-kind', severity: 'error' }),
      ],
      warnings: [],
    });
  });

  it('reports a JSON syntax error with its line', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/definitions/validate',
      headers: bearer(app, people.tianjinAuthor),
      payload: { text: '{\n  "id": "x",\n  "version": 1,,\n}', format: 'json' },
    });
    expect(response.json()).toMatchObject({ valid: false, issues: [{ file: 'definition.json', code: 'yaml-syntax', line: 3 }] });
  });

  it('answers a YAML alias bomb (billion laughs) with the located issue, never a 500 (finding 7)', async () => {
    const levels = 'abcdefghi'.split('');
    const bomb = [`${levels[0]}: &${levels[0]} ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]`]
      .concat(levels.slice(1).map((name, i) => `${name}: &${name} [${Array(9).fill(`*${levels[i]}`).join(',')}]`))
      .join('\n');
    for (const url of ['/definitions/validate', '/definitions']) {
      const started = Date.now();
      const response = await app.inject({ method: 'POST', url, headers: bearer(app, people.tianjinAuthor), payload: { text: bomb, format: 'yaml', file: 'bomb.yaml' } });
      expect(Date.now() - started, url).toBeLessThan(2_000);
      expect(response.statusCode, `${url}: ${response.body}`).toBe(url === '/definitions' ? 422 : 200);
      const issues = url === '/definitions' ? response.json().errors : response.json().issues;
      expect(issues, url).toEqual([expect.objectContaining({ file: 'bomb.yaml', line: expect.any(Number) })]);
    }
  });

  it('refuses a body without text: 400 problem+json naming the field', async () => {
    const response = await app.inject({ method: 'POST', url: '/definitions/validate', headers: bearer(app, people.tianjinAuthor), payload: { format: 'toml' } });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const paths = (response.json().errors as Array<{ path: string }>).map((e) => e.path);
    expect(paths.join(' ')).toContain('body');
  });

  it('publishing: 403 for an operator or a unit', async () => {
    for (const who of [people.tianjinOperator, people.school7]) {
      const response = await app.inject({ method: 'POST', url: '/definitions', headers: bearer(app, who), payload: { text: testDefinitionYaml({ id: 'x' }) } });
      expect(response.statusCode).toBe(403);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('publishing an invalid text: 422 problem+json listing every issue with its path and line', async () => {
    const response = await app.inject({ method: 'POST', url: '/definitions', headers: bearer(app, people.tianjinAuthor), payload: { text: BROKEN_YAML, file: 'broken.yaml' } });
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const problem = response.json();
    expect(problem).toMatchObject({ status: 422, title: expect.stringContaining('invalid'), instance: '/definitions' });
    expect(problem.errors).toEqual([
      expect.objectContaining({ path: 'phases[0].end.month', line: 14, message: expect.any(String) }),
      expect.objectContaining({ path: 'hazardPolicy.levels.ordinary.deadline.kind', line: 18, message: expect.any(String) }),
    ]);
  });

  it('publishing a definition of another jurisdiction: 403', async () => {
    for (const [who, jurisdiction] of [
      [people.chongqingAuthor, 'CN/tianjin'],
      [people.jizhouAuthor, 'CN/tianjin'],
    ] as const) {
      const response = await app.inject({ method: 'POST', url: '/definitions', headers: bearer(app, who), payload: { text: testDefinitionYaml({ id: 'x', jurisdiction }) } });
      expect(response.statusCode, who.sub).toBe(403);
      expect(response.json().title).toContain('Outside your jurisdiction');
    }
  });

  it('rejects a version that is not a positive number: 400', async () => {
    const response = await app.inject({ method: 'GET', url: '/definitions/x/versions/zero', headers: bearer(app, people.tianjinAuthor) });
    expect(response.statusCode).toBe(400);
  });

  it('documents every definitions route in the OpenAPI document', async () => {
    const paths = (await app.inject({ method: 'GET', url: '/docs/json' })).json().paths as Record<string, unknown>;
    for (const path of ['/definitions/validate', '/definitions', '/definitions/{id}/versions', '/definitions/{id}/versions/{version}', '/definitions/{id}/versions/{version}/timeline', '/definitions/{id}/versions/{version}/diagram']) {
      expect(paths).toHaveProperty([path]);
    }
  });
});
