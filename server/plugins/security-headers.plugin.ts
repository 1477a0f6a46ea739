/**
 * Security headers on every response (@fastify/helmet), with the API's one Content-Security-Policy.
 * It is written for the pages the engine itself serves — the OpenAPI explorer at /docs
 * (swagger-ui), the exposure page and the web console at /console — and nothing else:
 * - scripts only from this origin, never inline or eval'd (swagger-ui and a Vite-built console
 *   load their scripts as files);
 * - styles from this origin and inline: swagger-ui and Element Plus set style attributes at run time;
 * - images and fonts from this origin and `data:` (swagger-ui's icons);
 * - calls (fetch/XHR) to this origin only; no plugins, no <base> elsewhere, forms post here;
 * - no page may frame ours (`frame-ancestors 'none'`, and X-Frame-Options: DENY for old browsers).
 * `upgrade-insecure-requests` is left out: the main job serves plain HTTP on 127.0.0.1, and TLS,
 * where there is any, ends at a proxy in front of it. README "Security headers" says the same.
 */
import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  upgradeInsecureRequests: null,
};

export const securityHeadersPlugin = fp(
  async (app: FastifyInstance) => {
    await app.register(helmet, {
      contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
      frameguard: { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
    });
  },
  { name: 'security-headers' },
);
