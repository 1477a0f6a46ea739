/**
 * /definitions: validate a campaign text with the CLI's precise issues, publish a version into the
 * registry (authors, within their jurisdiction), and read what was published — versions, one
 * version, its resolved timeline and its diagrams. Published versions live in Temporal, in one
 * registry run per definition id.
 */
import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { OfficialYear } from '../../definitions/calendar-year.schema';
import type { CampaignDefinition } from '../../definitions/campaign.schema';
import { changedItems, DEFINITION_CHANGE_LABELS, diffFromParent } from '../../definitions/diff';
import { toMermaidDiagrams, type ChangeMarks } from '../../definitions/mermaid';
import { campaignCalendar } from '../../definitions/run-calendar';
import { resolveTimeline } from '../../definitions/timeline';
import type { DefinitionRegistryMemo, PublishedDefinition } from '../../workflows/definition-registry.messages';
import { searchAttributeKeys } from '../../workflows/search-attributes.contract';
import { isWithinJurisdiction, onOneLine } from '../../definitions/jurisdiction';
import { WORKFLOW_TYPES } from '../../temporal.config';
import { Role } from '../auth/principal.schema';
import { jurisdictionLineageQuery, workflowTypeIs } from '../visibility';
import {
  latestPublished,
  noPublishedDefinition,
  noPublishedVersion,
  publishDefinition,
  publishedVersions,
  requirePublishedVersion,
  validateDefinitionText,
} from '../definition-registry';
import { httpError } from '../http-error';
import {
  DefinitionDiagram,
  DefinitionDiff,
  DefinitionList,
  DefinitionParams,
  DefinitionProblem,
  DefinitionText,
  DefinitionTimeline,
  DefinitionVersionList,
  DefinitionVersionParams,
  PublishedDefinitionDetail,
  PublishedDefinitionSummary,
  ValidationReport,
  type DefinitionDiagram as Diagram,
} from '../schemas/definition.schema';

const ANY_ROLE = [Role.author, Role.operator, Role.unit] as const;
const tags = ['definitions'];
const security = [{ bearer: [] }];

/**
 * A definition concerns a caller when it is of the caller's jurisdiction, below it, or above it:
 * a province plan is addressed to its cities, which start it for themselves. Siblings never see
 * each other's definitions.
 */
function concernsCaller(request: FastifyRequest, jurisdiction: string): boolean {
  const principal = request.principal;
  return principal !== undefined && onOneLine(principal.jurisdiction, jurisdiction);
}


const defaultFile = (body: DefinitionText): string => body.file ?? `definition.${body.format}`;

function summaryOf(published: PublishedDefinition): PublishedDefinitionSummary {
  const { definition, version, publishedAt, publishedBy, requestId } = published;
  return { id: definition.id, version, title: definition.title.zh, jurisdiction: definition.jurisdiction, publishedAt, publishedBy, ...(requestId ? { requestId } : {}) };
}

/** A definition's dates, on the working days a run of it would carry. */
const timelineOf = (definition: CampaignDefinition, officialCalendar: readonly OfficialYear[]) =>
  resolveTimeline(definition, campaignCalendar(officialCalendar, definition));

function diagramOf(definition: CampaignDefinition, officialCalendar: readonly OfficialYear[], marks?: ChangeMarks): Diagram {
  return { id: definition.id, version: definition.version, ...toMermaidDiagrams(timelineOf(definition, officialCalendar), definition.title.zh, marks) };
}

const markdownOf = (diagram: Diagram, title: string): string =>
  [`# ${title}（第${diagram.version}版）`, '', '## 阶段状态图', '', '```mermaid', diagram.stateDiagram, '```', '', '## 甘特图', '', '```mermaid', diagram.gantt, '```', ''].join('\n');

/** The client prefers Markdown when it names text/markdown before (or without) JSON. */
function wantsMarkdown(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  const markdown = accept.indexOf('text/markdown');
  const json = accept.indexOf('application/json');
  return markdown !== -1 && (json === -1 || markdown < json);
}

export const definitionsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { officialCalendar } = app;
  const client = app.temporal.client;

  /** A published version the caller may read, or 404 (also when it does not concern the caller: nothing is disclosed). */
  const readableVersion = async (request: FastifyRequest, id: string, version: number): Promise<PublishedDefinition> => {
    const published = await requirePublishedVersion(client, id, version);
    if (!concernsCaller(request, published.definition.jurisdiction)) throw noPublishedVersion(id, version);
    return published;
  };

  app.post(
    '/definitions/validate',
    {
      onRequest: app.requireRole(...ANY_ROLE),
      schema: {
        summary: 'Validate a campaign definition: every issue with its path, line and column (as the CLI reports them)',
        description:
          '`extends` parents are looked up among the published definitions (their latest versions). A valid definition may come ' +
          'with `warnings`, e.g. for a year of its span or a deadline without an official holiday calendar (dates there are assumed).',
        tags,
        security,
        body: DefinitionText,
        response: { 200: ValidationReport },
      },
    },
    async (request) => {
      const result = await validateDefinitionText(client, request.body.text, { file: defaultFile(request.body), format: request.body.format, officialCalendar });
      return result.ok ? { valid: true, issues: [], warnings: result.warnings } : { valid: false, issues: result.issues, warnings: [] };
    },
  );

  app.post(
    '/definitions',
    {
      onRequest: app.requireRole(Role.author),
      schema: {
        summary: 'Publish a version of a campaign definition (authors, within their jurisdiction)',
        description:
          'The text is validated as by /definitions/validate; an invalid one is refused with 422 and every issue in `errors`. ' +
          'The version must be greater than the latest published one (409 otherwise).',
        tags,
        security,
        body: DefinitionText,
        response: { 201: PublishedDefinitionSummary, 422: DefinitionProblem },
      },
    },
    async (request, reply) => {
      const { text, format } = request.body;
      const result = await validateDefinitionText(client, text, { file: defaultFile(request.body), format, officialCalendar });
      if (!result.ok) {
        return reply.status(422).type('application/problem+json').send({
          type: 'about:blank',
          title: 'Definition is invalid (方案校验未通过)',
          status: 422,
          detail: `${result.issues.length} issue(s); each names its path and line`,
          instance: request.url,
          errors: result.issues,
        });
      }
      const { definition } = result;
      app.assertJurisdiction(request, definition.jurisdiction);
      const latest = await latestPublished(client, definition.id);
      if (latest) {
        // A new version may not take over a definition another jurisdiction published; ids are
        // global, so the id is taken, but whose it is stays unsaid.
        if (!isWithinJurisdiction(request.principal!.jurisdiction, latest.definition.jurisdiction)) {
          throw httpError(409, `Definition id ${definition.id} is taken by another jurisdiction's definition; choose another id (方案编号已被其他辖区使用)`);
        }
        if (definition.version <= latest.version) {
          throw httpError(409, `Definition ${definition.id} already has version ${latest.version}; publish a greater version (版本号必须大于已发布的第${latest.version}版)`);
        }
      }
      const outcome = await publishDefinition(client, app.temporal.settings, {
        version: definition.version,
        definition,
        source: text,
        format,
        publishedBy: request.principal!.sub,
        requestId: request.id,
      });
      if (!outcome.ok) throw httpError(409, outcome.reason);
      request.log.info({ definitionId: definition.id, version: definition.version }, 'definition published');
      return reply.status(201).send({ id: definition.id, ...outcome.published });
    },
  );

  app.get(
    '/definitions',
    {
      onRequest: app.requireRole(...ANY_ROLE),
      schema: {
        summary: "Published definitions that concern the caller's jurisdiction (its own, below it, and the plans above it)",
        tags,
        security,
        response: { 200: DefinitionList },
      },
    },
    async (request) => {
      const query = `${workflowTypeIs(WORKFLOW_TYPES.definitionRegistry)} AND ExecutionStatus = 'Running' AND ${jurisdictionLineageQuery(request.principal!.jurisdiction)}`;
      const definitions: DefinitionList['definitions'] = [];
      for await (const execution of client.workflow.list({ query })) {
        const memo = execution.memo as Partial<DefinitionRegistryMemo> | undefined;
        const id = execution.typedSearchAttributes.get(searchAttributeKeys.CampaignId);
        if (!memo?.jurisdiction || memo.latestVersion === undefined || !id || !concernsCaller(request, memo.jurisdiction)) continue;
        definitions.push({ id, latestVersion: memo.latestVersion, title: memo.title ?? id, jurisdiction: memo.jurisdiction });
      }
      definitions.sort((a, b) => a.id.localeCompare(b.id));
      return { definitions };
    },
  );

  app.get(
    '/definitions/:id/versions',
    {
      onRequest: app.requireRole(...ANY_ROLE),
      schema: { summary: 'Every published version of a definition, oldest first', tags, security, params: DefinitionParams, response: { 200: DefinitionVersionList } },
    },
    async (request) => {
      const { id } = request.params;
      const versions = await publishedVersions(client, id);
      const latest = versions[versions.length - 1];
      if (!latest || !concernsCaller(request, latest.jurisdiction)) throw noPublishedDefinition(id);
      return { id, versions: versions.map((v) => ({ id, ...v })) };
    },
  );

  app.get(
    '/definitions/:id/versions/:version',
    {
      onRequest: app.requireRole(...ANY_ROLE),
      schema: {
        summary: 'One published version: the validated definition and the text as published',
        tags,
        security,
        params: DefinitionVersionParams,
        response: { 200: PublishedDefinitionDetail },
      },
    },
    async (request) => {
      const published = await readableVersion(request, request.params.id, request.params.version);
      return { ...summaryOf(published), definition: published.definition, source: published.source, format: published.format };
    },
  );

  app.get(
    '/definitions/:id/versions/:version/timeline',
    {
      onRequest: app.requireRole(...ANY_ROLE),
      schema: {
        summary: 'The resolved timeline of a version: every phase, milestone and duty occurrence on its date',
        tags,
        security,
        params: DefinitionVersionParams,
        response: { 200: DefinitionTimeline },
      },
    },
    async (request) => {
      const { definition } = await readableVersion(request, request.params.id, request.params.version);
      return timelineOf(definition, officialCalendar);
    },
  );

  /** The parent of a derived version: the latest published version of the plan it extends (the one a publication is validated against). */
  const parentOf = async (definition: CampaignDefinition): Promise<PublishedDefinition | null> =>
    definition.extends ? latestPublished(client, definition.extends) : null;

  app.get(
    '/definitions/:id/versions/:version/diff-from-parent',
    {
      onRequest: app.requireRole(...ANY_ROLE),
      schema: {
        summary: 'What a derived version (extends) changes against its parent: every value added, changed or removed',
        description: 'The parent is the latest published version of the plan named in `extends`. 404 when the version extends no plan.',
        tags,
        security,
        params: DefinitionVersionParams,
        response: { 200: DefinitionDiff },
      },
    },
    async (request) => {
      const { definition } = await readableVersion(request, request.params.id, request.params.version);
      if (!definition.extends) throw httpError(404, `方案“${definition.id}”第${definition.version}版没有继承上级方案（extends），没有可比较的改动`);
      const parent = await parentOf(definition);
      if (!parent) throw httpError(404, `方案“${definition.id}”继承的上级方案“${definition.extends}”尚未发布`);
      const changes = diffFromParent(parent.definition, definition).map((change) => ({ ...change, changeLabel: DEFINITION_CHANGE_LABELS[change.change] }));
      return { id: definition.id, version: definition.version, parent: { id: parent.definition.id, version: parent.version, title: parent.definition.title.zh }, changes };
    },
  );

  app.get(
    '/definitions/:id/versions/:version/diagram',
    {
      onRequest: app.requireRole(...ANY_ROLE),
      schema: {
        summary: 'Mermaid diagrams of a version: the phase state diagram and a Gantt chart',
        description: 'JSON by default; with `Accept: text/markdown`, a Markdown page with both diagrams in mermaid blocks.',
        tags,
        security,
        params: DefinitionVersionParams,
        response: { 200: z.union([DefinitionDiagram, z.string().describe('text/markdown')]) },
      },
    },
    async (request, reply) => {
      const { definition } = await readableVersion(request, request.params.id, request.params.version);
      // A derived version marks what it adds or changes against its parent.
      const parent = await parentOf(definition);
      const diagram = diagramOf(definition, officialCalendar, parent ? changedItems(diffFromParent(parent.definition, definition)) : undefined);
      if (wantsMarkdown(request)) return reply.type('text/markdown; charset=utf-8').send(markdownOf(diagram, definition.title.zh));
      return diagram;
    },
  );
};
