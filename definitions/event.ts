/**
 * Events (重大事故、突发事件、督查发现的重大隐患): when the duty an event starts is due, and the
 * checks of the event types a definition declares. Pure and zod-free: the campaign workflow counts
 * an event's deadline with it on the run's calendar.
 */
import { addOffset, type Calendar } from './calendar';
import type { CampaignDefinition } from './campaign.schema';
import type { EventTimeLimit, EventType } from './event.schema';
import { formatPath, IssueCode, type DocumentPath, type SemanticIssue } from './issue-code';
import { epochMsToLocalDate, epochMsToLocalTimeCeil, type LocalDate, type LocalTime } from './local-date';
import { unitsById } from './unit-tree';

const HOUR_MS = 3_600_000;

/**
 * When an event's duty is due: `hours` after the event (a date and a time of day), or by the end of
 * the day `days` (calendar or working) after the event's local date.
 * @example eventDeadline({ hours: 2 }, Date.parse('2026-03-10T02:15:00Z'), 'Asia/Shanghai', calendar) // { dueOn: '2026-03-10', dueTime: '12:15' }
 */
export function eventDeadline(limit: EventTimeLimit, occurredAtMs: number, timeZone: string, calendar: Calendar): { dueOn: LocalDate; dueTime?: LocalTime } {
  if ('hours' in limit) {
    const dueMs = occurredAtMs + limit.hours * HOUR_MS;
    return { dueOn: epochMsToLocalDate(dueMs, timeZone), dueTime: epochMsToLocalTimeCeil(dueMs, timeZone) };
  }
  return { dueOn: addOffset(calendar, epochMsToLocalDate(occurredAtMs, timeZone), { days: limit.days, unit: limit.unit }) };
}

/** The time limit in words: `2小时内`, `3个工作日内`. */
export function describeTimeLimit(limit: EventTimeLimit): string {
  return 'hours' in limit ? `${limit.hours}小时内` : `${limit.days}${limit.unit === 'working' ? '个工作日' : '天'}内`;
}

/** An event as reported (the API body, less who sent it). */
export interface EventReport {
  type: string;
  unitId: string;
  sector?: string;
  occurredAt: string;
  text: string;
}

/**
 * Why an event cannot be taken (unknown type, unit or sector; a unit that may not report it; a time
 * that is not an instant or lies ahead), or undefined. `reporterUnit` is the reporting unit, absent
 * for an operator.
 */
export function eventRefusal(def: Pick<CampaignDefinition, 'jurisdiction' | 'organisation' | 'sectors' | 'events'>, report: EventReport, nowMs: number, reporterUnit?: string): string | undefined {
  const type = def.events?.find((event) => event.id === report.type);
  if (!type) return `本行动没有“${report.type}”这类事件（可报告：${def.events?.map((e) => `${e.id} ${e.title.zh}`).join('、') || '无'}）`;
  if (!unitsById(def).has(report.unitId)) return `单位“${report.unitId}”不是本行动的单位`;
  if (reporterUnit !== undefined && type.reportedBy && !type.reportedBy.includes(reporterUnit)) return `单位“${reporterUnit}”不能报告“${type.title.zh}”`;
  if (report.sector !== undefined && !def.sectors?.some((sector) => sector.id === report.sector)) return `行业领域“${report.sector}”不在本行动的 sectors 中`;
  const occurredAtMs = Date.parse(report.occurredAt);
  if (Number.isNaN(occurredAtMs)) return `事件时间“${report.occurredAt}”不是带时区的时刻（如 2026-03-10T10:15:00+08:00）`;
  if (occurredAtMs > nowMs) return `事件时间 ${report.occurredAt} 晚于现在`;
  return undefined;
}

/** The checks of the declared event types: unique ids, known units (reporters, report-to) and ladders. */
export function checkEvents(def: Pick<CampaignDefinition, 'jurisdiction' | 'organisation' | 'sectors' | 'events' | 'escalationLadders'>): SemanticIssue[] {
  const issues: SemanticIssue[] = [];
  const report = (code: SemanticIssue['code'], path: DocumentPath, params: SemanticIssue['params']) => issues.push({ code, path, params });
  const units = unitsById(def);
  const events: readonly EventType[] = def.events ?? [];
  events.forEach((event, i) => {
    const first = events.findIndex((e) => e.id === event.id);
    if (first !== i) report(IssueCode.duplicateId, ['events', i, 'id'], { id: event.id, first: formatPath(['events', first]) });
    event.reportedBy?.forEach((unit, j) => {
      if (!units.has(unit)) report(IssueCode.unknownUnit, ['events', i, 'reportedBy', j], { id: unit });
    });
    if (event.duty.reportTo !== undefined && !units.has(event.duty.reportTo)) report(IssueCode.unknownUnit, ['events', i, 'duty', 'reportTo'], { id: event.duty.reportTo });
    if (event.ladder !== undefined && !(event.ladder in def.escalationLadders)) report(IssueCode.unknownLadder, ['events', i, 'ladder'], { id: event.ladder });
  });
  return issues;
}
