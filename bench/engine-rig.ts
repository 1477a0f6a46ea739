/**
 * The engine without the API, set up for the workflow benchmarks (clustered deadline, ceiling,
 * steady state): a Temporal dev server (SQLite on disk, the pragmas of temporal.config.ts) in its
 * own process, an embedded PostgreSQL for the records, and one or more worker processes
 * (bench/worker.process.ts) — so this process, which drives the runs and counts, shares no CPU
 * accounting with what it measures. CPU and RSS of each process are sampled from /proc.
 */
import { Client, Connection } from '@temporalio/client';
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { obtainDevServer, startDevServer, type RunningDevServer } from '../scripts/temporal-servers';
import { DEV_SERVER_SQLITE_PRAGMAS, TEMPORAL_DEFAULTS } from '../temporal.config';
import { registerSearchAttributes } from '../worker/search-attributes';
import { freePort } from '../test/helpers/free-port';
import { startBenchDatabase, type BenchDatabase } from './database';
import { root } from './deployment';

const CLOCK_TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used so far, and its resident memory in MiB. */
export function processUsage(pid: number): { cpuSeconds: number; rssMiB: number } | undefined {
  try {
    // Fields after the command name (which may hold spaces) start at index 2 (state); utime and stime are 14 and 15.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpuSeconds = (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
    const rssKiB = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    return { cpuSeconds, rssMiB: Math.round(rssKiB / 1024) };
  } catch {
    return undefined;
  }
}

export interface ProcessSample {
  atMs: number;
  cpuSeconds: number;
  rssMiB: number;
}

/** Samples named processes every `everyMs`; `between(from, to)` summarises a window. */
export function sampleProcesses(pids: Record<string, number>, everyMs = 500) {
  const samples: Record<string, ProcessSample[]> = Object.fromEntries(Object.keys(pids).map((name) => [name, []]));
  const take = (): void => {
    const atMs = Date.now();
    for (const [name, pid] of Object.entries(pids)) {
      const usage = processUsage(pid);
      if (usage) samples[name]!.push({ atMs, ...usage });
    }
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    samples,
    now: take,
    stop: () => clearInterval(timer),
    /** Per process over [fromMs, toMs]: CPU seconds used, mean CPU share of one core, peak and last RSS. */
    between(fromMs: number, toMs: number) {
      return Object.fromEntries(
        Object.entries(samples).map(([name, list]) => {
          const inside = list.filter((s) => s.atMs >= fromMs - everyMs && s.atMs <= toMs + everyMs);
          const first = inside[0];
          const last = inside.at(-1);
          if (!first || !last) return [name, null];
          const cpuSeconds = last.cpuSeconds - first.cpuSeconds;
          const wall = Math.max((last.atMs - first.atMs) / 1000, 0.001);
          return [name, { cpuSeconds: round(cpuSeconds), meanCorePercent: Math.round((100 * cpuSeconds) / wall), peakRssMiB: Math.max(...inside.map((s) => s.rssMiB)), lastRssMiB: last.rssMiB }];
        }),
      );
    },
  };
}

export const round = (n: number, digits = 2): number => Number(n.toFixed(digits));

/** p-th percentile (0–100) of unsorted numbers, nearest rank. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Runs `work` over 0..count-1 with at most `limit` in flight. */
export async function inParallel(count: number, limit: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, count) }, async () => {
      while (next < count) await work(next++);
    }),
  );
}

export interface WorkerSpec {
  kind: 'engine' | 'bare';
  taskQueue: string;
  maxCachedWorkflows?: number;
  preloadModules?: string[];
}

export interface EngineRig {
  client: Client;
  database: BenchDatabase;
  devServer: RunningDevServer;
  workers: ChildProcess[];
  /** pid by name: `dev-server`, `worker-1`, `worker-2` … */
  pids: Record<string, number>;
  stop(): Promise<void>;
}

function startWorker(spec: WorkerSpec, address: string, databaseUrl: string): Promise<ChildProcess> {
  const child = fork(join(root, 'bench/worker.process.ts'), [], {
    cwd: root,
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      BENCH_WORKER_KIND: spec.kind,
      TEMPORAL_ADDRESS: address,
      TEMPORAL_TASK_QUEUE: spec.taskQueue,
      DATABASE_URL: databaseUrl,
      TEMPORAL_MAX_CACHED_WORKFLOWS: String(spec.maxCachedWorkflows ?? TEMPORAL_DEFAULTS.maxCachedWorkflows),
      ...(spec.preloadModules ? { BENCH_PRELOAD_MODULES: spec.preloadModules.join(',') } : {}),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`worker process exited (${code}) before it was ready`)));
  });
}

export async function startEngineRig(name: string, workerSpecs: WorkerSpec[]): Promise<EngineRig> {
  const executable = obtainDevServer();
  if (executable.type !== 'existing-path') throw new Error('no Temporal CLI available for the dev server');
  const work = mkdtempSync(join(tmpdir(), `bench-${name}-`));
  const devServer = await startDevServer({
    binary: executable.path,
    host: '127.0.0.1',
    port: await freePort(),
    uiPort: await freePort(),
    namespace: 'default',
    dbFile: join(work, 'temporal.sqlite'),
    logFile: join(work, 'dev-server.log'),
  });
  const database = await startBenchDatabase({ maxConnections: 20 });
  const connection = await Connection.connect({ address: devServer.address });
  await registerSearchAttributes(connection.operatorService, 'default');
  const client = new Client({ connection });
  const workers: ChildProcess[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(workers.map((w) => new Promise<void>((done) => (w.exitCode !== null ? done() : (w.once('exit', () => done()), w.kill('SIGINT'))))));
    await connection.close();
    await devServer.stop();
    await database.stop();
    rmSync(work, { recursive: true, force: true });
  };
  try {
    for (const spec of workerSpecs) workers.push(await startWorker(spec, devServer.address, database.url));
  } catch (error) {
    await stop();
    throw error;
  }
  const pids: Record<string, number> = { 'dev-server': devServer.pid };
  workers.forEach((w, i) => (pids[`worker-${i + 1}`] = w.pid!));
  return { client, database, devServer, workers, pids, stop };
}

/** The machine a result was measured on, and how busy it was (other people share these boxes). */
export function machine() {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    loadAverage: loadavg().map((l) => round(l)),
    node: process.version,
    devServerSqlitePragmas: DEV_SERVER_SQLITE_PRAGMAS,
  };
}

/** Writes `bench/results/<name>.json` with the machine it ran on (load at the start and at the end). */
export function writeResult(name: string, result: Record<string, unknown>, loadAtStart: number[]): void {
  const dir = join(root, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.json`);
  writeFileSync(file, `${JSON.stringify({ benchmark: name, at: new Date().toISOString(), machine: { ...machine(), loadAverageAtStart: loadAtStart }, ...result }, null, 2)}\n`);
  console.log(`wrote bench/results/${name}.json`);
}
