/**
 * One error handler for the whole API: every error leaves as `application/problem+json`
 * (RFC 9457) with a clear title and, for validation errors, the failing paths. Fastify's own
 * framework errors (FST_ERR_*: a malformed URL, an over-long id, a bad body …) keep their 4xx
 * status; Temporal or the record store's database being unreachable or too slow is a 503 with
 * Retry-After, said here once for every route (server/temporal-connection.ts and the store's
 * connect timeout bound how long that takes).
 */
import fp from 'fastify-plugin';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isDatabaseUnavailable } from '../../store';
import { isTemporalUnavailable, UNAVAILABLE_RETRY_AFTER_SECONDS } from '../temporal-connection';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: Array<{ path: string; message: string }>;
}

export const TEMPORAL_UNAVAILABLE_TITLE = 'Temporal (the system of record) is unavailable; try again shortly (Temporal 暂不可用，请稍后重试)';
export const DATABASE_UNAVAILABLE_TITLE = 'The record and reporting database is unavailable; try again shortly (记录与统计库暂不可用，请稍后重试)';

/** The systems the API depends on whose absence is temporary: a 503 that says which, never a 500. */
const UNAVAILABLE_DEPENDENCIES = [
  { isUnavailable: isTemporalUnavailable, title: TEMPORAL_UNAVAILABLE_TITLE, logged: 'Temporal unavailable' },
  { isUnavailable: isDatabaseUnavailable, title: DATABASE_UNAVAILABLE_TITLE, logged: 'database unavailable' },
] as const;

/** Answers any error as problem+json: the error handler, and fastify's `frameworkErrors` (errors raised before routing). */
export function replyWithProblem(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const unavailable = UNAVAILABLE_DEPENDENCIES.find((dependency) => dependency.isUnavailable(error));
  if (unavailable) {
    request.log.warn({ err: { type: error.name, message: error.message } }, unavailable.logged);
    void reply
      .status(503)
      .header('retry-after', String(UNAVAILABLE_RETRY_AFTER_SECONDS))
      .type('application/problem+json')
      .send({ type: 'about:blank', title: unavailable.title, status: 503, instance: request.url } satisfies Problem);
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
