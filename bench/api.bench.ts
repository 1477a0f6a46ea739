/**
 * Drives the API's hazard list and get routes with 200 concurrent connections against a campaign
 * of 10,000 hazards, and prints p50/p99 latency and requests per second.
 *
 *   npx tsx bench/api.bench.ts [--hazards 10000] [--seconds 20] [--connections 200]
 *
 * Set-up, as a deployment runs it: a Temporal dev server (SQLite on disk) in its own process; the
 * main job (bin/start.ts: worker + API, seed campaigns included) in another, joining that server;
 * this process publishes a short-ladder campaign, starts it, registers the hazards through the
 * API in parallel batches (due in 2035, so none escalates), waits until visibility lists them all,
 * and then runs autocannon against each route in turn. Requests carry `Accept-Encoding: gzip` as
 * browsers and HTTP clients do; the list is measured once more without it, for comparison.
 *
 * What the routes do (see server/hazard-views.ts and server/prerendered.ts): the get route answers
 * from the hazard views the API keeps, current through the runs' memos and the change feed; the
 * list route asks Temporal's visibility at most about once a second per distinct query.
 *
 * Target (issue 5): p99 ≤ 50 ms. Writes bench/results/api.json.
 */
import { Client, Connection } from '@temporalio/client';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Fastify from 'fastify';
import { obtainDevServer, startDevServer } from '../scripts/temporal-servers';
import { WORKFLOW_TYPES } from '../temporal.config';
import type { Principal } from '../server/auth/principal.schema';
import { authPlugin } from '../server/plugins/auth.plugin';
import { rateLimitPlugin } from '../server/plugins/rate-limit.plugin';
import { hazardWorkflowId } from '../server/run-ids';
import { freePort } from '../test/helpers/free-port';

/** The part of autocannon's API used here (the package ships no types). */
interface AutocannonResult {
  latency: { p50: number; p90: number; p99: number; average: number; max: number };
  requests: { average: number; total: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  headers: Record<string, string>;
  requests?: Array<{ setupRequest: (request: { path: string }) => { path: string } }>;
}) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const { values } = parseArgs({
  options: {
    hazards: { type: 'string', default: '10000' },
    seconds: { type: 'string', default: '20' },
    connections: { type: 'string', default: '200' },
  },
});
const total = Number(values.hazards);
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const root = resolve(import.meta.dirname, '..');
const TOKEN_SECRET = 'bench-secret-that-is-long-enough-for-hmac-signing';
const REGISTRATION_CONCURRENCY = 50;
const TARGET_P99_MS = 50;

const operator: Principal = { sub: '测试区应急管理局', role: 'operator', jurisdiction: 'CN/test/district' };
const author: Principal = { sub: '测试区安委会办公室', role: 'author', jurisdiction: 'CN/test/district' };

/** Tokens signed with the API's own auth plugin, as `npm run token` does. */
async function bearer(principal: Principal): Promise<string> {
  const signer = Fastify();
  await signer.register(rateLimitPlugin);
  await signer.register(authPlugin, { secret: TOKEN_SECRET });
  await signer.ready();
  const token = signer.signToken(principal);
  await signer.close();
  return `Bearer ${token}`;
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

async function until(what: string, probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

function summary(result: AutocannonResult) {
  return {
    p50Ms: result.latency.p50,
    p90Ms: result.latency.p90,
    p99Ms: result.latency.p99,
    averageMs: result.latency.average,
    maxMs: result.latency.max,
    requestsPerSecond: result.requests.average,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    meetsTarget: result.latency.p99 <= TARGET_P99_MS && result.non2xx === 0 && result.errors === 0,
  };
}

async function main(): Promise<void> {
  const executable = obtainDevServer();
  if (executable.type !== 'existing-path') throw new Error('no Temporal CLI available for the dev server');
  const work = mkdtempSync(join(tmpdir(), 'bench-api-'));
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
      // One token, flat out from one address: the benchmark measures the API, not its rate limit.
      API_RATE_LIMIT_PER_MINUTE: '100000000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const mainJobExited = new Promise<void>((done) => mainJob.once('exit', () => done()));
  const base = `http://127.0.0.1:${apiPort}`;
  const client = new Client({ connection: await Connection.connect({ address: devServer.address }) });

  try {
    await until('the API to report healthy', async () => ((await (await fetch(`${base}/health`)).json()) as { status: string }).status === 'ok', 120_000);
    const [operatorAuth, authorAuth] = [await bearer(operator), await bearer(author)];
    const post = async (auth: string, path: string, body: unknown): Promise<Record<string, unknown>> => {
      const response = await fetch(`${base}${path}`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as Record<string, unknown>;
    };

    const yaml = readFileSync(join(root, 'test/e2e/fixtures/api-short-ladder.yaml'), 'utf8');
    const published = await post(authorAuth, '/definitions', { text: yaml, format: 'yaml' });
    const { runId } = (await post(operatorAuth, '/campaigns', { definitionId: published.id, version: published.version })) as { runId: string };
    console.log(`campaign run ${runId} started; registering ${total} hazards (${REGISTRATION_CONCURRENCY} at a time) …`);

    const registrationStarted = Date.now();
    await inParallel(total, REGISTRATION_CONCURRENCY, async (i) => {
      await post(operatorAuth, `/campaigns/${runId}/hazards`, {
        hazardId: `B-${i}`,
        level: i % 10 === 0 ? 'major' : 'ordinary',
        description: `基准测试隐患${i}`,
        location: `${i % 50}号楼`,
        unitId: `unit-${i % 100}`,
        unitName: `第${i % 100}单位`,
        responsiblePerson: '安全员',
        discoveredThrough: 'self-inspection',
        dueOn: '2035-06-29',
      });
    });
    const registrationSeconds = (Date.now() - registrationStarted) / 1000;
    console.log(`registered in ${registrationSeconds.toFixed(1)} s (${(total / registrationSeconds).toFixed(0)}/s); waiting for visibility …`);
    const listed = `WorkflowType = '${WORKFLOW_TYPES.hazard}' AND WorkflowId STARTS_WITH '${hazardWorkflowId(runId, '')}'`;
    await until('visibility to list every hazard', async () => (await client.workflow.count(listed)).count >= total, 300_000);

    const identityHeaders = { authorization: operatorAuth };
    const headers = { ...identityHeaders, 'accept-encoding': 'gzip, deflate, br' };
    const listUrl = `${base}/hazards?campaign=${encodeURIComponent(runId)}&pageSize=50`;
    console.log(`GET /hazards?campaign=…&pageSize=50 — ${connections} connections, ${seconds} s …`);
    const list = await autocannon({ url: listUrl, connections, duration: seconds, headers });
    console.log(`GET /hazards/:hazardRef (a random one of ${total}) — ${connections} connections, ${seconds} s …`);
    const get = await autocannon({
      url: base,
      connections,
      duration: seconds,
      headers,
      requests: [{ setupRequest: (request) => ({ ...request, path: `/hazards/${encodeURIComponent(hazardWorkflowId(runId, `B-${Math.floor(Math.random() * total)}`))}` }) }],
    });
    console.log(`GET /hazards?campaign=…&pageSize=50 without Accept-Encoding — ${connections} connections, ${seconds} s …`);
    const listIdentity = await autocannon({ url: listUrl, connections, duration: seconds, headers: identityHeaders });
    const health = (await (await fetch(`${base}/health`)).json()) as { hazardViews: unknown };

    const results = {
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30) },
      setup: { hazards: total, connections, secondsPerRoute: seconds, registrationSeconds, registrationsPerSecond: total / registrationSeconds, targetP99Ms: TARGET_P99_MS },
      list: summary(list),
      get: summary(get),
      listWithoutCompression: summary(listIdentity),
      hazardViews: health.hazardViews,
    };
    const line = (name: string, r: ReturnType<typeof summary>, verdict: string): void =>
      console.log(`${name.padEnd(19)} p50 ${r.p50Ms} ms · p99 ${r.p99Ms} ms · ${r.requestsPerSecond.toFixed(0)} req/s · ${r.non2xx} non-2xx · ${r.errors} errors — ${verdict}`);
    const verdict = (r: ReturnType<typeof summary>): string => (r.meetsTarget ? `meets p99 ≤ ${TARGET_P99_MS} ms` : `MISSES p99 ≤ ${TARGET_P99_MS} ms`);
    line('list', results.list, verdict(results.list));
    line('get', results.get, verdict(results.get));
    line('list, uncompressed', results.listWithoutCompression, 'for comparison: a client that does not accept gzip');
    mkdirSync(join(root, 'bench/results'), { recursive: true });
    writeFileSync(join(root, 'bench/results/api.json'), `${JSON.stringify(results, null, 2)}\n`);
    console.log('wrote bench/results/api.json');
  } finally {
    mainJob.kill('SIGINT');
    await mainJobExited;
    await devServer.stop();
  }
}

// Exits explicitly: the Temporal client's connection would keep retrying against the stopped server.
main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
