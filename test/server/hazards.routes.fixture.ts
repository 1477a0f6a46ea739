/**
 * The API on a real Temporal dev server with the engine's worker, for the route tests of hazards
 * and runs and the end-to-end test: tokens for each role, and the short-ladder campaign published
 * (POST /definitions) and started (POST /campaigns) through the API itself.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { readFileSync } from 'node:fs';
import pino from 'pino';
import { buildApp, type AppDependencies } from '../../server/app';
import { connectTemporalClient } from '../../server/temporal-connection';
import { repositoryOfficialCalendar } from '../../definitions/load';
import type { Principal } from '../../server/auth/principal.schema';
import type { Store } from '../../store';
import { temporalSettings } from '../../temporal.config';
import { createEngineTestWorker } from '../helpers/engine-worker';
import { createDevServerEnvironment } from '../helpers/temporal-env';

/** A campaign of CN/test/district whose ladder is 通报 on the due date, 曝光 the day after. */
export const SHORT_LADDER_YAML = readFileSync(new URL('../e2e/fixtures/api-short-ladder.yaml', import.meta.url), 'utf8');

/** The people of the fixture campaign's district. */
export const people = {
  author: { sub: '测试区安委会办公室', role: 'author', jurisdiction: 'CN/test/district' },
  operator: { sub: '测试区应急管理局 张科长', role: 'operator', jurisdiction: 'CN/test/district' },
  cityOperator: { sub: '测试市应急管理局', role: 'operator', jurisdiction: 'CN/test' },
  foreignOperator: { sub: '外区应急管理局', role: 'operator', jurisdiction: 'CN/other' },
  school7: { sub: '第七中学 李主任', role: 'unit', jurisdiction: 'CN/test/district', unitId: 'school-7' },
  school8: { sub: '第八中学 王主任', role: 'unit', jurisdiction: 'CN/test/district', unitId: 'school-8' },
} as const satisfies Record<string, Principal>;

export type App = Awaited<ReturnType<typeof buildApp>>;

export interface ApiEnvironment {
  env: TestWorkflowEnvironment;
  app: App;
  /** The record and reporting store the worker writes and the API reads. */
  store: Store;
  taskQueue: string;
  /** `Authorization` headers for a principal. */
  auth(principal: Principal): { authorization: string };
  /** A second API process on the same Temporal and task queue: nothing kept in memory yet (close it when done). */
  anotherApiProcess(): Promise<App>;
  /** Publishes the YAML definition and starts its campaign through the API; returns the run id. */
  startCampaign(yaml?: string): Promise<string>;
  teardown(): Promise<void>;
}

/** `consoleDir`: the built console to serve at /console (the console's browser tests). */
export async function startApiEnvironment(
  taskQueue: string,
  options: { webhookUrl?: string; rateLimit?: AppDependencies['rateLimit']; consoleDir?: string } = {},
): Promise<ApiEnvironment> {
  const env = await createDevServerEnvironment();
  const { worker, store } = await createEngineTestWorker(env, { taskQueue, webhookUrl: options.webhookUrl });
  const running = worker.run();
  const settings = temporalSettings({ TEMPORAL_TASK_QUEUE: taskQueue, TEMPORAL_WEB_UI_URL: 'http://temporal-ui.test' });
  // The API's client as the main job connects it: bounded calls (server/temporal-connection.ts).
  const temporalClient = await connectTemporalClient({ address: env.address, namespace: env.namespace ?? 'default' });
  const apiProcess = (): Promise<App> =>
    buildApp({
      temporalClient,
      temporalSettings: settings,
      logger: pino({ level: 'silent' }),
      tokenSecret: 'a-test-secret-that-is-long-enough-for-hmac',
      store,
      officialCalendar: repositoryOfficialCalendar(),
      rateLimit: options.rateLimit,
      consoleDir: options.consoleDir,
    });
  const app = await apiProcess();
  return {
    env,
    app,
    store,
    taskQueue,
    anotherApiProcess: async () => {
      const another = await apiProcess();
      await another.ready();
      return another;
    },
    auth: (principal) => ({ authorization: `Bearer ${app.signToken(principal)}` }),
    async startCampaign(yaml = SHORT_LADDER_YAML) {
      const auth = (principal: Principal) => ({ authorization: `Bearer ${app.signToken(principal)}` });
      const published = await app.inject({ method: 'POST', url: '/definitions', headers: auth(people.author), payload: { text: yaml, format: 'yaml' } });
      if (published.statusCode !== 201) throw new Error(`publishing failed: ${published.body}`);
      const { id, version } = published.json() as { id: string; version: number };
      const started = await app.inject({ method: 'POST', url: '/campaigns', headers: auth(people.operator), payload: { definitionId: id, version } });
      if (started.statusCode !== 201) throw new Error(`starting failed: ${started.body}`);
      return (started.json() as { runId: string }).runId;
    },
    async teardown() {
      await app.close();
      worker.shutdown();
      await running;
      await temporalClient.connection.close();
      await env.teardown();
    },
  };
}

/** Polls until `probe` returns a value (visibility is eventually consistent). */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
