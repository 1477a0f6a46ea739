/**
 * Handing a run's view to the reporting projection (PostgreSQL), shared by the hazard and campaign
 * workflows: a local activity (one short idempotent upsert, one marker in the history), retried
 * while the database is away. A snapshot the database refuses for good (ProjectionRejected) is
 * logged and left for the rebuild: a run never stops escalating for its reports.
 */
import { ApplicationFailure, log, proxyLocalActivities } from '@temporalio/workflow';
import type { CampaignSnapshot, HazardSnapshot, ProjectionActivities } from '../activities/projection.types';
import { PROJECTION_ACTIVITY_OPTIONS } from '../temporal.config';

/** Runs recorded before the reporting projection replay without it. */
export const RECORDS_PROJECTION_PATCH = 'records-projection';

const activities = proxyLocalActivities<ProjectionActivities>(PROJECTION_ACTIVITY_OPTIONS);

async function refusedIsLogged(project: () => Promise<unknown>, snapshot: { workflowId: string; revision: number }): Promise<void> {
  try {
    await project();
  } catch (error) {
    const cause = error instanceof ApplicationFailure ? error : (error as { cause?: unknown }).cause;
    log.warn('the reporting projection refused this revision; `npm run -s records -- rebuild` writes it once fixed', {
      workflowId: snapshot.workflowId,
      revision: snapshot.revision,
      error: cause instanceof Error ? cause.message : String(error),
    });
  }
}

export const projectHazard = (snapshot: HazardSnapshot): Promise<void> => refusedIsLogged(() => activities.projectHazard(snapshot), snapshot);
export const projectCampaign = (snapshot: CampaignSnapshot): Promise<void> => refusedIsLogged(() => activities.projectCampaign(snapshot), snapshot);
