/** What the console computes from the reporting statistics, the campaign list's run summary and a hazard's ladder. */
import { describe, expect, it } from 'vitest';
import type { DutyStatisticsRow, HazardStatisticsRow, LadderRung } from '../../console/src/api/types';
import { base64Of, ledgerFormatOf } from '../../console/src/campaign/ledger-file';
import { daysLeftText, overdueByRun } from '../../console/src/campaign/run-summary';
import { monthlyTrend } from '../../console/src/campaign/trend-charts';
import { ladderLines } from '../../console/src/hazard/ladder';
import { escalationsText, hazardTotals, periodText, rateText, rowSubject } from '../../console/src/reports/statistics';

const hazardRow = (over: Partial<HazardStatisticsRow>): HazardStatisticsRow => ({
  campaignRunId: null,
  unitId: null,
  unitName: null,
  period: null,
  registered: 0,
  rectified: 0,
  verified: 0,
  closed: 0,
  overdue: 0,
  rectificationRate: null,
  overdueDays: { total: 0, max: 0 },
  escalations: {},
  ...over,
});
const dutyRow = (over: Partial<DutyStatisticsRow>): DutyStatisticsRow => ({
  campaignRunId: null,
  unitId: null,
  unitName: null,
  period: null,
  onTime: 0,
  late: 0,
  missing: 0,
  open: 0,
  beforeAdoption: 0,
  escalations: {},
  ...over,
});

describe('statistics in words', () => {
  it('writes 整改率 as a percentage, and a dash when nothing was registered', () => {
    expect(rateText(0.8571)).toBe('85.7%');
    expect(rateText(1)).toBe('100.0%');
    expect(rateText(null)).toBe('—');
  });
  it('names a row by its unit, or by its run', () => {
    expect(rowSubject(hazardRow({ unitId: 'towns', unitName: '城关镇' }))).toBe('城关镇（towns）');
    expect(rowSubject(hazardRow({ unitId: 'towns', unitName: 'towns' }))).toBe('towns');
    expect(rowSubject(dutyRow({ campaignRunId: 'x@CN.t' }))).toBe('x@CN.t');
  });
  it('writes periods as a Chinese office does', () => {
    expect(periodText('2024-03')).toBe('2024年3月');
    expect(periodText('2024-Q1')).toBe('2024年第1季度');
    expect(periodText('2024')).toBe('2024年');
    expect(periodText(null)).toBe('全部');
  });
  it('sums escalations most frequent first, leaving out none taken', () => {
    const label = (action: string) => ({ notice: '通报', interview: '约谈' })[action] ?? action;
    expect(escalationsText({ interview: 1, notice: 3, letter: 0 }, label)).toBe('通报 3 · 约谈 1');
    expect(escalationsText({}, label)).toBe('—');
  });
  it('totals a table with the rate of its sums, not the mean of its rates', () => {
    const totals = hazardTotals([hazardRow({ registered: 1, closed: 1, rectificationRate: 1 }), hazardRow({ registered: 3, closed: 0, overdue: 2, rectificationRate: 0 })]);
    expect(totals).toEqual({ registered: 4, closed: 1, overdue: 2, rate: 0.25 });
    expect(hazardTotals([]).rate).toBeNull();
  });
});

describe('the campaign list', () => {
  it('counts the days left to the last day, inclusive', () => {
    expect(daysLeftText({ start: '2024-03-01', end: '2026-12-31' }, '2026-12-01')).toEqual({ text: '剩 30 天', days: 30 });
    expect(daysLeftText({ start: '2024-03-01', end: '2026-12-31' }, '2026-12-31')).toEqual({ text: '今日结束', days: 0 });
    expect(daysLeftText({ start: '2024-03-01', end: '2026-12-31' }, '2027-01-01').text).toBe('已结束');
    expect(daysLeftText({ start: '2024-03-01', end: '2026-12-31' }, '2024-02-28').text).toBe('未开始（2 天后）');
  });
  it('counts overdue hazards and missing duty occurrences per run', () => {
    const byRun = overdueByRun(
      [hazardRow({ campaignRunId: 'a', overdue: 2 }), hazardRow({ campaignRunId: 'b', overdue: 0 })],
      [dutyRow({ campaignRunId: 'a', missing: 1 }), dutyRow({ campaignRunId: 'c', missing: 4 })],
    );
    expect(Object.fromEntries(byRun)).toEqual({ a: { hazards: 2, duties: 1 }, b: { hazards: 0, duties: 0 }, c: { hazards: 0, duties: 4 } });
  });
});

describe('the campaign trend', () => {
  it('joins hazard and duty months, oldest first, with the month rate of its units together', () => {
    const points = monthlyTrend(
      [
        hazardRow({ period: '2026-05', unitId: 'a', registered: 2, closed: 1, overdue: 1 }),
        hazardRow({ period: '2026-05', unitId: 'b', registered: 2, closed: 2 }),
        hazardRow({ period: '2026-03', unitId: 'a', registered: 1, closed: 0, overdue: 1 }),
      ],
      [dutyRow({ period: '2026-04', missing: 3 }), dutyRow({ period: '2026-05', missing: 1 })],
    );
    expect(points).toEqual([
      { month: '2026-03', registered: 1, rate: 0, overdueHazards: 1, missingDuties: 0 },
      { month: '2026-04', registered: 0, rate: null, overdueHazards: 0, missingDuties: 3 },
      { month: '2026-05', registered: 4, rate: 0.75, overdueHazards: 1, missingDuties: 1 },
    ]);
  });
});

describe('a hazard ladder', () => {
  it('heads the line with the time limit and puts the rungs on their days, in ladder order on the same day', () => {
    const rung = (stepIndex: number, action: string, on: string, state: LadderRung['state']): LadderRung => ({ stepIndex, action, actionLabel: action, on, state });
    const lines = ladderLines([rung(2, '约谈', '2026-07-10', 'upcoming'), rung(1, '通报', '2026-07-03', 'taken'), rung(0, '提醒', '2026-07-03', 'passed-over')], '2026-06-30');
    expect(lines.map((line) => [line.on, line.title, line.label])).toEqual([
      ['2026-06-30', '整改期限', '期限'],
      ['2026-07-03', '提醒', '启用前已过，未采取'],
      ['2026-07-03', '通报', '已采取'],
      ['2026-07-10', '约谈', '待执行'],
    ]);
  });
});

describe('a ledger file', () => {
  it('is read as CSV or Excel by its name, and refused otherwise', () => {
    expect(ledgerFormatOf('台账.CSV')).toBe('csv');
    expect(ledgerFormatOf('ledger.xlsx')).toBe('xlsx');
    expect(ledgerFormatOf('ledger.xls')).toBeUndefined();
  });
  it('is sent as base64, whatever its size', () => {
    const bytes = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 7) % 256);
    expect(base64Of(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    expect(base64Of(new TextEncoder().encode('类型,编号'))).toBe(Buffer.from('类型,编号').toString('base64'));
  });
});
