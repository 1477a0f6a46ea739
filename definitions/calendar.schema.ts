import { z } from 'zod';
import { LocalDate } from './local-date.schema';
import { DayUnit } from './vocabulary';

/**
 * A bureau's corrections to the official calendar, as data. They win over the package's table,
 * so a newly published State Council calendar can be entered before the package catches up.
 */
export const CalendarOverrides = z
  .strictObject({
    workingDays: z.array(LocalDate).default([]).meta({ description: '额外的工作日（如调休上班的周末）' }),
    holidays: z.array(LocalDate).default([]).meta({ description: '额外的休息日（如新公布的法定节假日）' }),
  })
  .meta({ description: '日历调整：优先于内置的国务院节假日安排' });
export type CalendarOverrides = z.infer<typeof CalendarOverrides>;

/** A signed span of days, counted in calendar days (自然日) or working days (工作日). */
export const DayOffset = z
  .strictObject({
    days: z.number().int({ error: '天数必须是整数' }),
    unit: z.enum(DayUnit).default(DayUnit.calendar).meta({ description: 'calendar 自然日 / working 工作日' }),
  })
  .meta({ id: 'DayOffset', description: '天数偏移：days 天，unit 为 calendar（自然日）或 working（工作日）' });
export type DayOffset = z.infer<typeof DayOffset>;

/** A strictly positive {@link DayOffset}, for time limits. */
export const PositiveDayOffset = DayOffset.extend({
  days: z.number().int({ error: '天数必须是整数' }).positive({ error: '期限天数必须大于 0' }),
});
export type PositiveDayOffset = z.infer<typeof PositiveDayOffset>;
