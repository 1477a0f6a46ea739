/**
 * The engine's record and reporting store on PostgreSQL. `openStore` opens the pool and hands out
 * the parts: escalation records and the exposure list (written by the escalation activities), the
 * reporting projection (written by the projection activities and the rebuild), and the read side
 * (statistics and ledgers) the API serves.
 */
import { openDatabase, type DatabaseOptions, type EngineDatabase } from './database';
import { createCollectedActionStore, type CollectedActionStore } from './collected-actions';
import { createEscalationRecordStore, type EscalationRecordStore } from './escalation-records';
import { createLedgerStore, type LedgerStore } from './ledgers';
import { migrateToLatest } from './migrate';
import { createProjectionStore, type ProjectionStore } from './projection';
import { createPublicExposureStore, type PublicExposureStore } from './public-exposures';
import { createStatisticsStore, type StatisticsStore } from './statistics';

export interface Store {
  db: EngineDatabase;
  records: EscalationRecordStore;
  /** Collected actions: many records, one document (written by the collected-action activities). */
  collectedActions: CollectedActionStore;
  exposures: PublicExposureStore;
  projection: ProjectionStore;
  statistics: StatisticsStore;
  ledgers: LedgerStore;
  /** Closes the pool. */
  close(): Promise<void>;
}

/** Opens the store on a database; `migrate: true` brings its schema up to date first (the main job and the tests do). */
export async function openStore(options: DatabaseOptions & { migrate?: boolean }): Promise<Store> {
  const db = openDatabase(options);
  try {
    if (options.migrate) await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return {
    db,
    records: createEscalationRecordStore(db),
    collectedActions: createCollectedActionStore(db),
    exposures: createPublicExposureStore(db),
    projection: createProjectionStore(db),
    statistics: createStatisticsStore(db),
    ledgers: createLedgerStore(db),
    close: () => db.destroy(),
  };
}

export { migrateToLatest, MIGRATIONS } from './migrate';
export { isDatabaseUnavailable } from './database';
export { documentIdFor, type CollectedActionRef, type CollectedActionStore, type CollectedDocument } from './collected-actions';
export { recordIdFor, type Delivery, type EscalationRecordStore, type RecordFilter } from './escalation-records';
export { EscalationRecord, EscalationRecordDetails } from './escalation-record.schema';
export type { PublicExposure, PublicExposureStore } from './public-exposures';
export type { ProjectionStore } from './projection';
export type { CampaignSnapshot, DutyOccurrenceFact, EscalationStepFact, HazardSnapshot, MilestoneFact, ProjectionOutcome } from './projection.types';
export type { DutyStatisticsRow, HazardStatisticsRow, ReportKey, ReportQuery, StatisticsStore } from './statistics';
export type { HazardLedgerRow, LedgerStore } from './ledgers';
export type { ReadScope } from './scope';
export { ReportGrouping, ReportPeriod, REPORT_PERIOD_LABELS } from './report.vocabulary';
