/**
 * /hazards through `app.inject()` against a real dev server and the engine's worker: each route
 * per role, units confined to their own hazards, nothing read or listed across jurisdictions,
 * refused updates as 409 with the workflow's reason, bad bodies as 400 with their paths, and the
 * list's filters and pages from Temporal visibility.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../server/auth/principal.schema';
import { gunzipSync } from 'node:zlib';
import { hazardWorkflowId } from '../../server/run-ids';
import { hazardRulesQuery } from '../../workflows/campaign.messages';
import { hazardOverdueFrom, hazardRegistrationSearchAttributes } from '../../workflows/hazard.contract';
import { hazardViewQuery, submitRectificationUpdate, type HazardRegistration } from '../../workflows/hazard.messages';
import { hazardWorkflow } from '../../workflows/hazard.workflow';
import { searchAttributeKeys } from '../../workflows/search-attributes.contract';
import { eventually, people, SHORT_LADDER_YAML, startApiEnvironment, type ApiEnvironment } from './hazards.routes.fixture';

const { operator, cityOperator, foreignOperator, school7, school8, author } = people;

const registration = (hazardId: string, overrides: Record<string, unknown> = {}) => ({
  hazardId,
  level: 'ordinary',
  description: '配电室消防通道堵塞',
  location: '教学楼一层配电室',
  unitId: 'school-7',
  unitName: '第七中学',
  unitHead: '王校长',
  responsiblePerson: '李主任',
  discoveredThrough: 'self-inspection',
  ...overrides,
});

describe('/hazards on a real dev server', () => {
  let api: ApiEnvironment;
  let runId = '';
  const url = (hazardId: string, suffix = ''): string => `/hazards/${encodeURIComponent(hazardWorkflowId(runId, hazardId))}${suffix}`;
  const register = (principal: Principal | undefined, body: Record<string, unknown>, run = runId) =>
    api.app.inject({ method: 'POST', url: `/campaigns/${run}/hazards`, headers: principal ? api.auth(principal) : {}, payload: body });
  const post = (principal: Principal, hazardId: string, action: string, body: unknown) =>
    api.app.inject({ method: 'POST', url: url(hazardId, `/${action}`), headers: api.auth(principal), payload: body as Record<string, unknown> });
  const get = (principal: Principal, path: string) => api.app.inject({ method: 'GET', url: path, headers: api.auth(principal) });

  beforeAll(async () => {
    api = await startApiEnvironment('api-hazards');
    runId = await api.startCampaign();
  });
  afterAll(async () => {
    await api?.teardown();
  });

  describe('POST /campaigns/:runId/hazards', () => {
    it('lets a unit register its own hazard: 201 with the view, the request id in the run history', async () => {
      const response = await register(school7, registration('reg-1', { dueOn: '2035-06-30' }));
      expect(response.statusCode).toBe(201);
      const body = response.json();
      expect(body).toMatchObject({
        ref: hazardWorkflowId(runId, 'reg-1'),
        campaignRunId: runId,
        campaignId: 'api-short-ladder',
        status: 'rectifying',
        dueOn: '2035-06-30',
        overdue: false,
        hazard: { hazardId: 'reg-1', unitId: 'school-7', requestId: response.headers['x-request-id'] },
      });
      expect(body.history[0]).toMatchObject({ event: 'registered', requestId: response.headers['x-request-id'] });
    });

    it('gives a hazard without an id a new one and a deadline from the campaign policy', async () => {
      const { hazardId: _omitted, ...rest } = registration('unused');
      const response = await register(operator, rest);
      expect(response.statusCode).toBe(201);
      expect(response.json().hazard.hazardId).toMatch(/^[0-9a-f-]{36}$/);
      expect(response.json().dueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    });

    it('refuses without a token (401), a unit for another unit (403), the wrong role (403); to other jurisdictions the run does not exist (404)', async () => {
      expect((await register(undefined, registration('reg-x'))).statusCode).toBe(401);
      const forged = await api.app.inject({ method: 'POST', url: `/campaigns/${runId}/hazards`, headers: { authorization: 'Bearer forged' }, payload: registration('reg-x') });
      expect(forged.statusCode).toBe(401);
      expect(forged.headers['content-type']).toContain('application/problem+json');
      expect((await register(school8, registration('reg-x'))).statusCode).toBe(403);
      expect((await register(author, registration('reg-x'))).statusCode).toBe(403);
      const foreign = await register(foreignOperator, registration('reg-x'));
      expect(foreign.statusCode).toBe(404);
      const missing = await register(operator, registration('reg-x'), 'no-such-campaign@CN.test.district');
      expect(foreign.json().title).toBe(missing.json().title.replace('no-such-campaign', runId.split('@')[0]));
    });

    it('answers an unknown campaign run with 404, a repeated hazard id with 409, an unknown level or sector with 400', async () => {
      expect((await register(operator, registration('reg-y'), 'no-such-campaign@CN.test.district')).statusCode).toBe(404);
      await register(operator, registration('reg-dup', { dueOn: '2035-06-30' }));
      const again = await register(operator, registration('reg-dup', { dueOn: '2035-06-30' }));
      expect(again.statusCode).toBe(409);
      const level = await register(operator, registration('reg-level', { level: 'catastrophic' }));
      expect(level.statusCode).toBe(400);
      expect(level.json().title).toContain('catastrophic');
      // The campaign declares no sectors: a hazard cannot name one.
      const sector = await register(operator, registration('reg-sector', { sector: 'schools' }));
      expect(sector.statusCode).toBe(400);
      expect(sector.json().title).toContain('行业领域“schools”不在本行动的 sectors 中');
    });

    it('refuses, with 409 and a Chinese reason, a hazard under a campaign that has no hazard policy', async () => {
      const withoutHazards = SHORT_LADDER_YAML.replace('id: api-short-ladder', 'id: api-no-hazards').replace(/\nhazardPolicy:\n[\s\S]*?\n(?=escalationLadders:)/, '\n');
      expect(withoutHazards).not.toContain('hazardPolicy');
      const run = await api.startCampaign(withoutHazards);
      const response = await register(operator, registration('no-policy-1'), run);
      expect(response.statusCode).toBe(409);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().title).toContain('没有隐患治理规则（hazardPolicy），不涉及隐患排查治理，不能在其下登记隐患');
    });

    it('answers a bad body with 400 problem+json naming every failing path', async () => {
      const response = await register(operator, registration('reg-bad', { discoveredThrough: 'rumour', dueOn: '2035-02-30', level: undefined }));
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      const paths = (response.json().errors as Array<{ path: string }>).map((e) => e.path);
      expect(paths).toEqual(expect.arrayContaining(['body/level', 'body/discoveredThrough', 'body/dueOn']));
    });
  });

  describe('GET /hazards/:hazardRef', () => {
    it('shows the hazard to its unit and to operators at or above its jurisdiction; to anyone else it does not exist (404)', async () => {
      await register(school7, registration('get-1', { dueOn: '2035-06-30' }));
      expect((await get(school7, url('get-1'))).json()).toMatchObject({ hazard: { hazardId: 'get-1' }, escalationLog: [] });
      expect((await get(operator, url('get-1'))).statusCode).toBe(200);
      expect((await get(cityOperator, url('get-1'))).statusCode).toBe(200);
      // Another unit and another jurisdiction get the very answer a hazard never registered gets:
      // nothing says it exists, nor whose it is.
      const otherUnit = await get(school8, url('get-1'));
      const otherJurisdiction = await get(foreignOperator, url('get-1'));
      const never = await get(operator, url('never-registered'));
      for (const hidden of [otherUnit, otherJurisdiction]) {
        expect(hidden.statusCode).toBe(404);
        expect(hidden.json().title).toBe(never.json().title.replace('never-registered', 'get-1'));
        expect(hidden.body).not.toContain('school-7');
      }
      expect(never.statusCode).toBe(404);
      expect((await get(author, url('get-1'))).statusCode).toBe(403);
      expect((await get(operator, '/hazards/not-a-hazard-ref')).statusCode).toBe(400);
    });

    it('answers in gzip to a caller that accepts it: the same hazard either way', async () => {
      await register(school7, registration('gzip-1', { dueOn: '2035-06-30' }));
      const plain = await get(operator, url('gzip-1'));
      const zipped = await api.app.inject({ method: 'GET', url: url('gzip-1'), headers: { ...api.auth(operator), 'accept-encoding': 'br, gzip;q=0.8' } });
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(zipped.headers).toMatchObject({ 'content-encoding': 'gzip', vary: 'accept-encoding', 'content-type': 'application/json; charset=utf-8' });
      expect(JSON.parse(gunzipSync(zipped.rawPayload).toString('utf8'))).toEqual(plain.json());
      expect(plain.json()).toMatchObject({ hazard: { hazardId: 'gzip-1' }, jurisdiction: 'CN/test/district', revision: expect.any(Number) });
    });

    it('shows a change made past this API process (another process, a script) once its change feed reads it', async () => {
      await register(school7, registration('feed-1', { dueOn: '2035-06-30' }));
      expect((await get(operator, url('feed-1'))).json()).toMatchObject({ status: 'rectifying' });
      await api.env.client.workflow
        .getHandle(hazardWorkflowId(runId, 'feed-1'))
        .executeUpdate(submitRectificationUpdate, { args: [{ evidence: ['整改后照片.jpg'], by: '另一个API进程' }] });
      const seen = await eventually(async () => {
        const body = (await get(operator, url('feed-1'))).json();
        return body.status === 'verifying' ? body : undefined;
      }, 10_000);
      expect(seen.history.at(-1)).toMatchObject({ event: 'rectification-submitted', by: '另一个API进程' });
    });

  });

  describe('updates', () => {
    it('moves a hazard through rectification and verification to 销号; a refused step is 409 with the reason', async () => {
      await register(school7, registration('loop-1', { dueOn: '2035-06-30' }));
      const submitted = await post(school7, 'loop-1', 'rectification', { evidence: [{ text: '已清理通道' }, { fileRef: 'photos/loop-1.jpg' }], note: '整改完毕' });
      expect(submitted.statusCode).toBe(200);
      expect(submitted.json()).toMatchObject({ status: 'verifying' });
      expect(submitted.json().history.at(-1)).toMatchObject({ event: 'rectification-submitted', by: school7.sub, detail: expect.stringContaining('附件：photos/loop-1.jpg') });

      const again = await post(school7, 'loop-1', 'rectification', { evidence: [{ text: '再次提交' }] });
      expect(again.statusCode).toBe(409);
      expect(again.headers['content-type']).toContain('application/problem+json');
      expect(again.json().title).toContain('不能执行此操作');

      expect((await post(school7, 'loop-1', 'verification', { passed: true })).statusCode).toBe(403);
      expect((await post(foreignOperator, 'loop-1', 'verification', { passed: true })).statusCode).toBe(404);
      const verified = await post(operator, 'loop-1', 'verification', { passed: true });
      expect(verified.statusCode).toBe(200);
      expect(verified.json()).toMatchObject({ status: 'closed', history: expect.arrayContaining([expect.objectContaining({ event: 'verified-and-closed', by: operator.sub })]) });
      // A closed hazard's ledger number is not registered again, and its run takes no more updates.
      expect((await register(school7, registration('loop-1', { dueOn: '2035-06-30' }))).statusCode).toBe(409);
      expect((await post(operator, 'loop-1', 'verification', { passed: true })).statusCode).toBe(409);
    });

    it('lets a unit ask for more time and an operator grant it; another unit may not touch it', async () => {
      await register(school7, registration('ext-1', { dueOn: '2035-06-30' }));
      expect((await post(school8, 'ext-1', 'extension-requests', { requestedDueOn: '2035-09-30', reason: '需采购设备' })).statusCode).toBe(404);
      const requested = await post(school7, 'ext-1', 'extension-requests', { requestedDueOn: '2035-09-30', reason: '需采购设备' });
      expect(requested.json()).toMatchObject({ status: 'extension-requested', extensionRequest: { requestedDueOn: '2035-09-30' } });
      expect((await post(school7, 'ext-1', 'extension-decision', { approved: true })).statusCode).toBe(403);
      const decided = await post(operator, 'ext-1', 'extension-decision', { approved: true });
      expect(decided.json()).toMatchObject({ status: 'rectifying', dueOn: '2035-09-30', deadlines: ['2035-06-30', '2035-09-30'] });
      const refused = await post(operator, 'ext-1', 'reinspection', { passed: true });
      expect(refused.statusCode).toBe(409);
    });

    it('checks update bodies: 400 with the failing paths', async () => {
      const response = await post(operator, 'loop-1', 'rectification', { evidence: [{}], extra: 1 });
      expect(response.statusCode).toBe(400);
      const paths = (response.json().errors as Array<{ path: string }>).map((e) => e.path);
      expect(paths.some((p) => p.startsWith('body/evidence/0'))).toBe(true);
    });
  });

  describe('GET /hazards', () => {
    const list = async (principal: Principal, query: string) => {
      const response = await get(principal, `/hazards?${query}`);
      expect(response.statusCode).toBe(200);
      return response.json() as { items: Array<{ hazardId: string; unitId: string; overdue: boolean; status: string }>; nextPageToken: string | null };
    };
    const ids = (page: { items: Array<{ hazardId: string }> }): string[] => page.items.map((i) => i.hazardId).sort();

    beforeAll(async () => {
      await register(school8, registration('list-8', { unitId: 'school-8', unitName: '第八中学', level: 'major', dueOn: '2035-06-30' }));
      await register(school7, registration('list-overdue', { dueOn: '2025-03-01' }));
      // Wait until visibility has caught up with every registration of this file.
      await eventually(async () => ((await list(operator, `campaign=${runId}&pageSize=200`)).items.length >= 8 ? true : undefined));
    });

    it('lists within the jurisdiction: operators see all, a unit only its own, another jurisdiction nothing', async () => {
      const all = ids(await list(operator, `campaign=${runId}&pageSize=200`));
      expect(all).toEqual(expect.arrayContaining(['reg-1', 'get-1', 'loop-1', 'ext-1', 'list-8', 'list-overdue']));
      expect(ids(await list(cityOperator, `campaign=${runId}&pageSize=200`))).toEqual(all);
      expect((await list(foreignOperator, 'pageSize=200')).items).toEqual([]);
      expect((await list(foreignOperator, `campaign=${runId}`)).items).toEqual([]);
      expect(ids(await list(school8, 'pageSize=200'))).toEqual(['list-8']);
      expect((await list(school7, 'pageSize=200')).items.every((i) => i.unitId === 'school-7')).toBe(true);
      expect((await get(school7, '/hazards?unit=school-8')).statusCode).toBe(403);
      expect((await get(author, '/hazards')).statusCode).toBe(403);
      expect((await api.app.inject({ method: 'GET', url: '/hazards' })).statusCode).toBe(401);
    });

    it('filters by unit, level, status, escalation stage and overdue', async () => {
      expect(ids(await list(operator, 'unit=school-8'))).toEqual(['list-8']);
      expect(ids(await list(operator, 'level=major'))).toEqual(['list-8']);
      expect(ids(await list(operator, 'status=closed'))).toEqual(['loop-1']);
      const overdue = await eventually(async () => {
        const page = await list(operator, 'overdue=true');
        return page.items.some((i) => i.hazardId === 'list-overdue') ? page : undefined;
      });
      expect(ids(overdue)).toEqual(['list-overdue']);
      expect(overdue.items[0]!.overdue).toBe(true);
      expect(ids(await list(operator, 'overdue=false'))).not.toContain('list-overdue');
      const exposed = await eventually(async () => {
        const page = await list(operator, 'escalationStage=public-exposure');
        return page.items.length > 0 ? page : undefined;
      });
      expect(ids(exposed)).toEqual(['list-overdue']);
    });

    it('pages with pageSize and nextPageToken, each hazard once', async () => {
      const seen: string[] = [];
      let token: string | null = null;
      let pages = 0;
      do {
        const page = await list(operator, `campaign=${runId}&pageSize=3${token ? `&nextPageToken=${token}` : ''}`);
        expect(page.items.length).toBeLessThanOrEqual(3);
        seen.push(...ids(page));
        token = page.nextPageToken;
        pages += 1;
      } while (token);
      expect(pages).toBeGreaterThan(1);
      expect(seen.sort()).toEqual(ids(await list(operator, `campaign=${runId}&pageSize=200`)));
      // A token the API never issued is the caller's mistake: 400, answered at once (finding 7).
      const real = (await list(operator, `campaign=${runId}&pageSize=3`)).nextPageToken!;
      const flipped = `${real.slice(0, -4)}${real.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
      for (const forged of ['AAAA', 'Zm9yZ2Vk', `${real}${real}`, flipped, 'x'.repeat(4000)]) {
        const started = Date.now();
        const response = await get(operator, `/hazards?campaign=${runId}&pageSize=3&nextPageToken=${forged}`);
        expect(Date.now() - started, forged).toBeLessThan(3_000);
        expect(response.statusCode, `${forged}: ${response.body}`).toBe(400);
        expect(response.headers['content-type']).toContain('application/problem+json');
      }
      expect((await get(operator, '/hazards?pageSize=0')).statusCode).toBe(400);
      expect((await get(operator, '/hazards?overdue=maybe')).json().errors[0].path).toBe('querystring/overdue');
    });
  });

  // Last: the lists above count every hazard of this file.
  describe('a freshly started API process', () => {
    it('reads back the open hazards, and reads a closed one from its run when asked', async () => {
      await register(school7, registration('fresh-open', { dueOn: '2035-06-30' }));
      await register(school7, registration('fresh-closed', { dueOn: '2035-06-30' }));
      await post(school7, 'fresh-closed', 'rectification', { evidence: [{ text: '已整改' }] });
      const closed = await post(operator, 'fresh-closed', 'verification', { passed: true });
      expect(closed.json()).toMatchObject({ status: 'closed' });
      const fresh = await api.anotherApiProcess();
      try {
        // Kept before anyone asks: at least the open hazards this file registered.
        const health = await eventually(async () => {
          const report = (await fresh.inject({ method: 'GET', url: '/health' })).json();
          return report.hazardViews.kept > 0 ? report : undefined;
        });
        expect(Date.parse(health.hazardViews.changesReadUpTo)).toBeLessThanOrEqual(Date.now());
        expect((await fresh.inject({ method: 'GET', url: url('fresh-open'), headers: api.auth(school7) })).json()).toMatchObject({ status: 'rectifying' });
        // A closed hazard is not read back; asked for, it is read from its run's memo.
        const read = await fresh.inject({ method: 'GET', url: url('fresh-closed'), headers: api.auth(school7) });
        expect(read.statusCode).toBe(200);
        expect(read.json()).toEqual(closed.json());
        expect((await fresh.inject({ method: 'GET', url: url('fresh-closed'), headers: api.auth(school8) })).statusCode).toBe(404);
      } finally {
        await fresh.close();
      }
    });
  });

  describe('the overdue instant', () => {
    it('a hazard turns overdue at 00:00 after its due date in its detail, the overdue list and its escalation at once (a simulated run)', async () => {
      const rules = await api.env.client.workflow.getHandle(`campaign:${runId}`).query(hazardRulesQuery);
      const hazard = { ...registration('midnight'), dueOn: '2030-06-30' } as HazardRegistration;
      // The run's clock shows 2030-06-30 23:59:45 in Beijing now: it reaches 07-01 00:00 in fifteen
      // seconds, time for the visibility store (which the list reads) to index the new run first.
      const startAt = new Date(Date.parse('2030-07-01T00:00:00+08:00') - 15_000).toISOString();
      const handle = await api.env.client.workflow.start(hazardWorkflow, {
        workflowId: hazardWorkflowId(runId, 'midnight'),
        taskQueue: api.taskQueue,
        args: [{ rules, hazard, simulation: { startAt } }],
        typedSearchAttributes: hazardRegistrationSearchAttributes(rules, hazard),
      });
      const overdueFrom = hazardOverdueFrom(await handle.query(hazardViewQuery))!;
      expect(overdueFrom - Date.now()).toBeGreaterThan(3_000);
      const dueTime = await eventually(async () => (await handle.describe()).typedSearchAttributes.get(searchAttributeKeys.DueTime));
      expect(dueTime.getTime()).toBe(overdueFrom);
      // Listed (not yet overdue) before the instant: the list and the detail then watch the same run.
      await eventually(async () => {
        const list = await get(operator, `/hazards?campaign=${runId}&pageSize=100`);
        return (list.json().items as Array<{ hazardId: string }>).some((item) => item.hazardId === 'midnight') ? true : undefined;
      });
      expect(overdueFrom - Date.now()).toBeGreaterThan(3_000);

      const seen: Array<{ from: number; to: number; detail: boolean; listed: boolean; escalated: number }> = [];
      while (Date.now() < overdueFrom + 1_500) {
        const from = Date.now();
        const [detail, list] = await Promise.all([get(operator, url('midnight')), get(operator, `/hazards?campaign=${runId}&overdue=true`)]);
        const to = Date.now();
        const listed = (list.json().items as Array<{ hazardId: string; overdue: boolean }>).find((item) => item.hazardId === 'midnight');
        seen.push({ from, to, detail: detail.json().overdue, listed: listed?.overdue === true, escalated: detail.json().escalationLog.length });
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
      const before = seen.filter((o) => o.to < overdueFrom);
      const after = seen.filter((o) => o.from >= overdueFrom);
      expect(before.length).toBeGreaterThan(3);
      expect(after.length).toBeGreaterThan(3);
      // Before midnight nobody calls it overdue, and no measure but a reminder is taken; after it, all agree.
      const at = (o: (typeof seen)[number]) => ({ ...o, from: o.from - overdueFrom, to: o.to - overdueFrom });
      expect(before.filter((o) => o.detail || o.listed || o.escalated > 0).map(at)).toEqual([]);
      expect(after.filter((o) => !o.detail || !o.listed).map(at)).toEqual([]);
      const view = await handle.query(hazardViewQuery);
      // 通报 is written for the due date (offset 0) but waits for the instant the hazard turns overdue.
      expect(view.escalationLog[0]).toMatchObject({ action: 'notice', plannedAt: new Date('2030-07-01T00:00:00+08:00').toISOString() });
      await handle.terminate('test done');
    });
  });
});
