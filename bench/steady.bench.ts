/**
 * Steady state (issue 13): N open hazards with deadlines spread over a year, on the dev server;
 * the worker's and the dev server's RSS once all are registered and idle, and again after a month
 * of their life has passed.
 *
 * A dev server cannot skip time, so the month is played compressed: every run has its own
 * simulated clock (simulation.clockOffsetMs). The runs due in the year's first month (1/12 of them)
 * get clocks on which their deadlines pass, one after another in deadline order, during a window
 * of `--month-seconds` after registration — each takes its two rungs (通报, 曝光) as it would on its
 * day; the other eleven twelfths stay asleep on timers months away, as they would. After the window
 * the benchmark waits until every first-month run has both rungs recorded.
 *
 *   npm run bench:steady -- [--hazards 10000] [--cache 1000] [--month-seconds 60]
 *
 * Writes bench/results/steady.json. Target (issue 13): worker RSS ≤ 300 MB at 10,000 open hazards.
 */
import { parseArgs } from 'node:util';
import { loadavg } from 'node:os';
import { plusDays } from '../definitions/local-date';
import { TEMPORAL_DEFAULTS, WORKFLOW_TYPES } from '../temporal.config';
import { runBenchmark } from './deployment';
import { inParallel, processUsage, round, startEngineRig, writeResult, type EngineRig } from './engine-rig';
import { BENCH_DUE_ON, benchRegistration, clockOffsetOverdueAt, shortLadderRules } from './short-ladder';

const { values } = parseArgs({
  options: {
    hazards: { type: 'string', default: '10000' },
    cache: { type: 'string', default: String(TEMPORAL_DEFAULTS.maxCachedWorkflows) },
    'month-seconds': { type: 'string', default: '60' },
    'timeout-seconds': { type: 'string', default: '300' },
  },
});
const total = Number(values.hazards);
const monthSeconds = Number(values['month-seconds']);
const TASK_QUEUE = 'bench-steady';
const TARGET_WORKER_RSS_MB = 300;
const DAYS_IN_YEAR = 365;
const leadSeconds = Math.ceil(30 + total * 0.06);

/** Hazard i falls due on day (i mod 365) of the year; days 0–29 are the first month. */
const dayOf = (i: number): number => i % DAYS_IN_YEAR;
const FIRST_MONTH_DAYS = 30;

function rssNow(rig: EngineRig) {
  return Object.fromEntries(Object.entries(rig.pids).map(([name, pid]) => [name, processUsage(pid)?.rssMiB ?? null]));
}

async function settle(rig: EngineRig, untilMs: number): Promise<void> {
  let last = processUsage(rig.pids['worker-1']!)?.cpuSeconds ?? 0;
  for (;;) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = processUsage(rig.pids['worker-1']!)?.cpuSeconds ?? 0;
    if (now - last < 0.05 && Date.now() >= untilMs) return;
    last = now;
  }
}

async function main(): Promise<void> {
  const loadAtStart = loadavg().map((l) => round(l));
  const rules = shortLadderRules();
  const rig = await startEngineRig('steady', [{ kind: 'engine', taskQueue: TASK_QUEUE, maxCachedWorkflows: Number(values.cache) }]);
  try {
    const windowStartMs = Date.now() + leadSeconds * 1000;
    // Day d of the first month passes at windowStart + d/30 of the window; every later day runs on
    // the clock of the month's last day, so its deadline lies real days to months beyond the window.
    const offsetFor = (day: number): number => {
      const clockDay = Math.min(day, FIRST_MONTH_DAYS - 1);
      return clockOffsetOverdueAt(rules, plusDays(BENCH_DUE_ON, clockDay), windowStartMs + (clockDay * monthSeconds * 1000) / FIRST_MONTH_DAYS);
    };
    const firstMonth = Array.from({ length: total }, (_, i) => i).filter((i) => dayOf(i) < FIRST_MONTH_DAYS).length;
    console.log(`registering ${total} hazards due over ${DAYS_IN_YEAR} days (${firstMonth} in the first month, played in ${monthSeconds} s from +${leadSeconds} s) …`);
    const started = Date.now();
    await inParallel(total, 100, async (i) => {
      const day = dayOf(i);
      await rig.client.workflow.start(WORKFLOW_TYPES.hazard, {
        workflowId: `steady:B-${i}`,
        taskQueue: TASK_QUEUE,
        args: [{ rules, hazard: benchRegistration(i, plusDays(BENCH_DUE_ON, day)), simulation: { clockOffsetMs: offsetFor(day) } }],
      });
    });
    await settle(rig, 0);
    const registeredSeconds = (Date.now() - started) / 1000;
    if (Date.now() > windowStartMs) console.warn('WARNING: registration ran into the month window; the figures after registration include some wake-ups');
    const afterRegistration = rssNow(rig);
    console.log(`registered and idle after ${round(registeredSeconds, 1)} s; RSS MiB ${JSON.stringify(afterRegistration)}`);

    const deadline = windowStartMs + monthSeconds * 1000 + Number(values['timeout-seconds']) * 1000;
    let recorded = 0;
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 2000));
      const row = await rig.database.store.db
        .selectFrom('escalation_records')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('workflow_id', 'like', 'steady:%')
        .executeTakeFirstOrThrow();
      recorded = Number(row.n);
      if (recorded >= firstMonth * 2 && Date.now() > windowStartMs + monthSeconds * 1000) break;
    }
    await settle(rig, 0);
    const afterMonth = rssNow(rig);
    const workerCpuSeconds = processUsage(rig.pids['worker-1']!)?.cpuSeconds ?? null;
    console.log(`after the month: ${recorded}/${firstMonth * 2} rungs recorded; RSS MiB ${JSON.stringify(afterMonth)}`);
    const meetsTarget = Math.max(afterRegistration['worker-1'] ?? Infinity, afterMonth['worker-1'] ?? Infinity) * 1.048576 <= TARGET_WORKER_RSS_MB;
    console.log(meetsTarget ? `meets worker RSS ≤ ${TARGET_WORKER_RSS_MB} MB` : `MISSES worker RSS ≤ ${TARGET_WORKER_RSS_MB} MB`);
    writeResult('steady', {
      setup: { hazards: total, maxCachedWorkflows: Number(values.cache), deadlinesOverDays: DAYS_IN_YEAR, firstMonthHazards: firstMonth, monthPlayedInSeconds: monthSeconds },
      registrationSeconds: round(registeredSeconds),
      rssMiB: { afterRegistration, afterMonth },
      firstMonthRungsRecorded: recorded,
      firstMonthRungsExpected: firstMonth * 2,
      workerCpuSecondsTotal: workerCpuSeconds,
      targetWorkerRssMB: TARGET_WORKER_RSS_MB,
      meetsTarget,
    }, loadAtStart);
  } finally {
    await rig.stop();
  }
}

runBenchmark(main);
