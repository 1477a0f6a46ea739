/**
 * What a hazard run shows, built from its state on the 2030 campaign: where the hazard stands,
 * whether it is overdue at the instant read (from 00:00 after its time limit), the next rung, the
 * ladder on dates and the day of its 回头看.
 */
import { describe, expect, it } from 'vitest';
import { HazardStatus } from '../../workflows/hazard.contract';
import type { HazardStanding } from '../../workflows/hazard-ladder';
import { hazardView } from '../../workflows/hazard-view';
import { REGISTERED_ON, ladder2030, registration } from './fixtures/ladder-2030';

const { rules, ladder, register } = ladder2030();
const hazard = registration();
const { state } = register(hazard);
const standing = (status: HazardStatus = HazardStatus.rectifying): HazardStanding => ({ status, context: state.machine.context, registeredOn: state.registeredOn });
const nowMs = (instant: string) => ({ nowMs: Date.parse(instant), clockOffsetMs: 0 });

describe('a hazard’s view', () => {
  it('shows a hazard just registered: being rectified, not overdue, its reminder next, its whole ladder to come', () => {
    const view = hazardView({ rules, hazard }, state, ladder(), standing(), nowMs('2030-01-28T10:00:00+08:00'));
    expect(view).toMatchObject({
      hazard,
      campaignId: 'ladder-test-2030',
      jurisdiction: 'CN/test/district',
      revision: 0,
      status: 'rectifying',
      statusLabel: '整改中',
      dueOn: '2030-02-01',
      deadlines: ['2030-02-01'],
      overdue: false,
      underListedSupervision: false,
      escalationStage: null,
      nextEscalation: { stepIndex: 0, action: 'reminder', actionLabel: '督促提醒', at: '2030-01-30T01:00:00.000Z' },
      reinspectionDueOn: null,
      extensionRequest: null,
      history: state.history,
      registeredOn: REGISTERED_ON,
      closedOn: null,
      timeZone: 'Asia/Shanghai',
      clockOffsetMs: 0,
    });
    expect(view.ladder.map((r) => [r.action, r.on, r.state])).toEqual([
      ['reminder', '2030-01-30', 'upcoming'],
      ['notice', '2030-02-02', 'upcoming'],
      ['interview', '2030-02-05', 'upcoming'],
      ['public-exposure', '2030-02-11', 'upcoming'],
    ]);
  });

  it('is overdue from 00:00 after the time limit, judged on the run’s clock', () => {
    const at = (instant: string, clockOffsetMs = 0) => hazardView({ rules, hazard }, state, ladder(), standing(), { nowMs: Date.parse(instant), clockOffsetMs }).overdue;
    expect(at('2030-02-01T23:59:59+08:00')).toBe(false);
    expect(at('2030-02-02T00:00:00+08:00')).toBe(true);
    // A simulated run one day ahead of Temporal's time reaches 02-02 a day earlier in Temporal's time.
    expect(at('2030-02-01T00:00:00+08:00', 24 * 3_600_000)).toBe(true);
  });

  it('shows no next rung once closed, and the day of its 回头看 when the level asks for one', () => {
    const reinspected = {
      ...rules,
      hazardPolicy: { ...rules.hazardPolicy!, levels: { ...rules.hazardPolicy!.levels, ordinary: { ...rules.hazardPolicy!.levels.ordinary!, reinspectAfter: { days: 5, unit: 'working' as const } } } },
    };
    const closed = { ...state, closedOn: '2030-02-01', revision: 3 };
    const view = hazardView({ rules: reinspected, hazard }, closed, ladder(), standing(HazardStatus.awaitingReinspection), nowMs('2030-02-03T10:00:00+08:00'));
    // 5 working days after 02-01: Saturday 02-02 (调休), 02-04, 02-05, 02-06, 02-07.
    expect(view).toMatchObject({ status: 'awaiting-reinspection', statusLabel: '已销号，待回头看', overdue: false, nextEscalation: null, reinspectionDueOn: '2030-02-07', revision: 3 });
    expect(view.ladder.map((r) => r.state)).toEqual(['not-needed', 'not-needed', 'not-needed', 'not-needed']);
    expect(hazardView({ rules, hazard }, closed, ladder(), standing(HazardStatus.awaitingReinspection), nowMs('2030-02-03T10:00:00+08:00')).reinspectionDueOn).toBeNull();
  });
});
