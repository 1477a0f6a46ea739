/**
 * One error handler for the whole API: every error leaves as `application/problem+json`
 * (RFC 9457) with a clear title and, for validation errors, the failing paths.
 */
import fp from 'fastify-plugin';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: Array<{ path: string; message: string }>;
}

export const problemJsonPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    const problem: Problem = {
      type: 'about:blank',
      title: status >= 500 ? 'Internal Server Error' : (error.message || 'Bad Request'),
      status,
      instance: request.url,
    };
    if (hasZodFastifySchemaValidationErrors(error)) {
      problem.title = 'Request validation failed';
      problem.errors = error.validation.map((issue) => ({
        path: `${error.validationContext ?? 'request'}${issue.instancePath}`,
        message: issue.message ?? 'is invalid',
      }));
    }
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    void reply.status(status).type('application/problem+json').send(problem);
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).type('application/problem+json').send({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: `No route ${request.method} ${request.url}`,
      instance: request.url,
    } satisfies Problem);
  });
});
