/**
 * What a derived campaign (`extends`) changes against its parent, for `plan --diff`, the API and the
 * diagrams: every value it adds, changes or removes, with lists of items that have an `id` compared
 * by id (`duties[quarterly-report].cadence.due`). Pure.
 */
import type { CampaignDefinition } from './campaign.schema';

export type DefinitionChangeKind = 'added' | 'changed' | 'removed';

export const DEFINITION_CHANGE_LABELS: Record<DefinitionChangeKind, string> = { added: '新增', changed: '修改', removed: '删除' };

export type DefinitionChange = {
  /** Where, with list items named by id: `phases[self-inspection].start`, `span.start`. */
  path: string;
  change: DefinitionChangeKind;
  before?: unknown;
  after?: unknown;
};

/** Keys that always differ between a child and its parent and say nothing about the plan. */
const IDENTITY = new Set(['id', 'version', 'extends']);

type Plain = Record<string, unknown>;
const isPlain = (value: unknown): value is Plain => value !== null && typeof value === 'object' && !Array.isArray(value);
const hasId = (value: unknown): value is Plain & { id: string } => isPlain(value) && typeof value.id === 'string';
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function diffValues(before: unknown, after: unknown, path: string, out: DefinitionChange[]): void {
  if (same(before, after)) return;
  if (before === undefined) {
    out.push({ path, change: 'added', after });
  } else if (after === undefined) {
    out.push({ path, change: 'removed', before });
  } else if (isPlain(before) && isPlain(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (path === '' && IDENTITY.has(key)) continue;
      diffValues(before[key], after[key], path ? `${path}.${key}` : key, out);
    }
  } else if (Array.isArray(before) && Array.isArray(after) && before.every(hasId) && after.every(hasId)) {
    const byId = new Map(before.map((item) => [item.id, item]));
    for (const item of after) diffValues(byId.get(item.id), item, `${path}[${item.id}]`, out);
    for (const item of before) if (!after.some((a) => a.id === item.id)) out.push({ path: `${path}[${item.id}]`, change: 'removed', before: item });
  } else {
    out.push({ path, change: 'changed', before, after });
  }
}

/**
 * The changes of a derived definition against its parent's.
 * @example diffFromParent(shanxi, yangquan) // [{ path: 'span.start', change: 'changed', before: {...}, after: {...} }, …]
 */
export function diffFromParent(parent: CampaignDefinition, child: CampaignDefinition): DefinitionChange[] {
  const changes: DefinitionChange[] = [];
  diffValues(parent, child, '', changes);
  return changes;
}

/**
 * The phases, milestones, windows and duties a derived definition adds or changes, as
 * `phases:<id>`… keys, for a diagram to mark.
 */
export function changedItems(changes: readonly DefinitionChange[]): { added: Set<string>; changed: Set<string> } {
  const added = new Set<string>();
  const changed = new Set<string>();
  for (const { path, change } of changes) {
    const item = /^(phases|milestones|windows|duties)\[([^\]]+)\](.*)$/.exec(path);
    if (!item) continue;
    const key = `${item[1]}:${item[2]}`;
    if (change === 'added' && item[3] === '') added.add(key);
    else changed.add(key);
  }
  return { added, changed };
}

/** One change as a line: `修改  span.start  2024-02-01 → 2024-02-06`. */
export function formatChange(change: DefinitionChange): string {
  const shown = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));
  const values =
    change.change === 'changed' ? `${shown(change.before)} → ${shown(change.after)}` : change.change === 'added' ? shown(change.after) : `（原为 ${shown(change.before)}）`;
  return `${DEFINITION_CHANGE_LABELS[change.change]}  ${change.path}  ${values}`;
}
