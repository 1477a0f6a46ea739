import { z } from 'zod';
import { Id, LocalizedText } from './common.schema';
import { DayUnit } from './vocabulary';

/** How long after the event its duty is due: hours (立即报告: within 2 hours), or days (calendar or working). */
export const EventTimeLimit = z
  .union([
    z.strictObject({ hours: z.number().int().positive({ error: '小时数应为正整数' }).meta({ description: '事件发生后几小时内' }) }),
    z.strictObject({
      days: z.number().int().positive({ error: '天数应为正整数' }).meta({ description: '事件发生后几天内（到当日结束）' }),
      unit: z.enum(DayUnit).default(DayUnit.calendar).meta({ description: 'calendar 自然日 / working 工作日' }),
    }),
  ])
  .meta({ id: 'EventTimeLimit', description: '时限：{ hours: 2 } 或 { days: 1, unit: working }' });
export type EventTimeLimit = z.infer<typeof EventTimeLimit>;

/**
 * A kind of event the plan asks to be reported (重大案件及突发事件立即报告, 督查中发现重大隐患): who
 * may report it, the duty it starts for the unit concerned — due a time limit after the event —
 * and the ladder climbed while that duty is not done.
 */
export const EventType = z
  .strictObject({
    id: Id,
    title: LocalizedText,
    reportedBy: z.array(Id).optional().meta({ description: '可以报告此类事件的单位编号（缺省：行动的任何单位；管理人员总可以报告）' }),
    duty: z
      .strictObject({
        title: LocalizedText,
        within: EventTimeLimit,
        reportTo: Id.optional().meta({ description: '报送对象单位编号' }),
      })
      .meta({ description: '事件引起的职责：由事件所涉单位在时限内完成' }),
    ladder: Id.optional().meta({ description: '职责逾期时使用的督促阶梯编号' }),
  })
  .meta({ id: 'EventType', description: '事件类型：重大事故、突发事件、督查发现的重大隐患等' });
export type EventType = z.infer<typeof EventType>;
