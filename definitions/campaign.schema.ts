import { z } from 'zod';
import { CampaignCalendar } from './calendar.schema';
import { Cadence } from './cadence.schema';
import { Id, LocalizedText } from './common.schema';
import { DateRule } from './date-rule.schema';
import { EscalationLadder } from './escalation.schema';
import { HazardLevelPolicy, HazardPolicy } from './hazard-policy.schema';
import { LocalDate, LocalTime } from './local-date.schema';
import { EventType } from './event.schema';
import { Sector, Unit } from './unit.schema';
import { ActivityWindow } from './window.schema';
import { AuthorityLevel, CampaignKind, DutyKind } from './vocabulary';

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const Authority = z
  .strictObject({
    name: z.string().min(1),
    level: z.enum(AuthorityLevel).meta({ description: 'national 国家 / province 省级 / city 市级 / district 区县级 / township 乡镇' }),
    document: z.string().optional().meta({ description: '文号，如 津人社办函〔2020〕447号' }),
    issuedOn: LocalDate.optional().meta({ description: '发文日期' }),
  })
  .meta({ description: '发文机关' });
export type Authority = z.infer<typeof Authority>;

/** Hierarchical so that "a district below this city" can be checked by prefix. */
export const Jurisdiction = z
  .string()
  .regex(/^CN(\/[a-z0-9-]+)*$/, { error: '辖区应写成以 CN 开头、用 / 分级的小写拼音，例如 CN/tianjin/jizhou' })
  .meta({ description: '辖区，如 CN/tianjin/jizhou' });

export const Phase = z
  .strictObject({
    id: Id,
    name: LocalizedText,
    start: DateRule,
    end: DateRule,
    goals: z.array(z.string()).default([]).meta({ description: '阶段任务要点' }),
  })
  .meta({ id: 'Phase', description: '阶段：按顺序排列，各有起止日期' });
export type Phase = z.infer<typeof Phase>;

export const Milestone = z
  .strictObject({
    id: Id,
    title: LocalizedText,
    due: DateRule,
    phase: Id.optional().meta({ description: '所属阶段编号' }),
    owners: z.array(Id).default([]).meta({ description: '负责单位编号' }),
    ladder: Id.optional().meta({ description: '逾期未确认完成时使用的督促阶梯编号' }),
  })
  .meta({ id: 'Milestone', description: '节点：限期完成的成果' });
export type Milestone = z.infer<typeof Milestone>;

export const Duty = z
  .strictObject({
    id: Id,
    title: LocalizedText,
    kind: z.enum(DutyKind).meta({ description: 'report 报送 / inspection 检查 / sweep 排查整治 / drill 演练 / assessment 自评 / training 培训' }),
    cadence: Cadence,
    from: DateRule.optional().meta({ description: '首次所属期间的起点（缺省为行动开始）' }),
    until: DateRule.optional().meta({ description: '末次所属期间的终点（缺省为行动结束）' }),
    owedBy: z
      .array(z.union([Id, z.strictObject({ sector: Id.meta({ description: '行业领域编号（见 sectors）：该领域的每个单位' }) })]))
      .min(1, { error: '至少要写明一个责任单位' })
      .meta({ description: '承担该职责的单位编号，或 { sector: 行业领域编号 }（该行业领域的每个单位，如“各养老机构”）' }),
    reportTo: Id.optional().meta({ description: '报送对象单位编号' }),
    ladder: Id.optional().meta({ description: '逾期时使用的督促阶梯编号' }),
    dueTime: LocalTime.optional().meta({ description: '截止时刻 HH:MM（行动时区），如“上午上报”写 12:00；缺省为截止日当天结束' }),
    rollForward: z
      .boolean()
      .optional()
      .meta({ description: '截止日期遇节假日或周末是否顺延到下一个工作日（缺省按 calendar.rollForward）' }),
    appliesTo: z.string().optional().meta({ description: '适用范围，如“高危行业领域”' }),
    submission: z.array(z.string()).default([]).meta({ description: '报送形式，如“纸质件加盖公章”“电子件发送邮箱”' }),
  })
  .meta({ id: 'Duty', description: '定期职责：报送、检查、演练等' });
export type Duty = z.infer<typeof Duty>;

export { Unit, Sector } from './unit.schema';

export const Organisation = z
  .strictObject({
    leadingGroup: z.strictObject({
      name: z.string().min(1).meta({ description: '领导小组名称' }),
      leader: z.string().optional().meta({ description: '组长' }),
      office: z.string().min(1).meta({ description: '领导小组办公室所在单位' }),
    }),
    leadDepartments: z.array(Unit).default([]).meta({ description: '牵头科室／部门' }),
    units: z.array(Unit).default([]).meta({ description: '责任单位（类别）' }),
  })
  .meta({ description: '组织领导' });
export type Organisation = z.infer<typeof Organisation>;

const identity = {
  id: Id.meta({ description: '行动编号' }),
  version: z.number().int().positive({ error: '版本号必须是正整数' }).meta({ description: '版本号（正整数，每次发布加 1）' }),
};

const body = {
  kind: z.enum(CampaignKind).meta({ description: 'three-year-action 三年行动 / spring-rectification 整治行动 / root-cause-tackling 治本攻坚 / custom 其他' }),
  title: LocalizedText,
  authority: Authority,
  jurisdiction: Jurisdiction,
  timeZone: z.string().refine(isTimeZone, { error: '时区无效，应为如 Asia/Shanghai 的 IANA 时区' }).default('Asia/Shanghai'),
  calendar: CampaignCalendar.optional(),
  escalationTime: LocalTime.optional().meta({ description: '督促措施在当日几点执行（行动时区，缺省为上班时间 09:00）' }),
  span: z.strictObject({ start: DateRule, end: DateRule }).meta({ description: '行动起止' }),
  phases: z.array(Phase).min(1, { error: '至少要有一个阶段' }),
  milestones: z.array(Milestone).default([]),
  duties: z.array(Duty).default([]),
  windows: z.array(ActivityWindow).default([]).meta({ description: '活动时段（如 3—4月 集中排查）：只标明时间，不报送、不督办' }),
  hazardPolicy: HazardPolicy.optional().meta({ description: '隐患治理规则；不涉及隐患排查治理的行动（如打击违法案件、培训）不写，此时不能登记隐患' }),
  escalationLadders: z.record(Id, EscalationLadder).default({}).meta({ description: '督促阶梯，按编号命名' }),
  organisation: Organisation.optional(),
  sectors: z.array(Sector).optional().meta({ description: '行业领域及其主管部门' }),
  events: z.array(EventType).optional().meta({ description: '须报告的事件类型（重大事故、突发事件等），各引起一项限时职责' }),
};

/** A complete campaign: a standalone file, or the result of applying a derived file to its parent. */
export const CampaignDefinition = z
  .strictObject({
    ...identity,
    extends: Id.optional().meta({ description: '上级方案的行动编号（转发或细化时填写）' }),
    ...body,
  })
  .meta({ title: '专项整治行动定义', description: '一份专项整治行动方案' });
export type CampaignDefinition = z.infer<typeof CampaignDefinition>;

/** Items of a list that a derived file patches by `id`: only the id is required. */
function patchList<T extends z.ZodObject<{ id: typeof Id }>>(item: T) {
  return z.array(item.partial().required({ id: true }));
}

/**
 * A derived campaign (市 forwarding a 省 plan, 区 sub-plan of a 市 plan): names its parent in
 * `extends` and states only what differs. Objects merge key by key, lists of items with an `id`
 * merge by id, any other list (e.g. ladder steps) replaces the parent's.
 */
export const CampaignOverlay = z
  .strictObject({
    ...identity,
    extends: Id.meta({ description: '上级方案的行动编号' }),
    ...body,
    span: body.span.partial(),
    phases: patchList(Phase),
    milestones: patchList(Milestone),
    duties: patchList(Duty),
    windows: patchList(ActivityWindow),
    hazardPolicy: z.strictObject({
      levels: z.record(Id, HazardLevelPolicy.partial()),
      evidence: HazardPolicy.shape.evidence,
    }).partial(),
    escalationLadders: z.record(Id, EscalationLadder.partial()),
    organisation: Organisation.extend({
      leadingGroup: Organisation.shape.leadingGroup.partial(),
      leadDepartments: patchList(Unit),
      units: patchList(Unit),
    }).partial(),
    sectors: patchList(Sector),
    events: patchList(EventType),
  })
  .partial()
  .required({ id: true, version: true, extends: true })
  .meta({ title: '专项整治行动定义（继承上级方案）' });
export type CampaignOverlay = z.infer<typeof CampaignOverlay>;

/** What a campaign file may contain; the source of the exported JSON Schema. */
export const CampaignFile = z.union([CampaignDefinition, CampaignOverlay]);
