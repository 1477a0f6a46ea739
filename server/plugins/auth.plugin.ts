/**
 * Bearer tokens (signed JWTs) on every route but the public ones. Routes say who may call them with
 * `app.requireRole(...)` in `onRequest`; handlers read `request.principal` and check the
 * jurisdiction of what they touch with `app.assertJurisdiction` / `app.assertUnit`.
 * Missing or invalid token → 401; wrong role, jurisdiction or unit → 403.
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
    assertJurisdiction(request: FastifyRequest, jurisdiction: string): void;
    assertUnit(request: FastifyRequest, unitId: string): void;
    signToken(principal: Principal, expiresIn?: string): string;
  }
}

export const authPlugin = fp(
  async (app: FastifyInstance, options: { secret: string }) => {
    // A client sends the same token with every request: its verification is kept (never past its
    // expiry), so a busy dashboard does not recompute the HMAC each time.
    await app.register(jwt, { secret: options.secret, verify: { cache: true } });

    app.decorate('signToken', (principal: Principal, expiresIn = '30d') => app.jwt.sign(principal, { expiresIn }));

    app.decorate('requireRole', (...roles: Role[]): onRequestHookHandler => async (request) => {
      if (!request.headers.authorization) throw httpError(401, 'Missing bearer token (缺少访问令牌)');
      let claims: unknown;
      try {
        // The plugin's own verifier (and its cache), without request.jwtVerify()'s per-call option
        // merging and second decoding: this runs on every request.
        const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization)?.[1];
        if (!token) throw new Error('not a bearer token');
        claims = app.jwt.verify(token);
      } catch {
        throw httpError(401, 'Invalid or expired bearer token (访问令牌无效或已过期)');
      }
      const principal = Principal.safeParse(claims);
      if (!principal.success) throw httpError(401, 'Bearer token carries no valid role (访问令牌缺少有效角色)');
      request.principal = principal.data;
      if (!roles.includes(principal.data.role)) {
        throw httpError(403, `Role ${principal.data.role} may not do this; needs ${roles.join(' or ')}`);
      }
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
  { name: 'auth' },
);
