import { ApplicationFailure, Context } from '@temporalio/activity';
import { ACTIVITY_ERROR_TYPES } from '../../temporal.config';
import type { DeliveryChannel } from './channel';

export interface WebhookChannelOptions {
  url: string;
  /** Per request; below the activity's start-to-close timeout so a hung recipient is retried. */
  timeoutMs?: number;
}

export const DEFAULT_WEBHOOK_TIMEOUT_MS = 10_000;

/** 4xx answers that say "later", not "never": retried like a 5xx. */
const RETRYABLE_CLIENT_STATUSES = new Set([408, 429]);

/**
 * POSTs each step as JSON with an `Idempotency-Key` header. A network error, timeout, 5xx, 408 or
 * 429 throws a plain error, so Temporal's retry policy tries again with backoff; any other 4xx means
 * the request itself is wrong and fails the step with `RecipientRejected` (not retried).
 */
export function createWebhookChannel({ url, timeoutMs = DEFAULT_WEBHOOK_TIMEOUT_MS }: WebhookChannelOptions): DeliveryChannel {
  return {
    name: 'webhook',
    async deliver(delivery) {
      // Stop waiting when the activity is cancelled as well as on our own timeout.
      const signal = AbortSignal.any([AbortSignal.timeout(timeoutMs), Context.current().cancellationSignal]);
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': delivery.idempotencyKey },
        body: JSON.stringify(delivery),
        signal,
      });
      const answer = (await response.text().catch(() => '')).slice(0, 500);
      if (response.ok) return;
      const message = `webhook ${url} answered ${response.status} ${response.statusText} to ${delivery.action} step ${delivery.idempotencyKey}${answer ? `: ${answer}` : ''}`;
      if (response.status >= 400 && response.status < 500 && !RETRYABLE_CLIENT_STATUSES.has(response.status)) {
        throw ApplicationFailure.nonRetryable(message, ACTIVITY_ERROR_TYPES.recipientRejected, { status: response.status, body: answer });
      }
      throw new Error(message);
    },
  };
}
