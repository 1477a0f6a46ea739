/** The parts of a pinned definition that the runs under a campaign share. Pure. */
import type { CampaignDefinition } from '../definitions/campaign.schema';
import type { CampaignRef } from '../activities/escalation.types';
import type { HazardCampaignRules } from './hazard.messages';

export function campaignRef(definition: CampaignDefinition): CampaignRef {
  return {
    id: definition.id,
    version: String(definition.version),
    title: definition.title.zh,
    authority: definition.authority.name,
    jurisdiction: definition.jurisdiction,
    timeZone: definition.timeZone,
    ...(definition.calendar ? { calendar: definition.calendar } : {}),
  };
}

/** What a hazard run needs from its campaign: the policy, the ladders and the calendar of that version. */
export function hazardRulesFor(definition: CampaignDefinition): HazardCampaignRules {
  return {
    campaign: campaignRef(definition),
    hazardPolicy: definition.hazardPolicy,
    escalationLadders: definition.escalationLadders,
    ...(definition.calendar ? { calendar: definition.calendar } : {}),
  };
}
