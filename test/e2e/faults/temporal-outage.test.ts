/**
 * Fault suite — Temporal down for 20 s (issue 14, finding 2): the dev server the test started is
 * killed and, 20 s later, started again on the same database and port. Meanwhile the API answers
 * every call that needs Temporal with 503 problem+json within a bounded time, and still serves the
 * hazard views it keeps. Afterwards everything recovers without restarting the API or the worker,
 * and no write the API accepted before the outage is lost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultRig, type FaultRig } from '../../helpers/fault-rig';
import { eventually, people, SHORT_LADDER_YAML } from '../../server/hazards.routes.fixture';

const OUTAGE_MS = 20_000;
/** The API's retry budget is 2 s; allow for a busy machine. */
const ANSWERED_WITHIN_MS = 6_000;

describe('fault suite: Temporal down for 20 s and back', () => {
  let rig: FaultRig;
  beforeAll(async () => {
    rig = await startFaultRig('temporal-outage');
  });
  afterAll(() => rig?.close());

  const call: FaultRig['call'] = (...args) => rig.call(...args);
  const registration = (hazardId: string) => ({
    hazardId,
    level: 'ordinary',
    description: '疏散指示灯损坏',
    location: '宿舍楼',
    unitId: 'school-7',
    unitName: '第七中学',
    responsiblePerson: '李主任',
    discoveredThrough: 'self-inspection',
    dueOn: '2035-06-30',
  });

  it('answers 503 fast while it is down, serves kept views, and recovers with no accepted write lost', async () => {
    expect((await call(people.author, 'POST', '/definitions', { text: SHORT_LADDER_YAML, format: 'yaml' })).statusCode).toBe(201);
    const started = await call(people.operator, 'POST', '/campaigns', { definitionId: 'api-short-ladder', version: 1 });
    expect(started.statusCode).toBe(201);
    const runId = started.json().runId as string;
    const before: string[] = [];
    for (const id of ['BEFORE-1', 'BEFORE-2', 'BEFORE-3']) {
      const registered = await call(people.school7, 'POST', `/campaigns/${runId}/hazards`, registration(id));
      expect(registered.statusCode).toBe(201);
      before.push(registered.json().ref as string);
    }
    const rectified = await call(people.school7, 'POST', `/hazards/${encodeURIComponent(before[0]!)}/rectification`, { evidence: [{ text: '已更换指示灯' }] });
    expect(rectified.statusCode).toBe(200);

    rig.devServer().kill();
    const downAt = Date.now();
    // Past the list cache's two seconds, so a listing must ask Temporal.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const duringOutage = async (): Promise<void> => {
      for (const [who, method, url, payload] of [
        [people.operator, 'GET', '/hazards?pageSize=10', undefined],
        [people.operator, 'GET', '/campaigns', undefined],
        [people.operator, 'GET', `/campaigns/${runId}`, undefined],
        [people.school7, 'POST', `/campaigns/${runId}/hazards`, registration('DURING-1')],
        [people.school7, 'POST', `/hazards/${encodeURIComponent(before[1]!)}/rectification`, { evidence: [{ text: '整改中' }] }],
      ] as const) {
        const sentAt = Date.now();
        const response = await call(who, method, url, payload);
        expect(Date.now() - sentAt, url).toBeLessThan(ANSWERED_WITHIN_MS);
        expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(503);
        expect(response.headers['retry-after']).toBeDefined();
        expect(response.json().title).toContain('Temporal');
      }
      // What the API keeps is still served.
      for (const ref of before) expect((await call(people.operator, 'GET', `/hazards/${encodeURIComponent(ref)}`)).statusCode).toBe(200);
      const health = await rig.app.inject({ method: 'GET', url: '/health' });
      expect(health.statusCode).toBe(503);
      expect(health.json().hazardViews.kept).toBeGreaterThanOrEqual(3);
    };
    await duringOutage();
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, OUTAGE_MS / 2 - (Date.now() - downAt))));
    await duringOutage();
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, OUTAGE_MS - (Date.now() - downAt))));

    await rig.restartDevServer();
    // The same API and worker recover on their own.
    await eventually(async () => ((await rig.app.inject({ method: 'GET', url: '/health' })).json().status === 'ok' ? true : undefined), 60_000);
    const after = await eventually(async () => {
      const response = await call(people.school7, 'POST', `/campaigns/${runId}/hazards`, registration('AFTER-1'));
      return response.statusCode === 201 ? response : undefined;
    }, 30_000);
    expect(after.json().hazard.hazardId).toBe('AFTER-1');
    const updated = await call(people.school7, 'POST', `/hazards/${encodeURIComponent(before[1]!)}/rectification`, { evidence: [{ text: '已整改' }] });
    expect(updated.statusCode, updated.body).toBe(200);

    // Nothing accepted before the outage is lost: every hazard is there, the rectification kept.
    const listed = await eventually(async () => {
      const page = (await call(people.operator, 'GET', `/hazards?campaign=${runId}&pageSize=50`)).json() as { items: Array<{ hazardId: string; status: string }> };
      return page.items.length >= 4 ? page.items : undefined;
    }, 30_000);
    expect(listed.map((item) => item.hazardId)).toEqual(expect.arrayContaining(['BEFORE-1', 'BEFORE-2', 'BEFORE-3', 'AFTER-1']));
    const first = await rig.app.hazardViews.get(before[0]!);
    expect(first.view.status).toBe('verifying');
    const described = await rig.app.temporal.client.workflow.getHandle(before[0]!).describe();
    expect(described.status.name).toBe('RUNNING');
  });
});
