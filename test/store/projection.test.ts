/** The reporting projection: upserts by workflow id and revision, never older over newer, with their occurrences and steps. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { campaign, hazard, RUN, step } from './fixtures';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

const hazardRow = (workflowId: string) => database.store.db.selectFrom('hazards').selectAll().where('workflow_id', '=', workflowId).executeTakeFirstOrThrow();
const stepsOf = (workflowId: string) =>
  database.store.db.selectFrom('escalation_steps').select(['step_index', 'action', 'outcome']).where('workflow_id', '=', workflowId).orderBy('step_index').execute();

describe('hazard projection', () => {
  it('writes a newer revision, keeps it against an older one, and rewrites the same one', async () => {
    const { projection } = database.store;
    const first = hazard('P-001', { revision: 2, escalationSteps: [step()] });
    const newer = hazard('P-001', {
      revision: 5,
      status: 'verifying',
      overdueFrom: null,
      rectification: { on: '2026-03-05', by: '李主任', detail: '通道已清理；附件：photos/p-001.jpg' },
      escalationStage: 'interview',
      escalationSteps: [step(), step({ stepIndex: 1, action: 'interview', plannedAt: '2026-03-04T01:00:00.000Z', recordId: 'interview-1' })],
    });

    expect(await projection.projectHazard(first)).toEqual({ applied: true });
    expect(await projection.projectHazard(newer)).toEqual({ applied: true });
    expect(await projection.projectHazard({ ...first, status: 'closed' })).toEqual({ applied: false });
    expect(await projection.projectHazard(newer)).toEqual({ applied: true });

    expect(await hazardRow(newer.workflowId)).toMatchObject({
      revision: 5,
      status: 'verifying',
      rectified_on: '2026-03-05',
      rectified_by: '李主任',
      overdue_from: null,
      escalation_stage: 'interview',
      registered_on: '2026-01-10',
      measure: '清理通道杂物，设置禁止堆放标识',
    });
    expect(await stepsOf(newer.workflowId)).toEqual([
      { step_index: 0, action: 'notice', outcome: 'delivered' },
      { step_index: 1, action: 'interview', outcome: 'delivered' },
    ]);
  });

  it('of concurrent writes of many revisions, the highest stays', async () => {
    const { projection } = database.store;
    const revisions = Array.from({ length: 12 }, (_, i) => i + 1).sort(() => Math.random() - 0.5);
    await Promise.all(revisions.map((revision) => projection.projectHazard(hazard('P-002', { revision, location: `第${revision}版` }))));
    expect(await hazardRow(hazard('P-002').workflowId)).toMatchObject({ revision: 12, location: '第12版' });
  });
});

describe('campaign projection', () => {
  it('writes the run, its occurrences per unit, its milestones and its duty escalations, newer over older only', async () => {
    const { projection, db } = database.store;
    const occurrence = {
      occurrenceId: 'quarterly-report:2026-Q1',
      dutyId: 'quarterly-report',
      dutyTitle: '季度工作总结',
      periodLabel: '2026年第一季度',
      unitId: 'school-7',
      unitName: '第七中学',
      opensOn: '2026-04-01',
      dueOn: '2026-04-10',
      submittedOn: null,
      lateFrom: '2026-04-10T16:00:00.000Z',
      escalationStage: null,
    };
    const older = campaign({ revision: 3, occurrences: [occurrence] });
    const newer = campaign({
      revision: 4,
      occurrences: [{ ...occurrence, submittedOn: '2026-04-12', escalationStage: 'reminder' }],
      escalationSteps: [step({ itemKind: 'duty-occurrence', itemId: occurrence.occurrenceId, action: 'reminder', ladderId: 'late-report' })],
    });

    expect(await projection.projectCampaign(newer)).toEqual({ applied: true });
    expect(await projection.projectCampaign(older)).toEqual({ applied: false });

    expect(await db.selectFrom('campaign_runs').select(['campaign_run_id', 'revision', 'title']).execute()).toEqual([{ campaign_run_id: RUN, revision: 4, title: '治本攻坚三年行动' }]);
    expect(await db.selectFrom('duty_occurrences').select(['unit_id', 'submitted_on', 'escalation_stage']).execute()).toEqual([
      { unit_id: 'school-7', submitted_on: '2026-04-12', escalation_stage: 'reminder' },
    ]);
    expect(await db.selectFrom('milestones').select(['milestone_id', 'due_on']).execute()).toEqual([{ milestone_id: 'clear-major', due_on: '2026-12-31' }]);
    expect(await db.selectFrom('escalation_steps').select(['item_kind', 'action']).where('workflow_id', '=', newer.workflowId).execute()).toEqual([
      { item_kind: 'duty-occurrence', action: 'reminder' },
    ]);
  });
});
