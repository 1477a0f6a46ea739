/**
 * The registry of one campaign definition: every published version, in order, for as long as the
 * definition exists. It stores what the server already validated; its own rules are only that the
 * id matches and each version is newer than the last. It never finishes on its own: it waits for
 * publications and continues as new when its history grows long.
 */
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  setHandler,
  upsertMemo,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import {
  DEFINITION_REGISTRY_ERRORS,
  definitionVersionQuery,
  definitionVersionsQuery,
  latestDefinitionQuery,
  publishDefinitionUpdate,
  type DefinitionRegistryInput,
  type DefinitionRegistryMemo,
  type PublishedDefinition,
  type PublishedDefinitionSummary,
} from './definition-registry.messages';
import { searchAttributeKeys } from './search-attributes.contract';

/** A registry publishes rarely; this only bounds a pathological history. */
const DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS = 2_000;

const summaryOf = (published: PublishedDefinition): PublishedDefinitionSummary => ({
  version: published.version,
  title: published.definition.title.zh,
  jurisdiction: published.definition.jurisdiction,
  publishedAt: published.publishedAt,
  publishedBy: published.publishedBy,
  ...(published.requestId ? { requestId: published.requestId } : {}),
});

export async function definitionRegistryWorkflow(input: DefinitionRegistryInput): Promise<void> {
  const versions: PublishedDefinition[] = [...(input.versions ?? [])];
  const latest = (): PublishedDefinition | undefined => versions[versions.length - 1];

  // Visibility shows the latest version's id, jurisdiction and title, so the API lists
  // definitions with one visibility call and filters them by jurisdiction there.
  const publishVisibility = (): void => {
    const newest = latest();
    if (!newest) return;
    upsertSearchAttributes([
      { key: searchAttributeKeys.CampaignId, value: input.definitionId },
      { key: searchAttributeKeys.CampaignVersion, value: String(newest.version) },
      { key: searchAttributeKeys.Jurisdiction, value: newest.definition.jurisdiction },
    ]);
    const memo: DefinitionRegistryMemo = {
      latestVersion: newest.version,
      title: newest.definition.title.zh,
      jurisdiction: newest.definition.jurisdiction,
    };
    upsertMemo({ ...memo });
  };

  setHandler(
    publishDefinitionUpdate,
    (args) => {
      const published: PublishedDefinition = { ...args, publishedAt: new Date().toISOString() };
      versions.push(published);
      publishVisibility();
      return summaryOf(published);
    },
    {
      validator: (args) => {
        if (args.definition.id !== input.definitionId || args.version !== args.definition.version) {
          throw ApplicationFailure.nonRetryable(
            `方案编号或版本不一致：登记簿为“${input.definitionId}”，收到“${args.definition.id}”第${args.definition.version}版`,
            DEFINITION_REGISTRY_ERRORS.idMismatch,
          );
        }
        const newest = latest();
        if (newest && args.version <= newest.version) {
          throw ApplicationFailure.nonRetryable(
            `方案“${input.definitionId}”已发布第${newest.version}版，新版本号必须更大（收到第${args.version}版）`,
            DEFINITION_REGISTRY_ERRORS.versionNotNewer,
          );
        }
      },
    },
  );
  // After continue-as-new the carried versions are re-announced, whatever the run inherited.
  publishVisibility();
  setHandler(definitionVersionsQuery, () => versions.map(summaryOf));
  setHandler(definitionVersionQuery, (version) => versions.find((v) => v.version === version) ?? null);
  setHandler(latestDefinitionQuery, () => latest() ?? null);

  const historyLimit = input.continueAsNewAfterEvents ?? DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS;
  await condition(() => workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > historyLimit);
  await condition(allHandlersFinished);
  await continueAsNew<typeof definitionRegistryWorkflow>({ ...input, versions });
}
