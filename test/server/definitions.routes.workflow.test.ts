/**
 * /definitions against a real dev server with the engine's worker: publishing into the registry
 * (one run per definition id), versions in order, `extends` resolved from published parents,
 * listings that stay inside the caller's jurisdiction, timeline and diagrams, and the registry
 * carrying its versions over continue-as-new.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseCampaignText } from '../../definitions/parse';
import { repositoryOfficialCalendar } from '../../definitions/load';
import { temporalSettings, WORKFLOW_TYPES } from '../../temporal.config';
import { definitionRegistryWorkflowId } from '../../server/run-ids';
import { definitionVersionsQuery, publishDefinitionUpdate } from '../../workflows/definition-registry.messages';
import { createEngineTestWorker } from '../helpers/engine-worker';
import { createDevServerEnvironment } from '../helpers/temporal-env';
import { bearer, buildTestApp, people, type TestApp } from './api-app';
import { derivedDefinitionYaml, testDefinition, testDefinitionYaml } from './definition-texts';

const TASK_QUEUE = 'definitions-api';

describe('/definitions on a real Temporal dev server', () => {
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  let app: TestApp;

  beforeAll(async () => {
    env = await createDevServerEnvironment();
    ({ worker } = await createEngineTestWorker(env, { taskQueue: TASK_QUEUE }));
    running = worker.run();
    app = await buildTestApp(env.client, temporalSettings({ TEMPORAL_TASK_QUEUE: TASK_QUEUE }));
  });
  afterAll(async () => {
    await app?.close();
    worker?.shutdown();
    await running;
    await env?.teardown();
  });

  const publish = (who: (typeof people)[keyof typeof people], text: string, format: 'yaml' | 'json' = 'yaml') =>
    app.inject({ method: 'POST', url: '/definitions', headers: bearer(app, who), payload: { text, format } });
  const get = (who: (typeof people)[keyof typeof people], url: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url, headers: { ...bearer(app, who), ...headers } });

  it('publishes version 1, refuses it again (409), accepts version 2; the request id is kept', async () => {
    const first = await publish(people.tianjinAuthor, testDefinitionYaml({ id: 'city-plan' }));
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ id: 'city-plan', version: 1, jurisdiction: 'CN/tianjin', publishedBy: people.tianjinAuthor.sub, requestId: first.headers['x-request-id'] });

    const again = await publish(people.tianjinAuthor, testDefinitionYaml({ id: 'city-plan' }));
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect(again.json().title).toContain('already has version 1');

    const second = await publish(people.tianjinAuthor, JSON.stringify(testDefinition({ id: 'city-plan', version: 2 })), 'json');
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json()).toMatchObject({ version: 2 });
  });

  it('the registry itself refuses a version that is not newer (its update validator), whoever calls it', async () => {
    const parsed = parseCampaignText(testDefinitionYaml({ id: 'city-plan', version: 2 }), { file: 'x.yaml', format: 'yaml', officialCalendar: repositoryOfficialCalendar() });
    if (!parsed.ok) throw new Error('fixture does not parse');
    const handle = env.client.workflow.getHandle(definitionRegistryWorkflowId('city-plan'));
    await expect(
      handle.executeUpdate(publishDefinitionUpdate, { args: [{ version: 2, definition: parsed.definition, source: '', format: 'yaml', publishedBy: 'test' }] }),
    ).rejects.toMatchObject({ cause: { message: expect.stringContaining('新版本号必须更大') } });
  });

  it('an author below the definition may not publish a version of it (403)', async () => {
    const response = await publish(people.jizhouAuthor, testDefinitionYaml({ id: 'city-plan', version: 3 }));
    expect(response.statusCode).toBe(403);
  });

  it('resolves `extends` from the published parent, as the CLI does from sibling files', async () => {
    const text = derivedDefinitionYaml({ id: 'district-plan', parent: 'city-plan', jurisdiction: 'CN/tianjin/jizhou' });
    const check = await app.inject({ method: 'POST', url: '/definitions/validate', headers: bearer(app, people.jizhouAuthor), payload: { text } });
    expect(check.json()).toMatchObject({ valid: true, issues: [] });

    const published = await publish(people.jizhouAuthor, text);
    expect(published.statusCode, published.body).toBe(201);
    const detail = (await get(people.jizhouOperator, '/definitions/district-plan/versions/1')).json();
    expect(detail.source).toBe(text);
    // Inherited from version 2 of the parent, the latest published one.
    expect(detail.definition).toMatchObject({ id: 'district-plan', extends: 'city-plan', jurisdiction: 'CN/tianjin/jizhou', duties: [{ id: 'monthly-report' }] });
    expect(detail.definition.phases.map((p: { id: string }) => p.id)).toEqual(['self-inspection', 'consolidation']);

    const orphan = await app.inject({
      method: 'POST',
      url: '/definitions/validate',
      headers: bearer(app, people.jizhouAuthor),
      payload: { text: derivedDefinitionYaml({ id: 'orphan', parent: 'never-published', jurisdiction: 'CN/tianjin/jizhou' }), file: 'orphan.yaml' },
    });
    expect(orphan.json()).toEqual({ valid: false, issues: [expect.objectContaining({ file: 'orphan.yaml', path: 'extends', line: 3, code: 'unknown-parent' })], warnings: [] });

    const outside = await app.inject({
      method: 'POST',
      url: '/definitions/validate',
      headers: bearer(app, people.chongqingAuthor),
      payload: { text: derivedDefinitionYaml({ id: 'stray', parent: 'city-plan', jurisdiction: 'CN/chongqing' }) },
    });
    expect(outside.json()).toMatchObject({ valid: false, issues: [{ code: 'jurisdiction-outside-parent' }] });
  });

  it('lists definitions within the caller’s jurisdiction and the plans above it; nothing of a sibling', async () => {
    expect((await publish(people.chongqingAuthor, testDefinitionYaml({ id: 'chongqing-plan', jurisdiction: 'CN/chongqing' }))).statusCode).toBe(201);
    const ids = async (who: (typeof people)[keyof typeof people]) =>
      ((await get(who, '/definitions')).json().definitions as Array<{ id: string }>).map((d) => d.id);

    await vi.waitFor(async () => expect(await ids(people.tianjinOperator)).toEqual(['city-plan', 'district-plan']), { timeout: 20_000, interval: 250 });
    const list = (await get(people.tianjinOperator, '/definitions')).json();
    expect(list.definitions[0]).toEqual({ id: 'city-plan', latestVersion: 2, title: '接口测试专项整治行动（第2版）', jurisdiction: 'CN/tianjin' });
    expect(await ids(people.jizhouOperator)).toEqual(['city-plan', 'district-plan']);
    expect(await ids(people.school7)).toEqual(['city-plan', 'district-plan']);
    expect(await ids(people.chongqingOperator)).toEqual(['chongqing-plan']);
  });

  it('lists versions, gets one, its timeline and its diagrams; 404 when unpublished and, alike, across jurisdictions', async () => {
    const versions = await get(people.tianjinOperator, '/definitions/city-plan/versions');
    expect(versions.json().versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(versions.json().versions[0]).toMatchObject({ id: 'city-plan', publishedBy: people.tianjinAuthor.sub, requestId: expect.any(String) });

    const one = (await get(people.tianjinOperator, '/definitions/city-plan/versions/1')).json();
    expect(one).toMatchObject({ id: 'city-plan', version: 1, format: 'yaml', definition: { id: 'city-plan', version: 1 } });
    expect(one.source).toBe(testDefinitionYaml({ id: 'city-plan' }));
    expect((await get(people.tianjinOperator, '/definitions/city-plan/versions/2')).json().format).toBe('json');

    const timeline = (await get(people.tianjinOperator, '/definitions/city-plan/versions/2/timeline')).json();
    expect(timeline).toMatchObject({ campaignId: 'city-plan', version: 2, timeZone: 'Asia/Shanghai' });
    expect(timeline.phases.map((p: { id: string }) => p.id)).toEqual(['self-inspection', 'consolidation']);
    expect(timeline.entries[0]).toMatchObject({ kind: 'campaign-start' });
    expect(timeline.occurrences.length).toBeGreaterThan(5);

    const diagram = await get(people.tianjinOperator, '/definitions/city-plan/versions/2/diagram');
    expect(diagram.json()).toMatchObject({ id: 'city-plan', version: 2, stateDiagram: expect.stringContaining('stateDiagram-v2'), gantt: expect.stringContaining('gantt') });
    const markdown = await get(people.tianjinOperator, '/definitions/city-plan/versions/2/diagram', { accept: 'text/markdown' });
    expect(markdown.headers['content-type']).toContain('text/markdown');
    expect(markdown.body).toContain('```mermaid\nstateDiagram-v2');
    expect(markdown.body).toContain('```mermaid\ngantt');

    // A derived version against its parent's latest published version: what it changes, the same diff as `plan --diff`.
    const diff = await get(people.jizhouOperator, '/definitions/district-plan/versions/1/diff-from-parent');
    expect(diff.statusCode).toBe(200);
    expect(diff.json()).toMatchObject({ id: 'district-plan', version: 1, parent: { id: 'city-plan', version: 2 } });
    expect(diff.json().changes).toEqual(
      expect.arrayContaining([
        { path: 'title.zh', change: 'changed', changeLabel: '修改', before: '接口测试专项整治行动（第2版）', after: '区级细化方案' },
        expect.objectContaining({ path: 'jurisdiction', change: 'changed', before: 'CN/tianjin', after: 'CN/tianjin/jizhou' }),
      ]),
    );
    const notDerived = await get(people.tianjinOperator, '/definitions/city-plan/versions/2/diff-from-parent');
    expect(notDerived.statusCode).toBe(404);
    expect(notDerived.json().title).toContain('没有继承上级方案');

    for (const url of ['/definitions/city-plan/versions', '/definitions/city-plan/versions/1', '/definitions/city-plan/versions/1/timeline', '/definitions/city-plan/versions/1/diagram']) {
      const response = await get(people.chongqingOperator, url);
      expect(response.statusCode, url).toBe(404);
      expect(JSON.stringify(response.json())).not.toContain('接口测试');
    }
    expect((await get(people.tianjinOperator, '/definitions/city-plan/versions/7')).statusCode).toBe(404);
    expect((await get(people.tianjinOperator, '/definitions/nothing-here/versions')).statusCode).toBe(404);
    expect((await get(people.tianjinOperator, '/definitions/nothing-here/versions/1/timeline')).statusCode).toBe(404);
  });

  it('a registry continues as new with every version it holds', async () => {
    const id = 'long-lived-plan';
    for (let version = 1; version <= 4; version += 1) {
      expect((await publish(people.tianjinAuthor, testDefinitionYaml({ id, version }))).statusCode).toBe(201);
    }
    const handle = env.client.workflow.getHandle(definitionRegistryWorkflowId(id));
    const firstRun = (await handle.describe()).runId;
    // A fresh registry that continues as new after a handful of events, carrying what it holds.
    const parsed = parseCampaignText(testDefinitionYaml({ id: 'short-history-plan' }), { file: 'x.yaml', format: 'yaml', officialCalendar: repositoryOfficialCalendar() });
    if (!parsed.ok) throw new Error('fixture does not parse');
    const short = await env.client.workflow.start(WORKFLOW_TYPES.definitionRegistry, {
      workflowId: definitionRegistryWorkflowId('short-history-plan'),
      taskQueue: TASK_QUEUE,
      args: [{ definitionId: 'short-history-plan', continueAsNewAfterEvents: 5 }],
    });
    for (let version = 1; version <= 3; version += 1) {
      const definition = { ...parsed.definition, version };
      await short.executeUpdate(publishDefinitionUpdate, { args: [{ version, definition, source: `v${version}`, format: 'yaml', publishedBy: 'test' }] });
    }
    await vi.waitFor(async () => expect((await short.describe()).runId).not.toBe(short.firstExecutionRunId), { timeout: 10_000, interval: 200 });
    expect((await short.query(definitionVersionsQuery)).map((v) => v.version)).toEqual([1, 2, 3]);
    const detail = await get(people.tianjinOperator, '/definitions/short-history-plan/versions/3');
    expect(detail.json()).toMatchObject({ version: 3, source: 'v3' });
    expect((await publish(people.tianjinAuthor, testDefinitionYaml({ id: 'short-history-plan', version: 3 }))).statusCode).toBe(409);
    expect((await handle.describe()).runId).toBe(firstRun);
  });
});
