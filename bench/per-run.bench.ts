/**
 * What one workflow run costs the worker (issue 13), without and with (the default) the
 * bundle's pure modules preloaded (worker/create-worker.ts, WORKFLOW_PRELOAD_MODULES):
 *
 * - the workflow bundle: code and inline source map, in bytes;
 * - CPU per new or replayed run: every committed hazard and campaign history of test/replay
 *   replayed `--replays` times in this process (Worker.runReplayHistories: no server, so the figure
 *   is the workflow code's own cost; the process's CPU includes the workflow thread);
 * - RSS per cached run: a worker process on the dev server (bench/engine-rig.ts) with a cache
 *   larger than `--runs`, `--runs` hazards registered (live clock, due in 2035, so they sleep), the
 *   worker's RSS growth divided by the runs it holds.
 *
 *   npm run bench:per-run -- [--replays 20] [--runs 500]
 *
 * Writes bench/results/per-run.json. Target (issue 13): ≤ 0.3 MiB and ≤ 10 ms of worker CPU per run.
 */
import { bundleWorkflowCode, Worker, type WorkflowBundle } from '@temporalio/worker';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import type { temporal } from '@temporalio/proto';
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { WORKFLOW_TYPES } from '../temporal.config';
import { WORKFLOW_PRELOAD_MODULES, workflowBundlerOptions, workflowsPath } from '../worker/create-worker';
import { root, runBenchmark } from './deployment';
import { inParallel, processUsage, round, startEngineRig, writeResult } from './engine-rig';
import { benchRegistration, shortLadderRules } from './short-ladder';

const { values } = parseArgs({ options: { replays: { type: 'string', default: '20' }, runs: { type: 'string', default: '500' } } });
const replays = Number(values.replays);
const runs = Number(values.runs);
const TARGET = { mibPerCachedRun: 0.3, cpuMsPerRun: 10 };
const SOURCE_MAP_MARK = '//# sourceMappingURL=';

const variants = { withoutPreload: [] as string[], preloaded: [...WORKFLOW_PRELOAD_MODULES] };

function committedHistories(): Array<{ workflowId: string; history: temporal.api.history.v1.IHistory }> {
  const dir = join(root, 'test/replay/histories');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => ({ workflowId: name, history: historyFromJSON(JSON.parse(readFileSync(join(dir, name), 'utf8'))) }));
}

async function bundleFigures(preloadModules: string[]): Promise<{ bundle: WorkflowBundle; figures: Record<string, number> }> {
  const started = performance.now();
  const bundle = await bundleWorkflowCode({ workflowsPath, ...workflowBundlerOptions, preloadModules, logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} } });
  const mapAt = bundle.code.lastIndexOf(SOURCE_MAP_MARK);
  const bytes = Buffer.byteLength(bundle.code);
  const codeBytes = mapAt >= 0 ? Buffer.byteLength(bundle.code.slice(0, mapAt)) : bytes;
  return { bundle, figures: { bytes, codeBytes, sourceMapBytes: bytes - codeBytes, bundleSeconds: round((performance.now() - started) / 1000) } };
}

async function replayCpu(bundle: WorkflowBundle) {
  const histories = committedHistories();
  const copies = Array.from({ length: replays }, (_, i) => histories.map((h) => ({ ...h, workflowId: `${h.workflowId}#${i}` }))).flat();
  const failures: string[] = [];
  const replayAll = async (list: typeof copies): Promise<void> => {
    for await (const result of Worker.runReplayHistories({ workflowBundle: bundle }, list)) if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
  };
  await replayAll(histories); // warm: the worker thread and the bundle's first evaluation
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await replayAll(copies);
  const cpu = process.cpuUsage(cpuBefore);
  return { replayed: copies.length, failures, cpuMsPerRun: round((cpu.user + cpu.system) / 1000 / copies.length, 1), wallMsPerRun: round((performance.now() - started) / copies.length, 1) };
}

async function cachedRunRss(preloadModules: string[]) {
  const rules = shortLadderRules();
  const taskQueue = 'bench-per-run';
  const rig = await startEngineRig('per-run', [{ kind: 'engine', taskQueue, maxCachedWorkflows: runs + 100, preloadModules }]);
  try {
    const worker = rig.pids['worker-1']!;
    // One run first, so the bundle and the shared context are in the baseline.
    await rig.client.workflow.start(WORKFLOW_TYPES.hazard, { workflowId: 'per-run:warm', taskQueue, args: [{ rules, hazard: benchRegistration(-1, '2035-06-29') }] });
    await settle(worker);
    const before = processUsage(worker)!;
    await inParallel(runs, 50, async (i) => {
      await rig.client.workflow.start(WORKFLOW_TYPES.hazard, { workflowId: `per-run:B-${i}`, taskQueue, args: [{ rules, hazard: benchRegistration(i, '2035-06-29') }] });
    });
    await settle(worker);
    const after = processUsage(worker)!;
    return {
      runs,
      rssBeforeMiB: before.rssMiB,
      rssAfterMiB: after.rssMiB,
      mibPerCachedRun: round((after.rssMiB - before.rssMiB) / runs, 3),
      registrationCpuMsPerRun: round((1000 * (after.cpuSeconds - before.cpuSeconds)) / runs, 1),
    };
  } finally {
    await rig.stop();
  }
}

/** Until the process has used (almost) no CPU for two seconds in a row. */
async function settle(pid: number): Promise<void> {
  let last = processUsage(pid)?.cpuSeconds ?? 0;
  let quiet = 0;
  while (quiet < 2) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = processUsage(pid)?.cpuSeconds ?? 0;
    quiet = now - last < 0.05 ? quiet + 1 : 0;
    last = now;
  }
}

async function main(): Promise<void> {
  const loadAtStart = loadavg().map((l) => round(l));
  const result: Record<string, unknown> = {};
  for (const [name, preloadModules] of Object.entries(variants)) {
    console.log(`${name} (preloadModules: ${preloadModules.length ? preloadModules.map((m) => m.replace(`${root}/`, '')).join(', ') : 'none'}) …`);
    const { bundle, figures } = await bundleFigures(preloadModules);
    console.log(`  bundle ${round(figures.bytes! / 2 ** 20)} MiB (code ${round(figures.codeBytes! / 2 ** 10, 0)} KiB, source map ${round(figures.sourceMapBytes! / 2 ** 10, 0)} KiB)`);
    const replay = await replayCpu(bundle);
    console.log(`  replay: ${replay.replayed} runs, ${replay.cpuMsPerRun} ms CPU each, ${replay.failures.length} failures${replay.failures.length ? `: ${replay.failures.slice(0, 3).join('; ')}` : ''}`);
    const cached = await cachedRunRss(preloadModules);
    console.log(`  cached: ${cached.runs} runs, ${cached.mibPerCachedRun} MiB RSS each (worker ${cached.rssBeforeMiB} → ${cached.rssAfterMiB} MiB), registration ${cached.registrationCpuMsPerRun} ms CPU each`);
    result[name] = { preloadModules: preloadModules.map((m) => m.replace(`${root}/`, '')), bundle: figures, replay, cached };
  }
  writeResult('per-run', { setup: { replays, runs }, target: TARGET, ...result }, loadAtStart);
}

runBenchmark(main);
