/** A hazard's life line as the console draws it, from the hazard's own view and history. */
import { describe, expect, it } from 'vitest';
import type { HazardDetail } from '../../console/src/api/types';
import { lifeEvents, lifeSteps } from '../../console/src/hazard/life-line';

const base: HazardDetail = {
  ref: 'hazard:x@CN.test:H-1',
  campaignRunId: 'x@CN.test',
  hazard: {
    hazardId: 'H-1',
    level: 'major',
    description: '锅炉房安全阀未校验',
    location: '后勤楼',
    unitId: 'school-7',
    unitName: '第七中学',
    responsiblePerson: '李主任',
    discoveredThrough: 'self-inspection',
  },
  campaignId: 'x',
  jurisdiction: 'CN/test',
  revision: 1,
  status: 'rectifying',
  statusLabel: '整改中',
  dueOn: '2026-06-30',
  deadlines: ['2026-06-30'],
  overdue: false,
  underListedSupervision: false,
  escalationStage: null,
  nextEscalation: null,
  ladder: [],
  reinspectionDueOn: null,
  extensionRequest: null,
  escalationLog: [],
  history: [{ at: '2026-06-01T02:00:00.000Z', event: 'registered', by: '李主任' }],
  registeredOn: '2026-06-01',
  closedOn: null,
};

const states = (detail: HazardDetail) => lifeSteps(detail).map((step) => `${step.title}:${step.state}`);

describe('lifeSteps', () => {
  it('a hazard being rectified: 登记 done, 整改 under way (in red once overdue)', () => {
    expect(states(base)).toEqual(['登记:finish', '整改:process', '审核验收:wait', '销号:wait']);
    expect(states({ ...base, overdue: true })).toEqual(['登记:finish', '整改:error', '审核验收:wait', '销号:wait']);
    expect(lifeSteps({ ...base, overdue: true })[1]!.description).toBe('限 2026-06-30 前（已逾期）');
  });

  it('verified and closed: every step done, with its day', () => {
    const closed: HazardDetail = {
      ...base,
      status: 'closed',
      closedOn: '2026-06-20',
      history: [
        ...base.history,
        { at: '2026-06-10T02:00:00.000Z', event: 'rectification-submitted', by: '李主任' },
        { at: '2026-06-20T02:00:00.000Z', event: 'verified-and-closed', by: '张科长' },
      ],
    };
    expect(lifeSteps(closed)).toEqual([
      { title: '登记', state: 'finish', description: '2026-06-01' },
      { title: '整改', state: 'finish', description: '2026-06-10 提交' },
      { title: '审核验收', state: 'finish', description: '2026-06-20 通过' },
      { title: '销号', state: 'success', description: '2026-06-20' },
    ]);
  });

  it('closed and awaiting its re-check: a fifth step, 回头看, under way', () => {
    const awaiting: HazardDetail = { ...base, status: 'awaiting-reinspection', reinspectionDueOn: '2026-09-20' };
    expect(states(awaiting)).toEqual(['登记:finish', '整改:finish', '审核验收:wait', '销号:success', '回头看:process']);
    expect(lifeSteps(awaiting)[2]!.description).toBe('无需审核');
  });

  it('sent back by the verifier: rectifying again, the rejection named', () => {
    const rejected: HazardDetail = { ...base, history: [...base.history, { at: '2026-06-12T02:00:00.000Z', event: 'verification-rejected', by: '张科长' }] };
    expect(lifeSteps(rejected)[2]).toEqual({ title: '审核验收', state: 'wait', description: '2026-06-12 未通过，退回整改' });
  });
});

describe('lifeEvents', () => {
  it('history and escalations on one line, newest first, in words', () => {
    const events = lifeEvents({
      ...base,
      history: [...base.history, { at: '2026-07-03T02:00:00.000Z', event: 'extension-requested', by: '李主任', detail: '申请延期至2026-07-31：设备到货晚' }],
      escalationLog: [
        {
          itemId: 'H-1',
          unitId: 'school-7',
          ladderId: 'overdue',
          stepIndex: 0,
          action: 'notice',
          actionLabel: '通报',
          plannedAt: '2026-06-30T16:00:00.000Z',
          performedAt: '2026-07-01T01:00:00.000Z',
          recipient: '全体单位',
          message: '通报：第七中学隐患逾期。',
          recordId: 'r1',
          outcome: 'delivered',
        },
      ],
    });
    expect(events.map((e) => [e.label, e.kind])).toEqual([
      ['申请延期', 'history'],
      ['督办：通报', 'escalation'],
      ['登记', 'history'],
    ]);
    expect(events[1]).toMatchObject({ by: '送 全体单位', detail: '通报：第七中学隐患逾期。' });
  });
});
