/**
 * What a campaign run shows an operator (its query, and its result when it completes): the
 * phases, each unit's occurrences and the milestones with where they stand, the counts, the
 * escalation log and the run's log. Pure: built from the run's state whenever it is read.
 */
import { MILESTONE_STATE_LABELS, OCCURRENCE_STATUS_LABELS, OccurrenceStatus } from './campaign.contract';
import type { CampaignRunState, CampaignView, EventRecord, EventView, MilestoneView, OccurrenceRecord, OccurrenceView, WindowView } from './campaign.messages';
import { milestoneState, occurrenceKey, occurrenceStatus } from './campaign-obligations';
import { eventTypeOfDuty, unitName, type CampaignPlan } from './campaign-plan';
import { currentPhase, phaseStates, type PhaseSnapshot } from './campaign-phases';
import { missingCalendarYears } from '../definitions/run-calendar';
import { WINDOW_STATE_LABELS } from '../definitions/vocabulary';
import { windowStateOn } from '../definitions/window';
import type { RunClock } from './deadline.contract';

/** The moment a view is read: the run's clock and its local day. */
export interface ViewedAt {
  nowMs: number;
  today: string;
  run: RunClock;
}

export function occurrenceView(record: OccurrenceRecord, plan: CampaignPlan, at: ViewedAt): OccurrenceView {
  const status = occurrenceStatus(record, at.run, at.nowMs);
  return {
    occurrenceId: record.occurrenceId,
    dutyId: record.dutyId,
    dutyTitle: plan.duties.get(record.dutyId)?.title.zh ?? eventTypeOfDuty(plan, record.dutyId)?.duty.title.zh ?? record.dutyId,
    periodLabel: plan.occurrences.get(record.occurrenceId)?.periodLabel ?? record.label ?? '',
    unitId: record.unitId,
    unitName: unitName(plan, record.unitId),
    opensOn: record.opensOn,
    dueOn: record.dueOn,
    ...(record.dueTime ? { dueTime: record.dueTime } : {}),
    status,
    statusLabel: OCCURRENCE_STATUS_LABELS[status],
    submittedOn: record.machine.context.submittedOn,
    escalationStage: record.machine.context.escalationStage,
    escalateFrom: record.escalateFrom ?? null,
  };
}

export function eventView(event: EventRecord, state: CampaignRunState, plan: CampaignPlan, at: ViewedAt): EventView {
  const duty = occurrenceView(state.occurrences[occurrenceKey(event.occurrenceId, event.unitId)]!, plan, at);
  return { ...event, title: plan.events.get(event.type)?.title.zh ?? event.type, unitName: unitName(plan, event.unitId), duty };
}

export function milestoneViews(state: CampaignRunState, plan: CampaignPlan, at: ViewedAt): MilestoneView[] {
  return plan.timeline.milestones.map(({ milestoneId, title, dueOn }) => {
    // Tracked from the run's first day; a run of engine 0.1 tracks them from its next day.
    const record = state.milestones?.[milestoneId] ?? { milestoneId, dueOn, confirmation: null, owners: {} };
    const owners = plan.milestones.get(milestoneId)?.milestone.owners ?? [];
    const stateNow = milestoneState(record, at.run, at.nowMs, at.today);
    const stages = Object.values(record.owners).flatMap((machine) => machine.context.escalationStage ?? []);
    return {
      milestoneId,
      title,
      dueOn,
      state: stateNow,
      stateLabel: MILESTONE_STATE_LABELS[stateNow],
      owners: owners.map((unitId) => ({ unitId, unitName: unitName(plan, unitId) })),
      confirmedOn: record.confirmation?.on ?? null,
      confirmedBy: record.confirmation?.by ?? null,
      note: record.confirmation?.note ?? null,
      escalationStage: stages.at(-1) ?? null,
    };
  });
}

/** The activity windows (活动时段) and where each stands on the run's day. */
export function windowViews(plan: CampaignPlan, today: string): WindowView[] {
  return plan.timeline.windows.map((window) => {
    const state = windowStateOn(window, today);
    return {
      windowId: window.windowId,
      title: window.title,
      from: window.from,
      to: window.to,
      state,
      stateLabel: WINDOW_STATE_LABELS[state],
      owners: window.owners.map((unitId) => ({ unitId, unitName: unitName(plan, unitId) })),
      audience: window.audience ?? null,
    };
  });
}

export function campaignView(state: CampaignRunState, plan: CampaignPlan, phases: PhaseSnapshot, at: ViewedAt): CampaignView {
  const occurrences = Object.values(state.occurrences).map((record) => occurrenceView(record, plan, at));
  const count = (status: OccurrenceStatus): number => occurrences.filter((o) => o.status === status).length;
  const phase = currentPhase(plan, phases);
  return {
    campaignId: plan.definition.id,
    version: plan.definition.version,
    title: plan.definition.title.zh,
    jurisdiction: plan.definition.jurisdiction,
    status: phases.status === 'done' ? 'completed' : phase ? 'running' : 'pending',
    currentPhase: phase ?? null,
    today: at.today,
    clockOffsetMs: state.clockOffsetMs,
    adoptedOn: state.adoptedOn ?? null,
    phases: phaseStates(plan, phases),
    windows: windowViews(plan, at.today),
    milestones: milestoneViews(state, plan, at),
    occurrences,
    counts: {
      open: count(OccurrenceStatus.open),
      late: count(OccurrenceStatus.late),
      submitted: count(OccurrenceStatus.submitted),
      beforeAdoption: count(OccurrenceStatus.beforeAdoption),
      upcoming: plan.timeline.occurrences
        .filter((o) => o.opensOn > (state.processedThrough ?? ''))
        .reduce((sum, o) => sum + (plan.dutyOwers.get(o.dutyId)?.length ?? 0), 0),
    },
    calendar: calendarOf(state, plan),
    ...(state.events ? { events: Object.values(state.events).map((event) => eventView(event, state, plan, at)) } : {}),
    escalationLog: state.escalationLog,
    log: state.log,
    earlierLines: { escalationLog: state.earlierLines?.escalationLog ?? 0, log: state.earlierLines?.log ?? 0 },
  };
}

/** The official years a run's dates are counted on, and the years they fall in without one (working days assumed there). */
function calendarOf(state: CampaignRunState, plan: CampaignPlan): CampaignView['calendar'] {
  const missingYears = missingCalendarYears(plan.timeline, plan.calendar);
  const yearOf = (date: string): number => Number(date.slice(0, 4));
  const first = yearOf(plan.timeline.span.start);
  const deadlines = [...plan.timeline.occurrences.map((o) => o.dueOn), ...plan.timeline.milestones.map((m) => m.dueOn)];
  const last = Math.max(yearOf(plan.timeline.span.end), ...deadlines.map(yearOf));
  const years = Array.from({ length: last - first + 1 }, (_, i) => first + i).filter((year) => plan.calendar.isOfficialYear(year));
  return { years, revision: state.calendarRevision ?? 0, missingYears };
}
