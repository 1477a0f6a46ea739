/**
 * A deployment to measure, set up as one runs: a Temporal dev server (SQLite on disk) in its own
 * process, and the main job (bin/start.ts: its embedded PostgreSQL, worker, API and console, seed
 * campaigns included) in another, joining it. Shared by the benchmarks that drive the API (api.bench.ts) and the console
 * (console.bench.ts), with the campaign and the hazards they measure against.
 */
import { Client, Connection } from '@temporalio/client';
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Fastify from 'fastify';
import { obtainDevServer, startDevServer } from '../scripts/temporal-servers';
import { WORKFLOW_TYPES } from '../temporal.config';
import type { Principal } from '../server/auth/principal.schema';
import { authPlugin } from '../server/plugins/auth.plugin';
import { rateLimitPlugin } from '../server/plugins/rate-limit.plugin';
import { hazardWorkflowId } from '../server/run-ids';
import { freePort } from '../test/helpers/free-port';
import { benchRegistration } from './short-ladder';

export const root = resolve(import.meta.dirname, '..');
const TOKEN_SECRET = 'bench-secret-that-is-long-enough-for-hmac-signing';
const REGISTRATION_CONCURRENCY = 50;
/** How often a write answered 503 (Temporal busy) is sent. */
const POST_ATTEMPTS = 5;

export const operator: Principal = { sub: '测试区应急管理局', role: 'operator', jurisdiction: 'CN/test/district' };
export const author: Principal = { sub: '测试区安委会办公室', role: 'author', jurisdiction: 'CN/test/district' };

/** A bearer token signed with the API's own auth plugin, as `npm run token` does. */
export async function tokenFor(principal: Principal): Promise<string> {
  const signer = Fastify();
  await signer.register(rateLimitPlugin);
  await signer.register(authPlugin, { secret: TOKEN_SECRET });
  await signer.ready();
  const token = signer.signToken(principal);
  await signer.close();
  return token;
}

/** Runs `work` over 0..count-1 with at most `limit` in flight. */
async function inParallel(count: number, limit: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < count) await work(next++);
    }),
  );
}

export async function until(what: string, probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

export interface Deployment {
  /** The API (and the console under /console), e.g. http://127.0.0.1:41234. */
  base: string;
  client: Client;
  post(principal: Principal, path: string, body: unknown): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

export async function startDeployment(name: string): Promise<Deployment> {
  const executable = obtainDevServer();
  if (executable.type !== 'existing-path') throw new Error('no Temporal CLI available for the dev server');
  const work = mkdtempSync(join(tmpdir(), `bench-${name}-`));
  // The embedded PostgreSQL runs as the postgres user, which must be able to enter its folder's parents.
  chmodSync(work, 0o755);
  const [temporalPort, uiPort, apiPort] = [await freePort(), await freePort(), await freePort()];
  const devServer = await startDevServer({
    binary: executable.path,
    host: '127.0.0.1',
    port: temporalPort,
    uiPort,
    namespace: 'default',
    dbFile: join(work, 'temporal.sqlite'),
    logFile: join(work, 'dev-server.log'),
  });
  const mainJob = spawn(process.execPath, ['--import', 'tsx', 'bin/start.ts'], {
    cwd: root,
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: devServer.address,
      TEMPORAL_DEV_SERVER: 'off',
      API_PORT: String(apiPort),
      API_TOKEN_SECRET: TOKEN_SECRET,
      EMBEDDED_POSTGRES_DIR: join(work, 'postgres'),
      EMBEDDED_POSTGRES_PORT: String(await freePort()),
      LOG_LEVEL: 'warn',
      // One token, flat out from one address: the benchmarks measure the API and the console, not the rate limit.
      API_RATE_LIMIT_PER_MINUTE: '100000000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const mainJobExited = new Promise<void>((done) => mainJob.once('exit', () => done()));
  const base = `http://127.0.0.1:${apiPort}`;
  const client = new Client({ connection: await Connection.connect({ address: devServer.address }) });
  const stop = async (): Promise<void> => {
    mainJob.kill('SIGINT');
    await mainJobExited;
    await devServer.stop();
  };
  try {
    await until('the API to report healthy', async () => ((await (await fetch(`${base}/health`)).json()) as { status: string }).status === 'ok', 120_000);
  } catch (error) {
    await stop();
    throw error;
  }
  const tokens = new Map<Principal, string>();
  return {
    base,
    client,
    async post(principal, path, body) {
      if (!tokens.has(principal)) tokens.set(principal, await tokenFor(principal));
      // On a loaded machine Temporal may miss the API's deadline (503): the write may or may not
      // have been applied, so it is sent again, as the API's README says is safe; a 409 after a
      // 503 is the first one having been applied (its answer is then not known: {}).
      for (let attempt = 1; ; attempt += 1) {
        const response = await fetch(`${base}${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${tokens.get(principal)}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        if (response.ok) return (await response.json()) as Record<string, unknown>;
        if (response.status === 409 && attempt > 1) return {};
        if (response.status !== 503 || attempt >= POST_ATTEMPTS) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
        await response.body?.cancel();
        await new Promise((resolve) => setTimeout(resolve, 1000 * Number(response.headers.get('retry-after') ?? 5)));
      }
    },
    stop,
  };
}

/** Publishes the short-ladder test campaign of CN/test/district and starts it; its run id. */
export async function startShortLadderCampaign(deployment: Deployment): Promise<string> {
  const yaml = readFileSync(join(root, 'test/e2e/fixtures/api-short-ladder.yaml'), 'utf8');
  const published = await deployment.post(author, '/definitions', { text: yaml, format: 'yaml' });
  const started = await deployment.post(operator, '/campaigns', { definitionId: published.id, version: published.version });
  return started.runId as string;
}

/**
 * A registration as a client makes it: a 503 (Temporal too slow; the API says "try again shortly")
 * is retried after a second, and a retry answered 409 "already registered" means the first try
 * went through after all.
 */
async function withRetries(onRetry: () => void, post: () => Promise<unknown>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await post();
      return;
    } catch (error) {
      const message = (error as Error).message;
      if (attempt > 0 && message.includes(': 409 ')) return;
      if (attempt >= 10 || !message.includes(': 503 ')) throw error;
      onRetry();
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

/**
 * Registers `total` hazards under the run through the API, in parallel batches (due in 2035, so
 * none escalates), and waits until visibility lists them all; the seconds registration took.
 */
export async function registerHazards(deployment: Deployment, runId: string, total: number): Promise<number> {
  console.log(`campaign run ${runId}: registering ${total} hazards (${REGISTRATION_CONCURRENCY} at a time) …`);
  const started = Date.now();
  let retried = 0;
  await inParallel(total, REGISTRATION_CONCURRENCY, async (i) => {
    await withRetries(() => retried++, () => deployment.post(operator, `/campaigns/${runId}/hazards`, benchRegistration(i, '2035-06-29')));
  });
  const seconds = (Date.now() - started) / 1000;
  console.log(`registered in ${seconds.toFixed(1)} s (${(total / seconds).toFixed(0)}/s; ${retried} answers of 503 retried, as a client would); waiting for visibility …`);
  const listed = `WorkflowType = '${WORKFLOW_TYPES.hazard}' AND WorkflowId STARTS_WITH '${hazardWorkflowId(runId, '')}'`;
  await until('visibility to list every hazard', async () => (await deployment.client.workflow.count(listed)).count >= total, 300_000);
  return seconds;
}

/** Ends the process once the results are out: the Temporal client's connection would keep retrying against the stopped server. */
export function runBenchmark(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
