/**
 * The API's side of the definition registry (workflows/definition-registry.workflow.ts): reading
 * published versions, validating a text with its `extends` parents taken from the registry, and
 * publishing. Used by the /definitions routes, the /campaigns routes and the main job's seeding.
 */
import {
  WithStartWorkflowOperation,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type Client,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { OfficialYear } from '../definitions/calendar-year.schema';
import type { ParentLookup } from '../definitions/extends';
import { validateCampaignSource, type ParseResult } from '../definitions/parse';
import { parseSource, type CampaignSource, type SourceFormat } from '../definitions/source';
import { WORKFLOW_TYPES, type TemporalSettings } from '../temporal.config';
import {
  DEFINITION_REGISTRY_ERRORS,
  definitionVersionQuery,
  definitionVersionsQuery,
  latestDefinitionQuery,
  publishDefinitionUpdate,
  type PublishDefinitionArgs,
  type PublishedDefinition,
  type PublishedDefinitionSummary,
} from '../workflows/definition-registry.messages';
import type { definitionRegistryWorkflow } from '../workflows/definition-registry.workflow';
import { httpError } from './http-error';
import { definitionRegistryWorkflowId } from './run-ids';

/** `extends` chains are short (province → city → district); this bounds a cycle stored by accident. */
const MAX_EXTENDS_DEPTH = 16;

/** Runs a registry query; a definition never published has no registry run, which reads as null. */
async function queryRegistry<T>(client: Client, definitionId: string, run: (handle: ReturnType<Client['workflow']['getHandle']>) => Promise<T>): Promise<T | null> {
  try {
    return await run(client.workflow.getHandle(definitionRegistryWorkflowId(definitionId)));
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return null;
    throw error;
  }
}

export function latestPublished(client: Client, definitionId: string): Promise<PublishedDefinition | null> {
  return queryRegistry(client, definitionId, (handle) => handle.query(latestDefinitionQuery));
}

export function publishedVersion(client: Client, definitionId: string, version: number): Promise<PublishedDefinition | null> {
  return queryRegistry(client, definitionId, (handle) => handle.query(definitionVersionQuery, version));
}

export async function publishedVersions(client: Client, definitionId: string): Promise<PublishedDefinitionSummary[]> {
  return (await queryRegistry(client, definitionId, (handle) => handle.query(definitionVersionsQuery))) ?? [];
}

/** What the API answers for a version never published — and for one that does not concern the caller. */
export const noPublishedVersion = (definitionId: string, version: number): Error =>
  httpError(404, `Definition ${definitionId} has no published version ${version} (方案未发布该版本)`);

/** What the API answers for a definition never published — and for one that does not concern the caller. */
export const noPublishedDefinition = (definitionId: string): Error => httpError(404, `No definition ${definitionId} has been published (方案未发布)`);

/** A published version, or 404. */
export async function requirePublishedVersion(client: Client, definitionId: string, version: number): Promise<PublishedDefinition> {
  const published = await publishedVersion(client, definitionId, version);
  if (!published) throw noPublishedVersion(definitionId, version);
  return published;
}

const extendsOf = (source: CampaignSource): string | undefined => {
  const parent = (source.data as { extends?: unknown } | null)?.extends;
  return typeof parent === 'string' ? parent : undefined;
};

/**
 * Fetches, from the registry, the latest published text of every ancestor a source `extends`, so
 * the pure validator can look them up synchronously, exactly as the CLI looks up sibling files.
 */
async function registryParents(client: Client, source: CampaignSource): Promise<Map<string, CampaignSource>> {
  const parents = new Map<string, CampaignSource>();
  for (let parentId = extendsOf(source); parentId !== undefined && !parents.has(parentId) && parents.size < MAX_EXTENDS_DEPTH; ) {
    const published = await latestPublished(client, parentId);
    if (!published) break;
    const read = parseSource(published.source, { file: `${parentId}@v${published.version}.${published.format}`, format: published.format });
    if (!read.ok) break;
    parents.set(parentId, read.source);
    parentId = extendsOf(read.source);
  }
  return parents;
}

/**
 * Parses and validates a definition text; `extends` parents are the registry's latest published
 * versions, working days those of the official calendar the API was given.
 */
export async function validateDefinitionText(
  client: Client,
  text: string,
  options: { file: string; format: SourceFormat; officialCalendar: readonly OfficialYear[] },
): Promise<ParseResult> {
  const read = parseSource(text, options);
  if (!read.ok) return read;
  const parents = await registryParents(client, read.source);
  const lookup: ParentLookup = (id) => parents.get(id);
  lookup.searched = ['已发布的方案（定义登记库）'];
  return validateCampaignSource(read.source, lookup, options.officialCalendar);
}

export type PublishOutcome = { ok: true; published: PublishedDefinitionSummary } | { ok: false; reason: string; conflict: boolean };

/**
 * Publishes a validated definition: starts the registry if this is the id's first version, and
 * hands it the version in the same call (update-with-start), so no publication is lost between.
 */
export async function publishDefinition(client: Client, settings: TemporalSettings, args: PublishDefinitionArgs): Promise<PublishOutcome> {
  const definitionId = args.definition.id;
  const startWorkflowOperation = new WithStartWorkflowOperation<typeof definitionRegistryWorkflow>(WORKFLOW_TYPES.definitionRegistry, {
    workflowId: definitionRegistryWorkflowId(definitionId),
    taskQueue: settings.taskQueue,
    args: [{ definitionId }],
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
  try {
    const published = await client.workflow.executeUpdateWithStart(publishDefinitionUpdate, { args: [args], startWorkflowOperation });
    return { ok: true, published };
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
      return { ok: false, reason: error.cause.message, conflict: error.cause.type === DEFINITION_REGISTRY_ERRORS.versionNotNewer };
    }
    throw error;
  }
}

