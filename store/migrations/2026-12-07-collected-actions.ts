/**
 * Collected actions (one 通报 listing every unit that missed the same deadline, one 集中约谈, one
 * 曝光 list): each hazard run that reaches a collected rung keeps its own escalation record, as
 * before, but marked with the collected action it joins; the action's collector compiles the
 * records not yet in a document into one document, delivers it once and notes every record
 * delivered with it. `collected_actions` serialises the joins and the collector's closing (a row
 * lock), so a record joining after the collector looked is never orphaned: it reopens the action.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('collected_actions')
    .addColumn('action_key', 'text', (c) => c.primaryKey())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('jurisdiction', 'text', (c) => c.notNull())
    .addColumn('planned_at', 'timestamptz', (c) => c.notNull())
    /** The first join's step input (campaign, step, collection): what the documents are written from. */
    .addColumn('step_input', 'jsonb', (c) => c.notNull())
    /** Each reopening after the collector closed starts a new collector (its id carries the generation). */
    .addColumn('generation', 'integer', (c) => c.notNull())
    .addColumn('open', 'boolean', (c) => c.notNull())
    .addColumn('collector_started', 'boolean', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('collected_documents')
    .addColumn('document_id', 'text', (c) => c.primaryKey())
    .addColumn('action_key', 'text', (c) => c.notNull().references('collected_actions.action_key'))
    .addColumn('generation', 'integer', (c) => c.notNull())
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('jurisdiction', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('details', 'jsonb', (c) => c.notNull())
    .addColumn('kept_at', 'timestamptz', (c) => c.notNull())
    .addColumn('delivery_channel', 'text')
    .addColumn('delivered_at', 'timestamptz')
    .addUniqueConstraint('collected_documents_sequence', ['action_key', 'generation', 'sequence'])
    .execute();

  await db.schema
    .alterTable('escalation_records')
    .addColumn('collected_action', 'text', (c) => c.references('collected_actions.action_key'))
    .addColumn('document_id', 'text', (c) => c.references('collected_documents.document_id'))
    .execute();
  // Only the records still waiting for their document: what the collector counts and compiles.
  await db.schema
    .createIndex('escalation_records_awaiting_document')
    .on('escalation_records')
    .column('collected_action')
    .where(sql<boolean>`collected_action is not null and document_id is null`)
    .execute();
  await db.schema.createIndex('escalation_records_by_document').on('escalation_records').column('document_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('escalation_records_by_document').execute();
  await db.schema.dropIndex('escalation_records_awaiting_document').execute();
  await db.schema.alterTable('escalation_records').dropColumn('document_id').dropColumn('collected_action').execute();
  await db.schema.dropTable('collected_documents').execute();
  await db.schema.dropTable('collected_actions').execute();
}
