/**
 * The hazard run's state decided apart from Temporal, on the 2030 campaign (time limit: 3 working
 * days; 2030-01-31 a holiday): the state a registration starts with, the day a hazard counts as
 * closed, and what a calendar update recounts and tells.
 */
import { describe, expect, it } from 'vitest';
import { createCalendar } from '../../definitions/calendar';
import type { OfficialYear } from '../../definitions/calendar-year.schema';
import { HazardStatus } from '../../workflows/hazard.contract';
import type { HazardStanding } from '../../workflows/hazard-ladder';
import { calendarChange, closedOnAfter } from '../../workflows/hazard-state';
import { REGISTERED_ON, ladder2030, registration } from './fixtures/ladder-2030';

const { rules, runCalendar, ladder, register } = ladder2030();
const hazardPolicy = rules.hazardPolicy!;
const start = (level: string, fields: Parameters<typeof registration>[0] = {}) => register(registration({ level, ...fields }));
/** 08:00 Beijing time on the registration day, as the run's clock shows it. */
const registeredAt = '2030-01-28T00:00:00.000Z';

describe('a hazard’s starting state', () => {
  it('sets the policy’s time limit from the registration day and writes the registration into the history', () => {
    const { state, actions } = start('ordinary');
    expect(state).toMatchObject({ registeredOn: REGISTERED_ON, closedOn: null, revision: 0, generation: 2, escalationLog: [], clockOffsetMs: 0 });
    // 01-29, 01-30, then 02-01: 01-31 is a holiday.
    expect(state.machine.context).toMatchObject({ dueOn: '2030-02-01', deadlines: ['2030-02-01'], stepsTaken: 0, listedSupervision: false, verificationBeforeClosing: true });
    expect(state.history).toEqual([
      { at: registeredAt, event: 'registered', by: '李主任', detail: '执法检查发现：配电室消防通道堵塞（教学楼一层配电室），限2030-02-01前整改', requestId: undefined },
    ]);
    expect(actions).toEqual([]);
  });

  it('puts a major hazard under listed supervision (挂牌督办) at once', () => {
    const { state, actions } = start('major');
    expect(state.machine.context).toMatchObject({ listedSupervision: true, underListedSupervision: true });
    expect(actions.map((a) => a.type)).toEqual(['placeUnderListedSupervision']);
  });

  it('keeps a time limit and a registration day the ledger gives', () => {
    const { state } = start('ordinary', { registeredOn: '2030-01-02', dueOn: '2030-01-10', requestId: 'req-1' });
    expect(state).toMatchObject({ registeredOn: '2030-01-02', machine: { context: { dueOn: '2030-01-10' } } });
    expect(state.history[0]).toMatchObject({ requestId: 'req-1', detail: expect.stringContaining('限2030-01-10前整改') });
  });
});

describe('the day a hazard counts as closed', () => {
  it('is the day it is first closed, kept while it stays closed, and none once 回头看 reopens it', () => {
    expect(closedOnAfter(HazardStatus.verifying, HazardStatus.closed, null, '2030-02-03')).toBe('2030-02-03');
    expect(closedOnAfter(HazardStatus.verifying, HazardStatus.awaitingReinspection, null, '2030-02-03')).toBe('2030-02-03');
    expect(closedOnAfter(HazardStatus.awaitingReinspection, HazardStatus.closed, '2030-02-03', '2030-03-01')).toBe('2030-02-03');
    expect(closedOnAfter(HazardStatus.awaitingReinspection, HazardStatus.rectifying, '2030-02-03', '2030-03-01')).toBeNull();
    expect(closedOnAfter(HazardStatus.rectifying, HazardStatus.verifying, null, '2030-02-01')).toBeNull();
  });
});

describe('a calendar update of a hazard', () => {
  const registered = start('ordinary').state;
  const standing = (fields: Partial<HazardStanding['context']> = {}): HazardStanding => ({
    status: HazardStatus.rectifying,
    context: { ...registered.machine.context, ...fields },
    registeredOn: registered.registeredOn,
  });
  /** A made-up official 2030 for these tests only (as calendar-update.workflow.test.ts has). */
  const with2030 = (holidays: OfficialYear['holidays']) => ({ ...runCalendar, years: [...runCalendar.years, { year: 2030, source: '测试用假设安排（非国务院公布）', holidays, workingDays: [] }] });
  const years = (calendar: ReturnType<typeof with2030>) => calendar.years.map((y) => y.year).join('、');
  const change = (calendar: ReturnType<typeof with2030>, at: HazardStanding, today: string, reason?: string) =>
    calendarChange({ before: ladder(), after: ladder(2, createCalendar(calendar)) }, at, { hazard: registration(), hazardPolicy, today }, { calendar, reason });

  it('moves the rungs still to come and says which; a time limit that lands on the same day stays', () => {
    const calendar = with2030([{ name: '测试假期', from: '2030-02-04', to: '2030-02-08' }]);
    expect(change(calendar, standing(), '2030-01-29')).toEqual({ dueOn: '2030-02-01', detail: `工作日日历更新为${years(calendar)}年官方安排：约谈由2030-02-05改为2030-02-12` });
  });

  it('recounts a time limit the policy set, still to come, and every rung with it', () => {
    const calendar = with2030([{ name: '测试假期', from: '2030-01-29', to: '2030-01-30' }]);
    // 01-29 to 01-31 off: 02-01, Saturday 02-02 (调休), 02-04.
    expect(change(calendar, standing(), '2030-01-28', '国务院公布2030年节假日安排')).toEqual({
      dueOn: '2030-02-04',
      detail:
        `工作日日历更新为${years(calendar)}年官方安排：整改期限由2030-02-01改为2030-02-04；督促提醒由2030-01-30改为2030-02-02；` +
        '通报由2030-02-02改为2030-02-05；约谈由2030-02-05改为2030-02-07；曝光由2030-02-11改为2030-02-14。国务院公布2030年节假日安排',
    });
  });

  it('keeps an extended time limit, and one already passed', () => {
    const calendar = with2030([{ name: '测试假期', from: '2030-01-29', to: '2030-01-30' }]);
    expect(change(calendar, standing({ deadlines: ['2030-02-01', '2030-02-15'], dueOn: '2030-02-15', stepsTaken: 3 }), '2030-02-05').dueOn).toBe('2030-02-15');
    expect(change(calendar, standing({ stepsTaken: 4 }), '2030-02-12')).toEqual({ dueOn: '2030-02-01', detail: `工作日日历更新为${years(calendar)}年官方安排：期限和督促安排不变` });
  });
});
