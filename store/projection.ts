/**
 * Writes the reporting projection: a run's snapshot is upserted by workflow id, and only when its
 * revision is at least the one kept (INSERT … ON CONFLICT DO UPDATE … WHERE kept.revision <=
 * new.revision), so activities retried, run twice by two workers, or racing the rebuild never put
 * an older state over a newer one. The run's rows and its occurrences, milestones and escalation
 * steps are written in one transaction, under the run row's lock.
 */
import { sql, type Insertable } from 'kysely';
import type { EngineDatabase, Database, EscalationStepsTable } from './database';
import type { MilestoneState } from '../workflows/campaign.contract';
import type { CampaignSnapshot, EscalationStepFact, HazardSnapshot, ProjectionOutcome } from './projection.types';
import { withoutNul } from './text';

type Transaction = Parameters<Parameters<ReturnType<EngineDatabase['transaction']>['execute']>[0]>[0];

/** Rows per INSERT: well under PostgreSQL's 65,535 parameters for the widest table. */
const BATCH = 500;

function batches<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += BATCH) out.push(rows.slice(i, i + BATCH));
  return out;
}

/**
 * `SET col = excluded.col` for each column (excluded: the row the INSERT proposed, defaults
 * included). Typed loosely on purpose: kysely's types cannot follow a computed column list.
 */
function fromExcluded<T extends string>(columns: readonly T[]): Record<T, never> {
  return Object.fromEntries(columns.map((c) => [c, sql.ref(`excluded.${c}`)])) as Record<T, never>;
}

async function upsertSteps(trx: Transaction, run: { workflowId: string; campaignRunId: string; jurisdiction: string }, steps: EscalationStepFact[]): Promise<void> {
  const rows: Insertable<EscalationStepsTable>[] = steps.map((s) => ({
    workflow_id: run.workflowId,
    item_id: s.itemId,
    unit_id: s.unitId,
    ladder_id: s.ladderId,
    step_index: s.stepIndex,
    planned_at: s.plannedAt,
    campaign_run_id: run.campaignRunId,
    jurisdiction: run.jurisdiction,
    item_kind: s.itemKind,
    action: s.action,
    performed_at: s.performedAt,
    performed_on: s.performedOn,
    outcome: s.outcome,
    record_id: s.recordId,
  }));
  for (const batch of batches(rows)) {
    await trx
      .insertInto('escalation_steps')
      .values(batch)
      .onConflict((oc) =>
        oc
          .columns(['workflow_id', 'item_id', 'unit_id', 'ladder_id', 'step_index', 'planned_at'])
          .doUpdateSet(fromExcluded(['action', 'performed_at', 'performed_on', 'outcome', 'record_id'] as const)),
      )
      .execute();
  }
}

/** Who withdraws an exposure when its item is settled: the engine, as the definition told it to. */
export const SETTLED_EXPOSURE_WITHDRAWER = '系统（依方案在事项了结后撤下）';

/** An item the projection sees settled, and why its exposure (if the definition asked) comes down. */
interface SettledItem {
  itemId: string;
  /** The unit that owed it; absent: every unit's exposure of the item (a confirmed milestone). */
  unitId?: string;
  reason: string;
}

/**
 * Withdraws the run's exposures that wait for their item to be settled (`withdraw_when_closed`)
 * and whose item now is. Looked up through a partial index, so a run without such entries — almost
 * every write — costs one empty index probe.
 */
async function withdrawSettledExposures(trx: Transaction, workflowId: string, settled: SettledItem[]): Promise<void> {
  const waiting = await trx
    .selectFrom('public_exposures')
    .select(['record_id', 'item_id', 'unit_id'])
    .where('workflow_id', '=', workflowId)
    .where('withdraw_when_closed', '=', true)
    .where('withdrawn_at', 'is', null)
    .execute();
  if (waiting.length === 0) return;
  const key = (itemId: string | null, unitId = '') => `${itemId}\u0000${unitId}`;
  const reasons = new Map(settled.map((item) => [key(item.itemId, item.unitId), item.reason]));
  const now = new Date();
  for (const entry of waiting) {
    const reason = reasons.get(key(entry.item_id, entry.unit_id)) ?? reasons.get(key(entry.item_id));
    if (reason === undefined) continue;
    await trx
      .updateTable('public_exposures')
      .set({ withdrawn_at: now, withdrawn_by: SETTLED_EXPOSURE_WITHDRAWER, withdrawal_reason: reason })
      .where('record_id', '=', entry.record_id)
      .where('withdrawn_at', 'is', null)
      .execute();
  }
}

export interface ProjectionStore {
  projectHazard(snapshot: HazardSnapshot): Promise<ProjectionOutcome>;
  projectCampaign(snapshot: CampaignSnapshot): Promise<ProjectionOutcome>;
}

const HAZARD_COLUMNS = [
  'revision', 'campaign_run_id', 'campaign_id', 'jurisdiction', 'hazard_id', 'level', 'description', 'location', 'unit_id', 'unit_name',
  'unit_head', 'responsible_person', 'discovered_through', 'measure', 'status', 'registered_on', 'first_due_on', 'due_on', 'rectified_on',
  'rectified_by', 'rectification', 'verified_on', 'verified_by', 'closed_on', 'overdue_from', 'escalation_stage', 'under_listed_supervision',
  'time_zone', 'projected_at',
] as const satisfies ReadonlyArray<keyof Database['hazards']>;

const CAMPAIGN_COLUMNS = [
  'revision', 'campaign_run_id', 'campaign_id', 'version', 'title', 'jurisdiction', 'status', 'current_phase_id', 'time_zone', 'projected_at',
] as const satisfies ReadonlyArray<keyof Database['campaign_runs']>;

const OCCURRENCE_COLUMNS = [
  'campaign_run_id', 'jurisdiction', 'duty_id', 'duty_title', 'period_label', 'unit_name', 'opens_on', 'due_on', 'submitted_on', 'late_from', 'escalation_stage',
] as const satisfies ReadonlyArray<keyof Database['duty_occurrences']>;

export function createProjectionStore(db: EngineDatabase): ProjectionStore {
  return {
    projectHazard: (given) =>
      db.transaction().execute(async (trx) => {
        const s = withoutNul(given);
        const written = await trx
          .insertInto('hazards')
          .values({
            workflow_id: s.workflowId,
            revision: s.revision,
            campaign_run_id: s.campaignRunId,
            campaign_id: s.campaignId,
            jurisdiction: s.jurisdiction,
            hazard_id: s.hazardId,
            level: s.level,
            description: s.description,
            location: s.location,
            unit_id: s.unitId,
            unit_name: s.unitName,
            unit_head: s.unitHead,
            responsible_person: s.responsiblePerson,
            discovered_through: s.discoveredThrough,
            measure: s.measure,
            status: s.status,
            registered_on: s.registeredOn,
            first_due_on: s.firstDueOn,
            due_on: s.dueOn,
            rectified_on: s.rectification?.on ?? null,
            rectified_by: s.rectification?.by ?? null,
            rectification: s.rectification?.detail ?? null,
            verified_on: s.verification?.on ?? null,
            verified_by: s.verification?.by ?? null,
            closed_on: s.closedOn,
            overdue_from: s.overdueFrom,
            escalation_stage: s.escalationStage,
            under_listed_supervision: s.underListedSupervision,
            time_zone: s.timeZone,
          })
          .onConflict((oc) => oc.column('workflow_id').doUpdateSet(fromExcluded(HAZARD_COLUMNS)).where('hazards.revision', '<=', sql.ref<number>('excluded.revision')))
          .returning('workflow_id')
          .executeTakeFirst();
        if (!written) return { applied: false };
        await upsertSteps(trx, s, s.escalationSteps);
        if (s.closedOn !== null) {
          await withdrawSettledExposures(trx, s.workflowId, [{ itemId: s.hazardId, unitId: s.unitId, reason: `隐患已于 ${s.closedOn} 销号` }]);
        }
        return { applied: true };
      }),

    projectCampaign: (given) =>
      db.transaction().execute(async (trx) => {
        const s = withoutNul(given);
        const written = await trx
          .insertInto('campaign_runs')
          .values({
            workflow_id: s.workflowId,
            revision: s.revision,
            campaign_run_id: s.campaignRunId,
            campaign_id: s.campaignId,
            version: s.version,
            title: s.title,
            jurisdiction: s.jurisdiction,
            status: s.status,
            current_phase_id: s.currentPhaseId,
            time_zone: s.timeZone,
          })
          .onConflict((oc) =>
            oc.column('workflow_id').doUpdateSet(fromExcluded(CAMPAIGN_COLUMNS)).where('campaign_runs.revision', '<=', sql.ref<number>('excluded.revision')),
          )
          .returning('workflow_id')
          .executeTakeFirst();
        if (!written) return { applied: false };
        const run = { campaign_workflow_id: s.workflowId, campaign_run_id: s.campaignRunId, jurisdiction: s.jurisdiction };
        for (const batch of batches(s.occurrences)) {
          await trx
            .insertInto('duty_occurrences')
            .values(
              batch.map((o) => ({
                ...run,
                occurrence_id: o.occurrenceId,
                unit_id: o.unitId,
                duty_id: o.dutyId,
                duty_title: o.dutyTitle,
                period_label: o.periodLabel,
                unit_name: o.unitName,
                opens_on: o.opensOn,
                due_on: o.dueOn,
                submitted_on: o.submittedOn,
                late_from: o.lateFrom,
                escalation_stage: o.escalationStage,
              })),
            )
            .onConflict((oc) => oc.columns(['campaign_workflow_id', 'occurrence_id', 'unit_id']).doUpdateSet(fromExcluded(OCCURRENCE_COLUMNS)))
            .execute();
        }
        for (const batch of batches(s.milestones)) {
          await trx
            .insertInto('milestones')
            .values(batch.map((m) => ({ ...run, milestone_id: m.milestoneId, title: m.title, due_on: m.dueOn, state: m.state })))
            .onConflict((oc) => oc.columns(['campaign_workflow_id', 'milestone_id']).doUpdateSet(fromExcluded(['campaign_run_id', 'jurisdiction', 'title', 'due_on', 'state'] as const)))
            .execute();
        }
        await upsertSteps(trx, s, s.escalationSteps);
        await withdrawSettledExposures(trx, s.workflowId, [
          ...s.occurrences.flatMap((o) => (o.submittedOn ? [{ itemId: o.occurrenceId, unitId: o.unitId, reason: `已于 ${o.submittedOn} 补报` }] : [])),
          ...s.milestones.flatMap((m) => (m.state === ('confirmed' satisfies MilestoneState) ? [{ itemId: m.milestoneId, reason: '节点已确认完成' }] : [])),
        ]);
        return { applied: true };
      }),
  };
}
