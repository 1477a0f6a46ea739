/** Which failures of a call to Temporal the API answers 503 (try again) rather than 500. */
import { ServiceError } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { isTemporalUnavailable } from '../../server/temporal-connection';

/** A gRPC status error as grpc-js makes it, wrapped as the Temporal client wraps it. */
const failedCall = (code: number, details: string): Error =>
  new ServiceError('Failed to query Workflow', { cause: Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} }) });

describe('isTemporalUnavailable', () => {
  it.each([
    [14, 'UNAVAILABLE: No connection established'],
    [4, 'DEADLINE_EXCEEDED: Deadline exceeded'],
    // What a query cut off at its deadline on a loaded machine comes back as.
    [1, 'CANCELLED: Call cancelled'],
  ])('is true for gRPC code %i (%s)', (code, details) => {
    expect(isTemporalUnavailable(failedCall(code, details))).toBe(true);
  });
  it.each([
    [5, 'NOT_FOUND: workflow not found'],
    [3, 'INVALID_ARGUMENT: bad query'],
  ])('is false for gRPC code %i (%s), a real answer', (code, details) => {
    expect(isTemporalUnavailable(failedCall(code, details))).toBe(false);
  });
  it('is false for an error that is not a call failure', () => {
    expect(isTemporalUnavailable(new Error('something else'))).toBe(false);
  });
});
