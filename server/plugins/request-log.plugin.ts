/**
 * Request ids and the request log. A caller's `x-request-id` is kept when it is short and safe to
 * store in a run's memo and log (else a fresh UUID), and each request is one log line when it is
 * answered: method, url, status, time, id. Fastify's own two lines per request are off
 * (its `logController` in app.ts); a route marks itself quiet with
 * `config: { requestLogLevel: 'debug' }` (the health probe, which supervisors poll).
 */
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The level of this route's request log line (default info). */
    requestLogLevel?: 'debug' | 'info';
  }
}

/** Letters, digits and `._:-`, at most 128: what tracing systems send, and nothing markup or a log could misread. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdOf(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
}

export const requestLogPlugin = fp(
  async (app: FastifyInstance) => {
    app.addHook('onResponse', async (request, reply) => {
      const level = request.routeOptions.config?.requestLogLevel ?? 'info';
      request.log[level](
        { method: request.method, url: request.url, statusCode: reply.statusCode, responseTimeMs: Math.round(reply.elapsedTime * 10) / 10 },
        'request answered',
      );
    });
  },
  { name: 'request-log' },
);
