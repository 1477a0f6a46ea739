/**
 * What a hazard run shows (its query, its memo, the reporting projection and its result): where the
 * hazard stands, whether it is overdue, its ladder on calendar dates and the next rung, the
 * re-inspection day, the escalation log and the history. Pure: built from the run's state whenever
 * it is read.
 */
import { reinspectionDate } from '../definitions/hazard-policy';
import { ESCALATION_ACTION_LABELS } from '../definitions/vocabulary';
import { HAZARD_STATUS_LABELS, HazardStatus, isHazardOverdue } from './hazard.contract';
import type { HazardView, HazardWorkflowInput } from './hazard.messages';
import { ladderOnDates, upcomingRung, type HazardLadder, type HazardStanding } from './hazard-ladder';
import type { RevisedHazardState } from './hazard-state';

/** The moment a view is read: Temporal's time, and the run's clock shift the overdue rule is judged by. */
export interface HazardViewedAt {
  nowMs: number;
  clockOffsetMs: number;
}

export function hazardView(
  input: Pick<HazardWorkflowInput, 'rules' | 'hazard'>,
  state: RevisedHazardState,
  ladder: HazardLadder,
  standing: HazardStanding,
  at: HazardViewedAt,
): HazardView {
  const { rules, hazard } = input;
  const { campaign } = rules;
  const { status, context } = standing;
  const next = upcomingRung(ladder, standing);
  const judgedBy = { status, dueOn: context.dueOn, timeZone: campaign.timeZone, clockOffsetMs: at.clockOffsetMs };
  return {
    hazard,
    campaignId: campaign.id,
    jurisdiction: campaign.jurisdiction,
    revision: state.revision,
    status,
    statusLabel: HAZARD_STATUS_LABELS[status],
    dueOn: context.dueOn,
    deadlines: context.deadlines,
    overdue: isHazardOverdue(judgedBy, at.nowMs),
    underListedSupervision: context.underListedSupervision,
    escalationStage: context.escalationStage,
    nextEscalation: next
      ? { stepIndex: next.stepIndex, action: next.step.action, actionLabel: ESCALATION_ACTION_LABELS[next.step.action], at: new Date(next.at).toISOString() }
      : null,
    ladder: ladderOnDates(ladder, standing, state.escalationLog),
    reinspectionDueOn:
      status === HazardStatus.awaitingReinspection && state.closedOn && rules.hazardPolicy
        ? (reinspectionDate(rules.hazardPolicy, hazard.level, state.closedOn, ladder.calendar) ?? null)
        : null,
    extensionRequest: context.extensionRequest,
    escalationLog: state.escalationLog,
    history: state.history,
    registeredOn: state.registeredOn,
    closedOn: state.closedOn,
    timeZone: campaign.timeZone,
    clockOffsetMs: at.clockOffsetMs,
  };
}
