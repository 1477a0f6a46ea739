/**
 * The reporting projection's writers: a hazard or campaign run hands over the snapshot of its view
 * whenever the view changes, and it is upserted in PostgreSQL by workflow id and revision
 * (store/projection.ts), so the statistics and ledgers follow every run without asking Temporal.
 */
import { log } from '@temporalio/activity';
import type { ProjectionStore } from '../store/projection';
import type { ProjectionActivities } from './projection.types';

export function createProjectionActivities(deps: { projection: ProjectionStore }) {
  return {
    async projectHazard(snapshot) {
      const outcome = await deps.projection.projectHazard(snapshot);
      if (!outcome.applied) log.debug('hazard projection holds a newer revision; not written', { workflowId: snapshot.workflowId, revision: snapshot.revision });
      return outcome;
    },
    async projectCampaign(snapshot) {
      const outcome = await deps.projection.projectCampaign(snapshot);
      if (!outcome.applied) log.debug('campaign projection holds a newer revision; not written', { workflowId: snapshot.workflowId, revision: snapshot.revision });
      return outcome;
    },
  } satisfies ProjectionActivities;
}
