/**
 * Property-based fuzzing of the definition language (issue 14): random mutations of the seed
 * definitions — of their text (characters inserted, lines dropped, duplicated, swapped, cut short)
 * and of their structure (a value anywhere replaced by another, a key removed) — never make the
 * parser throw; each mutant is either a valid definition whose plan resolves, or a list of issues
 * each located in the file and explained.
 */
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify } from 'yaml';
import { repositoryOfficialCalendar } from '../../definitions/load';
import { parseCampaignText, type ParseResult } from '../../definitions/parse';
import { campaignCalendar } from '../../definitions/run-calendar';
import { parseSource, type CampaignSource } from '../../definitions/source';
import { resolveTimeline } from '../../definitions/timeline';

const dir = new URL('../../definitions/campaigns/', import.meta.url).pathname;
const seeds = readdirSync(dir)
  .filter((file) => file.endsWith('.yaml'))
  .map((file) => ({ file, text: readFileSync(join(dir, file), 'utf8') }));

const seedFiles = seeds.map((seed) => seed.file);
const officialCalendar = repositoryOfficialCalendar();

/** The seeds as parents, so a mutant of a derived plan (`extends`) is checked against its real parent. */
const parents = new Map<string, CampaignSource>();
for (const { file, text } of seeds) {
  const read = parseSource(text, { file, format: 'yaml' });
  const id = read.ok ? (read.source.data as { id?: unknown }).id : undefined;
  if (read.ok && typeof id === 'string') parents.set(id, read.source);
}

/** The property: no throw; a valid plan resolves; otherwise every issue is located and worded. */
function checkMutant(text: string, file: string): void {
  let result: ParseResult;
  try {
    result = parseCampaignText(text, { file, format: 'yaml', lookupParent: (id) => parents.get(id), officialCalendar });
  } catch (error) {
    throw new Error(`the parser threw on a mutant: ${(error as Error).message}\n--- mutant ---\n${text}`);
  }
  if (result.ok) {
    expect(() => resolveTimeline(result.definition, campaignCalendar(officialCalendar, result.definition))).not.toThrow();
    return;
  }
  expect(result.issues.length).toBeGreaterThan(0);
  for (const issue of result.issues) {
    // In the mutant, or in the parent it extends (an inherited part the mutant now breaks).
    expect(seedFiles).toContain(issue.file);
    expect(issue.message.length).toBeGreaterThan(0);
    // A line for anything inside the document; the whole document (an empty file) is its file.
    if (issue.path !== '') expect(issue.line, JSON.stringify(issue)).toEqual(expect.any(Number));
  }
}

/** A text mutation: applied to the seed's lines. */
const textMutation = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.string(), fc.constantFrom(':', '- ', '{', '}', '[', ']', '&a', '*a', '!!binary', '"', "'", '#', '\t', '  ', '年底前', '\u0000')) }),
  fc.record({ kind: fc.constant('drop' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
);
type TextMutation = typeof textMutation extends fc.Arbitrary<infer T> ? T : never;

function mutateText(text: string, mutations: TextMutation[]): string {
  let lines = text.split('\n');
  for (const m of mutations) {
    const at = m.at % Math.max(1, lines.length);
    if (m.kind === 'insert') {
      const line = lines[at] ?? '';
      const column = m.at % (line.length + 1);
      lines[at] = line.slice(0, column) + m.text + line.slice(column);
    } else if (m.kind === 'drop') lines.splice(at, 1);
    else if (m.kind === 'duplicate') lines.splice(at, 0, lines[at] ?? '');
    else if (m.kind === 'swap') [lines[at], lines[m.with % lines.length]] = [lines[m.with % lines.length] ?? '', lines[at] ?? ''];
    else lines = lines.slice(0, at);
  }
  return lines.join('\n');
}

/** Every path to a value in a parsed document. */
function pathsOf(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (Array.isArray(value)) return [prefix, ...value.flatMap((item, i) => pathsOf(item, [...prefix, i]))];
  if (value && typeof value === 'object') return [prefix, ...Object.entries(value).flatMap(([key, item]) => pathsOf(item, [...prefix, key]))];
  return [prefix];
}

/** Replaces (or removes) the value at `path` in a copy of `document`. */
function mutateAt(document: unknown, path: Array<string | number>, replacement: unknown, remove: boolean): unknown {
  if (path.length === 0) return remove ? {} : replacement;
  const copy = structuredClone(document) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (remove) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else parent[last] = replacement;
  return copy;
}

/** Values a careless or hostile author might write anywhere: wrong types, odd dates, huge numbers, nesting. */
const replacement = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom('2024-02-30', '2024-13-01', '年底前', '上旬', '', '-1', 'null', 'CN/', 'x'.repeat(300)),
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.constantFrom(0, -1, 1e9, Number.MAX_SAFE_INTEGER, 0.5),
);

describe('fuzzing the definition parser with mutated seeds', { timeout: 60_000 }, () => {
  it.each(seeds)('$file: text mutations never crash, and give located issues or a plan', ({ file, text }) => {
    fc.assert(
      fc.property(fc.array(textMutation, { minLength: 1, maxLength: 4 }), (mutations) => checkMutant(mutateText(text, mutations), file)),
      { numRuns: 60 },
    );
  });

  it.each(seeds)('$file: structure mutations never crash, and give located issues or a plan', ({ file, text }) => {
    const document = parseYaml(text) as unknown;
    const paths = pathsOf(document);
    fc.assert(
      fc.property(fc.nat({ max: paths.length - 1 }), replacement, fc.boolean(), (index, value, remove) => {
        checkMutant(stringify(mutateAt(document, paths[index]!, value, remove)), file);
      }),
      { numRuns: 60 },
    );
  });
});
