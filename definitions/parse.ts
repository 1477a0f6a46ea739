import type { OfficialYear } from './calendar-year.schema';
import { CampaignDefinition } from './campaign.schema';
import { resolveExtends, type ParentLookup } from './extends';
import type { DefinitionIssue } from './issue.schema';
import { clerkErrorMap, semanticToDefinitionIssue, zodIssuesToDefinitionIssues } from './issues';
import { checkCalendarCoverage, checkCampaign } from './semantic-checks';
import { parseSource, type CampaignSource, type SourceFormat } from './source';

/**
 * A valid definition comes with its warnings (dates in years without an official calendar); an
 * invalid one with its errors only.
 */
export type ParseResult =
  | { ok: true; definition: CampaignDefinition; warnings: DefinitionIssue[]; /** For a derived file: its parent, as validated. */ parent?: CampaignDefinition }
  | { ok: false; issues: DefinitionIssue[] };

/**
 * Validates a parsed source: resolves `extends`, checks the merged document against the schema,
 * then runs the semantic checks on the official calendar (`officialCalendar`: the State Council's
 * years at hand, e.g. `loadOfficialCalendarDirectory(...).years`). Every problem found at a stage
 * is reported together; a valid definition gets the calendar warnings.
 */
export function validateCampaignSource(
  source: CampaignSource,
  lookupParent: ParentLookup,
  officialCalendar: readonly OfficialYear[],
): ParseResult {
  const resolved = resolveExtends(source, lookupParent);
  if (!resolved.ok) return resolved;
  const parsed = CampaignDefinition.safeParse(resolved.data, { error: clerkErrorMap });
  if (!parsed.success) return { ok: false, issues: zodIssuesToDefinitionIssues(parsed.error.issues, resolved.data, resolved.sources) };
  const located = (issues: ReturnType<typeof checkCampaign>) => issues.map((issue) => semanticToDefinitionIssue(issue, resolved.sources, parsed.data));
  const semantic = checkCampaign(parsed.data, officialCalendar);
  if (semantic.length > 0) return { ok: false, issues: located(semantic) };
  const warnings = located(checkCalendarCoverage(parsed.data, officialCalendar));
  const [, parentSource] = resolved.sources;
  const parent = parentSource ? validateCampaignSource(parentSource, lookupParent, officialCalendar) : undefined;
  return { ok: true, definition: parsed.data, warnings, ...(parent?.ok ? { parent: parent.definition } : {}) };
}

/**
 * Parses and validates a campaign written as YAML or JSON. Pure: parents named in `extends` come
 * from `lookupParent` (a directory loader, or an API's store), the official calendar from the caller.
 * @example parseCampaignText(text, { file: 'upload.yaml', format: 'yaml', officialCalendar })
 */
export function parseCampaignText(
  text: string,
  options: { file: string; format: SourceFormat; lookupParent?: ParentLookup; officialCalendar: readonly OfficialYear[] },
): ParseResult {
  const parsed = parseSource(text, options);
  return parsed.ok ? validateCampaignSource(parsed.source, options.lookupParent ?? (() => undefined), options.officialCalendar) : parsed;
}
