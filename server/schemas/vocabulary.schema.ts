/**
 * GET /vocabulary: the labels of the engine's vocabularies, from the one place each is defined, so a
 * client shows 整改中 / 通报 / 自查 without a copy of its own (the lists give the order to show).
 */
import { z } from 'zod';
import { EscalationActionName, TimelineEntryKind, type EscalationAction } from '../../definitions/vocabulary';
import { DiscoveryChannel } from '../../workflows/hazard.messages';
import { HazardStatus } from '../../workflows/hazard.contract';
import { Role } from '../auth/principal.schema';

const labels = <const Values extends readonly [string, ...string[]]>(values: Values) => z.record(z.enum(values), z.string());

const ROLES = Object.values(Role) as [Role, ...Role[]];
const HAZARD_STATUSES = Object.values(HazardStatus) as [HazardStatus, ...HazardStatus[]];
const ESCALATION_ACTIONS = Object.values(EscalationActionName) as [EscalationAction, ...EscalationAction[]];
const TIMELINE_ENTRY_KINDS = Object.values(TimelineEntryKind) as [TimelineEntryKind, ...TimelineEntryKind[]];
const DISCOVERY_CHANNELS = Object.values(DiscoveryChannel) as [DiscoveryChannel, ...DiscoveryChannel[]];

export const Vocabulary = z.object({
  roles: labels(ROLES),
  hazardStatuses: labels(HAZARD_STATUSES),
  openHazardStatuses: z.array(z.enum(HAZARD_STATUSES)).describe('statuses in which a hazard is still being rectified (it can be overdue)'),
  escalationActions: labels(ESCALATION_ACTIONS).describe('the measures of an escalation ladder, mild to severe'),
  discoveryChannels: labels(DISCOVERY_CHANNELS),
  timelineEntryKinds: labels(TIMELINE_ENTRY_KINDS).describe('the kinds of date in a resolved plan'),
});
export type Vocabulary = z.infer<typeof Vocabulary>;
