/**
 * A campaign the engine takes over when it is already under way (most bureaus adopt the engine
 * mid-campaign): nothing that fell due before the takeover is ever escalated, an imported ledger
 * brings the past in explicitly (escalating only from the import on), and milestones are done only
 * when someone confirms them. On the time-skipping server, with a real webhook recipient.
 */
import type { WorkflowHandle } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import type { CampaignDefinition } from '../../definitions/campaign.schema';
import { epochMsToLocalDate } from '../../definitions/local-date';
import { loadCampaignDefinitions, repositoryOfficialCalendar } from '../../definitions/load';
import { resolveRunCalendar } from '../../definitions/run-calendar';
import {
  campaignViewQuery,
  confirmMilestoneUpdate,
  importLedgerUpdate,
  type CampaignView,
  type LedgerEntry,
} from '../../workflows/campaign.messages';
import { campaignWorkflow } from '../../workflows/campaign.workflow';
import { recordHistory } from '../helpers/histories';
import { timeSkippingSuite } from '../helpers/time-skipping-suite';

const DAY = 86_400_000;
/** Monday 2026-11-23, 10:00 in Jizhou: the day the district adopts the engine for its 治本攻坚 campaign. */
const TAKEOVER = '2026-11-23T10:00:00+08:00';
const localDate = (iso: string): string => epochMsToLocalDate(Date.parse(iso), 'Asia/Shanghai');
const at0900 = (date: string): string => new Date(`${date}T09:00:00+08:00`).toISOString();

const seeds = loadCampaignDefinitions(new URL('../../definitions/campaigns', import.meta.url).pathname);
const jizhou = seeds.definitions.get('jizhou-2024-root-cause') as CampaignDefinition;

/** The due date of each item an escalation was taken against, by the run's own view. */
function dueDatesOfEscalated(view: CampaignView): string[] {
  const due = new Map([...view.occurrences.map((o) => [o.occurrenceId, o.dueOn] as const), ...view.milestones.map((m) => [m.milestoneId, m.dueOn] as const)]);
  return view.escalationLog.map((entry) => due.get(entry.itemId) ?? 'unknown');
}

const refusal = (promise: Promise<unknown>): Promise<string> =>
  promise.then(
    () => 'accepted',
    (error: Error) => String((error.cause as Error | undefined)?.message ?? error.message),
  );

describe('campaign workflow: a campaign taken over mid-way', () => {
  const suite = timeSkippingSuite('adoption');

  async function takeOver<T>(during: (handle: WorkflowHandle<typeof campaignWorkflow>) => Promise<T>, options: { live?: boolean } = {}): Promise<T> {
    const { worker } = await suite.engineWorker();
    return worker.runUntil(async () => {
      const handle = await suite.env.client.workflow.start(campaignWorkflow, {
        workflowId: `jizhou-takeover-${suite.taskQueue}`,
        taskQueue: suite.taskQueue,
        args: [{ definition: jizhou, calendar: resolveRunCalendar(repositoryOfficialCalendar(), jizhou), ...(options.live ? {} : { simulation: { startAt: TAKEOVER, adopt: true } }) }],
      });
      try {
        return await during(handle);
      } finally {
        await handle.terminate('test done').catch(() => undefined);
      }
    });
  }

  it('a live run adopts the campaign on its first day and escalates nothing that fell due before', async () => {
    const view = await takeOver(async (handle) => {
      await suite.env.sleep(2 * DAY);
      return handle.query(campaignViewQuery);
    }, { live: true });
    expect(view.adoptedOn).toBe(localDate(view.log[0]!.at));
    expect(view.log[0]!.detail).toContain(`自${view.adoptedOn}起由本系统督办`);
    expect(dueDatesOfEscalated(view).filter((dueOn) => dueOn < view.adoptedOn!)).toEqual([]);
    const past = view.occurrences.filter((o) => o.dueOn < view.adoptedOn!);
    expect(past.every((o) => o.status === 'before-adoption' && o.escalationStage === null)).toBe(true);
    expect(view.counts.beforeAdoption).toBe(past.length);
  });

  it('taken over on 2026-11-23: the reports due since 2024 are shown before adoption, never escalated; Q4 2026 climbs its ladder', async () => {
    const view = await takeOver(async (handle) => {
      await suite.env.sleep(Date.parse('2026-12-30T12:00:00+08:00') - Date.parse(TAKEOVER));
      return handle.query(campaignViewQuery);
    });
    expect(view.adoptedOn).toBe('2026-11-23');
    const quarterlyTowns = view.occurrences.filter((o) => o.dutyId === 'quarterly-report' && o.unitId === 'towns');
    expect(quarterlyTowns.filter((o) => o.dueOn < '2026-11-23').map((o) => [o.periodLabel, o.status])).toEqual(
      ['2024年第2季度', '2024年第3季度', '2024年第4季度', '2025年第1季度', '2025年第2季度', '2025年第3季度', '2025年第4季度', '2026年第1季度', '2026年第2季度', '2026年第3季度'].map(
        (label) => [label, 'before-adoption'],
      ),
    );
    // Late is only what fell due after the takeover (the monthly inspection of November, which has no ladder).
    expect(view.occurrences.filter((o) => o.status === 'late').map((o) => [o.occurrenceId, o.dueOn])).toEqual([['principal-inspection-high-risk:2026-11', '2026-11-30']]);
    // The only rungs taken are the reminders of what falls due after the takeover (three working days before 12-31).
    expect(view.escalationLog.map((e) => [e.itemId, e.unitId, e.action, e.plannedAt])).toEqual([
      ['annual-report:2026', 'towns', 'reminder', at0900('2026-12-28')],
      ['annual-report:2026', 'departments', 'reminder', at0900('2026-12-28')],
      ['quarterly-report:2026-Q4', 'towns', 'reminder', at0900('2026-12-28')],
      ['quarterly-report:2026-Q4', 'departments', 'reminder', at0900('2026-12-28')],
    ]);
    expect(suite.recipient.messages()).toHaveLength(4);
    // The milestones of 2024 fell due before the takeover: shown as such, not as overdue.
    expect(view.milestones.find((m) => m.milestoneId === 'clear-major-hazard-stock')).toMatchObject({ state: 'before-adoption', stateLabel: '启用前到期' });
  });

  it('an imported ledger records the submissions and escalates the items imported as overdue from the import on; a refused ledger changes nothing', async () => {
    const { refused, afterRefusal, report, later } = await takeOver(async (handle) => {
      const refused = await refusal(
        handle.executeUpdate(importLedgerUpdate, {
          args: [
            {
              by: '区安委会办公室',
              entries: [
                { kind: 'duty-occurrence', occurrenceId: 'quarterly-report:2026-Q2', unitId: 'towns', submittedOn: '2026-07-02', line: 2 },
                { kind: 'duty-occurrence', occurrenceId: 'quarterly-report:2031-Q1', unitId: 'towns', submittedOn: '2026-07-02', line: 3 },
                { kind: 'duty-occurrence', occurrenceId: 'quarterly-report:2026-Q2', unitId: 'departments', submittedOn: '2026-12-01', line: 4 },
              ],
            },
          ],
        }),
      );
      const afterRefusal = await handle.query(campaignViewQuery);
      const ledger: LedgerEntry[] = [
        { kind: 'duty-occurrence', occurrenceId: 'quarterly-report:2026-Q3', unitId: 'towns', submittedOn: '2026-10-05' },
        { kind: 'duty-occurrence', occurrenceId: 'quarterly-report:2026-Q3', unitId: 'departments', overdue: true },
        { kind: 'milestone', milestoneId: 'plan-issued', confirmedOn: '2024-04-18' },
      ];
      const report = await handle.executeUpdate(importLedgerUpdate, { args: [{ by: '区安委会办公室', entries: ledger, source: '蓟州区台账.csv' }] });
      await suite.env.sleep(Date.parse('2026-12-08T12:00:00+08:00') - Date.parse(TAKEOVER));
      const later = await handle.query(campaignViewQuery);
      await recordHistory(handle, 'campaign-003-taken-over-with-ledger');
      return { refused, afterRefusal, report, later };
    });

    expect(refused).toContain('第 3 行：没有已开始的报送事项“quarterly-report:2031-Q1”');
    expect(refused).toContain('第 4 行：日期 2026-12-01 晚于今天（2026-11-23）');
    expect(refused).not.toContain('第 2 行');
    const q2Towns = afterRefusal.occurrences.find((o) => o.occurrenceId === 'quarterly-report:2026-Q2' && o.unitId === 'towns');
    expect(q2Towns?.status).toBe('before-adoption');
    expect(afterRefusal.log.map((l) => l.event)).not.toContain('ledger-imported');

    expect(report).toEqual({ imported: 3, submitted: 1, confirmed: 1, overdue: 1 });
    const q3 = later.occurrences.filter((o) => o.occurrenceId === 'quarterly-report:2026-Q3');
    expect(q3.map((o) => [o.unitId, o.status, o.submittedOn, o.escalateFrom])).toEqual([
      ['towns', 'submitted', '2026-10-05', null],
      ['departments', 'late', null, '2026-11-23'],
    ]);
    // Counted from the import day: the reminder three working days before it is passed over,
    // the 通报 comes the next working day, the 约谈 ten working days on.
    expect(later.escalationLog.filter((e) => e.itemId === 'quarterly-report:2026-Q3').map((e) => [e.unitId, e.action, e.plannedAt])).toEqual([
      ['departments', 'notice', at0900('2026-11-24')],
      ['departments', 'interview', at0900('2026-12-07')],
    ]);
    const notice = later.escalationLog.find((e) => e.action === 'notice')!;
    expect(notice.message).toContain('2026年9月30日'); // the documents state the real due date
    expect(later.milestones.find((m) => m.milestoneId === 'plan-issued')).toMatchObject({ state: 'confirmed', confirmedOn: '2024-04-18', confirmedBy: '区安委会办公室' });
    expect(later.log.find((l) => l.event === 'ledger-imported')?.detail).toContain('来源：蓟州区台账.csv');
  });

  it('a milestone is done only once its owner or an operator confirms it, with a note', async () => {
    const { before, byStranger, byOwner, again, byOperator } = await takeOver(async (handle) => {
      const before = await handle.query(campaignViewQuery);
      const byStranger = await refusal(handle.executeUpdate(confirmMilestoneUpdate, { args: [{ milestoneId: 'plan-issued', by: '某部门', unitId: 'departments' }] }));
      const byOwner = await handle.executeUpdate(confirmMilestoneUpdate, {
        args: [{ milestoneId: 'plan-issued', by: '区安委会办公室 王主任', unitId: 'safety-office', note: '已印发蓟安委〔2024〕3号' }],
      });
      const again = await refusal(handle.executeUpdate(confirmMilestoneUpdate, { args: [{ milestoneId: 'plan-issued', by: '区应急局' }] }));
      const byOperator = await handle.executeUpdate(confirmMilestoneUpdate, { args: [{ milestoneId: 'training-rules', by: '区应急局 张科长' }] });
      return { before, byStranger, byOwner, again, byOperator };
    });
    expect(before.milestones.find((m) => m.milestoneId === 'plan-issued')).toMatchObject({
      state: 'before-adoption',
      owners: [{ unitId: 'safety-office', unitName: '区安委会办公室' }],
      confirmedOn: null,
    });
    expect(byStranger).toContain('不由单位 departments 负责');
    expect(byOwner).toMatchObject({ state: 'confirmed', stateLabel: '已确认完成', confirmedOn: '2026-11-23', confirmedBy: '区安委会办公室 王主任', note: '已印发蓟安委〔2024〕3号' });
    expect(again).toContain('已于2026-11-23由区安委会办公室 王主任确认');
    expect(byOperator).toMatchObject({ state: 'confirmed', confirmedBy: '区应急局 张科长', note: null });
  });
});
