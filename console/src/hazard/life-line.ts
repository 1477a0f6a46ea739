/**
 * A hazard's life line, read from its history: the closed loop 登记 → 整改 → 审核验收 → 销号
 * (→ 回头看) as steps with where it stands now, and every event — extensions, rejections,
 * escalations — on one dated line.
 */
import type { HazardDetail } from '../api/types';
import { beijingDate } from '../format';
import { HAZARD_EVENT_LABELS } from '../labels';

export type StepState = 'wait' | 'process' | 'finish' | 'error' | 'success';

export interface LifeStep {
  title: string;
  state: StepState;
  /** When the step was reached or done, or what it waits for. */
  description: string;
}

export interface LifeEvent {
  at: string;
  kind: 'history' | 'escalation';
  label: string;
  by?: string;
  detail?: string;
}

const lastAt = (detail: HazardDetail, ...events: string[]): string | undefined =>
  [...detail.history].reverse().find((entry) => events.includes(entry.event))?.at;

/** The Beijing date of an instant in the history. */
const day = (iso: string | undefined): string => (iso ? beijingDate(iso) : '');

export function lifeSteps(detail: HazardDetail): LifeStep[] {
  const { status } = detail;
  const rectifying = status === 'rectifying' || status === 'extension-requested';
  const submitted = lastAt(detail, 'rectification-submitted');
  const verified = lastAt(detail, 'verified-and-closed');
  const rejected = lastAt(detail, 'verification-rejected');
  const reinspected = lastAt(detail, 'reinspection-passed', 'reopened-by-reinspection');
  const closed = status === 'closed' || status === 'awaiting-reinspection';

  const steps: LifeStep[] = [
    { title: '登记', state: 'finish', description: detail.registeredOn },
    {
      title: '整改',
      state: rectifying ? (detail.overdue ? 'error' : 'process') : 'finish',
      description: rectifying ? `限 ${detail.dueOn} 前${detail.overdue ? '（已逾期）' : ''}` : `${day(submitted)} 提交`,
    },
    {
      title: '审核验收',
      state: status === 'verifying' ? 'process' : verified ? 'finish' : 'wait',
      description:
        status === 'verifying' ? '待主管部门审核' : verified ? `${day(verified)} 通过` : closed ? '无需审核' : rejected ? `${day(rejected)} 未通过，退回整改` : '',
    },
    { title: '销号', state: closed ? 'success' : 'wait', description: closed ? (detail.closedOn ?? day(verified ?? submitted)) : '' },
  ];
  if (status === 'awaiting-reinspection' || reinspected) {
    steps.push({
      title: '回头看',
      state: status === 'awaiting-reinspection' ? 'process' : status === 'closed' ? 'finish' : 'wait',
      description: status === 'awaiting-reinspection' ? `${detail.reinspectionDueOn ?? ''} 前` : day(reinspected),
    });
  }
  return steps;
}

/** Every accepted event and every escalation taken, newest first. */
export function lifeEvents(detail: HazardDetail): LifeEvent[] {
  const events: LifeEvent[] = [
    ...detail.history.map((entry) => ({
      at: entry.at,
      kind: 'history' as const,
      label: HAZARD_EVENT_LABELS[entry.event] ?? entry.event,
      ...(entry.by ? { by: entry.by } : {}),
      ...(entry.detail ? { detail: entry.detail } : {}),
    })),
    ...detail.escalationLog.map((entry) => ({
      at: entry.performedAt ?? entry.plannedAt,
      kind: 'escalation' as const,
      label: `督办：${entry.actionLabel}`,
      ...(entry.recipient ? { by: `送 ${entry.recipient}` } : {}),
      ...(entry.message ? { detail: entry.message } : {}),
    })),
  ];
  return events.sort((a, b) => b.at.localeCompare(a.at));
}
