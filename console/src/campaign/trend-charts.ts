/**
 * The campaign's course over time, from the statistics split by month: the 整改率 of the hazards
 * registered in each month (as they stand now) as a line, and what is overdue of each month (hazards
 * past their time limit, duty occurrences due then and not submitted) as bars.
 */
import type { EChartsOption } from 'echarts';
import type { DutyStatisticsRow, HazardStatisticsRow } from '../api/types';

export interface MonthTrend {
  month: string;
  registered: number;
  rate: number | null;
  overdueHazards: number;
  missingDuties: number;
}

/** One point per month that has a hazard or a duty row, oldest first. */
export function monthlyTrend(hazards: readonly HazardStatisticsRow[], duties: readonly DutyStatisticsRow[]): MonthTrend[] {
  const months = new Map<string, MonthTrend>();
  const at = (month: string): MonthTrend =>
    months.get(month) ?? months.set(month, { month, registered: 0, rate: null, overdueHazards: 0, missingDuties: 0 }).get(month)!;
  const closedOf = new Map<string, number>();
  for (const row of hazards) {
    if (!row.period) continue;
    const point = at(row.period);
    point.registered += row.registered;
    point.overdueHazards += row.overdue;
    closedOf.set(row.period, (closedOf.get(row.period) ?? 0) + row.closed);
  }
  for (const row of duties) if (row.period) at(row.period).missingDuties += row.missing;
  for (const point of months.values()) point.rate = point.registered === 0 ? null : (closedOf.get(point.month) ?? 0) / point.registered;
  return [...months.values()].sort((a, b) => a.month.localeCompare(b.month));
}

const monthLabel = (month: string): string => month.replace(/^(\d{4})-0?(\d{1,2})$/, '$1年$2月');

export function trendOption(points: readonly MonthTrend[]): EChartsOption {
  return {
    animation: false,
    grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', renderMode: 'richText' },
    xAxis: { type: 'category', data: points.map((p) => monthLabel(p.month)) },
    yAxis: [
      { type: 'value', name: '件数', minInterval: 1 },
      { type: 'value', name: '整改率', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    ],
    series: [
      { type: 'bar', name: '逾期未改隐患', stack: 'overdue', itemStyle: { color: '#b7262b' }, barMaxWidth: 28, data: points.map((p) => p.overdueHazards) },
      { type: 'bar', name: '逾期未报送', stack: 'overdue', itemStyle: { color: '#d98b2b' }, barMaxWidth: 28, data: points.map((p) => p.missingDuties) },
      {
        type: 'line',
        name: '整改率',
        yAxisIndex: 1,
        itemStyle: { color: '#2c5282' },
        connectNulls: true,
        label: { show: true, formatter: '{c}%' },
        data: points.map((p) => (p.rate === null ? null : Math.round(p.rate * 1000) / 10)),
      },
    ],
  };
}
