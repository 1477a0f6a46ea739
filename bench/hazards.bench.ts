/**
 * Simulates the 003 campaign (蓟州区治本攻坚) with 1,000 hazards under the time-skipping server and
 * prints the wall time and the worker's memory. The mix is realistic: most ordinary hazards are
 * fixed on the spot (立查立改), most major ones are verified and closed within their time limit,
 * some are closed late after a few rungs of the ladder, and some are never closed and climb it all.
 *
 *   npx tsx bench/hazards.bench.ts [--hazards 1000] [--cache 1000]   (cache: the worker's maxCachedWorkflows)
 *
 * Target (issue 4): ≤ 60 s wall time. Writes bench/results/hazards.json.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { activityDependenciesFromEnv, createActivities } from '../activities';
import { startBenchDatabase } from './database';
import { loadCampaignDefinitions, repositoryOfficialCalendar } from '../definitions/load';
import { resolveRunCalendar } from '../definitions/run-calendar';
import { obtainTestServer } from '../scripts/temporal-servers';
import { workflowBundlerOptions, workflowsPath } from '../worker/create-worker';
import { registerSearchAttributes } from '../worker/search-attributes';
import { hazardRulesFor } from '../workflows/hazard.contract';
import {
  hazardViewQuery,
  recordReinspectionUpdate,
  submitRectificationUpdate,
  verifyRectificationUpdate,
  type HazardRegistration,
} from '../workflows/hazard.messages';
import { hazardWorkflow } from '../workflows/hazard.workflow';

const DAY = 86_400_000;
const { values } = parseArgs({ options: { hazards: { type: 'string', default: '1000' }, cache: { type: 'string', default: '1000' } } });
const total = Number(values.hazards);

type Fate = 'fixed-on-the-spot' | 'closed-on-time' | 'closed-late' | 'never-closed';
/** Per 20 hazards: 12 ordinary fixed on the spot, 4 major closed on time, 3 closed late, 1 never closed. */
const MIX: Array<[Fate, number]> = [
  ['fixed-on-the-spot', 12],
  ['closed-on-time', 4],
  ['closed-late', 3],
  ['never-closed', 1],
];
const fateOf = (i: number): Fate => {
  let slot = i % 20;
  for (const [fate, count] of MIX) {
    if (slot < count) return fate;
    slot -= count;
  }
  return 'never-closed';
};

async function inBatches<T>(items: T[], size: number, run: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(run));
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const seed = loadCampaignDefinitions(new URL('../definitions/campaigns', import.meta.url).pathname).definitions.get('jizhou-2024-root-cause');
  if (!seed) throw new Error('seed 003 did not load');
  const rules = hazardRulesFor(seed, resolveRunCalendar(repositoryOfficialCalendar(), seed));

  const database = await startBenchDatabase();
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: obtainTestServer() } });
  await registerSearchAttributes(env.connection.operatorService, env.namespace ?? 'default');
  const taskQueue = 'bench-hazards';
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowsPath,
    bundlerOptions: workflowBundlerOptions,
    activities: createActivities(activityDependenciesFromEnv({}, database.store)),
    // A bounded sticky cache: evicted runs replay from history when they wake, trading a little CPU
    // for a worker whose memory does not grow with the number of open hazards.
    maxCachedWorkflows: Number(values.cache),
  });

  const hazards = Array.from({ length: total }, (_, i) => {
    const fate = fateOf(i);
    const registration: HazardRegistration = {
      hazardId: `bench-hazard-${i}`,
      level: fate === 'fixed-on-the-spot' ? 'ordinary' : 'major',
      description: `隐患${i}`,
      location: `第${i % 17}网格`,
      unitId: `enterprise-${i % 97}`,
      unitName: `生产经营单位${i % 97}`,
      responsiblePerson: '安全员',
      discoveredThrough: i % 3 === 0 ? 'public-report' : 'self-inspection',
    };
    return { fate, registration };
  });

  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);
  const started = performance.now();
  const counts = await worker.runUntil(async () => {
    const handles = new Map<string, ReturnType<typeof env.client.workflow.getHandle>>();
    await inBatches(hazards, 100, async ({ registration }) => {
      const handle = await env.client.workflow.start(hazardWorkflow, {
        workflowId: registration.hazardId,
        taskQueue,
        args: [{ rules, hazard: registration, simulation: { startAt: '2024-05-06T08:00:00+08:00' } }],
      });
      handles.set(registration.hazardId, handle);
    });
    const handleOf = (h: { registration: HazardRegistration }) => handles.get(h.registration.hazardId)!;
    const close = async (h: (typeof hazards)[number]) => {
      await handleOf(h).executeUpdate(submitRectificationUpdate, { args: [{ evidence: ['整改照片'], by: '安全员' }] });
      if (h.registration.level === 'major') {
        await handleOf(h).executeUpdate(verifyRectificationUpdate, { args: [{ passed: true, verifier: '区应急管理局' }] });
      }
    };

    await inBatches(hazards.filter((h) => h.fate === 'fixed-on-the-spot'), 100, close);
    await env.sleep(10 * DAY);
    await inBatches(hazards.filter((h) => h.fate === 'closed-on-time'), 100, close);
    await env.sleep(30 * DAY); // past the 30-day limit: the late ones get their first rungs
    await inBatches(hazards.filter((h) => h.fate === 'closed-late'), 100, close);
    await env.sleep(100 * DAY); // the never-closed climb every rung; 回头看 falls due for the closed majors
    await inBatches(hazards.filter((h) => h.fate === 'closed-on-time' || h.fate === 'closed-late'), 100, (h) =>
      handleOf(h).executeUpdate(recordReinspectionUpdate, { args: [{ passed: true, inspector: '区安委办' }] }),
    );

    const tally: Record<string, number> = {};
    let steps = 0;
    await inBatches(hazards, 100, async (h) => {
      const view = await handleOf(h).query(hazardViewQuery);
      tally[`${h.fate}:${view.status}`] = (tally[`${h.fate}:${view.status}`] ?? 0) + 1;
      steps += view.escalationLog.length;
    });
    return { tally, steps };
  });
  const wallSeconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const memory = process.memoryUsage();
  await env.teardown();
  await database.stop();

  const result = {
    benchmark: 'hazards-003-time-skipping',
    hazards: total,
    maxCachedWorkflows: Number(values.cache),
    wallSeconds: Number(wallSeconds.toFixed(2)),
    targetSeconds: 60,
    escalationSteps: counts.steps,
    outcome: counts.tally,
    workerMemoryMiB: { peakRss: Math.round(peakRss / 2 ** 20), rss: Math.round(memory.rss / 2 ** 20), heapUsed: Math.round(memory.heapUsed / 2 ** 20) },
    node: process.version,
    at: new Date().toISOString(),
  };
  console.log(`${total} hazards of campaign 003 simulated in ${result.wallSeconds} s (target ≤ ${result.targetSeconds} s)`);
  console.log(`escalation steps taken: ${result.escalationSteps}; outcome: ${JSON.stringify(result.outcome)}`);
  console.log(`worker memory: peak RSS ${result.workerMemoryMiB.peakRss} MiB, heap used ${result.workerMemoryMiB.heapUsed} MiB`);
  const dir = new URL('./results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  writeFileSync(new URL('hazards.json', dir), `${JSON.stringify(result, null, 2)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
