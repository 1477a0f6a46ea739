/**
 * What each update of a hazard's closed loop feeds its machine and writes into its history, and the
 * refusal a 回头看 that finds problems gets without a new time limit after today.
 */
import { describe, expect, it } from 'vitest';
import { transition } from 'xstate';
import { hazardMachine } from '../../workflows/hazard.machine';
import { decideExtension, recordReinspection, requestExtension, submitRectification, verifyRectification } from '../../workflows/hazard-updates';
import { ladder2030 } from './fixtures/ladder-2030';

const { state } = ladder2030().register();
const registered = hazardMachine.resolveState(state.machine);

describe('the updates of a hazard', () => {
  it('a rectification submitted: its note and evidence in the history line', () => {
    const u = { evidence: ['整改照片.jpg', '验收单.pdf'], note: '已清理通道', by: '李主任' };
    expect(submitRectification.event(u)).toEqual({ type: 'RECTIFICATION.SUBMITTED', evidence: u.evidence, note: '已清理通道' });
    expect(submitRectification.entry(u, registered.context)).toEqual({ event: 'rectification-submitted', by: '李主任', detail: '已清理通道；整改照片.jpg；验收单.pdf' });
    expect(registered.can(submitRectification.event(u))).toBe(true);
  });

  it('a verification passes or rejects with its reason', () => {
    expect(verifyRectification.event({ passed: false, verifier: '区应急管理局', reason: '通道仍有杂物' })).toEqual({ type: 'VERIFICATION.REJECTED', verifier: '区应急管理局', reason: '通道仍有杂物' });
    expect(verifyRectification.entry({ passed: true, verifier: '区应急管理局' }, registered.context)).toEqual({ event: 'verified-and-closed', by: '区应急管理局', detail: undefined });
    // Nothing submitted yet: the machine refuses a verification.
    expect(registered.can(verifyRectification.event({ passed: true, verifier: '区应急管理局' }))).toBe(false);
  });

  it('an approved extension names the day requested, read before the approval clears the request', () => {
    const request = { requestedDueOn: '2030-02-15', reason: '防火门到货延迟', by: '李主任' };
    expect(requestExtension.entry(request, registered.context)).toEqual({ event: 'extension-requested', by: '李主任', detail: '申请延期至2030-02-15：防火门到货延迟' });
    const [requested] = transition(hazardMachine, registered, requestExtension.event(request));
    const approval = { approved: true, approver: '区应急管理局' };
    expect(decideExtension.entry(approval, requested.context)).toEqual({ event: 'extension-approved', by: '区应急管理局', detail: '整改期限延至2030-02-15' });
    const [approved] = transition(hazardMachine, requested, decideExtension.event(approval));
    expect(approved.context).toMatchObject({ dueOn: '2030-02-15', extensionRequest: null });
    expect(decideExtension.entry({ approved: false, approver: '区应急管理局', reason: '理由不充分' }, requested.context)).toEqual({ event: 'extension-denied', by: '区应急管理局', detail: '理由不充分' });
  });

  it('a 回头看 that finds problems needs a new time limit after today', () => {
    const failed = { passed: false, inspector: '区应急管理局', reason: '通道再次堵塞' };
    expect(recordReinspection.refusal!(failed, '2030-03-01')).toBe('回头看未通过时须给出今天之后的新整改期限（newDueOn）');
    expect(recordReinspection.refusal!({ ...failed, newDueOn: '2030-03-01' }, '2030-03-01')).toBe('回头看未通过时须给出今天之后的新整改期限（newDueOn）');
    expect(recordReinspection.refusal!({ ...failed, newDueOn: '2030-03-08' }, '2030-03-01')).toBeUndefined();
    expect(recordReinspection.refusal!({ passed: true, inspector: '区应急管理局' }, '2030-03-01')).toBeUndefined();
    expect(recordReinspection.event({ ...failed, newDueOn: '2030-03-08' })).toEqual({ type: 'REINSPECTION.FAILED', inspector: '区应急管理局', reason: '通道再次堵塞', newDueOn: '2030-03-08' });
    expect(recordReinspection.entry({ ...failed, newDueOn: '2030-03-08' }, registered.context)).toEqual({
      event: 'reopened-by-reinspection',
      by: '区应急管理局',
      detail: '回头看发现问题：通道再次堵塞，重新限2030-03-08前整改',
    });
  });
});
