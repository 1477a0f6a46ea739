/**
 * Events under a campaign run, on the time-skipping server: 004 (a district 百日攻坚行动) — a major
 * accident reported at 09:30 starts its written-report duty, due at 11:30; never submitted, its
 * ladder is climbed: a 通报 the moment it turns late, a 逐级约谈 of the town's head two working
 * days on (the record names the head of the unit one level up), accountability after five.
 */
import { describe, expect, it } from 'vitest';
import type { CampaignDefinition } from '../../definitions/campaign.schema';
import { epochMsToLocalDate } from '../../definitions/local-date';
import { loadCampaignDefinitions, repositoryOfficialCalendar } from '../../definitions/load';
import { resolveRunCalendar } from '../../definitions/run-calendar';
import { reportEventUpdate, submitDutyUpdate } from '../../workflows/campaign.messages';
import { campaignWorkflow } from '../../workflows/campaign.workflow';
import { timeSkippingSuite } from '../helpers/time-skipping-suite';

const seeds = loadCampaignDefinitions(new URL('../../definitions/campaigns', import.meta.url).pathname);
const definition = seeds.definitions.get('linzi-2026-hundred-days') as CampaignDefinition;
const START = '2026-03-01T00:00:00+08:00';
const localDate = (iso: string): string => epochMsToLocalDate(Date.parse(iso), 'Asia/Shanghai');
const accident = { type: 'major-accident', unitId: 'qilu-petrochem-park', sector: 'petrochemical', occurredAt: '2026-04-07T09:30:00+08:00', text: '储罐区发生火灾，2人受伤' };

describe('campaign workflow: events start their duty and its ladder', () => {
  const suite = timeSkippingSuite('events');

  async function simulate(during: (handle: Awaited<ReturnType<typeof suite.env.client.workflow.start<typeof campaignWorkflow>>>) => Promise<void>) {
    const { worker } = await suite.engineWorker();
    return worker.runUntil(async () => {
      const handle = await suite.env.client.workflow.start(campaignWorkflow, {
        workflowId: `${definition.id}-${suite.taskQueue}`,
        taskQueue: suite.taskQueue,
        args: [{ definition, calendar: resolveRunCalendar(repositoryOfficialCalendar(), definition), simulation: { startAt: START } }],
      });
      await during(handle);
      return handle.result();
    });
  }

  it('an accident reported and never written up: 通报 at 11:30, 逐级约谈 of the town head, accountability', async () => {
    const view = await simulate(async (handle) => {
      await suite.env.sleep(Date.parse('2026-04-07T10:00:00+08:00') - Date.parse(START));
      const event = await handle.executeUpdate(reportEventUpdate, { args: [{ ...accident, by: '区应急管理局值班室' }] });
      expect(event).toMatchObject({ eventId: 'major-accident-1', occurrenceId: 'event:major-accident-1', dueOn: '2026-04-07', dueTime: '11:30', duty: { status: 'open', dutyTitle: '事故情况书面报告' } });
      const refused = await handle
        .executeUpdate(reportEventUpdate, { args: [{ ...accident, type: 'flood', by: '值班室' }] })
        .then(() => 'accepted', (error: Error) => String((error.cause as Error | undefined)?.message));
      expect(refused).toContain('本行动没有“flood”这类事件');
    });
    const steps = view.escalationLog.filter((e) => e.itemId === 'event:major-accident-1');
    expect(steps.map((e) => [e.action, e.plannedAt])).toEqual([
      ['notice', new Date('2026-04-07T11:30:00+08:00').toISOString()],
      ['interview', new Date('2026-04-09T09:00:00+08:00').toISOString()],
      ['accountability', new Date('2026-04-14T09:00:00+08:00').toISOString()],
    ]);
    // 逐级约谈: the head of the unit one level up (金山镇) is summoned.
    expect(steps[1]).toMatchObject({ recipient: '金山镇 镇长', outcome: 'delivered' });
    expect(steps[1]!.message).toContain('金山镇 镇长：');
    expect(view.events).toEqual([expect.objectContaining({ eventId: 'major-accident-1', unitName: '齐鲁化学工业区某石化企业', duty: expect.objectContaining({ status: 'late', escalationStage: 'accountability' }) })]);
    expect(view.log.find((l) => l.event === 'event-reported')).toMatchObject({ detail: expect.stringContaining('事故情况书面报告须于2小时内即2026-04-07 11:30前完成') });
    expect(localDate(view.log.find((l) => l.event === 'event-reported')!.at)).toBe('2026-04-07');
  });

  it('an accident written up within two hours is never escalated', async () => {
    const view = await simulate(async (handle) => {
      await suite.env.sleep(Date.parse('2026-04-07T10:00:00+08:00') - Date.parse(START));
      await handle.executeUpdate(reportEventUpdate, { args: [{ ...accident, by: '值班室' }] });
      await suite.env.sleep(60 * 60_000);
      const duty = await handle.executeUpdate(submitDutyUpdate, { args: [{ occurrenceId: 'event:major-accident-1', unitId: 'qilu-petrochem-park', by: '企业安全负责人' }] });
      expect(duty).toMatchObject({ status: 'submitted', submittedOn: '2026-04-07' });
    });
    expect(view.escalationLog.filter((e) => e.itemId.startsWith('event:'))).toEqual([]);
  });
});
