/**
 * The record and reporting store (PostgreSQL, store/) as a shared resource of the API: the
 * exposure list, the escalation records, the statistics, the ledgers and the campaign views' hazard
 * counts read it. The API only reads (and withdraws exposures); the activities write. An API built
 * without a store (tests of other routes) answers 503 on the routes that need one.
 */
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Store } from '../../store';
import { httpError } from '../http-error';

export interface StoreProbe {
  configured: boolean;
  reachable: boolean;
  error?: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The store, or a 503 when this API has none. */
    store(): Store;
    /** For /health: is the database there and answering. */
    probeStore(): Promise<StoreProbe>;
  }
}

const PROBE_TIMEOUT_MS = 2_000;

export const storePlugin = fp(
  async (app: FastifyInstance, options: { store?: Store }) => {
    const { store } = options;
    app.decorate('store', (): Store => {
      // Without the store there is nothing true to show; say so rather than answer empty.
      if (!store) throw httpError(503, 'The record and reporting store is not configured (记录与统计库未配置)');
      return store;
    });
    app.decorate('probeStore', async (): Promise<StoreProbe> => {
      if (!store) return { configured: false, reachable: false };
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          sql`select 1`.execute(store.db),
          new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS))),
        ]);
        return { configured: true, reachable: true };
      } catch (error) {
        return { configured: true, reachable: false, error: (error as Error).message };
      } finally {
        clearTimeout(timer);
      }
    });
  },
  { name: 'store' },
);
