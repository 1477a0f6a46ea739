import { CampaignDefinition } from './campaign.schema';
import { resolveExtends, type ParentLookup } from './extends';
import type { DefinitionIssue } from './issue.schema';
import { clerkErrorMap, semanticToDefinitionIssue, zodIssuesToDefinitionIssues } from './issues';
import { checkCampaign } from './semantic-checks';
import { parseSource, type CampaignSource, type SourceFormat } from './source';

export type ParseResult = { ok: true; definition: CampaignDefinition } | { ok: false; issues: DefinitionIssue[] };


/**
 * Validates a parsed source: resolves `extends`, checks the merged document against the schema,
 * then runs the semantic checks. Every problem found at a stage is reported together.
 */
export function validateCampaignSource(source: CampaignSource, lookupParent: ParentLookup = () => undefined): ParseResult {
  const resolved = resolveExtends(source, lookupParent);
  if (!resolved.ok) return resolved;
  const parsed = CampaignDefinition.safeParse(resolved.data, { error: clerkErrorMap });
  if (!parsed.success) return { ok: false, issues: zodIssuesToDefinitionIssues(parsed.error.issues, resolved.data, resolved.sources) };
  const semantic = checkCampaign(parsed.data);
  if (semantic.length > 0) return { ok: false, issues: semantic.map((issue) => semanticToDefinitionIssue(issue, resolved.sources)) };
  return { ok: true, definition: parsed.data };
}

/**
 * Parses and validates a campaign written as YAML or JSON. Pure: parents named in `extends` come
 * from `lookupParent` (a directory loader, or an API's store).
 * @example parseCampaignText(text, { file: 'upload.yaml', format: 'yaml' })
 */
export function parseCampaignText(
  text: string,
  options: { file: string; format: SourceFormat; lookupParent?: ParentLookup },
): ParseResult {
  const parsed = parseSource(text, options);
  return parsed.ok ? validateCampaignSource(parsed.source, options.lookupParent) : parsed;
}
