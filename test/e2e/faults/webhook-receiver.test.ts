/**
 * Fault suite — the webhook receiver misbehaves (issue 14): a receiver that is down is retried with
 * backoff (the production retry policy of temporal.config.ts, unchanged) and gets the step once it
 * is back; a receiver that refuses a step for good (4xx) is not retried, and the step is marked
 * failed where operators look: the hazard's escalation log and the run inspection. The receiver is
 * down for a minute: the policy retries after 2, 4, 8, 16 and 32 s (intervals growing to at most
 * 10 minutes, for up to a day), so the step arrives with the sixth attempt, about 62 s in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, people, startApiEnvironment, type ApiEnvironment } from '../../server/hazards.routes.fixture';
import { startWebhookRecipient, type WebhookRecipient } from '../../helpers/webhook-recipient';

type LogEntry = { stepIndex: number; action: string; outcome: string; error?: string };

describe('fault suite: webhook receiver down, and refusing', () => {
  let receiver: WebhookRecipient;
  let api: ApiEnvironment;
  let runId = '';
  beforeAll(async () => {
    receiver = await startWebhookRecipient();
    api = await startApiEnvironment('webhook-faults', { webhookUrl: receiver.url });
    runId = await api.startCampaign();
  });
  afterAll(async () => {
    await api?.teardown();
    await receiver?.close();
  });

  const register = async (hazardId: string): Promise<string> => {
    const response = await api.app.inject({
      method: 'POST',
      url: `/campaigns/${runId}/hazards`,
      headers: api.auth(people.school7),
      payload: { hazardId, level: 'major', description: '消防通道被占用', location: '教学楼一层', unitId: 'school-7', unitName: '第七中学', responsiblePerson: '李主任', discoveredThrough: 'self-inspection', dueOn: '2025-06-30' },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().ref as string;
  };
  const escalationLog = async (ref: string): Promise<LogEntry[]> =>
    (await api.app.inject({ method: 'GET', url: `/hazards/${encodeURIComponent(ref)}`, headers: api.auth(people.operator) })).json().escalationLog;
  const inspect = async (ref: string) => (await api.app.inject({ method: 'GET', url: `/runs/${encodeURIComponent(ref)}`, headers: api.auth(people.operator) })).json();

  it('a receiver refusing for good (422): each step tried once, marked failed in the escalation log and the run inspection', async () => {
    receiver.failAlways(422);
    const ref = await register('REFUSED-1');
    const log = await eventually(async () => {
      const entries = await escalationLog(ref);
      return entries.length === 2 ? entries : undefined;
    }, 30_000);
    // The ladder goes on past a refused rung; each is logged as failed with the receiver's answer.
    expect(log.map((entry) => [entry.stepIndex, entry.outcome])).toEqual([
      [0, 'failed'],
      [1, 'failed'],
    ]);
    expect(log[0]!.error).toContain('422');
    const inspection = await inspect(ref);
    expect(inspection.escalationLog.map((entry: LogEntry) => entry.outcome)).toEqual(['failed', 'failed']);
    expect(inspection.pendingActivities).toEqual([]);
    // Not retried: one request per step.
    const keys = receiver.refused.filter((key) => key.startsWith(`${ref}/`));
    expect(keys).toHaveLength(2);
    expect(new Set(keys).size).toBe(2);
    receiver.failAlways(null);
  });

  it('a receiver down for a minute: retried with growing intervals, then delivered, once', async () => {
    await receiver.stop();
    const downAt = Date.now();
    const ref = await register('DOWN-1');
    // While it is down, the inspection shows the step being retried, with the last failure.
    const retrying = await eventually(async () => {
      const pending = (await inspect(ref)).pendingActivities as Array<{ attempt: number; lastFailure: { message: string } | null; nextAttemptAt: string | null }>;
      return pending[0] && pending[0].attempt >= 3 ? pending[0] : undefined;
    }, 30_000);
    expect(retrying.lastFailure?.message).toBeTruthy();
    // Backoff, not a tight loop: at most six attempts in the first minute (2 + 4 + 8 + 16 + 32 s between them).
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 60_000 - (Date.now() - downAt))));
    expect(((await inspect(ref)).pendingActivities[0] as { attempt: number }).attempt).toBeLessThanOrEqual(6);
    await receiver.listen();

    const log = await eventually(async () => {
      const entries = await escalationLog(ref);
      return entries.length === 2 ? entries : undefined;
    }, 60_000);
    expect(log.map((entry) => [entry.stepIndex, entry.outcome])).toEqual([
      [0, 'delivered'],
      [1, 'delivered'],
    ]);
    const ours = receiver.deliveries.filter((d) => d.idempotencyKey.startsWith(`${ref}/`));
    expect(ours).toHaveLength(2);
  });
});
