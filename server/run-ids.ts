/**
 * Workflow ids of the runs the API starts. A campaign run is named by its definition and
 * jurisdiction (definitions/campaign-run.ts); its hazards are named under it. Ids are stable, so
 * starting the same thing twice finds the run already there.
 */
export { campaignRunId } from '../definitions/campaign-run';

export function campaignWorkflowId(runId: string): string {
  return `campaign:${runId}`;
}

export function hazardWorkflowId(runId: string, hazardId: string): string {
  return `hazard:${runId}:${hazardId}`;
}

/** The definition registry's run for one definition id (every published version of it). */
export function definitionRegistryWorkflowId(definitionId: string): string {
  return `definitions:${definitionId}`;
}
