/**
 * The ledgers bureaus keep and hand in (两个清单): every hazard in scope with what the 问题隐患清单
 * (problem list) and the 制度措施清单 (measures and responsibilities) show of it, from the reporting
 * projection, in ledger order (campaign run, registration day, ledger number).
 */
import type { EngineDatabase } from './database';
import { hazardIsOverdue, hazardOverdueDays } from './hazard-rules';
import type { HazardSnapshot } from './projection.types';
import { scopeCondition, type ReadScope } from './scope';

/** One hazard as both ledgers show it. Dates are `YYYY-MM-DD`. */
export interface HazardLedgerRow
  extends Pick<
    HazardSnapshot,
    | 'workflowId' | 'campaignRunId' | 'hazardId' | 'level' | 'description' | 'location' | 'unitId' | 'unitName' | 'unitHead' | 'responsiblePerson'
    | 'discoveredThrough' | 'measure' | 'status' | 'registeredOn' | 'firstDueOn' | 'dueOn' | 'escalationStage' | 'underListedSupervision' | 'closedOn'
  > {
  campaignTitle: string | null;
  overdue: boolean;
  /** Days past the time limit (store/hazard-rules.ts). */
  overdueDays: number;
  rectifiedOn: string | null;
  rectifiedBy: string | null;
  rectification: string | null;
  verifiedOn: string | null;
  verifiedBy: string | null;
}

export interface LedgerStore {
  /** The hazards of the scope registered in [from, to] (either may be left open). */
  hazards(scope: ReadScope, range: { from?: string; to?: string }, now: Date): Promise<HazardLedgerRow[]>;
}

export function createLedgerStore(db: EngineDatabase): LedgerStore {
  return {
    async hazards(scope, range, now) {
      let query = db
        .selectFrom('hazards')
        .select((eb) => [
          'hazards.workflow_id as workflowId',
          'hazards.campaign_run_id as campaignRunId',
          eb
            .selectFrom('campaign_runs')
            .select('campaign_runs.title')
            .whereRef('campaign_runs.campaign_run_id', '=', 'hazards.campaign_run_id')
            .orderBy('campaign_runs.revision', 'desc')
            .limit(1)
            .as('campaignTitle'),
          'hazards.hazard_id as hazardId',
          'hazards.level as level',
          'hazards.description as description',
          'hazards.location as location',
          'hazards.unit_id as unitId',
          'hazards.unit_name as unitName',
          'hazards.unit_head as unitHead',
          'hazards.responsible_person as responsiblePerson',
          'hazards.discovered_through as discoveredThrough',
          'hazards.measure as measure',
          'hazards.status as status',
          'hazards.registered_on as registeredOn',
          'hazards.first_due_on as firstDueOn',
          'hazards.due_on as dueOn',
          hazardIsOverdue(now).as('overdue'),
          hazardOverdueDays(now).as('overdueDays'),
          'hazards.escalation_stage as escalationStage',
          'hazards.under_listed_supervision as underListedSupervision',
          'hazards.rectified_on as rectifiedOn',
          'hazards.rectified_by as rectifiedBy',
          'hazards.rectification as rectification',
          'hazards.verified_on as verifiedOn',
          'hazards.verified_by as verifiedBy',
          'hazards.closed_on as closedOn',
        ])
        .where(scopeCondition(scope, 'hazards'));
      if (range.from !== undefined) query = query.where('hazards.registered_on', '>=', range.from);
      if (range.to !== undefined) query = query.where('hazards.registered_on', '<=', range.to);
      return query.orderBy('hazards.campaign_run_id').orderBy('hazards.registered_on').orderBy('hazards.hazard_id').execute();
    },
  };
}
