/**
 * The clustered deadline at issue-13 scale under one campaign run, on the time-skipping server:
 * 2,000 units owe one report and none submits it, so 4,000 rungs are taken at one instant and the
 * history passes 10,000 events. The run used to continue as new with 3.6 MB of state, which a real
 * server refuses (2 MB): its workflow task then failed for ever. (The time-skipping server does not
 * enforce the limit, so the test measures the input the continued run started with.) It now carries
 * the small state of workflows/campaign-carried.ts and goes on: a late submission is taken after the
 * continue-as-new, and a later report's rungs are taken once it falls due; every record and every
 * delivery exactly once, every step in the reporting projection, earlier lines counted in the view.
 */
import { defaultPayloadConverter } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { repositoryOfficialCalendar } from '../../definitions/load';
import { resolveRunCalendar } from '../../definitions/run-calendar';
import { ESCALATION_LINES_CARRIED } from '../../workflows/campaign-carried';
import { submitDutyUpdate, type CampaignWorkflowInput } from '../../workflows/campaign.messages';
import { campaignWorkflow } from '../../workflows/campaign.workflow';
import { timeSkippingSuite } from '../helpers/time-skipping-suite';
import { CLUSTERED_LADDER, CLUSTERED_START, clusteredCampaign, unitIds } from './fixtures/clustered-campaign';

const DAY = 86_400_000;
const UNITS = unitIds(2000);
/** Owed by two units: one submits it after the continue-as-new, the other's rungs fall due then. */
const LATER = { dueOn: '2030-07-10', owedBy: ['unit-0', 'unit-1'] };
const CLUSTER_RUNGS = UNITS.length * CLUSTERED_LADDER.length;
/** Temporal's warning threshold for a payload; its refusal comes at 2 MB. */
const WARNING_BYTES = 512 * 1024;

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 240_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

describe('campaign workflow: continue-as-new at issue-13 scale', () => {
  const suite = timeSkippingSuite('carried');

  it('2,000 reports overdue at one instant: every rung taken once, the run continues as new under 512 KB and goes on', async () => {
    const definition = clusteredCampaign(UNITS, LATER);
    const workflowId = `carried-${suite.taskQueue}`;
    const { worker, store } = await suite.engineWorker();
    const { view, continuedInput, continuedBytes, lateSubmission } = await worker.runUntil(async () => {
      const handle = await suite.env.client.workflow.start(campaignWorkflow, {
        workflowId,
        taskQueue: suite.taskQueue,
        args: [{ definition, calendar: resolveRunCalendar(repositoryOfficialCalendar(), definition), simulation: { startAt: CLUSTERED_START } }],
      });
      // To 2030-06-30 on the run's clock: past the cluster (00:00 on 06-29), short of the later report's rungs.
      await suite.env.sleep(29 * DAY);
      await until('the continue-as-new', async () => ((await handle.describe()).runId !== handle.firstExecutionRunId ? true : undefined));
      const started = (await handle.fetchHistory()).events?.[0]?.workflowExecutionStartedEventAttributes;
      const payload = started?.input?.payloads?.[0];
      const lateSubmission = await handle.executeUpdate(submitDutyUpdate, { args: [{ occurrenceId: 'half-year-report:once', unitId: 'unit-5', by: '第5单位' }] });
      // The later report opens on 2030-07-01 and is due on 07-10: unit-1 submits it on 07-02.
      await suite.env.sleep(3 * DAY);
      await handle.executeUpdate(submitDutyUpdate, { args: [{ occurrenceId: 'follow-up-report:once', unitId: 'unit-1', by: '第1单位' }] });
      return {
        view: await handle.result(),
        continuedInput: defaultPayloadConverter.fromPayload<CampaignWorkflowInput>(payload!),
        continuedBytes: payload?.data?.length ?? 0,
        lateSubmission,
      };
    });

    // The continued run started with a small state: the definition once, the recent lines, every obligation.
    expect(continuedBytes).toBeGreaterThan(0);
    expect(continuedBytes).toBeLessThan(WARNING_BYTES);
    expect(continuedInput.carriedOver?.definition).toBeUndefined();
    // The later report has not opened yet when the run continues as new.
    expect(continuedInput.carriedOver?.packedOccurrences?.obligations).toHaveLength(UNITS.length);
    expect(continuedInput.carriedOver?.earlierLines?.escalationLog).toBe(CLUSTER_RUNGS - ESCALATION_LINES_CARRIED);

    // It went on: a late submission after the continue-as-new, the later report's rungs when due, and the run completed.
    expect(lateSubmission).toMatchObject({ status: 'submitted', submittedOn: '2030-06-30', escalationStage: 'public-exposure' });
    expect(view.status).toBe('completed');
    expect(view.log.filter((line) => line.event === 'continued-as-new')).not.toHaveLength(0);
    expect(view.occurrences).toHaveLength(UNITS.length + LATER.owedBy.length);
    // Late: the 1,999 half-year reports not submitted and unit-0's later report; submitted: unit-5's and unit-1's.
    expect(view.counts).toMatchObject({ late: UNITS.length, submitted: 2 });
    const laterSteps = view.escalationLog.filter((line) => line.itemId === 'follow-up-report:once');
    expect(laterSteps.map((line) => [line.unitId, line.action, line.outcome])).toEqual(CLUSTERED_LADDER.map((action) => ['unit-0', action, 'delivered']));
    const totalSteps = CLUSTER_RUNGS + laterSteps.length;
    expect(view.earlierLines.escalationLog + view.escalationLog.length).toBe(totalSteps);

    // Every rung once: one record kept, one message delivered, one step in the reporting projection.
    const count = async (table: 'escalation_records' | 'escalation_steps') =>
      Number((await store.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).where('workflow_id', '=', workflowId).executeTakeFirstOrThrow()).n);
    expect(await count('escalation_records')).toBe(totalSteps);
    expect(await count('escalation_steps')).toBe(totalSteps);
    expect(suite.recipient.messages()).toHaveLength(totalSteps);
    expect(suite.recipient.deliveries).toHaveLength(totalSteps);
  }, 600_000);
});
