/**
 * Published definition versions, fetched once each: a version never changes once published, and
 * many screens need a few words from one (phase names, hazard levels, unit names).
 */
import { reactive } from 'vue';
import { api } from './api/client';
import type { PublishedDefinitionDetail } from './api/types';

const versions = new Map<string, Promise<PublishedDefinitionDetail>>();

export function publishedDefinition(id: string, version: number): Promise<PublishedDefinitionDetail> {
  const key = `${id}@${version}`;
  let found = versions.get(key);
  if (!found) {
    found = api.definitions.version(id, version);
    found.catch(() => versions.delete(key));
    versions.set(key, found);
  }
  return found;
}

/**
 * For a page that shows a few words of many rows' definitions: the version when it has been
 * fetched (reactive, so the rows fill in), undefined until then; asking starts the fetch.
 */
export function useDefinitions(): (id: string, version: number) => PublishedDefinitionDetail | undefined {
  const fetched = reactive(new Map<string, PublishedDefinitionDetail>());
  return (id, version) => {
    const key = `${id}@${version}`;
    if (!fetched.has(key)) void publishedDefinition(id, version).then((detail) => fetched.set(key, detail), () => undefined);
    return fetched.get(key);
  };
}

/** A phase id in words: `pending` and `completed` are the run's own states, others the definition's phases. */
export function phaseName(definition: PublishedDefinitionDetail | undefined, phaseId: string): string {
  if (phaseId === 'pending') return '未开始';
  if (phaseId === 'completed') return '已结束';
  return definition?.definition.phases.find((phase) => phase.id === phaseId)?.name.zh ?? phaseId;
}
