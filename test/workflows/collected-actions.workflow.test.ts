/**
 * Collected rungs on the time-skipping server: hazards of one campaign run whose 通报 and 曝光 are
 * collected (`collectBy: campaign`) and fall due at the same instant get ONE 通报 document and ONE
 * 曝光 list naming every unit still overdue then — a hazard rectified before the instant is not
 * named — while each hazard's own log and record show its step, and the per-item rungs (reminder,
 * 约谈) are taken for each as before. The documents reach a real webhook; the records a real
 * PostgreSQL.
 */
import type { WorkflowHandle } from '@temporalio/client';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCampaignFile, repositoryOfficialCalendar } from '../../definitions/load';
import { resolveRunCalendar } from '../../definitions/run-calendar';
import type { CampaignDefinition } from '../../definitions/campaign.schema';
import { campaignRunId } from '../../definitions/campaign-run';
import { collectorWorkflowId } from '../../activities/collected-actions.activities';
import { collectedActionKey } from '../../workflows/escalation';
import { hazardRulesFor } from '../../workflows/hazard.contract';
import { hazardViewQuery, submitRectificationUpdate, type HazardRegistration } from '../../workflows/hazard.messages';
import { hazardWorkflow } from '../../workflows/hazard.workflow';
import { recordHistory } from '../helpers/histories';
import { timeSkippingSuite } from '../helpers/time-skipping-suite';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Monday 2030-01-28, 08:00 Beijing time: the hazards are registered then; they fall due 2030-02-01. */
const REGISTERED_AT = '2030-01-28T08:00:00+08:00';
const at0900 = (date: string): string => new Date(`${date}T09:00:00+08:00`).toISOString();

/** The 2030 test campaign with its 通报 and 曝光 collected for the whole run, as a bureau would write it. */
function collectedCampaign(): CampaignDefinition {
  const result = loadCampaignFile(new URL('./fixtures/ladder-2030.yaml', import.meta.url).pathname);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  const ladder = result.definition.escalationLadders['overdue-hazard']!;
  const steps = ladder.steps.map((step) => (step.action === 'notice' || step.action === 'public-exposure' ? { ...step, collectBy: 'campaign' as const } : step));
  return { ...result.definition, escalationLadders: { 'overdue-hazard': { ...ladder, steps } } };
}

const UNITS = [
  { unitId: 'school-1', unitName: '第一中学' },
  { unitId: 'school-2', unitName: '第二中学' },
  { unitId: 'school-3', unitName: '第三中学' },
];

const registration = (hazardId: string, unit: (typeof UNITS)[number]): HazardRegistration => ({
  hazardId,
  level: 'ordinary',
  description: '配电室消防通道堵塞',
  location: '教学楼一层配电室',
  ...unit,
  responsiblePerson: '李主任',
  discoveredThrough: 'enforcement-inspection',
});

describe('collected rungs (time-skipping server)', () => {
  const suite = timeSkippingSuite('collected');
  const definition = collectedCampaign();
  const rules = hazardRulesFor(definition, resolveRunCalendar(repositoryOfficialCalendar(), definition));
  const started: WorkflowHandle[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((handle) => handle.terminate('test finished').catch(() => undefined)));
  });

  it('one 通报 and one 曝光 name every unit overdue at the instant; each hazard logs its own step', async () => {
    const { worker, store } = await suite.engineWorker();
    const views = await worker.runUntil(async () => {
      const handles = await Promise.all(
        UNITS.map((unit, i) =>
          suite.env.client.workflow.start(hazardWorkflow, {
            workflowId: `collected-hazard-${i + 1}`,
            taskQueue: suite.taskQueue,
            args: [{ rules, hazard: registration(`collected-hazard-${i + 1}`, unit), simulation: { startAt: REGISTERED_AT } }],
          }),
        ),
      );
      started.push(...handles);
      // 2030-02-01 12:00, the due day: the third school hands in its rectification before the 通报 of 02-02.
      await suite.env.sleep(4 * DAY + 4 * HOUR);
      await handles[2]!.executeUpdate(submitRectificationUpdate, { args: [{ evidence: ['整改后照片.jpg'], by: '李主任' }] });
      await suite.env.sleep(20 * DAY);
      await recordHistory(handles[0]!, 'hazard-collected-rungs');
      const collector = suite.env.client.workflow.getHandle(collectorWorkflowId(collectedActionKey(campaignRunId(definition.id, definition.jurisdiction), 'campaign', 'overdue-hazard', 1, Date.parse(at0900('2030-02-02'))), 1));
      expect(await collector.result()).toEqual({ documents: 1, units: 2 });
      await recordHistory(collector, 'collected-action-notice');
      return Promise.all(handles.map((handle) => handle.query(hazardViewQuery)));
    });

    // Each overdue hazard's own log shows the collected rungs on their planned instants, with its own record.
    for (const view of views.slice(0, 2)) {
      expect(view.escalationLog.map((entry) => [entry.action, entry.plannedAt, entry.outcome])).toEqual([
        ['reminder', at0900('2030-01-30'), 'delivered'],
        ['notice', at0900('2030-02-02'), 'collected'],
        ['interview', at0900('2030-02-05'), 'delivered'],
        ['public-exposure', at0900('2030-02-11'), 'collected'],
      ]);
      expect(view.ladder.map((rung) => rung.state)).toEqual(['taken', 'taken', 'taken', 'taken']);
    }
    expect(views[2]!.escalationLog.map((entry) => entry.action)).toEqual(['reminder']);

    // The recipient got one 通报 and one 曝光 for the run, each naming the two overdue schools only.
    const bodies = suite.recipient.messages().map((m) => m.body);
    expect(bodies.map((b) => b.action).sort()).toEqual(['interview', 'interview', 'notice', 'public-exposure', 'reminder', 'reminder', 'reminder'].sort());
    for (const action of ['notice', 'public-exposure']) {
      const document = bodies.find((b) => b.action === action)!;
      const named = (document.collected as Array<{ unitName: string; recordId: string }>).map((u) => u.unitName);
      expect(named).toEqual(['第一中学', '第二中学']);
      expect(String(document.message)).toContain('第一中学、第二中学');
      expect(String(document.message)).not.toContain('第三中学');
    }

    // Each school's record is kept once, delivered with its document; the exposure list has an entry per school.
    const records = await store.db.selectFrom('escalation_records').select(['action', 'unit_name', 'record_id', 'document_id', 'delivered_at']).where('action', 'in', ['notice', 'public-exposure']).orderBy('action').orderBy('unit_name').execute();
    expect(records.map((r) => [r.action, r.unit_name])).toEqual([
      ['notice', '第一中学'],
      ['notice', '第二中学'],
      ['public-exposure', '第一中学'],
      ['public-exposure', '第二中学'],
    ]);
    expect(records.every((r) => r.delivered_at !== null && r.document_id !== null)).toBe(true);
    expect(new Set(records.map((r) => r.document_id)).size).toBe(2);
    expect(records.map((r) => r.record_id).sort()).toEqual(views.slice(0, 2).flatMap((v) => v.escalationLog.filter((e) => e.outcome === 'collected').map((e) => e.recordId)).sort());
    const documents = await store.db.selectFrom('collected_documents').select(['action', 'sequence', 'delivered_at']).execute();
    expect(documents.map((d) => [d.action, d.sequence]).sort()).toEqual([['notice', 1], ['public-exposure', 1]]);
    const exposures = await store.exposures.listPublished({ campaignId: definition.id });
    expect(exposures.map((e) => e.unit).sort()).toEqual(['第一中学', '第二中学']);
  });
});
