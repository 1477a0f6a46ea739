/**
 * POST /definitions/preview: what an author sees beside the editor before publishing — the
 * validator's issues and warnings (exactly as POST /definitions/validate reports them) and, once
 * the text is valid, its resolved plan on the official calendar and its Mermaid diagrams. Nothing
 * is stored.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { toMermaidDiagrams } from '../../definitions/mermaid';
import { campaignCalendar } from '../../definitions/run-calendar';
import { resolveTimeline } from '../../definitions/timeline';
import { PERMISSIONS } from '../auth/permissions';
import { validateDefinitionText } from '../definition-registry';
import { DefinitionPreview, DefinitionText } from '../schemas/definition.schema';

export const definitionPreviewRoutes: FastifyPluginAsyncZod = async (app) => {
  const { officialCalendar } = app;
  app.post(
    '/definitions/preview',
    {
      onRequest: app.requireRole(...PERMISSIONS.validateDefinitions),
      schema: {
        summary: 'Preview an unpublished campaign definition: its issues, or its resolved timeline and Mermaid diagrams',
        description: 'Validated as by /definitions/validate (`extends` parents are the latest published versions); nothing is published.',
        tags: ['definitions'],
        security: [{ bearer: [] }],
        body: DefinitionText,
        response: { 200: DefinitionPreview },
      },
    },
    async (request) => {
      const { text, format } = request.body;
      const result = await validateDefinitionText(app.temporal.client, text, { file: request.body.file ?? `definition.${format}`, format, officialCalendar });
      if (!result.ok) return { valid: false, issues: result.issues, warnings: [], timeline: null, diagram: null };
      const { definition } = result;
      // The dates a run of it would carry: its own calendar overrides on the official one.
      const timeline = resolveTimeline(definition, campaignCalendar(officialCalendar, definition));
      return {
        valid: true,
        issues: [],
        warnings: result.warnings,
        timeline,
        diagram: { id: definition.id, version: definition.version, ...toMermaidDiagrams(timeline, definition.title.zh) },
      };
    },
  );
};
