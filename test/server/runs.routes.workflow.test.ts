/**
 * GET /runs/:workflowId against a real dev server: a hazard whose 通报 cannot be delivered (the
 * recipient answers 503) shows the activity's attempts and last failure; a hazard waiting for its
 * next rung shows the timer and when it fires; a campaign run shows its own view; operators of
 * other jurisdictions and other roles are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../server/auth/principal.schema';
import { campaignWorkflowId, hazardWorkflowId } from '../../server/run-ids';
import { startWebhookRecipient, type WebhookRecipient } from '../helpers/webhook-recipient';
import { eventually, people, startApiEnvironment, type ApiEnvironment } from './hazards.routes.fixture';

const { operator, foreignOperator, school7: unit } = people;

interface Inspection {
  type: string;
  status: string;
  runId: string;
  historyLength: number;
  searchAttributes: Record<string, unknown>;
  view: Record<string, unknown> | null;
  pendingActivities: Array<{ activityType: string; attempt: number; lastFailure: { message: string } | null }>;
  pendingTimers: Array<{ timerId: string; firesAt: string }>;
  escalationLog: unknown[];
  webUiUrl: string;
}

describe('GET /runs/:workflowId on a real dev server', () => {
  let api: ApiEnvironment;
  let recipient: WebhookRecipient;
  let runId = '';
  const inspect = (principal: Principal | undefined, workflowId: string) =>
    api.app.inject({ method: 'GET', url: `/runs/${encodeURIComponent(workflowId)}`, headers: principal ? api.auth(principal) : {} });
  const register = (hazardId: string, dueOn: string) =>
    api.app.inject({
      method: 'POST',
      url: `/campaigns/${runId}/hazards`,
      headers: api.auth(operator),
      payload: {
        hazardId,
        level: 'ordinary',
        description: '灭火器过期',
        location: '食堂',
        unitId: 'school-7',
        unitName: '第七中学',
        responsiblePerson: '李主任',
        discoveredThrough: 'enforcement-inspection',
        dueOn,
      },
    });

  beforeAll(async () => {
    recipient = await startWebhookRecipient();
    api = await startApiEnvironment('api-runs', { webhookUrl: recipient.url });
    runId = await api.startCampaign();
  });
  afterAll(async () => {
    await api?.teardown();
    await recipient?.close();
  });

  it('shows an escalation activity being retried: its attempts and the last failure', async () => {
    recipient.failNext(1_000, 503);
    expect((await register('undeliverable', '2025-03-01')).statusCode).toBe(201);
    const workflowId = hazardWorkflowId(runId, 'undeliverable');
    const inspection = await eventually(async () => {
      const body = (await inspect(operator, workflowId)).json() as Inspection;
      return body.pendingActivities[0] && body.pendingActivities[0].attempt >= 2 ? body : undefined;
    });
    expect(inspection).toMatchObject({ type: 'hazardWorkflow', status: 'RUNNING', searchAttributes: { Jurisdiction: 'CN/test/district', UnitId: 'school-7' } });
    expect(inspection.pendingActivities[0]).toMatchObject({ activityType: 'notice', lastFailure: { message: expect.stringContaining('503') } });
    expect(inspection.webUiUrl).toBe(`http://temporal-ui.test/namespaces/default/workflows/${encodeURIComponent(workflowId)}/${inspection.runId}/history`);
    recipient.failNext(0, 200);
  });

  it('shows the timer a hazard sleeps on until its next rung, with the fire time', async () => {
    expect((await register('waiting', '2035-06-30')).statusCode).toBe(201);
    const inspection = await eventually(async () => {
      const body = (await inspect(operator, hazardWorkflowId(runId, 'waiting'))).json() as Inspection;
      return body.pendingTimers.length > 0 ? body : undefined;
    });
    // The first rung (通报) is written for the due date, but a measure waits until the hazard is
    // overdue: 00:00 Beijing time the day after (the timer is measured from the workflow task's clock,
    // a few milliseconds before its event is written).
    expect(inspection.pendingTimers).toHaveLength(1);
    expect(Math.abs(Date.parse(inspection.pendingTimers[0]!.firesAt) - Date.parse('2035-07-01T00:00:00+08:00'))).toBeLessThan(1_000);
    expect(inspection.view).toMatchObject({ status: 'rectifying', nextEscalation: { action: 'notice' } });
    expect(inspection.escalationLog).toEqual([]);
  });

  it('inspects a campaign run with its own view', async () => {
    const response = await inspect(operator, campaignWorkflowId(runId));
    expect(response.statusCode).toBe(200);
    const inspection = response.json() as Inspection;
    expect(inspection).toMatchObject({ type: 'campaignWorkflow', status: 'RUNNING', view: { campaignId: 'api-short-ladder', jurisdiction: 'CN/test/district' } });
    expect(inspection.historyLength).toBeGreaterThan(0);
  });

  it('refuses other roles; to other jurisdictions a run does not exist (404, as unknown runs)', async () => {
    const workflowId = hazardWorkflowId(runId, 'waiting');
    expect((await inspect(undefined, workflowId)).statusCode).toBe(401);
    expect((await inspect(unit, workflowId)).statusCode).toBe(403);
    expect((await inspect(foreignOperator, workflowId)).statusCode).toBe(404);
    expect((await inspect(foreignOperator, campaignWorkflowId(runId))).statusCode).toBe(404);
    const missing = await inspect(operator, 'hazard:nothing@CN.test:none');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
  });
});
