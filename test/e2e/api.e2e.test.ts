/**
 * The API end to end, over HTTP, on a real Temporal dev server with the engine's worker: an author
 * publishes a campaign with a short ladder (通报 on the due date, 曝光 the day after), an operator
 * starts it, a unit registers a hazard whose time limit has already passed, and then — with no
 * further call — the hazard shows in the overdue list, its 通报 in its escalation log, the
 * inspection of its run, and its 曝光 on the public exposure list and page.
 *
 * Day offsets cannot fall due within seconds on a real clock, so the hazard is registered with a
 * past `dueOn`: every rung is already due and the run climbs the ladder at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, people, startApiEnvironment, type ApiEnvironment } from '../server/hazards.routes.fixture';
import type { Principal } from '../../server/auth/principal.schema';

describe('end to end: publish, start, register, escalate, expose', () => {
  let api: ApiEnvironment;
  let base = '';
  const call = async (principal: Principal | undefined, method: 'GET' | 'POST', path: string, body?: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { ...(principal ? api.auth(principal) : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: response.status, headers: response.headers, text: await response.text() };
  };
  const json = async (principal: Principal | undefined, path: string) => {
    const response = await call(principal, 'GET', path);
    expect(response.status, response.text).toBe(200);
    return JSON.parse(response.text);
  };

  beforeAll(async () => {
    api = await startApiEnvironment('api-e2e');
    base = await api.app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await api?.teardown();
  });

  it('an overdue hazard is listed, circulated (通报) and publicly exposed (曝光)', async () => {
    const runId = await api.startCampaign();
    expect(runId).toBe('api-short-ladder@CN.test.district');

    const registered = await call(people.school7, 'POST', `/campaigns/${runId}/hazards`, {
      hazardId: 'E2E-001',
      level: 'major',
      description: '锅炉房安全阀未校验',
      location: '后勤楼锅炉房',
      unitId: 'school-7',
      unitName: '第七中学',
      unitHead: '王校长',
      responsiblePerson: '李主任',
      discoveredThrough: 'enforcement-inspection',
      dueOn: '2025-06-30',
    });
    expect(registered.status, registered.text).toBe(201);
    const { ref } = JSON.parse(registered.text) as { ref: string };
    const requestId = registered.headers.get('x-request-id');

    // In the overdue list (visibility), for the operator and for the unit itself.
    const overdue = await eventually(async () => {
      const page = await json(people.operator, `/hazards?overdue=true&campaign=${runId}`);
      return page.items.length > 0 ? page : undefined;
    });
    expect(overdue.items).toEqual([expect.objectContaining({ ref, hazardId: 'E2E-001', overdue: true, status: 'rectifying', unitName: '第七中学' })]);
    expect((await json(people.school7, '/hazards?overdue=true')).items.map((i: { ref: string }) => i.ref)).toEqual([ref]);

    // Its escalation log: 通报 on the due date, then 曝光, both delivered.
    const hazard = await eventually(async () => {
      const view = await json(people.school7, `/hazards/${encodeURIComponent(ref)}`);
      return view.escalationLog.length >= 2 ? view : undefined;
    });
    expect(hazard.escalationLog.map((e: { action: string; actionLabel: string; outcome: string }) => [e.action, e.actionLabel, e.outcome])).toEqual([
      ['notice', '通报', 'delivered'],
      ['public-exposure', '曝光', 'delivered'],
    ]);
    expect(hazard.escalationLog[0].message).toContain('第七中学');
    expect(hazard).toMatchObject({ overdue: true, escalationStage: 'public-exposure', hazard: { requestId } });

    // The operator's inspection of the run shows the same log and links to the Web UI.
    const inspection = await json(people.operator, `/runs/${encodeURIComponent(ref)}`);
    expect(inspection).toMatchObject({ type: 'hazardWorkflow', status: 'RUNNING', searchAttributes: { EscalationStage: 'public-exposure' } });
    expect(inspection.escalationLog).toHaveLength(2);
    expect(inspection.webUiUrl).toContain(`/workflows/${encodeURIComponent(ref)}/`);

    // The public exposure list, without a token.
    const exposure = await json(undefined, '/exposure?campaign=api-short-ladder');
    expect(exposure.items).toEqual([
      expect.objectContaining({ campaign: '接口测试专项整治行动', unit: '第七中学', item: '锅炉房安全阀未校验', dueOn: '2025-06-30', channel: 'media' }),
    ]);
    expect(exposure.items[0].text).toContain('逾期');
    const page = await call(undefined, 'GET', '/exposure.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.text).toContain('安全生产曝光台');
    expect(page.text).toContain('锅炉房安全阀未校验');

    // Nothing of it is visible from another jurisdiction, not even that it exists.
    expect((await json(people.foreignOperator, '/hazards?overdue=true')).items).toEqual([]);
    expect((await call(people.foreignOperator, 'GET', `/hazards/${encodeURIComponent(ref)}`)).status).toBe(404);
  });
});
