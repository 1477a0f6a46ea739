/**
 * The engine's distance to Temporal's own ceiling on this machine (issue 13), in one run on one
 * dev server: first a bare workflow of the same shape as a hazard's life (one 1 s timer, one
 * activity: bench/bare.workflows.ts, bundled on its own and run by a worker process of its own),
 * then the hazard workflow through its whole closed loop as the API drives it — registered past its
 * time limit, its first rung (通报) taken, rectification submitted, verified, closed. Each phase
 * runs closed-loop with the same concurrency for the same time; completed lifecycles per second
 * of each, and the ratio.
 *
 *   npm run bench:ceiling -- [--seconds 60] [--concurrency 50]
 *
 * Writes bench/results/ceiling.json. Target (issue 13): ratio ≥ 0.8.
 */
import { parseArgs } from 'node:util';
import { loadavg } from 'node:os';
import { WORKFLOW_TYPES } from '../temporal.config';
import { epochMsToLocalDate } from '../definitions/local-date';
import { HAZARD_VIEW_MEMO_KEY, submitRectificationUpdate, verifyRectificationUpdate, type HazardView } from '../workflows/hazard.messages';
import { runBenchmark } from './deployment';
import { round, sampleProcesses, startEngineRig, writeResult, type EngineRig } from './engine-rig';
import { benchRegistration, shortLadderRules } from './short-ladder';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '60' }, concurrency: { type: 'string', default: '50' } } });
const seconds = Number(values.seconds);
const concurrency = Number(values.concurrency);
const BARE_QUEUE = 'bench-ceiling-bare';
const ENGINE_QUEUE = 'bench-ceiling-engine';
const TARGET_RATIO = 0.8;
const FIRST_RUNG_TIMEOUT_MS = 120_000;

/** Runs `lifecycle` closed-loop with `concurrency` in flight for `seconds`; completed per second, and the worker CPU each took. */
async function closedLoop(rig: EngineRig, workerName: string, lifecycle: (n: number) => Promise<void>) {
  const sampler = sampleProcesses({ worker: rig.pids[workerName]!, 'dev-server': rig.pids['dev-server']! });
  const started = Date.now();
  const endsAt = started + seconds * 1000;
  let next = 0;
  let completed = 0;
  let failed = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < endsAt) {
        try {
          await lifecycle(next++);
          completed += 1;
        } catch (error) {
          failed += 1;
          if (failed <= 3) console.error(error);
        }
      }
    }),
  );
  const wallSeconds = (Date.now() - started) / 1000;
  sampler.now();
  sampler.stop();
  const usage = sampler.between(started, Date.now()) as Record<string, { cpuSeconds: number; meanCorePercent: number; peakRssMiB: number } | null>;
  return {
    completed,
    failed,
    wallSeconds: round(wallSeconds),
    perSecond: round(completed / wallSeconds),
    workerCpuMsPerLifecycle: usage.worker ? round((1000 * usage.worker.cpuSeconds) / Math.max(completed, 1), 1) : null,
    devServerCpuMsPerLifecycle: usage['dev-server'] ? round((1000 * usage['dev-server'].cpuSeconds) / Math.max(completed, 1), 1) : null,
    processes: usage,
  };
}

async function main(): Promise<void> {
  const loadAtStart = loadavg().map((l) => round(l));
  const rules = shortLadderRules();
  const rig = await startEngineRig('ceiling', [
    { kind: 'bare', taskQueue: BARE_QUEUE },
    { kind: 'engine', taskQueue: ENGINE_QUEUE },
  ]);
  try {
    console.log(`bare workflow (1 s timer + 1 activity), ${concurrency} in flight for ${seconds} s …`);
    const bare = await closedLoop(rig, 'worker-1', async (n) => {
      const handle = await rig.client.workflow.start('bareWorkflow', { workflowId: `bare-${n}`, taskQueue: BARE_QUEUE, args: [`bare-${n}`, 1000] });
      await handle.result();
    });
    console.log(`  ${bare.completed} completed: ${bare.perSecond}/s, ${bare.workerCpuMsPerLifecycle} ms worker CPU each`);

    // Past its time limit on the live clock, as the API registers it: the ladder starts at once.
    const yesterday = epochMsToLocalDate(Date.now() - 86_400_000, rules.campaign.timeZone);
    console.log(`hazard lifecycle (register past due → 通报 → rectify → verify → closed), ${concurrency} in flight for ${seconds} s …`);
    const hazard = await closedLoop(rig, 'worker-2', async (n) => {
      const handle = await rig.client.workflow.start(WORKFLOW_TYPES.hazard, {
        workflowId: `ceiling-hazard-${n}`,
        taskQueue: ENGINE_QUEUE,
        args: [{ rules, hazard: benchRegistration(n, yesterday) }],
      });
      // Wait for the first rung as the API's reader would see it: in the run's memo, without querying the worker.
      const deadline = Date.now() + FIRST_RUNG_TIMEOUT_MS;
      for (;;) {
        const view = (await handle.describe()).memo?.[HAZARD_VIEW_MEMO_KEY] as HazardView | undefined;
        if (view && view.escalationLog.length > 0) break;
        if (Date.now() > deadline) throw new Error(`${handle.workflowId}: no first rung within ${FIRST_RUNG_TIMEOUT_MS / 1000} s`);
        await new Promise((r) => setTimeout(r, 200));
      }
      await handle.executeUpdate(submitRectificationUpdate, { args: [{ evidence: ['整改照片'], by: '安全员' }] });
      await handle.executeUpdate(verifyRectificationUpdate, { args: [{ passed: true, verifier: '区应急管理局' }] });
      const closed = await handle.result();
      if (closed.status !== 'closed') throw new Error(`${handle.workflowId} ended ${closed.status}`);
    });
    console.log(`  ${hazard.completed} completed: ${hazard.perSecond}/s, ${hazard.workerCpuMsPerLifecycle} ms worker CPU each`);
    const ratio = round(hazard.perSecond / bare.perSecond, 3);
    console.log(`ratio ${ratio} (target ≥ ${TARGET_RATIO})`);
    writeResult('ceiling', { setup: { seconds, concurrency, bareTimerMs: 1000 }, bare, hazard, ratio, targetRatio: TARGET_RATIO, meetsTarget: ratio >= TARGET_RATIO }, loadAtStart);
  } finally {
    await rig.stop();
  }
}

runBenchmark(main);
