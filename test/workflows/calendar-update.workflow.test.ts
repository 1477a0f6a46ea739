/**
 * The working-day calendar a run carries (issue 9): a newer official calendar in the engine (each
 * December the State Council publishes the next year) changes nothing in a running campaign or
 * hazard until it is applied through the explicit update; then their remaining deadlines and rungs
 * move, and their logs say which. On the time-skipping server.
 */
import { describe, expect, it } from 'vitest';
import type { OfficialYear, RunCalendar } from '../../definitions/calendar-year.schema';
import type { CampaignDefinition } from '../../definitions/campaign.schema';
import { loadCampaignDefinitions, loadCampaignFile, repositoryOfficialCalendar } from '../../definitions/load';
import { resolveRunCalendar } from '../../definitions/run-calendar';
import { applyCalendarUpdate, campaignViewQuery, hazardRulesQuery } from '../../workflows/campaign.messages';
import { campaignWorkflow } from '../../workflows/campaign.workflow';
import { hazardRulesFor } from '../../workflows/hazard.contract';
import { applyHazardCalendarUpdate, hazardViewQuery } from '../../workflows/hazard.messages';
import { hazardWorkflow } from '../../workflows/hazard.workflow';
import { recordHistory } from '../helpers/histories';
import { timeSkippingSuite } from '../helpers/time-skipping-suite';

const HOUR = 3_600_000;
const at0900 = (date: string): string => new Date(`${date}T09:00:00+08:00`).toISOString();
const official = repositoryOfficialCalendar();

/**
 * A made-up 2027 for this test only (NOT the State Council's, which is not published yet): 元旦
 * as the law fixes it, and a week off in mid-January so that working-day deadlines visibly move.
 */
const TEST_2027: OfficialYear = {
  year: 2027,
  source: '测试用假设安排（非国务院公布）',
  holidays: [
    { name: '元旦', from: '2027-01-01', to: '2027-01-03' },
    { name: '测试假期', from: '2027-01-11', to: '2027-01-15' },
  ],
  workingDays: [],
};

const jizhou = loadCampaignDefinitions(new URL('../../definitions/campaigns', import.meta.url).pathname).definitions.get('jizhou-2024-root-cause') as CampaignDefinition;

describe('a run keeps its calendar until a calendar update', () => {
  const suite = timeSkippingSuite('calendar');

  it('003 taken over in November 2026: 2027 is counted as assumed until the update brings it; then the self-assessment and its reminder move, and the log says so', async () => {
    const { worker } = await suite.engineWorker();
    const pinned: RunCalendar = resolveRunCalendar(official, jizhou);
    const upgraded: RunCalendar = { ...pinned, years: [...pinned.years, TEST_2027] };
    const { before, afterUpgradeInEngine, report, after, hazardRules } = await worker.runUntil(async () => {
      const handle = await suite.env.client.workflow.start(campaignWorkflow, {
        workflowId: `jizhou-calendar-${suite.taskQueue}`,
        taskQueue: suite.taskQueue,
        args: [{ definition: jizhou, calendar: pinned, simulation: { startAt: '2026-11-23T10:00:00+08:00', adopt: true } }],
      });
      const before = await handle.query(campaignViewQuery);
      // The engine now has the newer calendar (a redeploy with 2027's file), but nobody applied it: the run's dates do not move.
      await suite.env.sleep(30 * 24 * HOUR);
      const afterUpgradeInEngine = await handle.query(campaignViewQuery);
      await recordHistory(handle, 'campaign-003-calendar-pinned');
      const report = await handle.executeUpdate(applyCalendarUpdate, { args: [{ calendar: upgraded, by: '区安委会办公室', reason: '国务院公布2027年节假日安排' }] });
      const hazardRules = await handle.query(hazardRulesQuery);
      // The run completes once the self-assessment's last rung is taken (February 2027).
      const after = await handle.result();
      await recordHistory(handle, 'campaign-003-calendar-updated');
      return { before, afterUpgradeInEngine, report, after, hazardRules };
    });

    const missing2027 = { year: 2027, inSpan: false, deadlines: [{ kind: 'duty-occurrence', ref: 'self-assessment:once', dueOn: '2027-01-22' }] };
    expect(before.calendar).toEqual({ years: [2024, 2025, 2026], revision: 0, missingYears: [missing2027] });
    expect(afterUpgradeInEngine.calendar.missingYears).toEqual([missing2027]);

    expect(report).toEqual({
      revision: 1,
      years: [2024, 2025, 2026, 2027],
      movedDeadlines: [{ kind: 'duty-occurrence', ref: 'self-assessment:once', title: '治本攻坚三年行动自评报告（一次性）', from: '2027-01-22', to: '2027-01-29' }],
      rescheduledRungs: 0,
    });
    expect(after.calendar).toEqual({ years: [2024, 2025, 2026, 2027], revision: 1, missingYears: [] });
    expect(after.log.find((l) => l.event === 'calendar-updated')?.detail).toContain('治本攻坚三年行动自评报告（一次性）由2027-01-22改为2027-01-29');
    expect(after.occurrences.filter((o) => o.dutyId === 'self-assessment').map((o) => o.dueOn)).toEqual(['2027-01-29', '2027-01-29']);
    // Three working days before 01-29 on the new calendar: 01-26 (on the assumed one it would have been 01-19).
    expect(after.escalationLog.filter((e) => e.itemId === 'self-assessment:once').map((e) => [e.unitId, e.action, e.plannedAt])).toEqual([
      ['towns', 'reminder', at0900('2027-01-26')],
      ['departments', 'reminder', at0900('2027-01-26')],
      ['towns', 'notice', at0900('2027-02-01')],
      ['departments', 'notice', at0900('2027-02-01')],
      ['towns', 'interview', at0900('2027-02-12')],
      ['departments', 'interview', at0900('2027-02-12')],
    ]);
    // Hazards registered from now on count on the run's new calendar.
    expect(hazardRules.runCalendar?.years.map((y) => y.year)).toEqual([2024, 2025, 2026, 2027]);
  });

  it('a hazard moves its remaining rungs when its campaign’s calendar update reaches it, and says which', async () => {
    const fixture = loadCampaignFile(new URL('./fixtures/ladder-2030.yaml', import.meta.url).pathname);
    if (!fixture.ok) throw new Error(JSON.stringify(fixture.issues));
    const definition = fixture.definition;
    const pinned = resolveRunCalendar(official, definition);
    // A made-up official 2030 for this test only, with the first week of February off.
    const year2030: OfficialYear = { year: 2030, source: '测试用假设安排（非国务院公布）', holidays: [{ name: '测试假期', from: '2030-02-04', to: '2030-02-08' }], workingDays: [] };
    const { worker } = await suite.engineWorker();
    const { updated, view } = await worker.runUntil(async () => {
      const handle = await suite.env.client.workflow.start(hazardWorkflow, {
        workflowId: `hazard-calendar-${suite.taskQueue}`,
        taskQueue: suite.taskQueue,
        args: [
          {
            rules: hazardRulesFor(definition, pinned),
            hazard: {
              hazardId: 'calendar-1',
              level: 'ordinary',
              description: '配电室消防通道堵塞',
              location: '教学楼一层配电室',
              unitId: 'school-7',
              unitName: '第七中学',
              responsiblePerson: '李主任',
              discoveredThrough: 'self-inspection',
            },
            simulation: { startAt: '2030-01-28T08:00:00+08:00' },
          },
        ],
      });
      await suite.env.sleep(30 * HOUR); // 2030-01-29 14:00
      const updated = await handle.executeUpdate(applyHazardCalendarUpdate, { args: [{ calendar: { ...pinned, years: [...pinned.years, year2030] }, by: '区应急管理局' }] });
      await suite.env.sleep(20 * 24 * HOUR);
      const view = await handle.query(hazardViewQuery);
      await handle.terminate('test done');
      return { updated, view };
    });
    // Its time limit (3 working days, 02-01) does not move; the 约谈 three working days after it does.
    expect(updated.dueOn).toBe('2030-02-01');
    expect(updated.history.at(-1)).toMatchObject({ event: 'calendar-updated', by: '区应急管理局', detail: expect.stringContaining('约谈由2030-02-05改为2030-02-12') });
    expect(view.escalationLog.map((entry) => [entry.action, entry.plannedAt])).toEqual([
      ['reminder', at0900('2030-01-30')],
      ['notice', at0900('2030-02-02')],
      ['interview', at0900('2030-02-12')],
      ['public-exposure', at0900('2030-02-11')],
    ]);
  });
});
