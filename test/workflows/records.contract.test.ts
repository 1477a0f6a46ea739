/** The pure mapping from run views to projection snapshots, shared by the runs and the rebuild. */
import { describe, expect, it } from 'vitest';
import type { CampaignView } from '../../workflows/campaign.messages';
import type { HazardView } from '../../workflows/hazard.messages';
import { campaignRevision, campaignSnapshot, hazardSnapshot } from '../../workflows/records.contract';

const view = (overrides: Partial<HazardView>): HazardView => ({
  hazard: {
    hazardId: 'JZ-001',
    level: 'major',
    description: '配电室消防通道堵塞',
    location: '教学楼一层',
    unitId: 'school-7',
    unitName: '第七中学',
    responsiblePerson: '李主任',
    discoveredThrough: 'self-inspection',
    measure: '清理通道',
  },
  campaignId: 'jizhou-2024',
  jurisdiction: 'CN/tianjin/jizhou',
  revision: 6,
  status: 'rectifying',
  statusLabel: '整改中',
  dueOn: '2026-03-31',
  deadlines: ['2026-02-20', '2026-03-31'],
  overdue: false,
  underListedSupervision: true,
  escalationStage: 'notice',
  nextEscalation: null,
  ladder: [],
  reinspectionDueOn: null,
  extensionRequest: null,
  escalationLog: [
    {
      itemId: 'JZ-001',
      unitId: 'school-7',
      ladderId: 'overdue-hazard',
      stepIndex: 0,
      action: 'notice',
      actionLabel: '通报',
      // 23:30 UTC is already the next day in Beijing.
      plannedAt: '2026-02-21T01:00:00.000Z',
      performedAt: '2026-02-21T23:30:00.000Z',
      recipient: '各有关单位',
      message: '通报',
      recordId: 'notice-1',
      outcome: 'delivered',
    },
  ],
  history: [
    { at: '2026-01-10T02:00:00.000Z', event: 'registered', by: '李主任' },
    { at: '2026-02-10T02:00:00.000Z', event: 'rectification-submitted', by: '李主任', detail: '第一次' },
    { at: '2026-02-11T02:00:00.000Z', event: 'verification-rejected', by: '张科长', detail: '不彻底' },
    { at: '2026-03-01T17:00:00.000Z', event: 'rectification-submitted', by: '李主任', detail: '第二次' },
  ],
  registeredOn: '2026-01-10',
  closedOn: null,
  timeZone: 'Asia/Shanghai',
  clockOffsetMs: 0,
  ...overrides,
});

describe('hazard snapshot', () => {
  it('an open hazard: no standing rectification, overdue from the start of the day after its time limit', () => {
    const snapshot = hazardSnapshot('hazard:jizhou-2024@CN.tianjin.jizhou:JZ-001', view({}));
    expect(snapshot).toMatchObject({
      revision: 6,
      campaignRunId: 'jizhou-2024@CN.tianjin.jizhou',
      firstDueOn: '2026-02-20',
      dueOn: '2026-03-31',
      measure: '清理通道',
      unitHead: null,
      rectification: null,
      verification: null,
      overdueFrom: '2026-03-31T16:00:00.000Z',
    });
    expect(snapshot.escalationSteps).toEqual([
      {
        itemKind: 'hazard',
        itemId: 'JZ-001',
        unitId: 'school-7',
        ladderId: 'overdue-hazard',
        stepIndex: 0,
        action: 'notice',
        plannedAt: '2026-02-21T01:00:00.000Z',
        performedAt: '2026-02-21T23:30:00.000Z',
        performedOn: '2026-02-22',
        outcome: 'delivered',
        recordId: 'notice-1',
      },
    ]);
  });

  it('the standing rectification is the last one submitted, on its Beijing day; a verification before it does not count', () => {
    const verifying = hazardSnapshot('h', view({ status: 'verifying' }));
    expect(verifying).toMatchObject({ overdueFrom: null, rectification: { on: '2026-03-02', by: '李主任', detail: '第二次' }, verification: null });

    const closed = hazardSnapshot(
      'h',
      view({ status: 'closed', closedOn: '2026-03-03', history: [...view({}).history, { at: '2026-03-03T02:00:00.000Z', event: 'verified-and-closed', by: '张科长' }] }),
    );
    expect(closed).toMatchObject({ rectification: { on: '2026-03-02' }, verification: { on: '2026-03-03', by: '张科长' }, closedOn: '2026-03-03' });
  });
});

describe('campaign snapshot', () => {
  const campaign = {
    campaignId: 'jizhou-2024',
    version: 2,
    title: '治本攻坚三年行动',
    jurisdiction: 'CN/tianjin/jizhou',
    status: 'running',
    currentPhase: { id: 'tackle', name: '集中攻坚', start: '2025-01-01', end: '2025-12-31' },
    today: '2025-04-20',
    clockOffsetMs: 3_600_000,
    adoptedOn: '2025-01-01',
    calendar: { years: [2025], revision: 0, missingYears: [] },
    phases: [],
    windows: [],
    milestones: [
      { milestoneId: 'm1', title: '清零', dueOn: '2025-12-31', state: 'upcoming', stateLabel: '未到期', owners: [], confirmedOn: null, confirmedBy: null, note: null, escalationStage: 'notice' },
    ],
    occurrences: [
      {
        occurrenceId: 'q:2025-Q1',
        dutyId: 'q',
        dutyTitle: '季度报告',
        periodLabel: '2025年第一季度',
        unitId: 'towns',
        unitName: '各乡镇',
        opensOn: '2025-04-01',
        dueOn: '2025-04-10',
        status: 'late',
        statusLabel: '逾期未报',
        submittedOn: null,
        escalationStage: null,
        escalateFrom: null,
      },
      {
        occurrenceId: 'q:2024-Q4',
        dutyId: 'q',
        dutyTitle: '季度报告',
        periodLabel: '2024年第四季度',
        unitId: 'towns',
        unitName: '各乡镇',
        opensOn: '2024-12-24',
        dueOn: '2024-12-31',
        status: 'before-adoption',
        statusLabel: '启用前到期',
        submittedOn: null,
        escalationStage: null,
        escalateFrom: null,
      },
    ],
    counts: { open: 0, late: 1, submitted: 0, beforeAdoption: 1, upcoming: 0 },
    escalationLog: [
      {
        itemId: 'm1',
        unitId: 'towns',
        ladderId: 'milestone-ladder',
        stepIndex: 0,
        action: 'notice',
        actionLabel: '通报',
        plannedAt: '2025-04-02T01:00:00.000Z',
        performedAt: '2025-04-02T01:00:01.000Z',
        recipient: '各乡镇',
        message: '通报',
        recordId: 'notice-9',
        outcome: 'delivered',
      },
    ],
    log: [
      { at: '2025-01-01T00:00:00.000Z', event: 'campaign-started', detail: '启动' },
      { at: '2025-04-01T00:00:00.000Z', event: 'duty-opened', detail: '开始' },
    ],
    earlierLines: { escalationLog: 0, log: 0 },
  } satisfies CampaignView;

  it('revision counts the log and the escalation log; an occurrence is late from the next day on the run’s clock, or never if it fell due before adoption', () => {
    expect(campaignRevision(campaign)).toBe(3);
    const snapshot = campaignSnapshot('campaign:jizhou-2024@CN.tianjin.jizhou', campaign, 'Asia/Shanghai');
    expect(snapshot).toMatchObject({ revision: 3, campaignRunId: 'jizhou-2024@CN.tianjin.jizhou', currentPhaseId: 'tackle', timeZone: 'Asia/Shanghai' });
    // 2025-04-11 00:00 Beijing is 2025-04-10T16:00Z; the run's clock is an hour ahead.
    expect(snapshot.occurrences.map((o) => [o.occurrenceId, o.lateFrom])).toEqual([
      ['q:2025-Q1', '2025-04-10T15:00:00.000Z'],
      ['q:2024-Q4', null],
    ]);
    expect(snapshot.milestones).toEqual([{ milestoneId: 'm1', title: '清零', dueOn: '2025-12-31', state: 'upcoming' }]);
    expect(snapshot.escalationSteps.map((s) => [s.itemKind, s.itemId, s.performedOn])).toEqual([['milestone', 'm1', '2025-04-02']]);
  });

  it('revision counts the lines left behind at a continue-as-new, so it still grows across runs', () => {
    const continued = { ...campaign, escalationLog: [], earlierLines: { escalationLog: 4000, log: 7 } };
    expect(campaignRevision(continued)).toBe(2 + 4000 + 7);
    expect(campaignSnapshot('w', continued, 'Asia/Shanghai')).toMatchObject({ revision: 4009, escalationSteps: [] });
  });
});
