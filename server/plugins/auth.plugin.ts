/**
 * Bearer tokens (signed JWTs) on every route but the public ones. Routes say who may call them with
 * `app.requireRole(...)` in `onRequest`; handlers read `request.principal` and check what they touch:
 * - a thing that exists (a run, a hazard, a published definition) with `app.mayAccess`: one outside
 *   the caller's jurisdiction, or another unit's, is answered exactly as one that does not exist
 *   (404), so nobody learns what exists elsewhere or whose it is;
 * - a target the caller names (where to start a campaign, which unit to act for) with
 *   `app.assertJurisdiction` / `app.assertUnit`: 403, naming only what the caller sent.
 * Missing, invalid or never-expiring token → 401; a role that may not → 403.
 */
import fp from 'fastify-plugin';
import jwt from '@fastify/jwt';
import type { FastifyInstance, FastifyRequest, onRequestHookHandler } from 'fastify';
import { isWithinJurisdiction } from '../../definitions/jurisdiction';
import { Principal, type Role } from '../auth/principal.schema';
import { httpError } from '../http-error';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
  interface FastifyInstance {
    requireRole(...roles: Role[]): onRequestHookHandler;
    /** Whether the caller may see something of this jurisdiction (and, when it has an owning unit, a unit token only its own unit's). */
    mayAccess(request: FastifyRequest, owner: { jurisdiction: unknown; unitId?: unknown }): boolean;
    assertJurisdiction(request: FastifyRequest, jurisdiction: string): void;
    assertUnit(request: FastifyRequest, unitId: string): void;
    signToken(principal: Principal, expiresIn?: string): string;
  }
}

export const authPlugin = fp(
  async (app: FastifyInstance, options: { secret: string }) => {
    // A client sends the same token with every request: its verification is kept (never past its
    // expiry), so a busy dashboard does not recompute the HMAC each time.
    // A token must expire (`exp`): one that never does cannot be taken back short of changing the secret.
    await app.register(jwt, { secret: options.secret, verify: { cache: true, requiredClaims: ['exp'] } });

    app.decorate('signToken', (principal: Principal, expiresIn = '30d') => app.jwt.sign(principal, { expiresIn }));

    /** Counts the failure against the client (plugins/rate-limit.plugin.ts), then refuses with 401. */
    const unauthenticated = async (request: FastifyRequest, message: string): Promise<never> => {
      await app.authFailures.failed(request);
      throw httpError(401, message);
    };

    app.decorate('requireRole', (...roles: Role[]): onRequestHookHandler => async (request, reply) => {
      // A client that keeps failing is refused before its token is even looked at.
      await app.authFailures.assertUnder(request, reply);
      if (!request.headers.authorization) return unauthenticated(request, 'Missing bearer token (缺少访问令牌)');
      let claims: unknown;
      try {
        // The plugin's own verifier (and its cache), without request.jwtVerify()'s per-call option
        // merging and second decoding: this runs on every request.
        const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization)?.[1];
        if (!token) throw new Error('not a bearer token');
        claims = app.jwt.verify(token);
      } catch {
        return unauthenticated(request, 'Invalid or expired bearer token (访问令牌无效或已过期)');
      }
      const principal = Principal.safeParse(claims);
      if (!principal.success) return unauthenticated(request, 'Bearer token carries no valid role (访问令牌缺少有效角色)');
      request.principal = principal.data;
      if (!roles.includes(principal.data.role)) {
        throw httpError(403, `Role ${principal.data.role} may not do this; needs ${roles.join(' or ')}`);
      }
    });

    app.decorate('mayAccess', (request: FastifyRequest, owner: { jurisdiction: unknown; unitId?: unknown }) => {
      const principal = request.principal;
      if (!principal || typeof owner.jurisdiction !== 'string' || !isWithinJurisdiction(principal.jurisdiction, owner.jurisdiction)) return false;
      // A unit sees an owned thing (a hazard) only when it names that unit; nothing leaks by omission.
      return principal.role !== 'unit' || !('unitId' in owner) || owner.unitId === principal.unitId;
    });

    app.decorate('assertJurisdiction', (request: FastifyRequest, jurisdiction: string) => {
      if (!request.principal || !isWithinJurisdiction(request.principal.jurisdiction, jurisdiction)) {
        throw httpError(403, `Outside your jurisdiction (${request.principal?.jurisdiction ?? 'none'}): ${jurisdiction}`);
      }
    });

    app.decorate('assertUnit', (request: FastifyRequest, unitId: string) => {
      if (request.principal?.role === 'unit' && request.principal.unitId !== unitId) {
        throw httpError(403, `A unit token may act only for its own unit (${request.principal.unitId}), not ${unitId}`);
      }
    });
  },
  { name: 'auth', dependencies: ['rate-limit'] },
);
