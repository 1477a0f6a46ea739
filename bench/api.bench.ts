/**
 * Drives the API's hazard list and get routes with 200 concurrent connections against a campaign
 * of 10,000 hazards, and prints p50/p99 latency and requests per second.
 *
 *   npx tsx bench/api.bench.ts [--hazards 10000] [--seconds 20] [--connections 200]
 *
 * Set-up, as a deployment runs it (bench/deployment.ts): a Temporal dev server in its own process,
 * the main job in another; this process publishes a short-ladder campaign, starts it, registers
 * the hazards through the API in parallel batches (due in 2035, so none escalates), waits until
 * visibility lists them all, and then runs autocannon against each route in turn. Requests carry `Accept-Encoding: gzip` as
 * browsers and HTTP clients do; the list is measured once more without it, for comparison.
 *
 * What the routes do (see server/hazard-views.ts and server/prerendered.ts): the get route answers
 * from the hazard views the API keeps, current through the runs' memos and the change feed; the
 * list route asks Temporal's visibility at most about once a second per distinct query.
 *
 * Target (issue 5): p99 ≤ 50 ms. Writes bench/results/api.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { hazardWorkflowId } from '../server/run-ids';
import { operator, registerHazards, root, runBenchmark, startDeployment, startShortLadderCampaign, tokenFor } from './deployment';

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
const TARGET_P99_MS = 50;

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
  const deployment = await startDeployment('api');
  const { base } = deployment;
  try {
    const runId = await startShortLadderCampaign(deployment);
    const registrationSeconds = await registerHazards(deployment, runId, total);
    const operatorAuth = `Bearer ${await tokenFor(operator)}`;

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
    await deployment.stop();
  }
}

runBenchmark(main);
