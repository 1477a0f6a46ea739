/**
 * POST /campaigns/{runId}/events against a real dev server with the engine's worker: a unit reports
 * an event for itself and the run opens the duty its type sets, due two hours later, shown in the
 * run's view and log; the mistakes a client can make are 4xx problems with the reason in Chinese.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { temporalSettings } from '../../temporal.config';
import { createEngineTestWorker } from '../helpers/engine-worker';
import { createDevServerEnvironment } from '../helpers/temporal-env';
import { bearer, buildTestApp, people, type TestApp } from './api-app';
import { testDefinition } from './definition-texts';

const TASK_QUEUE = 'events-api';
const runId = 'events-plan@CN.tianjin';
type Person = (typeof people)[keyof typeof people];

/** The API test plan with a sector and an event type: a fire reported within 2 hours. */
function eventsDefinition() {
  const plan = testDefinition({ id: 'events-plan' });
  return {
    ...plan,
    sectors: [{ id: 'schools', name: '学校', department: 'office' }],
    events: [{ id: 'fire', title: { zh: '火灾事故' }, duty: { title: { zh: '火灾事故书面报告' }, within: { hours: 2 }, reportTo: 'office' }, ladder: 'overdue' }],
  };
}

describe('POST /campaigns/{runId}/events on a real Temporal dev server', () => {
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  let app: TestApp;
  const call = (who: Person, method: 'GET' | 'POST', url: string, payload?: object) => app.inject({ method, url, headers: bearer(app, who), ...(payload ? { payload } : {}) });
  const fire = (overrides: Record<string, unknown> = {}) => ({ type: 'fire', unitId: 'school-7', sector: 'schools', occurredAt: new Date(Date.now() - 10 * 60_000).toISOString(), text: '实训楼配电间起火，已扑灭', ...overrides });

  beforeAll(async () => {
    env = await createDevServerEnvironment();
    ({ worker } = await createEngineTestWorker(env, { taskQueue: TASK_QUEUE }));
    running = worker.run();
    app = await buildTestApp(env.client, temporalSettings({ TEMPORAL_TASK_QUEUE: TASK_QUEUE }));
    const published = await call(people.tianjinAuthor, 'POST', '/definitions', { text: stringify(eventsDefinition()) });
    if (published.statusCode !== 201) throw new Error(published.body);
    const started = await call(people.tianjinOperator, 'POST', '/campaigns', { definitionId: 'events-plan', version: 1 });
    if (started.statusCode !== 201) throw new Error(started.body);
  });
  afterAll(async () => {
    await app?.close();
    worker?.shutdown();
    await running;
    await env?.teardown();
  });

  it('a unit reports an event for itself: 201, the duty is open and due two hours after the event; the view and the log show it', async () => {
    const body = fire();
    const reported = await call(people.school7, 'POST', `/campaigns/${runId}/events`, body);
    expect(reported.statusCode, reported.body).toBe(201);
    const event = reported.json();
    const due = new Date(Date.parse(body.occurredAt) + 2 * 3_600_000);
    expect(event).toMatchObject({ eventId: 'fire-1', title: '火灾事故', unitName: '第七技工学校', sector: 'schools', occurrenceId: 'event:fire-1', duty: { status: 'open', dutyTitle: '火灾事故书面报告' } });
    expect(Date.parse(`${event.dueOn}T${event.dueTime}:00+08:00`) - due.getTime()).toBeLessThan(60_000);
    const view = (await call(people.tianjinOperator, 'GET', `/campaigns/${runId}`)).json().view;
    expect(view.events).toEqual([expect.objectContaining({ eventId: 'fire-1', text: '实训楼配电间起火，已扑灭' })]);
    expect(view.log.find((l: { event: string }) => l.event === 'event-reported')?.detail).toContain('火灾事故书面报告须于2小时内');
    const submitted = await call(people.school7, 'POST', `/campaigns/${runId}/duties/${encodeURIComponent('event:fire-1')}/submissions`, { unitId: 'school-7' });
    expect(submitted.json()).toMatchObject({ status: 'submitted' });
  });

  it('refuses what a client gets wrong: another unit (403), an unknown type, unit or sector (422), a malformed body (400), all problem+json', async () => {
    const otherUnit = await call(people.school7, 'POST', `/campaigns/${runId}/events`, fire({ unitId: 'school-8' }));
    expect(otherUnit.statusCode).toBe(403);
    for (const [overrides, reason] of [
      [{ type: 'flood' }, '本行动没有“flood”这类事件'],
      [{ sector: 'mines' }, '行业领域“mines”不在本行动的 sectors 中'],
      [{ occurredAt: new Date(Date.now() + 3_600_000).toISOString() }, '晚于现在'],
    ] as const) {
      const refused = await call(people.tianjinOperator, 'POST', `/campaigns/${runId}/events`, fire(overrides));
      expect(refused.statusCode, refused.body).toBe(422);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json().title).toContain(reason);
    }
    const unknownUnit = await call(people.tianjinOperator, 'POST', `/campaigns/${runId}/events`, fire({ unitId: 'school-99' }));
    expect(unknownUnit.statusCode).toBe(422);
    const malformed = await call(people.tianjinOperator, 'POST', `/campaigns/${runId}/events`, fire({ occurredAt: '昨天上午' }));
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers['content-type']).toContain('application/problem+json');
  });
});
