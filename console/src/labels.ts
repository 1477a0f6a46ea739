/**
 * The console's own presentation: names of the events in a run's log, of run and phase states,
 * and which colour a status is shown in. The engine's vocabularies (hazard statuses, escalation
 * measures, discovery channels, roles) are not here: they come from GET /vocabulary (vocabulary.ts).
 */
type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger';

export const HAZARD_STATUS_TAGS: Record<string, TagType> = {
  rectifying: 'warning',
  'extension-requested': 'warning',
  verifying: 'primary',
  'awaiting-reinspection': 'success',
  closed: 'success',
};

export const CAMPAIGN_STATUS_LABELS: Record<string, string> = { pending: '未开始', running: '进行中', completed: '已结束' };
export const EXECUTION_STATUS_LABELS: Record<string, string> = {
  RUNNING: '运行中',
  COMPLETED: '已完成',
  FAILED: '失败',
  CANCELLED: '已取消',
  TERMINATED: '已终止',
  TIMED_OUT: '已超时',
  CONTINUED_AS_NEW: '已续跑',
  PAUSED: '已暂停',
};
export const PHASE_STATE_LABELS: Record<string, string> = { done: '已结束', current: '进行中', upcoming: '未开始' };
export const OCCURRENCE_STATUS_TAGS: Record<string, TagType> = { open: 'primary', late: 'danger', submitted: 'success', 'before-adoption': 'info' };
export const MILESTONE_STATE_TAGS: Record<string, TagType> = { upcoming: 'info', due: 'warning', overdue: 'danger', confirmed: 'success', 'before-adoption': 'info' };

/** The events a hazard run writes into its history (workflows/hazard.workflow.ts). */
export const HAZARD_EVENT_LABELS: Record<string, string> = {
  registered: '登记',
  'rectification-submitted': '提交整改',
  'verification-rejected': '审核不通过，退回整改',
  'verified-and-closed': '审核验收通过，销号',
  'extension-requested': '申请延期',
  'extension-approved': '批准延期',
  'extension-denied': '不予延期',
  'reinspection-passed': '回头看通过',
  'reopened-by-reinspection': '回头看发现问题，重新整改',
  'escalation-replanned': '督办按新期限重新排期',
};

/** The events a campaign run writes into its log (workflows/campaign.workflow.ts). */
export const CAMPAIGN_EVENT_LABELS: Record<string, string> = {
  'campaign-started': '行动启动',
  'phase-entered': '进入阶段',
  'campaign-completed': '行动结束',
  'duty-opened': '报送开始',
  'milestone-due': '节点到期',
  'duty-submitted': '完成报送',
  migrated: '迁移版本',
  'continued-as-new': '续跑',
};

// The engine's vocabulary (workflows/escalation-outcome.contract.ts), in the console's own bundle.
export const OUTCOME_LABELS: Record<string, string> = { delivered: '已送达', 'already-delivered': '已送达（重试未重复）', collected: '已列入集中行动（汇总发文）', failed: '送达失败' };
