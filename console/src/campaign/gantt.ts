/**
 * The campaign's phases as a Gantt chart (an ECharts custom series: one bar per phase from its
 * first to its last day), its milestones as diamonds on a row of their own, and today as a line.
 * Dates are local dates of the campaign (YYYY-MM-DD), drawn as UTC days so no time zone shifts them.
 */
import type { CustomSeriesRenderItem, EChartsOption } from 'echarts';
import type { CampaignView } from '../api/types';
import { PHASE_STATE_LABELS } from '../labels';

const DAY_MS = 86_400_000;
const MILESTONE_ROW = '节点';
const PHASE_COLOURS: Record<string, string> = { done: '#9aa9bd', current: '#2c5282', upcoming: '#c6d4e6' };
/** Confirmed in green, overdue in red, the rest in amber. */
const MILESTONE_COLOURS: Record<string, string> = { confirmed: '#389e0d', overdue: '#b7262b', due: '#d48806', upcoming: '#d48806', 'before-adoption': '#9aa9bd' };

const dayMs = (date: string): number => Date.parse(`${date}T00:00:00Z`);

const drawPhase: CustomSeriesRenderItem = (_params, api) => {
  const row = api.value(0);
  const [x0, y] = api.coord([api.value(1), row]) as [number, number];
  const [x1] = api.coord([api.value(2), row]) as [number, number];
  const height = (api.size!([0, 1]) as number[])[1]! * 0.56;
  return { type: 'rect', shape: { x: x0, y: y - height / 2, width: Math.max(x1 - x0, 2), height, r: 3 }, style: api.style() };
};

export function phaseGanttOption(view: Pick<CampaignView, 'phases' | 'milestones' | 'today'>): EChartsOption {
  const rows = [...view.phases.map((phase) => phase.name), ...(view.milestones.length > 0 ? [MILESTONE_ROW] : [])];
  return {
    useUTC: true,
    animation: false,
    grid: { left: 8, right: 24, top: 26, bottom: 28, containLabel: true },
    tooltip: { trigger: 'item', renderMode: 'richText' },
    xAxis: { type: 'time', axisLabel: { formatter: '{yyyy}-{MM}' }, splitLine: { show: true, lineStyle: { color: '#eef1f5' } } },
    yAxis: { type: 'category', data: rows, inverse: true, axisTick: { show: false } },
    series: [
      {
        type: 'custom',
        name: '阶段',
        renderItem: drawPhase,
        encode: { x: [1, 2], y: 0 },
        clip: true,
        tooltip: {
          formatter: (params) => {
            const phase = view.phases[(params as { dataIndex: number }).dataIndex]!;
            return `${phase.name}\n${phase.start} 至 ${phase.end}\n${PHASE_STATE_LABELS[phase.state] ?? phase.state}`;
          },
        },
        data: view.phases.map((phase, index) => ({
          value: [index, dayMs(phase.start), dayMs(phase.end) + DAY_MS],
          itemStyle: { color: PHASE_COLOURS[phase.state] ?? PHASE_COLOURS.upcoming },
        })),
        markLine: {
          symbol: 'none',
          silent: true,
          lineStyle: { color: '#b7262b', type: 'dashed' },
          label: { formatter: `今天 ${view.today}`, color: '#b7262b', position: 'start' },
          data: [{ xAxis: dayMs(view.today) }],
        },
      },
      {
        type: 'scatter',
        name: '节点',
        symbol: 'diamond',
        symbolSize: 13,
        itemStyle: { color: (params: { dataIndex: number }) => MILESTONE_COLOURS[view.milestones[params.dataIndex]?.state ?? ''] ?? '#d48806' },
        tooltip: {
          formatter: (params) => {
            const milestone = view.milestones[(params as { dataIndex: number }).dataIndex]!;
            return `${milestone.title}\n${milestone.dueOn}前 · ${milestone.stateLabel}`;
          },
        },
        data: view.milestones.map((milestone) => [dayMs(milestone.dueOn), MILESTONE_ROW]),
      },
    ],
  };
}
