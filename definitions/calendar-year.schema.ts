import { z } from 'zod';
import { CalendarOverrides } from './calendar.schema';
import { LocalDate } from './local-date.schema';

/** One holiday period as the State Council announces it, weekend days inside it included. */
export const HolidayPeriod = z
  .strictObject({
    name: z.string().min(1).meta({ description: '节日名称，如 春节、国庆节、中秋节（合并放假时写“国庆节、中秋节”）' }),
    from: LocalDate.meta({ description: '放假第一天' }),
    to: LocalDate.meta({ description: '放假最后一天（含）' }),
  })
  .meta({ id: 'HolidayPeriod', description: '放假安排：从 from 到 to（含两端），中间的周末也写在内' });
export type HolidayPeriod = z.infer<typeof HolidayPeriod>;

/**
 * One year's official calendar (`definitions/calendars/<year>.yaml`): the holiday periods and the
 * weekend days worked instead (调休) of the State Council's notice for that year. A year's 元旦
 * period and its 调休 may begin in the last days of the previous December.
 */
export const OfficialYear = z
  .strictObject({
    year: z.number().int().min(2000).max(2100).meta({ description: '年份，与文件名一致（2026.yaml 写 2026）' }),
    source: z.string().min(1).meta({ description: '依据的通知，如 国务院办公厅关于2026年部分节假日安排的通知（国办发明电〔2025〕7号）' }),
    holidays: z.array(HolidayPeriod).meta({ description: '放假安排，按时间先后排列，互不重叠' }),
    workingDays: z.array(LocalDate).default([]).meta({ description: '调休上班的周末（星期六或星期日）' }),
  })
  .meta({ title: '国务院公布的年度节假日安排', description: '一年的法定节假日放假和调休上班安排' });
export type OfficialYear = z.infer<typeof OfficialYear>;

/**
 * The working-day calendar a campaign run carries as data: the official years it needs, resolved
 * once when it starts (so a later publication reaches it only through an explicit update), and the
 * campaign's own corrections, which win. Plain JSON: it travels in workflow inputs.
 */
export const RunCalendar = z
  .strictObject({
    years: z.array(OfficialYear),
    overrides: CalendarOverrides.optional(),
  })
  .meta({ id: 'RunCalendar', description: '行动运行时使用的工作日日历：所需年份的官方安排，以及本行动自己的调整' });
export type RunCalendar = z.infer<typeof RunCalendar>;
