/**
 * How the outside talks to the definition registry: one run per definition id holds every
 * published version (Temporal is the system of record). The server validates a text before it
 * publishes; the registry only keeps versions in order. The server imports this file.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CampaignDefinition } from '../definitions/campaign.schema';
import type { SourceFormat } from '../definitions/source';

/** One published version, as the author sent it and as it was parsed (with `extends` resolved). */
export interface PublishedDefinition {
  version: number;
  definition: CampaignDefinition;
  /** The text the author published, kept so derived definitions can `extends` it again. */
  source: string;
  format: SourceFormat;
  publishedAt: string;
  publishedBy: string;
  /** The API request that published it, so an operator can go from the call to the registry. */
  requestId?: string;
}

/** A published version without its bodies, for listings. */
export interface PublishedDefinitionSummary {
  version: number;
  title: string;
  jurisdiction: string;
  publishedAt: string;
  publishedBy: string;
  requestId?: string;
}

export interface DefinitionRegistryInput {
  definitionId: string;
  /** Versions carried over continue-as-new, oldest first. */
  versions?: PublishedDefinition[];
  /** History length at which the run continues as new even before the server suggests it. */
  continueAsNewAfterEvents?: number;
}

/** What the registry's memo shows in visibility listings without a query per definition. */
export interface DefinitionRegistryMemo {
  latestVersion: number;
  title: string;
  jurisdiction: string;
}

export type PublishDefinitionArgs = Omit<PublishedDefinition, 'publishedAt'>;

/** `ApplicationFailure` types of the registry's update validator. */
export const DEFINITION_REGISTRY_ERRORS = {
  versionNotNewer: 'VersionNotNewer',
  idMismatch: 'DefinitionIdMismatch',
} as const;

export const publishDefinitionUpdate = defineUpdate<PublishedDefinitionSummary, [PublishDefinitionArgs]>('publishDefinition');

/** Every version, oldest first. */
export const definitionVersionsQuery = defineQuery<PublishedDefinitionSummary[]>('definitionVersions');
/** One version with its bodies, or null. */
export const definitionVersionQuery = defineQuery<PublishedDefinition | null, [number]>('definitionVersion');
/** The newest version with its bodies, or null before the first publication. */
export const latestDefinitionQuery = defineQuery<PublishedDefinition | null>('latestDefinition');
