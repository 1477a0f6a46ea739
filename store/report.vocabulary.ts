/** The words of the statistics: how rows are grouped and by which period. Zod-free, so schemas and the store share them. */

/** What one statistics row is about. */
export const ReportGrouping = { campaign: 'campaign', unit: 'unit' } as const;
export type ReportGrouping = (typeof ReportGrouping)[keyof typeof ReportGrouping];

/** The period rows are split by; `all` is the whole span in one row. */
export const ReportPeriod = { all: 'all', month: 'month', quarter: 'quarter', year: 'year' } as const;
export type ReportPeriod = (typeof ReportPeriod)[keyof typeof ReportPeriod];

export const REPORT_PERIOD_LABELS: Record<ReportPeriod, string> = { all: '全部', month: '月', quarter: '季度', year: '年' };

/** How a period is named in a row: `2024-03`, `2024-Q1`, `2024` (PostgreSQL to_char patterns). */
export const PERIOD_FORMATS: Record<Exclude<ReportPeriod, 'all'>, string> = { month: 'YYYY-MM', quarter: 'YYYY-"Q"Q', year: 'YYYY' };
