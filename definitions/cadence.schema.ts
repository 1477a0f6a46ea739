import { z } from 'zod';
import { DateRule } from './date-rule.schema';
import { AnchorPeriod, CadenceKind } from './vocabulary';

/**
 * A day inside a reporting period: `period` is the period itself or the one after it, `month` counts
 * from the period's first month, `day` counts from the month's start (1 = 1st) or, when negative,
 * from its end (-1 = last day, -7 = first day of the last week). Days past a month's end are clamped.
 */
function periodAnchor(monthsInPeriod: number) {
  const base = {
    period: z.enum(AnchorPeriod).default(AnchorPeriod.same).meta({ description: 'same 本期 / next 下一期' }),
    day: z
      .number()
      .int()
      .min(-31)
      .max(31)
      .refine((d) => d !== 0, { error: '日不能为 0：正数从月初数（1 为 1 日），负数从月底倒数（-1 为最后一天）' })
      .meta({ description: '日：1 为 1 日；-1 为月底最后一天，-7 为最后一周第一天' }),
  };
  if (monthsInPeriod === 1) return z.strictObject(base);
  return z.strictObject({
    ...base,
    month: z.number().int().min(1).max(monthsInPeriod).default(1).meta({ description: `期内第几个月（1–${monthsInPeriod}）` }),
  });
}

const periodStart = { period: AnchorPeriod.same, month: 1, day: 1 };

/**
 * When a recurring duty falls: one occurrence per period (month, quarter, half-year, year) that
 * overlaps the duty's window, opening and falling due at anchors relative to that period.
 * @example quarterly report of the previous quarter by the 10th of the next quarter's first month:
 *   `{ kind: quarterly, opens: { period: next, day: 1 }, due: { period: next, month: 1, day: 10 } }`
 */
export const Cadence = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal(CadenceKind.monthly),
      months: z.array(z.number().int().min(1).max(12)).optional().meta({ description: '只在这些月份（缺省为每月）' }),
      opens: periodAnchor(1).default({ period: AnchorPeriod.same, day: 1 }),
      due: periodAnchor(1),
    }),
    z.strictObject({
      kind: z.literal(CadenceKind.quarterly),
      quarters: z.array(z.number().int().min(1).max(4)).optional().meta({ description: '只在这些季度（如 [1,2,3] 为前三季度）' }),
      opens: periodAnchor(3).default(periodStart),
      due: periodAnchor(3),
    }),
    z.strictObject({
      kind: z.literal(CadenceKind.halfYearly),
      halves: z.array(z.number().int().min(1).max(2)).optional(),
      opens: periodAnchor(6).default(periodStart),
      due: periodAnchor(6),
    }),
    z.strictObject({
      kind: z.literal(CadenceKind.yearly),
      opens: periodAnchor(12).default(periodStart),
      due: periodAnchor(12),
    }),
    z.strictObject({
      kind: z.literal(CadenceKind.once),
      opens: DateRule.optional().meta({ description: '开始日期（缺省为职责窗口开始）' }),
      due: DateRule,
    }),
  ])
  .meta({ id: 'Cadence', description: '周期规则：monthly 每月 / quarterly 每季度 / half-yearly 每半年 / yearly 每年 / once 一次' });
export type Cadence = z.infer<typeof Cadence>;
