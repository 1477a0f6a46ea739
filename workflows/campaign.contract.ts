/**
 * What the server and the campaign run agree on: the campaign facts every escalation names, the
 * statuses of duty occurrences and milestones with their labels, and the search attributes of a
 * campaign run (the server sets them when it starts the run, the run keeps them current).
 */
import type { SearchAttributePair } from '@temporalio/common';
import type { CampaignDefinition } from '../definitions/campaign.schema';
import type { CampaignRef } from '../activities/escalation.types';
import { searchAttributeKeys } from './search-attributes.contract';

/** The campaign as an escalation names it (in the 通报, the 约谈 notice, the 曝光 entry). */
export function campaignRef(definition: CampaignDefinition): CampaignRef {
  return {
    id: definition.id,
    version: String(definition.version),
    title: definition.title.zh,
    authority: definition.authority.name,
    jurisdiction: definition.jurisdiction,
    timeZone: definition.timeZone,
    ...(definition.escalationTime ? { escalationTime: definition.escalationTime } : {}),
    ...(definition.calendar ? { calendar: definition.calendar } : {}),
  };
}

/**
 * Where a duty occurrence owed by one unit stands. `before-adoption`: it fell due before the engine
 * took the campaign over (the run was started later than the plan began); nobody was asked for it
 * through the engine, so it is neither late nor escalated unless an operator imports it as overdue.
 */
export const OccurrenceStatus = { open: 'open', late: 'late', submitted: 'submitted', beforeAdoption: 'before-adoption' } as const;
export type OccurrenceStatus = (typeof OccurrenceStatus)[keyof typeof OccurrenceStatus];

export const OCCURRENCE_STATUS_LABELS: Record<OccurrenceStatus, string> = {
  open: '待报送',
  late: '逾期未报',
  submitted: '已报送',
  'before-adoption': '启用前到期',
};

/** Where a milestone (节点) stands: it is done only when its owner or an operator confirms it. */
export const MilestoneState = {
  upcoming: 'upcoming',
  due: 'due',
  overdue: 'overdue',
  confirmed: 'confirmed',
  beforeAdoption: 'before-adoption',
} as const;
export type MilestoneState = (typeof MilestoneState)[keyof typeof MilestoneState];

export const MILESTONE_STATE_LABELS: Record<MilestoneState, string> = {
  upcoming: '未到期',
  due: '今日到期',
  overdue: '逾期未确认',
  confirmed: '已确认完成',
  'before-adoption': '启用前到期',
};

/** The search attributes of a campaign run: what it is, where it runs, and its current phase (or pending / completed). */
export function campaignSearchAttributes(definition: Pick<CampaignDefinition, 'id' | 'version' | 'jurisdiction'>, phase?: string): SearchAttributePair[] {
  return [
    { key: searchAttributeKeys.CampaignId, value: definition.id },
    { key: searchAttributeKeys.CampaignVersion, value: String(definition.version) },
    { key: searchAttributeKeys.Jurisdiction, value: definition.jurisdiction },
    ...(phase === undefined ? [] : [{ key: searchAttributeKeys.ItemStatus, value: phase }]),
  ];
}

/** The ApplicationFailure type of a refused event report: the client's mistake (the API answers 422), not a conflict. */
export const INVALID_EVENT = 'InvalidCampaignEvent';
