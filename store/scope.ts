/**
 * Who may read which rows: every table carries the jurisdiction of the run that wrote it, and a
 * reader sees its own jurisdiction and everything below it (CN/tianjin sees CN/tianjin/jizhou,
 * not CN/tianjinx), like the API's visibility queries. A unit reader sees only its own unit.
 */
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';

/** What a report or a list is limited to: always a jurisdiction, optionally one campaign run and one unit. */
export interface ReadScope {
  /** The caller's jurisdiction: rows of it and below it. */
  jurisdiction: string;
  campaignRunId?: string;
  unitId?: string;
}

/** `column` is `jurisdiction` or below it. */
export function withinJurisdiction(column: Expression<string>, jurisdiction: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${column} = ${jurisdiction} or starts_with(${column}, ${`${jurisdiction}/`}))`;
}

/** The scope as a condition on `table`, which has jurisdiction, campaign_run_id and unit_id columns (a name from the store's code, never a caller's). */
export function scopeCondition(scope: ReadScope, table: 'hazards' | 'duty_occurrences' | 'escalation_steps'): RawBuilder<SqlBool> {
  const column = (name: string) => sql.ref<string>(`${table}.${name}`);
  const conditions = [withinJurisdiction(column('jurisdiction'), scope.jurisdiction)];
  if (scope.campaignRunId !== undefined) conditions.push(sql<SqlBool>`${column('campaign_run_id')} = ${scope.campaignRunId}`);
  if (scope.unitId !== undefined) conditions.push(sql<SqlBool>`${column('unit_id')} = ${scope.unitId}`);
  return sql<SqlBool>`(${sql.join(conditions, sql` and `)})`;
}
