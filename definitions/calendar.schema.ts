import { z } from 'zod';
import { LocalDate } from './local-date.schema';
import { DayUnit } from './vocabulary';

const overrideDays = {
  workingDays: z.array(LocalDate).default([]).meta({ description: '额外的工作日（如本地调休上班的周末）' }),
  holidays: z.array(LocalDate).default([]).meta({ description: '额外的休息日（如本地放假的日子）' }),
};

/**
 * A bureau's corrections to the official calendar (definitions/calendars/), as data; they win over it.
 */
export const CalendarOverrides = z
  .strictObject(overrideDays)
  .meta({ description: '日历调整：优先于国务院公布的节假日安排' });
export type CalendarOverrides = z.infer<typeof CalendarOverrides>;

/**
 * A campaign's `calendar`: its corrections to the official calendar, and whether a due date that
 * falls on a non-working day moves to the next working day (顺延) throughout the campaign.
 */
export const CampaignCalendar = z
  .strictObject({
    ...overrideDays,
    rollForward: z
      .boolean()
      .default(false)
      .meta({ description: '截止日期遇节假日或周末是否顺延到下一个工作日（全行动适用；职责可单独用 rollForward 覆盖）' }),
  })
  .meta({ description: '日历：对国务院节假日安排的调整，以及截止日期是否顺延' });
export type CampaignCalendar = z.infer<typeof CampaignCalendar>;

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
