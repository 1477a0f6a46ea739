/**
 * The collected-action protocol on a real PostgreSQL server: joins, documents and closing under the
 * action's row lock — a record joining after the collector closed reopens the action with a new
 * generation (never orphaned), a retried document is the same document, and its delivery notes
 * every record it carries (曝光 entries on the public list) once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectedActionRef, ComposeDocument } from '../../store/collected-actions';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { escalationRecord, JIZHOU } from './fixtures';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

const action = (key: string, kind: 'notice' | 'public-exposure' = 'notice'): CollectedActionRef => ({ key, action: kind, jurisdiction: JIZHOU, plannedAt: '2026-03-02T01:00:00.000Z', stepInput: { first: true } });
const unitRecord = (key: string, hazard: string, unitName: string, kind: 'notice' | 'public-exposure' = 'notice') => {
  const base = escalationRecord(`${hazard}/1/step-1`, { action: kind });
  return {
    ...base,
    ...(kind === 'public-exposure' ? { details: { kind: 'exposure' as const, channel: 'media', text: `曝光：${unitName}` } } : {}),
    workflowId: hazard,
    item: { ...base.item, id: hazard, unitId: hazard, unitName },
  };
};
/** Names the units it is given, as the activities' documents do; counts its calls. */
const composing = () => {
  const calls: string[][] = [];
  const compose: ComposeDocument = (_input, records) => {
    calls.push(records.map((r) => r.item.unitName));
    return { recipient: '各有关单位', message: `通报：${records.map((r) => r.item.unitName).join('、')}`, details: { kind: 'notice' } };
  };
  return { calls, compose };
};

describe('collected actions', () => {
  it('starts one collector per generation, and a join after closing reopens the action', async () => {
    const { collectedActions } = database.store;
    const key = 'run/campaign/ladder/step-1/2026-03-02T01:00:00.000Z';
    const first = await collectedActions.join(action(key), unitRecord(key, 'h1', '甲'));
    expect(first).toMatchObject({ created: true, startCollector: { generation: 1 } });
    // A retried join of the same step keeps the one record; until the collector is noted started, it may start it again (idempotent by id).
    expect(await collectedActions.join(action(key), unitRecord(key, 'h1', '甲'))).toMatchObject({ created: false, startCollector: { generation: 1 } });
    await collectedActions.noteCollectorStarted(key, 1);
    expect((await collectedActions.join(action(key), unitRecord(key, 'h2', '乙'))).startCollector).toBeUndefined();
    expect(await collectedActions.awaiting(key)).toBe(2);

    const { calls, compose } = composing();
    const document = await collectedActions.keepDocument(key, 1, 1, compose, '2026-03-02T01:00:20.000Z');
    expect(document?.records.map((r) => r.item.unitName)).toEqual(['乙', '甲'].sort());
    // A retry of the same document reads it back, composing nothing again.
    const again = await collectedActions.keepDocument(key, 1, 1, compose, '2026-03-02T01:00:30.000Z');
    expect(again?.document).toEqual(document?.document);
    expect(calls).toHaveLength(1);
    expect(await collectedActions.keepDocument(key, 1, 2, compose, '2026-03-02T01:00:30.000Z')).toBeUndefined();
    expect(await collectedActions.close(key, 1)).toBe(true);

    // Joined after the close: a new generation, whose collector must be started.
    expect((await collectedActions.join(action(key), unitRecord(key, 'h3', '丙'))).startCollector).toEqual({ generation: 2 });
    expect(await collectedActions.close(key, 2)).toBe(false);
    // The closed generation's collector, were it still running, hands over to the new one.
    expect(await collectedActions.close(key, 1)).toBe(true);
    const supplement = await collectedActions.keepDocument(key, 2, 1, compose, '2026-03-03T01:00:00.000Z');
    expect(supplement?.records.map((r) => r.item.unitName)).toEqual(['丙']);
    expect(supplement?.document.id).not.toBe(document?.document.id);
  });

  it('300 joins racing a collector that compiles and closes: every record is carried by exactly one document', async () => {
    const { collectedActions, db } = database.store;
    const key = 'run/campaign/ladder/step-2/2026-03-05T01:00:00.000Z';
    const generations = new Set<number>();
    const { compose } = composing();
    /** A collector of one generation, as the workflow runs it: documents while records wait, then close. */
    const collect = async (generation: number) => {
      for (let sequence = 1; ; ) {
        if (await collectedActions.keepDocument(key, generation, sequence, compose, new Date().toISOString())) sequence += 1;
        else if (await collectedActions.close(key, generation)) return;
      }
    };
    const collectors: Promise<void>[] = [];
    const joins = Array.from({ length: 300 }, async (_, i) => {
      const joined = await collectedActions.join(action(key), unitRecord(key, `race-${i}`, `单位${i}`));
      if (joined.startCollector && !generations.has(joined.startCollector.generation)) {
        generations.add(joined.startCollector.generation);
        await collectedActions.noteCollectorStarted(key, joined.startCollector.generation);
        collectors.push(collect(joined.startCollector.generation));
      }
    });
    await Promise.all(joins);
    // Only joins start collectors, and every join is done: these are all of them.
    await Promise.all(collectors);
    const rows = await db.selectFrom('escalation_records').select(['record_id', 'document_id']).where('collected_action', '=', key).execute();
    expect(rows).toHaveLength(300);
    expect(rows.filter((r) => r.document_id === null)).toEqual([]);
    const documents = await db.selectFrom('collected_documents').select('document_id').where('action_key', '=', key).execute();
    expect(new Set(rows.map((r) => r.document_id))).toEqual(new Set(documents.map((d) => d.document_id)));
  });

  it('notes a document delivered with every record it carries, once; 曝光 entries reach the public list', async () => {
    const { collectedActions, records, exposures } = database.store;
    const key = 'run/campaign/ladder/step-3/2026-03-12T01:00:00.000Z';
    for (const [hazard, unit] of [['e1', '丁'], ['e2', '戊']] as const) await collectedActions.join(action(key, 'public-exposure'), unitRecord(key, hazard, unit, 'public-exposure'));
    const kept = await collectedActions.keepDocument(key, 1, 1, composing().compose, '2026-03-12T01:00:20.000Z');
    const delivery = { channel: 'webhook', deliveredAt: '2026-03-12T01:00:21.000Z' };
    expect(await collectedActions.noteDocumentDelivery(kept!.document.id, delivery)).toEqual(delivery);
    expect(await collectedActions.noteDocumentDelivery(kept!.document.id, { channel: 'log', deliveredAt: '2026-03-12T02:00:00.000Z' })).toEqual(delivery);
    for (const record of kept!.records) expect((await records.get(record.id))?.delivery).toEqual(delivery);
    const listed = (await exposures.listPublished()).filter((e) => kept!.records.some((r) => r.id === e.id));
    expect(listed.map((e) => e.unit).sort()).toEqual(['丁', '戊']);
  });
});
