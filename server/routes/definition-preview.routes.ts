/**
 * POST /definitions/preview: what an author sees beside the editor before publishing — the
 * validator's issues (exactly as POST /definitions/validate reports them) and, once the text is
 * valid, its resolved plan and its Mermaid diagrams. Nothing is stored.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createCalendar } from '../../definitions/calendar';
import { toMermaidDiagrams } from '../../definitions/mermaid';
import { resolveTimeline } from '../../definitions/timeline';
import { PERMISSIONS } from '../auth/permissions';
import { validateDefinitionText } from '../definition-registry';
import { DefinitionPreview, DefinitionText } from '../schemas/definition.schema';

export const definitionPreviewRoutes: FastifyPluginAsyncZod = async (app) => {
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
      const result = await validateDefinitionText(app.temporal.client, text, { file: request.body.file ?? `definition.${format}`, format });
      if (!result.ok) return { valid: false, issues: result.issues, timeline: null, diagram: null };
      const { definition } = result;
      const timeline = resolveTimeline(definition, createCalendar(definition.calendar));
      return {
        valid: true,
        issues: [],
        timeline,
        diagram: { id: definition.id, version: definition.version, ...toMermaidDiagrams(timeline, definition.title.zh) },
      };
    },
  );
};
