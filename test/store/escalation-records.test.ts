/** Escalation records and the public exposure list on a real PostgreSQL server. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordIdFor } from '../../store';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { SETTLED_EXPOSURE_WITHDRAWER } from '../../store/projection';
import { campaign, escalationRecord, hazard, JIZHOU } from './fixtures';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

describe('escalation records', () => {
  it('names records by a hash of the idempotency key, never by the key itself', () => {
    expect(recordIdFor('notice', 'hazard-1/step-2')).toMatch(/^notice-[0-9a-f]{32}$/);
    expect(recordIdFor('notice', 'hazard-1/step-2')).toBe(recordIdFor('notice', 'hazard-1/step-2'));
    expect(recordIdFor('notice', 'hazard-1/step-3')).not.toBe(recordIdFor('notice', 'hazard-1/step-2'));
  });

  it('of ten concurrent creates with one key, exactly one creates and all read back its record', async () => {
    const { records } = database.store;
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => records.create(escalationRecord('hazard-1/step-1', { message: `第${i}份` }))));

    expect(results.filter((r) => r.created)).toHaveLength(1);
    const winner = results.find((r) => r.created)!.record.message;
    expect(new Set(results.map((r) => r.record.message))).toEqual(new Set([winner]));
    const kept = await records.get(recordIdFor('notice', 'hazard-1/step-1'));
    expect(kept).toMatchObject({ message: winner, idempotencyKey: 'hazard-1/step-1', campaign: { jurisdiction: JIZHOU }, item: { dueOn: '2026-02-20' } });
    expect(kept?.delivery).toBeUndefined();
  });

  it('keeps the first delivery noted; a second one reads it back', async () => {
    const { records } = database.store;
    const { record } = await records.create(escalationRecord('hazard-2/step-1'));
    const first = await records.noteDelivery(record.idempotencyKey, { channel: 'webhook', deliveredAt: '2026-03-02T01:00:05.000Z' });
    const second = await records.noteDelivery(record.idempotencyKey, { channel: 'log', deliveredAt: '2026-03-02T02:00:00.000Z' });

    expect(first).toEqual({ channel: 'webhook', deliveredAt: '2026-03-02T01:00:05.000Z' });
    expect(second).toEqual(first);
    expect((await records.get(record.id))?.delivery).toEqual(first);
    expect((await records.create(escalationRecord('hazard-2/step-1', { message: '另一份' }))).record).toMatchObject({ message: '通报正文', delivery: first });
  });

  it('keeps a record whose text carries a NUL (PostgreSQL text cannot), without it', async () => {
    const { records } = database.store;
    const { record, created } = await records.create(escalationRecord('hazard-nul/step-0', { message: '通报\u0000正文', item: { ...escalationRecord('x').item, title: '配电室\u0000堵塞' } }));
    expect(created).toBe(true);
    expect((await records.get(record.id))).toMatchObject({ message: '通报正文', item: { title: '配电室堵塞' } });
  });

  it('lists within a jurisdiction, newest first, filtered and paged', async () => {
    const { records } = database.store;
    for (const [i, jurisdiction] of [JIZHOU, JIZHOU, 'CN/tianjin/binhai', 'CN/tianjinx'].entries()) {
      const base = escalationRecord(`list-${i}/step-0`);
      await records.create({ ...base, plannedAt: `2026-04-0${i + 1}T01:00:00.000Z`, campaign: { ...base.campaign, jurisdiction } });
    }
    const keys = async (filter: Partial<Parameters<typeof records.list>[0]>) =>
      (await records.list({ jurisdiction: 'CN/tianjin', limit: 50, plannedFrom: new Date('2026-04-01T00:00:00Z'), ...filter })).map((r) => r.idempotencyKey);

    expect(await keys({})).toEqual(['list-2/step-0', 'list-1/step-0', 'list-0/step-0']);
    expect(await keys({ jurisdiction: JIZHOU })).toEqual(['list-1/step-0', 'list-0/step-0']);
    expect(await keys({ jurisdiction: 'CN/tianjinx' })).toEqual(['list-3/step-0']);
    expect(await keys({ runJurisdiction: 'CN/tianjin/binhai', campaignId: 'jizhou-2024' })).toEqual(['list-2/step-0']);
    const firstPage = await records.list({ jurisdiction: 'CN/tianjin', limit: 2, plannedFrom: new Date('2026-04-01T00:00:00Z') });
    const last = firstPage.at(-1)!;
    expect(await keys({ after: { plannedAt: last.plannedAt, recordId: last.id } })).toEqual(['list-0/step-0']);
  });
});

describe('public exposure list', () => {
  it('lists a 曝光 once its delivery is noted, oldest first, until it is withdrawn', async () => {
    const { records, exposures } = database.store;
    const exposure = (key: string, text: string) =>
      escalationRecord(key, { action: 'public-exposure', id: recordIdFor('public-exposure', key), details: { kind: 'exposure', channel: 'media', text }, message: text });
    const late = (await records.create(exposure('exp-1/step-3', '曝光：第七中学隐患逾期未整改。'))).record;
    const early = (await records.create(exposure('exp-2/step-3', '曝光：第八中学隐患逾期未整改。'))).record;
    await records.create(exposure('exp-3/step-3', '尚未送达'));
    await records.noteDelivery(late.idempotencyKey, { channel: 'log', deliveredAt: '2026-03-02T01:00:05.000Z' });
    await records.noteDelivery(early.idempotencyKey, { channel: 'log', deliveredAt: '2026-03-01T01:00:05.000Z' });
    await records.noteDelivery(early.idempotencyKey, { channel: 'log', deliveredAt: '2026-03-09T01:00:05.000Z' });

    const published = await exposures.listPublished();
    expect(published.map((e) => e.id)).toEqual([early.id, late.id]);
    expect(published[1]).toEqual({
      id: late.id,
      campaignId: 'jizhou-2024',
      campaign: '治本攻坚三年行动',
      jurisdiction: JIZHOU,
      unit: '第七中学',
      item: '配电室消防通道堵塞',
      dueOn: '2026-02-20',
      exposedAt: '2026-03-02T01:00:05.000Z',
      channel: 'media',
      text: '曝光：第七中学隐患逾期未整改。',
      withdrawal: null,
    });
    expect(await exposures.listPublished({ campaignId: 'other' })).toEqual([]);

    const withdrawn = await exposures.withdraw(early.id, { by: '区安委办', reason: '已整改销号', at: new Date('2026-03-10T00:00:00Z') });
    await exposures.withdraw(early.id, { by: '别人', reason: '再次撤下', at: new Date('2026-03-11T00:00:00Z') });
    expect(withdrawn?.withdrawal).toEqual({ at: '2026-03-10T00:00:00.000Z', by: '区安委办', reason: '已整改销号' });
    expect((await exposures.get(early.id))?.withdrawal?.by).toBe('区安委办');
    expect((await exposures.listPublished()).map((e) => e.id)).toEqual([late.id]);
    expect(await exposures.withdraw('public-exposure-unknown', { by: 'x', reason: 'y', at: new Date() })).toBeUndefined();
  });

  it('withdraws an entry whose 曝光 step asked for it once its item is settled: hazard closed, report handed in, milestone confirmed; keeps the others', async () => {
    const { records, exposures, projection } = database.store;
    const hazardRun = hazard('JZ-SETTLE').workflowId;
    const campaignRun = campaign().workflowId;
    const expose = async (key: string, item: { kind: 'hazard' | 'duty-occurrence' | 'milestone'; id: string; unitId: string }, withdrawWhenClosed?: boolean) => {
      const base = escalationRecord(key);
      const { record } = await records.create({
        ...base,
        action: 'public-exposure',
        id: recordIdFor('public-exposure', key),
        workflowId: key.split('/')[0]!,
        item: { ...base.item, ...item },
        details: { kind: 'exposure', channel: 'government-website', text: `曝光：${item.id}`, ...(withdrawWhenClosed === undefined ? {} : { withdrawWhenClosed }) },
      });
      await records.noteDelivery(record.idempotencyKey, { channel: 'log', deliveredAt: '2026-03-05T01:00:00.000Z' });
      return record.id;
    };
    const hazardEntry = await expose(`${hazardRun}/step-3`, { kind: 'hazard', id: 'JZ-SETTLE', unitId: 'school-7' }, true);
    const keptHazardEntry = await expose(`${hazard('JZ-KEEP').workflowId}/step-3`, { kind: 'hazard', id: 'JZ-KEEP', unitId: 'school-7' });
    const reportEntry = await expose(`${campaignRun}/q1-school-7/step-2`, { kind: 'duty-occurrence', id: 'quarterly:2026-Q1', unitId: 'school-7' }, true);
    const otherUnitsReport = await expose(`${campaignRun}/q1-school-8/step-2`, { kind: 'duty-occurrence', id: 'quarterly:2026-Q1', unitId: 'school-8' }, true);
    const milestoneEntry = await expose(`${campaignRun}/clear-major/step-1`, { kind: 'milestone', id: 'clear-major', unitId: 'school-7' }, true);
    const listed = async () => new Set((await exposures.listPublished()).map((entry) => entry.id));
    for (const id of [hazardEntry, keptHazardEntry, reportEntry, otherUnitsReport, milestoneEntry]) expect((await listed()).has(id)).toBe(true);

    // Still open: nothing comes down.
    await projection.projectHazard(hazard('JZ-SETTLE', { revision: 2, status: 'rectifying' }));
    expect((await listed()).has(hazardEntry)).toBe(true);
    // Closed (销号): its entry comes down, by the engine, saying why; the entry without the wish stays.
    await projection.projectHazard(hazard('JZ-SETTLE', { revision: 3, status: 'closed', closedOn: '2026-03-20' }));
    await projection.projectHazard(hazard('JZ-KEEP', { revision: 3, status: 'closed', closedOn: '2026-03-20' }));
    expect((await exposures.get(hazardEntry))?.withdrawal).toMatchObject({ by: SETTLED_EXPOSURE_WITHDRAWER, reason: '隐患已于 2026-03-20 销号' });
    expect((await listed()).has(keptHazardEntry)).toBe(true);

    // School 7 hands in the late report and the milestone is confirmed: their entries come down; school 8's stays.
    const occurrence = (unitId: string, submittedOn: string | null) => ({
      occurrenceId: 'quarterly:2026-Q1',
      dutyId: 'quarterly',
      dutyTitle: '季度报告',
      periodLabel: '2026年第一季度',
      unitId,
      unitName: unitId,
      opensOn: '2026-03-01',
      dueOn: '2026-03-31',
      submittedOn,
      lateFrom: '2026-03-31T16:00:00.000Z',
      escalationStage: 'public-exposure',
    });
    await projection.projectCampaign(
      campaign({
        revision: 10,
        occurrences: [occurrence('school-7', '2026-04-09'), occurrence('school-8', null)],
        milestones: [{ milestoneId: 'clear-major', title: '重大隐患动态清零', dueOn: '2026-12-31', state: 'confirmed' }],
      }),
    );
    expect((await exposures.get(reportEntry))?.withdrawal).toMatchObject({ by: SETTLED_EXPOSURE_WITHDRAWER, reason: '已于 2026-04-09 补报' });
    expect((await exposures.get(milestoneEntry))?.withdrawal).toMatchObject({ reason: '节点已确认完成' });
    const after = await listed();
    expect([hazardEntry, reportEntry, milestoneEntry].filter((id) => after.has(id))).toEqual([]);
    expect([keptHazardEntry, otherUnitsReport].every((id) => after.has(id))).toBe(true);
  });
});
