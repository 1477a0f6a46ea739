/**
 * What a workflow test file on the time-skipping server stands on, set up in one place rather than
 * in every file: the file's time-skipping environment, and for each test a real webhook recipient
 * and a task queue of its own, with the engine's worker on that queue delivering to that recipient
 * and keeping records in the test file's database (`fileDatabase()` of test-database.ts).
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createEngineTestWorker } from './engine-worker';
import { createTimeSkippingEnvironment } from './temporal-env';
import { startWebhookRecipient, type WebhookRecipient } from './webhook-recipient';

export interface TimeSkippingSuite {
  /** The time-skipping server of the whole `describe`: starting one costs seconds on two cores. */
  readonly env: TestWorkflowEnvironment;
  /** This test's own recipient, so that a test counts only the deliveries its own runs made. */
  readonly recipient: WebhookRecipient;
  /** This test's own queue (`<prefix>-<test id>`), so that no worker picks up another test's runs. */
  readonly taskQueue: string;
  /**
   * A worker of the engine on this test's queue, delivering to this test's recipient. Called again
   * in one test, it is another process's worker on the same queue and database (a restart).
   */
  engineWorker(options?: { stickyCache?: boolean }): ReturnType<typeof createEngineTestWorker>;
}

/**
 * Registers the hooks of the `describe` it is called in: the environment before all its tests
 * (torn down after them), a recipient and a queue before each test (the recipient closed after
 * it, once the file's own `afterEach` hooks have run). Read the fields inside tests and hooks only.
 */
export function timeSkippingSuite(queuePrefix: string): TimeSkippingSuite {
  let env: TestWorkflowEnvironment | undefined;
  let recipient: WebhookRecipient | undefined;
  let taskQueue = '';

  beforeAll(async () => {
    env = await createTimeSkippingEnvironment();
  });
  afterAll(async () => {
    await env?.teardown();
  });
  beforeEach(async (context) => {
    const testRecipient = await startWebhookRecipient();
    recipient = testRecipient;
    taskQueue = `${queuePrefix}-${context.task.id}`;
    return () => testRecipient.close();
  });

  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the time-skipping suite's ${what} is made by its hooks: read it inside a test or hook`);
    return value;
  };
  const suite: TimeSkippingSuite = {
    get env() {
      return started(env, 'environment');
    },
    get recipient() {
      return started(recipient, 'webhook recipient');
    },
    get taskQueue() {
      return started(taskQueue || undefined, 'task queue');
    },
    engineWorker(options = {}) {
      return createEngineTestWorker(suite.env, { taskQueue: suite.taskQueue, webhookUrl: suite.recipient.url, ...options });
    },
  };
  return suite;
}
