/**
 * The web console (console/, its own Vite build) at /console, from the same origin as the API, so
 * it needs no second server and no cross-origin rules. Register it with `{ prefix: '/console' }`.
 *
 * - Hashed assets (console/dist/assets/*) never change under their name: cached for a year.
 * - index.html names the current assets: revalidated on every load (no-cache), so a new build
 *   shows at the next reload.
 * - The console routes in the browser (history mode): any other path under /console/ that is not
 *   a file is answered with index.html, and the console's router shows the page.
 * - Compressed copies the build wrote (.br, .gz) are sent to browsers that accept them.
 *
 * Without a build (`consoleDir` missing or empty) every /console path answers 503 and says how to
 * build it, rather than a bare 404.
 */
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import { httpError } from '../http-error';

export const CONSOLE_PREFIX = '/console';
/** Vite's `build.assetsDir`: every file in it carries a content hash in its name. */
const ASSETS_DIR = 'assets';
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

export const consolePlugin: FastifyPluginAsync<{ consoleDir?: string }> = async (app, { consoleDir }) => {
  if (!consoleDir || !existsSync(join(consoleDir, 'index.html'))) {
    // Answered here rather than thrown: the error handler treats every 5xx as a fault to log.
    const notBuilt = async (request: FastifyRequest, reply: FastifyReply) =>
      reply.status(503).type('application/problem+json').send({
        type: 'about:blank',
        title: 'The console is not built (控制台尚未构建)',
        status: 503,
        detail: 'Run `bash scripts/install.sh` (npm start does it), which builds console/ into console/dist.',
        instance: request.url,
      });
    app.get('/', { schema: { hide: true } }, notBuilt);
    app.get('/*', { schema: { hide: true } }, notBuilt);
    return;
  }
  const assets = join(consoleDir, ASSETS_DIR) + sep;

  await app.register(fastifyStatic, {
    root: consoleDir,
    prefix: '/',
    index: false,
    cacheControl: false,
    preCompressed: true,
    dotfiles: 'ignore',
    setHeaders: (reply, path) => {
      void reply.header('cache-control', path.startsWith(assets) ? IMMUTABLE : REVALIDATE);
    },
  });

  // `/console` itself: the console's base URL ends with a slash, so relative routes resolve under it.
  app.get('/', { schema: { hide: true } }, async (request, reply) => {
    if (!request.url.endsWith('/')) return reply.redirect(`${CONSOLE_PREFIX}/`, 301);
    return reply.sendFile('index.html');
  });

  // A console page reloaded or opened from a link: the SPA's own router shows it. A missing asset
  // stays a 404: answering a script request with HTML would only hide the fault.
  app.setNotFoundHandler(async (request, reply) => {
    const isPage = (request.method === 'GET' || request.method === 'HEAD') && !request.url.startsWith(`${CONSOLE_PREFIX}/${ASSETS_DIR}/`);
    if (isPage) return reply.sendFile('index.html');
    throw httpError(404, `No console file ${request.url}`);
  });
};
