/**
 * The seed campaigns simulated on their real dates under the time-skipping server: each runs
 * from its first to its last day, its phases change on the stated dates, every duty occurrence
 * opens on its date, a report never submitted climbs its ladder on the expected working days,
 * a submitted one does not, and a migration to a newer version is explicit and logged.
 */
import { describe, expect, it } from 'vitest';
import { campaignCalendar, resolveRunCalendar } from '../../definitions/run-calendar';
import type { CampaignDefinition } from '../../definitions/campaign.schema';
import { scheduleEscalation } from '../../definitions/escalation';
import { epochMsToLocalDate } from '../../definitions/local-date';
import { loadCampaignDefinitions, repositoryOfficialCalendar } from '../../definitions/load';
import { resolveTimeline } from '../../definitions/timeline';
import { campaignViewQuery, migrateCampaignUpdate, submitDutyUpdate, type CampaignView } from '../../workflows/campaign.messages';
import { campaignWorkflow } from '../../workflows/campaign.workflow';
import { recordHistory } from '../helpers/histories';
import { timeSkippingSuite } from '../helpers/time-skipping-suite';

const DAY = 86_400_000;
const seeds = loadCampaignDefinitions(new URL('../../definitions/campaigns', import.meta.url).pathname);

function seed(id: string): CampaignDefinition {
  const definition = seeds.definitions.get(id);
  if (!definition) throw new Error(`seed ${id} did not load: ${JSON.stringify(seeds.issues)}`);
  return definition;
}

const localDate = (iso: string): string => epochMsToLocalDate(Date.parse(iso), 'Asia/Shanghai');
const datesOf = (view: CampaignView, event: string): string[] => view.log.filter((l) => l.event === event).map((l) => localDate(l.at));
const startOfCampaign = (definition: CampaignDefinition): string =>
  `${resolveTimeline(definition, campaignCalendar(repositoryOfficialCalendar(), definition)).span.start}T00:00:00+08:00`;

describe('campaign workflow: the seed campaigns simulated on their dates', () => {
  const suite = timeSkippingSuite('campaigns');

  async function simulate(
    definition: CampaignDefinition,
    during?: (handle: Awaited<ReturnType<typeof startSimulation>>) => Promise<void>,
    historyName?: string,
  ) {
    const { worker } = await suite.engineWorker();
    return worker.runUntil(async () => {
      const handle = await startSimulation(definition);
      await during?.(handle);
      const result = await handle.result();
      if (historyName) await recordHistory(handle, historyName);
      return result;
    });
  }

  function startSimulation(definition: CampaignDefinition, options: { continueAsNewAfterEvents?: number } = {}) {
    return suite.env.client.workflow.start(campaignWorkflow, {
      workflowId: `${definition.id}-${suite.taskQueue}`,
      taskQueue: suite.taskQueue,
      args: [{ definition, calendar: resolveRunCalendar(repositoryOfficialCalendar(), definition), simulation: { startAt: startOfCampaign(definition) }, ...options }],
    });
  }

  it.each(['tianjin-hrss-2020-technical-schools', 'fuling-education-2020-three-year', 'shanxi-hrss-2024-spring', 'yangquan-hrss-2024-spring', 'jizhou-2024-root-cause'])(
    '%s runs from its first to its last day: phases, openings and escalations fall on the timeline',
    async (id) => {
      const definition = seed(id);
      const calendar = campaignCalendar(repositoryOfficialCalendar(), definition);
      const timeline = resolveTimeline(definition, calendar);
      const view = await simulate(definition);

      expect(view.status).toBe('completed');
      expect(view.phases.every((phase) => phase.state === 'done')).toBe(true);
      // Each phase is entered on its start, even while the previous one still runs (phases may overlap).
      expect(datesOf(view, 'phase-entered')).toEqual(timeline.phases.map((phase) => phase.start));
      expect(datesOf(view, 'campaign-completed')).toEqual([timeline.checkpoints.at(-1)]);
      // Every occurrence opens on its date.
      const openings = [...new Set(timeline.occurrences.map((o) => o.opensOn))].sort();
      expect([...new Set(datesOf(view, 'duty-opened'))]).toEqual(openings);
      // Nothing was submitted: every occurrence with a ladder climbed all of it on the planned days.
      const expectedSteps = view.occurrences.flatMap((occurrence) => {
        const ladderId = timeline.occurrences.find((o) => o.occurrenceId === occurrence.occurrenceId)?.ladderId;
        const ladder = ladderId ? definition.escalationLadders[ladderId] : undefined;
        return ladder ? scheduleEscalation(ladder, occurrence.dueOn, calendar).map((s) => `${occurrence.occurrenceId}@${occurrence.unitId} ${s.action} ${s.on}`) : [];
      });
      const takenSteps = view.escalationLog.map((e) => `${e.itemId}@${e.unitId} ${e.action} ${localDate(e.plannedAt)}`);
      expect(takenSteps.length).toBeGreaterThan(0);
      expect([...takenSteps].sort()).toEqual([...expectedSteps].sort());
      expect(view.escalationLog.every((e) => e.outcome === 'delivered')).toBe(true);
      expect(suite.recipient.messages()).toHaveLength(view.escalationLog.length);
      expect(view.counts.late).toBe(view.occurrences.length);
    },
  );

  it('000: phases change on the stated dates and an unsubmitted quarterly report escalates on official working days', async () => {
    const view = await simulate(seed('tianjin-hrss-2020-technical-schools'));
    // 动员部署 and 排查整治 both start on 2020-07-17.
    expect(datesOf(view, 'phase-entered')).toEqual(['2020-07-17', '2020-07-17', '2021-01-01', '2022-01-01']);
    const q3 = view.escalationLog.filter((e) => e.itemId === 'quarterly-report:2020-Q3');
    // Due Saturday 2020-10-10, itself a 调休 working day after National Day; +1 and +5 working days.
    expect(q3.map((e) => [e.action, localDate(e.plannedAt)])).toEqual([
      ['reminder', '2020-10-12'],
      ['notice', '2020-10-16'],
    ]);
    expect(q3[1]!.message).toContain('各技工院校');
  });

  it('000: a report submitted on time is never escalated', async () => {
    const definition = seed('tianjin-hrss-2020-technical-schools');
    const view = await simulate(definition, async (handle) => {
      await suite.env.sleep(Date.parse('2020-10-05T12:00:00+08:00') - Date.parse(startOfCampaign(definition)));
      const submitted = await handle.executeUpdate(submitDutyUpdate, {
        args: [{ occurrenceId: 'quarterly-report:2020-Q3', unitId: 'technical-schools', by: '某技工学校', note: '第三季度工作动态' }],
      });
      expect(submitted).toMatchObject({ status: 'submitted', submittedOn: '2020-10-05' });
    }, 'campaign-000-one-report-submitted');
    expect(view.escalationLog.filter((e) => e.itemId === 'quarterly-report:2020-Q3')).toEqual([]);
    expect(view.occurrences.find((o) => o.occurrenceId === 'quarterly-report:2020-Q3')?.status).toBe('submitted');
    expect(view.escalationLog.filter((e) => e.itemId === 'quarterly-report:2020-Q4')).toHaveLength(2);
  });

  it('003: the quarterly reports fall in the last week of each quarter from Q2 2024; the run continues as new with its state', async () => {
    const definition = seed('jizhou-2024-root-cause');
    const { worker } = await suite.engineWorker();
    const view = await worker.runUntil(async () => {
      const handle = await startSimulation(definition, { continueAsNewAfterEvents: 300 });
      return handle.result();
    });
    // 夯实基础 (4月—12月) begins while 动员部署 (3月—4月) still runs.
    expect(datesOf(view, 'phase-entered')).toEqual(['2024-03-01', '2024-04-01', '2025-01-01', '2026-01-01']);
    expect(view.log.filter((l) => l.event === 'continued-as-new').length).toBeGreaterThan(0);
    const quarterly = view.occurrences.filter((o) => o.dutyId === 'quarterly-report' && o.unitId === 'towns');
    expect(quarterly[0]).toMatchObject({ opensOn: '2024-06-24', dueOn: '2024-06-30' });
    expect(quarterly.map((o) => o.dueOn)).toContain('2026-12-31');
  });

  it('stays on its pinned version until an explicit migration, which the log records', async () => {
    const definition = seed('jizhou-2024-root-cause');
    const newer: CampaignDefinition = { ...definition, version: 2, title: { ...definition.title, zh: `${definition.title.zh}（修订）` } };
    const { worker } = await suite.engineWorker();
    const { before, after, refused } = await worker.runUntil(async () => {
      const handle = await startSimulation(definition);
      await suite.env.sleep(200 * DAY);
      const before = await handle.query(campaignViewQuery);
      const refused = await handle
        .executeUpdate(migrateCampaignUpdate, { args: [{ definition, by: '区安委办' }] })
        .then(() => 'accepted', (error: Error) => String((error.cause as Error | undefined)?.message));
      const after = await handle.executeUpdate(migrateCampaignUpdate, { args: [{ definition: newer, by: '区安委办', reason: '调整报送时限' }] });
      await recordHistory(handle, 'campaign-003-migrated');
      await handle.terminate('test done');
      return { before, after, refused };
    });
    expect(before.version).toBe(1);
    expect(refused).toContain('只能迁移到更新的版本');
    expect(after.version).toBe(2);
    expect(after.title).toContain('修订');
    expect(after.currentPhase?.id).toBe(before.currentPhase?.id);
    expect(after.log.at(-1)).toMatchObject({ event: 'migrated', detail: expect.stringContaining('由第1版迁移到第2版') });
  });
});
