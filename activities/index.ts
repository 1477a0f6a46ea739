import type { Logger } from 'pino';
import { repositoryOfficialCalendar } from '../definitions/load';
import type { Store } from '../store';
import { parseActivityConfig } from './config';
import { createLogChannel } from './delivery/log.channel';
import { createWebhookChannel } from './delivery/webhook.channel';
import { createCollectedActionActivities } from './collected-actions.activities';
import { createEscalationActivities, type ActivityDependencies } from './escalation.activities';
import { createProjectionActivities } from './projection.activities';

/**
 * The activities the worker registers: one per escalation action, named by the action string
 * (`reminder`, `notice`, `listed-supervision`, …), each `(input: EscalationStepInput) => Promise<EscalationStepOutcome>`,
 * and the projection writers `projectHazard` / `projectCampaign`.
 */
export function createActivities(deps: ActivityDependencies) {
  return { ...createEscalationActivities(deps), ...createProjectionActivities(deps), ...createCollectedActionActivities(deps) };
}

/**
 * The default dependencies: the webhook channel when ESCALATION_WEBHOOK_URL is set, else the log
 * channel; records and the projection in the process's store (PostgreSQL); the official calendars
 * of definitions/calendars/.
 */
export function activityDependenciesFromEnv(env: Record<string, string | undefined>, store: Pick<Store, 'records' | 'projection' | 'collectedActions'>, logger?: Pick<Logger, 'info'>): ActivityDependencies {
  const config = parseActivityConfig(env);
  const channel = config.webhookUrl ? createWebhookChannel({ url: config.webhookUrl }) : createLogChannel();
  logger?.info({ channel: channel.name, webhookUrl: config.webhookUrl }, 'escalation activities configured');
  return { channel, records: store.records, collectedActions: store.collectedActions, projection: store.projection, officialCalendar: repositoryOfficialCalendar() };
}

export type { EscalationActivities, EscalationStepInput, EscalationStepOutcome, CampaignRef, OverdueItem } from './escalation.types';
export type { CollectedActionActivities, CollectedActionInput, CollectedStepInput, CollectedStepOutcome } from './collected-actions.types';
export type { ProjectionActivities, HazardSnapshot, CampaignSnapshot } from './projection.types';
export type { ActivityDependencies } from './escalation.activities';
export { parseActivityConfig, ActivityEnvironment, type ActivityConfig } from './config';
export type { DeliveryChannel, EscalationDelivery } from './delivery/channel';
export { createLogChannel } from './delivery/log.channel';
export { createWebhookChannel, DEFAULT_WEBHOOK_TIMEOUT_MS, type WebhookChannelOptions } from './delivery/webhook.channel';
export { DEFAULT_INTERVIEW_SCHEDULING, type InterviewScheduling } from './escalation.documents';
