/**
 * What the server and the hazard run agree on: the statuses of a hazard and their labels, when a
 * hazard counts as overdue, the search attributes a hazard run carries (the server sets the first
 * ones when it starts the run, the run keeps them all current), and the rules a hazard run takes
 * from its campaign.
 */
import type { SearchAttributePair, SearchAttributeUpdatePair } from '@temporalio/common';
import type { RunCalendar } from '../definitions/calendar-year.schema';
import { addressesUnitTree } from '../definitions/audience';
import type { CampaignDefinition } from '../definitions/campaign.schema';
import { campaignRef } from './campaign.contract';
import { isOverdueAt, overdueInstant } from './deadline.contract';
import type { HazardCampaignRules, HazardRegistration } from './hazard.messages';
import { searchAttributeKeys } from './search-attributes.contract';

export const HazardStatus = {
  rectifying: 'rectifying',
  extensionRequested: 'extension-requested',
  verifying: 'verifying',
  awaitingReinspection: 'awaiting-reinspection',
  closed: 'closed',
} as const;
export type HazardStatus = (typeof HazardStatus)[keyof typeof HazardStatus];

/** Statuses in which the hazard is still being rectified: a passed time limit makes it overdue and the ladder climbs. */
export const OPEN_HAZARD_STATUSES: readonly HazardStatus[] = [HazardStatus.rectifying, HazardStatus.extensionRequested];

/** Labels operators see. */
export const HAZARD_STATUS_LABELS: Record<HazardStatus, string> = {
  rectifying: '整改中',
  'extension-requested': '申请延期',
  verifying: '待审核验收',
  'awaiting-reinspection': '已销号，待回头看',
  closed: '已销号',
};

/** What the overdue rule needs of a hazard: its status, its time limit and its run's clock. */
export interface HazardDeadlineFacts {
  status: HazardStatus;
  dueOn: string;
  timeZone: string;
  clockOffsetMs: number;
}

/** The instant (Temporal's time) from which the hazard is overdue, or null when it is not being rectified. */
export function hazardOverdueFrom(hazard: HazardDeadlineFacts): number | null {
  return OPEN_HAZARD_STATUSES.includes(hazard.status) ? overdueInstant(hazard, hazard) : null;
}

/** Past its time limit and still being rectified, at the instant `nowMs`. */
export function isHazardOverdue(hazard: HazardDeadlineFacts, nowMs: number): boolean {
  return OPEN_HAZARD_STATUSES.includes(hazard.status) && isOverdueAt(hazard, hazard, nowMs);
}

/**
 * The same rule read from a visibility listing: `DueTime` is the instant a hazard turns overdue
 * (see hazardSearchAttributes), so it is overdue once that instant has come, while it is still open.
 */
export function isListedHazardOverdue(listed: { status: string | null; dueTime: string | null }, nowMs: number): boolean {
  return listed.dueTime !== null && OPEN_HAZARD_STATUSES.some((s) => s === listed.status) && nowMs >= Date.parse(listed.dueTime);
}

/**
 * The search attributes a hazard has from its registration: the server sets them when it starts
 * the run, so the hazard is listed and guarded from its first moment.
 */
export function hazardRegistrationSearchAttributes(
  rules: Pick<HazardCampaignRules, 'campaign'>,
  hazard: Pick<HazardRegistration, 'unitId' | 'level'>,
): SearchAttributePair[] {
  const { campaign } = rules;
  return [
    { key: searchAttributeKeys.CampaignId, value: campaign.id },
    { key: searchAttributeKeys.CampaignVersion, value: campaign.version },
    { key: searchAttributeKeys.Jurisdiction, value: campaign.jurisdiction },
    { key: searchAttributeKeys.UnitId, value: hazard.unitId },
    { key: searchAttributeKeys.HazardLevel, value: hazard.level },
  ];
}

/**
 * Every search attribute of a hazard run in its current state. `DueTime` is the instant the
 * overdue rule names, so an overdue listing (`DueTime <= now`) agrees with the hazard's detail.
 */
export function hazardSearchAttributes(
  rules: Pick<HazardCampaignRules, 'campaign'>,
  hazard: Pick<HazardRegistration, 'unitId' | 'level'>,
  state: { status: HazardStatus; escalationStage: string | null; dueOn: string; clockOffsetMs: number },
): SearchAttributeUpdatePair[] {
  const run = { timeZone: rules.campaign.timeZone, clockOffsetMs: state.clockOffsetMs };
  return [
    ...hazardRegistrationSearchAttributes(rules, hazard),
    { key: searchAttributeKeys.ItemStatus, value: state.status },
    // null removes the attribute: a hazard no measure was taken against shows none.
    { key: searchAttributeKeys.EscalationStage, value: state.escalationStage },
    { key: searchAttributeKeys.DueTime, value: new Date(overdueInstant(state, run)) },
  ];
}

/** Why a campaign run refuses to register hazards: its definition has no hazard policy (an action against illegal cases, a training drive). */
export function noHazardPolicyRefusal(campaignTitle: string): string {
  return `行动“${campaignTitle}”没有隐患治理规则（hazardPolicy），不涉及隐患排查治理，不能在其下登记隐患；如需登记，请发布写明 hazardPolicy 的新版本并迁移本行动。`;
}

/** What a hazard run needs from its campaign: the policy and the ladders of that version, and the calendar the campaign run carries. */
export function hazardRulesFor(definition: CampaignDefinition, runCalendar: RunCalendar | undefined): HazardCampaignRules {
  return {
    campaign: campaignRef(definition),
    ...(definition.hazardPolicy ? { hazardPolicy: definition.hazardPolicy } : {}),
    escalationLadders: definition.escalationLadders,
    ...(definition.calendar ? { calendar: definition.calendar } : {}),
    ...(runCalendar ? { runCalendar } : {}),
    ...(definition.sectors ? { sectors: definition.sectors.map(({ id, name }) => ({ id, name })) } : {}),
    // Only ladders that address the unit tree need it; every other hazard's input stays as it was.
    ...(addressesUnitTree(definition) ? { units: { jurisdiction: definition.jurisdiction, organisation: definition.organisation, sectors: definition.sectors } } : {}),
  };
}
