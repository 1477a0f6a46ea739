/**
 * Rate limits (@fastify/rate-limit), per minute:
 * - every route but /health: per bearer token once it is verified (each token its own budget),
 *   per client address for calls without one (/docs, the exposure list);
 * - failed authentications per client address, far fewer (the auth plugin counts them and refuses
 *   before verifying once the client is over), so guessing or replaying tokens is slow and cheap.
 * Over a limit: 429 problem+json with Retry-After. One process counts for itself; several API
 * processes behind a balancer each allow this much.
 */
import fp from 'fastify-plugin';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { httpError } from '../http-error';
import { RATE_LIMIT_DEFAULTS, type RateLimitSettings } from '../rate-limits';


const WINDOW_MS = 60_000;

declare module 'fastify' {
  interface FastifyInstance {
    /** Refuses with 429 a client over its failed-authentication limit; `failed` counts one more. */
    authFailures: { assertUnder(request: FastifyRequest, reply: FastifyReply): Promise<void>; failed(request: FastifyRequest): Promise<void> };
  }
}

const tooMany = (seconds: number) => httpError(429, `Too many requests; retry in ${seconds} s (请求过于频繁，请 ${seconds} 秒后重试)`);

/** The token when the call carries one (its hash: the key is kept in memory), else the client address. */
function clientKey(request: FastifyRequest): string {
  const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  return token ? `token:${createHash('sha256').update(token).digest('base64url').slice(0, 22)}` : `address:${request.ip}`;
}

export const rateLimitPlugin = fp(
  async (app: FastifyInstance, overrides: Partial<RateLimitSettings>) => {
    const settings = { ...RATE_LIMIT_DEFAULTS, ...overrides };
    // Runs after each route's own onRequest hooks, so a token is counted once verified; failed
    // authentications never get here and are counted below instead.
    await app.register(rateLimit, {
      global: true,
      max: settings.requestsPerMinute,
      timeWindow: WINDOW_MS,
      keyGenerator: clientKey,
      errorResponseBuilder: (_request, context) => tooMany(Math.ceil(context.ttl / 1000)),
    });
    const failures = app.createRateLimit({ max: settings.authFailuresPerMinute, timeWindow: WINDOW_MS, keyGenerator: (request) => `auth-failure:${request.ip}` });
    app.decorate('authFailures', {
      async assertUnder(request: FastifyRequest, reply: FastifyReply) {
        const state = await failures(request, { increment: false });
        if (!state.isAllowed && state.remaining === 0) {
          void reply.header('retry-after', String(state.ttlInSeconds));
          throw tooMany(state.ttlInSeconds);
        }
      },
      async failed(request: FastifyRequest) {
        await failures(request);
      },
    });
  },
  { name: 'rate-limit' },
);
