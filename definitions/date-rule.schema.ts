import { z } from 'zod';
import { DayOffset } from './calendar.schema';
import { Id } from './common.schema';
import { LocalDate, YearMonth } from './local-date.schema';
import { DateRuleKind, Dekad, Edge } from './vocabulary';

const EdgeField = z.enum(Edge);

/** Every variant may be shifted, e.g. "3 working days after the phase ends". */
const shift = { offset: DayOffset.optional().meta({ description: '在此日期基础上再偏移若干（工作）日' }) };

/**
 * How a document states a date. The deadline reading of a period is its last day
 * (年底前 → 12-31, 月底前 → last day of month, 上旬 → 10th, 中旬 → 20th, 下旬 → last day);
 * `edge: start` takes the first day instead (e.g. a phase that starts "in March").
 */
export const DateRuleObject = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal(DateRuleKind.date), date: LocalDate, ...shift }).meta({ description: '具体日期' }),
    z
      .strictObject({ kind: z.literal(DateRuleKind.month), month: YearMonth, edge: EdgeField.default(Edge.end), ...shift })
      .meta({ description: '某月：edge=end 为月底（月底前），edge=start 为月初' }),
    z
      .strictObject({ kind: z.literal(DateRuleKind.year), year: z.number().int().min(2000).max(2100), edge: EdgeField.default(Edge.end), ...shift })
      .meta({ description: '某年：edge=end 为年底（年底前），edge=start 为年初' }),
    z
      .strictObject({
        kind: z.literal(DateRuleKind.dekad),
        month: YearMonth,
        dekad: z.enum(Dekad).meta({ description: 'early 上旬（1–10日）/ mid 中旬（11–20日）/ late 下旬（21日–月底）' }),
        edge: EdgeField.default(Edge.end),
        ...shift,
      })
      .meta({ description: '上旬／中旬／下旬：edge=end 为该旬最后一天' }),
    z
      .strictObject({ kind: z.literal(DateRuleKind.phase), phase: Id, edge: EdgeField, ...shift })
      .meta({ description: '相对于某阶段的开始或结束' }),
    z.strictObject({ kind: z.literal(DateRuleKind.milestone), milestone: Id, ...shift }).meta({ description: '相对于某节点的日期' }),
  ])
  .meta({ id: 'DateRuleObject', description: '日期规则' });
export type DateRuleObject = z.infer<typeof DateRuleObject>;

/** A date rule, or simply a date written `YYYY-MM-DD`. */
export const DateRule = z.union([LocalDate, DateRuleObject]).meta({ id: 'DateRule', description: '日期：写 YYYY-MM-DD，或一条日期规则' });
export type DateRule = z.infer<typeof DateRule>;
