/**
 * What the campaign list says of each run beside its phase: the days left until its last day, and
 * what is overdue in it (hazards past their time limit, duty occurrences past due and not
 * submitted), from the reporting statistics grouped by run.
 */
import type { DutyStatisticsRow, HazardStatisticsRow } from '../api/types';

const DAY_MS = 86_400_000;

/** Whole days from one calendar date (YYYY-MM-DD) to another; negative when `to` is earlier. */
export const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/** The days left of a run ending on `lastDay` (inclusive), seen on `today`: 剩 N 天, 今日结束, 已结束 or 未开始. */
export function daysLeftText(span: { start: string; end: string }, today: string): { text: string; days: number | null } {
  if (today < span.start) return { text: `未开始（${daysBetween(today, span.start)} 天后）`, days: null };
  const days = daysBetween(today, span.end);
  if (days < 0) return { text: '已结束', days: null };
  return days === 0 ? { text: '今日结束', days: 0 } : { text: `剩 ${days} 天`, days };
}

export interface RunOverdue {
  hazards: number;
  duties: number;
}

/** Per run id: its overdue hazards and missing duty occurrences (statistics rows grouped by campaign, one period). */
export function overdueByRun(hazards: readonly HazardStatisticsRow[], duties: readonly DutyStatisticsRow[]): Map<string, RunOverdue> {
  const byRun = new Map<string, RunOverdue>();
  const entry = (runId: string): RunOverdue => byRun.get(runId) ?? byRun.set(runId, { hazards: 0, duties: 0 }).get(runId)!;
  for (const row of hazards) if (row.campaignRunId) entry(row.campaignRunId).hazards += row.overdue;
  for (const row of duties) if (row.campaignRunId) entry(row.campaignRunId).duties += row.missing;
  return byRun;
}
