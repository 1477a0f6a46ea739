import { z } from 'zod';
import { DayOffset } from './calendar.schema';
import { Id, LocalizedText } from './common.schema';
import {
  AUDIENCE_LABELS,
  Audience,
  EscalationActionName,
  EXPOSURE_CHANNEL_LABELS,
  ExposureChannel,
  STEP_COLLECTION_LABELS,
  StepCollection,
  TEMPLATE_PLACEHOLDERS,
  describeVocabulary,
} from './vocabulary';

/** One of the named audiences, or a unit named by id. */
const AudienceField = z
  .union([
    z.enum(Audience).meta({ description: describeVocabulary(AUDIENCE_LABELS) }),
    z.strictObject({ unit: Id.meta({ description: '单位编号（organisation 中登记）' }) }).meta({ description: '指定单位' }),
  ])
  .meta({ description: `${describeVocabulary(AUDIENCE_LABELS)}；或 { unit: 单位编号 } 指定单位` });

const stepBase = {
  offset: DayOffset.meta({ description: '到期日之后第几天（负数为到期前提醒）' }),
  audience: AudienceField,
  template: z.string().min(1, { error: '消息模板不能为空' }).meta({ description: `消息模板，可用占位符：${TEMPLATE_PLACEHOLDERS.map((p) => `{{${p}}}`).join(' ')}` }),
  label: LocalizedText.optional(),
  collectBy: z
    .enum(StepCollection)
    .optional()
    .meta({ description: `${describeVocabulary(STEP_COLLECTION_LABELS)}；各事项仍各记此步` }),
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
      channel: z.enum(ExposureChannel).meta({ description: describeVocabulary(EXPOSURE_CHANNEL_LABELS) }),
      withdrawWhenClosed: z
        .boolean()
        .optional()
        .meta({ description: '事项了结后（隐患销号、逾期报送补报、节点确认）自动从曝光台撤下；默认保留，由业务人员撤下' }),
    }),
  ])
  .meta({ id: 'EscalationStep', description: '督促步骤：action 为 reminder 提醒 / letter 函告 / notice 通报 / warning 警示 / interview 约谈 / listed-supervision 挂牌督办 / public-exposure 曝光 / accountability 问责 / suspend-enrolment 暂停招生 / revoke-licence 取消办学资质' });
export type EscalationStep = z.infer<typeof EscalationStep>;

/** A named, ordered sequence of escalation steps. */
export const EscalationLadder = z
  .strictObject({
    name: LocalizedText,
    steps: z.array(EscalationStep).min(1, { error: '督促阶梯至少要有一个步骤' }),
  })
  .meta({ id: 'EscalationLadder', description: '督促阶梯' });
export type EscalationLadder = z.infer<typeof EscalationLadder>;
