import { z } from 'zod';
import { DateRule } from './date-rule.schema';
import { AnchorPeriod, CadenceKind, Edge, HOLIDAY_NAMES } from './vocabulary';

const anchorPeriod = z.enum(AnchorPeriod).default(AnchorPeriod.same).meta({ description: 'same 本期 / next 下一期' });

/**
 * A day inside a reporting period: `period` is the period itself or the one after it, `month` counts
 * from the period's first month, `day` counts from the month's start (1 = 1st) or, when negative,
 * from its end (-1 = last day, -7 = first day of the last week). Days past a month's end are clamped.
 */
function periodAnchor(monthsInPeriod: number) {
  const base = {
    period: anchorPeriod,
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

/** A day of a week (Monday to Sunday): `weekday` 1 = 星期一 … 7 = 星期日, in the week itself or the next. */
const weekAnchor = z.strictObject({
  period: anchorPeriod,
  weekday: z
    .number({ error: '星期应写成 1（星期一）到 7（星期日）的整数' })
    .int({ error: '星期应写成 1（星期一）到 7（星期日）的整数' })
    .min(1, { error: '星期应写成 1（星期一）到 7（星期日）的整数' })
    .max(7, { error: '星期应写成 1（星期一）到 7（星期日）的整数' })
    .meta({ description: '星期几：1 星期一 … 7 星期日' }),
});

/**
 * One due anchor, or several in the period's order ("每月10日和25日前" is `[{ day: 10 }, { day: 25 }]`):
 * each gives its own occurrence; the first opens at `opens`, each later one the day after the one before falls due.
 */
function dueAnchors<T extends z.ZodType>(anchor: T) {
  return z
    .union([anchor, z.array(anchor).min(1)])
    .meta({ description: '截止：一个，或按先后写几个（每个各为一次，如每月10日和25日）' });
}

const periodStart = { period: AnchorPeriod.same, month: 1, day: 1 };

/** A day relative to a holiday period: its first (`start`) or last (`end`) day, `days` before (negative) or after. */
export const HolidayAnchor = z
  .strictObject({
    edge: z.enum(Edge).meta({ description: 'start 假期第一天 / end 假期最后一天' }),
    days: z.number().int().min(-31).max(31).default(0).meta({ description: '前后几天（自然日，负数为之前；-1 与 edge: start 合用即“节前一天”）' }),
  })
  .meta({ id: 'HolidayAnchor', description: '相对于放假时段的日期' });
export type HolidayAnchor = z.infer<typeof HolidayAnchor>;

/**
 * When a recurring duty falls: one occurrence per period (week, month, quarter, half-year, year, or
 * official holiday period) that overlaps the duty's window, opening and falling due at anchors
 * relative to that period.
 * @example quarterly report of the previous quarter by the 10th of the next quarter's first month:
 *   `{ kind: quarterly, opens: { period: next, day: 1 }, due: { period: next, month: 1, day: 10 } }`
 */
export const Cadence = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal(CadenceKind.weekly),
      opens: weekAnchor.default({ period: AnchorPeriod.same, weekday: 1 }),
      due: dueAnchors(weekAnchor),
    }),
    z.strictObject({
      kind: z.literal(CadenceKind.monthly),
      months: z.array(z.number().int().min(1).max(12)).optional().meta({ description: '只在这些月份（缺省为每月）' }),
      opens: periodAnchor(1).default({ period: AnchorPeriod.same, day: 1 }),
      due: dueAnchors(periodAnchor(1)),
    }),
    z.strictObject({
      kind: z.literal(CadenceKind.quarterly),
      quarters: z.array(z.number().int().min(1).max(4)).optional().meta({ description: '只在这些季度（如 [1,2,3] 为前三季度）' }),
      opens: periodAnchor(3).default(periodStart),
      due: dueAnchors(periodAnchor(3)),
    }),
    z.strictObject({
      kind: z.literal(CadenceKind.halfYearly),
      halves: z.array(z.number().int().min(1).max(2)).optional().meta({ description: '只在这些半年（1 上半年，2 下半年）' }),
      opens: periodAnchor(6).default(periodStart),
      due: dueAnchors(periodAnchor(6)),
    }),
    z.strictObject({
      kind: z.literal(CadenceKind.yearly),
      opens: periodAnchor(12).default(periodStart),
      due: dueAnchors(periodAnchor(12)),
    }),
    z.strictObject({
      kind: z.literal(CadenceKind.once),
      opens: DateRule.optional().meta({ description: '开始日期（缺省为职责窗口开始）' }),
      due: DateRule,
    }),
    z.strictObject({
      kind: z.literal(CadenceKind.holidayPeriod),
      holidays: z
        .array(z.enum(HOLIDAY_NAMES))
        .min(1)
        .optional()
        .meta({ description: `只在这些节日的放假期间（${HOLIDAY_NAMES.join('、')}；缺省为全部）` }),
      opens: HolidayAnchor.optional().meta({ description: '开始（缺省为放假第一天，截止更早时为截止当天）' }),
      due: HolidayAnchor,
    }),
  ])
  .meta({
    id: 'Cadence',
    description: '周期规则：weekly 每周 / monthly 每月 / quarterly 每季度 / half-yearly 每半年 / yearly 每年 / once 一次 / holiday-period 每个法定节假日放假期间',
  });
export type Cadence = z.infer<typeof Cadence>;
