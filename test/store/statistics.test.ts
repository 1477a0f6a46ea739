/**
 * Statistics and ledgers computed by PostgreSQL from a projection whose truth is written out by
 * hand below: four hazards of one district in different states (and one of another district that
 * must never count), four duty occurrences, and the steps taken against them. "Now" is 2026-03-10
 * 12:00 Beijing time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { campaign, hazard, JIZHOU, RUN, step } from './fixtures';

const NOW = new Date('2026-03-10T04:00:00.000Z');
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  const { projection } = database.store;
  // Overdue since 02-21, open: 18 days on 03-10; a 通报 and a 约谈 taken, one failed attempt that does not count.
  await projection.projectHazard(
    hazard('H1', {
      escalationStage: 'interview',
      escalationSteps: [
        step({ itemId: 'H1', performedOn: '2026-02-21' }),
        step({ itemId: 'H1', stepIndex: 1, action: 'interview', plannedAt: '2026-03-02T01:00:00.000Z', performedOn: '2026-03-02' }),
        step({ itemId: 'H1', stepIndex: 2, action: 'listed-supervision', plannedAt: '2026-03-05T01:00:00.000Z', performedAt: null, performedOn: null, outcome: 'failed', recordId: null }),
      ],
    }),
  );
  // Open, not yet due.
  await projection.projectHazard(hazard('H2', { registeredOn: '2026-02-05', dueOn: '2026-03-20', firstDueOn: '2026-03-20', overdueFrom: '2026-03-20T16:00:00.000Z' }));
  // Rectified 4 days late, verified and closed.
  await projection.projectHazard(
    hazard('H3', {
      registeredOn: '2026-01-15',
      dueOn: '2026-02-01',
      firstDueOn: '2026-02-01',
      status: 'closed',
      overdueFrom: null,
      rectification: { on: '2026-02-05', by: '李主任', detail: '已整改' },
      verification: { on: '2026-02-06', by: '区应急局 张科长' },
      closedOn: '2026-02-06',
    }),
  );
  // Another unit, registered in the second quarter, rectified in time and waiting for verification.
  await projection.projectHazard(
    hazard('H4', {
      unitId: 'school-8',
      unitName: '第八中学',
      registeredOn: '2026-04-01',
      dueOn: '2026-04-30',
      firstDueOn: '2026-04-30',
      status: 'verifying',
      overdueFrom: null,
      rectification: { on: '2026-04-10', by: '王主任', detail: '已更换灭火器' },
    }),
  );
  // Another district: outside every scope below but the city's.
  await projection.projectHazard(hazard('H5', { workflowId: 'hazard:other@CN.tianjin.binhai:H5', campaignRunId: 'other@CN.tianjin.binhai', jurisdiction: 'CN/tianjin/binhai', unitId: 'school-9' }));

  const occurrence = (unitId: string, dueOn: string, submittedOn: string | null, beforeAdoption = false) => ({
    occurrenceId: `report:${dueOn}`,
    dutyId: 'report',
    dutyTitle: '工作总结',
    periodLabel: dueOn,
    unitId,
    unitName: unitId === 'school-7' ? '第七中学' : '第八中学',
    opensOn: '2026-01-01',
    dueOn,
    submittedOn,
    lateFrom: beforeAdoption ? null : new Date(Date.parse(`${dueOn}T16:00:00.000Z`)).toISOString(),
    escalationStage: null,
  });
  await projection.projectCampaign(
    campaign({
      occurrences: [
        occurrence('school-7', '2026-01-10', '2026-01-08'),
        occurrence('school-7', '2026-02-10', '2026-02-12'),
        occurrence('school-8', '2026-02-10', null),
        occurrence('school-8', '2026-04-10', null),
        occurrence('school-7', '2025-12-10', null, true),
      ],
      escalationSteps: [step({ itemKind: 'duty-occurrence', itemId: 'report:2026-02-10', unitId: 'school-8', action: 'reminder', performedOn: '2026-02-11' })],
    }),
  );
});
afterAll(() => database?.drop());

const zeroHazards = { registered: 0, rectified: 0, verified: 0, closed: 0, overdue: 0, rectificationRate: null, overdueDays: { total: 0, max: 0 }, escalations: {} };

describe('hazard statistics', () => {
  it('per unit over the whole span', async () => {
    const rows = await database.store.statistics.hazards({ scope: { jurisdiction: JIZHOU }, by: 'unit', period: 'all' }, NOW);
    expect(rows).toEqual([
      {
        campaignRunId: null,
        unitId: 'school-7',
        unitName: '第七中学',
        period: null,
        registered: 3,
        rectified: 1,
        verified: 1,
        closed: 1,
        overdue: 1,
        rectificationRate: 1 / 3,
        overdueDays: { total: 22, max: 18 },
        escalations: { notice: 1, interview: 1 },
      },
      { ...zeroHazards, campaignRunId: null, unitId: 'school-8', unitName: '第八中学', period: null, registered: 1, rectified: 1, rectificationRate: 0 },
    ]);
  });

  it('per unit and month: hazards by the month they were registered in, escalations by the month they were taken in', async () => {
    const rows = await database.store.statistics.hazards({ scope: { jurisdiction: JIZHOU, unitId: 'school-7' }, by: 'unit', period: 'month' }, NOW);
    expect(rows.map((r) => [r.period, r.registered, r.closed, r.overdue, r.overdueDays.total, r.escalations])).toEqual([
      ['2026-01', 2, 1, 1, 22, {}],
      ['2026-02', 1, 0, 0, 0, { notice: 1 }],
      ['2026-03', 0, 0, 0, 0, { interview: 1 }],
    ]);
  });

  it('per campaign run and quarter, within the caller’s jurisdiction only', async () => {
    const district = await database.store.statistics.hazards({ scope: { jurisdiction: JIZHOU }, by: 'campaign', period: 'quarter' }, NOW);
    expect(district.map((r) => [r.campaignRunId, r.period, r.registered, r.rectified])).toEqual([
      [RUN, '2026-Q1', 3, 1],
      [RUN, '2026-Q2', 1, 1],
    ]);
    const city = await database.store.statistics.hazards({ scope: { jurisdiction: 'CN/tianjin' }, by: 'campaign', period: 'all' }, NOW);
    expect(city.map((r) => [r.campaignRunId, r.registered])).toEqual([
      [RUN, 4],
      ['other@CN.tianjin.binhai', 1],
    ]);
    expect(await database.store.statistics.hazards({ scope: { jurisdiction: 'CN/tianjin/jizhouxi' }, by: 'campaign', period: 'all' }, NOW)).toEqual([]);
  });

  it('limits rows to registration dates in a range', async () => {
    const rows = await database.store.statistics.hazards({ scope: { jurisdiction: JIZHOU }, by: 'campaign', period: 'all', from: '2026-01-12', to: '2026-03-31' }, NOW);
    expect(rows.map((r) => [r.registered, r.escalations])).toEqual([[2, { notice: 1, interview: 1 }]]);
  });

  it("counts a run's hazards by status and escalation stage in one query", async () => {
    expect(await database.store.statistics.hazardCounts(RUN)).toEqual({
      total: 4,
      byStatus: { rectifying: 2, closed: 1, verifying: 1 },
      byEscalationStage: { interview: 1, none: 3 },
    });
  });
});

describe('duty statistics', () => {
  it('on time, late, missing and open per unit, with the duty escalations', async () => {
    const rows = await database.store.statistics.duties({ scope: { jurisdiction: JIZHOU }, by: 'unit', period: 'all' }, NOW);
    expect(rows).toEqual([
      { campaignRunId: null, unitId: 'school-7', unitName: '第七中学', period: null, onTime: 1, late: 1, missing: 0, open: 0, beforeAdoption: 1, escalations: {} },
      { campaignRunId: null, unitId: 'school-8', unitName: '第八中学', period: null, onTime: 0, late: 0, missing: 1, open: 1, beforeAdoption: 0, escalations: { reminder: 1 } },
    ]);
  });
});

describe('hazard ledger', () => {
  it('lists the hazards of the scope in ledger order with the measures, rectification and verification', async () => {
    const rows = await database.store.ledgers.hazards({ jurisdiction: JIZHOU }, {}, NOW);
    expect(rows.map((r) => [r.hazardId, r.overdue, r.overdueDays])).toEqual([
      ['H1', true, 18],
      ['H3', false, 4],
      ['H2', false, 0],
      ['H4', false, 0],
    ]);
    expect(rows[1]).toMatchObject({
      campaignTitle: '治本攻坚三年行动',
      measure: '清理通道杂物，设置禁止堆放标识',
      rectifiedOn: '2026-02-05',
      verifiedOn: '2026-02-06',
      verifiedBy: '区应急局 张科长',
      closedOn: '2026-02-06',
    });
    expect((await database.store.ledgers.hazards({ jurisdiction: JIZHOU, unitId: 'school-8' }, { from: '2026-03-01' }, NOW)).map((r) => r.hazardId)).toEqual(['H4']);
  });
});
