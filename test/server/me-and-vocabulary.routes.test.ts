/** GET /me (who a token speaks for, what its role may do) and GET /vocabulary (the labels), decided without Temporal. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../../server/auth/permissions';
import { bearer, buildOfflineApp, people, type TestApp } from './api-app';

describe('GET /me and GET /vocabulary', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await buildOfflineApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('tells an operator who they are and that they verify hazards but publish nothing', async () => {
    const response = await app.inject({ method: 'GET', url: '/me', headers: bearer(app, people.tianjinOperator) });
    expect(response.statusCode).toBe(200);
    const me = response.json();
    expect(me).toMatchObject({ sub: '市安委办 张三', role: 'operator', roleLabel: '行动管理', jurisdiction: 'CN/tianjin' });
    expect(me).not.toHaveProperty('unitId');
    expect(me.may).toMatchObject({ verifyHazards: true, startCampaigns: true, inspectRuns: true, publishDefinitions: false });
    expect(Object.keys(me.may).sort()).toEqual(Object.keys(PERMISSIONS).sort());
  });

  it('tells a unit its unit, and that it may rectify but not verify', async () => {
    const me = (await app.inject({ method: 'GET', url: '/me', headers: bearer(app, people.school7) })).json();
    expect(me).toMatchObject({ role: 'unit', roleLabel: '责任单位', unitId: 'school-7' });
    expect(me.may).toMatchObject({ rectifyHazards: true, submitDuties: true, verifyHazards: false, startCampaigns: false, inspectRuns: false });
  });

  it('answers 401 problem+json without a valid token', async () => {
    for (const headers of [{}, { authorization: 'Bearer forged' }]) {
      const response = await app.inject({ method: 'GET', url: '/me', headers });
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('gives the labels of every vocabulary to anyone, cacheable', async () => {
    const response = await app.inject({ method: 'GET', url: '/vocabulary' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toContain('max-age=');
    const vocabulary = response.json();
    expect(vocabulary.roles).toEqual({ author: '方案发布', operator: '行动管理', unit: '责任单位' });
    expect(vocabulary.hazardStatuses).toMatchObject({ rectifying: '整改中', verifying: '待审核验收', closed: '已销号' });
    expect(vocabulary.openHazardStatuses).toEqual(['rectifying', 'extension-requested']);
    expect(Object.entries(vocabulary.escalationActions).slice(0, 3)).toEqual([
      ['reminder', '督促提醒'],
      ['letter', '函告'],
      ['notice', '通报'],
    ]);
    expect(vocabulary.discoveryChannels).toEqual({ 'self-inspection': '自查', 'enforcement-inspection': '执法检查', 'public-report': '群众举报' });
    expect(vocabulary.timelineEntryKinds).toMatchObject({ 'phase-start': '阶段开始', milestone: '节点' });
  });
});
