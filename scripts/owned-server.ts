/**
 * Servers the main job starts as its own (the embedded Temporal dev server): recorded in a pid
 * file beside their data, with what they serve, so that
 * - a server left running by a main job that died (`kill -9`, a crash) is found and stopped by the
 *   next start on the same data — after checking that the process with that pid really is that
 *   server (its command line names the same data file), never an unrelated process that reused it;
 * - a start never uses a server it did not start: a port already held by something else is refused
 *   with a message saying what holds it and what to do.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname } from 'node:path';

/** What the pid file says about the server. */
export interface OwnedServerRecord {
  /** For messages, e.g. "Temporal dev server". */
  name: string;
  pid: number;
  /** The main job that started it. */
  ownerPid: number;
  /** Strings the server's command line contains (its data file): how a pid is known to still be it. */
  signature: string[];
  /** What it serves (address, ports, data file), for messages and for operators reading the file. */
  serves: Record<string, string | number>;
  startedAt: string;
}

/** A start refused: the message says why and what to do. */
export class ServerConflictError extends Error {
  override name = 'ServerConflictError';
}

/** The process's command line, or undefined when there is no such (living) process. */
export function commandLineOf(pid: number): string | undefined {
  try {
    // Linux: arguments separated by NUL; a zombie has none.
    const line = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
    return line || undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && existsSync('/proc/self')) return undefined;
  }
  try {
    // Elsewhere (macOS): ps; a zombie shows as "<defunct>".
    const line = execFileSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return line && !line.includes('<defunct>') ? line : undefined;
  } catch {
    return undefined;
  }
}

export const isRunning = (pid: number): boolean => commandLineOf(pid) !== undefined;

/** Writes the record atomically (a reader never sees half of it). */
export function writeOwnedServerRecord(file: string, record: OwnedServerRecord): void {
  mkdirSync(dirname(file), { recursive: true });
  const scratch = `${file}.${process.pid}.tmp`;
  writeFileSync(scratch, `${JSON.stringify(record, null, 2)}\n`);
  renameSync(scratch, file);
}

export function readOwnedServerRecord(file: string): OwnedServerRecord | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as OwnedServerRecord;
  } catch {
    return undefined;
  }
}

/** Removes the record if it still names this server (a later start may have replaced it). */
export function removeOwnedServerRecord(file: string, pid: number): void {
  if (readOwnedServerRecord(file)?.pid === pid) rmSync(file, { force: true });
}

/** Sends `signal`, then SIGKILL after `timeoutMs`, and resolves once the process is gone. */
export async function stopProcess(pid: number, signal: NodeJS.Signals, timeoutMs: number): Promise<void> {
  const send = (which: NodeJS.Signals): void => {
    try {
      process.kill(pid, which);
    } catch {
      // already gone
    }
  };
  send(signal);
  const killAt = Date.now() + timeoutMs;
  let killed = false;
  while (isRunning(pid)) {
    if (!killed && Date.now() >= killAt) {
      send('SIGKILL');
      killed = true;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Before a start: if the record names a server that still runs and really is the recorded one,
 * stop it when the main job that started it is gone (an orphan), or refuse when that main job is
 * still running (two main jobs on one database). A record naming no such process is dropped.
 */
export async function reclaimOrphan(file: string, log: (message: string, details: object) => void, stopTimeoutMs: number): Promise<void> {
  const record = readOwnedServerRecord(file);
  if (!record) return;
  const line = commandLineOf(record.pid);
  const stillIt = line !== undefined && record.signature.every((part) => line.includes(part));
  if (stillIt) {
    if (record.ownerPid !== process.pid && isRunning(record.ownerPid)) {
      throw new ServerConflictError(
        `Another main job (pid ${record.ownerPid}) is running its ${record.name} (pid ${record.pid}) on the same data (${Object.values(record.serves).join(', ')}). ` +
          'Stop it first, or give this one its own data file and ports.',
      );
    }
    log(`stopping the ${record.name} a previous main job left running`, { pid: record.pid, ownerPid: record.ownerPid, serves: record.serves });
    await stopProcess(record.pid, 'SIGINT', stopTimeoutMs);
  }
  rmSync(file, { force: true });
}

/** Whether something accepts TCP connections at host:port. */
export function isListening(host: string, port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (listening: boolean): void => {
      socket.destroy();
      resolve(listening);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Refuses to start a server on a port something else already holds. */
export async function assertPortFree(host: string, port: number, what: string, remedy: string): Promise<void> {
  if (await isListening(host, port)) {
    throw new ServerConflictError(`${host}:${port} (${what}) is already in use by a process this main job did not start; it will not use a server it does not own. ${remedy}`);
  }
}
