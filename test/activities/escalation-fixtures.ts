/** Inputs for the escalation activity tests: one school, one overdue hazard, one ladder. */
import type { EscalationStep } from '../../definitions/escalation.schema';
import type { CampaignRef, EscalationStepInput, OverdueItem } from '../../activities/escalation.types';

export const campaign: CampaignRef = {
  id: 'tianjin-technical-schools-2020',
  version: '3',
  title: '技工院校安全生产专项整治三年行动',
  authority: '天津市人力资源和社会保障局',
  jurisdiction: 'CN/tianjin',
  timeZone: 'Asia/Shanghai',
};

export const hazard: OverdueItem = {
  kind: 'hazard',
  id: 'hz-0042',
  title: '实训楼消防通道堵塞',
  unitId: 'tj-tech-7',
  unitName: '天津市第七技工学校',
  unitHead: '王校长',
  dueOn: '2026-09-20',
  hazardLevel: 'major',
};

let serial = 0;

/** A step input against the hazard, planned for 10:00 Beijing time on `plannedOn`, with a fresh idempotency key. */
export function stepInput(step: EscalationStep, overrides: Partial<EscalationStepInput> & { plannedOn?: string } = {}): EscalationStepInput {
  const { plannedOn = '2026-09-30', ...rest } = overrides;
  serial += 1;
  const workflowId = `hazard-${campaign.id}-${hazard.id}-${serial}`;
  return {
    idempotencyKey: `${workflowId}/step-${serial}`,
    workflowId,
    campaign,
    item: hazard,
    stepIndex: 2,
    ladderId: 'hazard-default',
    step,
    plannedAt: `${plannedOn}T02:00:00.000Z`,
    overdueDays: 10,
    ...rest,
  };
}

export const steps = {
  reminder: { action: 'reminder', offset: { days: -3, unit: 'calendar' }, audience: 'responsible-unit', template: '{{unit}}：隐患“{{item}}”应于{{dueOn}}前整改到位，请抓紧落实。' },
  notice: { action: 'notice', offset: { days: 10, unit: 'calendar' }, audience: 'all-units', template: '通报：{{unit}}的隐患“{{item}}”应于{{dueOn}}前整改到位，已逾期{{overdueDays}}天。' },
  interview: { action: 'interview', offset: { days: 10, unit: 'working' }, audience: 'unit-head', interviewee: 'unit-head', template: '约谈{{unit}}主要负责人：隐患“{{item}}”逾期{{overdueDays}}天未整改。' },
  supervision: { action: 'listed-supervision', offset: { days: 15, unit: 'calendar' }, audience: 'responsible-unit', trackEvery: { days: 5, unit: 'working' }, template: '{{unit}}隐患“{{item}}”逾期未整改。' },
  exposure: { action: 'public-exposure', offset: { days: 20, unit: 'calendar' }, audience: 'public', channel: 'government-website', template: '曝光：{{unit}}安全隐患“{{item}}”逾期{{overdueDays}}天未整改。' },
} as const satisfies Record<string, EscalationStep>;
