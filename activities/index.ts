/**
 * Every side effect of the engine, as Temporal activities built from injected dependencies.
 * The worker registers `createActivities(activityDependenciesFromEnv(process.env, logger))`.
 */
import type { Logger } from 'pino';
import { repositoryOfficialCalendar } from '../definitions/load';
import { parseActivityConfig } from './config';
import { createLogChannel } from './delivery/log.channel';
import { createWebhookChannel } from './delivery/webhook.channel';
import { createEscalationActivities, type ActivityDependencies } from './escalation.activities';
import { createFileRecordStore } from './records/file-record.store';

/**
 * The activities the worker registers: one per escalation action, named by the action string
 * (`reminder`, `notice`, `listed-supervision`, …), each `(input: EscalationStepInput) => Promise<EscalationStepOutcome>`.
 */
export function createActivities(deps: ActivityDependencies) {
  return { ...createEscalationActivities(deps) };
}

/**
 * The default dependencies from the environment (see ./config): the webhook channel when
 * ESCALATION_WEBHOOK_URL is set, else the log channel; file records under RECORDS_DIR; the official
 * calendars of definitions/calendars/.
 */
export function activityDependenciesFromEnv(env: Record<string, string | undefined>, logger?: Pick<Logger, 'info'>): ActivityDependencies {
  const config = parseActivityConfig(env);
  const channel = config.webhookUrl ? createWebhookChannel({ url: config.webhookUrl }) : createLogChannel();
  logger?.info({ channel: channel.name, webhookUrl: config.webhookUrl, recordsDir: config.recordsDir }, 'escalation activities configured');
  return { channel, records: createFileRecordStore(config.recordsDir), officialCalendar: repositoryOfficialCalendar() };
}

export type { EscalationActivities, EscalationStepInput, EscalationStepOutcome, CampaignRef, OverdueItem } from './escalation.types';
export type { ActivityDependencies } from './escalation.activities';
export { parseActivityConfig, ActivityEnvironment, type ActivityConfig } from './config';
export type { DeliveryChannel, EscalationDelivery } from './delivery/channel';
export { createLogChannel } from './delivery/log.channel';
export { createWebhookChannel, DEFAULT_WEBHOOK_TIMEOUT_MS, type WebhookChannelOptions } from './delivery/webhook.channel';
export { createFileRecordStore, recordIdFor, type RecordStore } from './records/file-record.store';
export { EscalationRecord, EscalationRecordDetails } from './records/escalation-record.schema';
export { listPublicExposures, type PublicExposure } from './records/public-exposures';
export { DEFAULT_INTERVIEW_SCHEDULING, type InterviewScheduling } from './escalation.documents';
