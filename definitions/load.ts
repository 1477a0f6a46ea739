// The only module of definitions/ that touches the file system; everything it reads goes through the pure parser.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { IssueCode } from './issue-code';
import type { DefinitionIssue } from './issue.schema';
import { semanticToDefinitionIssue } from './issues';
import type { CampaignDefinition } from './campaign.schema';
import { validateCampaignSource, type ParseResult } from './parse';
import { parseSource, type CampaignSource, type SourceFormat } from './source';

const FORMATS: Record<string, SourceFormat> = { '.yaml': 'yaml', '.yml': 'yaml', '.json': 'json' };

type Read = { ok: true; source: CampaignSource } | { ok: false; issues: DefinitionIssue[] };

function readSource(path: string): Read {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : String((error as Error).message);
    const issue = semanticToDefinitionIssue({ code: IssueCode.fileUnreadable, path: [], params: { reason } }, []);
    return { ok: false, issues: [{ ...issue, file: path }] };
  }
  return parseSource(text, { file: path, format: FORMATS[extname(path)] ?? 'yaml' });
}

function campaignFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => extname(name) in FORMATS && !name.endsWith('.schema.json'))
    .sort()
    .map((name) => join(dir, name));
}

const idOf = (source: CampaignSource): string | undefined => {
  const id = (source.data as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : undefined;
};

/**
 * Loads every campaign file in a directory, resolving `extends` between them.
 * @returns one result per file, keyed by file path
 */
export function loadCampaignDirectory(dir: string): Map<string, ParseResult> {
  const reads = campaignFiles(dir).map((file) => ({ file, read: readSource(file) }));
  const byId = new Map<string, CampaignSource>();
  const results = new Map<string, ParseResult>();
  for (const { file, read } of reads) {
    if (!read.ok) {
      results.set(file, read);
      continue;
    }
    const id = idOf(read.source);
    const other = id === undefined ? undefined : byId.get(id);
    if (id !== undefined && other) {
      const issue = semanticToDefinitionIssue({ code: IssueCode.duplicateCampaign, path: ['id'], params: { id, other: basename(other.file) } }, [read.source]);
      results.set(file, { ok: false, issues: [issue] });
    } else if (id !== undefined) {
      byId.set(id, read.source);
    }
  }
  for (const { file, read } of reads) {
    if (read.ok && !results.has(file)) results.set(file, validateCampaignSource(read.source, (id) => byId.get(id)));
  }
  return results;
}

/** Loads one campaign file; a parent named in `extends` is looked up among the files of the same directory. */
export function loadCampaignFile(path: string): ParseResult {
  const read = readSource(path);
  if (!read.ok) return read;
  let siblings: Map<string, CampaignSource> | undefined;
  const lookupParent = (id: string) => {
    siblings ??= new Map(
      campaignFiles(dirname(path))
        .map(readSource)
        .flatMap((r) => (r.ok && idOf(r.source) !== undefined ? [[idOf(r.source)!, r.source] as const] : [])),
    );
    return siblings.get(id);
  };
  return validateCampaignSource(read.source, lookupParent);
}

/**
 * Every valid campaign of a directory by its id, and the problems of the files that are not, for
 * callers that start campaigns from a folder (the main job, simulations, benchmarks).
 */
export function loadCampaignDefinitions(dir: string): { definitions: Map<string, CampaignDefinition>; issues: DefinitionIssue[] } {
  const definitions = new Map<string, CampaignDefinition>();
  const issues: DefinitionIssue[] = [];
  for (const result of loadCampaignDirectory(dir).values()) {
    if (result.ok) definitions.set(result.definition.id, result.definition);
    else issues.push(...result.issues);
  }
  return { definitions, issues };
}
