/**
 * GET /me: who the caller's token speaks for and what its role may do, so that a client (the
 * console) shows the person's name, role and jurisdiction and offers only what the API allows.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { permissionsOf } from '../auth/permissions';
import { ROLE_LABELS, Role } from '../auth/principal.schema';
import { Me } from '../schemas/me.schema';

export const meRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/me',
    {
      onRequest: app.requireRole(Role.author, Role.operator, Role.unit),
      schema: {
        summary: 'The principal of the bearer token: who, role, jurisdiction, unit, and what the role may do',
        tags: ['me'],
        security: [{ bearer: [] }],
        response: { 200: Me },
      },
    },
    async (request) => {
      const { sub, role, jurisdiction, unitId } = request.principal!;
      return { sub, role, roleLabel: ROLE_LABELS[role], jurisdiction, ...(unitId ? { unitId } : {}), may: permissionsOf(role) };
    },
  );
};
