// The documents name whom a step on the unit tree addresses: 逐级约谈 summons the parent's head.
import { describe, expect, it } from 'vitest';
import { DEFAULT_INTERVIEW_SCHEDULING, PREPARE_STEP, audienceRecipient } from '../../activities/escalation.documents';
import { repositoryOfficialCalendar } from '../../definitions/load';
import { stepInput } from './escalation-fixtures';

const context = { officialCalendar: repositoryOfficialCalendar(), interview: DEFAULT_INTERVIEW_SCHEDULING };
const street = { id: 'xiangfu-street', name: '祥符街道', head: '张主任' };

describe('audiences on the unit tree', () => {
  it('an interview of the parent unit head names the parent and its head in the record', () => {
    const input = stepInput(
      { action: 'interview', offset: { days: 5, unit: 'working' }, audience: 'parent-unit', interviewee: 'parent-unit-head', template: '约谈{{unit}}上级单位主要负责人。' },
      { addressees: { audience: street, interviewee: street } },
    );
    const prepared = PREPARE_STEP.interview(input as Parameters<typeof PREPARE_STEP.interview>[0], context);
    expect(prepared.recipient).toBe('祥符街道 张主任');
    expect(prepared.details).toMatchObject({ kind: 'interview', interviewee: '祥符街道 张主任' });
    expect(prepared.message).toContain('祥符街道 张主任：');
  });

  it('without a parent on the tree the words still say whom the definition meant; old audiences are unchanged', () => {
    const step = { action: 'letter', offset: { days: 1, unit: 'calendar' }, audience: 'parent-unit', template: 't' } as const;
    expect(audienceRecipient(stepInput(step), 'parent-unit')).toBe('天津市第七技工学校的上级单位');
    expect(audienceRecipient(stepInput(step), 'sector-department')).toBe('天津市第七技工学校的行业主管部门');
    expect(audienceRecipient(stepInput(step), 'unit-head')).toBe('天津市第七技工学校 王校长');
    expect(audienceRecipient(stepInput(step, { addressees: { audience: street } }), { unit: 'xiangfu-street' })).toBe('祥符街道');
  });
});
