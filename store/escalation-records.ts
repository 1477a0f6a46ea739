/**
 * Escalation records (通报, 约谈, 挂牌督办, 曝光 …) in `escalation_records`, one row per idempotency
 * key (`<workflowId>/<stepKey>`), and the public exposure list in `public_exposures`.
 *
 * The protocol the escalation activities follow, safe with any number of workers:
 * 1. `create`: INSERT … ON CONFLICT DO NOTHING, then read the row back. Of any number of attempts
 *    (retries, a second worker) exactly one inserts; every attempt sends what that row holds.
 * 2. deliver, then `noteDelivery`: the first noted delivery stays; a 曝光 enters the public list in
 *    the same transaction.
 * Delivery itself stays at least once: an attempt that dies after the recipient accepted and before
 * step 2 sends again, with the same Idempotency-Key (exactly once over HTTP needs the receiver's dedupe).
 */
import { createHash } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import { EscalationActionName, type EscalationAction } from '../definitions/vocabulary';
import type { Database, EngineDatabase, EscalationRecordsTable } from './database';
import { EscalationRecordDetails, type EscalationRecord } from './escalation-record.schema';
import { withinJurisdiction } from './scope';
import { withoutNul } from './text';

const HASH_LENGTH = 32;

/** The record id of an idempotency key: `<action>-<32 hex digits of its sha256>`. */
export function recordIdFor(action: EscalationAction, idempotencyKey: string): string {
  return `${action}-${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, HASH_LENGTH)}`;
}

export type Delivery = NonNullable<EscalationRecord['delivery']>;

export function recordOf(row: Selectable<EscalationRecordsTable>): EscalationRecord {
  return {
    id: row.record_id,
    idempotencyKey: row.idempotency_key,
    action: row.action as EscalationAction,
    workflowId: row.workflow_id,
    ladderId: row.ladder_id,
    stepIndex: row.step_index,
    campaign: { id: row.campaign_id, version: row.campaign_version, title: row.campaign_title, authority: row.authority, jurisdiction: row.jurisdiction },
    item: { kind: row.item_kind, id: row.item_id, title: row.item_title, unitId: row.unit_id, unitName: row.unit_name, dueOn: row.due_on },
    plannedAt: row.planned_at.toISOString(),
    recipient: row.recipient,
    message: row.message,
    details: EscalationRecordDetails.parse(row.details),
    keptAt: row.kept_at.toISOString(),
    ...(row.delivery_channel && row.delivered_at ? { delivery: { channel: row.delivery_channel, deliveredAt: row.delivered_at.toISOString() } } : {}),
  };
}

/** Which records to list: always within a jurisdiction, newest first. */
export interface RecordFilter {
  jurisdiction: string;
  campaignId?: string;
  /** Exactly this jurisdiction (with campaignId: one campaign run). */
  runJurisdiction?: string;
  unitId?: string;
  action?: EscalationAction;
  workflowId?: string;
  /** Planned on or after / before these instants. */
  plannedFrom?: Date;
  plannedBefore?: Date;
  /** Continue after this record (from the previous page): its planned instant and id. */
  after?: { plannedAt: string; recordId: string };
  limit: number;
}

export interface EscalationRecordStore {
  /**
   * Keeps `record` unless one with its idempotency key is kept already; of concurrent calls exactly
   * one creates. Returns the kept record and whether this call created it.
   */
  create(record: EscalationRecord): Promise<{ record: EscalationRecord; created: boolean }>;
  /** Notes that the record was delivered; the first delivery noted stays and is returned. */
  noteDelivery(idempotencyKey: string, delivery: Delivery): Promise<Delivery>;
  get(recordId: string): Promise<EscalationRecord | undefined>;
  list(filter: RecordFilter): Promise<EscalationRecord[]>;
}

/**
 * Keeps `given` unless a record with its idempotency key is kept already (INSERT … ON CONFLICT DO
 * NOTHING, then the row read back): of any number of attempts exactly one creates. A record of a
 * collected step names the collected action it joins.
 */
export async function keepRecord(
  db: Kysely<Database> | Transaction<Database>,
  given: EscalationRecord,
  collectedAction?: string,
): Promise<{ record: EscalationRecord; created: boolean }> {
  const record = withoutNul(given);
  const inserted = await db
    .insertInto('escalation_records')
    .values({
      idempotency_key: record.idempotencyKey,
      record_id: record.id,
      action: record.action,
      workflow_id: record.workflowId,
      ladder_id: record.ladderId,
      step_index: record.stepIndex,
      campaign_id: record.campaign.id,
      campaign_version: record.campaign.version,
      campaign_title: record.campaign.title,
      authority: record.campaign.authority,
      jurisdiction: record.campaign.jurisdiction,
      item_kind: record.item.kind,
      item_id: record.item.id,
      item_title: record.item.title,
      unit_id: record.item.unitId,
      unit_name: record.item.unitName,
      due_on: record.item.dueOn,
      planned_at: record.plannedAt,
      recipient: record.recipient,
      message: record.message,
      details: JSON.stringify(record.details),
      kept_at: record.keptAt,
      collected_action: collectedAction ?? null,
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returning('record_id')
    .executeTakeFirst();
  if (inserted) {
    const { delivery: _notYet, ...kept } = record;
    return { record: kept, created: true };
  }
  const kept = await db.selectFrom('escalation_records').selectAll().where('idempotency_key', '=', record.idempotencyKey).executeTakeFirstOrThrow();
  return { record: recordOf(kept), created: false };
}

/** Rows of the public exposure list inserted at once: well under PostgreSQL's 65,535 parameters per statement. */
const EXPOSURES_PER_INSERT = 1_000;

/** Enters the delivered 曝光 records on the public exposure list, in the transaction that noted their delivery. */
export async function listPublicly(trx: Transaction<Database>, records: EscalationRecord[], delivery: Delivery): Promise<void> {
  const entries = records.flatMap((record) =>
    record.action === EscalationActionName.publicExposure && record.details.kind === 'exposure'
      ? [
          {
            record_id: record.id,
            idempotency_key: record.idempotencyKey,
            workflow_id: record.workflowId,
            campaign_id: record.campaign.id,
            campaign_title: record.campaign.title,
            jurisdiction: record.campaign.jurisdiction,
            unit_id: record.item.unitId,
            unit_name: record.item.unitName,
            item_id: record.item.id,
            item_title: record.item.title,
            due_on: record.item.dueOn,
            channel: record.details.channel,
            text: record.details.text,
            exposed_at: delivery.deliveredAt,
            withdraw_when_closed: record.details.withdrawWhenClosed === true,
          },
        ]
      : [],
  );
  for (let i = 0; i < entries.length; i += EXPOSURES_PER_INSERT) {
    await trx
      .insertInto('public_exposures')
      .values(entries.slice(i, i + EXPOSURES_PER_INSERT))
      .onConflict((oc) => oc.column('record_id').doNothing())
      .execute();
  }
}

export function createEscalationRecordStore(db: EngineDatabase): EscalationRecordStore {
  return {
    create: (record) => keepRecord(db, record),

    async noteDelivery(idempotencyKey, delivery) {
      return db.transaction().execute(async (trx) => {
        const noted = await trx
          .updateTable('escalation_records')
          .set({ delivery_channel: delivery.channel, delivered_at: delivery.deliveredAt })
          .where('idempotency_key', '=', idempotencyKey)
          .where('delivered_at', 'is', null)
          .returningAll()
          .executeTakeFirst();
        if (!noted) {
          const kept = recordOf(await trx.selectFrom('escalation_records').selectAll().where('idempotency_key', '=', idempotencyKey).executeTakeFirstOrThrow());
          return kept.delivery ?? delivery;
        }
        await listPublicly(trx, [recordOf(noted)], delivery);
        return delivery;
      });
    },

    async get(recordId) {
      const row = await db.selectFrom('escalation_records').selectAll().where('record_id', '=', recordId).executeTakeFirst();
      return row ? recordOf(row) : undefined;
    },

    async list(filter) {
      let query = db
        .selectFrom('escalation_records')
        .selectAll()
        .where((eb) => withinJurisdiction(eb.ref('jurisdiction'), filter.jurisdiction));
      if (filter.campaignId !== undefined) query = query.where('campaign_id', '=', filter.campaignId);
      if (filter.runJurisdiction !== undefined) query = query.where('jurisdiction', '=', filter.runJurisdiction);
      if (filter.unitId !== undefined) query = query.where('unit_id', '=', filter.unitId);
      if (filter.action !== undefined) query = query.where('action', '=', filter.action);
      if (filter.workflowId !== undefined) query = query.where('workflow_id', '=', filter.workflowId);
      if (filter.plannedFrom !== undefined) query = query.where('planned_at', '>=', filter.plannedFrom);
      if (filter.plannedBefore !== undefined) query = query.where('planned_at', '<', filter.plannedBefore);
      const after = filter.after;
      if (after) {
        query = query.where((eb) =>
          eb.or([eb('planned_at', '<', new Date(after.plannedAt)), eb.and([eb('planned_at', '=', new Date(after.plannedAt)), eb('record_id', '<', after.recordId)])]),
        );
      }
      const rows = await query.orderBy('planned_at', 'desc').orderBy('record_id', 'desc').limit(filter.limit).execute();
      return rows.map(recordOf);
    },
  };
}
