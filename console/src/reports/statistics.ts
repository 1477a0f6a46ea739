/**
 * What the statistics page computes from the API's rows: 整改率 as a clerk writes it, a row's name
 * (unit or run, and period), the escalations summed up in words, and the exports the server offers.
 */
import type { DutyStatisticsRow, HazardStatisticsRow } from '../api/types';

/** 整改率 (closed ÷ registered) as a percentage with one decimal; a dash when nothing was registered. */
export const rateText = (rate: number | null): string => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

/** What a row stands for: its unit (with the name) or its campaign run. */
export const rowSubject = (row: HazardStatisticsRow | DutyStatisticsRow): string =>
  row.unitId !== null ? (row.unitName && row.unitName !== row.unitId ? `${row.unitName}（${row.unitId}）` : row.unitId) : (row.campaignRunId ?? '—');

/** A period key as Chinese: 2024-03 → 2024年3月, 2024-Q1 → 2024年第1季度, 2024 → 2024年, null → 全部. */
export function periodText(period: string | null): string {
  if (period === null) return '全部';
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) return `${quarter[1]}年第${quarter[2]}季度`;
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month) return `${month[1]}年${Number(month[2])}月`;
  return /^\d{4}$/.test(period) ? `${period}年` : period;
}

/** The escalations of a row as words, most frequent first: 通报 2 · 约谈 1; a dash when none. */
export function escalationsText(escalations: Readonly<Record<string, number>>, label: (action: string) => string): string {
  const taken = Object.entries(escalations).filter(([, count]) => count > 0);
  if (taken.length === 0) return '—';
  return taken
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([action, count]) => `${label(action)} ${count}`)
    .join(' · ');
}

/** The totals row of a hazard table: sums, and the rate of the sums. */
export function hazardTotals(rows: readonly HazardStatisticsRow[]): { registered: number; closed: number; overdue: number; rate: number | null } {
  const registered = rows.reduce((sum, row) => sum + row.registered, 0);
  const closed = rows.reduce((sum, row) => sum + row.closed, 0);
  const overdue = rows.reduce((sum, row) => sum + row.overdue, 0);
  return { registered, closed, overdue, rate: registered === 0 ? null : closed / registered };
}

/** The files GET /exports/{name}.{xlsx|csv} answers; `statistics` ones take the grouping and period too. */
export const EXPORTS = [
  { name: 'hazard-ledger', label: '问题隐患清单', statistics: false },
  { name: 'measures', label: '制度措施清单', statistics: false },
  { name: 'hazard-statistics', label: '隐患整改统计', statistics: true },
  { name: 'duty-statistics', label: '报送统计', statistics: true },
] as const;
export type ExportName = (typeof EXPORTS)[number]['name'];
