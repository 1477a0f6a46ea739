/** The campaign's hazards counted by status and by the most severe measure taken, as two bar charts. */
import type { EChartsOption } from 'echarts';
import type { HazardCounts } from '../api/types';

export function countsBarOption(counts: HazardCounts['byStatus'], label: (key: string) => string, colour: string): EChartsOption {
  const entries = Object.entries(counts).sort(([, a], [, b]) => b - a);
  return {
    animation: false,
    grid: { left: 8, right: 16, top: 12, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', renderMode: 'richText' },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: entries.map(([key]) => label(key)) },
    series: [{ type: 'bar', name: '隐患数', barMaxWidth: 22, itemStyle: { color: colour }, label: { show: true, position: 'right' }, data: entries.map(([, count]) => count) }],
  };
}
