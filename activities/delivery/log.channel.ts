import { log } from '@temporalio/activity';
import type { DeliveryChannel } from './channel';

/**
 * The default channel: the message goes to the activity logger (into the process's pino stream
 * on a worker), for a deployment that has no recipient system yet and for local runs.
 */
export function createLogChannel(): DeliveryChannel {
  return {
    name: 'log',
    async deliver(delivery) {
      log.info(`escalation ${delivery.action} → ${delivery.recipient}`, {
        idempotencyKey: delivery.idempotencyKey,
        action: delivery.action,
        campaignId: delivery.campaign.id,
        itemId: delivery.item.id,
        stepIndex: delivery.stepIndex,
        recipient: delivery.recipient,
        recordId: delivery.recordId,
        message: delivery.message,
      });
    },
  };
}
