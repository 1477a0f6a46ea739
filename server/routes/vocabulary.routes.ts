/**
 * GET /vocabulary (no token): the labels of roles, hazard statuses, escalation measures,
 * discovery channels and plan dates, read from the modules that define them.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ESCALATION_ACTION_LABELS, TIMELINE_ENTRY_LABELS } from '../../definitions/vocabulary';
import { DISCOVERY_CHANNEL_LABELS } from '../../workflows/hazard.messages';
import { HAZARD_STATUS_LABELS, OPEN_HAZARD_STATUSES } from '../../workflows/hazard.contract';
import { ROLE_LABELS } from '../auth/principal.schema';
import { Vocabulary } from '../schemas/vocabulary.schema';

/** Labels change only with a new release of the engine. */
const CACHE_CONTROL = 'public, max-age=300';

export const vocabularyRoutes: FastifyPluginAsyncZod = async (app) => {
  const vocabulary: Vocabulary = {
    roles: ROLE_LABELS,
    hazardStatuses: HAZARD_STATUS_LABELS,
    openHazardStatuses: [...OPEN_HAZARD_STATUSES],
    escalationActions: ESCALATION_ACTION_LABELS,
    discoveryChannels: DISCOVERY_CHANNEL_LABELS,
    timelineEntryKinds: TIMELINE_ENTRY_LABELS,
  };
  app.get(
    '/vocabulary',
    {
      schema: {
        summary: 'Labels of roles, hazard statuses, escalation measures and discovery channels; no token needed',
        tags: ['vocabulary'],
        response: { 200: Vocabulary },
      },
    },
    async (_request, reply) => {
      void reply.header('cache-control', CACHE_CONTROL);
      return vocabulary;
    },
  );
};
