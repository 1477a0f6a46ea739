/**
 * What a workflow hands the projection activities: the snapshot of its run (mapped from its view
 * by workflows/records.contract.ts), stamped with its revision. Types only: workflows import this
 * file with `import type`; the snapshot shapes are the store's (store/projection.types.ts).
 */
import type { CampaignSnapshot, HazardSnapshot, ProjectionOutcome } from '../store/projection.types';

export type { CampaignSnapshot, DutyOccurrenceFact, EscalationStepFact, HazardSnapshot, MilestoneFact, ProjectionOutcome } from '../store/projection.types';

/** Idempotent by workflow id + revision: a retried, repeated or late call never puts an older state over a newer one. */
export interface ProjectionActivities {
  projectHazard(snapshot: HazardSnapshot): Promise<ProjectionOutcome>;
  projectCampaign(snapshot: CampaignSnapshot): Promise<ProjectionOutcome>;
}
