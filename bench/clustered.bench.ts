/**
 * The thundering deadline (issue 13): N open hazards whose first rung falls at the same instant.
 * Every hazard run is started on a simulated clock with the same offset (simulation.clockOffsetMs),
 * so each one's deadline passes at one wall-clock instant a little after all are registered and
 * idle; from that instant the benchmark counts, in PostgreSQL, the escalation records the runs keep
 * (one per hazard and rung, keyed by run and step, so a doubled action would show as a missing key
 * or a second row), until every hazard's first rung (通报) and second (曝光) are recorded — and the
 * same for `--duties` duty occurrences (one report owed by that many units, due the same day, on
 * the same ladder), which the campaign run holds and escalates itself.
 *
 *   npm run bench:clustered -- [--hazards 10000] [--duties 2000] [--workers 1] [--cache 1000] [--lead-seconds auto] [--timeout-seconds 420] [--collected]
 *
 * `--collected`: both rungs are collected for the whole run (`collectBy: campaign`), so each hazard
 * run keeps its record and joins the one collected action, and one 通报 and one 曝光 document name
 * every unit. An action counts as taken when its record is delivered (with its document, when
 * collected); `joined` reports when the hazards' own runs had logged the step.
 *
 * Prints and writes bench/results/clustered.json: time from the instant until the last first-rung
 * record, the lag distribution (record kept − due instant) per rung, records per second, CPU and
 * RSS of the worker processes and the dev server over the window, and the record counts.
 * Target (issue 13): 10,000 fully acted on within 60 s, p99 lag ≤ 30 s.
 */
import { parseArgs } from 'node:util';
import { loadavg } from 'node:os';
import { sql } from 'kysely';
import { TEMPORAL_DEFAULTS, WORKFLOW_TYPES } from '../temporal.config';
import { hazardViewQuery } from '../workflows/hazard.messages';
import { runBenchmark } from './deployment';
import { inParallel, percentile, processUsage, round, sampleProcesses, startEngineRig, writeResult, type EngineRig } from './engine-rig';
import { BENCH_DUE_ON, benchRegistration, clockOffsetOverdueAt, shortLadderCampaignWithDuty, shortLadderRules } from './short-ladder';
import { repositoryOfficialCalendar } from '../definitions/load';
import { resolveRunCalendar } from '../definitions/run-calendar';

const { values } = parseArgs({
  options: {
    hazards: { type: 'string', default: '10000' },
    duties: { type: 'string', default: '2000' },
    workers: { type: 'string', default: '1' },
    cache: { type: 'string', default: String(TEMPORAL_DEFAULTS.maxCachedWorkflows) },
    'lead-seconds': { type: 'string' },
    'timeout-seconds': { type: 'string', default: '420' },
    collected: { type: 'boolean', default: false },
  },
});
const total = Number(values.hazards);
const duties = Number(values.duties);
const workerCount = Number(values.workers);
const TASK_QUEUE = 'bench-clustered';
const START_CONCURRENCY = 100;
/** Registration costs the worker some 40 ms of CPU per hazard on these machines; the instant falls after all are idle. */
const leadSeconds = values['lead-seconds'] ? Number(values['lead-seconds']) : Math.ceil(30 + (total * 0.08) / workerCount);
const TARGET = { allActedOnSeconds: 60, p99LagSeconds: 30 };

const workflowIdOf = (i: number): string => `clustered:B-${i}`;
const CAMPAIGN_WORKFLOW_ID = 'clustered:campaign';
const ItemKind = { hazard: 'hazard', duty: 'duty-occurrence' } as const;

interface RungRecords {
  stepIndex: number;
  /** Delivered records, and the units a record collected by the campaign run lists. */
  rows: number;
  distinctRuns: number;
  /** Delivered − due instant, per unit. */
  lagsMs: number[];
  /** Kept − due instant, per record: when the item's run had taken (or joined) the step. */
  keptLagsMs: number[];
}

type CollectedUnitList = { collected?: { units: Array<{ itemId: string; unitId: string }> } };

async function recordsByRung(rig: EngineRig, dueAtMs: number, itemKind: string): Promise<RungRecords[]> {
  const rows = await rig.database.store.db
    .selectFrom('escalation_records')
    .select(['step_index', 'workflow_id', 'item_id', 'unit_id', 'kept_at', 'delivered_at', 'details'])
    .where('workflow_id', 'like', 'clustered:%')
    .where('item_kind', '=', itemKind)
    .execute();
  const rungs = new Map<number, RungRecords>();
  const runs = new Map<number, Set<string>>();
  for (const row of rows) {
    const rung = rungs.get(row.step_index) ?? { stepIndex: row.step_index, rows: 0, distinctRuns: 0, lagsMs: [], keptLagsMs: [] };
    rungs.set(row.step_index, rung);
    rung.keptLagsMs.push(new Date(row.kept_at).getTime() - dueAtMs);
    if (!row.delivered_at) continue;
    // A duty rung collected by the campaign run is one record listing its units.
    const units = (row.details as CollectedUnitList).collected?.units ?? [{ itemId: row.item_id, unitId: row.unit_id }];
    const seen = runs.get(row.step_index) ?? new Set<string>();
    runs.set(row.step_index, seen);
    for (const unit of units) {
      rung.rows += 1;
      rung.lagsMs.push(new Date(row.delivered_at).getTime() - dueAtMs);
      seen.add(`${row.workflow_id} ${unit.itemId} ${unit.unitId}`);
    }
  }
  for (const rung of rungs.values()) rung.distinctRuns = runs.get(rung.stepIndex)?.size ?? 0;
  return [...rungs.values()].sort((a, b) => a.stepIndex - b.stepIndex);
}

function lagSummary(rung: RungRecords | undefined) {
  if (!rung || rung.lagsMs.length === 0) return null;
  return {
    joined: { records: rung.keptLagsMs.length, lastAfterSeconds: round(Math.max(...rung.keptLagsMs) / 1000), p99Seconds: round(percentile(rung.keptLagsMs, 99) / 1000) },
    records: rung.rows,
    distinctRuns: rung.distinctRuns,
    lastAfterSeconds: round(Math.max(...rung.lagsMs) / 1000),
    lagSeconds: { p50: round(percentile(rung.lagsMs, 50) / 1000), p99: round(percentile(rung.lagsMs, 99) / 1000), max: round(Math.max(...rung.lagsMs) / 1000), min: round(Math.min(...rung.lagsMs) / 1000) },
  };
}

async function main(): Promise<void> {
  const loadAtStart = loadavg().map((l) => round(l));
  const collected = values.collected === true;
  const rules = shortLadderRules({ collected });
  const rig = await startEngineRig('clustered', Array.from({ length: workerCount }, () => ({ kind: 'engine' as const, taskQueue: TASK_QUEUE, maxCachedWorkflows: Number(values.cache) })));
  const sampler = sampleProcesses(rig.pids);
  try {
    const dueAtMs = Math.ceil((Date.now() + leadSeconds * 1000) / 1000) * 1000;
    const clockOffsetMs = clockOffsetOverdueAt(rules, BENCH_DUE_ON, dueAtMs);
    console.log(`registering ${total} hazards due ${BENCH_DUE_ON} on a clock shifted so their first rung falls at ${new Date(dueAtMs).toISOString()} (in ${leadSeconds} s); ${workerCount} worker(s), cache ${values.cache} …`);
    const registrationStarted = Date.now();
    await inParallel(total, START_CONCURRENCY, async (i) => {
      await rig.client.workflow.start(WORKFLOW_TYPES.hazard, {
        workflowId: workflowIdOf(i),
        taskQueue: TASK_QUEUE,
        args: [{ rules, hazard: benchRegistration(i, BENCH_DUE_ON), simulation: { clockOffsetMs } }],
      });
    });
    if (duties > 0) {
      // The campaign run holds the duty occurrences itself: one run, `duties` units owing a report due the same day.
      const definition = shortLadderCampaignWithDuty(duties, BENCH_DUE_ON, { collected });
      await rig.client.workflow.start(WORKFLOW_TYPES.campaign, {
        workflowId: CAMPAIGN_WORKFLOW_ID,
        taskQueue: TASK_QUEUE,
        args: [{ definition, calendar: resolveRunCalendar(repositoryOfficialCalendar(), definition), simulation: { clockOffsetMs } }],
      });
    }
    const startedSeconds = (Date.now() - registrationStarted) / 1000;
    // The run's own view says when its first rung falls: the instant measured from.
    // With `--hazards 0` there is none to ask: the duty is due on the same day under the same offset.
    if (total > 0) {
      const view = await rig.client.workflow.getHandle(workflowIdOf(0)).query(hazardViewQuery);
      const firstRungAtMs = Date.parse(view.nextEscalation!.at) - view.clockOffsetMs;
      if (firstRungAtMs !== dueAtMs) throw new Error(`first rung at ${new Date(firstRungAtMs).toISOString()}, expected ${new Date(dueAtMs).toISOString()}`);
    }
    // Idle: registration done when the worker has stopped working (its first tasks, projections).
    const workersCpu = (): number => Object.keys(rig.pids).filter((name) => name.startsWith('worker')).reduce((sum, name) => sum + (processUsage(rig.pids[name]!)?.cpuSeconds ?? 0), 0);
    let idleAtMs = Date.now();
    for (let last = workersCpu(); Date.now() < dueAtMs - 500; ) {
      await new Promise((r) => setTimeout(r, 1000));
      const now = workersCpu();
      if (now - last > 0.1 * workerCount) idleAtMs = Date.now();
      last = now;
    }
    await new Promise((r) => setTimeout(r, Math.max(0, dueAtMs - Date.now())));
    const registeredIdleSeconds = (idleAtMs - registrationStarted) / 1000;
    if (idleAtMs >= dueAtMs - 1000) console.warn(`WARNING: the workers were still busy with registration at the instant; raise --lead-seconds`);
    console.log(`started ${total} runs in ${round(startedSeconds, 1)} s; workers idle after ${round(registeredIdleSeconds, 1)} s; the instant has come, counting records …`);

    const timeoutMs = Number(values['timeout-seconds']) * 1000;
    let rungs: RungRecords[] = [];
    let dutyRungs: RungRecords[] = [];
    const complete = (list: RungRecords[], expected: number): boolean => expected === 0 || (list.length >= 2 && list.every((r) => r.distinctRuns >= expected));
    for (;;) {
      await new Promise((r) => setTimeout(r, 1000));
      rungs = await recordsByRung(rig, dueAtMs, ItemKind.hazard);
      dutyRungs = duties > 0 ? await recordsByRung(rig, dueAtMs, ItemKind.duty) : [];
      const done = complete(rungs, total) && complete(dutyRungs, duties);
      const elapsed = Date.now() - dueAtMs;
      const progress = (list: RungRecords[]) => list.map((r) => `rung ${r.stepIndex}: ${r.distinctRuns}`).join(', ');
      if (Math.floor(elapsed / 1000) % 10 === 0) console.log(`  +${Math.round(elapsed / 1000)} s: hazards ${progress(rungs)}; duties ${progress(dutyRungs)}`);
      if (done || elapsed > timeoutMs) break;
    }
    const endMs = dueAtMs + Math.max(0, ...rungs.flatMap((r) => r.lagsMs), ...dutyRungs.flatMap((r) => r.lagsMs));
    const documents = await rig.database.store.db.selectFrom('collected_documents').select(['action', 'sequence', 'delivered_at']).execute();
    sampler.now();
    const [first, second] = [rungs.find((r) => r.stepIndex === 0), rungs.find((r) => r.stepIndex === 1)];
    const [dutyFirst, dutySecond] = [dutyRungs.find((r) => r.stepIndex === 0), dutyRungs.find((r) => r.stepIndex === 1)];
    const duplicates = await rig.database.store.db
      .selectFrom('escalation_records')
      .select(['workflow_id', 'item_id', 'unit_id', 'step_index', sql<number>`count(*)`.as('n')])
      .where('workflow_id', 'like', 'clustered:%')
      .groupBy(['workflow_id', 'item_id', 'unit_id', 'step_index'])
      .having(sql`count(*)`, '>', 1)
      .execute();
    const firstRung = lagSummary(first);
    const result = {
      setup: { hazards: total, workers: workerCount, maxCachedWorkflows: Number(values.cache), leadSeconds, dueOn: BENCH_DUE_ON, dueAt: new Date(dueAtMs).toISOString(), ladder: `notice (通报) then public-exposure (曝光), both due at the instant${collected ? ', both collected for the whole run (collectBy: campaign)' : ''}`, collected },
      registration: { startSeconds: round(startedSeconds), untilWorkersIdleSeconds: round(registeredIdleSeconds), runsStartedPerSecond: round(total / startedSeconds, 1) },
      firstRung,
      secondRung: lagSummary(second),
      duties: duties > 0 ? { occurrences: duties, firstRung: lagSummary(dutyFirst), secondRung: lagSummary(dutySecond), notRecordedWithinTimeout: { firstRung: duties - (dutyFirst?.distinctRuns ?? 0), secondRung: duties - (dutySecond?.distinctRuns ?? 0) } } : null,
      firstRungRecordsPerSecond: firstRung ? round(firstRung.records / Math.max(firstRung.lastAfterSeconds, 0.001), 1) : 0,
      counts: {
        expectedPerRung: total,
        // A run not yet recorded when the timeout ends the wait is late, not lost: its timer has fired and its task waits.
        notRecordedWithinTimeout: { firstRung: total - (first?.distinctRuns ?? 0), secondRung: total - (second?.distinctRuns ?? 0) },
        rowsPerRung: rungs.map((r) => ({ stepIndex: r.stepIndex, rows: r.rows, distinctRuns: r.distinctRuns })),
        doubled: duplicates.length,
        collectedDocuments: documents.map((d) => ({ action: d.action, sequence: d.sequence, deliveredAfterSeconds: d.delivered_at ? round((new Date(d.delivered_at).getTime() - dueAtMs) / 1000) : null })),
      },
      processes: {
        afterRegistration: sampler.between(registrationStarted, dueAtMs),
        fromTheInstant: sampler.between(dueAtMs, endMs),
      },
      meetsTarget: [firstRung, duties > 0 ? lagSummary(dutyFirst) : null].every(
        (rung, i) => (i === 1 && duties === 0) || (!!rung && rung.distinctRuns === (i === 0 ? total : duties) && rung.lastAfterSeconds <= TARGET.allActedOnSeconds && rung.lagSeconds.p99 <= TARGET.p99LagSeconds),
      ),
      target: TARGET,
    };
    console.log(`first rung (通报): ${first?.distinctRuns ?? 0}/${total} recorded, the last ${firstRung?.lastAfterSeconds} s after the instant; lag p50 ${firstRung?.lagSeconds.p50} s, p99 ${firstRung?.lagSeconds.p99} s, max ${firstRung?.lagSeconds.max} s`);
    const secondRung = result.secondRung;
    console.log(`second rung (曝光): ${second?.distinctRuns ?? 0}/${total}, the last ${secondRung?.lastAfterSeconds} s after; lag p50 ${secondRung?.lagSeconds.p50} s, p99 ${secondRung?.lagSeconds.p99} s`);
    if (collected) console.log(`collected documents: ${JSON.stringify(result.counts.collectedDocuments)}; the hazards' runs had all joined ${firstRung?.joined.lastAfterSeconds} s (通报) and ${secondRung?.joined.lastAfterSeconds} s (曝光) after the instant`);
    console.log(`not recorded within the timeout: ${JSON.stringify(result.counts.notRecordedWithinTimeout)}; doubled: ${result.counts.doubled}; ${result.firstRungRecordsPerSecond} first-rung records/s`);
    if (duties > 0) {
      const d = result.duties!;
      console.log(`duty occurrences (one campaign run): 通报 ${dutyFirst?.distinctRuns ?? 0}/${duties}, the last ${d.firstRung?.lastAfterSeconds} s after, p50 ${d.firstRung?.lagSeconds.p50} s, p99 ${d.firstRung?.lagSeconds.p99} s; 曝光 ${dutySecond?.distinctRuns ?? 0}/${duties}, the last ${d.secondRung?.lastAfterSeconds} s after`);
    }
    console.log(`from the instant: ${JSON.stringify(result.processes.fromTheInstant)}`);
    console.log(result.meetsTarget ? 'meets the target' : `MISSES the target (all within ${TARGET.allActedOnSeconds} s, p99 ≤ ${TARGET.p99LagSeconds} s)`);
    writeResult(`clustered${collected ? '-collected' : ''}${workerCount === 1 ? '' : `-${workerCount}-workers`}`, result, loadAtStart);
  } finally {
    sampler.stop();
    await rig.stop();
  }
}

runBenchmark(main);
