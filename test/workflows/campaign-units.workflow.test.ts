/**
 * The unit tree and sectors under a campaign run, on the time-skipping server: 005 (a district
 * fire-safety three-year action, 区 → 街道 → 社区 → 养老机构). Three care homes of one sector miss
 * their July self-inspection report: each is reminded, then 逐级约谈 summons the head of its own
 * community (the unit one level up), then one 行业集中约谈 by the civil-affairs bureau gathers all
 * three — one record listing them, each home's log showing its step.
 */
import { describe, expect, it } from 'vitest';
import type { CampaignDefinition } from '../../definitions/campaign.schema';
import { loadCampaignDefinitions, repositoryOfficialCalendar } from '../../definitions/load';
import { resolveRunCalendar } from '../../definitions/run-calendar';
import { campaignViewQuery } from '../../workflows/campaign.messages';
import { campaignWorkflow } from '../../workflows/campaign.workflow';
import { timeSkippingSuite } from '../helpers/time-skipping-suite';

const seeds = loadCampaignDefinitions(new URL('../../definitions/campaigns', import.meta.url).pathname);
const definition = seeds.definitions.get('gongshu-2020-fire-safety') as CampaignDefinition;
const START = '2020-07-01T00:00:00+08:00';
const HOMES = ['mishixiang-care-home', 'daguan-care-home', 'xiangfu-care-home'];
const at = (local: string): string => new Date(`${local}+08:00`).toISOString();

describe('campaign workflow: 逐级约谈 and 行业集中约谈 on the unit tree', () => {
  const suite = timeSkippingSuite('units');

  it('July reports missed by three care homes: reminders, each community head summoned, one sector interview for the three', async () => {
    const { worker, store } = await suite.engineWorker();
    const view = await worker.runUntil(async () => {
      const handle = await suite.env.client.workflow.start(campaignWorkflow, {
        workflowId: `${definition.id}-${suite.taskQueue}`,
        taskQueue: suite.taskQueue,
        args: [{ definition, calendar: resolveRunCalendar(repositoryOfficialCalendar(), definition), simulation: { startAt: START } }],
      });
      await suite.env.sleep(Date.parse('2020-08-01T12:00:00+08:00') - Date.parse(START));
      const seen = await handle.query(campaignViewQuery);
      await handle.terminate('test done');
      return seen;
    });
    const july = view.escalationLog.filter((e) => e.itemId === 'monthly-self-inspection:2020-07');
    const stepsOf = (unitId: string) => july.filter((e) => e.unitId === unitId).map((e) => [e.stepIndex, e.action, e.plannedAt, e.recipient]);
    // Due Saturday 2020-07-25; +1, +3, +5 working days.
    expect(stepsOf('mishixiang-care-home')).toEqual([
      [0, 'reminder', at('2020-07-27T09:00:00'), '米市巷颐养院'],
      [1, 'interview', at('2020-07-29T09:00:00'), '米市巷社区 社区书记'],
      [2, 'interview', at('2020-07-31T09:00:00'), '米市巷颐养院、大关敬老院、祥符养老服务中心 主要负责人'],
    ]);
    // 逐级约谈: each home's own community head.
    expect(july.filter((e) => e.stepIndex === 1).map((e) => e.recipient).sort()).toEqual(['大关社区 社区书记', '祥符社区 社区书记', '米市巷社区 社区书记']);
    // 行业集中约谈: every home's log shows the step, all with the one record; one notice delivered.
    const gathered = july.filter((e) => e.stepIndex === 2);
    expect(gathered.map((e) => e.unitId).sort()).toEqual([...HOMES].sort());
    expect(new Set(gathered.map((e) => e.recordId)).size).toBe(1);
    expect(suite.recipient.messages().filter((m) => JSON.stringify(m).includes('养老机构行业集中约谈通知'))).toHaveLength(1);
    const record = await store.records.get(gathered[0]!.recordId!);
    expect(record?.message).toContain('养老机构行业集中约谈通知');
    expect(record?.details).toMatchObject({
      kind: 'interview',
      interviewee: '米市巷颐养院、大关敬老院、祥符养老服务中心 主要负责人',
      collected: { sector: 'elderly-care', sectorName: '养老机构', units: HOMES.map((unitId) => expect.objectContaining({ unitId, itemId: 'monthly-self-inspection:2020-07' })) },
    });
    // The high-rise building is of another sector: not gathered.
    expect(view.escalationLog.filter((e) => e.unitId === 'xiangfu-tower')).toEqual([]);
  });
});
