import { Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEARCH_ATTRIBUTES } from '../../temporal.config';
import { searchAttributeKeys } from '../../workflows/search-attributes.contract';
import { createDevServerEnvironment, createTimeSkippingEnvironment } from '../helpers/temporal-env';
import { completeImmediately, sleepForDays } from './fixtures/foundation.workflows';

const workflowsPath = fileURLToPath(new URL('./fixtures/foundation.workflows.ts', import.meta.url));
const DAY_MS = 24 * 60 * 60 * 1000;

describe('time-skipping test server', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await createTimeSkippingEnvironment();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  it('lets a workflow sleep 400 days in a few seconds of wall time', async () => {
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue: 'servers-test', workflowsPath });
    const startedAt = performance.now();
    const workflowTimeElapsed = await worker.runUntil(
      env.client.workflow.execute(sleepForDays, { args: [400], workflowId: 'sleep-400-days', taskQueue: 'servers-test' }),
    );
    const wallSeconds = (performance.now() - startedAt) / 1000;
    expect(workflowTimeElapsed).toBeGreaterThanOrEqual(400 * DAY_MS);
    expect(wallSeconds).toBeLessThan(30);
  });
});

describe('Temporal CLI dev server', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await createDevServerEnvironment();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  it("registers the project's custom search attributes", async () => {
    const response = await env.client.connection.operatorService.listSearchAttributes({ namespace: env.namespace ?? 'default' });
    const registered = Object.keys(response.customAttributes);
    expect(registered).toEqual(expect.arrayContaining(Object.keys(SEARCH_ATTRIBUTES)));
  });

  it('runs a workflow and finds it by a custom search attribute in visibility', async () => {
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue: 'servers-test', workflowsPath });
    const campaignId = `visibility-probe-${Date.now()}`;
    const result = await worker.runUntil(
      env.client.workflow.execute(completeImmediately, {
        workflowId: campaignId,
        taskQueue: 'servers-test',
        typedSearchAttributes: [{ key: searchAttributeKeys.CampaignId, value: campaignId }],
      }),
    );
    expect(result).toBe('done');

    // Visibility is updated asynchronously after the run closes: poll briefly.
    let found: string[] = [];
    for (let attempt = 0; attempt < 50 && found.length === 0; attempt++) {
      found = [];
      for await (const execution of env.client.workflow.list({ query: `CampaignId = "${campaignId}"` })) {
        found.push(execution.workflowId);
      }
      if (found.length === 0) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(found).toEqual([campaignId]);
  });
});
