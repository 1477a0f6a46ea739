/**
 * Taking one rung of an escalation ladder from inside a workflow, shared by the hazard and the
 * campaign workflows: when it is due, what the activity is told, and what the run's log keeps.
 */
import { ApplicationFailure, proxyActivities, proxyLocalActivities, workflowInfo } from '@temporalio/workflow';
import type { StepAddressees } from '../definitions/audience';
import type { Calendar } from '../definitions/calendar';
import type { EscalationLadder, EscalationStep } from '../definitions/escalation.schema';
import { ESCALATION_ACTION_LABELS, EscalationActionName } from '../definitions/vocabulary';
import { scheduleEscalation } from '../definitions/escalation';
import { epochMsToLocalDate, localDateTimeToEpochMs, toDayNumber } from '../definitions/local-date';
import type { CampaignRef, EscalationActivities, EscalationStepInput, OverdueItem } from '../activities/escalation.types';
import type { CollectedActionActivities, CollectedStepInput } from '../activities/collected-actions.types';
import { COLLECTED_JOIN_ACTIVITY_OPTIONS, ESCALATION_ACTIVITY_OPTIONS } from '../temporal.config';
import type { CampaignClock } from './campaign-clock';
import type { EscalationOutcome } from './escalation-outcome.contract';

/** Unless the campaign says otherwise, rungs are taken at the start of office hours on their day. */
export const DEFAULT_ESCALATION_TIME = '09:00';

const activities = proxyActivities<EscalationActivities>(ESCALATION_ACTIVITY_OPTIONS);
const collecting = proxyLocalActivities<Pick<CollectedActionActivities, 'joinCollectedAction'>>(COLLECTED_JOIN_ACTIVITY_OPTIONS);

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
  /** `collected`: the item's record joined a collected action, whose one document its collector delivers. */
  outcome: EscalationOutcome;
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
/** The instant, ladder and step of a collected action, within a campaign run and collection: its items share one document. */
export function collectedActionKey(campaignRunId: string, collectionKey: string, ladderId: string, stepIndex: number, plannedAt: number): string {
  return `${campaignRunId}/${collectionKey}/${ladderId}/step-${stepIndex}/${new Date(plannedAt).toISOString()}`;
}

type StepArgs = {
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
  /** A step collected by the campaign run: every item it gathers into this one action. */
  collected?: EscalationStepInput['collected'];
};

/** What the activity of a step is told: the same for every attempt (its idempotency key is the run's id and step key). */
function stepInput(args: StepArgs): EscalationStepInput {
  const { workflowId } = workflowInfo();
  const plannedDay = epochMsToLocalDate(args.plannedAt, args.campaign.timeZone);
  return {
    idempotencyKey: `${workflowId}/${args.stepKey}`,
    workflowId,
    campaign: args.campaign,
    item: args.item,
    stepIndex: args.stepIndex,
    ladderId: args.ladderId,
    step: args.step,
    plannedAt: new Date(args.plannedAt).toISOString(),
    overdueDays: Math.max(0, toDayNumber(plannedDay) - toDayNumber(args.item.dueOn)),
    ...(args.addressees ? { addressees: args.addressees } : {}),
    ...(args.collected ? { collected: args.collected } : {}),
  };
}

/**
 * Runs `act` for the step and returns the log line. A step the recipient or the language refuses
 * for good is logged as failed rather than failing the whole run: the ladder goes on.
 */
async function logStep(
  args: StepArgs,
  act: (input: EscalationStepInput) => Promise<{ recipient: string; message: string; recordId?: string; outcome: EscalationLogEntry['outcome'] }>,
): Promise<EscalationLogEntry> {
  const input = stepInput(args);
  const base = {
    itemId: args.item.id,
    unitId: args.item.unitId,
    ladderId: args.ladderId,
    stepIndex: args.stepIndex,
    action: args.step.action,
    actionLabel: ESCALATION_ACTION_LABELS[args.step.action],
    plannedAt: input.plannedAt,
  };
  try {
    const outcome = await act(input);
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
    return { ...base, performedAt: null, recipient: null, message: null, recordId: null, outcome: 'failed', error: cause instanceof Error ? cause.message : String(error) };
  }
}

/** Takes the step by its action's activity: one record, one delivery, for this item (or the items `collected` gathers). */
export function takeEscalationStep(args: StepArgs): Promise<EscalationLogEntry> {
  return logStep(args, (input) => activities[args.step.action](input));
}

/**
 * Joins the step of this item to the collected action of `collectedAction.key`: the item's record is
 * kept now (the log shows it `collected`), and the action's collector delivers one document for
 * every item that joined it (workflows/collected-action.workflow.ts).
 */
export function joinCollectedStep(args: StepArgs & { collectedAction: CollectedStepInput['collectedAction'] }): Promise<EscalationLogEntry> {
  return logStep(args, (input) => collecting.joinCollectedAction({ ...input, collectedAction: args.collectedAction }));
}
