/**
 * The main job as a user or a supervisor runs it, for the end-to-end and fault tests: `npm start`
 * (or node on bin/start.ts directly) in its own process group with free ports and its own data,
 * waited on until /health says ok, and the process table searched for anything left behind.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inject } from 'vitest';
import { freePort } from './free-port';

const root = resolve(import.meta.dirname, '../..');

export interface MainJob {
  process: ChildProcess;
  output: () => string;
  /** Exit code (or the signal's name) once it has exited. */
  exited: Promise<number | string | null>;
}

/**
 * Free ports and a data folder of its own: TEMPORAL_ADDRESS, the UI port, the API port, the
 * Temporal database, and the embedded PostgreSQL's folder and port.
 */
export async function mainJobEnvironment(
  name: string,
): Promise<{ env: Record<string, string>; dataDir: string; dbFile: string; postgresDir: string; postgresPort: number; apiUrl: string; temporalPort: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), `engine-${name}-`));
  // As a repository's data/ folder is: enterable by the postgres user PostgreSQL runs as under root.
  chmodSync(dataDir, 0o755);
  const dbFile = join(dataDir, 'temporal.sqlite');
  const postgresDir = join(dataDir, 'postgres');
  const [temporalPort, uiPort, apiPort, postgresPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const env: Record<string, string> = {
    TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`,
    TEMPORAL_DEV_SERVER_UI_PORT: String(uiPort),
    TEMPORAL_DEV_SERVER_DB_FILE: dbFile,
    EMBEDDED_POSTGRES_DIR: postgresDir,
    EMBEDDED_POSTGRES_PORT: String(postgresPort),
    API_PORT: String(apiPort),
    LOG_LEVEL: 'info',
  };
  const devServer = inject('devServerExecutable');
  if (devServer.type === 'existing-path') env.TEMPORAL_CLI_PATH = devServer.path;
  return { env, dataDir, dbFile, postgresDir, postgresPort, apiUrl: `http://127.0.0.1:${apiPort}`, temporalPort };
}

/**
 * Starts the main job in a process group of its own, as a terminal session would: `npm start`
 * (how users and supervisors run it) or `node` on bin/start.ts (what `npm start` execs).
 */
export function startMainJob(env: Record<string, string>, how: 'npm start' | 'node' = 'node'): MainJob {
  let output = '';
  const [command, args] = how === 'npm start' ? ['npm', ['start', '--silent']] : [process.execPath, ['--import', 'tsx', 'bin/start.ts']];
  const child = spawn(command, args as string[], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | string | null>((done) => child.once('exit', (code, signal) => done(code ?? signal)));
  return { process: child, output: () => output, exited };
}

export async function waitForHealthy(apiUrl: string, job: MainJob, timeoutMs = 120_000): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (job.process.exitCode !== null || job.process.signalCode !== null) throw new Error(`main job exited early:\n${job.output()}`);
    try {
      const body = (await (await fetch(`${apiUrl}/health`)).json()) as Record<string, unknown>;
      if (body.status === 'ok') return body;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`/health never reported ok:\n${job.output()}`);
}

/** Processes whose command line contains `text` (e.g. the job's own database file), as `ps` lists them, zombies excluded. */
export function processesMentioning(text: string): string[] {
  const table = execFileSync('ps', ['-eo', 'pid=,stat=,args='], { encoding: 'utf8' });
  return table
    .split('\n')
    .filter((line) => line.includes(text) && !/^\s*\d+\s+Z/.test(line) && !line.includes('ps -eo'))
    .map((line) => line.trim());
}

/** Resolves with the exit, or rejects when it takes longer than `ms`. */
export function exitWithin(job: MainJob, ms: number): Promise<number | string | null> {
  return Promise.race([
    job.exited,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`main job did not exit within ${ms / 1000} s:\n${job.output()}`)), ms)),
  ]);
}

/** Kills the job's whole process group: the clean-up of a test that failed half-way. */
export function killGroup(job: MainJob): void {
  try {
    process.kill(-job.process.pid!, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** SIGKILLs every process whose command line contains `text`: clean-up after a failed test. */
export function killProcessesMentioning(text: string): void {
  for (const line of processesMentioning(text)) {
    try {
      process.kill(Number(line.split(/\s+/)[0]), 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** Whether a process with this pid runs (zombies count as gone). */
export function isRunningPid(pid: number): boolean {
  try {
    const stat = execFileSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' }).trim();
    return stat !== '' && !stat.startsWith('Z');
  } catch {
    return false;
  }
}
