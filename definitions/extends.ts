import { CampaignOverlay } from './campaign.schema';
import { IssueCode } from './issue-code';
import { isWithinJurisdiction } from './jurisdiction';
import type { DefinitionIssue } from './issue.schema';
import { clerkErrorMap, semanticToDefinitionIssue, zodIssuesToDefinitionIssues } from './issues';
import type { CampaignSource } from './source';

/**
 * Finds a parent campaign's parsed source by id (a directory, a search path, the registry of
 * published definitions…); `searched` says where it looks, for the error when a parent is not found.
 */
export type ParentLookup = ((id: string) => CampaignSource | undefined) & { searched?: readonly string[] };

/** A lookup that tries each in turn; it has searched where they all have. */
export function chainLookups(...lookups: ParentLookup[]): ParentLookup {
  const lookup: ParentLookup = (id) => {
    for (const find of lookups) {
      const found = find(id);
      if (found) return found;
    }
    return undefined;
  };
  lookup.searched = lookups.flatMap((l) => l.searched ?? []);
  return lookup;
}

/** A derived file's data without the keys it removes (`key: null`), for checking its own shape. */
function withoutRemovals(data: unknown): unknown {
  if (Array.isArray(data)) return data.map(withoutRemovals);
  if (!isPlain(data)) return data;
  return Object.fromEntries(Object.entries(data).flatMap(([key, value]) => (value === null ? [] : [[key, withoutRemovals(value)]])));
}

export type ExtendsResult =
  | { ok: true; data: unknown; /** The file itself, then its parent, grandparent… */ sources: CampaignSource[] }
  | { ok: false; issues: DefinitionIssue[] };

type Plain = Record<string, unknown>;
const isPlain = (value: unknown): value is Plain => value !== null && typeof value === 'object' && !Array.isArray(value);
const hasId = (value: unknown): value is Plain & { id: string } => isPlain(value) && typeof value.id === 'string';

/**
 * Applies a derived document to its parent's data: objects merge key by key, `key: null` removes the
 * inherited key (so a default applies again, e.g. a cadence's `opens`), lists whose items all carry
 * an `id` merge by id (new ids appended), anything else — including ladder steps — replaces.
 */
export function mergeCampaignData(parent: unknown, child: unknown): unknown {
  if (isPlain(parent) && isPlain(child)) {
    const merged: Plain = { ...parent };
    for (const [key, value] of Object.entries(child)) {
      if (value === null) delete merged[key];
      else merged[key] = key in parent ? mergeCampaignData(parent[key], value) : withoutRemovals(value);
    }
    return merged;
  }
  if (Array.isArray(parent) && Array.isArray(child) && parent.every(hasId) && child.every(hasId)) {
    const patches = new Map(child.map((item) => [item.id, item]));
    const inherited = parent.map((item) => (patches.has(item.id) ? mergeCampaignData(item, patches.get(item.id)) : item));
    return [...inherited, ...child.filter((item) => !parent.some((p) => p.id === item.id))];
  }
  return child;
}

const field = (data: unknown, key: string): unknown => (isPlain(data) ? data[key] : undefined);

/**
 * Resolves `extends` through `lookupParent`, checking each derived document's own shape first, then
 * merging from the root ancestor down. Detects cycles and parents that are missing; a derived
 * campaign's jurisdiction must lie within its parent's.
 * @example resolveExtends(yangquanSource, (id) => sourcesById.get(id))
 */
export function resolveExtends(source: CampaignSource, lookupParent: ParentLookup): ExtendsResult {
  const chain: CampaignSource[] = [source];
  const issues: DefinitionIssue[] = [];
  for (let current = source; typeof field(current.data, 'extends') === 'string'; ) {
    const overlay = CampaignOverlay.safeParse(withoutRemovals(current.data), { error: clerkErrorMap });
    if (!overlay.success) return { ok: false, issues: zodIssuesToDefinitionIssues(overlay.error.issues, current.data, [current]) };
    const parentId = overlay.data.extends;
    const seen = chain.map((s) => String(field(s.data, 'id')));
    const parent = seen.includes(parentId) ? undefined : lookupParent(parentId);
    if (!parent) {
      const code = seen.includes(parentId) ? IssueCode.extendsCycle : IssueCode.unknownParent;
      const searched = lookupParent.searched?.join('；') ?? '';
      const params = { id: parentId, chain: [...seen, parentId].join(' → '), searched };
      return { ok: false, issues: [semanticToDefinitionIssue({ code, path: ['extends'], params }, [current])] };
    }
    chain.push(parent);
    current = parent;
  }
  const merged = chain.reduceRight<unknown>((data, s, i) => (i === chain.length - 1 ? s.data : mergeCampaignData(data, s.data)), undefined);

  chain.slice(0, -1).forEach((child, i) => {
    const parent = chain[i + 1]!;
    const [own, inherited] = [field(child.data, 'jurisdiction'), field(parent.data, 'jurisdiction')];
    if (typeof own === 'string' && typeof inherited === 'string' && !isWithinJurisdiction(inherited, own)) {
      const params = { jurisdiction: own, parent: String(field(parent.data, 'id')), parentJurisdiction: inherited };
      issues.push(semanticToDefinitionIssue({ code: IssueCode.jurisdictionOutsideParent, path: ['jurisdiction'], params }, [child]));
    }
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, data: merged, sources: chain };
}
