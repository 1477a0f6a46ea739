/**
 * Withdrawal of an exposure (曝光) when its item is settled, where the definition's 曝光 step says
 * so (`withdrawWhenClosed`): each entry now names its item and carries that wish, so the projection
 * can withdraw it when the hazard is closed (销号), the report handed in or the milestone confirmed.
 * Entries kept before this migration take their item from their escalation record and keep being
 * listed until an operator withdraws them (the definitions they came from could not ask otherwise).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('public_exposures')
    .addColumn('item_id', 'text')
    .addColumn('withdraw_when_closed', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await sql`update public_exposures set item_id = r.item_id from escalation_records r where r.record_id = public_exposures.record_id`.execute(db);
  // Only the entries still waiting for their item to settle: what the projection looks up on every write.
  await db.schema
    .createIndex('public_exposures_awaiting_settlement')
    .on('public_exposures')
    .column('workflow_id')
    .where(sql<boolean>`withdraw_when_closed and withdrawn_at is null`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('public_exposures_awaiting_settlement').execute();
  await db.schema.alterTable('public_exposures').dropColumn('withdraw_when_closed').dropColumn('item_id').execute();
}
