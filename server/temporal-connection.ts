/**
 * The API's connection to Temporal, and what "Temporal is unavailable" means to the API.
 *
 * Every call gets a deadline and a bounded retry budget, in one place (gRPC interceptors), so that
 * no route waits on Temporal longer than TEMPORAL_CALL_TIMEOUT_MS, and an unreachable server is
 * reported within about UNAVAILABLE_RETRY_BUDGET_MS — not after the client's default retries
 * (ten attempts, about twenty seconds). A blip shorter than the budget (a frontend restarting) is
 * still ridden over. The problem+json plugin answers the errors `isTemporalUnavailable` recognises
 * with 503 and a Retry-After.
 */
import {
  Client,
  Connection,
  defaultGrpcRetryOptions,
  isGrpcServiceError,
  makeGrpcRetryInterceptor,
  ServiceError,
  type ConnectionOptions,
} from '@temporalio/client';
import type { TemporalSettings } from '../temporal.config';

/** The longest any single call may take, unless the caller sets its own deadline (withDeadline). */
export const TEMPORAL_CALL_TIMEOUT_MS = 10_000;
/** How long retryable failures (UNAVAILABLE, …) are retried before the API says "unavailable". */
export const UNAVAILABLE_RETRY_BUDGET_MS = 2_000;
/** What a 503 (Temporal or the database unavailable) tells a client to wait before trying again. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

type Interceptor = NonNullable<ConnectionOptions['interceptors']>[number];

/**
 * The client's own retry interceptor (its backoff and its retryable codes), cut off where the next
 * attempt would start past the budget or the call's deadline.
 */
const boundedCall: Interceptor = (options, nextCall) => {
  let channelClosed = false;
  let attempts = 0;
  const nextCallUnlessClosed: typeof nextCall = (callOptions) => {
    attempts += 1;
    // The first attempt runs in the caller's own call: a closed channel throws there, as it always did.
    if (attempts === 1) return nextCall(callOptions);
    try {
      return nextCall(callOptions);
    } catch (error) {
      channelClosed = true;
      return callEndedAsUnavailable(error instanceof Error ? error.message : String(error));
    }
  };
  const startedAt = Date.now();
  const deadline = options.deadline ?? startedAt + TEMPORAL_CALL_TIMEOUT_MS;
  const retryUntil = Math.min(startedAt + UNAVAILABLE_RETRY_BUDGET_MS, typeof deadline === 'number' ? deadline : deadline.getTime());
  const defaults = defaultGrpcRetryOptions();
  let nextDelay = 0;
  const retry = makeGrpcRetryInterceptor({
    retryableDecider(attempt, status) {
      if (channelClosed || !defaults.retryableDecider(attempt, status)) return false;
      // The client backs off from RESOURCE_EXHAUSTED from 2 s on, past the whole budget, so it was never
      // retried; here it is mostly a run's query buffer full while its task runs (two APIs registering
      // hazards under one campaign run at once, found by test/e2e/multi-process.test.ts), which clears
      // within a task: retried on the schedule of UNAVAILABLE.
      nextDelay = defaults.delayFunction(attempt, status.code === GRPC_RESOURCE_EXHAUSTED ? { ...status, code: GRPC_UNAVAILABLE } : status);
      return Date.now() + nextDelay < retryUntil;
    },
    delayFunction: () => nextDelay,
  });
  return retry({ ...options, deadline }, nextCallUnlessClosed);
};

/**
 * A retry whose timer fires after the connection was closed (the API shutting down while a call
 * rides over a blip) makes gRPC throw "Channel has been shut down" inside that timer: an uncaught
 * exception that takes the process down. The attempt ends instead as UNAVAILABLE, as any call to an
 * unreachable server does, and is not retried again.
 */
function callEndedAsUnavailable(details: string): ReturnType<Parameters<Interceptor>[1]> {
  const ignored = (): void => undefined;
  return {
    start(metadata, listener) {
      // As gRPC's own unary calls do: a call ending without a message reports the message `null` first.
      queueMicrotask(() => {
        listener?.onReceiveMessage?.(null);
        listener?.onReceiveStatus?.({ code: GRPC_UNAVAILABLE, details, metadata: metadata.clone() });
      });
    },
    sendMessage: ignored,
    sendMessageWithContext: ignored,
    startRead: ignored,
    halfClose: ignored,
    cancelWithStatus: ignored,
    getPeer: () => '',
    getAuthContext: () => null,
  };
}

/** Connection options of every API client of Temporal: the bounded calls instead of the default retries. */
export function temporalConnectionOptions(address: string): ConnectionOptions {
  return { address, interceptors: [boundedCall] };
}

/** Connects the API's client (fails when Temporal does not answer within the connect timeout). */
export async function connectTemporalClient(settings: Pick<TemporalSettings, 'address' | 'namespace'>): Promise<Client> {
  const connection = await Connection.connect(temporalConnectionOptions(settings.address));
  return new Client({ connection, namespace: settings.namespace });
}

const GRPC_CANCELLED = 1;
const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_UNAVAILABLE = 14;
const GRPC_RESOURCE_EXHAUSTED = 8;
/**
 * CANCELLED is there because the API never cancels a call itself: on a loaded machine a call cut
 * off at its deadline (a query the worker is slow to answer) comes back as "1 CANCELLED: Call
 * cancelled", and was answered 500 (found by bench/console.bench.ts registering hazards).
 */
const UNAVAILABLE_CODES: readonly number[] = [GRPC_CANCELLED, GRPC_DEADLINE_EXCEEDED, GRPC_UNAVAILABLE, GRPC_RESOURCE_EXHAUSTED];

/**
 * Whether an error means Temporal could not be reached or did not answer in time: gRPC
 * UNAVAILABLE, DEADLINE_EXCEEDED, CANCELLED or RESOURCE_EXHAUSTED (busy: still so after the retries) anywhere in its cause chain (the client wraps them in
 * ServiceError, WorkflowUpdateRPCTimeoutOrCancelledError …), or the client's own connection
 * failure.
 */
export function isTemporalUnavailable(error: unknown): boolean {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 8; cause = cause.cause, depth++) {
    if (isGrpcServiceError(cause) && UNAVAILABLE_CODES.includes(cause.code)) return true;
    if (cause instanceof ServiceError && /failed to connect/i.test(cause.message)) return true;
  }
  return false;
}
