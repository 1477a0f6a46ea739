/**
 * Taking one rung of an escalation ladder from inside a workflow, shared by the hazard and the
 * campaign workflows: when it is due, what the activity is told, and what the run's log keeps.
 */
import { ApplicationFailure, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { StepAddressees } from '../definitions/audience';
import type { Calendar } from '../definitions/calendar';
import type { EscalationLadder, EscalationStep } from '../definitions/escalation.schema';
import { ESCALATION_ACTION_LABELS, EscalationActionName } from '../definitions/vocabulary';
import { scheduleEscalation } from '../definitions/escalation';
import { epochMsToLocalDate, localDateTimeToEpochMs, toDayNumber } from '../definitions/local-date';
import type { CampaignRef, EscalationActivities, EscalationStepInput, OverdueItem } from '../activities/escalation.types';
import { ESCALATION_ACTIVITY_OPTIONS } from '../temporal.config';
import type { CampaignClock } from './campaign-clock';

/** Unless the campaign says otherwise, rungs are taken at the start of office hours on their day. */
export const DEFAULT_ESCALATION_TIME = '09:00';

const activities = proxyActivities<EscalationActivities>(ESCALATION_ACTIVITY_OPTIONS);

/** One line of a run's escalation log: what was done to whom, when it was planned and when it happened. */
export interface EscalationLogEntry {
  itemId: string;
  unitId: string;
  ladderId: string;
  stepIndex: number;
  action: string;
  /** Chinese name of the measure (通报, 约谈 …). */
  actionLabel: string;
  plannedAt: string;
  performedAt: string | null;
  recipient: string | null;
  message: string | null;
  recordId: string | null;
  outcome: 'delivered' | 'already-delivered' | 'failed';
  error?: string;
}

/** The next rung of a ladder still to come for an item. */
export interface NextRung {
  stepIndex: number;
  step: EscalationStep;
  /** When it is taken: office hours on its day, on the run's clock. */
  at: number;
  /** Planned on a day before the item came under the engine (the run's adoption, the hazard's registration): passed over, never taken late. */
  skip: boolean;
}

/**
 * The next rung of a ladder counted from `base` (the due date, or the day escalation counts from
 * when the item came under the engine later), `stepsTaken` rungs in; undefined past the top.
 * Offsets are measured from the current base, so an extension moves every rung not yet taken.
 * Only a reminder may come before the item is overdue: any other measure written on or before the
 * due date is taken at the instant the item turns overdue (`overdueFrom`, on the run's clock), so
 * escalation agrees with the overdue rule the lists and details show.
 */
export function nextEscalation(
  ladder: EscalationLadder | undefined,
  base: string,
  stepsTaken: number,
  calendar: Calendar,
  when: { timeZone: string; escalationTime?: string; notBefore?: string; overdueFrom?: number },
): NextRung | undefined {
  if (!ladder || stepsTaken >= ladder.steps.length) return undefined;
  const scheduled = scheduleEscalation(ladder, base, calendar)[stepsTaken];
  if (!scheduled) return undefined;
  const onItsDay = localDateTimeToEpochMs(scheduled.on, when.escalationTime ?? DEFAULT_ESCALATION_TIME, when.timeZone);
  const waitsForOverdue = scheduled.step.action !== EscalationActionName.reminder && when.overdueFrom !== undefined;
  return {
    stepIndex: stepsTaken,
    step: scheduled.step,
    at: waitsForOverdue ? Math.max(onItsDay, when.overdueFrom!) : onItsDay,
    skip: when.notBefore !== undefined && scheduled.on < when.notBefore,
  };
}

/**
 * Runs the step's activity (named by its action) and returns the log line. A step the recipient
 * refuses for good is logged as failed rather than failing the whole run: the ladder goes on.
 */
export async function takeEscalationStep(args: {
  campaign: CampaignRef;
  item: OverdueItem;
  ladderId: string;
  stepIndex: number;
  step: EscalationStep;
  plannedAt: number;
  /** Unique within the run, e.g. `hazard/step-2` or `quarterly-report:2021-Q1/unit-a/step-0`. */
  stepKey: string;
  clock: CampaignClock;
  /** The units the step addresses on the unit tree (definitions/audience.ts stepAddressees), if any. */
  addressees?: StepAddressees;
  /** A step collected by sector: every item it gathers into this one action. */
  collected?: EscalationStepInput['collected'];
}): Promise<EscalationLogEntry> {
  const { workflowId } = workflowInfo();
  const base = {
    itemId: args.item.id,
    unitId: args.item.unitId,
    ladderId: args.ladderId,
    stepIndex: args.stepIndex,
    action: args.step.action,
    actionLabel: ESCALATION_ACTION_LABELS[args.step.action],
    plannedAt: new Date(args.plannedAt).toISOString(),
  };
  const plannedDay = epochMsToLocalDate(args.plannedAt, args.campaign.timeZone);
  try {
    const outcome = await activities[args.step.action]({
      idempotencyKey: `${workflowId}/${args.stepKey}`,
      workflowId,
      campaign: args.campaign,
      item: args.item,
      stepIndex: args.stepIndex,
      ladderId: args.ladderId,
      step: args.step,
      plannedAt: base.plannedAt,
      overdueDays: Math.max(0, toDayNumber(plannedDay) - toDayNumber(args.item.dueOn)),
      ...(args.addressees ? { addressees: args.addressees } : {}),
      ...(args.collected ? { collected: args.collected } : {}),
    });
    return {
      ...base,
      // The run's own clock, not the activity's: the same in a live run, and right in a simulation.
      performedAt: new Date(args.clock.now()).toISOString(),
      recipient: outcome.recipient,
      message: outcome.message,
      recordId: outcome.recordId ?? null,
      outcome: outcome.outcome,
    };
  } catch (error) {
    const cause = error instanceof ApplicationFailure ? error : (error as { cause?: unknown }).cause;
    return {
      ...base,
      performedAt: null,
      recipient: null,
      message: null,
      recordId: null,
      outcome: 'failed',
      error: cause instanceof Error ? cause.message : String(error),
    };
  }
}
