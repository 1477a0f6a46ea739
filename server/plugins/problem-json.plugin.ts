/**
 * One error handler for the whole API: every error leaves as `application/problem+json`
 * (RFC 9457) with a clear title and, for validation errors, the failing paths. Fastify's own
 * framework errors (FST_ERR_*: a malformed URL, an over-long id, a bad body …) keep their 4xx
 * status; Temporal being unreachable or too slow is a 503 with Retry-After, said here once for
 * every route (server/temporal-connection.ts bounds how long that takes).
 */
import fp from 'fastify-plugin';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isTemporalUnavailable, TEMPORAL_RETRY_AFTER_SECONDS } from '../temporal-connection';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: Array<{ path: string; message: string }>;
}

export const TEMPORAL_UNAVAILABLE_TITLE = 'Temporal (the system of record) is unavailable; try again shortly (Temporal 暂不可用，请稍后重试)';

/** Answers any error as problem+json: the error handler, and fastify's `frameworkErrors` (errors raised before routing). */
export function replyWithProblem(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  if (isTemporalUnavailable(error)) {
    request.log.warn({ err: { type: error.name, message: error.message } }, 'Temporal unavailable');
    void reply
      .status(503)
      .header('retry-after', String(TEMPORAL_RETRY_AFTER_SECONDS))
      .type('application/problem+json')
      .send({ type: 'about:blank', title: TEMPORAL_UNAVAILABLE_TITLE, status: 503, instance: request.url } satisfies Problem);
    return;
  }
  const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
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
}

export const problemJsonPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler(replyWithProblem);
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
