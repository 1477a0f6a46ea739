/**
 * The engine's PostgreSQL database as kysely sees it: the tables (store/migrations/ creates them)
 * and opening a connection pool. Every query of the store goes through kysely, so values reach
 * PostgreSQL as parameters, never spliced into SQL text.
 */
import { Kysely, PostgresDialect, type ColumnType, type Generated } from 'kysely';
import pg from 'pg';

/** A `date` column: read and written as `YYYY-MM-DD` (no time zone shifts through JS Date). */
type LocalDateColumn = string;
/** A `timestamptz` column: read as Date, written as Date or ISO string. */
type Instant = ColumnType<Date, Date | string, Date | string>;
type JsonColumn<T> = ColumnType<T, string, string>;

/** One escalation step's record (通报, 约谈, 曝光 …): written once per idempotency key, delivery noted afterwards. */
export interface EscalationRecordsTable {
  idempotency_key: string;
  record_id: string;
  action: string;
  workflow_id: string;
  ladder_id: string;
  step_index: number;
  campaign_id: string;
  campaign_version: string;
  campaign_title: string;
  authority: string;
  jurisdiction: string;
  item_kind: string;
  item_id: string;
  item_title: string;
  unit_id: string;
  unit_name: string;
  due_on: LocalDateColumn;
  planned_at: Instant;
  recipient: string;
  message: string;
  details: JsonColumn<unknown>;
  kept_at: Instant;
  delivery_channel: string | null;
  delivered_at: Instant | null;
  /** The collected action the record joined (one document for many units), if its step is collected. */
  collected_action: ColumnType<string | null, string | null | undefined, string | null>;
  /** The collected document that carried it, once compiled. */
  document_id: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A collected action: the records of one campaign run, step and instant that one document carries. */
export interface CollectedActionsTable {
  action_key: string;
  action: string;
  jurisdiction: string;
  planned_at: Instant;
  step_input: JsonColumn<unknown>;
  generation: number;
  open: boolean;
  collector_started: boolean;
}

/** One document of a collected action (the first, or a supplement for records that joined late): kept before it is delivered. */
export interface CollectedDocumentsTable {
  document_id: string;
  action_key: string;
  generation: number;
  sequence: number;
  action: string;
  jurisdiction: string;
  recipient: string;
  message: string;
  details: JsonColumn<unknown>;
  kept_at: Instant;
  delivery_channel: string | null;
  delivered_at: Instant | null;
}

/** The public exposure list (曝光台): one entry per delivered 曝光 step, withdrawn by an operator if need be. */
export interface PublicExposuresTable {
  record_id: string;
  idempotency_key: string;
  workflow_id: string;
  campaign_id: string;
  campaign_title: string;
  jurisdiction: string;
  unit_id: string;
  unit_name: string;
  item_title: string;
  due_on: LocalDateColumn;
  channel: string;
  text: string;
  exposed_at: Instant;
  withdrawn_at: Instant | null;
  withdrawn_by: string | null;
  withdrawal_reason: string | null;
  /** The item exposed (hazard id, duty occurrence id or milestone id); null only for entries kept before it was recorded. */
  item_id: string | null;
  /** The 曝光 step asked for the entry to be withdrawn once its item is settled. */
  withdraw_when_closed: Generated<boolean>;
}

/** Reporting projection: a campaign run as its last projected view showed it. */
export interface CampaignRunsTable {
  workflow_id: string;
  revision: number;
  campaign_run_id: string;
  campaign_id: string;
  version: number;
  title: string;
  jurisdiction: string;
  status: string;
  current_phase_id: string | null;
  time_zone: string;
  projected_at: Generated<Instant>;
}

/** Reporting projection: one hazard (隐患) as its last projected view showed it. */
export interface HazardsTable {
  workflow_id: string;
  revision: number;
  campaign_run_id: string;
  campaign_id: string;
  jurisdiction: string;
  hazard_id: string;
  level: string;
  description: string;
  location: string;
  unit_id: string;
  unit_name: string;
  unit_head: string | null;
  responsible_person: string;
  discovered_through: string;
  measure: string | null;
  status: string;
  registered_on: LocalDateColumn;
  first_due_on: LocalDateColumn;
  due_on: LocalDateColumn;
  rectified_on: LocalDateColumn | null;
  rectified_by: string | null;
  rectification: string | null;
  verified_on: LocalDateColumn | null;
  verified_by: string | null;
  closed_on: LocalDateColumn | null;
  overdue_from: Instant | null;
  escalation_stage: string | null;
  under_listed_supervision: boolean;
  time_zone: string;
  projected_at: Generated<Instant>;
}

/** Reporting projection: one duty occurrence owed by one unit. */
export interface DutyOccurrencesTable {
  campaign_workflow_id: string;
  occurrence_id: string;
  unit_id: string;
  campaign_run_id: string;
  jurisdiction: string;
  duty_id: string;
  duty_title: string;
  period_label: string;
  unit_name: string;
  opens_on: LocalDateColumn;
  due_on: LocalDateColumn;
  submitted_on: LocalDateColumn | null;
  /** Null: it fell due before the run took the campaign over, so it is not counted as late or missing. */
  late_from: Instant | null;
  escalation_stage: string | null;
}

/** Reporting projection: a milestone (节点) of a campaign run. */
export interface MilestonesTable {
  campaign_workflow_id: string;
  milestone_id: string;
  campaign_run_id: string;
  jurisdiction: string;
  title: string;
  due_on: LocalDateColumn;
  state: string;
}

/** Reporting projection: one escalation step a run took (or tried), from its escalation log. */
export interface EscalationStepsTable {
  workflow_id: string;
  item_id: string;
  unit_id: string;
  ladder_id: string;
  step_index: number;
  planned_at: Instant;
  campaign_run_id: string;
  jurisdiction: string;
  item_kind: string;
  action: string;
  performed_at: Instant | null;
  /** The day it was taken on the campaign's calendar: what period statistics count by. */
  performed_on: LocalDateColumn | null;
  outcome: string;
  record_id: string | null;
}

export interface Database {
  escalation_records: EscalationRecordsTable;
  collected_actions: CollectedActionsTable;
  collected_documents: CollectedDocumentsTable;
  public_exposures: PublicExposuresTable;
  campaign_runs: CampaignRunsTable;
  hazards: HazardsTable;
  duty_occurrences: DutyOccurrencesTable;
  milestones: MilestonesTable;
  escalation_steps: EscalationStepsTable;
}

export type EngineDatabase = Kysely<Database>;

// Per pool, not process-wide: dates stay `YYYY-MM-DD` strings, 64-bit counts become numbers (they fit).
const DATE_OID = 1082;
const INT8_OID = 20;
const typeParsers = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === DATE_OID) return (value: string) => value;
    if (oid === INT8_OID) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as 'text');
  }) as typeof pg.types.getTypeParser,
};

export interface DatabaseOptions {
  /** `postgres://user:password@host:port/database` */
  url: string;
  /** Connections in the pool (default 10). */
  maxConnections?: number;
}

/**
 * How long opening a connection may take. Without a bound, a database that does not answer (a
 * host gone, a firewall dropping packets) holds every query — and the API request behind it — for
 * as long as the operating system's TCP timeout.
 */
export const DATABASE_CONNECT_TIMEOUT_MS = 3_000;

/** Opens a pool to the database; `destroy()` closes it. */
export function openDatabase({ url, maxConnections = 10 }: DatabaseOptions): EngineDatabase {
  // allowExitOnIdle: an idle pool never keeps a process alive that is otherwise done (a CLI, a test).
  const pool = new pg.Pool({
    connectionString: url,
    max: maxConnections,
    types: typeParsers,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: DATABASE_CONNECT_TIMEOUT_MS,
    allowExitOnIdle: true,
  });
  // An idle connection the server dropped is replaced on the next query; without a listener it would crash the process.
  pool.on('error', () => undefined);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** Socket errors of a database that is down or unreachable. */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);
/** SQLSTATE classes 08 (connection exception) and 57P (operator intervention: shutting down, starting up). */
const UNAVAILABLE_SQLSTATE = /^(08|57P0[1-3])/;
/** What `pg` says when the server went away mid-query or a connection could not be had in time. */
const UNAVAILABLE_MESSAGE = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i;

/**
 * Whether an error means the database could not be reached or went away (it is down, restarting or
 * unreachable), as opposed to a query it refused: the first is worth retrying later (the API says
 * 503, activities retry), the second is not.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 8; cause = cause.cause, depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && (UNREACHABLE_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code))) return true;
    if (UNAVAILABLE_MESSAGE.test(cause.message)) return true;
    // Node reports a refused dual-stack connect as an AggregateError of one error per address.
    if (cause instanceof AggregateError && cause.errors.some((inner) => isDatabaseUnavailable(inner))) return true;
  }
  return false;
}
