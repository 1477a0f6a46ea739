/**
 * The reporting projection's writers: a hazard or campaign run hands over the snapshot of its view
 * whenever the view changes, and it is upserted in PostgreSQL by workflow id and revision
 * (store/projection.ts), so the statistics and ledgers follow every run without asking Temporal.
 */
import { ApplicationFailure, log } from '@temporalio/activity';
import type { ProjectionStore } from '../store/projection';
import type { ProjectionOutcome } from '../store/projection.types';
import { ACTIVITY_ERROR_TYPES } from '../temporal.config';
import type { ProjectionActivities } from './projection.types';

/**
 * PostgreSQL error classes that say "this data", not "this moment": 22 (data exception) and 23
 * (integrity constraint violation). Such a snapshot fails for good; anything else (connection
 * lost, server starting, deadlock) is retried.
 */
const REJECTING_CLASSES = ['22', '23'];

async function write(kind: string, snapshot: { workflowId: string; revision: number }, upsert: () => Promise<ProjectionOutcome>): Promise<ProjectionOutcome> {
  let outcome: ProjectionOutcome;
  try {
    outcome = await upsert();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && REJECTING_CLASSES.includes(code.slice(0, 2))) {
      throw ApplicationFailure.nonRetryable(`${kind} ${snapshot.workflowId} revision ${snapshot.revision}: ${(error as Error).message}`, ACTIVITY_ERROR_TYPES.projectionRejected);
    }
    throw error;
  }
  if (!outcome.applied) log.debug(`${kind} projection holds a newer revision; not written`, { workflowId: snapshot.workflowId, revision: snapshot.revision });
  return outcome;
}

export function createProjectionActivities(deps: { projection: ProjectionStore }) {
  return {
    projectHazard: (snapshot) => write('hazard', snapshot, () => deps.projection.projectHazard(snapshot)),
    projectCampaign: (snapshot) => write('campaign', snapshot, () => deps.projection.projectCampaign(snapshot)),
  } satisfies ProjectionActivities;
}
