import { z } from 'zod';
import { Id, LocalizedText } from './common.schema';
import { DateRule } from './date-rule.schema';

/**
 * An activity window (活动时段): a stretch of days in which something is carried out — "3—4月
 * 开展集中排查" — that is neither a milestone (nothing is confirmed) nor a duty (nothing is submitted,
 * nothing escalates). Plans, diagrams and a run's view show whether it is upcoming, open or closed.
 */
export const ActivityWindow = z
  .strictObject({
    id: Id,
    title: LocalizedText,
    from: DateRule.meta({ description: '开始日期（日期或日期规则）' }),
    to: DateRule.meta({ description: '结束日期（含当天）' }),
    phase: Id.optional().meta({ description: '所属阶段编号' }),
    owners: z.array(Id).default([]).meta({ description: '组织或承担的单位编号' }),
    audience: z.string().min(1).optional().meta({ description: '面向的对象（文字），如“辖区内各类生产经营单位和人员密集场所”' }),
  })
  .meta({ id: 'ActivityWindow', description: '活动时段：在一段时间内集中开展的工作（如 3—4月 集中排查），不报送、不督办' });
export type ActivityWindow = z.infer<typeof ActivityWindow>;
