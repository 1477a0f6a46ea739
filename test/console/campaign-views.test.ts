/** The console's campaign views built from a campaign run's view: the duty matrix and the phase Gantt. */
import { describe, expect, it } from 'vitest';
import type { CampaignView, OccurrenceView } from '../../console/src/api/types';
import { dutyMatrices } from '../../console/src/campaign/duty-matrix';
import { phaseGanttOption } from '../../console/src/campaign/gantt';

const occurrence = (dutyId: string, period: string, dueOn: string, unitId: string, unitName: string, status: OccurrenceView['status'], escalationStage: string | null = null): OccurrenceView => ({
  occurrenceId: `${dutyId}:${period}`,
  dutyId,
  dutyTitle: dutyId === 'monthly' ? '月度报告' : '年度总结',
  periodLabel: period,
  unitId,
  unitName,
  opensOn: dueOn,
  dueOn,
  status,
  statusLabel: status,
  submittedOn: status === 'submitted' ? dueOn : null,
  escalationStage,
  escalateFrom: null,
});

describe('dutyMatrices', () => {
  it("one matrix per duty, periods by due date, a row per unit (in the run's order) with its cell per period", () => {
    const matrices = dutyMatrices([
      occurrence('monthly', '2026年11月', '2026-11-30', 'school-8', '第八中学', 'open'),
      occurrence('yearly', '2026年', '2026-12-15', 'school-7', '第七中学', 'open'),
      occurrence('monthly', '2026年10月', '2026-10-31', 'school-7', '第七中学', 'late', 'notice'),
      occurrence('monthly', '2026年10月', '2026-10-31', 'school-8', '第八中学', 'submitted'),
      occurrence('monthly', '2026年11月', '2026-11-30', 'school-7', '第七中学', 'open'),
    ]);
    expect(matrices.map((m) => [m.dutyId, m.late])).toEqual([
      ['monthly', 1],
      ['yearly', 0],
    ]);
    const monthly = matrices[0]!;
    expect(monthly.periods.map((p) => p.periodLabel)).toEqual(['2026年10月', '2026年11月']);
    expect(monthly.rows.map((r) => r.unitId)).toEqual(['school-8', 'school-7']);
    expect(monthly.rows[1]!.cells['monthly:2026年10月']).toMatchObject({ status: 'late', escalationStage: 'notice' });
    expect(monthly.rows[0]!.cells['monthly:2026年10月']).toMatchObject({ status: 'submitted' });
    expect(matrices[1]!.rows.map((r) => Object.keys(r.cells))).toEqual([['yearly:2026年']]);
  });

  it('no occurrences, no matrix', () => {
    expect(dutyMatrices([])).toEqual([]);
  });
});

describe('phaseGanttOption', () => {
  const view: Pick<CampaignView, 'phases' | 'milestones' | 'today'> = {
    today: '2026-11-24',
    phases: [
      { id: 'mobilisation', name: '动员部署', start: '2026-01-01', end: '2026-01-31', state: 'done' },
      { id: 'rectification', name: '排查整治', start: '2026-02-01', end: '2026-12-31', state: 'current' },
    ],
    milestones: [
      {
        milestoneId: 'sweep',
        title: '消防隐患排查',
        dueOn: '2026-10-31',
        state: 'confirmed',
        stateLabel: '已确认完成',
        owners: [],
        confirmedOn: '2026-10-30',
        confirmedBy: '张科长',
        note: null,
        escalationStage: null,
      },
    ],
  };

  it('a row per phase and one for the milestones; bars from the first day to the day after the last', () => {
    const option = phaseGanttOption(view) as { yAxis: { data: string[] }; series: Array<{ data: unknown[]; markLine?: { data: Array<{ xAxis: number }> } }> };
    expect(option.yAxis.data).toEqual(['动员部署', '排查整治', '节点']);
    const [phases, milestones] = option.series;
    expect(phases!.data).toEqual([
      { value: [0, Date.UTC(2026, 0, 1), Date.UTC(2026, 1, 1)], itemStyle: { color: expect.any(String) } },
      { value: [1, Date.UTC(2026, 1, 1), Date.UTC(2027, 0, 1)], itemStyle: { color: expect.any(String) } },
    ]);
    expect(phases!.markLine!.data).toEqual([{ xAxis: Date.UTC(2026, 10, 24) }]);
    expect(milestones!.data).toEqual([[Date.UTC(2026, 9, 31), '节点']]);
  });

  it('no milestone row when the campaign has none', () => {
    const option = phaseGanttOption({ ...view, milestones: [] }) as { yAxis: { data: string[] } };
    expect(option.yAxis.data).toEqual(['动员部署', '排查整治']);
  });
});
