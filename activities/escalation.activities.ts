/**
 * One activity per escalation action. Each keeps a record of the step under its idempotency key in
 * the record store (PostgreSQL) before delivering, so every attempt, on any worker, sends the same
 * text, and notes the delivery afterwards, so a later attempt with the same key reports
 * `already-delivered` instead of sending again. Delivery is at least once: an attempt that dies
 * between the recipient's acceptance and the note sends again, with the same Idempotency-Key.
 */
import { log } from '@temporalio/activity';
import type { OfficialYear } from '../definitions/calendar-year.schema';
import { EscalationStep } from '../definitions/escalation.schema';
import { LocalDate } from '../definitions/local-date.schema';
import { ESCALATION_ACTION_LABELS, EscalationActionName, type EscalationAction } from '../definitions/vocabulary';
import type { DeliveryChannel } from './delivery/channel';
import {
  DEFAULT_INTERVIEW_SCHEDULING,
  PREPARE_STEP,
  asOneAction,
  collectedUnits,
  invalidStep,
  isStepOf,
  type DocumentContext,
  type InterviewScheduling,
  type PreparedStep,
} from './escalation.documents';
import type { EscalationActivities, EscalationStepInput, EscalationStepOutcome } from './escalation.types';
import type { EscalationRecord } from '../store/escalation-record.schema';
import { recordIdFor, type Delivery, type EscalationRecordStore } from '../store/escalation-records';
import type { ProjectionStore } from '../store/projection';
import type { CollectedActionStore } from '../store/collected-actions';

export interface ActivityDependencies {
  channel: DeliveryChannel;
  /** Where records are kept: the store's `escalation_records` (store/escalation-records.ts). */
  records: EscalationRecordStore;
  /** Where collected actions gather their records into documents (store/collected-actions.ts). */
  collectedActions: CollectedActionStore;
  /** Where the projection activities write (store/projection.ts). */
  projection: ProjectionStore;
  /** The State Council's calendars (holidays, 调休) on which a 约谈 is proposed. */
  officialCalendar: readonly OfficialYear[];
  interview?: InterviewScheduling;
  /** Activity time; injectable for tests. */
  now?: () => Date;
}

function outcomeOf(record: EscalationRecord, delivery: Delivery, outcome: EscalationStepOutcome['outcome']): EscalationStepOutcome {
  return {
    performedAt: delivery.deliveredAt,
    channel: delivery.channel,
    recipient: record.recipient,
    message: record.message,
    recordId: record.id,
    outcome,
  };
}

/** Input problems that retrying cannot fix. */
function checkInput(action: EscalationAction, input: EscalationStepInput): void {
  if (!isStepOf(action, input)) throw invalidStep(input, `sent to the ${action} activity`);
  const step = EscalationStep.safeParse(input.step);
  if (!step.success) throw invalidStep(input, `the step does not match the definition language: ${step.error.message}`);
  if (!LocalDate.safeParse(input.item.dueOn).success) throw invalidStep(input, `item ${input.item.id} has due date "${input.item.dueOn}"`);
}

/**
 * What a step of `action` sends and keeps: its action's document, written once for all the units a
 * collected step gathers (their list in `details.collected`). The caller has checked the step is of `action`.
 */
export function preparedStep(action: EscalationAction, input: EscalationStepInput, context: DocumentContext): PreparedStep {
  const prepare = PREPARE_STEP[action] as (input: EscalationStepInput, context: DocumentContext) => PreparedStep;
  const once = prepare(asOneAction(input), context);
  return input.collected ? { ...once, details: { ...once.details, collected: collectedUnits(input.collected) } } : once;
}

/** The record a step keeps for its item (or, collected in one run, for the items it gathers): checked, written, not yet delivered. */
export function stepRecord(action: EscalationAction, input: EscalationStepInput, context: DocumentContext, keptAt: string): EscalationRecord {
  checkInput(action, input);
  const prepared = preparedStep(action, input, context);
  const { campaign, item } = input;
  return {
    id: recordIdFor(action, input.idempotencyKey),
    idempotencyKey: input.idempotencyKey,
    action,
    workflowId: input.workflowId,
    ladderId: input.ladderId,
    stepIndex: input.stepIndex,
    campaign: { id: campaign.id, version: campaign.version, title: campaign.title, authority: campaign.authority, jurisdiction: campaign.jurisdiction },
    item: { kind: item.kind, id: item.id, title: item.title, unitId: item.unitId, unitName: item.unitName, dueOn: item.dueOn },
    plannedAt: input.plannedAt,
    ...prepared,
    keptAt,
  };
}

/** How documents are written: on the official calendar, with the interview scheduling configured. */
export function documentContext(deps: Pick<ActivityDependencies, 'officialCalendar' | 'interview'>): DocumentContext {
  return { officialCalendar: deps.officialCalendar, interview: deps.interview ?? DEFAULT_INTERVIEW_SCHEDULING };
}

export function createEscalationActivities(deps: ActivityDependencies) {
  const now = deps.now ?? (() => new Date());
  const context = documentContext(deps);

  const takeStep = async (action: EscalationAction, input: EscalationStepInput): Promise<EscalationStepOutcome> => {
    const { item } = input;
    const { record, created } = await deps.records.create(stepRecord(action, input, context, now().toISOString()));
    const logged = { idempotencyKey: input.idempotencyKey, action, recordId: record.id };
    if (record.delivery) {
      log.info(`${ESCALATION_ACTION_LABELS[action]} already delivered; not sent again`, logged);
      return outcomeOf(record, record.delivery, 'already-delivered');
    }
    // Not created now: an earlier attempt kept the record and failed to deliver; send what it kept.
    if (!created) log.info(`${ESCALATION_ACTION_LABELS[action]} kept by an earlier attempt; delivering it`, logged);
    await deps.channel.deliver({
      idempotencyKey: record.idempotencyKey,
      action,
      actionLabel: ESCALATION_ACTION_LABELS[action],
      campaign: record.campaign,
      item,
      stepIndex: record.stepIndex,
      recipient: record.recipient,
      message: record.message,
      recordId: record.id,
    });
    // Two attempts that both delivered (at least once) agree on the first delivery noted.
    const delivery = await deps.records.noteDelivery(record.idempotencyKey, { channel: deps.channel.name, deliveredAt: now().toISOString() });
    return outcomeOf(record, delivery, 'delivered');
  };

  const activity = (action: EscalationAction) => (input: EscalationStepInput) => takeStep(action, input);
  return {
    reminder: activity(EscalationActionName.reminder),
    letter: activity(EscalationActionName.letter),
    notice: activity(EscalationActionName.notice),
    warning: activity(EscalationActionName.warning),
    interview: activity(EscalationActionName.interview),
    'listed-supervision': activity(EscalationActionName.listedSupervision),
    'public-exposure': activity(EscalationActionName.publicExposure),
    accountability: activity(EscalationActionName.accountability),
    'suspend-enrolment': activity(EscalationActionName.suspendEnrolment),
    'revoke-licence': activity(EscalationActionName.revokeLicence),
  } satisfies EscalationActivities;
}
