/**
 * The official calendars over the API, on a real dev server: the years the engine has, and a
 * calendar update applied to a running campaign and its open hazards by an operator — through the
 * API and through the operators' command line — recorded in their logs.
 */
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hazardWorkflowId } from '../../server/run-ids';
import { eventually, people, startApiEnvironment, type ApiEnvironment } from './hazards.routes.fixture';

const registration = (hazardId: string) => ({
  hazardId,
  level: 'ordinary',
  description: '楼梯间堆放杂物',
  location: '教学楼二层',
  unitId: 'school-7',
  unitName: '第七中学',
  responsiblePerson: '李主任',
  discoveredThrough: 'self-inspection',
  dueOn: '2035-06-30',
});

describe('/calendars on a real dev server', () => {
  let api: ApiEnvironment;
  let runId = '';
  const call = (principal: (typeof people)[keyof typeof people], method: 'GET' | 'POST', url: string, payload?: object) =>
    api.app.inject({ method, url, headers: api.auth(principal), ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    api = await startApiEnvironment('api-calendars');
    runId = await api.startCampaign();
    for (const id of ['cal-1', 'cal-2']) expect((await call(people.school7, 'POST', `/campaigns/${runId}/hazards`, registration(id))).statusCode).toBe(201);
  });
  afterAll(async () => {
    await api?.teardown();
  });

  it('lists the official years the engine has, oldest first, to any signed-in role', async () => {
    const response = await call(people.school7, 'GET', '/calendars');
    expect(response.statusCode).toBe(200);
    const years = response.json().years as Array<{ year: number; source: string; holidays: Array<{ name: string; from: string; to: string }> }>;
    expect(years[0]!.year).toBe(2004);
    expect(years.at(-1)).toMatchObject({ year: 2026, holidays: expect.arrayContaining([{ name: '春节', from: '2026-02-15', to: '2026-02-23' }]) });
  });

  it('applies the current official calendar to a campaign run and its open hazards, recorded in their logs; operators of its jurisdiction only', async () => {
    const url = `/campaigns/${runId}/calendar`;
    expect((await call(people.school7, 'POST', url, {})).statusCode).toBe(403);
    expect((await call(people.foreignOperator, 'POST', url, {})).statusCode).toBe(404);

    const response = await call(people.operator, 'POST', url, { reason: '国务院公布新一年节假日安排' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      campaign: { revision: 1, years: [2025, 2026], movedDeadlines: [], rescheduledRungs: 0 },
      hazards: { updated: 2, movedDeadlines: [] },
    });
    const view = (await call(people.operator, 'GET', `/campaigns/${runId}`)).json().view;
    expect(view.calendar).toMatchObject({ years: [2025, 2026], revision: 1 });
    expect(view.log.at(-1)).toMatchObject({ event: 'calendar-updated', requestId: response.headers['x-request-id'], detail: expect.stringContaining('国务院公布新一年节假日安排') });
    const hazard = (await call(people.operator, 'GET', `/hazards/${encodeURIComponent(hazardWorkflowId(runId, 'cal-1'))}`)).json();
    expect(hazard.history.at(-1)).toMatchObject({ event: 'calendar-updated', by: people.operator.sub, detail: expect.stringContaining('期限和督促安排不变') });
  });

  it('applies it from the operators’ command line too', async () => {
    const base = await api.app.listen({ host: '127.0.0.1', port: 0 });
    const { stdout, stderr, status } = await new Promise<{ stdout: string; stderr: string; status: number | null }>((resolve) => {
      const child = execFile(
        process.execPath,
        ['--import', 'tsx', 'bin/engine.ts', 'calendar', 'apply', '--all', '--api', base],
        { cwd: new URL('../..', import.meta.url).pathname, env: { ...process.env, ENGINE_API_TOKEN: api.app.signToken(people.operator) } },
        (_error, out, err) => resolve({ stdout: out, stderr: err, status: child.exitCode }),
      );
    });
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toContain(`✓ ${runId}：采用 2025、2026 年安排（第 2 次更新）`);
    expect(stdout).toContain('隐患 2 个');
    await eventually(async () => ((await call(people.operator, 'GET', `/campaigns/${runId}`)).json().view.calendar.revision === 2 ? true : undefined));
  });
});
