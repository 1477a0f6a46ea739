/**
 * Temporal constants of the campaign engine: the one place for the server address, namespace,
 * task queue, the embedded dev server's database and UI port, and the custom search attributes.
 *
 * This file has no imports and never touches `process`: workflow code may import its constants,
 * and the Temporal bundler refuses anything that reaches Node. Process entries call
 * `temporalSettings(process.env)` to apply the environment overrides.
 */

/**
 * The workflow types the engine registers (each the name of its exported workflow function), as
 * clients start them and visibility queries name them.
 */
export const WORKFLOW_TYPES = {
  campaign: 'campaignWorkflow',
  hazard: 'hazardWorkflow',
  definitionRegistry: 'definitionRegistryWorkflow',
  collectedAction: 'collectedActionWorkflow',
} as const;
export type WorkflowType = (typeof WORKFLOW_TYPES)[keyof typeof WORKFLOW_TYPES];

/** Custom search attributes the engine registers, so runs can be listed and filtered in visibility. */
export const SEARCH_ATTRIBUTES = {
  /** Campaign id of the definition a run belongs to (e.g. `tianjin-jizhou-zhiben-gongjian-2024`). */
  CampaignId: 'KEYWORD',
  /** Definition version the run is pinned to. */
  CampaignVersion: 'KEYWORD',
  /** Jurisdiction path (`CN/tianjin/jizhou`), for "this jurisdiction and below" filters. */
  Jurisdiction: 'KEYWORD',
  /** Responsible unit (责任单位) of a hazard or duty. */
  UnitId: 'KEYWORD',
  /** Hazard level: `major` (重大) or `ordinary` (一般). */
  HazardLevel: 'KEYWORD',
  /** Item status: open, rectifying, verifying, closed, … */
  ItemStatus: 'KEYWORD',
  /** The highest escalation step taken so far (reminder, notice, interview, …). */
  EscalationStage: 'KEYWORD',
  /** When the item falls due. */
  DueTime: 'DATETIME',
  /** When the run last changed what it shows (its memo view): the API's change feed reads runs by it. */
  StateChangedAt: 'DATETIME',
} as const;

export type SearchAttributeName = keyof typeof SEARCH_ATTRIBUTES;

/** The dev server's `--search-attribute Name=Type` spelling of each kind. */
export const DEV_SERVER_SEARCH_ATTRIBUTE_TYPES = {
  KEYWORD: 'Keyword',
  DATETIME: 'Datetime',
} as const satisfies Record<(typeof SEARCH_ATTRIBUTES)[SearchAttributeName], string>;

/** Versions of the servers the project obtains itself (see scripts/temporal-servers.ts). */
export const TEMPORAL_SERVER_VERSIONS = {
  /** Newest Temporal CLI whose go.mod has no `replace` directive, so `go install` builds it. */
  cli: 'v1.5.1',
  /** Java time-skipping test server on Maven Central (io.temporal:temporal-test-server). */
  testServer: '1.38.0',
} as const;

export const TEMPORAL_DEFAULTS = {
  address: '127.0.0.1:7233',
  namespace: 'default',
  taskQueue: 'campaign-engine',
  /** Relative to the repository root; the folder is git-ignored. */
  devServerDbFile: 'data/temporal/dev-server.sqlite',
  devServerUiPort: 8233,
  /**
   * Runs the worker keeps in memory between their tasks: 0.31 MiB each with the pure modules
   * preloaded (bench:per-run, 300 idle hazards; 0.42 MiB without, 1.8 MiB before zod and xstate's
   * development build left the bundle), so 1,000 take the ~350 MiB that 250 took before. Hazards
   * wake days apart and the API reads them without the worker (server/hazard-views.ts), so a run
   * not kept costs one replay when it next wakes. The SDK's own default grows with the heap (some
   * 3,800 runs on a 24 GiB machine), and collecting a heap that size takes CPU from the API on a
   * small machine.
   */
  maxCachedWorkflows: 1000,
} as const;

/** The settings a process entry runs with, after the environment overrides. */
export interface TemporalSettings {
  address: string;
  namespace: string;
  taskQueue: string;
  devServerDbFile: string;
  devServerUiPort: number;
  maxCachedWorkflows: number;
  /**
   * Whether the main job starts the embedded dev server at `address`: yes for a loopback address
   * unless TEMPORAL_DEV_SERVER=off (a server already runs there); never for a remote cluster.
   */
  embeddedDevServer: boolean;
  /** Base URL of the Temporal Web UI, for links to runs. */
  webUiUrl: string;
}

/** Environment variables that override the defaults; Temporal's own names where it has them. */
export const TEMPORAL_ENVIRONMENT = {
  address: 'TEMPORAL_ADDRESS',
  namespace: 'TEMPORAL_NAMESPACE',
  taskQueue: 'TEMPORAL_TASK_QUEUE',
  devServerDbFile: 'TEMPORAL_DEV_SERVER_DB_FILE',
  devServerUiPort: 'TEMPORAL_DEV_SERVER_UI_PORT',
  embeddedDevServer: 'TEMPORAL_DEV_SERVER',
  webUiUrl: 'TEMPORAL_WEB_UI_URL',
  maxCachedWorkflows: 'TEMPORAL_MAX_CACHED_WORKFLOWS',
} as const;

/**
 * Applies the environment overrides to the defaults, failing fast on a malformed value.
 * @example temporalSettings(process.env).taskQueue // 'campaign-engine' unless TEMPORAL_TASK_QUEUE is set
 */
export function temporalSettings(env: Record<string, string | undefined>): TemporalSettings {
  const read = (key: keyof typeof TEMPORAL_ENVIRONMENT): string | undefined => {
    const value = env[TEMPORAL_ENVIRONMENT[key]]?.trim();
    return value ? value : undefined;
  };
  const uiPortText = read('devServerUiPort');
  const devServerUiPort = uiPortText === undefined ? TEMPORAL_DEFAULTS.devServerUiPort : Number(uiPortText);
  if (!Number.isInteger(devServerUiPort) || devServerUiPort <= 0 || devServerUiPort > 65535) {
    throw new Error(`${TEMPORAL_ENVIRONMENT.devServerUiPort} must be a port number (1–65535), got "${uiPortText}"`);
  }
  const cacheText = read('maxCachedWorkflows');
  const maxCachedWorkflows = cacheText === undefined ? TEMPORAL_DEFAULTS.maxCachedWorkflows : Number(cacheText);
  if (!Number.isInteger(maxCachedWorkflows) || maxCachedWorkflows < 0) {
    throw new Error(`${TEMPORAL_ENVIRONMENT.maxCachedWorkflows} must be a whole number (0 or more), got "${cacheText}"`);
  }
  const address = read('address') ?? TEMPORAL_DEFAULTS.address;
  if (!/^(\[[^\]]+\]|[^:\s]+):\d+$/.test(address)) {
    throw new Error(`${TEMPORAL_ENVIRONMENT.address} must look like host:port, got "${address}"`);
  }
  const devServerSwitch = read('embeddedDevServer') ?? 'on';
  if (devServerSwitch !== 'on' && devServerSwitch !== 'off') {
    throw new Error(`${TEMPORAL_ENVIRONMENT.embeddedDevServer} must be "on" or "off", got "${devServerSwitch}"`);
  }
  const loopback = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\]):/.test(address);
  return {
    address,
    embeddedDevServer: loopback && devServerSwitch === 'on',
    namespace: read('namespace') ?? TEMPORAL_DEFAULTS.namespace,
    taskQueue: read('taskQueue') ?? TEMPORAL_DEFAULTS.taskQueue,
    devServerDbFile: read('devServerDbFile') ?? TEMPORAL_DEFAULTS.devServerDbFile,
    devServerUiPort,
    maxCachedWorkflows,
    webUiUrl: read('webUiUrl') ?? `http://127.0.0.1:${devServerUiPort}`,
  };
}

/**
 * SQLite settings of the embedded dev server: write-ahead logging and `synchronous=normal` (a
 * commit is durable once in the log; a power cut may lose the last transactions, a crashed
 * process does not). Measured on a bare timer+activity workflow: 16.4/s without, 51.8/s with.
 * A production cluster uses PostgreSQL, MySQL or Cassandra persistence instead (README).
 */
export const DEV_SERVER_SQLITE_PRAGMAS = ['journal_mode=wal', 'synchronous=normal'] as const;

/** `--sqlite-pragma name=value` arguments for `temporal server start-dev`. */
export function devServerSqlitePragmaArgs(): string[] {
  return DEV_SERVER_SQLITE_PRAGMAS.flatMap((pragma) => ['--sqlite-pragma', pragma]);
}

/** `--search-attribute Name=Type` arguments for `temporal server start-dev`. */
export function devServerSearchAttributeArgs(): string[] {
  return Object.entries(SEARCH_ATTRIBUTES).flatMap(([name, kind]) => [
    '--search-attribute',
    `${name}=${DEV_SERVER_SEARCH_ATTRIBUTE_TYPES[kind]}`,
  ]);
}

/** `ApplicationFailure` types the activities throw when retrying cannot help. */
export const ACTIVITY_ERROR_TYPES = {
  /** The webhook answered 4xx (other than 408/429): the request itself is wrong. */
  recipientRejected: 'RecipientRejected',
  /** The step cannot be carried out as defined (e.g. a template placeholder with no value). */
  invalidEscalationStep: 'InvalidEscalationStep',
  /** The database refused a projection snapshot (a constraint or a value it cannot hold): retrying the same one cannot help. */
  projectionRejected: 'ProjectionRejected',
} as const;

/**
 * Options of every escalation activity. Delivery retries by Temporal's policy with backoff for as
 * long as a day: an unreachable recipient delays a step, it never drops it.
 */
export const ESCALATION_ACTIVITY_OPTIONS = {
  startToCloseTimeout: '30 seconds',
  scheduleToCloseTimeout: '1 day',
  retry: {
    initialInterval: '2 seconds',
    backoffCoefficient: 2,
    maximumInterval: '10 minutes',
    nonRetryableErrorTypes: Object.values(ACTIVITY_ERROR_TYPES),
  },
} as const;

/**
 * Options of a collected action's collector activities: compiling and delivering one document for
 * thousands of units (one transaction, one request of a few MB) takes longer than one step's, and
 * is retried like every escalation.
 */
export const COLLECTED_ACTION_ACTIVITY_OPTIONS = { ...ESCALATION_ACTIVITY_OPTIONS, startToCloseTimeout: '5 minutes' } as const;

/**
 * Options of an item joining a collected action, run as a local activity of the item's run (one
 * marker, no round trip per item at a clustered deadline): retried while the database is away, as
 * the projection is; a step the language refuses fails at once.
 */
export const COLLECTED_JOIN_ACTIVITY_OPTIONS = {
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: Object.values(ACTIVITY_ERROR_TYPES) },
} as const;

/**
 * Options of the projection activities (projectHazard, projectCampaign), run as local activities:
 * one short idempotent upsert on the worker that runs the workflow, recorded as a single marker
 * instead of three history events. A database that is down is retried with backoff, without end:
 * the run waits for its records, as its escalation steps (which keep their records there) would.
 */
export const PROJECTION_ACTIVITY_OPTIONS = {
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
} as const;
