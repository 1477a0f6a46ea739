/**
 * A campaign definition runs once per jurisdiction (a province plan started in each of its
 * cities): the run is named by both. The workflows, the activities, the store and the API all name
 * runs this way, so the rule lives here, in the pure language every layer may import.
 */

/** `jizhou-2024-root-cause@CN.tianjin.jizhou`: the campaign run of a definition in a jurisdiction. */
export function campaignRunId(definitionId: string, jurisdiction: string): string {
  return `${definitionId}@${jurisdiction.replaceAll('/', '.')}`;
}

/** The definition and jurisdiction a campaign run id names (`jizhou-2024@CN.tianjin.jizhou` → `jizhou-2024`, `CN/tianjin/jizhou`). */
export function parseCampaignRunId(runId: string): { definitionId: string; jurisdiction: string } {
  const at = runId.lastIndexOf('@');
  return { definitionId: runId.slice(0, at), jurisdiction: runId.slice(at + 1).replaceAll('.', '/') };
}
