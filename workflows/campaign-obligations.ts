/**
 * What units owe under a campaign run and where each obligation stands: the duty occurrences each
 * unit must submit, the milestones (节点) their owners must confirm, and a ledger imported when the
 * engine takes over a campaign that had already begun. Pure: the workflow holds the state and
 * calls these.
 */
import { initialTransition, transition } from 'xstate';
import { MilestoneState, OccurrenceStatus } from './campaign.contract';
import type { CampaignLogEntry, CampaignRunState, EventRecord, LedgerEntry, LedgerImportReport, MilestoneRecord, ObligationMachine, OccurrenceRecord } from './campaign.messages';
import { describeTimeLimit, eventDeadline, type EventReport } from '../definitions/event';
import { epochMsToLocalDate } from '../definitions/local-date';
import { eventDutyId, unitName, type CampaignPlan } from './campaign-plan';
import { isOverdueAt, overdueInstant, type RunClock } from './deadline.contract';
import { dutyOccurrenceMachine, type OccurrenceEvent } from './duty-occurrence.machine';

export type LogLine = Omit<CampaignLogEntry, 'at'>;

export const occurrenceKey = (occurrenceId: string, unitId: string): string => `${occurrenceId}@${unitId}`;

function openObligation(dueOn: string): ObligationMachine {
  const [initial] = initialTransition(dutyOccurrenceMachine, { dueOn });
  return { value: initial.value, context: initial.context };
}

/** Feeds one event to an obligation's machine; returns its new state and the actions to carry out. */
export function applyToObligation(machine: ObligationMachine, event: OccurrenceEvent): { machine: ObligationMachine; actions: Array<{ type: string; params?: unknown }> } {
  const [next, actions] = transition(dutyOccurrenceMachine, dutyOccurrenceMachine.resolveState(machine), event);
  return { machine: { value: next.value, context: next.context }, actions };
}

const isSubmitted = (machine: ObligationMachine): boolean => machine.value === 'submitted';

/** Fell due before the engine took the campaign over. */
const dueBeforeAdoption = (dueOn: string, adoptedOn: string | null | undefined): boolean => adoptedOn != null && dueOn < adoptedOn;

/**
 * Opens, for every unit that owes it, each occurrence whose day has come by `through`, and starts
 * tracking every milestone of the plan. Returns the lines for the run's log and how many
 * obligations it added.
 */
export function openThrough(state: CampaignRunState, plan: CampaignPlan, through: string): { lines: LogLine[]; added: number } {
  const lines: LogLine[] = [];
  let added = 0;
  for (const occurrence of plan.timeline.occurrences) {
    if (occurrence.opensOn > through) continue;
    const duty = plan.duties.get(occurrence.dutyId);
    let opened = 0;
    for (const unitId of plan.dutyOwers.get(occurrence.dutyId) ?? []) {
      const key = occurrenceKey(occurrence.occurrenceId, unitId);
      if (state.occurrences[key]) continue;
      state.occurrences[key] = {
        occurrenceId: occurrence.occurrenceId,
        dutyId: occurrence.dutyId,
        unitId,
        opensOn: occurrence.opensOn,
        dueOn: occurrence.dueOn,
        ...(occurrence.dueTime ? { dueTime: occurrence.dueTime } : {}),
        machine: openObligation(occurrence.dueOn),
        ...(dueBeforeAdoption(occurrence.dueOn, state.adoptedOn) ? { beforeAdoption: true } : {}),
      };
      opened += 1;
    }
    added += opened;
    if (opened > 0) {
      const early = dueBeforeAdoption(occurrence.dueOn, state.adoptedOn) ? '（已于启用前到期，不予督办）' : '';
      lines.push({ event: 'duty-opened', detail: `${duty?.title.zh}（${occurrence.periodLabel}）开始，${opened}个单位须于${occurrence.dueOn}${occurrence.dueTime ? ` ${occurrence.dueTime}` : ''}前完成${early}` });
    }
  }
  state.milestones ??= {};
  for (const [milestoneId, { milestone, dueOn }] of plan.milestones) {
    if (state.milestones[milestoneId]) continue;
    state.milestones[milestoneId] = {
      milestoneId,
      dueOn,
      confirmation: null,
      owners: Object.fromEntries(milestone.owners.map((owner) => [owner, openObligation(dueOn)])),
      ...(dueBeforeAdoption(dueOn, state.adoptedOn) ? { beforeAdoption: true } : {}),
    };
    added += 1;
  }
  return { lines, added };
}

/**
 * Takes an event the caller has checked (eventRefusal): keeps it, and opens its type's duty for the
 * event's unit, due the type's time limit after the event on the run's calendar. Returns the event
 * and the line for the run's log; the caller schedules the duty's ladder.
 */
export function openEventDuty(
  state: CampaignRunState,
  plan: CampaignPlan,
  report: EventReport & { by: string },
  at: { iso: string; today: string },
): { event: EventRecord; key: string; line: LogLine } {
  const type = plan.events.get(report.type)!;
  const events = (state.events ??= {});
  const eventId = `${report.type}-${Object.keys(events).length + 1}`;
  const occurrenceId = `event:${eventId}`;
  const deadline = eventDeadline(type.duty.within, Date.parse(report.occurredAt), plan.definition.timeZone, plan.calendar);
  const dueTime = deadline.dueTime ? { dueTime: deadline.dueTime } : {};
  const event: EventRecord = {
    eventId,
    type: report.type,
    unitId: report.unitId,
    ...(report.sector ? { sector: report.sector } : {}),
    occurredAt: report.occurredAt,
    text: report.text,
    reportedBy: report.by,
    reportedAt: at.iso,
    occurrenceId,
    ...deadline,
  };
  events[eventId] = event;
  const key = occurrenceKey(occurrenceId, report.unitId);
  const occurredOn = epochMsToLocalDate(Date.parse(report.occurredAt), plan.definition.timeZone);
  state.occurrences[key] = {
    occurrenceId,
    dutyId: eventDutyId(report.type),
    unitId: report.unitId,
    opensOn: at.today,
    dueOn: deadline.dueOn,
    ...dueTime,
    eventId,
    label: `${occurredOn}事件`,
    machine: openObligation(deadline.dueOn),
  };
  const due = `${deadline.dueOn}${deadline.dueTime ? ` ${deadline.dueTime}` : ''}`;
  const detail = `报告事件“${type.title.zh}”（${eventId}，${report.occurredAt}，${unitName(plan, report.unitId)}）：${report.text}；${type.duty.title.zh}须于${describeTimeLimit(type.duty.within)}即${due}前完成（${report.by}）`;
  return { event, key, line: { event: 'event-reported', detail } };
}

/**
 * An event duty's due date counted again on a plan's calendar (a calendar update moves a limit in
 * working days; one in hours stays); undefined for any other occurrence or an event type no longer in the plan.
 */
export function eventDutyDueOn(state: CampaignRunState, plan: CampaignPlan, record: OccurrenceRecord): string | undefined {
  const event = record.eventId ? state.events?.[record.eventId] : undefined;
  const type = event ? plan.events.get(event.type) : undefined;
  return event && type ? eventDeadline(type.duty.within, Date.parse(event.occurredAt), plan.definition.timeZone, plan.calendar).dueOn : undefined;
}

/**
 * The earliest instant after `afterMs` (on the run's clock) at which an obligation still owed turns
 * late (not submitted or confirmed, due on or after `from`, not due before the adoption unless
 * imported as overdue): the end of its due day, or its due time (`dueTime`, e.g. 12:00). Runs of
 * engine 0.1 did not track milestones, so for them only occurrences count.
 * For a due time, the instant is the overdue rule's own (whole seconds in Temporal's time, `run`
 * being the run's real clock) brought back to the run's clock, so that the view read when the run
 * wakes already says late; due days keep the end of the day as runs always have.
 */
export function nextOpenOverdueInstant(state: CampaignRunState, from: string, withMilestones: boolean, run: RunClock, afterMs: number): number | undefined {
  let earliest: number | undefined;
  const consider = (deadline: { dueOn: string; dueTime?: string }, open: boolean) => {
    if (!open || deadline.dueOn < from) return;
    const instant = deadline.dueTime ? overdueInstant(deadline, run) + run.clockOffsetMs : overdueInstant(deadline, { ...run, clockOffsetMs: 0 });
    if (instant > afterMs && (earliest === undefined || instant < earliest)) earliest = instant;
  };
  for (const record of Object.values(state.occurrences)) {
    consider(record, !isSubmitted(record.machine) && (!record.beforeAdoption || record.escalateFrom !== undefined));
  }
  if (withMilestones) {
    for (const record of Object.values(state.milestones ?? {})) {
      consider(record, record.confirmation === null && (!record.beforeAdoption || record.escalateFrom !== undefined));
    }
  }
  return earliest;
}

/** Where an occurrence stands at `nowMs` (Temporal's time), by the engine's one overdue rule. */
export function occurrenceStatus(record: OccurrenceRecord, run: RunClock, nowMs: number): OccurrenceStatus {
  if (isSubmitted(record.machine)) return OccurrenceStatus.submitted;
  if (record.escalateFrom) return OccurrenceStatus.late;
  if (record.beforeAdoption) return OccurrenceStatus.beforeAdoption;
  return isOverdueAt(record, run, nowMs) ? OccurrenceStatus.late : OccurrenceStatus.open;
}

/** Where a milestone stands at `nowMs`: done only once confirmed. */
export function milestoneState(record: MilestoneRecord, run: RunClock, nowMs: number, today: string): MilestoneState {
  if (record.confirmation) return MilestoneState.confirmed;
  if (record.escalateFrom) return MilestoneState.overdue;
  if (record.beforeAdoption) return MilestoneState.beforeAdoption;
  if (isOverdueAt(record, run, nowMs)) return MilestoneState.overdue;
  return record.dueOn === today ? MilestoneState.due : MilestoneState.upcoming;
}

/** Confirms a milestone for all its owners; the caller has checked it may (see milestoneRefusal). */
export function confirmMilestone(record: MilestoneRecord, confirmation: NonNullable<MilestoneRecord['confirmation']>): void {
  record.confirmation = confirmation;
  for (const [owner, machine] of Object.entries(record.owners)) record.owners[owner] = applyToObligation(machine, { type: 'SUBMITTED', on: confirmation.on }).machine;
}

/** Why a milestone cannot be confirmed now (by the owner `unitId`, or by an operator when absent), or undefined when it can. */
export function milestoneRefusal(state: CampaignRunState, plan: CampaignPlan, milestoneId: string, unitId?: string): string | undefined {
  const record = state.milestones?.[milestoneId];
  const planned = plan.milestones.get(milestoneId);
  if (!record || !planned) return `本行动没有编号为“${milestoneId}”的节点`;
  if (unitId !== undefined && !planned.milestone.owners.includes(unitId)) return `节点“${planned.title}”不由单位 ${unitId} 负责，须由其负责单位或行动管理人员确认`;
  if (record.confirmation) return `节点“${planned.title}”已于${record.confirmation.on}由${record.confirmation.by}确认`;
  return undefined;
}

/**
 * Every reason a ledger cannot be applied, one per line at fault (`第 N 行` when the entry names its
 * line): the import is all or nothing, so a refused ledger changes nothing.
 */
export function ledgerRefusals(state: CampaignRunState, plan: CampaignPlan, entries: readonly LedgerEntry[], today: string): string[] {
  const refusals: string[] = [];
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    const where = `第 ${entry.line ?? index + 1} 行`;
    const refuse = (reason: string) => refusals.push(`${where}：${reason}`);
    const key = entry.kind === 'milestone' ? `milestone:${entry.milestoneId}` : occurrenceKey(entry.occurrenceId, entry.unitId);
    if (seen.has(key)) return refuse('与前面的行重复');
    seen.add(key);
    const done = entry.kind === 'milestone' ? entry.confirmedOn : entry.submittedOn;
    if ((done === undefined) === !entry.overdue) return refuse(entry.kind === 'milestone' ? '须写明确认日期或按逾期处理（二者选一）' : '须写明报送日期或按逾期处理（二者选一）');
    if (done !== undefined && done > today) return refuse(`日期 ${done} 晚于今天（${today}）`);
    const record = entry.kind === 'milestone' ? state.milestones?.[entry.milestoneId] : state.occurrences[key];
    if (!record) {
      return refuse(entry.kind === 'milestone' ? `本行动没有编号为“${entry.milestoneId}”的节点` : `没有已开始的报送事项“${entry.occurrenceId}”（单位 ${entry.unitId}）`);
    }
    const closed = 'confirmation' in record ? record.confirmation !== null : isSubmitted(record.machine);
    if (closed) return refuse('该事项已办结，不能再导入');
    if (entry.overdue && !record.beforeAdoption) {
      return refuse(state.adoptedOn ? `该事项于 ${record.dueOn} 到期，不早于启用日 ${state.adoptedOn}，按正常督办，不能按启用前逾期导入` : '本行动是模拟运行或自始即由本系统督办，没有启用前的事项可按逾期导入');
    }
    if (entry.overdue && record.escalateFrom) return refuse(`已于 ${record.escalateFrom} 按逾期导入`);
  });
  return refusals;
}

/** Applies a ledger that ledgerRefusals accepted; returns what it did and the lines for the log. */
export function applyLedger(
  state: CampaignRunState,
  plan: CampaignPlan,
  entries: readonly LedgerEntry[],
  context: { by: string; today: string },
): { report: LedgerImportReport; lines: LogLine[] } {
  const report: LedgerImportReport = { imported: entries.length, submitted: 0, confirmed: 0, overdue: 0 };
  for (const entry of entries) {
    if (entry.kind === 'milestone') {
      const record = state.milestones![entry.milestoneId]!;
      if (entry.overdue) {
        record.escalateFrom = context.today;
        report.overdue += 1;
      } else {
        confirmMilestone(record, { on: entry.confirmedOn!, by: context.by, note: '据台账导入' });
        report.confirmed += 1;
      }
      continue;
    }
    const record = state.occurrences[occurrenceKey(entry.occurrenceId, entry.unitId)]!;
    if (entry.overdue) {
      record.escalateFrom = context.today;
      report.overdue += 1;
    } else {
      record.machine = applyToObligation(record.machine, { type: 'SUBMITTED', on: entry.submittedOn! }).machine;
      report.submitted += 1;
    }
  }
  const summary = `导入台账${entries.length}条：已报送${report.submitted}条，节点已确认${report.confirmed}条，按逾期自${context.today}起督办${report.overdue}条（${context.by}）`;
  return { report, lines: [{ event: 'ledger-imported', detail: summary }] };
}
