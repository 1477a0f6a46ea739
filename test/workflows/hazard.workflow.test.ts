/**
 * The hazard run on the time-skipping server: a hazard left open climbs its ladder on the exact
 * dates of the campaign's calendar (working days skip its holiday and honour its 调休 Saturday),
 * closing or verification stops the ladder at once, an approved extension moves the rest of it, and
 * a worker stopped mid-ladder delivers every step exactly once. Escalations reach a real webhook.
 */
import type { WorkflowHandle } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import { afterEach, describe, expect, it } from 'vitest';
import {
  HAZARD_VIEW_MEMO_KEY,
  decideExtensionUpdate,
  hazardViewQuery,
  requestExtensionUpdate,
  submitRectificationUpdate,
  verifyRectificationUpdate,
  type HazardView,
} from '../../workflows/hazard.messages';
import { searchAttributeKeys } from '../../workflows/search-attributes.contract';
import { hazardWorkflow } from '../../workflows/hazard.workflow';
import { recordHistory } from '../helpers/histories';
import { timeSkippingSuite } from '../helpers/time-skipping-suite';
import { ladder2030, registration } from './fixtures/ladder-2030';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Monday 2030-01-28, 08:00 Beijing time: the hazard is registered then; it falls due 2030-02-01. */
const REGISTERED_AT = '2030-01-28T08:00:00+08:00';
const at0900 = (date: string): string => new Date(`${date}T09:00:00+08:00`).toISOString();

describe('hazard workflow (time-skipping server)', () => {
  const suite = timeSkippingSuite('hazards');
  const { definition, rules } = ladder2030();
  /** A worker of the engine on this test's queue, sharing the file's database (as a restarted process would). */
  const engineWorker = async (options: { stickyCache?: boolean } = {}): Promise<Worker> => (await suite.engineWorker(options)).worker;

  afterEach(async () => {
    // A run left open without its worker would hold the shared server's clock still for the next test.
    await Promise.all(started.splice(0).map((handle) => handle.terminate('test finished').catch(() => undefined)));
  });

  const started: WorkflowHandle[] = [];
  const start = async (hazardId: string, level = 'ordinary', dueOn?: string) => {
    const handle = await suite.env.client.workflow.start(hazardWorkflow, {
      workflowId: hazardId,
      taskQueue: suite.taskQueue,
      args: [{ rules, hazard: registration({ hazardId, level, ...(dueOn ? { dueOn } : {}) }), simulation: { startAt: REGISTERED_AT } }],
    });
    started.push(handle);
    return handle;
  };

  it('climbs every rung of the ladder on its date while the hazard stays open', async () => {
    const view = await (await engineWorker()).runUntil(async () => {
      const handle = await start('hazard-left-open');
      await suite.env.sleep(20 * DAY);
      await recordHistory(handle, 'hazard-left-open');
      return handle.query(hazardViewQuery);
    });

    expect(view).toMatchObject({ status: 'rectifying', dueOn: '2030-02-01', overdue: true, escalationStage: 'public-exposure', nextEscalation: null });
    expect(view.escalationLog.map((entry) => [entry.action, entry.plannedAt, entry.outcome])).toEqual([
      ['reminder', at0900('2030-01-30'), 'delivered'], // 1 working day before the due date: 01-31 is a holiday
      ['notice', at0900('2030-02-02'), 'delivered'], // 1 working day after: Saturday 02-02 is a 调休 working day
      ['interview', at0900('2030-02-05'), 'delivered'], // 3 working days after: 02-02, 02-04, 02-05
      ['public-exposure', at0900('2030-02-11'), 'delivered'], // 10 calendar days after
    ]);
    for (const entry of view.escalationLog) {
      expect(Date.parse(entry.performedAt!) - Date.parse(entry.plannedAt)).toBeLessThan(HOUR);
    }
    expect(suite.recipient.messages().map((m) => m.body.action)).toEqual(['reminder', 'notice', 'interview', 'public-exposure']);
    expect(String(suite.recipient.messages()[1]!.body.message)).toContain('第七中学');
  });

  it('a hazard registered already past its time limit escalates from the day it was registered, never back-dated', async () => {
    const view = await (await engineWorker()).runUntil(async () => {
      const handle = await start('hazard-from-old-ledger', 'ordinary', '2030-01-10');
      await suite.env.sleep(20 * DAY);
      await recordHistory(handle, 'hazard-registered-past-due');
      return handle.query(hazardViewQuery);
    });
    expect(view).toMatchObject({ dueOn: '2030-01-10', overdue: true, registeredOn: '2030-01-28' });
    // Counted from Monday 01-28: the reminder one working day before (01-25) is passed over, not sent late.
    expect(view.escalationLog.map((entry) => [entry.action, entry.plannedAt])).toEqual([
      ['notice', at0900('2030-01-29')],
      ['interview', at0900('2030-02-01')], // 01-29, 01-30, then 02-01: 01-31 is a holiday
      ['public-exposure', at0900('2030-02-07')],
    ]);
    // The documents state the real time limit and how long it has been missed.
    expect(view.escalationLog[0]!.message).toContain('2030年1月10日');
    expect(view.escalationLog[1]!.message).toContain('逾期22天');
    // The ladder on calendar dates, as the hazard's page shows it: the reminder was passed over.
    expect(view.ladder.map((rung) => [rung.actionLabel, rung.on, rung.state])).toEqual([
      ['督促提醒', '2030-01-25', 'passed-over'],
      ['通报', '2030-01-29', 'taken'],
      ['约谈', '2030-02-01', 'taken'],
      ['曝光', '2030-02-07', 'taken'],
    ]);
  });

  it('puts a major hazard under listed supervision (挂牌督办) when it is registered', async () => {
    const view = await (await engineWorker()).runUntil(async () => {
      const handle = await start('hazard-major', 'major');
      await suite.env.sleep(HOUR);
      return handle.query(hazardViewQuery);
    });
    expect(view.underListedSupervision).toBe(true);
    expect(view.escalationLog.map((entry) => [entry.action, entry.ladderId])).toEqual([['listed-supervision', 'hazard-policy:major']]);
    expect(view.escalationLog[0]!.message).toContain('挂牌督办');
  });

  it('stops escalating the moment the rectification is submitted, and closes (销号) on verification', async () => {
    const { before, afterWaiting, result } = await (await engineWorker()).runUntil(async () => {
      const handle = await start('hazard-fixed-late');
      await suite.env.sleep(6 * DAY + 4 * HOUR); // 2030-02-03 12:00: reminder and notice taken
      const before = await handle.executeUpdate(submitRectificationUpdate, {
        args: [{ evidence: ['整改后照片.jpg'], note: '已清理通道', by: '李主任' }],
      });
      await suite.env.sleep(20 * DAY); // past every remaining rung
      const afterWaiting = await handle.query(hazardViewQuery);
      await handle.executeUpdate(verifyRectificationUpdate, { args: [{ passed: true, verifier: '区应急管理局' }] });
      const result = await handle.result();
      await recordHistory(handle, 'hazard-closed-between-steps');
      return { before, afterWaiting, result };
    });
    expect(before.status).toBe('verifying');
    expect(afterWaiting.escalationLog.map((entry) => entry.action)).toEqual(['reminder', 'notice']);
    expect(result.status).toBe('closed');
    expect(result.escalationLog.map((entry) => entry.action)).toEqual(['reminder', 'notice']);
    expect(result.history.map((entry) => entry.event)).toEqual(['registered', 'rectification-submitted', 'verified-and-closed']);
    expect(suite.recipient.messages()).toHaveLength(2);
  });

  it('keeps its current view in its memo at every change, stamped with StateChangedAt, for readers that do not query it', async () => {
    const published = async (handle: WorkflowHandle) => {
      const description = await handle.describe();
      return { view: description.memo?.[HAZARD_VIEW_MEMO_KEY] as HazardView, changedAt: description.typedSearchAttributes.get(searchAttributeKeys.StateChangedAt) };
    };
    const { registered, escalated, submitted, queried } = await (await engineWorker()).runUntil(async () => {
      const handle = await start('hazard-published');
      await suite.env.sleep(HOUR);
      const registered = await published(handle);
      await suite.env.sleep(2 * DAY + 2 * HOUR); // 2030-01-30 11:00: the reminder has been taken
      const escalated = await published(handle);
      await handle.executeUpdate(submitRectificationUpdate, { args: [{ evidence: ['整改后照片.jpg'], by: '李主任' }] });
      return { registered, escalated, submitted: await published(handle), queried: await handle.query(hazardViewQuery) };
    });
    expect(registered.view).toMatchObject({ status: 'rectifying', jurisdiction: definition.jurisdiction, escalationLog: [], overdue: false });
    expect(escalated.view.escalationLog.map((entry) => entry.action)).toEqual(['reminder']);
    expect(escalated.view.revision).toBeGreaterThan(registered.view.revision);
    expect(escalated.changedAt!.getTime()).toBeGreaterThan(registered.changedAt!.getTime());
    expect(submitted.view).toMatchObject({ status: 'verifying', statusLabel: '待审核验收' });
    expect(registered.view.ladder.map((rung) => rung.state)).toEqual(['upcoming', 'upcoming', 'upcoming', 'upcoming']);
    expect(submitted.view.ladder.map((rung) => rung.state)).toEqual(['taken', 'not-needed', 'not-needed', 'not-needed']);
    expect(submitted.view.revision).toBeGreaterThan(escalated.view.revision);
    // What a reader finds in the memo is what the run answers when queried.
    expect(submitted.view).toEqual(queried);
  });

  it('refuses an update the hazard cannot take in its state', async () => {
    await (await engineWorker()).runUntil(async () => {
      const handle = await start('hazard-refusal');
      await expect(
        handle.executeUpdate(verifyRectificationUpdate, { args: [{ passed: true, verifier: '区应急管理局' }] }),
      ).rejects.toMatchObject({ cause: { message: expect.stringMatching(/隐患当前状态为“整改中”，不能执行此操作/) } });
    });
  });

  it('moves the remaining rungs when an extension is approved', async () => {
    const view = await (await engineWorker()).runUntil(async () => {
      const handle = await start('hazard-extended');
      await suite.env.sleep(3 * DAY + 4 * HOUR); // 2030-01-31 12:00: the reminder has been taken
      await handle.executeUpdate(requestExtensionUpdate, { args: [{ requestedDueOn: '2030-02-15', reason: '防火门到货延迟', by: '李主任' }] });
      const approved = await handle.executeUpdate(decideExtensionUpdate, { args: [{ approved: true, approver: '区应急管理局' }] });
      expect(approved.dueOn).toBe('2030-02-15');
      await suite.env.sleep(30 * DAY);
      await recordHistory(handle, 'hazard-extension-approved');
      return handle.query(hazardViewQuery);
    });
    expect(view.deadlines).toEqual(['2030-02-01', '2030-02-15']);
    expect(view.ladder.map((rung) => [rung.action, rung.on, rung.state])).toEqual([
      ['reminder', '2030-01-30', 'taken'],
      ['notice', '2030-02-18', 'taken'],
      ['interview', '2030-02-20', 'taken'],
      ['public-exposure', '2030-02-25', 'taken'],
    ]);
    expect(view.escalationLog.map((entry) => [entry.action, entry.plannedAt])).toEqual([
      ['reminder', at0900('2030-01-30')],
      ['notice', at0900('2030-02-18')], // 1 working day after Friday 02-15
      ['interview', at0900('2030-02-20')],
      ['public-exposure', at0900('2030-02-25')],
    ]);
    expect(view.history.map((entry) => entry.event)).toContain('escalation-replanned');
  });

  it('delivers each step exactly once when the worker is stopped mid-ladder and started again', async () => {
    // Without a sticky cache, the restarted worker picks the run up at once from the shared queue.
    const handle = await (await engineWorker({ stickyCache: false })).runUntil(async () => {
      const started = await start('hazard-worker-restart');
      await suite.env.sleep(6 * DAY + 4 * HOUR); // reminder and notice delivered
      return started;
    });
    expect(suite.recipient.messages().map((m) => m.body.action)).toEqual(['reminder', 'notice']);

    const view = await (await engineWorker({ stickyCache: false })).runUntil(async () => {
      await suite.env.sleep(20 * DAY);
      return handle.query(hazardViewQuery);
    });
    expect(view.escalationLog.map((entry) => entry.action)).toEqual(['reminder', 'notice', 'interview', 'public-exposure']);
    const keys = suite.recipient.deliveries.map((d) => d.idempotencyKey);
    expect(keys).toHaveLength(4);
    expect(new Set(keys).size).toBe(4);
  });
});
