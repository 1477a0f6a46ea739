/**
 * The API's Temporal connection closed while a call waits to be retried (the main job shutting down
 * during a Temporal blip, as the outage fault test does at its end): the pending retry must end the
 * call as "unavailable", not throw "Channel has been shut down" from a timer, which is an uncaught
 * exception that takes the process down.
 */
import { Connection } from '@temporalio/client';
import { afterAll, describe, expect, it } from 'vitest';
import { isTemporalUnavailable, temporalConnectionOptions } from '../../server/temporal-connection';
import { freePort } from '../helpers/free-port';

describe('closing the Temporal connection while a call is being retried', () => {
  const uncaught: unknown[] = [];
  const record = (error: unknown): void => {
    uncaught.push(error);
  };
  process.on('uncaughtException', record);
  afterAll(() => {
    process.off('uncaughtException', record);
  });

  it.each([0, 40, 90, 140])('closed %i ms after the first attempt: the call ends as unavailable, nothing is thrown later', async (closeAfterMs) => {
    const connection = Connection.lazy({ ...temporalConnectionOptions(`127.0.0.1:${await freePort()}`), connectTimeout: 200 });
    const call = connection.workflowService.getSystemInfo({}).then(
      () => undefined,
      (error: unknown) => error,
    );
    await new Promise((resolve) => setTimeout(resolve, closeAfterMs));
    await connection.close();
    const error = await call;
    expect(isTemporalUnavailable(error), String(error)).toBe(true);
    // Past every retry the budget could still have scheduled.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(uncaught).toEqual([]);
  });

  it('a call made after the connection closed fails in the caller; nothing is thrown later', async () => {
    const connection = Connection.lazy({ ...temporalConnectionOptions(`127.0.0.1:${await freePort()}`), connectTimeout: 200 });
    await connection.workflowService.getSystemInfo({}).catch(() => undefined);
    await connection.close();
    await expect(connection.workflowService.getSystemInfo({})).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(uncaught).toEqual([]);
  });
});
