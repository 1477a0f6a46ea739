/**
 * The hazard's ladder on the 2030 campaign's calendar (2030-01-31 a holiday, Saturday 02-02 a 调休
 * working day): the day it counts from, the next rung and its instant, and the ladder on dates that
 * the view shows. The dates are the ones hazard.workflow.test.ts sees the run take on the server.
 */
import { describe, expect, it } from 'vitest';
import type { EscalationLogEntry } from '../../workflows/escalation';
import { HazardStatus } from '../../workflows/hazard.contract';
import { ladderBase, ladderOnDates, rungAfter, rungsToCome, upcomingRung, type HazardStanding } from '../../workflows/hazard-ladder';
import { REGISTERED_ON, at0900, ladder2030, registration } from './fixtures/ladder-2030';

const { ladder, register } = ladder2030();
const started = (fields: Parameters<typeof registration>[0] = {}) => register(registration(fields)).state;
const standing = (fields: Partial<HazardStanding['context']> = {}, status: HazardStatus = HazardStatus.rectifying, registered = started()): HazardStanding => ({
  status,
  context: { ...registered.machine.context, ...fields },
  registeredOn: registered.registeredOn,
});
const logLine = (stepIndex: number, action: string, plannedOn: string): EscalationLogEntry => ({
  itemId: 'hazard-1',
  unitId: 'school-7',
  ladderId: 'overdue-hazard',
  stepIndex,
  action,
  actionLabel: action,
  plannedAt: new Date(at0900(plannedOn)).toISOString(),
  performedAt: new Date(at0900(plannedOn)).toISOString(),
  recipient: 'school-7',
  message: null,
  recordId: null,
  outcome: 'delivered',
});
const onDates = (rungs: ReturnType<typeof ladderOnDates>) => rungs.map((r) => [r.actionLabel, r.on, r.state]);

describe('a hazard’s ladder', () => {
  it('counts from the time limit; since generation 2 a hazard registered past it counts from its registration', () => {
    expect(ladderBase(ladder(2), REGISTERED_ON, '2030-02-01')).toBe('2030-02-01');
    expect(ladderBase(ladder(2), REGISTERED_ON, '2030-01-10')).toBe(REGISTERED_ON);
    expect(ladderBase(ladder(1), REGISTERED_ON, '2030-01-10')).toBe('2030-01-10');
  });

  it('takes each rung at 09:00 on its working day, and nothing but a reminder before the hazard is overdue', () => {
    const open = standing();
    expect(open.context.dueOn).toBe('2030-02-01');
    expect(upcomingRung(ladder(), open)).toMatchObject({ stepIndex: 0, step: { action: 'reminder' }, at: at0900('2030-01-30'), skip: false });
    expect([1, 2, 3].map((i) => rungAfter(ladder(), open, i)).map((r) => [r?.step.action, r?.at])).toEqual([
      ['notice', at0900('2030-02-02')], // Saturday 02-02 is a 调休 working day
      ['interview', at0900('2030-02-05')], // 02-02, 02-04, 02-05
      ['public-exposure', at0900('2030-02-11')], // 10 calendar days
    ]);
    expect(rungAfter(ladder(), open, 4)).toBeUndefined();
    // A measure planned on the due date itself waits for the instant the hazard turns overdue.
    const noticeOnDueDay = { ...ladder(), ladder: { ...ladder().ladder!, steps: [{ ...ladder().ladder!.steps[1]!, offset: { days: 0, unit: 'calendar' as const } }] } };
    expect(rungAfter(noticeOnDueDay, open, 0)?.at).toBe(Date.parse('2030-02-02T00:00:00+08:00'));
  });

  it('passes over a rung planned before an old ledger entry was registered', () => {
    const old = standing({}, HazardStatus.rectifying, started({ dueOn: '2030-01-10' }));
    expect(upcomingRung(ladder(), old)).toMatchObject({ stepIndex: 0, at: at0900('2030-01-25'), skip: true });
    expect(rungAfter(ladder(), old, 1)).toMatchObject({ step: { action: 'notice' }, at: at0900('2030-01-29'), skip: false });
  });

  it('has no next rung once the hazard is no longer being rectified', () => {
    expect(upcomingRung(ladder(), standing({}, HazardStatus.extensionRequested))?.stepIndex).toBe(0);
    expect(upcomingRung(ladder(), standing({}, HazardStatus.verifying))).toBeUndefined();
    expect(upcomingRung(ladder(), standing({}, HazardStatus.closed))).toBeUndefined();
  });

  it('shows the ladder on dates: a taken rung on the day it was planned for, the others counted from the time limit now', () => {
    // The reminder was taken on 01-30; then an extension to 02-15 moved the rest.
    const extended = standing({ dueOn: '2030-02-15', deadlines: ['2030-02-01', '2030-02-15'], stepsTaken: 1 });
    expect(onDates(ladderOnDates(ladder(), extended, [logLine(0, 'reminder', '2030-01-30')]))).toEqual([
      ['督促提醒', '2030-01-30', 'taken'],
      ['通报', '2030-02-18', 'upcoming'], // 1 working day after Friday 02-15
      ['约谈', '2030-02-20', 'upcoming'],
      ['曝光', '2030-02-25', 'upcoming'],
    ]);
    const old = standing({ stepsTaken: 2 }, HazardStatus.closed, started({ dueOn: '2030-01-10' }));
    expect(onDates(ladderOnDates(ladder(), old, [logLine(1, 'notice', '2030-01-29')]))).toEqual([
      ['督促提醒', '2030-01-25', 'passed-over'],
      ['通报', '2030-01-29', 'taken'],
      ['约谈', '2030-02-01', 'not-needed'],
      ['曝光', '2030-02-07', 'not-needed'],
    ]);
    expect(ladderOnDates({ ...ladder(), ladderId: undefined, ladder: undefined }, extended, [])).toEqual([]);
  });

  it('lists the rungs still to come, were the time limit another day', () => {
    expect(rungsToCome(ladder(), standing({ stepsTaken: 2 }), '2030-02-01')).toEqual([
      { label: '约谈', on: '2030-02-05' },
      { label: '曝光', on: '2030-02-11' },
    ]);
    expect(rungsToCome(ladder(), standing({ stepsTaken: 3 }), '2030-02-15')).toEqual([{ label: '曝光', on: '2030-02-25' }]);
  });
});
