/**
 * The reporting store under load: the per-unit statistics route at 50 connections, and the
 * 10,000-row 问题隐患清单 exported as .xlsx.
 *
 *   npm run bench:statistics -- [--hazards 10000] [--units 50] [--seconds 15] [--connections 50] [--rate 200]
 *
 * Set-up: the embedded PostgreSQL in a temporary folder; 10,000 hazards across 50 units of one
 * campaign run written directly into the reporting projection through the store, as the
 * projection activities write them (store.projection.projectHazard: one revision-guarded
 * transaction per hazard, with its escalation steps) — no Temporal run behind them; the API
 * (buildApp, listening on 127.0.0.1; its Temporal client never connects, these routes do not use
 * it) in this process; the load generator (autocannon) in a child process of its own, flat out and
 * then at a fixed rate.
 *
 * Targets (issue 11): statistics p99 ≤ 50 ms at 50 connections; the 10,000-row ledger as .xlsx ≤ 3 s.
 * Writes bench/results/statistics.json.
 */
import { Client, Connection } from '@temporalio/client';
import ExcelJS from 'exceljs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { campaignRunId } from '../definitions/campaign-run';
import { repositoryOfficialCalendar } from '../definitions/load';
import { buildApp } from '../server/app';
import type { HazardSnapshot } from '../store';
import { generateLoad, loadFigures, type LoadResult } from './load-generator';
import { temporalSettings } from '../temporal.config';
import { freePort } from '../test/helpers/free-port';
import { startBenchDatabase } from './database';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    hazards: { type: 'string', default: '10000' },
    units: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '15' },
    connections: { type: 'string', default: '50' },
    rate: { type: 'string', default: '200' },
  },
});
const [total, units, seconds, connections, rate] = [values.hazards, values.units, values.seconds, values.connections, values.rate].map(Number) as [number, number, number, number, number];
const JURISDICTION = 'CN/bench/district';
const RUN = campaignRunId('bench-statistics', JURISDICTION);
const TOKEN_SECRET = 'a-bench-secret-that-is-long-enough-for-hmac';
const DAY = 86_400_000;

/** Hazard i: registered over a year, a third closed, a third being verified, a third open (most of those overdue, with 通报 and 约谈). */
function hazardOf(i: number): HazardSnapshot {
  const unit = i % units;
  const registeredMs = Date.parse('2025-01-01T00:00:00Z') + (i % 365) * DAY;
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const dueMs = registeredMs + 30 * DAY;
  const fate = i % 3;
  const rectifiedMs = registeredMs + (10 + (i % 40)) * DAY;
  const open = fate === 2;
  return {
    workflowId: `hazard:${RUN}:B-${i}`,
    revision: 4,
    campaignRunId: RUN,
    campaignId: 'bench-statistics',
    jurisdiction: JURISDICTION,
    timeZone: 'Asia/Shanghai',
    hazardId: `B-${i}`,
    level: i % 10 === 0 ? 'major' : 'ordinary',
    description: `基准测试隐患${i}：配电室消防通道堵塞`,
    location: `${i % 30}号楼`,
    unitId: `unit-${unit}`,
    unitName: `第${unit}单位`,
    unitHead: `负责人${unit}`,
    responsiblePerson: '安全员',
    discoveredThrough: 'self-inspection',
    measure: '清理通道杂物，设置禁止堆放标识，每周复查',
    status: open ? 'rectifying' : fate === 0 ? 'closed' : 'verifying',
    registeredOn: day(registeredMs),
    firstDueOn: day(dueMs),
    dueOn: day(dueMs),
    rectification: open ? null : { on: day(rectifiedMs), by: '安全员', detail: '已整改；附件：photos/b.jpg' },
    verification: fate === 0 ? { on: day(rectifiedMs + 2 * DAY), by: '区应急局' } : null,
    closedOn: fate === 0 ? day(rectifiedMs + 2 * DAY) : null,
    overdueFrom: open ? new Date(dueMs + DAY - 8 * 3_600_000).toISOString() : null,
    escalationStage: open ? 'interview' : null,
    underListedSupervision: i % 10 === 0,
    escalationSteps: open
      ? ['notice', 'interview'].map((action, stepIndex) => ({
          itemKind: 'hazard' as const,
          itemId: `B-${i}`,
          unitId: `unit-${unit}`,
          ladderId: 'overdue-hazard',
          stepIndex,
          action,
          plannedAt: new Date(dueMs + (stepIndex + 1) * 5 * DAY).toISOString(),
          performedAt: new Date(dueMs + (stepIndex + 1) * 5 * DAY + 1000).toISOString(),
          performedOn: day(dueMs + (stepIndex + 1) * 5 * DAY),
          outcome: 'delivered' as const,
          recordId: `${action}-${i}`,
        }))
      : [],
  };
}

/** autocannon in its own process (bench/load-generator.ts). */
const load = (url: string, authorization: string, overallRate?: number) =>
  generateLoad({ url, connections, seconds, headers: { authorization }, ...(overallRate ? { overallRate } : {}) });

const figures = (r: LoadResult) => {
  const { meetsTarget: _meets, averageMs: _average, timeouts: _timeouts, ...kept } = loadFigures(r, 50);
  return kept;
};

async function main(): Promise<void> {
  const database = await startBenchDatabase({ maxConnections: 20 });
  const settings = temporalSettings({ TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}` });
  const app = await buildApp({
    temporalClient: new Client({ connection: Connection.lazy({ address: settings.address }), namespace: settings.namespace }),
    temporalSettings: settings,
    logger: pino({ level: 'warn' }),
    tokenSecret: TOKEN_SECRET,
    officialCalendar: repositoryOfficialCalendar(),
    store: database.store,
    // One token drives all the load: the per-token limit would measure the limiter, not the route.
    rateLimit: { requestsPerMinute: 10_000_000 },
  });
  try {
    console.log(`writing ${total} hazards across ${units} units into the projection …`);
    const seedStarted = performance.now();
    await database.store.projection.projectCampaign({
      workflowId: `campaign:${RUN}`,
      revision: 1,
      campaignRunId: RUN,
      campaignId: 'bench-statistics',
      version: 1,
      title: '基准测试专项整治行动',
      jurisdiction: JURISDICTION,
      status: 'running',
      currentPhaseId: 'rectification',
      timeZone: 'Asia/Shanghai',
      occurrences: [],
      milestones: [],
      escalationSteps: [],
    });
    let next = 0;
    await Promise.all(Array.from({ length: 16 }, async () => {
      for (let i = next++; i < total; i = next++) await database.store.projection.projectHazard(hazardOf(i));
    }));
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    console.log(`written in ${seedSeconds.toFixed(1)} s (${Math.round(total / seedSeconds)}/s)`);

    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    const authorization = `Bearer ${app.signToken({ sub: '基准测试', role: 'operator', jurisdiction: JURISDICTION })}`;
    const statisticsUrl = `${base}/statistics/hazards?campaign=${encodeURIComponent(RUN)}&by=unit`;
    const check = (await (await fetch(statisticsUrl, { headers: { authorization } })).json()) as { rows: unknown[] };
    if (check.rows.length !== units) throw new Error(`expected ${units} rows, got ${check.rows.length}`);

    console.log(`statistics per unit, ${connections} connections, ${seconds} s flat out …`);
    const flatOut = await load(statisticsUrl, authorization);
    console.log(`  p50 ${flatOut.latency.p50} ms, p99 ${flatOut.latency.p99} ms, ${Math.round(flatOut.requests.average)} req/s`);
    console.log(`… and at a fixed ${rate} req/s …`);
    const fixed = await load(statisticsUrl, authorization, rate);
    console.log(`  p50 ${fixed.latency.p50} ms, p99 ${fixed.latency.p99} ms, ${Math.round(fixed.requests.average)} req/s`);

    console.log(`exporting the ${total}-row 问题隐患清单 as .xlsx …`);
    const exportStarted = performance.now();
    const response = await fetch(`${base}/exports/hazard-ledger.xlsx?campaign=${encodeURIComponent(RUN)}`, { headers: { authorization } });
    const body = Buffer.from(await response.arrayBuffer());
    const exportSeconds = (performance.now() - exportStarted) / 1000;
    if (!response.ok) throw new Error(`export answered ${response.status}: ${body.toString().slice(0, 300)}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(body as unknown as ArrayBuffer);
    const rows = workbook.worksheets[0]!.rowCount - 1;
    if (rows !== total) throw new Error(`the export has ${rows} rows, not ${total}`);
    console.log(`  ${exportSeconds.toFixed(2)} s, ${(body.length / 2 ** 20).toFixed(1)} MiB, ${rows} rows`);

    const results = {
      benchmark: 'statistics',
      at: new Date().toISOString(),
      machine: { cpus: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30) },
      hazards: total,
      units,
      seeding: { seconds: Number(seedSeconds.toFixed(1)), through: 'store.projection.projectHazard (as the projection activities write), 16 at a time' },
      statisticsPerUnit: { connections, seconds, targetP99Ms: 50, flatOut: figures(flatOut), fixedRate: { targetRequestsPerSecond: rate, ...figures(fixed) } },
      ledgerXlsx: { rows, seconds: Number(exportSeconds.toFixed(2)), megabytes: Number((body.length / 2 ** 20).toFixed(1)), targetSeconds: 3 },
    };
    mkdirSync(join(root, 'bench/results'), { recursive: true });
    writeFileSync(join(root, 'bench/results/statistics.json'), `${JSON.stringify(results, null, 2)}\n`);
    console.log('written to bench/results/statistics.json');
  } finally {
    await app.close();
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
