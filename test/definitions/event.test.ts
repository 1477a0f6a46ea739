// Events: when the duty an event starts is due, and which reports are refused.
import { describe, expect, it } from 'vitest';
import { createCalendar } from '../../definitions/calendar';
import { eventDeadline, eventRefusal } from '../../definitions/event';
import { loadCampaignFile, repositoryOfficialCalendar } from '../../definitions/load';

const calendar = createCalendar({ years: repositoryOfficialCalendar() });
const loaded = loadCampaignFile(new URL('../../definitions/campaigns/004-linzi-hundred-days.yaml', import.meta.url).pathname, { officialCalendar: repositoryOfficialCalendar() });
if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
const def = loaded.definition;
const at = (iso: string) => Date.parse(iso);

describe('eventDeadline', () => {
  it('hours: a date and a time of day, rounded up to the minute, across midnight', () => {
    expect(eventDeadline({ hours: 2 }, at('2026-04-07T09:30:00+08:00'), 'Asia/Shanghai', calendar)).toEqual({ dueOn: '2026-04-07', dueTime: '11:30' });
    expect(eventDeadline({ hours: 2 }, at('2026-04-07T23:15:20+08:00'), 'Asia/Shanghai', calendar)).toEqual({ dueOn: '2026-04-08', dueTime: '01:16' });
  });

  it('working days: by the end of the day, over 清明 (2026-04-04 to 04-06)', () => {
    expect(eventDeadline({ days: 3, unit: 'working' }, at('2026-04-02T16:00:00+08:00'), 'Asia/Shanghai', calendar)).toEqual({ dueOn: '2026-04-08' });
    expect(eventDeadline({ days: 1, unit: 'calendar' }, at('2026-04-02T16:00:00+08:00'), 'Asia/Shanghai', calendar)).toEqual({ dueOn: '2026-04-03' });
  });
});

describe('eventRefusal', () => {
  const report = { type: 'major-accident', unitId: 'qilu-petrochem-park', sector: 'petrochemical', occurredAt: '2026-04-07T09:30:00+08:00', text: '储罐区起火' };
  const now = at('2026-04-07T10:00:00+08:00');
  it('accepts a report of a declared type for a unit of the campaign, by an operator or a unit', () => {
    expect(eventRefusal(def, report, now)).toBeUndefined();
    expect(eventRefusal(def, report, now, 'qilu-petrochem-park')).toBeUndefined();
  });

  it('refuses an unknown type, unit or sector, a reporter the type does not allow, a time ahead', () => {
    expect(eventRefusal(def, { ...report, type: 'flood' }, now)).toContain('本行动没有“flood”这类事件');
    expect(eventRefusal(def, { ...report, unitId: 'elsewhere' }, now)).toBe('单位“elsewhere”不是本行动的单位');
    expect(eventRefusal(def, { ...report, sector: 'mining' }, now)).toBe('行业领域“mining”不在本行动的 sectors 中');
    expect(eventRefusal(def, { ...report, type: 'major-hazard-found' }, now, 'jinshan-town')).toBe('单位“jinshan-town”不能报告“督查发现重大事故隐患”');
    expect(eventRefusal(def, { ...report, occurredAt: '2026-04-07T11:00:00+08:00' }, now)).toContain('晚于现在');
  });
});
