import { ApplicationFailure, type Logger, type LogLevel, type LogMetadata } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createActivities,
  createLogChannel,
  createWebhookChannel,
  type DeliveryChannel,
  type EscalationStepInput,
  type EscalationStepOutcome,
} from '../../activities';
import { createCalendar } from '../../definitions/calendar';
import { repositoryOfficialCalendar } from '../../definitions/load';
import { EscalationActionName, type EscalationAction } from '../../definitions/vocabulary';
import { recordIdFor, type EscalationRecordStore } from '../../store';
import { ACTIVITY_ERROR_TYPES } from '../../temporal.config';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { startWebhookRecipient, type WebhookRecipient } from '../helpers/webhook-recipient';
import { campaign, hazard, stepInput, steps } from './escalation-fixtures';

let recipient: WebhookRecipient;
let database: TestDatabase;
let records: EscalationRecordStore;
let activities: ReturnType<typeof createActivities>;

beforeAll(async () => {
  recipient = await startWebhookRecipient();
  database = await createTestDatabase();
  records = database.store.records;
});
afterAll(async () => {
  await recipient.close();
  await database?.drop();
});

/** The activities with their records in this file's database. */
const activitiesDelivering = (channel: DeliveryChannel) => createActivities({ channel, records, collectedActions: database.store.collectedActions, projection: database.store.projection, officialCalendar: repositoryOfficialCalendar() });

beforeEach(() => {
  recipient.deliveries.length = 0;
  activities = activitiesDelivering(createWebhookChannel({ url: recipient.url, timeoutMs: 2_000 }));
});

type LogEntry = { level: LogLevel; message: string; meta?: LogMetadata };

/** A logger that keeps what the activities log (and keeps the test output quiet). */
function collectingLogger(entries: LogEntry[] = []): Logger {
  const at = (level: LogLevel) => (message: string, meta?: LogMetadata) => void entries.push({ level, message, ...(meta ? { meta } : {}) });
  return { log: (level, message, meta) => at(level)(message, meta), trace: at('TRACE'), debug: at('DEBUG'), info: at('INFO'), warn: at('WARN'), error: at('ERROR') };
}

type StepActivity = (input: EscalationStepInput) => Promise<EscalationStepOutcome>;

/** Runs an activity in a real activity context, as a worker would. */
function runActivity(activity: StepActivity, input: EscalationStepInput, entries?: LogEntry[]): Promise<EscalationStepOutcome> {
  const env = new MockActivityEnvironment({ activityType: input.step.action }, { logger: collectingLogger(entries) });
  return env.run<[EscalationStepInput], EscalationStepOutcome, StepActivity>(activity, input);
}

const run = (action: EscalationAction, input: EscalationStepInput, entries?: LogEntry[]) => runActivity(activities[action], input, entries);

describe('escalation activities', () => {
  it('has one activity per escalation action, named by the action, besides the projection and collected-action ones', () => {
    const others = ['projectHazard', 'projectCampaign', 'joinCollectedAction', 'collectedRecordsAwaiting', 'publishCollectedDocument', 'closeCollectedAction'];
    const escalations = Object.keys(activities).filter((name) => !others.includes(name));
    expect(escalations.sort()).toEqual(Object.values(EscalationActionName).sort());
    expect(Object.keys(activities).filter((name) => others.includes(name)).sort()).toEqual([...others].sort());
  });

  it('notice: renders a 通报 document, keeps it and posts it with the idempotency key', async () => {
    const input = stepInput(steps.notice);
    const outcome = await run('notice', input);

    expect(outcome.outcome).toBe('delivered');
    expect(outcome.channel).toBe('webhook');
    expect(outcome.recipient).toBe('各有关单位');
    const lines = outcome.message.split('\n');
    expect(lines[0]).toBe('天津市人力资源和社会保障局');
    expect(lines[1]).toBe('关于天津市第七技工学校实训楼消防通道堵塞逾期未整改的通报');
    expect(lines[2]).toBe('（技工院校安全生产专项整治三年行动）');
    expect(outcome.message).toContain('通报：天津市第七技工学校的隐患“实训楼消防通道堵塞”应于2026年9月20日前整改到位，已逾期10天。');
    expect(outcome.message).toContain('截至2026年9月30日已逾期10天');
    expect(lines.slice(-2)).toEqual(['天津市人力资源和社会保障局', '2026年9月30日']);

    const kept = await records.get(outcome.recordId!);
    expect(kept?.details).toEqual({
      kind: 'notice',
      title: '关于天津市第七技工学校实训楼消防通道堵塞逾期未整改的通报',
      issuedOn: '2026-09-30',
      document: outcome.message,
    });
    expect(kept?.delivery).toEqual({ channel: 'webhook', deliveredAt: outcome.performedAt });

    expect(recipient.deliveries).toHaveLength(1);
    const [received] = recipient.deliveries;
    expect(received!.idempotencyKey).toBe(input.idempotencyKey);
    expect(received!.body).toMatchObject({
      idempotencyKey: input.idempotencyKey,
      action: 'notice',
      actionLabel: '通报',
      campaign: { id: campaign.id, title: campaign.title },
      item: { id: hazard.id, unitName: hazard.unitName },
      stepIndex: 2,
      recipient: '各有关单位',
      message: outcome.message,
      recordId: outcome.recordId,
    });
  });

  it('interview: proposes a time 3 working days on, skipping National Day and honouring the 调休 Saturday', async () => {
    // The official 2026 calendar: 10-01…10-07 off, Saturday 10-10 a working day (调休).
    const calendar = createCalendar({ years: repositoryOfficialCalendar() });
    expect(['2026-10-01', '2026-10-04', '2026-10-07'].map(calendar.isWorkingDay)).toEqual([false, false, false]);
    expect(calendar.isWorkingDay('2026-10-10')).toBe(true);

    const outcome = await run('interview', stepInput(steps.interview, { plannedOn: '2026-09-30' }));

    expect(outcome.recipient).toBe('天津市第七技工学校 王校长');
    expect(outcome.message).toContain('约谈通知\n天津市第七技工学校 王校长：');
    expect(outcome.message).toContain('天津市人力资源和社会保障局定于2026年10月10日（星期六）09:30进行约谈');
    const kept = await records.get(outcome.recordId!);
    expect(kept?.details).toEqual({
      kind: 'interview',
      interviewee: '天津市第七技工学校 王校长',
      proposedAt: '2026-10-10T01:30:00.000Z',
      proposedAtText: '2026年10月10日（星期六）09:30',
    });
  });

  it('interview: without a known head, the interview is with the unit’s 主要负责人', async () => {
    const { unitHead: _unitHead, ...withoutHead } = hazard;
    const outcome = await run('interview', stepInput(steps.interview, { item: withoutHead, plannedOn: '2026-06-15' }));
    expect(outcome.recipient).toBe('天津市第七技工学校 主要负责人');
    expect(outcome.message).toContain('定于2026年6月18日（星期四）09:30进行约谈');
  });

  it('listed supervision: keeps a supervision record with its tracking interval', async () => {
    const outcome = await run('listed-supervision', stepInput(steps.supervision, { plannedOn: '2026-10-05' }));
    expect(outcome.recipient).toBe('天津市第七技工学校');
    expect(outcome.message).toContain('决定自2026年10月5日起对天津市第七技工学校实训楼消防通道堵塞挂牌督办，每5个工作日跟踪检查一次，直至整改销号。');
    expect((await records.get(outcome.recordId!))?.details).toEqual({
      kind: 'supervision',
      listedOn: '2026-10-05',
      trackEvery: { days: 5, unit: 'working' },
    });
  });

  it('public exposure: the item appears on the public exposure list once delivered', async () => {
    const { exposures } = database.store;
    expect(await exposures.listPublished({ campaignId: campaign.id })).toEqual([]);
    const outcome = await run('public-exposure', stepInput(steps.exposure));

    expect(await exposures.listPublished({ campaignId: campaign.id })).toEqual([
      {
        id: outcome.recordId,
        campaignId: campaign.id,
        campaign: '技工院校安全生产专项整治三年行动',
        jurisdiction: 'CN/tianjin',
        unit: '天津市第七技工学校',
        item: '实训楼消防通道堵塞',
        dueOn: '2026-09-20',
        exposedAt: outcome.performedAt,
        channel: 'government-website',
        text: '曝光：天津市第七技工学校安全隐患“实训楼消防通道堵塞”逾期10天未整改。',
        withdrawal: null,
      },
    ]);
    expect(outcome.recipient).toBe('社会公众');
    expect(await exposures.listPublished({ campaignId: 'another-campaign' })).toEqual([]);
    // The step did not ask for withdrawal once the item is settled: the record says so.
    expect((await database.store.records.get(outcome.recordId!))?.details).toMatchObject({ kind: 'exposure', withdrawWhenClosed: false });
  });

  it('the same idempotency key twice: the webhook receives it once, the second call reports already-delivered', async () => {
    const input = stepInput(steps.reminder);
    const first = await run('reminder', input);
    const second = await run('reminder', input);

    expect(first.outcome).toBe('delivered');
    expect(first.message).toBe('天津市第七技工学校：隐患“实训楼消防通道堵塞”应于2026年9月20日前整改到位，请抓紧落实。');
    expect(second).toEqual({ ...first, outcome: 'already-delivered' });
    expect(second.performedAt).toBe(first.performedAt);
    expect(recipient.deliveries.map((d) => d.idempotencyKey)).toEqual([input.idempotencyKey]);
    expect(await records.list({ jurisdiction: campaign.jurisdiction, workflowId: input.workflowId, limit: 10 })).toHaveLength(1);
  });

  it('two workers taking the same step at once keep one record, send its text and agree on its delivery', async () => {
    const input = stepInput(steps.notice);
    const otherWorker = activitiesDelivering(createWebhookChannel({ url: recipient.url, timeoutMs: 2_000 }));
    const [a, b] = await Promise.all([run('notice', input), runActivity(otherWorker.notice, input)]);

    expect(a.recordId).toBe(b.recordId);
    expect(a.message).toBe(b.message);
    expect(a.performedAt).toBe(b.performedAt);
    expect(await records.list({ jurisdiction: campaign.jurisdiction, workflowId: input.workflowId, limit: 10 })).toHaveLength(1);
    // At least once: both may have sent; the recipient sees one message per Idempotency-Key.
    expect(recipient.deliveries.length).toBeGreaterThanOrEqual(1);
    expect(recipient.messages().map((d) => d.body.message)).toEqual([a.message]);
  });

  it('a 500 from the webhook fails the attempt retryably; the retry delivers the same text once', async () => {
    const input = stepInput(steps.notice);
    recipient.failNext(1, 500);
    const error = await run('notice', input).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(ApplicationFailure);
    expect((error as Error).message).toContain('answered 500');
    expect(recipient.deliveries).toHaveLength(0);
    const keptBeforeRetry = await records.get(recordIdFor('notice', input.idempotencyKey));
    expect(keptBeforeRetry?.delivery).toBeUndefined();

    const entries: LogEntry[] = [];
    const retried = await run('notice', input, entries);
    expect(retried.outcome).toBe('delivered');
    expect(retried.message).toBe(keptBeforeRetry?.message);
    expect(recipient.deliveries).toHaveLength(1);
    expect(recipient.deliveries[0]!.body.message).toBe(retried.message);
    expect(entries.map((e) => e.message)).toContain('通报 kept by an earlier attempt; delivering it');
  });

  it('a 429 is retried too: the recipient asks for later, not never', async () => {
    recipient.failNext(1, 429);
    const error = await run('reminder', stepInput(steps.reminder)).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(ApplicationFailure);
    expect((error as Error).message).toContain('answered 429');
  });

  it('a 400 from the webhook is a non-retryable RecipientRejected failure', async () => {
    recipient.failNext(1, 400);
    const error = await run('letter', stepInput({ ...steps.reminder, action: 'letter' })).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApplicationFailure);
    expect(error).toMatchObject({ type: ACTIVITY_ERROR_TYPES.recipientRejected, nonRetryable: true });
    expect((error as ApplicationFailure).message).toContain('answered 400');
  });

  it('an unreachable webhook fails retryably', async () => {
    const unreachable = activitiesDelivering(createWebhookChannel({ url: 'http://127.0.0.1:9/escalations', timeoutMs: 1_000 }));
    const error = await runActivity(unreachable.warning, stepInput({ ...steps.reminder, action: 'warning' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(ApplicationFailure);
  });

  it('a template placeholder without a value fails the step as InvalidEscalationStep, before anything is sent', async () => {
    const input = stepInput({ ...steps.reminder, template: '{{unit}}：请联系{{contact}}。' });
    const error = await run('reminder', input).catch((e: unknown) => e);

    expect(error).toMatchObject({ type: ACTIVITY_ERROR_TYPES.invalidEscalationStep, nonRetryable: true });
    expect((error as Error).message).toContain('{{contact}}');
    expect(recipient.deliveries).toHaveLength(0);
  });

  it('a step sent to the activity of another action is refused', async () => {
    const error = await run('notice', stepInput(steps.reminder)).catch((e: unknown) => e);
    expect(error).toMatchObject({ type: ACTIVITY_ERROR_TYPES.invalidEscalationStep });
    expect((error as Error).message).toContain('sent to the notice activity');
  });
});

describe('log channel', () => {
  it('writes the message through the activity logger and reports channel "log"', async () => {
    const entries: LogEntry[] = [];
    const logged = activitiesDelivering(createLogChannel());
    const outcome = await runActivity(logged.accountability, stepInput({ ...steps.reminder, action: 'accountability', template: '{{unit}}隐患“{{item}}”逾期{{overdueDays}}天未整改，建议追责问责。' }), entries);

    expect(outcome.channel).toBe('log');
    expect(outcome.message).toBe('天津市第七技工学校隐患“实训楼消防通道堵塞”逾期10天未整改，建议追责问责。');
    const delivered = entries.find((e) => e.message.startsWith('escalation accountability'));
    expect(delivered?.level).toBe('INFO');
    expect(delivered?.message).toBe('escalation accountability → 天津市第七技工学校');
    expect(delivered?.meta).toMatchObject({ message: outcome.message, recordId: outcome.recordId });
    expect(recipient.deliveries).toHaveLength(0);
  });
});
