import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileRecordStore, recordIdFor, type EscalationRecord } from '../../activities';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'record-store-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

function record(key: string, message: string): EscalationRecord {
  return {
    schemaVersion: 1,
    id: recordIdFor('notice', key),
    idempotencyKey: key,
    action: 'notice',
    workflowId: 'hazard-1',
    ladderId: 'default',
    stepIndex: 1,
    campaign: { id: 'c', version: '1', title: '专项整治', authority: '某区安委会' },
    item: { kind: 'hazard', id: 'h1', title: '消防通道堵塞', unitId: 'u1', unitName: '某学校', dueOn: '2026-09-20' },
    plannedAt: '2026-09-30T02:00:00.000Z',
    recipient: '各有关单位',
    message,
    details: { kind: 'message' },
    keptAt: '2026-09-30T02:00:01.000Z',
  };
}

describe('file record store', () => {
  it('names records by a hash of the idempotency key, never by the key itself', () => {
    expect(recordIdFor('notice', 'hazard-1/step-2')).toMatch(/^notice-[0-9a-f]{32}$/);
    expect(recordIdFor('notice', 'hazard-1/step-2')).toBe(recordIdFor('notice', 'hazard-1/step-2'));
    expect(recordIdFor('notice', 'hazard-1/step-3')).not.toBe(recordIdFor('notice', 'hazard-1/step-2'));
  });

  it('of ten concurrent creates with one key, exactly one creates and all see its record', async () => {
    const store = createFileRecordStore(dir);
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => store.create(record('hazard-1/step-1', `第${i}份`))));

    expect(results.filter((r) => r.created)).toHaveLength(1);
    const winner = results.find((r) => r.created)!.record.message;
    expect(new Set(results.map((r) => r.record.message))).toEqual(new Set([winner]));
    // No temporary files are left beside the record.
    expect(await readdir(join(dir, 'notice'))).toEqual([`${recordIdFor('notice', 'hazard-1/step-1').slice('notice-'.length)}.json`]);
  });

  it('replaces a record and reads it back; an unknown or malformed id reads as nothing', async () => {
    const store = createFileRecordStore(dir);
    const kept = record('hazard-1/step-1', '通报正文');
    await store.create(kept);
    await store.replace({ ...kept, delivery: { channel: 'log', deliveredAt: '2026-09-30T02:00:02.000Z' } });

    expect((await store.get(kept.id))?.delivery).toEqual({ channel: 'log', deliveredAt: '2026-09-30T02:00:02.000Z' });
    expect(await store.list('notice')).toHaveLength(1);
    expect(await store.list('interview')).toEqual([]);
    expect(await store.get(recordIdFor('notice', 'another'))).toBeUndefined();
    expect(await store.get('../../etc/passwd')).toBeUndefined();
  });
});
