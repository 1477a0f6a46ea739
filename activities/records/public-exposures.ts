import { EscalationActionName } from '../../definitions/vocabulary';
import type { RecordStore } from './file-record.store';

/** One entry of the public exposure list (曝光), as the API serves it. */
export interface PublicExposure {
  /** Record id of the exposure step. */
  id: string;
  campaignId: string;
  /** Campaign title. */
  campaign: string;
  /** Responsible unit (责任单位), by name. */
  unit: string;
  /** What is overdue, in words. */
  item: string;
  /** `YYYY-MM-DD`, the missed deadline. */
  dueOn: string;
  /** ISO instant the exposure was published. */
  exposedAt: string;
  /** `media`, `government-website` or `briefing`, as the ladder step says. */
  channel: string;
  /** The published text. */
  text: string;
}

/**
 * The public exposure list: every exposure step that has been carried out, oldest first. A step
 * whose delivery is still being retried is not listed yet.
 */
export async function listPublicExposures(store: RecordStore, filter: { campaignId?: string } = {}): Promise<PublicExposure[]> {
  const records = await store.list(EscalationActionName.publicExposure);
  const entries: PublicExposure[] = [];
  for (const record of records) {
    if (!record.delivery || record.details.kind !== 'exposure') continue;
    if (filter.campaignId !== undefined && record.campaign.id !== filter.campaignId) continue;
    entries.push({
      id: record.id,
      campaignId: record.campaign.id,
      campaign: record.campaign.title,
      unit: record.item.unitName,
      item: record.item.title,
      dueOn: record.item.dueOn,
      exposedAt: record.delivery.deliveredAt,
      channel: record.details.channel,
      text: record.details.text,
    });
  }
  return entries.sort((a, b) => a.exposedAt.localeCompare(b.exposedAt) || a.id.localeCompare(b.id));
}
