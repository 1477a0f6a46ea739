/**
 * The API under load (issue 13): the hazard list and get routes against a campaign of N hazards,
 * each at a fixed rate (default 2,000 req/s over 200 connections) and flat out, with the load
 * generator (autocannon) in a process of its own (bench/load-generator.ts), so its CPU is not
 * mixed into the server's latency; and the registration rate through the API.
 *
 *   npm run bench:api -- [--hazards 10000] [--seconds 20] [--connections 200] [--rate 2000]
 *
 * Set-up, as a deployment runs it (bench/deployment.ts): a Temporal dev server in its own process,
 * the main job (worker, API, PostgreSQL) in another; this process publishes a short-ladder
 * campaign, starts it, registers the hazards through the API, 50 at a time (due in 2035, so none
 * escalates), and waits until visibility lists them all. Requests carry `Accept-Encoding: gzip`.
 *
 * What the routes do (see server/hazard-views.ts and server/prerendered.ts): the get route answers
 * from the hazard views the API keeps, current through the runs' memos and the change feed; the
 * list route asks Temporal's visibility at most about once a second per distinct query.
 *
 * Targets (issue 13): p99 ≤ 50 ms at 2,000 req/s; registration ≥ 100/s. Writes bench/results/api.json.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { hazardWorkflowId } from '../server/run-ids';
import { operator, registerHazards, runBenchmark, startDeployment, startShortLadderCampaign, tokenFor } from './deployment';
import { round, writeResult } from './engine-rig';
import { generateLoad, loadFigures, type LoadOptions } from './load-generator';

const { values } = parseArgs({
  options: {
    hazards: { type: 'string', default: '10000' },
    seconds: { type: 'string', default: '20' },
    connections: { type: 'string', default: '200' },
    rate: { type: 'string', default: '2000' },
  },
});
const total = Number(values.hazards);
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const rate = Number(values.rate);
const TARGET_P99_MS = 50;
const TARGET_REGISTRATIONS_PER_SECOND = 100;

async function main(): Promise<void> {
  const loadAtStart = loadavg().map((l) => round(l));
  const deployment = await startDeployment('api');
  const { base } = deployment;
  try {
    const runId = await startShortLadderCampaign(deployment);
    const registrationSeconds = await registerHazards(deployment, runId, total);
    const headers = { authorization: `Bearer ${await tokenFor(operator)}`, 'accept-encoding': 'gzip, deflate, br' };
    const list: LoadOptions = { url: `${base}/hazards?campaign=${encodeURIComponent(runId)}&pageSize=50`, connections, seconds, headers };
    const get: LoadOptions = { url: base, connections, seconds, headers, randomPaths: { prefix: `/hazards/${encodeURIComponent(hazardWorkflowId(runId, 'B-'))}`, count: total } };
    const routes: Record<string, ReturnType<typeof loadFigures>> = {};
    for (const [name, options] of [['list', list], ['get', get]] as const) {
      for (const [mode, overallRate] of [[`at ${rate} req/s`, rate], ['flat out', undefined]] as const) {
        console.log(`${name} — ${connections} connections, ${seconds} s, ${mode} …`);
        const figures = loadFigures(await generateLoad({ ...options, ...(overallRate ? { overallRate } : {}) }), TARGET_P99_MS);
        routes[`${name} ${overallRate ? 'fixed-rate' : 'flat-out'}`] = figures;
        console.log(`  p50 ${figures.p50Ms} ms · p99 ${figures.p99Ms} ms · max ${figures.maxMs} ms · ${figures.requestsPerSecond} req/s · ${figures.non2xx} non-2xx · ${figures.errors} errors${overallRate ? (figures.meetsTarget ? ' — meets' : ' — MISSES') + ` p99 ≤ ${TARGET_P99_MS} ms` : ''}`);
      }
    }
    const registrationsPerSecond = round(total / registrationSeconds, 1);
    console.log(`registration through the API: ${registrationsPerSecond}/s (target ≥ ${TARGET_REGISTRATIONS_PER_SECOND}/s)`);
    const health = (await (await fetch(`${base}/health`)).json()) as { hazardViews: unknown };
    writeResult('api', {
      setup: { hazards: total, connections, secondsPerRoute: seconds, fixedRate: rate, loadGenerator: 'autocannon in its own process', targetP99Ms: TARGET_P99_MS },
      registration: { seconds: round(registrationSeconds), perSecond: registrationsPerSecond, concurrency: 50, target: TARGET_REGISTRATIONS_PER_SECOND },
      routes,
      hazardViews: health.hazardViews,
    }, loadAtStart);
  } finally {
    await deployment.stop();
  }
}

runBenchmark(main);
