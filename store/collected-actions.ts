/**
 * Collected actions (store/migrations/2026-12-07-collected-actions.ts): the records of one campaign
 * run, step and instant that one document carries. The protocol, safe with any number of workers:
 * 1. `join`: a hazard run keeps its record marked with the action under a SHARE lock of the
 *    action's row — joins do not wait for each other (10,000 items reach one action at a clustered
 *    deadline: an exclusive lock per join queued them behind each other's round trips) but do wait
 *    for a compiling or closing collector, which locks it FOR UPDATE. Only a join that finds the
 *    action closed (it reopens it: a new generation) or its collector not yet started locks the row
 *    exclusively; the caller is then told to start the collector.
 * 2. `keepDocument`: the collector keeps the next document of every record still waiting (under the
 *    same lock, so no join slips between the selection and the marking); a retry gets the same one.
 * 3. deliver, then `noteDocumentDelivery`: the document and every record it carries are noted
 *    delivered in one transaction, 曝光 entries entering the public list with them.
 * 4. `close`: under the lock, only when no record waits; a later join reopens the action.
 */
import { createHash } from 'node:crypto';
import type { Selectable, Transaction } from 'kysely';
import type { EscalationAction } from '../definitions/vocabulary';
import type { CollectedDocumentsTable, Database, EngineDatabase } from './database';
import type { EscalationRecord } from './escalation-record.schema';
import { keepRecord, listPublicly, recordOf, type Delivery } from './escalation-records';
import { withoutNul } from './text';

/** What a collected action is: one campaign run, collection, ladder step and instant. */
export interface CollectedActionRef {
  key: string;
  action: EscalationAction;
  jurisdiction: string;
  plannedAt: string;
  /** The joining step's input (campaign, step, collection); the documents are written from the first one kept. */
  stepInput: unknown;
}

/** A document of a collected action, kept before it is delivered. */
export interface CollectedDocument {
  id: string;
  actionKey: string;
  generation: number;
  sequence: number;
  action: EscalationAction;
  recipient: string;
  message: string;
  details: unknown;
  keptAt: string;
  delivery?: Delivery;
}

/** The text of a document for the records it carries, written by the activity (activities/collected-actions.activities.ts). */
export type ComposeDocument = (stepInput: unknown, records: EscalationRecord[]) => { recipient: string; message: string; details: unknown };

export interface CollectedActionStore {
  join(action: CollectedActionRef, record: EscalationRecord): Promise<{ record: EscalationRecord; created: boolean; startCollector?: { generation: number } }>;
  noteCollectorStarted(key: string, generation: number): Promise<void>;
  /** How many records wait for a document. */
  awaiting(key: string): Promise<number>;
  /** The `sequence`th document of the generation: kept now from the waiting records, or the one kept by an earlier attempt; none when no record waits. */
  keepDocument(key: string, generation: number, sequence: number, compose: ComposeDocument, keptAt: string): Promise<{ document: CollectedDocument; records: EscalationRecord[] } | undefined>;
  noteDocumentDelivery(documentId: string, delivery: Delivery): Promise<Delivery>;
  /** Closes the action if no record waits (true); a newer generation's collector has taken over (true); else false. */
  close(key: string, generation: number): Promise<boolean>;
}

/** The document id of a collected action's document: `<action>-doc-<32 hex digits>`. */
export function documentIdFor(action: EscalationAction, key: string, generation: number, sequence: number): string {
  return `${action}-doc-${createHash('sha256').update(`${key}#${generation}#${sequence}`).digest('hex').slice(0, 32)}`;
}

function documentOf(row: Selectable<CollectedDocumentsTable>): CollectedDocument {
  return {
    id: row.document_id,
    actionKey: row.action_key,
    generation: row.generation,
    sequence: row.sequence,
    action: row.action as EscalationAction,
    recipient: row.recipient,
    message: row.message,
    details: row.details,
    keptAt: row.kept_at.toISOString(),
    ...(row.delivery_channel && row.delivered_at ? { delivery: { channel: row.delivery_channel, deliveredAt: row.delivered_at.toISOString() } } : {}),
  };
}

const lockAction = (trx: Transaction<Database>, key: string) =>
  trx.selectFrom('collected_actions').selectAll().where('action_key', '=', key).forUpdate().executeTakeFirstOrThrow();

const waiting = (trx: Transaction<Database> | EngineDatabase, key: string) =>
  trx.selectFrom('escalation_records').where('collected_action', '=', key).where('document_id', 'is', null);

const countWaiting = async (trx: Transaction<Database> | EngineDatabase, key: string): Promise<number> =>
  Number((await waiting(trx, key).select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow()).count);

export function createCollectedActionStore(db: EngineDatabase): CollectedActionStore {
  return {
    async join(action, record) {
      await db
        .insertInto('collected_actions')
        .values({
          action_key: action.key,
          action: action.action,
          jurisdiction: action.jurisdiction,
          planned_at: action.plannedAt,
          step_input: JSON.stringify(withoutNul(action.stepInput)),
          generation: 1,
          open: true,
          collector_started: false,
        })
        .onConflict((oc) => oc.column('action_key').doNothing())
        .execute();
      const shared = await db.transaction().execute(async (trx) => {
        const row = await trx.selectFrom('collected_actions').selectAll().where('action_key', '=', action.key).forShare().executeTakeFirstOrThrow();
        return { row, kept: await keepRecord(trx, record, action.key) };
      });
      // Kept while the action was open and its collector running: that collector will carry it (closing waits for this join).
      if (shared.row.open && shared.row.collector_started) return shared.kept;
      return db.transaction().execute(async (trx) => {
        let row = await lockAction(trx, action.key);
        // A record kept by an earlier attempt already counted in its generation; only a waiting one reopens.
        const waitingHere = await waiting(trx, action.key).select('record_id').where('record_id', '=', shared.kept.record.id).executeTakeFirst();
        if (!row.open && waitingHere) {
          row = await trx
            .updateTable('collected_actions')
            .set({ open: true, generation: row.generation + 1, collector_started: false })
            .where('action_key', '=', action.key)
            .returningAll()
            .executeTakeFirstOrThrow();
        }
        return { ...shared.kept, ...(row.open && !row.collector_started ? { startCollector: { generation: row.generation } } : {}) };
      });
    },

    async noteCollectorStarted(key, generation) {
      await db.updateTable('collected_actions').set({ collector_started: true }).where('action_key', '=', key).where('generation', '=', generation).execute();
    },

    awaiting: (key) => countWaiting(db, key),

    keepDocument: (key, generation, sequence, compose, keptAt) =>
      db.transaction().execute(async (trx) => {
        const action = await lockAction(trx, key);
        const kept = await trx.selectFrom('collected_documents').selectAll().where('action_key', '=', key).where('generation', '=', generation).where('sequence', '=', sequence).executeTakeFirst();
        if (kept) {
          const records = await trx.selectFrom('escalation_records').selectAll().where('document_id', '=', kept.document_id).orderBy('unit_name').orderBy('record_id').execute();
          return { document: documentOf(kept), records: records.map(recordOf) };
        }
        const rows = await waiting(trx, key).selectAll().orderBy('unit_name').orderBy('record_id').execute();
        if (rows.length === 0) return undefined;
        const records = rows.map(recordOf);
        const text = withoutNul(compose(action.step_input, records));
        const id = documentIdFor(action.action as EscalationAction, key, generation, sequence);
        const inserted = await trx
          .insertInto('collected_documents')
          .values({
            document_id: id,
            action_key: key,
            generation,
            sequence,
            action: action.action,
            jurisdiction: action.jurisdiction,
            recipient: text.recipient,
            message: text.message,
            details: JSON.stringify(text.details),
            kept_at: keptAt,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        // The lock keeps joins out, so the records marked are exactly the ones selected.
        await trx.updateTable('escalation_records').set({ document_id: id }).where('collected_action', '=', key).where('document_id', 'is', null).execute();
        return { document: documentOf(inserted), records };
      }),

    noteDocumentDelivery: (documentId, delivery) =>
      db.transaction().execute(async (trx) => {
        const noted = await trx
          .updateTable('collected_documents')
          .set({ delivery_channel: delivery.channel, delivered_at: delivery.deliveredAt })
          .where('document_id', '=', documentId)
          .where('delivered_at', 'is', null)
          .returningAll()
          .executeTakeFirst();
        if (!noted) {
          const kept = documentOf(await trx.selectFrom('collected_documents').selectAll().where('document_id', '=', documentId).executeTakeFirstOrThrow());
          return kept.delivery ?? delivery;
        }
        const records = await trx
          .updateTable('escalation_records')
          .set({ delivery_channel: delivery.channel, delivered_at: delivery.deliveredAt })
          .where('document_id', '=', documentId)
          .where('delivered_at', 'is', null)
          .returningAll()
          .execute();
        await listPublicly(trx, records.map(recordOf), delivery);
        return delivery;
      }),

    close: (key, generation) =>
      db.transaction().execute(async (trx) => {
        const action = await lockAction(trx, key);
        if (action.generation !== generation) return true;
        if ((await countWaiting(trx, key)) > 0) return false;
        await trx.updateTable('collected_actions').set({ open: false }).where('action_key', '=', key).execute();
        return true;
      }),
  };
}
