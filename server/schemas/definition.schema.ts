/** Bodies and answers of the /definitions routes; the definition itself is the language's own schema. */
import { z } from 'zod';
import { CampaignDefinition, Jurisdiction } from '../../definitions/campaign.schema';
import { DefinitionIssue } from '../../definitions/issue.schema';
import { Timeline } from '../../definitions/timeline.schema';

export const DefinitionFormat = z.enum(['yaml', 'json']);

export const DefinitionText = z.object({
  text: z.string().min(1).describe('the campaign definition as written (YAML or JSON)'),
  format: DefinitionFormat.default('yaml'),
  file: z.string().min(1).max(200).optional().describe('a file name shown in the issues, e.g. 003-jizhou.yaml'),
});
export type DefinitionText = z.infer<typeof DefinitionText>;

export const ValidationReport = z.object({
  valid: z.boolean(),
  issues: z.array(DefinitionIssue).describe('every problem, located by path, line and column, in words a clerk reads'),
  warnings: z
    .array(DefinitionIssue)
    .describe('for a valid definition: what its dates assume, e.g. a year of its span, or a deadline, without an official holiday calendar (severity warning)'),
});
export type ValidationReport = z.infer<typeof ValidationReport>;

/** application/problem+json for a definition that does not validate: every issue in `errors`. */
export const DefinitionProblem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.literal(422),
  detail: z.string().optional(),
  instance: z.string().optional(),
  errors: z.array(DefinitionIssue),
});
export type DefinitionProblem = z.infer<typeof DefinitionProblem>;

export const PublishedDefinitionSummary = z.object({
  id: z.string(),
  version: z.number().int().positive(),
  title: z.string(),
  jurisdiction: Jurisdiction,
  publishedAt: z.string().describe('ISO instant'),
  publishedBy: z.string(),
  requestId: z.string().optional().describe('the API request that published it'),
});
export type PublishedDefinitionSummary = z.infer<typeof PublishedDefinitionSummary>;

export const DefinitionListItem = z.object({
  id: z.string(),
  latestVersion: z.number().int().positive(),
  title: z.string(),
  jurisdiction: Jurisdiction,
});
export const DefinitionList = z.object({ definitions: z.array(DefinitionListItem) });
export type DefinitionList = z.infer<typeof DefinitionList>;

export const DefinitionVersionList = z.object({ id: z.string(), versions: z.array(PublishedDefinitionSummary) });

export const PublishedDefinitionDetail = PublishedDefinitionSummary.extend({
  definition: CampaignDefinition.describe('the definition as validated, with `extends` resolved'),
  source: z.string().describe('the text as published'),
  format: DefinitionFormat,
});

export const DefinitionTimeline = Timeline;

export const DefinitionDiagram = z.object({
  id: z.string(),
  version: z.number().int().positive(),
  stateDiagram: z.string().describe('Mermaid stateDiagram-v2 of the phases'),
  gantt: z.string().describe('Mermaid gantt of the phases and milestones'),
});
export type DefinitionDiagram = z.infer<typeof DefinitionDiagram>;

export const DefinitionDiff = z.object({
  id: z.string(),
  version: z.number().int().positive(),
  parent: z.object({ id: z.string(), version: z.number().int().positive(), title: z.string() }),
  changes: z
    .array(
      z.object({
        path: z.string().describe('where, list items named by id: duties[quarterly-report].cadence.due'),
        change: z.enum(['added', 'changed', 'removed']).describe('added 新增 / changed 修改 / removed 删除'),
        changeLabel: z.string(),
        before: z.unknown().optional(),
        after: z.unknown().optional(),
      }),
    )
    .describe('what the derived version adds, changes or removes against its parent (the parent’s latest published version)'),
});
export type DefinitionDiff = z.infer<typeof DefinitionDiff>;

export const DefinitionParams = z.object({ id: z.string().min(1).max(200) });
export const DefinitionVersionParams = DefinitionParams.extend({ version: z.coerce.number().int().positive() });

/** POST /definitions/preview: the validator's issues and, for a valid text, its plan and diagrams, before anything is published. */
export const DefinitionPreview = ValidationReport.extend({
  timeline: Timeline.nullable().describe('every resolved date, when the text is valid'),
  diagram: DefinitionDiagram.nullable().describe('the Mermaid diagrams, when the text is valid'),
});
export type DefinitionPreview = z.infer<typeof DefinitionPreview>;
