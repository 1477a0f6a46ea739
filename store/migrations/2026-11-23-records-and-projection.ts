/**
 * The first schema: escalation records and the public exposure list (written by the escalation
 * activities), and the reporting projection (written by the projection activities and the
 * rebuild). Every table carries `jurisdiction`, so every read is scoped like the API's routes.
 * A later migration can add a `sector` column to hazards and duty_occurrences once the language
 * names sectors; the statistics group by columns, so that is one more grouping.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('escalation_records')
    .addColumn('idempotency_key', 'text', (c) => c.primaryKey())
    .addColumn('record_id', 'text', (c) => c.notNull().unique())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('workflow_id', 'text', (c) => c.notNull())
    .addColumn('ladder_id', 'text', (c) => c.notNull())
    .addColumn('step_index', 'integer', (c) => c.notNull())
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('campaign_version', 'text', (c) => c.notNull())
    .addColumn('campaign_title', 'text', (c) => c.notNull())
    .addColumn('authority', 'text', (c) => c.notNull())
    .addColumn('jurisdiction', 'text', (c) => c.notNull())
    .addColumn('item_kind', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('item_title', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('unit_name', 'text', (c) => c.notNull())
    .addColumn('due_on', 'date', (c) => c.notNull())
    .addColumn('planned_at', 'timestamptz', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('details', 'jsonb', (c) => c.notNull())
    .addColumn('kept_at', 'timestamptz', (c) => c.notNull())
    .addColumn('delivery_channel', 'text')
    .addColumn('delivered_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('escalation_records_by_workflow').on('escalation_records').columns(['workflow_id', 'planned_at']).execute();
  await db.schema.createIndex('escalation_records_by_jurisdiction').on('escalation_records').columns(['jurisdiction', 'planned_at']).execute();

  await db.schema
    .createTable('public_exposures')
    .addColumn('record_id', 'text', (c) => c.primaryKey().references('escalation_records.record_id'))
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('workflow_id', 'text', (c) => c.notNull())
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('campaign_title', 'text', (c) => c.notNull())
    .addColumn('jurisdiction', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('unit_name', 'text', (c) => c.notNull())
    .addColumn('item_title', 'text', (c) => c.notNull())
    .addColumn('due_on', 'date', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('exposed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('withdrawn_at', 'timestamptz')
    .addColumn('withdrawn_by', 'text')
    .addColumn('withdrawal_reason', 'text')
    .execute();
  await db.schema.createIndex('public_exposures_by_time').on('public_exposures').columns(['exposed_at', 'record_id']).execute();

  await db.schema
    .createTable('campaign_runs')
    .addColumn('workflow_id', 'text', (c) => c.primaryKey())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('campaign_run_id', 'text', (c) => c.notNull())
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('jurisdiction', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('current_phase_id', 'text')
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('projected_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // Not unique: the projection is keyed by workflow id; only the API's naming (campaign:<run id>) makes a run id one run's.
  await db.schema.createIndex('campaign_runs_by_run_id').on('campaign_runs').column('campaign_run_id').execute();

  await db.schema
    .createTable('hazards')
    .addColumn('workflow_id', 'text', (c) => c.primaryKey())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('campaign_run_id', 'text', (c) => c.notNull())
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('jurisdiction', 'text', (c) => c.notNull())
    .addColumn('hazard_id', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('unit_name', 'text', (c) => c.notNull())
    .addColumn('unit_head', 'text')
    .addColumn('responsible_person', 'text', (c) => c.notNull())
    .addColumn('discovered_through', 'text', (c) => c.notNull())
    .addColumn('measure', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('registered_on', 'date', (c) => c.notNull())
    .addColumn('first_due_on', 'date', (c) => c.notNull())
    .addColumn('due_on', 'date', (c) => c.notNull())
    .addColumn('rectified_on', 'date')
    .addColumn('rectified_by', 'text')
    .addColumn('rectification', 'text')
    .addColumn('verified_on', 'date')
    .addColumn('verified_by', 'text')
    .addColumn('closed_on', 'date')
    .addColumn('overdue_from', 'timestamptz')
    .addColumn('escalation_stage', 'text')
    .addColumn('under_listed_supervision', 'boolean', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('projected_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('hazards_by_run_and_unit').on('hazards').columns(['campaign_run_id', 'unit_id']).execute();
  await db.schema.createIndex('hazards_by_jurisdiction').on('hazards').column('jurisdiction').execute();

  await db.schema
    .createTable('duty_occurrences')
    .addColumn('campaign_workflow_id', 'text', (c) => c.notNull())
    .addColumn('occurrence_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('campaign_run_id', 'text', (c) => c.notNull())
    .addColumn('jurisdiction', 'text', (c) => c.notNull())
    .addColumn('duty_id', 'text', (c) => c.notNull())
    .addColumn('duty_title', 'text', (c) => c.notNull())
    .addColumn('period_label', 'text', (c) => c.notNull())
    .addColumn('unit_name', 'text', (c) => c.notNull())
    .addColumn('opens_on', 'date', (c) => c.notNull())
    .addColumn('due_on', 'date', (c) => c.notNull())
    .addColumn('submitted_on', 'date')
    .addColumn('late_from', 'timestamptz')
    .addColumn('escalation_stage', 'text')
    .addPrimaryKeyConstraint('duty_occurrences_pk', ['campaign_workflow_id', 'occurrence_id', 'unit_id'])
    .execute();
  await db.schema.createIndex('duty_occurrences_by_run_and_unit').on('duty_occurrences').columns(['campaign_run_id', 'unit_id']).execute();

  await db.schema
    .createTable('milestones')
    .addColumn('campaign_workflow_id', 'text', (c) => c.notNull())
    .addColumn('milestone_id', 'text', (c) => c.notNull())
    .addColumn('campaign_run_id', 'text', (c) => c.notNull())
    .addColumn('jurisdiction', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('due_on', 'date', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('milestones_pk', ['campaign_workflow_id', 'milestone_id'])
    .execute();

  await db.schema
    .createTable('escalation_steps')
    .addColumn('workflow_id', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('ladder_id', 'text', (c) => c.notNull())
    .addColumn('step_index', 'integer', (c) => c.notNull())
    .addColumn('planned_at', 'timestamptz', (c) => c.notNull())
    .addColumn('campaign_run_id', 'text', (c) => c.notNull())
    .addColumn('jurisdiction', 'text', (c) => c.notNull())
    .addColumn('item_kind', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('performed_at', 'timestamptz')
    .addColumn('performed_on', 'date')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text')
    .addPrimaryKeyConstraint('escalation_steps_pk', ['workflow_id', 'item_id', 'unit_id', 'ladder_id', 'step_index', 'planned_at'])
    .execute();
  await db.schema.createIndex('escalation_steps_by_run_and_unit').on('escalation_steps').columns(['campaign_run_id', 'unit_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['escalation_steps', 'milestones', 'duty_occurrences', 'hazards', 'campaign_runs', 'public_exposures', 'escalation_records']) {
    await db.schema.dropTable(table).execute();
  }
}
