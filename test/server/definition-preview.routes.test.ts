/**
 * POST /definitions/preview: the issues of an unpublished text exactly as /definitions/validate
 * reports them, and for a valid one its plan and Mermaid diagrams. A text without `extends` needs
 * nothing from the registry, so Temporal is never asked here.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROKEN_YAML, testDefinitionYaml } from './definition-texts';
import { bearer, buildOfflineApp, people, type TestApp } from './api-app';

describe('POST /definitions/preview', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await buildOfflineApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('a valid text: no issues, its plan in date order and both diagrams', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/definitions/preview',
      headers: bearer(app, people.tianjinAuthor),
      payload: { text: testDefinitionYaml({ id: 'preview-ok' }), format: 'yaml' },
    });
    expect(response.statusCode, response.body).toBe(200);
    const preview = response.json();
    expect(preview).toMatchObject({ valid: true, issues: [], warnings: expect.any(Array), diagram: { id: 'preview-ok', version: 1 } });
    expect(preview.timeline.phases.map((p: { id: string }) => p.id)).toEqual(['self-inspection', 'consolidation']);
    const dates = preview.timeline.entries.map((e: { date: string }) => e.date);
    expect(dates).toEqual([...dates].sort());
    expect(preview.diagram.stateDiagram).toMatch(/^stateDiagram-v2/);
    expect(preview.diagram.gantt).toContain('自查自纠');
  });

  it('an invalid text: every issue at its line, as /definitions/validate says, and nothing else', async () => {
    const payload = { text: BROKEN_YAML, format: 'yaml', file: 'broken.yaml' };
    const [preview, validation] = await Promise.all(
      ['/definitions/preview', '/definitions/validate'].map((url) => app.inject({ method: 'POST', url, headers: bearer(app, people.tianjinOperator), payload })),
    );
    expect(preview!.statusCode).toBe(200);
    const body = preview!.json();
    expect(body).toMatchObject({ valid: false, warnings: [], timeline: null, diagram: null });
    expect(body.issues.map((i: { line: number }) => i.line)).toEqual([14, 18]);
    expect(body.issues).toEqual(validation!.json().issues);
  });

  it("a valid text's warnings are exactly the validator's (the seed 003 runs into a year without an official calendar)", async () => {
    const text = readFileSync(new URL('../../definitions/campaigns/003-jizhou-root-cause.yaml', import.meta.url), 'utf8');
    const payload = { text, format: 'yaml', file: '003.yaml' };
    const [preview, validation] = await Promise.all(
      ['/definitions/preview', '/definitions/validate'].map((url) => app.inject({ method: 'POST', url, headers: bearer(app, people.jizhouAuthor), payload })),
    );
    const warnings = preview!.json().warnings;
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings).toEqual(validation!.json().warnings);
  });

  it('wants a token, and a text', async () => {
    expect((await app.inject({ method: 'POST', url: '/definitions/preview', payload: { text: 'id: x' } })).statusCode).toBe(401);
    const empty = await app.inject({ method: 'POST', url: '/definitions/preview', headers: bearer(app, people.school7), payload: { text: '' } });
    expect(empty.statusCode).toBe(400);
    expect(empty.headers['content-type']).toContain('application/problem+json');
  });
});
