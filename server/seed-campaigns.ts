/**
 * The main job's seeding: every campaign file of a folder (the seed notices in definitions/campaigns/)
 * is published to the registry unless that version already is, and started in its own
 * jurisdiction unless a run of it already exists. Idempotent across restarts: Temporal remembers
 * what was published and started, so a second start only reports "already".
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { Client } from '@temporalio/client';
import type { FastifyBaseLogger } from 'fastify';
import { formatIssues } from '../definitions/issues';
import { loadCampaignDirectory } from '../definitions/load';
import type { TemporalSettings } from '../temporal.config';
import type { OfficialYear } from '../definitions/calendar-year.schema';
import { startCampaignRun } from './campaign-runs';
import { latestPublished, publishDefinition, publishedVersion } from './definition-registry';

export interface SeedOutcome {
  definitionId: string;
  version: number;
  published: 'published' | 'already-published' | 'refused';
  run: 'started' | 'already-exists' | 'not-started';
  runId?: string;
}

type SeedLogger = Pick<FastifyBaseLogger, 'info' | 'warn'>;

/** Who the registry and the runs name as the publisher and starter of the seeds. */
const SEED_PUBLISHER = 'campaign engine (seed)';

export async function seedCampaigns(options: {
  client: Client;
  settings: TemporalSettings;
  dir: string;
  officialCalendar: readonly OfficialYear[];
  logger: SeedLogger;
}): Promise<SeedOutcome[]> {
  const { client, settings, dir, officialCalendar, logger } = options;
  const outcomes: SeedOutcome[] = [];
  // Files come sorted by name, so a parent plan (002) is published before the city's (002a).
  for (const [file, result] of loadCampaignDirectory(dir, { officialCalendar })) {
    if (!result.ok) {
      logger.warn({ file }, `seed campaign not valid, skipped:\n${formatIssues(result.issues)}`);
      continue;
    }
    const { definition } = result;
    const { id: definitionId, version } = definition;
    const requestId = `seed:${definitionId}@v${version}`;
    const outcome: SeedOutcome = { definitionId, version, published: 'already-published', run: 'not-started' };
    outcomes.push(outcome);

    const latest = await latestPublished(client, definitionId);
    if (!latest || latest.version < version) {
      const published = await publishDefinition(client, settings, {
        version,
        definition,
        source: readFileSync(file, 'utf8'),
        format: extname(file) === '.json' ? 'json' : 'yaml',
        publishedBy: SEED_PUBLISHER,
        requestId,
      });
      outcome.published = published.ok ? 'published' : 'refused';
      if (!published.ok) logger.warn({ definitionId, version, reason: published.reason }, 'seed campaign not published');
    }

    const pinned = await publishedVersion(client, definitionId, version);
    if (!pinned) continue;
    const started = await startCampaignRun(client, settings, { published: pinned, jurisdiction: definition.jurisdiction, requestId, officialCalendar });
    outcome.run = started.started ? 'started' : 'already-exists';
    outcome.runId = started.ref.runId;
    logger.info({ definitionId, version, runId: started.ref.runId, published: outcome.published, run: outcome.run }, `seed campaign ${definitionId}: ${outcome.published}, run ${outcome.run}`);
  }
  return outcomes;
}
