import { z } from 'zod';
import { DayOffset } from './calendar.schema';
import { LocalizedText } from './common.schema';

/** The measures the notices name, roughly from mild to severe. */
export const EscalationActionName = {
  reminder: 'reminder',
  letter: 'letter',
  notice: 'notice',
  warning: 'warning',
  interview: 'interview',
  listedSupervision: 'listed-supervision',
  publicExposure: 'public-exposure',
  accountability: 'accountability',
  suspendEnrolment: 'suspend-enrolment',
  revokeLicence: 'revoke-licence',
} as const;

export const ESCALATION_ACTION_LABELS: Record<EscalationAction, string> = {
  reminder: '督促提醒',
  letter: '函告',
  notice: '通报',
  warning: '警示',
  interview: '约谈',
  'listed-supervision': '挂牌督办',
  'public-exposure': '曝光',
  accountability: '追责问责',
  'suspend-enrolment': '暂停招生',
  'revoke-licence': '取消办学资质',
};

export const Audience = {
  responsibleUnit: 'responsible-unit',
  unitHead: 'unit-head',
  supervisingDepartment: 'supervising-department',
  allUnits: 'all-units',
  leadingGroupOffice: 'leading-group-office',
  public: 'public',
} as const;
const AudienceField = z
  .enum(Audience)
  .meta({ description: 'responsible-unit 责任单位 / unit-head 单位主要负责人 / supervising-department 主管部门 / all-units 全体单位 / leading-group-office 领导小组办公室 / public 社会公众' });

/** Placeholders a message template may use; the workflow fills them per overdue item. */
export const TEMPLATE_PLACEHOLDERS = ['unit', 'item', 'dueOn', 'overdueDays', 'campaign', 'authority'] as const;

const stepBase = {
  offset: DayOffset.meta({ description: '到期日之后第几天（负数为到期前提醒）' }),
  audience: AudienceField,
  template: z.string().min(1, { error: '消息模板不能为空' }).meta({ description: `消息模板，可用占位符：${TEMPLATE_PLACEHOLDERS.map((p) => `{{${p}}}`).join(' ')}` }),
  label: LocalizedText.optional(),
};

const simpleActions = [
  EscalationActionName.reminder,
  EscalationActionName.letter,
  EscalationActionName.notice,
  EscalationActionName.warning,
  EscalationActionName.accountability,
  EscalationActionName.suspendEnrolment,
  EscalationActionName.revokeLicence,
] as const;

/** One rung of a ladder; interviews, listed supervision and exposure carry their own details. */
export const EscalationStep = z
  .discriminatedUnion('action', [
    z.strictObject({ action: z.enum(simpleActions), ...stepBase }),
    z.strictObject({
      action: z.literal(EscalationActionName.interview),
      ...stepBase,
      interviewee: AudienceField.default(Audience.unitHead).meta({ description: '约谈对象' }),
    }),
    z.strictObject({
      action: z.literal(EscalationActionName.listedSupervision),
      ...stepBase,
      trackEvery: DayOffset.optional().meta({ description: '挂牌期间跟踪检查的间隔' }),
    }),
    z.strictObject({
      action: z.literal(EscalationActionName.publicExposure),
      ...stepBase,
      channel: z.enum(['media', 'government-website', 'briefing']).meta({ description: 'media 新闻媒体 / government-website 政府网站 / briefing 情况通报会' }),
    }),
  ])
  .meta({ id: 'EscalationStep', description: '督促步骤：action 为 reminder 提醒 / letter 函告 / notice 通报 / warning 警示 / interview 约谈 / listed-supervision 挂牌督办 / public-exposure 曝光 / accountability 问责 / suspend-enrolment 暂停招生 / revoke-licence 取消办学资质' });
export type EscalationStep = z.infer<typeof EscalationStep>;
export type EscalationAction = EscalationStep['action'];

/** A named, ordered sequence of escalation steps. */
export const EscalationLadder = z
  .strictObject({
    name: LocalizedText,
    steps: z.array(EscalationStep).min(1, { error: '督促阶梯至少要有一个步骤' }),
  })
  .meta({ id: 'EscalationLadder', description: '督促阶梯' });
export type EscalationLadder = z.infer<typeof EscalationLadder>;
