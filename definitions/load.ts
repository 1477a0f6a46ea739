// The only module of definitions/ that touches the file system; everything it reads goes through the pure parser.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkCalendarFolder, validateCalendarYearSource, type CalendarYearResult } from './calendar-year';
import type { OfficialYear } from './calendar-year.schema';
import { IssueCode } from './issue-code';
import type { DefinitionIssue } from './issue.schema';
import { semanticToDefinitionIssue } from './issues';
import type { CampaignDefinition } from './campaign.schema';
import { chainLookups, type ParentLookup } from './extends';
import { validateCampaignSource, type ParseResult } from './parse';
import { parseSource, type CampaignSource, type SourceFormat } from './source';
import { checkDefinitionSize, decodeDefinitionBytes } from './text-input';

const FORMATS: Record<string, SourceFormat> = { '.yaml': 'yaml', '.yml': 'yaml', '.json': 'json' };

/** The State Council's calendars this repository keeps, one file per year. */
export const OFFICIAL_CALENDARS_DIR = fileURLToPath(new URL('./calendars', import.meta.url));

type Read = { ok: true; source: CampaignSource } | { ok: false; issues: DefinitionIssue[] };

const unreadable = (path: string, reason: string): Read => {
  const issue = semanticToDefinitionIssue({ code: IssueCode.fileUnreadable, path: [], params: { reason } }, []);
  return { ok: false, issues: [{ ...issue, file: path }] };
};

function readSource(path: string): Read {
  let bytes: Uint8Array;
  try {
    // A file over the limit is refused without reading it.
    const tooLarge = checkDefinitionSize(statSync(path).size, path);
    if (tooLarge.length > 0) return { ok: false, issues: tooLarge };
    bytes = readFileSync(path);
  } catch (error) {
    return unreadable(path, (error as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : String((error as Error).message));
  }
  const decoded = decodeDefinitionBytes(bytes, path);
  return decoded.ok ? parseSource(decoded.text, { file: path, format: FORMATS[extname(path)] ?? 'yaml' }) : decoded;
}

function definitionFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => extname(name) in FORMATS && !name.endsWith('.schema.json'))
    .sort()
    .map((name) => join(dir, name));
}

/**
 * Loads every official calendar file of a folder (`<year>.yaml`), checked one by one and as a folder
 * (file names, one file per year).
 * @returns the valid years, in order, and the issues of the files that are not
 */
export function loadOfficialCalendarDirectory(dir: string = OFFICIAL_CALENDARS_DIR): { years: OfficialYear[]; issues: DefinitionIssue[] } {
  const results = definitionFiles(dir).map((file) => {
    const read = readSource(file);
    return read.ok ? { source: read.source, result: validateCalendarYearSource(read.source) } : { result: read as CalendarYearResult };
  });
  const valid = results.flatMap(({ source, result }) => (source && result.ok ? [{ source, year: result.year }] : []));
  const folderIssues = checkCalendarFolder(valid);
  return {
    years: valid.filter(({ source }) => !folderIssues.has(source.file)).map(({ year }) => year).sort((a, b) => a.year - b.year),
    issues: [...results.flatMap(({ result }) => (result.ok ? [] : result.issues)), ...[...folderIssues.values()].flat()],
  };
}

let repositoryCalendar: readonly OfficialYear[] | undefined;

/** The official years of {@link OFFICIAL_CALENDARS_DIR}, read once; a broken file there is a bug in the repository and throws. */
export function repositoryOfficialCalendar(): readonly OfficialYear[] {
  if (!repositoryCalendar) {
    const { years, issues } = loadOfficialCalendarDirectory(OFFICIAL_CALENDARS_DIR);
    if (issues.length > 0) throw new Error(`definitions/calendars/ has invalid files: ${issues.map((i) => `${i.file}:${i.line ?? ''} ${i.message}`).join('; ')}`);
    repositoryCalendar = years;
  }
  return repositoryCalendar;
}

/** Where campaign files find the official calendar: given, or this repository's (definitions/calendars/). */
type CalendarOption = { officialCalendar?: readonly OfficialYear[] };

const idOf = (source: CampaignSource): string | undefined => {
  const id = (source.data as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : undefined;
};

/**
 * Loads every campaign file in a directory, resolving `extends` between them.
 * @returns one result per file, keyed by file path
 */
export function loadCampaignDirectory(dir: string, options: CalendarOption = {}): Map<string, ParseResult> {
  const officialCalendar = options.officialCalendar ?? repositoryOfficialCalendar();
  const reads = definitionFiles(dir).map((file) => ({ file, read: readSource(file) }));
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
  const lookup: ParentLookup = (id) => byId.get(id);
  lookup.searched = [`同一目录 ${dir}`];
  for (const { file, read } of reads) {
    if (read.ok && !results.has(file)) results.set(file, validateCampaignSource(read.source, lookup, officialCalendar));
  }
  return results;
}

/** The campaign files of a folder as a parent lookup by id, read on first use. */
export function directoryLookup(dir: string, searched: string): ParentLookup {
  let byId: Map<string, CampaignSource> | undefined;
  const lookup: ParentLookup = (id) => {
    byId ??= new Map(
      (statSync(dir, { throwIfNoEntry: false })?.isDirectory() ? definitionFiles(dir) : [])
        .map(readSource)
        .flatMap((r) => (r.ok && idOf(r.source) !== undefined ? [[idOf(r.source)!, r.source] as const] : [])),
    );
    return byId.get(id);
  };
  lookup.searched = [searched];
  return lookup;
}

/**
 * Loads one campaign file; a parent named in `extends` is looked up among the files of the same
 * directory, then in each folder of `searchPath` (the CLI's `--path <dir>`), then through `lookupParent`
 * (e.g. published definitions).
 */
export function loadCampaignFile(path: string, options: CalendarOption & { searchPath?: readonly string[]; lookupParent?: ParentLookup } = {}): ParseResult {
  const read = readSource(path);
  if (!read.ok) return read;
  const lookups = [
    directoryLookup(dirname(path), `同一目录 ${dirname(path)}`),
    ...(options.searchPath ?? []).map((dir) => directoryLookup(dir, `--path ${dir}`)),
    ...(options.lookupParent ? [options.lookupParent] : []),
  ];
  return validateCampaignSource(read.source, chainLookups(...lookups), options.officialCalendar ?? repositoryOfficialCalendar());
}

/**
 * Every valid campaign of a directory by its id, and the problems of the files that are not, for
 * callers that start campaigns from a folder (the main job, simulations, benchmarks).
 */
export function loadCampaignDefinitions(dir: string, options: CalendarOption = {}): { definitions: Map<string, CampaignDefinition>; issues: DefinitionIssue[] } {
  const definitions = new Map<string, CampaignDefinition>();
  const issues: DefinitionIssue[] = [];
  for (const result of loadCampaignDirectory(dir, options).values()) {
    if (result.ok) definitions.set(result.definition.id, result.definition);
    else issues.push(...result.issues);
  }
  return { definitions, issues };
}
