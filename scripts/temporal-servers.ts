/**
 * Obtains the two real Temporal servers the project runs on, on a fresh machine with no
 * internet but the package registries:
 *
 * - the Temporal CLI dev server (full server, SQLite, Web UI, visibility), built from source with
 *   `go install` through the Go module proxy;
 * - the Java time-skipping test server, assembled from Maven Central's
 *   `io.temporal:temporal-test-server` jar and its runtime dependencies behind a launcher script.
 *
 * Both are cached under `$XDG_CACHE_HOME/campaign-engine` (default `~/.cache/campaign-engine`),
 * never inside the repository. `npx tsx scripts/temporal-servers.ts` obtains both and prints
 * their paths; the test setup and `bin/start.ts` call the same functions.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Connection } from '@temporalio/client';
import { devServerSearchAttributeArgs, devServerSqlitePragmaArgs, TEMPORAL_SERVER_VERSIONS } from '../temporal.config';
import { isListening } from './owned-server';

/** What the Temporal SDK is handed: a path we provide, or its own download as a last resort. */
export type ServerExecutable = { type: 'existing-path'; path: string } | { type: 'cached-download' };

type Progress = (message: string) => void;

const defaultProgress: Progress = (message) => process.stderr.write(`[temporal-servers] ${message}\n`);

/** Thrown when a server cannot be obtained at all; the message says which one and why. */
export class ServerUnavailableError extends Error {
  override name = 'ServerUnavailableError';
}

export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'campaign-engine');
}

function onPath(command: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, command);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

function explicitPath(variable: string, env: NodeJS.ProcessEnv): string | undefined {
  const path = env[variable];
  if (!path) return undefined;
  if (!existsSync(path)) throw new ServerUnavailableError(`${variable} is set to "${path}", but no file is there.`);
  return path;
}

/**
 * The Temporal CLI, for `temporal server start-dev`. Resolution: TEMPORAL_CLI_PATH → `temporal` on
 * PATH → the cached build → build it with Go → the SDK's own download (machines with internet).
 */
export function obtainDevServer(progress: Progress = defaultProgress, env = process.env): ServerExecutable {
  const explicit = explicitPath('TEMPORAL_CLI_PATH', env) ?? onPath('temporal', env);
  if (explicit) return { type: 'existing-path', path: explicit };

  const dir = join(cacheRoot(env), `temporal-cli-${TEMPORAL_SERVER_VERSIONS.cli}`);
  const binary = join(dir, 'temporal');
  if (existsSync(binary)) return { type: 'existing-path', path: binary };

  const go = onPath('go', env);
  if (!go) {
    progress('Go is not installed, so the Temporal CLI cannot be built here; the SDK will try to download it.');
    return { type: 'cached-download' };
  }
  const module = `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_SERVER_VERSIONS.cli}`;
  progress(`building the Temporal CLI dev server: go install ${module} (first run only, a few minutes) …`);
  // Build into a scratch folder and move the finished binary in, so an interrupted build never
  // leaves a half-written executable in the cache.
  const scratch = mkdtempSync(join(tmpdir(), 'temporal-cli-'));
  const started = Date.now();
  const build = spawnSync(go, ['install', module], {
    env: { ...env, GOBIN: scratch, CGO_ENABLED: '0', GOFLAGS: `${env.GOFLAGS ?? ''} -buildvcs=false`.trim() },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (build.status !== 0) {
    rmSync(scratch, { recursive: true, force: true });
    throw new ServerUnavailableError(
      `Temporal CLI dev server: "go install ${module}" failed (exit ${build.status ?? build.signal}). ` +
        'Set TEMPORAL_CLI_PATH to an existing temporal binary to skip the build.',
    );
  }
  mkdirSync(dir, { recursive: true });
  renameSync(join(scratch, 'temporal'), binary);
  rmSync(scratch, { recursive: true, force: true });
  progress(`built ${binary} in ${Math.round((Date.now() - started) / 1000)} s`);
  return { type: 'existing-path', path: binary };
}

/** The launcher starts the JVM for a fast start on two cores: C1 only, serial GC, class-data sharing. */
function launcherScript(java: string, libDir: string, archive: string | undefined): string {
  const classData = archive ? `-Xshare:auto -XX:SharedArchiveFile="${archive}" -Xlog:cds=off -Xlog:cds+dynamic=off ` : '';
  return `#!/bin/sh
# Temporal time-skipping test server ${TEMPORAL_SERVER_VERSIONS.testServer} (Maven Central), written by
# scripts/temporal-servers.ts. The SDK runs it as "<launcher> <port>". exec, so that stopping the
# launcher stops the JVM itself.
exec "${java}" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC ${classData}-cp "${libDir}/*" io.temporal.testserver.TestServer "$@"
`;
}

function testServerPom(): string {
  return `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>campaign-engine</groupId>
  <artifactId>temporal-test-server-launcher</artifactId>
  <version>1</version>
  <dependencies>
    <dependency>
      <groupId>io.temporal</groupId>
      <artifactId>temporal-test-server</artifactId>
      <version>${TEMPORAL_SERVER_VERSIONS.testServer}</version>
    </dependency>
  </dependencies>
</project>
`;
}

/**
 * Runs the freshly assembled server once with -XX:ArchiveClassesAtExit, so later starts map the
 * loaded classes from a CDS archive instead of parsing ~40 jars (the SDK allows 5 s to start).
 */
function trainClassDataArchive(java: string, libDir: string, archive: string): void {
  const port = String(20000 + Math.floor(Math.random() * 20000));
  spawnSync(
    'sh',
    [
      '-c',
      `"$0" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:ArchiveClassesAtExit="$1" -Xlog:cds=off -cp "$2/*" io.temporal.testserver.TestServer "$3" & pid=$!; sleep 4; kill -TERM $pid; wait $pid`,
      java,
      archive,
      libDir,
      port,
    ],
    { stdio: 'ignore', timeout: 60_000 },
  );
}

/**
 * The time-skipping test server. Resolution: TEMPORAL_TEST_SERVER_PATH → the cached launcher →
 * assemble it from Maven Central (needs java and mvn) → the SDK's own download.
 */
export function obtainTestServer(progress: Progress = defaultProgress, env = process.env): ServerExecutable {
  const explicit = explicitPath('TEMPORAL_TEST_SERVER_PATH', env);
  if (explicit) return { type: 'existing-path', path: explicit };

  const dir = join(cacheRoot(env), `temporal-test-server-${TEMPORAL_SERVER_VERSIONS.testServer}`);
  const launcher = join(dir, 'temporal-test-server');
  if (existsSync(launcher)) return { type: 'existing-path', path: launcher };

  const java = env.JAVA_HOME ? join(env.JAVA_HOME, 'bin', 'java') : onPath('java', env);
  const mvn = onPath('mvn', env);
  if (!java || !existsSync(java) || !mvn) {
    progress('java or mvn is missing, so the time-skipping server cannot be assembled here; the SDK will try to download it.');
    return { type: 'cached-download' };
  }
  progress(`assembling the time-skipping test server io.temporal:temporal-test-server:${TEMPORAL_SERVER_VERSIONS.testServer} from Maven Central …`);
  mkdirSync(cacheRoot(env), { recursive: true });
  const scratch = mkdtempSync(`${dir}-`);
  const libDir = join(dir, 'lib');
  try {
    writeFileSync(join(scratch, 'pom.xml'), testServerPom());
    execFileSync(
      mvn,
      ['-q', '-B', '-f', join(scratch, 'pom.xml'), 'dependency:copy-dependencies', '-DincludeScope=runtime', `-DoutputDirectory=${join(scratch, 'lib')}`],
      { stdio: ['ignore', 'inherit', 'inherit'] },
    );
    // The finished folder is moved into place whole, so a half-copied set of jars is never used.
    rmSync(dir, { recursive: true, force: true });
    renameSync(scratch, dir);
  } catch (error) {
    rmSync(scratch, { recursive: true, force: true });
    throw new ServerUnavailableError(
      `Time-skipping test server: Maven could not fetch io.temporal:temporal-test-server:${TEMPORAL_SERVER_VERSIONS.testServer} (${(error as Error).message}). ` +
        'Set TEMPORAL_TEST_SERVER_PATH to an existing test server executable to skip this.',
    );
  }
  const archive = join(dir, 'classes.jsa');
  progress('training the class-data archive for a fast JVM start …');
  trainClassDataArchive(java, libDir, archive);
  const script = join(dir, 'temporal-test-server.tmp');
  writeFileSync(script, launcherScript(java, libDir, existsSync(archive) ? archive : undefined));
  chmodSync(script, 0o755);
  renameSync(script, launcher);
  progress(`ready: ${launcher}`);
  return { type: 'existing-path', path: launcher };
}

/** A dev server this process started, and how to stop it so its SQLite file stays intact. */
export interface RunningDevServer {
  address: string;
  uiUrl: string;
  pid: number;
  /** Graceful (SIGINT, so the database is closed cleanly), SIGKILL after the stop timeout. */
  stop(): Promise<void>;
  /** At once (SIGKILL): for a forced exit, when waiting is not an option. */
  kill(): void;
}

export interface DevServerOptions {
  binary: string;
  host: string;
  port: number;
  uiPort: number;
  namespace: string;
  dbFile: string;
  /** Where the server's own output goes (a log file), so it does not interleave with ours. */
  logFile: string;
  /** Called as soon as the process exists (before it serves), e.g. to record its pid. */
  onSpawned?: (pid: number) => void;
}

const DEV_SERVER_START_TIMEOUT_MS = 30_000;
const DEV_SERVER_STOP_TIMEOUT_MS = 15_000;

const READINESS_CALL_TIMEOUT_MS = 1_000;

/**
 * Waits until the server's frontend answers for the namespace — not merely until its port accepts
 * TCP: the frontend says "not healthy yet" for a while after it listens, and a worker connecting
 * then fails.
 */
async function waitUntilServing(options: { host: string; port: number; namespace: string }, timeoutMs: number, exited: () => string | undefined): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const address = `${options.host}:${options.port}`;
  let lastError = 'not listening yet';
  while (Date.now() < deadline) {
    const why = exited();
    if (why) throw new ServerUnavailableError(why);
    if (await isListening(options.host, options.port)) {
      // No retries of its own: this loop is the retry.
      const connection = Connection.lazy({ address, interceptors: [] });
      try {
        await connection.withDeadline(Date.now() + READINESS_CALL_TIMEOUT_MS, () => connection.workflowService.describeNamespace({ namespace: options.namespace }));
        return;
      } catch (error) {
        lastError = (error as Error).message;
      } finally {
        await connection.close();
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new ServerUnavailableError(`the dev server on ${address} did not serve namespace ${options.namespace} within ${timeoutMs / 1000} s (last: ${lastError})`);
}

/**
 * Starts `temporal server start-dev` with a persistent SQLite file, the project's search
 * attributes and SQLite pragmas, and resolves once its frontend serves the namespace. A start that
 * fails leaves no server behind. The server runs in its own process group, so a terminal's Ctrl-C
 * reaches the process that started it, which stops it last (stop() sends SIGINT and waits, so the
 * server closes its database cleanly for the next start).
 */
export async function startDevServer(options: DevServerOptions): Promise<RunningDevServer> {
  mkdirSync(dirname(options.dbFile), { recursive: true });
  mkdirSync(dirname(options.logFile), { recursive: true });
  const log = openSync(options.logFile, 'a');
  const child = spawn(
    options.binary,
    [
      'server', 'start-dev',
      '--ip', options.host,
      '--port', String(options.port),
      '--ui-port', String(options.uiPort),
      '--namespace', options.namespace,
      '--db-filename', options.dbFile,
      '--log-level', 'warn',
      ...devServerSqlitePragmaArgs(),
      ...devServerSearchAttributeArgs(),
    ],
    { stdio: ['ignore', log, log], detached: true },
  );
  if (child.pid !== undefined) options.onSpawned?.(child.pid);
  let exitReason: string | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exitReason = `the dev server exited (${signal ?? `code ${code}`}); see ${options.logFile}`;
      resolve();
    });
    child.once('error', (error) => {
      exitReason = `the dev server could not be started: ${error.message}`;
      resolve();
    });
  });
  try {
    await waitUntilServing(options, DEV_SERVER_START_TIMEOUT_MS, () => exitReason);
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    throw error;
  }
  return {
    address: `${options.host}:${options.port}`,
    uiUrl: `http://${options.host}:${options.uiPort}`,
    pid: child.pid!,
    kill: () => void child.kill('SIGKILL'),
    async stop() {
      if (exitReason) return;
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), DEV_SERVER_STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

function describe(executable: ServerExecutable): string {
  return executable.type === 'existing-path' ? executable.path : "the SDK's own download";
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const started = Date.now();
    const devServer = obtainDevServer();
    const testServer = obtainTestServer();
    console.log(`dev server (Temporal CLI):   ${describe(devServer)}`);
    console.log(`time-skipping test server:   ${describe(testServer)}`);
    console.log(`obtained in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    console.error(error instanceof ServerUnavailableError ? error.message : error);
    process.exit(1);
  }
}
