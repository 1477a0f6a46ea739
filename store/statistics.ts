/**
 * The figures bureaus ask for every week, computed by PostgreSQL from the reporting projection,
 * one GROUP BY per table:
 *
 * Hazards, by the period they were registered in (each row follows the hazards found in that
 * period to where they stand now): registered, rectified (rectification submitted and not sent
 * back), verified (审核验收 passed), closed (销号), overdue (past the time limit and still being
 * rectified, now), 整改率 = closed ÷ registered, and overdue days — for each hazard the days from its
 * time limit to its rectification (or to today while it is still open), 0 when it was on time.
 *
 * Duty occurrences, by the period they fall due in: on time (submitted by the due date), late
 * (submitted after it), missing (not submitted and past it, now), open (not submitted, not yet due),
 * before adoption (fell due before the run took the campaign over; never asked for through the engine).
 *
 * Escalations, by the period they were taken in: steps carried out, per action (rung).
 */
import { sql, type RawBuilder } from 'kysely';
import type { EngineDatabase } from './database';
import { hazardIsOverdue, hazardOverdueDays } from './hazard-rules';
import { PERIOD_FORMATS, type ReportGrouping, type ReportPeriod } from './report.vocabulary';
import { scopeCondition, type ReadScope } from './scope';

export interface ReportQuery {
  scope: ReadScope;
  by: ReportGrouping;
  period: ReportPeriod;
  /** Only rows whose date (registration, due date, step) lies in [from, to]; `YYYY-MM-DD`. */
  from?: string;
  to?: string;
}

/** What a row is about: a campaign run, or a unit (with its name). `period` is null for the whole span. */
export interface ReportKey {
  campaignRunId: string | null;
  unitId: string | null;
  unitName: string | null;
  period: string | null;
}

export type EscalationCounts = Record<string, number>;

export interface HazardStatisticsRow extends ReportKey {
  registered: number;
  rectified: number;
  verified: number;
  closed: number;
  overdue: number;
  /** closed ÷ registered, 0–1; null when nothing was registered. */
  rectificationRate: number | null;
  overdueDays: { total: number; max: number };
  escalations: EscalationCounts;
}

export interface DutyStatisticsRow extends ReportKey {
  onTime: number;
  late: number;
  missing: number;
  open: number;
  beforeAdoption: number;
  escalations: EscalationCounts;
}

type ScopedTable = 'hazards' | 'duty_occurrences' | 'escalation_steps';

/**
 * The key columns of a row (campaign_run_id, unit_id, unit_name, period, in that order) and the
 * GROUP BY that goes with them. Table and column names come from this module, never from a caller.
 */
function keyColumns(query: ReportQuery, table: ScopedTable, dateColumn: string): { select: RawBuilder<unknown>; groupBy: RawBuilder<unknown> } {
  const column = (name: string) => sql.ref(`${table}.${name}`);
  const period = query.period === 'all' ? sql`null::text` : sql`to_char(${column(dateColumn)}, ${sql.lit(PERIOD_FORMATS[query.period])})`;
  if (query.by === 'campaign') {
    return { select: sql`${column('campaign_run_id')} as campaign_run_id, null::text as unit_id, null::text as unit_name, ${period} as period`, groupBy: sql`1, 4` };
  }
  // Escalation steps carry no unit name; the hazards' or occurrences' row of the same key does.
  const unitName = table === 'escalation_steps' ? sql`null::text` : sql`max(${column('unit_name')})`;
  return { select: sql`null::text as campaign_run_id, ${column('unit_id')} as unit_id, ${unitName} as unit_name, ${period} as period`, groupBy: sql`2, 4` };
}

/** The scope and the date range as one WHERE condition. */
function where(query: ReportQuery, table: ScopedTable, dateColumn: string): RawBuilder<unknown> {
  const date = sql.ref(`${table}.${dateColumn}`);
  const conditions = [scopeCondition(query.scope, table)];
  if (query.from !== undefined) conditions.push(sql`${date} >= ${query.from}::date`);
  if (query.to !== undefined) conditions.push(sql`${date} <= ${query.to}::date`);
  return sql.join(conditions, sql` and `);
}

const keyOf = (row: ReportKey): string => JSON.stringify([row.campaignRunId, row.unitId, row.period]);

type KeyRow = { campaign_run_id: string | null; unit_id: string | null; unit_name: string | null; period: string | null };
const reportKey = (row: KeyRow): ReportKey => ({ campaignRunId: row.campaign_run_id, unitId: row.unit_id, unitName: row.unit_name, period: row.period });

type EscalationsByKey = Map<string, { key: ReportKey; counts: EscalationCounts }>;

/** Escalation steps carried out (not failed), per row key and action. */
async function escalationCounts(db: EngineDatabase, query: ReportQuery, itemKind: 'hazard' | 'duty-occurrence'): Promise<EscalationsByKey> {
  const { select, groupBy } = keyColumns(query, 'escalation_steps', 'performed_on');
  const { rows } = await sql<KeyRow & { action: string; steps: number }>`
    select ${select}, escalation_steps.action as action, count(*) as steps
    from escalation_steps
    where ${where(query, 'escalation_steps', 'performed_on')}
      and escalation_steps.item_kind = ${itemKind} and escalation_steps.outcome <> 'failed'
    group by ${groupBy}, 5`.execute(db);
  const byKey: EscalationsByKey = new Map();
  for (const row of rows) {
    const key = reportKey(row);
    const entry = byKey.get(keyOf(key)) ?? { key, counts: {} };
    entry.counts[row.action] = row.steps;
    byKey.set(keyOf(key), entry);
  }
  return byKey;
}

/** Rows in key order, with the escalation counts merged in (a key with escalations only gets a row of zeros). */
function merge<R extends ReportKey & { escalations: EscalationCounts }>(rows: R[], escalations: EscalationsByKey, empty: (key: ReportKey) => R): R[] {
  const byKey = new Map(rows.map((r) => [keyOf(r), r]));
  for (const [k, { key, counts }] of escalations) {
    const row = byKey.get(k) ?? empty(key);
    row.escalations = counts;
    byKey.set(k, row);
  }
  const order = (r: ReportKey) => [r.campaignRunId ?? '', r.unitId ?? '', r.period ?? ''].join('\u0000');
  return [...byKey.values()].sort((a, b) => order(a).localeCompare(order(b)));
}

export interface StatisticsStore {
  hazards(query: ReportQuery, now: Date): Promise<HazardStatisticsRow[]>;
  duties(query: ReportQuery, now: Date): Promise<DutyStatisticsRow[]>;
  /** A run's hazards by status and by escalation stage (`none`: no step taken), in one query. */
  hazardCounts(campaignRunId: string): Promise<{ total: number; byStatus: Record<string, number>; byEscalationStage: Record<string, number> }>;
}

export function createStatisticsStore(db: EngineDatabase): StatisticsStore {
  return {
    async hazards(query, now) {
      const { select, groupBy } = keyColumns(query, 'hazards', 'registered_on');
      const overdueDays = hazardOverdueDays(now);
      type Counts = Record<'registered' | 'rectified' | 'verified' | 'closed' | 'overdue' | 'overdue_days_total' | 'overdue_days_max', number>;
      const { rows } = await sql<KeyRow & Counts>`
        select ${select},
          count(*) as registered,
          count(*) filter (where hazards.rectified_on is not null) as rectified,
          count(*) filter (where hazards.verified_on is not null) as verified,
          count(*) filter (where hazards.closed_on is not null) as closed,
          count(*) filter (where ${hazardIsOverdue(now)}) as overdue,
          coalesce(sum(${overdueDays}), 0)::int as overdue_days_total,
          coalesce(max(${overdueDays}), 0)::int as overdue_days_max
        from hazards
        where ${where(query, 'hazards', 'registered_on')}
        group by ${groupBy}`.execute(db);
      const zero = { registered: 0, rectified: 0, verified: 0, closed: 0, overdue: 0, rectificationRate: null, overdueDays: { total: 0, max: 0 }, escalations: {} };
      const stats = rows.map(
        (row): HazardStatisticsRow => ({
          ...reportKey(row),
          registered: row.registered,
          rectified: row.rectified,
          verified: row.verified,
          closed: row.closed,
          overdue: row.overdue,
          rectificationRate: row.registered > 0 ? row.closed / row.registered : null,
          overdueDays: { total: row.overdue_days_total, max: row.overdue_days_max },
          escalations: {},
        }),
      );
      return merge(stats, await escalationCounts(db, query, 'hazard'), (key) => ({ ...key, ...zero }));
    },

    async duties(query, now) {
      const { select, groupBy } = keyColumns(query, 'duty_occurrences', 'due_on');
      const { rows } = await sql<KeyRow & Record<'on_time' | 'late' | 'missing' | 'open' | 'before_adoption', number>>`
        select ${select},
          count(*) filter (where duty_occurrences.submitted_on <= duty_occurrences.due_on) as on_time,
          count(*) filter (where duty_occurrences.submitted_on > duty_occurrences.due_on) as late,
          count(*) filter (where duty_occurrences.submitted_on is null and duty_occurrences.late_from <= ${now}) as missing,
          count(*) filter (where duty_occurrences.submitted_on is null and duty_occurrences.late_from > ${now}) as open,
          count(*) filter (where duty_occurrences.submitted_on is null and duty_occurrences.late_from is null) as before_adoption
        from duty_occurrences
        where ${where(query, 'duty_occurrences', 'due_on')}
        group by ${groupBy}`.execute(db);
      const stats = rows.map(
        (row): DutyStatisticsRow => ({ ...reportKey(row), onTime: row.on_time, late: row.late, missing: row.missing, open: row.open, beforeAdoption: row.before_adoption, escalations: {} }),
      );
      return merge(stats, await escalationCounts(db, query, 'duty-occurrence'), (key) => ({ ...key, onTime: 0, late: 0, missing: 0, open: 0, beforeAdoption: 0, escalations: {} }));
    },

    async hazardCounts(campaignRunId) {
      const rows = await db
        .selectFrom('hazards')
        .select(['status', 'escalation_stage', sql<number>`count(*)`.as('hazards')])
        .where('campaign_run_id', '=', campaignRunId)
        .groupBy(['status', 'escalation_stage'])
        .execute();
      const byStatus: Record<string, number> = {};
      const byEscalationStage: Record<string, number> = {};
      for (const row of rows) {
        byStatus[row.status] = (byStatus[row.status] ?? 0) + row.hazards;
        const stage = row.escalation_stage ?? 'none';
        byEscalationStage[stage] = (byEscalationStage[stage] ?? 0) + row.hazards;
      }
      return { total: rows.reduce((sum, row) => sum + row.hazards, 0), byStatus, byEscalationStage };
    },
  };
}
