import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import { hazardMachine, hazardStatusOf, type HazardMachineInput } from '../../workflows/hazard.machine';

const ordinary: HazardMachineInput = { dueOn: '2024-05-10', listedSupervision: false, verificationBeforeClosing: true, reinspection: false };
const major: HazardMachineInput = { dueOn: '2024-12-31', listedSupervision: true, verificationBeforeClosing: true, reinspection: true };

const actionTypes = (actions: Array<{ type: string }>) => actions.map((a) => a.type);

function run(input: HazardMachineInput, ...events: Parameters<typeof transition<typeof hazardMachine>>[2][]) {
  let [snapshot, actions] = initialTransition(hazardMachine, input);
  const all = [...actions];
  for (const event of events) {
    [snapshot, actions] = transition(hazardMachine, snapshot, event);
    all.push(...actions);
  }
  return { snapshot, actions: all, status: hazardStatusOf(snapshot.value) };
}

describe('hazard machine (登记 → 整改 → 审核 → 销号)', () => {
  it('starts rectifying; a major hazard goes under listed supervision (挂牌督办) at registration', () => {
    expect(run(ordinary)).toMatchObject({ status: 'rectifying', actions: [] });
    const registeredMajor = run(major);
    expect(registeredMajor.status).toBe('rectifying');
    expect(actionTypes(registeredMajor.actions)).toEqual(['placeUnderListedSupervision']);
    expect(registeredMajor.snapshot.context).toMatchObject({ underListedSupervision: true, escalationStage: 'listed-supervision' });
  });

  it('climbs the ladder one rung at a time and ignores a rung out of order', () => {
    const { snapshot, actions } = run(
      ordinary,
      { type: 'ESCALATION.STEP_DUE', stepIndex: 0, action: 'reminder' },
      { type: 'ESCALATION.STEP_DUE', stepIndex: 2, action: 'interview' },
      { type: 'ESCALATION.STEP_DUE', stepIndex: 1, action: 'notice' },
    );
    expect(snapshot.context).toMatchObject({ stepsTaken: 2, escalationStage: 'notice' });
    expect(actions.map((a) => [a.type, a.params])).toEqual([
      ['takeEscalationStep', { stepIndex: 0 }],
      ['takeEscalationStep', { stepIndex: 1 }],
    ]);
  });

  it('closes through verification, and a rejection sends it back to rectification', () => {
    const rejected = run(
      ordinary,
      { type: 'RECTIFICATION.SUBMITTED', evidence: ['整改照片.jpg'] },
      { type: 'VERIFICATION.REJECTED', verifier: '区应急局', reason: '照片不清晰' },
    );
    expect(rejected.status).toBe('rectifying');
    expect(rejected.snapshot.context.rejections).toBe(1);
    const closed = run(
      ordinary,
      { type: 'RECTIFICATION.SUBMITTED', evidence: ['整改照片.jpg'] },
      { type: 'VERIFICATION.PASSED', verifier: '区应急局' },
    );
    expect(closed.status).toBe('closed');
    expect(closed.snapshot.status).toBe('done');
  });

  it('takes no escalation step while verifying or once closed', () => {
    const verifying = run(ordinary, { type: 'RECTIFICATION.SUBMITTED', evidence: [] });
    expect(verifying.snapshot.can({ type: 'ESCALATION.STEP_DUE', stepIndex: 0, action: 'reminder' })).toBe(false);
    const [after, actions] = transition(hazardMachine, verifying.snapshot, { type: 'ESCALATION.STEP_DUE', stepIndex: 0, action: 'reminder' });
    expect(actions).toEqual([]);
    expect(after.context.stepsTaken).toBe(0);
  });

  it('moves the deadline on an approved extension and asks to re-plan; a denial keeps it', () => {
    const approved = run(
      ordinary,
      { type: 'EXTENSION.REQUESTED', requestedDueOn: '2024-06-10', reason: '设备到货延迟' },
      { type: 'EXTENSION.APPROVED', approver: '区应急局' },
    );
    expect(approved.snapshot.context).toMatchObject({ dueOn: '2024-06-10', deadlines: ['2024-05-10', '2024-06-10'], extensionRequest: null });
    expect(actionTypes(approved.actions)).toEqual(['replanEscalation']);
    const denied = run(
      ordinary,
      { type: 'EXTENSION.REQUESTED', requestedDueOn: '2024-06-10', reason: '设备到货延迟' },
      { type: 'EXTENSION.DENIED', approver: '区应急局', reason: '理由不充分' },
    );
    expect(denied.snapshot.context.dueOn).toBe('2024-05-10');
    expect(denied.status).toBe('rectifying');
  });

  it('refuses an extension that does not move the deadline later', () => {
    const { snapshot } = run(ordinary);
    expect(snapshot.can({ type: 'EXTENSION.REQUESTED', requestedDueOn: '2024-05-01', reason: 'x' })).toBe(false);
  });

  it('waits for the re-inspection (回头看) after closing, which may reopen it with a new deadline', () => {
    const awaiting = run(major, { type: 'RECTIFICATION.SUBMITTED', evidence: [] }, { type: 'VERIFICATION.PASSED', verifier: '市应急局' });
    expect(awaiting.status).toBe('awaiting-reinspection');
    const reopened = run(
      major,
      { type: 'RECTIFICATION.SUBMITTED', evidence: [] },
      { type: 'VERIFICATION.PASSED', verifier: '市应急局' },
      { type: 'REINSPECTION.FAILED', inspector: '市应急局', reason: '隐患反弹', newDueOn: '2025-03-31' },
    );
    expect(reopened.status).toBe('rectifying');
    expect(reopened.snapshot.context).toMatchObject({ dueOn: '2025-03-31', reopenings: 1 });
    const passed = run(
      major,
      { type: 'RECTIFICATION.SUBMITTED', evidence: [] },
      { type: 'VERIFICATION.PASSED', verifier: '市应急局' },
      { type: 'REINSPECTION.PASSED', inspector: '市应急局' },
    );
    expect(passed.status).toBe('closed');
  });

  it('keeps a snapshot that survives JSON and restores to the same state', () => {
    const { snapshot } = run(ordinary, { type: 'EXTENSION.REQUESTED', requestedDueOn: '2024-06-10', reason: 'r' });
    const persisted = JSON.parse(JSON.stringify({ value: snapshot.value, context: snapshot.context }));
    const restored = hazardMachine.resolveState(persisted);
    expect(hazardStatusOf(restored.value)).toBe('extension-requested');
    expect(restored.can({ type: 'EXTENSION.APPROVED', approver: 'x' })).toBe(true);
  });
});
