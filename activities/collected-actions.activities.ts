/**
 * Collected actions: the items of a campaign run that reach a collected step at the same instant
 * get one document (one 通报 listing every unit, one 集中约谈通知, one 曝光 list) instead of one
 * each. Each item's run still decides for itself that its step is due and keeps its own record
 * (`joinCollectedAction`, a local activity: no activity round trip per item); the action's collector
 * workflow (workflows/collected-action.workflow.ts) compiles the waiting records into a document,
 * delivers it once and notes every record delivered with it (store/collected-actions.ts).
 */
import { Context, log } from '@temporalio/activity';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { ESCALATION_ACTION_LABELS, type EscalationAction } from '../definitions/vocabulary';
import type { EscalationRecord } from '../store/escalation-record.schema';
import { WORKFLOW_TYPES } from '../temporal.config';
import type { CollectedActionActivities, CollectedActionInput, CollectedStepInput } from './collected-actions.types';
import type { DocumentContext, PreparedStep } from './escalation.documents';
import { documentContext, preparedStep, stepRecord, type ActivityDependencies } from './escalation.activities';
import type { OverdueItem } from './escalation.types';

/** The collector of one generation of an action: a new generation (a join after it closed) gets a new run. */
export const collectorWorkflowId = (key: string, generation: number): string => `collected-action/${key}/${generation}`;

const itemOf = (record: EscalationRecord): OverdueItem => ({ ...record.item, kind: record.item.kind as OverdueItem['kind'] });

/** The document for the records it carries, written as the action's own activity writes one collected step. */
function composeDocument(stepInput: unknown, records: EscalationRecord[], context: DocumentContext): Pick<PreparedStep, 'recipient' | 'message' | 'details'> {
  const first = stepInput as CollectedStepInput;
  const { sector, sectorName } = first.collectedAction;
  const collected = { ...(sector ? { sector, sectorName } : {}), items: records.map(itemOf) };
  return preparedStep(first.step.action, { ...first, item: collected.items[0]!, collected }, context);
}

async function startCollector(input: CollectedStepInput, generation: number): Promise<void> {
  const { client, info } = Context.current();
  const args: CollectedActionInput = { key: input.collectedAction.key, generation, plannedAt: Date.parse(input.plannedAt), clockOffsetMs: input.collectedAction.clockOffsetMs };
  try {
    await client.workflow.start(WORKFLOW_TYPES.collectedAction, { taskQueue: info.taskQueue, workflowId: collectorWorkflowId(args.key, generation), args: [args] });
  } catch (error) {
    // Another item's attempt started it first: the one collector of this generation runs.
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}

export function createCollectedActionActivities(deps: ActivityDependencies): CollectedActionActivities {
  const now = deps.now ?? (() => new Date());
  const context = documentContext(deps);
  const store = deps.collectedActions;
  return {
    async joinCollectedAction(input) {
      const action = input.step.action as EscalationAction;
      const { collectedAction: ref, ...step } = input;
      const joined = await store.join(
        { key: ref.key, action, jurisdiction: input.campaign.jurisdiction, plannedAt: input.plannedAt, stepInput: input },
        stepRecord(action, step, context, now().toISOString()),
      );
      if (joined.startCollector) {
        await startCollector(input, joined.startCollector.generation);
        await store.noteCollectorStarted(ref.key, joined.startCollector.generation);
      }
      return { recipient: joined.record.recipient, message: joined.record.message, recordId: joined.record.id, outcome: 'collected' };
    },

    collectedRecordsAwaiting: ({ key }) => store.awaiting(key),

    async publishCollectedDocument({ key, generation, sequence }) {
      const kept = await store.keepDocument(key, generation, sequence, (stepInput, records) => composeDocument(stepInput, records, context), now().toISOString());
      if (!kept) return null;
      const { document, records } = kept;
      const outcome = { documentId: document.id, units: records.length };
      if (document.delivery) return { ...outcome, outcome: 'already-delivered' };
      const first = records[0]!;
      await deps.channel.deliver({
        idempotencyKey: `${collectorWorkflowId(key, generation)}/document-${sequence}`,
        action: document.action,
        actionLabel: ESCALATION_ACTION_LABELS[document.action],
        campaign: first.campaign,
        item: itemOf(first),
        stepIndex: first.stepIndex,
        recipient: document.recipient,
        message: document.message,
        recordId: document.id,
        collected: records.map((r) => ({ unitId: r.item.unitId, unitName: r.item.unitName, itemId: r.item.id, itemTitle: r.item.title, recordId: r.id })),
      });
      await store.noteDocumentDelivery(document.id, { channel: deps.channel.name, deliveredAt: now().toISOString() });
      log.info(`集中${ESCALATION_ACTION_LABELS[document.action]} delivered`, { key, documentId: document.id, units: records.length });
      return { ...outcome, outcome: 'delivered' };
    },

    closeCollectedAction: ({ key, generation }) => store.close(key, generation),
  };
}
