/**
 * Published definition versions, fetched once each: a version never changes once published, and
 * many screens need a few words from one (phase names, hazard levels, unit names).
 */
import { reactive } from 'vue';
import { api } from './api/client';
import type { PublishedDefinitionDetail, Timeline } from './api/types';

/** One fetch per published version (a failed one is tried again on the next ask). */
function versionCache<T>(fetchOne: (id: string, version: number) => Promise<T>): (id: string, version: number) => Promise<T> {
  const fetched = new Map<string, Promise<T>>();
  return (id, version) => {
    const key = `${id}@${version}`;
    let found = fetched.get(key);
    if (!found) {
      found = fetchOne(id, version);
      found.catch(() => fetched.delete(key));
      fetched.set(key, found);
    }
    return found;
  };
}

export const publishedDefinition = versionCache((id, version) => api.definitions.version(id, version));
/** A version's timeline: every phase, milestone and occurrence on its date (its span gives a run's last day). */
export const publishedTimeline = versionCache((id, version) => api.definitions.timeline(id, version));

/** For a page showing a few words of many rows' versions: the thing once fetched (reactive, so rows fill in); asking starts the fetch. */
function useVersions<T>(fetchOne: (id: string, version: number) => Promise<T>): (id: string, version: number) => T | undefined {
  const fetched = reactive(new Map<string, T>()) as Map<string, T>;
  return (id, version) => {
    const key = `${id}@${version}`;
    if (!fetched.has(key)) void fetchOne(id, version).then((found) => fetched.set(key, found), () => undefined);
    return fetched.get(key);
  };
}

export const useDefinitions = (): ((id: string, version: number) => PublishedDefinitionDetail | undefined) => useVersions(publishedDefinition);
export const useTimelines = (): ((id: string, version: number) => Timeline | undefined) => useVersions(publishedTimeline);

/** A phase id in words: `pending` and `completed` are the run's own states, others the definition's phases. */
export function phaseName(definition: PublishedDefinitionDetail | undefined, phaseId: string): string {
  if (phaseId === 'pending') return '未开始';
  if (phaseId === 'completed') return '已结束';
  return definition?.definition.phases.find((phase) => phase.id === phaseId)?.name.zh ?? phaseId;
}
