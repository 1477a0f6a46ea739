/**
 * /campaigns against a real dev server with the engine's worker: a run started from a published
 * version for a jurisdiction, pinned and carrying the request id; listings and reads that stay
 * inside the caller's jurisdiction; the run's view with its hazards counted by status and
 * escalation stage; duty submissions refused with the workflow's own reason; and a migration to
 * a newer published version.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import ExcelJS from 'exceljs';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { temporalSettings, WORKFLOW_TYPES } from '../../temporal.config';
import { hazardWorkflowId } from '../../server/run-ids';
import { campaignDefinitionQuery, hazardRulesQuery } from '../../workflows/campaign.messages';
import type { hazardWorkflow } from '../../workflows/hazard.workflow';
import { createEngineTestWorker } from '../helpers/engine-worker';
import { createDevServerEnvironment } from '../helpers/temporal-env';
import { bearer, buildTestApp, people, type TestApp } from './api-app';
import { testDefinitionYaml, today } from './definition-texts';

const TASK_QUEUE = 'campaigns-api';
type Person = (typeof people)[keyof typeof people];

describe('/campaigns on a real Temporal dev server', () => {
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  let app: TestApp;

  const call = (who: Person, method: 'GET' | 'POST', url: string, payload?: object) =>
    app.inject({ method, url, headers: bearer(app, who), ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    env = await createDevServerEnvironment();
    ({ worker } = await createEngineTestWorker(env, { taskQueue: TASK_QUEUE }));
    running = worker.run();
    app = await buildTestApp(env.client, temporalSettings({ TEMPORAL_TASK_QUEUE: TASK_QUEUE }));
    for (const version of [1, 2]) {
      const published = await app.inject({
        method: 'POST',
        url: '/definitions',
        headers: bearer(app, people.tianjinAuthor),
        payload: { text: testDefinitionYaml({ id: 'city-plan', version }) },
      });
      if (published.statusCode !== 201) throw new Error(published.body);
    }
  });
  afterAll(async () => {
    await app?.close();
    worker?.shutdown();
    await running;
    await env?.teardown();
  });

  const cityRun = 'city-plan@CN.tianjin';
  const districtRun = 'city-plan@CN.tianjin.jizhou';

  it('starts a run pinned to a published version, with the request id in its memo and log; 409 when it exists', async () => {
    const started = await app.inject({
      method: 'POST',
      url: '/campaigns',
      headers: { ...bearer(app, people.tianjinOperator), 'x-request-id': 'req-start-city' },
      payload: { definitionId: 'city-plan', version: 1 },
    });
    expect(started.statusCode, started.body).toBe(201);
    expect(started.json()).toEqual({
      runId: cityRun,
      workflowId: `campaign:${cityRun}`,
      definitionId: 'city-plan',
      version: 1,
      jurisdiction: 'CN/tianjin',
      requestId: 'req-start-city',
    });
    const description = await env.client.workflow.getHandle(`campaign:${cityRun}`).describe();
    expect(description.memo).toMatchObject({ requestId: 'req-start-city', definitionId: 'city-plan', version: 1 });

    const again = await call(people.tianjinOperator, 'POST', '/campaigns', { definitionId: 'city-plan', version: 2 });
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toContain('application/problem+json');
  });

  it('starts the same plan in a district below it; the run’s definition carries the district', async () => {
    const started = await call(people.jizhouOperator, 'POST', '/campaigns', { definitionId: 'city-plan', version: 1, jurisdiction: 'CN/tianjin/jizhou' });
    expect(started.statusCode, started.body).toBe(201);
    expect(started.json()).toMatchObject({ runId: districtRun, jurisdiction: 'CN/tianjin/jizhou' });
    const pinned = await env.client.workflow.getHandle(`campaign:${districtRun}`).query(campaignDefinitionQuery);
    expect(pinned).toMatchObject({ id: 'city-plan', version: 1, jurisdiction: 'CN/tianjin/jizhou' });
  });

  it('refuses starts outside the rules: 403 outside the operator’s jurisdiction, 422 outside the definition’s, 404 unpublished or not concerning the operator', async () => {
    const cases: Array<[Person, object, number]> = [
      [people.jizhouOperator, { definitionId: 'city-plan', version: 1 }, 403],
      [people.chongqingOperator, { definitionId: 'city-plan', version: 1, jurisdiction: 'CN/chongqing' }, 404],
      [people.tianjinOperator, { definitionId: 'city-plan', version: 1, jurisdiction: 'CN/chongqing' }, 422],
      [people.chongqingOperator, { definitionId: 'city-plan', version: 1, jurisdiction: 'CN/tianjin/jizhou' }, 404],
      [people.tianjinOperator, { definitionId: 'city-plan', version: 9 }, 404],
      [people.tianjinOperator, { definitionId: 'no-such-plan', version: 1 }, 404],
    ];
    for (const [who, body, status] of cases) {
      const response = await call(who, 'POST', '/campaigns', body);
      expect(response.statusCode, `${who.sub} ${JSON.stringify(body)}: ${response.body}`).toBe(status);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('lists runs within the caller’s jurisdiction and below; a sibling sees none', async () => {
    const runIds = async (who: Person) => ((await call(who, 'GET', '/campaigns')).json().campaigns as Array<{ runId: string }>).map((c) => c.runId);
    await vi.waitFor(async () => expect(await runIds(people.tianjinOperator)).toEqual([cityRun, districtRun]), { timeout: 20_000, interval: 250 });
    const [city] = (await call(people.tianjinOperator, 'GET', '/campaigns')).json().campaigns;
    expect(city).toMatchObject({ definitionId: 'city-plan', version: 1, jurisdiction: 'CN/tianjin', executionStatus: 'RUNNING', title: '接口测试专项整治行动（第1版）' });
    expect(await runIds(people.jizhouOperator)).toEqual([districtRun]);
    expect(await runIds(people.school7)).toEqual([cityRun, districtRun]);
    expect(await runIds(people.chongqingOperator)).toEqual([]);
    const filtered = await call(people.tianjinOperator, 'GET', '/campaigns?definitionId=other-plan');
    expect(filtered.json()).toEqual({ campaigns: [] });
  });

  it('shows one run: its phase, the timeline with done/open/late, and its hazards by status and escalation stage', async () => {
    const rules = await env.client.workflow.getHandle(`campaign:${cityRun}`).query(hazardRulesQuery);
    const hazard = (hazardId: string, level: string) =>
      env.client.workflow.start<typeof hazardWorkflow>(WORKFLOW_TYPES.hazard, {
        workflowId: hazardWorkflowId(cityRun, hazardId),
        taskQueue: TASK_QUEUE,
        args: [
          {
            rules,
            hazard: { hazardId, level, description: '消防通道堵塞', location: '实训楼', unitId: 'school-7', unitName: '第七技工学校', responsiblePerson: '周九', discoveredThrough: 'self-inspection' },
          },
        ],
      });
    await hazard('h-1', 'ordinary');
    await hazard('h-2', 'major');

    // Visibility is eventually consistent: wait until both runs' search attributes are indexed.
    await vi.waitFor(
      async () => {
        const detail = (await call(people.tianjinOperator, 'GET', `/campaigns/${cityRun}`)).json();
        expect(detail.hazards).toMatchObject({ total: 2, byStatus: { rectifying: 2 }, byEscalationStage: { 'listed-supervision': 1, none: 1 } });
      },
      { timeout: 20_000, interval: 250 },
    );
    const response = await call(people.tianjinOperator, 'GET', `/campaigns/${cityRun}`);
    expect(response.statusCode).toBe(200);
    const detail = response.json();
    expect(detail).toMatchObject({
      runId: cityRun,
      executionStatus: 'RUNNING',
      webUiUrl: expect.stringContaining(encodeURIComponent(`campaign:${cityRun}`)),
      hazards: { total: 2, byStatus: { rectifying: 2 } },
    });
    // Major hazards start under listed supervision (挂牌督办); the other has no step taken yet.
    expect(detail.hazards.byEscalationStage).toEqual({ 'listed-supervision': 1, none: 1 });
    const { view } = detail;
    expect(view).toMatchObject({ campaignId: 'city-plan', version: 1, jurisdiction: 'CN/tianjin', status: 'running', currentPhase: { id: 'self-inspection' }, today: today() });
    expect(view.phases.map((p: { state: string }) => p.state)).toEqual(['current', 'upcoming']);
    // Last month's report fell due before the run took the campaign over: shown as such, never
    // escalated (not late); this month's is open.
    const statuses = new Set(view.occurrences.map((o: { status: string }) => o.status));
    expect(statuses).toEqual(new Set(['before-adoption', 'open']));
    expect(view.adoptedOn).toBe(today());
    expect(view.escalationLog).toEqual([]);
    expect(view.log[0]).toMatchObject({ event: 'campaign-started', requestId: 'req-start-city' });

    const district = (await call(people.jizhouOperator, 'GET', `/campaigns/${districtRun}`)).json();
    expect(district.hazards).toEqual({ total: 0, byStatus: {}, byEscalationStage: {} });
  });

  it('keeps one run from other jurisdictions: to them it does not exist (404, as no run)', async () => {
    for (const [who, runId] of [
      [people.jizhouOperator, cityRun],
      [people.chongqingOperator, districtRun],
    ] as const) {
      const response = await call(who, 'GET', `/campaigns/${runId}`);
      expect(response.statusCode).toBe(404);
      expect(response.body).not.toContain('接口测试');
    }
    expect((await call(people.tianjinOperator, 'GET', '/campaigns/no-such-plan@CN.tianjin')).statusCode).toBe(404);
  });

  it('takes a unit’s duty submission; refuses a repeat and an unknown occurrence with the workflow’s reason (409)', async () => {
    const view = (await call(people.tianjinOperator, 'GET', `/campaigns/${cityRun}`)).json().view;
    const open = view.occurrences.find((o: { status: string; unitId: string }) => o.status === 'open' && o.unitId === 'school-7');
    const url = `/campaigns/${cityRun}/duties/${encodeURIComponent(open.occurrenceId)}/submissions`;

    const submitted = await call(people.school7, 'POST', url, { unitId: 'school-7', note: '已上传电子件' });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({ occurrenceId: open.occurrenceId, unitId: 'school-7', status: 'submitted', submittedOn: today() });

    const repeat = await call(people.school7, 'POST', url, { unitId: 'school-7' });
    expect(repeat.statusCode).toBe(409);
    expect(repeat.headers['content-type']).toContain('application/problem+json');
    expect(repeat.json().title).toContain('已于');

    const unknown = await call(people.tianjinOperator, 'POST', `/campaigns/${cityRun}/duties/monthly-report:1999-01/submissions`, { unitId: 'school-8' });
    expect(unknown.statusCode).toBe(409);
    expect(unknown.json().title).toContain('没有已开始的报送事项');

    const byOperator = await call(people.tianjinOperator, 'POST', url, { unitId: 'school-8' });
    expect(byOperator.statusCode, byOperator.body).toBe(200);
    const log = (await call(people.tianjinOperator, 'GET', `/campaigns/${cityRun}`)).json().view.log as Array<{ event: string; requestId?: string }>;
    expect(log.filter((l) => l.event === 'duty-submitted')).toHaveLength(2);

    const outside = await call(people.chongqingOperator, 'POST', url, { unitId: 'school-8' });
    expect(outside.statusCode).toBe(404);
  });

  it('confirms a milestone: by its owner unit or an operator, with a note; another unit is refused (409)', async () => {
    const url = `/campaigns/${cityRun}/milestones/plan-filed/confirmation`;
    const before = (await call(people.tianjinOperator, 'GET', `/campaigns/${cityRun}`)).json().view.milestones;
    expect(before).toEqual([expect.objectContaining({ milestoneId: 'plan-filed', state: 'upcoming', stateLabel: '未到期', owners: [{ unitId: 'office', unitName: '市安委办' }] })]);

    const stranger = await call(people.school7, 'POST', url, { note: '代为确认' });
    expect(stranger.statusCode).toBe(409);
    expect(stranger.json().title).toContain('不由单位 school-7 负责');

    const confirmed = await call(people.tianjinOperator, 'POST', url, { note: '已报市安委会备案' });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ state: 'confirmed', confirmedOn: today(), confirmedBy: people.tianjinOperator.sub, note: '已报市安委会备案' });
    expect((await call(people.tianjinOperator, 'POST', url, {})).statusCode).toBe(409);
    const log = (await call(people.tianjinOperator, 'GET', `/campaigns/${cityRun}`)).json().view.log as Array<{ event: string; requestId?: string }>;
    expect(log.at(-1)).toMatchObject({ event: 'milestone-confirmed', requestId: confirmed.headers['x-request-id'] });
  });

  it('imports a ledger of what fell due before the takeover: all lines or none, operators only', async () => {
    const view = (await call(people.tianjinOperator, 'GET', `/campaigns/${cityRun}`)).json().view;
    const past = view.occurrences.find((o: { status: string }) => o.status === 'before-adoption').occurrenceId as string;
    const url = `/campaigns/${cityRun}/imports`;
    const submitted = { kind: 'duty-occurrence', occurrenceId: past, unitId: 'school-7', submittedOn: view.occurrences[0].opensOn, line: 2 };
    const overdue = { kind: 'duty-occurrence', occurrenceId: past, unitId: 'school-8', overdue: true, line: 3 };

    expect((await call(people.school7, 'POST', url, { entries: [submitted] })).statusCode).toBe(403);
    const refused = await call(people.tianjinOperator, 'POST', url, { entries: [submitted, { ...overdue, unitId: 'school-9' }] });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().title).toContain('第 3 行');
    const unchanged = (await call(people.tianjinOperator, 'GET', `/campaigns/${cityRun}`)).json().view;
    expect(unchanged.occurrences.filter((o: { occurrenceId: string; status: string }) => o.occurrenceId === past).map((o: { status: string }) => o.status)).toEqual(['before-adoption', 'before-adoption']);

    const imported = await call(people.tianjinOperator, 'POST', url, { entries: [submitted, overdue], source: '台账.xlsx' });
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toEqual({ imported: 2, submitted: 1, confirmed: 0, overdue: 1 });
    const after = (await call(people.tianjinOperator, 'GET', `/campaigns/${cityRun}`)).json().view;
    expect(after.occurrences.filter((o: { occurrenceId: string }) => o.occurrenceId === past).map((o: { unitId: string; status: string; escalateFrom: string | null }) => [o.unitId, o.status, o.escalateFrom])).toEqual([
      ['school-7', 'submitted', null],
      ['school-8', 'late', today()],
    ]);
  });

  it('imports a ledger file with the operators’ command line, through the API; a file with a bad row imports nothing', async () => {
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    const view = (await call(people.jizhouOperator, 'GET', `/campaigns/${districtRun}`)).json().view;
    const past = view.occurrences.find((o: { status: string }) => o.status === 'before-adoption').occurrenceId as string;
    const folder = mkdtempSync(join(tmpdir(), 'ledger-'));
    const ledger = async (rows: unknown[][]): Promise<string> => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('台账');
      [['类型', '编号', '单位', '日期', '处理'], ...rows].forEach((row) => sheet.addRow(row));
      const file = join(folder, `台账-${rows.length}.xlsx`);
      await workbook.xlsx.writeFile(file);
      return file;
    };
    // Run asynchronously: this process serves the API the command line calls.
    const engine = (file: string) =>
      new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = execFile(
          process.execPath,
          ['--import', 'tsx', 'bin/engine.ts', 'ledger', 'import', districtRun, file, '--api', base],
          { cwd: new URL('../..', import.meta.url).pathname, env: { ...process.env, ENGINE_API_TOKEN: app.signToken(people.jizhouOperator) } },
          (_error, stdout, stderr) => resolve({ status: child.exitCode, stdout, stderr }),
        );
      });

    const bad = await engine(await ledger([['报送', past, 'school-7', '2099-01-01', '已报送'], ['报送', past, 'school-8', '', '逾期督办']]));
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('第 2 行：日期 2099-01-01 晚于今天');
    const good = await engine(await ledger([['报送', past, 'school-7', view.occurrences[0].opensOn, '已报送'], ['报送', past, 'school-8', '', '逾期督办']]));
    expect(good.stderr).toBe('');
    expect(good.stdout).toContain('✓ 已导入 2 条：已报送 1 条，节点已确认 0 条，按逾期自今日起督办 1 条');
    const after = (await call(people.jizhouOperator, 'GET', `/campaigns/${districtRun}`)).json().view;
    expect(after.occurrences.filter((o: { occurrenceId: string }) => o.occurrenceId === past).map((o: { status: string }) => o.status)).toEqual(['submitted', 'late']);
    expect(after.log.at(-1).detail).toContain('来源：台账-2.xlsx');
  });

  it('migrates a run to a newer published version; refuses an older one (409) and an unpublished one (404)', async () => {
    const url = `/campaigns/${districtRun}/migrations`;
    expect((await call(people.chongqingOperator, 'POST', url, { version: 2 })).statusCode).toBe(404);
    expect((await call(people.jizhouOperator, 'POST', url, { version: 5 })).statusCode).toBe(404);

    const migrated = await call(people.jizhouOperator, 'POST', url, { version: 2, reason: '市里发布了第2版' });
    expect(migrated.statusCode, migrated.body).toBe(200);
    expect(migrated.json()).toMatchObject({ version: 2, jurisdiction: 'CN/tianjin/jizhou', title: '接口测试专项整治行动（第2版）' });
    expect(migrated.json().log.at(-1)).toMatchObject({ event: 'migrated', requestId: migrated.headers['x-request-id'] });

    const back = await call(people.jizhouOperator, 'POST', url, { version: 1 });
    expect(back.statusCode).toBe(409);
    expect(back.json().title).toContain('只能迁移到更新的版本');
  });
});
