/**
 * Workflow ids of the runs the API starts. A campaign definition may run once per jurisdiction (a
 * province plan started in each of its cities), so a campaign run is named by both; its hazards are
 * named under it. Ids are stable, so starting the same thing twice finds the run already there.
 */
const jurisdictionKey = (jurisdiction: string): string => jurisdiction.replaceAll('/', '.');

/** `jizhou-2024-root-cause@CN.tianjin.jizhou`: the campaign run's id in URLs. */
export function campaignRunId(definitionId: string, jurisdiction: string): string {
  return `${definitionId}@${jurisdictionKey(jurisdiction)}`;
}

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
