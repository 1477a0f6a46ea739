import type { EscalationAction } from '../../definitions/vocabulary';
import type { CampaignRef, OverdueItem } from '../escalation.types';

/** What a channel sends for one escalation step; the webhook posts exactly this as JSON. */
export interface EscalationDelivery {
  /** The same for every attempt of the step: receivers dedupe on it. */
  idempotencyKey: string;
  action: EscalationAction;
  /** The action in Chinese, e.g. `通报`. */
  actionLabel: string;
  campaign: Pick<CampaignRef, 'id' | 'version' | 'title' | 'authority'>;
  item: OverdueItem;
  stepIndex: number;
  recipient: string;
  message: string;
  recordId: string;
  /**
   * A collected action's document (one 通报 listing many units): every unit it names, with its
   * item and its own record; `item` is the first of them, `recordId` the document's id.
   */
  collected?: Array<{ unitId: string; unitName: string; itemId: string; itemTitle: string; recordId: string }>;
}

/** How escalation messages leave the engine. `deliver` resolves once the recipient has accepted. */
export interface DeliveryChannel {
  /** Reported in each step's outcome: `log` or `webhook`. */
  readonly name: string;
  deliver(delivery: EscalationDelivery): Promise<void>;
}
