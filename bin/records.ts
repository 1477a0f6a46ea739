/**
 * The record store's command line.
 *
 *   npm run -s records -- rebuild     rebuild the reporting projection from Temporal
 *
 * Rebuild reads every current hazard run's view from its memo (one visibility listing, a thousand
 * runs a page; a run recorded before views were kept in memos is queried) and every campaign run's
 * view by query (a worker must be polling), maps them with the same function the runs use
 * (workflows/records.contract.ts) and upserts them by workflow id and revision: running it twice, or
 * while the runs write, changes nothing that is newer. Temporal (TEMPORAL_ADDRESS) and the database
 * (DATABASE_URL, else the main job's embedded server) must be up.
 */
import { Client, Connection, type WorkflowExecutionInfo } from '@temporalio/client';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import type { Store } from '../store';
import { storeSettings } from '../store/config';
import { temporalSettings } from '../temporal.config';
import { campaignDefinitionQuery, campaignViewQuery } from '../workflows/campaign.messages';
import { HAZARD_VIEW_MEMO_KEY, hazardViewQuery, type HazardView } from '../workflows/hazard.messages';
import { campaignSnapshot, hazardSnapshot } from '../workflows/records.contract';
import { connectStore } from './database';

const USAGE = 'usage: npm run -s records -- rebuild';
const repositoryRoot = resolve(import.meta.dirname, '..');
/** Runs read and written at once. */
const CONCURRENCY = 16;

export interface RebuildReport {
  hazards: { written: number; alreadyNewer: number };
  campaigns: { written: number; alreadyNewer: number };
  /** Runs whose view could not be read, with why. */
  failed: Array<{ workflowId: string; error: string }>;
}

async function inParallel<T>(items: AsyncIterable<T>, run: (item: T) => Promise<void>): Promise<void> {
  const running = new Set<Promise<void>>();
  for await (const item of items) {
    const task = run(item).finally(() => running.delete(task));
    running.add(task);
    if (running.size >= CONCURRENCY) await Promise.race(running);
  }
  await Promise.all(running);
}

/** Rebuilds the projection of every current hazard and campaign run in the client's namespace. */
export async function rebuildProjection(client: Client, store: Pick<Store, 'projection'>): Promise<RebuildReport> {
  const report: RebuildReport = { hazards: { written: 0, alreadyNewer: 0 }, campaigns: { written: 0, alreadyNewer: 0 }, failed: [] };
  const tally = (counts: RebuildReport['hazards'], applied: boolean) => (applied ? (counts.written += 1) : (counts.alreadyNewer += 1));
  const attempt = async (workflowId: string, run: () => Promise<void>) => {
    try {
      await run();
    } catch (error) {
      report.failed.push({ workflowId, error: error instanceof Error ? error.message : String(error) });
    }
  };
  const current = (type: string) => client.workflow.list({ query: `WorkflowType = '${type}' AND ExecutionStatus != 'ContinuedAsNew'` });

  await inParallel(current('hazardWorkflow'), (execution: WorkflowExecutionInfo) =>
    attempt(execution.workflowId, async () => {
      const kept = execution.memo?.[HAZARD_VIEW_MEMO_KEY] as HazardView | undefined;
      const view = kept ?? (await client.workflow.getHandle(execution.workflowId, execution.runId).query(hazardViewQuery));
      tally(report.hazards, (await store.projection.projectHazard(hazardSnapshot(execution.workflowId, view))).applied);
    }),
  );
  await inParallel(current('campaignWorkflow'), (execution: WorkflowExecutionInfo) =>
    attempt(execution.workflowId, async () => {
      const handle = client.workflow.getHandle(execution.workflowId, execution.runId);
      const [view, definition] = await Promise.all([handle.query(campaignViewQuery), handle.query(campaignDefinitionQuery)]);
      tally(report.campaigns, (await store.projection.projectCampaign(campaignSnapshot(execution.workflowId, view, definition.timeZone))).applied);
    }),
  );
  return report;
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
  if (values.help || positionals[0] !== 'rebuild' || positionals.length !== 1) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const settings = temporalSettings(process.env);
  const store = await connectStore(storeSettings(process.env, repositoryRoot));
  const connection = await Connection.connect({ address: settings.address });
  try {
    const started = Date.now();
    const report = await rebuildProjection(new Client({ connection, namespace: settings.namespace }), store);
    console.log(
      `hazards: ${report.hazards.written} written, ${report.hazards.alreadyNewer} already newer; ` +
        `campaigns: ${report.campaigns.written} written, ${report.campaigns.alreadyNewer} already newer (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
    for (const { workflowId, error } of report.failed) console.error(`not rebuilt: ${workflowId}: ${error}`);
    return report.failed.length > 0 ? 1 : 0;
  } finally {
    await connection.close();
    await store.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`records: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
