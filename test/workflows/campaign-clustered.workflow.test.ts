/**
 * The thundering deadline under one campaign run (issue 13), on the time-skipping server: 120 units
 * owe one report due the same day and none submits it, so at one instant 240 rungs fall due (通报,
 * then 曝光 at the same instant). The run takes the rungs due together as batches of at most
 * CONCURRENT_RUNGS activities scheduled in one workflow task ('concurrent-rungs'), where it used to
 * take one activity per workflow task; every rung is taken exactly once, the log in agenda order.
 */
import { describe, expect, it } from 'vitest';
import { repositoryOfficialCalendar } from '../../definitions/load';
import { resolveRunCalendar } from '../../definitions/run-calendar';
import { CONCURRENT_RUNGS } from '../../workflows/campaign-agenda';
import { campaignWorkflow } from '../../workflows/campaign.workflow';
import { recordHistory } from '../helpers/histories';
import { timeSkippingSuite } from '../helpers/time-skipping-suite';
import { CLUSTERED_INSTANT, CLUSTERED_LADDER, clusteredCampaign, unitIds } from './fixtures/clustered-campaign';

const UNITS = unitIds(120);

/**
 * The agenda order of the 240 rungs: ties at one instant go in the order the occurrences opened
 * (the units' order), and an obligation's next rung comes back to the front at the same instant
 * and rank once its batch is taken; so each batch of CONCURRENT_RUNGS units takes its 通报, then
 * the same units their 曝光.
 */
function agendaOrder(units: string[]): string[] {
  const order: string[] = [];
  for (let from = 0; from < units.length; from += CONCURRENT_RUNGS) {
    const batch = units.slice(from, from + CONCURRENT_RUNGS);
    for (const action of CLUSTERED_LADDER) order.push(...batch.map((unit) => `${unit} ${action}`));
  }
  return order;
}

describe('campaign workflow: a clustered deadline', () => {
  const suite = timeSkippingSuite('clustered');

  it('120 reports overdue at one instant: every rung taken once, logged in agenda order, 50 activities scheduled per workflow task', async () => {
    const definition = clusteredCampaign(UNITS);
    const { taskQueue, recipient } = suite;
    const workflowId = `clustered-report-${taskQueue}`;
    const { worker, store } = await suite.engineWorker();
    const { view, history } = await worker.runUntil(async () => {
      const handle = await suite.env.client.workflow.start(campaignWorkflow, {
        workflowId,
        taskQueue,
        args: [{ definition, calendar: resolveRunCalendar(repositoryOfficialCalendar(), definition), simulation: { startAt: '2030-06-01T00:00:00+08:00' } }],
      });
      const result = await handle.result();
      await recordHistory(handle, 'campaign-clustered-deadline');
      return { view: result, history: await handle.fetchHistory() };
    });

    // Every rung once, at the instant, delivered; in agenda order, whichever activity of a batch finished first.
    expect(view.escalationLog.map((e) => `${e.unitId} ${e.action}`)).toEqual(agendaOrder(UNITS));
    expect(view.escalationLog.every((e) => e.plannedAt === CLUSTERED_INSTANT && e.outcome === 'delivered')).toBe(true);
    expect(view.occurrences.every((o) => o.escalationStage === 'public-exposure')).toBe(true);
    // One record kept and one message delivered per unit and rung: none missing, none doubled.
    const records = await store.records.list({ jurisdiction: definition.jurisdiction, workflowId, limit: 1000 });
    expect(records).toHaveLength(UNITS.length * CLUSTERED_LADDER.length);
    expect(new Set(records.map((r) => `${r.item.unitId} ${r.action}`))).toEqual(new Set(agendaOrder(UNITS)));
    expect(recipient.deliveries).toHaveLength(UNITS.length * CLUSTERED_LADDER.length);
    expect(recipient.messages()).toHaveLength(UNITS.length * CLUSTERED_LADDER.length);

    // The escalation activities were scheduled by six workflow tasks (50, 50, 50, 50, 20, 20), where
    // one at a time takes 240: each batch's commands leave the worker together.
    const batches = new Map<string, string[]>();
    for (const event of history.events ?? []) {
      const scheduled = event.activityTaskScheduledEventAttributes;
      if (!scheduled) continue;
      const task = String(scheduled.workflowTaskCompletedEventId);
      batches.set(task, [...(batches.get(task) ?? []), scheduled.activityType?.name ?? '']);
    }
    expect([...batches.values()].map((names) => names.length)).toEqual([50, 50, 50, 50, 20, 20]);
    expect([...batches.values()].map((names) => [...new Set(names)])).toEqual([['notice'], ['public-exposure'], ['notice'], ['public-exposure'], ['notice'], ['public-exposure']]);
  });
});
