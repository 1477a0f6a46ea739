/**
 * What a reporting call may read: the caller's jurisdiction and below, narrowed to the campaign run
 * and unit it asks for. A run outside the caller's jurisdiction is 403 (the run id names its
 * jurisdiction, so no look-up is needed); a unit token reads its own unit only.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parseCampaignRunId } from '../definitions/campaign-run';
import type { ReadScope } from '../store';

export function reportScope(app: FastifyInstance, request: FastifyRequest, query: { campaign?: string; unit?: string }): ReadScope {
  const principal = request.principal!;
  if (query.campaign !== undefined) app.assertJurisdiction(request, parseCampaignRunId(query.campaign).jurisdiction);
  if (query.unit !== undefined) app.assertUnit(request, query.unit);
  const unitId = principal.role === 'unit' ? principal.unitId : query.unit;
  return {
    jurisdiction: principal.jurisdiction,
    ...(query.campaign !== undefined ? { campaignRunId: query.campaign } : {}),
    ...(unitId !== undefined ? { unitId } : {}),
  };
}
