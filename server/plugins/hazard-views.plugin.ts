/**
 * The hazard read model (server/hazard-views.ts) as a shared resource of the API: its change feed
 * runs while the server is up.
 */
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { HAZARD_VIEWS_DEFAULTS, HazardViews, type HazardViewsSettings } from '../hazard-views';

declare module 'fastify' {
  interface FastifyInstance {
    hazardViews: HazardViews;
  }
}

/** Visibility (SQL or Elasticsearch) indexes a change within about a second; clocks may differ by a few more. */
const FEED_OVERLAP_MS = 10_000;

export const hazardViewsPlugin = fp(
  async (app: FastifyInstance, overrides: Partial<HazardViewsSettings>) => {
    const settings = { ...HAZARD_VIEWS_DEFAULTS, ...overrides };
    const views = new HazardViews({
      client: app.temporal.client,
      namespace: app.temporal.settings.namespace,
      logger: app.log,
      maxMegabytes: settings.maxMegabytes,
      feedIntervalMs: settings.feedIntervalMs,
      feedOverlapMs: FEED_OVERLAP_MS,
    });
    app.decorate('hazardViews', views);
    app.addHook('onReady', async () => views.startFeed());
    app.addHook('onClose', async () => views.stopFeed());
  },
  { name: 'hazard-views', dependencies: ['temporal'] },
);
