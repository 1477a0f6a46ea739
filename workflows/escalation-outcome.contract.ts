/**
 * What became of an escalation step, as a run's log keeps it and the API shows it: one vocabulary
 * for the workflows, the API's schemas and the console.
 */
export const ESCALATION_OUTCOMES = ['delivered', 'already-delivered', 'collected', 'failed'] as const;
export type EscalationOutcome = (typeof ESCALATION_OUTCOMES)[number];

export const ESCALATION_OUTCOME_LABELS: Record<EscalationOutcome, string> = {
  delivered: '已送达',
  'already-delivered': '已送达（重试未重复）',
  collected: '已列入集中行动（汇总发文）',
  failed: '送达失败',
};
