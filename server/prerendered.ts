/**
 * Response bodies many requests share (a hazard read again and again, one list page for every
 * caller of a dashboard): checked against the route's response schema, serialized and gzipped
 * once, then sent as they are to each caller in the encoding it accepts. A fresh serialization
 * and compression per request would cost more than everything else these routes do.
 */
import { gzipSync } from 'node:zlib';
import { Negotiator } from '@fastify/accept-negotiator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import type { z } from 'zod';

export interface PrerenderedBody {
  identity: Buffer;
  gzip: Buffer;
}

/** Clients send few distinct Accept-Encoding headers; their answers are kept (a bounded number). */
const encodings = new Negotiator({ supportedValues: ['gzip', 'identity'], cache: new LRUCache<string, string>({ max: 100 }) });

/** The body as the route's serializer would make it (schema-checked, unknown keys dropped), in both encodings. */
export function prerender<Schema extends z.ZodType>(schema: Schema, data: z.input<Schema>): PrerenderedBody {
  const identity = Buffer.from(JSON.stringify(schema.parse(data)));
  return { identity, gzip: gzipSync(identity) };
}

/**
 * Sends a prerendered body, gzipped when the caller accepts it. Typed as the route's response so
 * handlers keep their reply type; the body was made by `prerender` with that schema.
 */
export function sendPrerendered<Response>(request: FastifyRequest, reply: FastifyReply, body: PrerenderedBody): FastifyReply {
  const accepted = request.headers['accept-encoding'];
  const gzip = accepted !== undefined && encodings.negotiate(accepted) === 'gzip';
  void reply.type('application/json; charset=utf-8').header('vary', 'accept-encoding');
  if (gzip) void reply.header('content-encoding', 'gzip');
  return reply.send((gzip ? body.gzip : body.identity) as unknown as Response);
}

/**
 * Bodies that many callers read at once and that may be a second old (a visibility listing, a
 * statistics table): each is served as it was made for up to `freshMs`, then for up to `maxAgeMs`
 * while one call remakes it, never later; identical reads in flight share one call.
 */
export function sharedBodies<Context>(make: (context: Context) => Promise<PrerenderedBody>, { freshMs = 1_000, maxAgeMs = 2_000, max = 500 } = {}) {
  // The cache's own context type is left open: lru-cache's conditional option types cannot follow a generic one.
  const bodies = new LRUCache<string, PrerenderedBody, unknown>({
    max,
    ttl: maxAgeMs,
    ttlAutopurge: true,
    allowStale: true,
    // A load that outlives its entry's ttl keeps running and fails with its own error (Temporal
    // unavailable → 503), not with the cache's "deleted" abort.
    ignoreFetchAbort: true,
    fetchMethod: (_key, _stale, { context }) => make(context as Context),
  });
  return async (key: string, context: Context): Promise<PrerenderedBody> =>
    (await bodies.fetch(key, { context, forceRefresh: bodies.getRemainingTTL(key) < maxAgeMs - freshMs }))!;
}
