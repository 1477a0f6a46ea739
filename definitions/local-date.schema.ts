import { z } from 'zod';
import { isRealDate } from './local-date';

/** A Beijing-local calendar date, `YYYY-MM-DD`. "Due on D" means due by the end of D, local time. */
export const LocalDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期应写成 YYYY-MM-DD，例如 2024-02-29', abort: true })
  .refine(isRealDate, { error: '这一天在日历上不存在' })
  .meta({ id: 'LocalDate', description: '日期 YYYY-MM-DD（北京时间）' });
export type LocalDate = z.infer<typeof LocalDate>;

/** A calendar month, `YYYY-MM`. */
export const YearMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '月份应写成 YYYY-MM，例如 2024-03' })
  .meta({ description: '月份 YYYY-MM' });
export type YearMonth = z.infer<typeof YearMonth>;

/** A wall-clock time, `HH:MM` (24-hour). */
export const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: '时间应写成 HH:MM（00:00 至 23:59），例如 09:00、12:00' });
export type LocalTime = z.infer<typeof LocalTime>;
