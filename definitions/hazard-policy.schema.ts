import { z } from 'zod';
import { PositiveDayOffset } from './calendar.schema';
import { Id, LocalizedText } from './common.schema';
import { LocalDate } from './local-date.schema';
import { DayUnit, HazardDeadlineKind, HazardLevel } from './vocabulary';

/** The rectification time limit (整改时限) of a hazard, counted from the day it is registered. */
export const HazardDeadline = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal(HazardDeadlineKind.immediate) }).meta({ description: '立查立改：登记当天整改' }),
    z
      .strictObject({
        kind: z.literal(HazardDeadlineKind.within),
        days: PositiveDayOffset.shape.days,
        unit: z.enum(DayUnit).default(DayUnit.calendar),
      })
      .meta({ description: '限期整改：登记后若干（工作）日内' }),
    z.strictObject({ kind: z.literal(HazardDeadlineKind.endOfYear) }).meta({ description: '登记当年年底前整改到位' }),
    z.strictObject({ kind: z.literal(HazardDeadlineKind.by), date: LocalDate }).meta({ description: '统一在某日前整改完毕' }),
  ])
  .meta({ id: 'HazardDeadline', description: '整改时限' });
export type HazardDeadline = z.infer<typeof HazardDeadline>;

/** How one hazard level is handled from registration to closing. */
export const HazardLevelPolicy = z.strictObject({
  name: LocalizedText,
  deadline: HazardDeadline,
  listedSupervision: z.boolean().default(false).meta({ description: '是否挂牌督办' }),
  verificationBeforeClosing: z.boolean().default(true).meta({ description: '销号前是否须主管部门审核验收' }),
  reinspectAfter: PositiveDayOffset.optional().meta({ description: '销号后多少天回头看' }),
  ladder: Id.optional().meta({ description: '逾期时使用的督促阶梯编号' }),
});
export type HazardLevelPolicy = z.infer<typeof HazardLevelPolicy>;

/** The closed loop 排查 → 登记 → 整治 → 报告 → 销号, per hazard level (at least major and ordinary). */
export const HazardPolicy = z
  .strictObject({
    levels: z
      .object({ [HazardLevel.major]: HazardLevelPolicy, [HazardLevel.ordinary]: HazardLevelPolicy })
      .catchall(HazardLevelPolicy)
      .meta({ description: '隐患等级：至少 major（重大事故隐患）和 ordinary（一般隐患）' }),
    evidence: z.array(z.string().min(1)).default([]).meta({ description: '检查留痕要求，如“四有”：有记录、有图片、有通报、有整改' }),
  })
  .meta({ description: '隐患治理规则' });
export type HazardPolicy = z.infer<typeof HazardPolicy>;
