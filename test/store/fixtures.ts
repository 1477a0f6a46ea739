/** Rows for the store tests: escalation records and hazard and campaign snapshots of one district. */
import type { CampaignSnapshot, EscalationRecord, EscalationStepFact, HazardSnapshot } from '../../store';
import { recordIdFor } from '../../store';

export const JIZHOU = 'CN/tianjin/jizhou';
export const RUN = 'jizhou-2024@CN.tianjin.jizhou';

export function escalationRecord(key: string, overrides: Partial<EscalationRecord> = {}): EscalationRecord {
  const action = overrides.action ?? 'notice';
  return {
    id: recordIdFor(action, key),
    idempotencyKey: key,
    action,
    workflowId: key.split('/')[0]!,
    ladderId: 'overdue-hazard',
    stepIndex: 1,
    campaign: { id: 'jizhou-2024', version: '1', title: '治本攻坚三年行动', authority: '蓟州区安委会', jurisdiction: JIZHOU },
    item: { kind: 'hazard', id: 'JZ-001', title: '配电室消防通道堵塞', unitId: 'school-7', unitName: '第七中学', dueOn: '2026-02-20' },
    plannedAt: '2026-03-02T01:00:00.000Z',
    recipient: '各有关单位',
    message: '通报正文',
    details: { kind: 'message' },
    keptAt: '2026-03-02T01:00:01.000Z',
    ...overrides,
  };
}

export function step(overrides: Partial<EscalationStepFact> = {}): EscalationStepFact {
  return {
    itemKind: 'hazard',
    itemId: 'JZ-001',
    unitId: 'school-7',
    ladderId: 'overdue-hazard',
    stepIndex: 0,
    action: 'notice',
    plannedAt: '2026-03-02T01:00:00.000Z',
    performedAt: '2026-03-02T01:00:03.000Z',
    performedOn: '2026-03-02',
    outcome: 'delivered',
    recordId: 'notice-1',
    ...overrides,
  };
}

export function hazard(hazardId: string, overrides: Partial<HazardSnapshot> = {}): HazardSnapshot {
  return {
    workflowId: `hazard:${RUN}:${hazardId}`,
    revision: 1,
    campaignRunId: RUN,
    campaignId: 'jizhou-2024',
    jurisdiction: JIZHOU,
    timeZone: 'Asia/Shanghai',
    hazardId,
    level: 'ordinary',
    description: '配电室消防通道堵塞',
    location: '教学楼一层',
    unitId: 'school-7',
    unitName: '第七中学',
    unitHead: '王校长',
    responsiblePerson: '李主任',
    discoveredThrough: 'self-inspection',
    measure: '清理通道杂物，设置禁止堆放标识',
    status: 'rectifying',
    registeredOn: '2026-01-10',
    firstDueOn: '2026-02-20',
    dueOn: '2026-02-20',
    rectification: null,
    verification: null,
    closedOn: null,
    overdueFrom: '2026-02-20T16:00:00.000Z',
    escalationStage: null,
    underListedSupervision: false,
    escalationSteps: [],
    ...overrides,
  };
}

export function campaign(overrides: Partial<CampaignSnapshot> = {}): CampaignSnapshot {
  return {
    workflowId: `campaign:${RUN}`,
    revision: 3,
    campaignRunId: RUN,
    campaignId: 'jizhou-2024',
    version: 1,
    title: '治本攻坚三年行动',
    jurisdiction: JIZHOU,
    status: 'running',
    currentPhaseId: 'consolidate',
    timeZone: 'Asia/Shanghai',
    occurrences: [],
    milestones: [{ milestoneId: 'clear-major', title: '重大隐患动态清零', dueOn: '2026-12-31', state: 'upcoming' }],
    escalationSteps: [],
    ...overrides,
  };
}
