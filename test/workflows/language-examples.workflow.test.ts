/**
 * The two examples of the language's second version run end to end under the time-skipping
 * server: 006's weekly summary (due next Monday 12:00) across Spring Festival 2026 — its
 * occurrences open and fall due on the official calendar's days, it turns late at 12:00 sharp, a
 * missed one climbs its ladder from the rolled-forward date — and 007's activity windows (shown
 * upcoming, open, closed; never escalated) and holiday-period duty reports.
 */
import { describe, expect, it } from 'vitest';
import type { CampaignDefinition } from '../../definitions/campaign.schema';
import { scheduleEscalation } from '../../definitions/escalation';
import { epochMsToLocalDate } from '../../definitions/local-date';
import { loadCampaignDefinitions, repositoryOfficialCalendar } from '../../definitions/load';
import { campaignCalendar, resolveRunCalendar } from '../../definitions/run-calendar';
import { resolveTimeline } from '../../definitions/timeline';
import { campaignViewQuery, submitDutyUpdate, type CampaignView } from '../../workflows/campaign.messages';
import { campaignWorkflow } from '../../workflows/campaign.workflow';
import { timeSkippingSuite } from '../helpers/time-skipping-suite';

const seeds = loadCampaignDefinitions(new URL('../../definitions/campaigns', import.meta.url).pathname);
function seed(id: string): CampaignDefinition {
  const definition = seeds.definitions.get(id);
  if (!definition) throw new Error(`seed ${id} did not load: ${JSON.stringify(seeds.issues)}`);
  return definition;
}
const localDate = (iso: string): string => epochMsToLocalDate(Date.parse(iso), 'Asia/Shanghai');
const datesOf = (view: CampaignView, event: string): string[] => view.log.filter((l) => l.event === event).map((l) => localDate(l.at));
const timelineOf = (definition: CampaignDefinition) => resolveTimeline(definition, campaignCalendar(repositoryOfficialCalendar(), definition));
const beijing = (localDateTime: string): number => Date.parse(`${localDateTime}+08:00`);

describe('the language v2 examples simulated on their dates', () => {
  const suite = timeSkippingSuite('examples');

  /** Runs a campaign from the first moment of its span to its end; `during` acts at moments of Beijing time. */
  async function simulate(definition: CampaignDefinition, during: (at: (localDateTime: string) => Promise<CampaignView>, handle: { submit: (occurrenceId: string, unitId: string) => Promise<unknown>; query: () => Promise<CampaignView> }) => Promise<void>) {
    const start = `${timelineOf(definition).span.start}T00:00:00`;
    const { worker } = await suite.engineWorker();
    return worker.runUntil(async () => {
      const handle = await suite.env.client.workflow.start(campaignWorkflow, {
        workflowId: `${definition.id}-${suite.taskQueue}`,
        taskQueue: suite.taskQueue,
        args: [{ definition, calendar: resolveRunCalendar(repositoryOfficialCalendar(), definition), simulation: { startAt: `${start}+08:00` } }],
      });
      let elapsed = 0;
      const at = async (localDateTime: string) => {
        const target = beijing(localDateTime) - beijing(start);
        await suite.env.sleep(target - elapsed);
        elapsed = target;
        return handle.query(campaignViewQuery);
      };
      const submit = (occurrenceId: string, unitId: string) => handle.executeUpdate(submitDutyUpdate, { args: [{ occurrenceId, unitId, by: '某区县农业农村局' }] });
      const query = () => handle.query(campaignViewQuery);
      await during(at, { submit, query });
      return handle.result();
    });
  }

  it('006: the weekly summary across Spring Festival 2026 opens weekly, falls due at 12:00 on the rolled-forward Monday, and a missed one escalates', async () => {
    const definition = seed('feed-safety-2026-spring');
    const timeline = timelineOf(definition);
    const calendar = campaignCalendar(repositoryOfficialCalendar(), definition);
    const week = (view: CampaignView, period: string) => view.occurrences.find((o) => o.occurrenceId === `weekly-summary:${period}`);

    const view = await simulate(definition, async (at, { submit, query }) => {
      // W07 (02-09…02-15) was due Monday 02-16, in the holiday: 顺延 to Tuesday 02-24, 12:00.
      const before = await at('2026-02-24T11:59:00');
      expect(week(before, '2026-W07')).toMatchObject({ dueOn: '2026-02-24', dueTime: '12:00', status: 'open' });
      expect(week(before, '2026-W08')).toMatchObject({ dueOn: '2026-02-24', dueTime: '12:00', status: 'open' });
      await submit('weekly-summary:2026-W08', 'counties');
      // The run wakes at 12:00, when W07 turns late: the view read a moment later says so.
      const after = await at('2026-02-24T12:00:01');
      expect(week(after, '2026-W07')).toMatchObject({ status: 'late' });
      expect(week(after, '2026-W08')).toMatchObject({ status: 'submitted', submittedOn: '2026-02-24' });
      expect(after.windows).toEqual([expect.objectContaining({ windowId: 'pre-festival-check', state: 'closed', stateLabel: '已结束' })]);
      await submit('weekly-summary:2026-W09', 'counties');
      expect(week(await query(), '2026-W09')).toMatchObject({ status: 'submitted', dueTime: '12:00' });
    });

    expect(view.status).toBe('completed');
    // Each weekly occurrence opened on its Monday (the first on the duty's first day, 01-26).
    const weeklyOpenings = timeline.occurrences.filter((o) => o.dutyId === 'weekly-summary').map((o) => o.opensOn);
    expect(weeklyOpenings.slice(0, 5)).toEqual(['2026-01-26', '2026-02-02', '2026-02-09', '2026-02-16', '2026-02-23']);
    expect(datesOf(view, 'duty-opened')).toEqual(expect.arrayContaining(weeklyOpenings));
    expect(view.log.find((l) => l.detail.includes('2026年第7周'))?.detail).toContain('须于2026-02-24 12:00前完成');
    // The missed W07 climbs its ladder from 02-24: reminder one working day later, notice three.
    const w07 = view.escalationLog.filter((e) => e.itemId === 'weekly-summary:2026-W07');
    expect(w07.map((e) => [e.action, localDate(e.plannedAt)])).toEqual([
      ['reminder', '2026-02-25'],
      ['notice', '2026-02-27'],
    ]);
    expect(view.escalationLog.filter((e) => ['weekly-summary:2026-W08', 'weekly-summary:2026-W09'].includes(e.itemId))).toEqual([]);
    // Everything else never submitted climbed its whole ladder on the planned days.
    const expected = view.occurrences
      .filter((o) => o.status !== 'submitted')
      .flatMap((o) => scheduleEscalation(definition.escalationLadders['overdue-report']!, o.dueOn, calendar).map((s) => `${o.occurrenceId} ${s.action} ${s.on}`));
    expect(view.escalationLog.map((e) => `${e.itemId} ${e.action} ${localDate(e.plannedAt)}`).sort()).toEqual(expected.sort());
  });

  it('007: activity windows show upcoming, open and closed on the run’s day; holiday duty reports open and escalate on the official calendar', async () => {
    const definition = seed('township-fire-safety-2026');
    const timeline = timelineOf(definition);
    const calendar = campaignCalendar(repositoryOfficialCalendar(), definition);
    const view = await simulate(definition, async (at) => {
      const may = await at('2026-05-15T10:00:00');
      expect(may.windows.map((w) => [w.windowId, w.state])).toEqual([
        ['concentrated-sweep', 'closed'],
        ['key-rectification', 'open'],
        ['winter-check', 'upcoming'],
      ]);
      expect(may.windows[1]).toMatchObject({ owners: [{ unitId: 'villages', unitName: '各村（社区）' }, { unitId: 'enterprises', unitName: '辖区各生产经营单位' }], audience: expect.stringContaining('电动自行车') });
    });
    expect(view.status).toBe('completed');
    const holidayOccurrences = timeline.occurrences.filter((o) => o.dutyId.startsWith('holiday-duty'));
    expect(datesOf(view, 'duty-opened')).toEqual(expect.arrayContaining(holidayOccurrences.map((o) => o.opensOn)));
    // 国庆节 2026 (10-01…10-07): the roster due 09-30 escalates on 10-08 (first working day), the report due 10-08 on 10-09.
    expect(view.escalationLog.filter((e) => e.itemId.endsWith(':2026-10-01') && e.action === 'reminder').map((e) => [e.itemId, e.unitId, localDate(e.plannedAt)])).toEqual([
      ['holiday-duty-roster:2026-10-01', 'villages', '2026-10-08'],
      ['holiday-duty-roster:2026-10-01', 'enterprises', '2026-10-08'],
      ['holiday-duty-report:2026-10-01', 'villages', '2026-10-09'],
    ]);
    const expected = view.occurrences.flatMap((o) => scheduleEscalation(definition.escalationLadders['overdue-report']!, o.dueOn, calendar).map((s) => `${o.occurrenceId}@${o.unitId} ${s.action} ${s.on}`));
    expect(view.escalationLog.map((e) => `${e.itemId}@${e.unitId} ${e.action} ${localDate(e.plannedAt)}`).sort()).toEqual(expected.sort());
    expect(view.windows.every((w) => w.state === 'closed')).toBe(true);
  });
});
