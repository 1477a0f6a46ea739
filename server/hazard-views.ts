/**
 * The API's read model of hazards: each hazard's current view as its run publishes it (the memo
 * key HAZARD_VIEW_MEMO_KEY, stamped with StateChangedAt), kept in memory so that reading a hazard
 * costs neither a workflow query (which replays the run on a worker) nor a Temporal round trip.
 *
 * Temporal stays the system of record; this is a cache of it, filled and kept current four ways:
 * - on start, the views of the open hazards are read back from visibility (as many as fit);
 * - a view missing here is read from the run's memo (describe), or by query for a run recorded
 *   before it published its view;
 * - a view a run returns to this API (registration, an update) replaces the one kept at once, so
 *   a caller reads their own writes;
 * - a change feed lists, every `feedIntervalMs`, the hazard runs whose StateChangedAt is recent
 *   and takes their memo views, so escalations the worker takes on its own timers, and changes
 *   made through other API processes, show within about a feed interval plus visibility's lag.
 * A view replaces another only when newer (see isNewer), so a late or repeated read never undoes
 * a fresher one. The cache is bounded by size (least recently used out first).
 */
import { LRUCache } from 'lru-cache';
import type { Client } from '@temporalio/client';
import type { FastifyBaseLogger } from 'fastify';
import type { PrerenderedBody } from './prerendered';
import { describeRun } from './runs';
import { WORKFLOW_TYPES } from '../temporal.config';
import { listPage, literal, workflowTypeIs } from './visibility';
import { hazardOverdueFrom } from '../workflows/hazard.contract';
import { HAZARD_VIEW_MEMO_KEY, hazardViewQuery, type HazardView } from '../workflows/hazard.messages';

export interface HazardViewsOptions {
  client: Client;
  namespace: string;
  logger: FastifyBaseLogger;
  /** Upper bound of the views kept, by the length of their JSON. */
  maxMegabytes: number;
  feedIntervalMs: number;
  /**
   * How far before its last poll the feed looks again: covers visibility's indexing lag and the
   * difference between this host's clock and Temporal's. Changes inside it are re-read, harmlessly.
   */
  feedOverlapMs: number;
}

export interface HazardViewsSettings {
  /** Upper bound of the views kept in memory (HAZARD_VIEW_CACHE_MB). */
  maxMegabytes: number;
  /** How often the change feed asks visibility for changed hazards. */
  feedIntervalMs: number;
}

/** A district's campaigns fit many times over (a view is a few KiB); a second is as fresh as an operator looks. */
export const HAZARD_VIEWS_DEFAULTS: HazardViewsSettings = { maxMegabytes: 256, feedIntervalMs: 1_000 };

/** A kept view, when it turns overdue, and the response a route made of it while it stays current. */
export interface KeptHazardView {
  view: HazardView;
  overdueFrom: number | null;
  rendered?: { overdue: boolean; body: PrerenderedBody };
}

/** The instant a hazard's chain of runs began: a ledger number registered again starts a new chain. */
const registeredAt = (view: HazardView): string => view.history[0]?.at ?? '';

/** Whether `candidate` is a later state of the hazard than `kept`. */
export function isNewer(candidate: HazardView, kept: HazardView): boolean {
  const [a, b] = [registeredAt(candidate), registeredAt(kept)];
  return a > b || (a === b && candidate.revision > kept.revision);
}

export class HazardViews {
  private readonly kept: LRUCache<string, KeptHazardView>;
  /** Reads of the same hazard in flight at once share one call to Temporal. */
  private readonly loading = new Map<string, Promise<KeptHazardView>>();
  private feedTimer: NodeJS.Timeout | undefined;
  private feedStopped = false;
  /**
   * Cancels the feed's call in flight when the API stops. Stopping does not wait for it: the
   * client retries an unreachable server for some twenty seconds whatever the signal says. One per
   * call, because the client never removes the listener it adds to the signal.
   */
  private feedCall: AbortController | undefined;
  /** The feed's next poll reads changes from here (ms since epoch, minus the overlap). */
  private feedFrom = Date.now();

  constructor(private readonly options: HazardViewsOptions) {
    this.kept = new LRUCache({
      maxSize: options.maxMegabytes * 2 ** 20,
      // Twice the view's JSON length: roughly the view and the response bodies made of it.
      sizeCalculation: (entry) => 2 * JSON.stringify(entry.view).length,
    });
  }

  /** The hazard's current view; a 404 error when Temporal has no such run. */
  async get(ref: string): Promise<KeptHazardView> {
    const kept = this.kept.get(ref);
    if (kept) return kept;
    let loading = this.loading.get(ref);
    if (!loading) {
      loading = this.load(ref).finally(() => this.loading.delete(ref));
      this.loading.set(ref, loading);
    }
    return loading;
  }

  /** A view a run has just returned (registration, an update): kept unless a newer one is. */
  offer(ref: string, view: HazardView): KeptHazardView {
    const kept = this.kept.peek(ref);
    if (kept && !isNewer(view, kept.view)) return kept;
    const entry: KeptHazardView = { view, overdueFrom: hazardOverdueFrom(view) };
    this.kept.set(ref, entry);
    return entry;
  }

  /** How many views are kept, their size in MiB, and up to when the feed has read changes: for /health. */
  stats(): { kept: number; megabytes: number; changesReadUpTo: string } {
    return { kept: this.kept.size, megabytes: Math.round((this.kept.calculatedSize / 2 ** 20) * 10) / 10, changesReadUpTo: new Date(this.feedFrom).toISOString() };
  }

  /** Reads back the open hazards, then polls for changes until stopped. */
  startFeed(): void {
    this.feedFrom = Date.now();
    const next = (): void => {
      if (!this.feedStopped) this.feedTimer = setTimeout(() => void this.pollFeed().finally(next), this.options.feedIntervalMs);
    };
    void this.readBackOpenHazards().finally(next);
  }

  stopFeed(): void {
    clearTimeout(this.feedTimer);
    this.feedTimer = undefined;
    this.feedStopped = true;
    this.feedCall?.abort();
  }

  private async load(ref: string): Promise<KeptHazardView> {
    const handle = this.options.client.workflow.getHandle(ref);
    const description = await describeRun(handle);
    const published = description.memo?.[HAZARD_VIEW_MEMO_KEY] as HazardView | undefined;
    // A run recorded before hazards published their view answers the query instead.
    return this.offer(ref, published ?? (await handle.query(hazardViewQuery)));
  }

  /**
   * After a start, the views of the hazards still open, as many as fit in nine tenths of the
   * store: they are the ones operators and units look at, and reading them here, a thousand per
   * call, spares a describe call for each one's first read after a restart or deploy.
   */
  private async readBackOpenHazards(): Promise<void> {
    const query = `${workflowTypeIs(WORKFLOW_TYPES.hazard)} AND ExecutionStatus = 'Running' AND StateChangedAt >= '1970-01-01T00:00:00Z'`;
    try {
      await this.readViews(query, () => this.kept.calculatedSize >= 0.9 * this.kept.maxSize);
    } catch (error) {
      if (!this.feedStopped) this.options.logger.warn({ err: error }, 'hazard views: reading back the open hazards failed; they are read when asked for');
    }
  }

  /** One poll of the change feed: every hazard run changed since the last poll (less the overlap). */
  private async pollFeed(): Promise<void> {
    const startedAt = Date.now();
    const since = new Date(this.feedFrom - this.options.feedOverlapMs).toISOString();
    try {
      await this.readViews(`${workflowTypeIs(WORKFLOW_TYPES.hazard)} AND StateChangedAt >= ${literal(since)}`);
      this.feedFrom = startedAt;
    } catch (error) {
      if (this.feedStopped) return;
      // Kept views stay served; the next poll reads again from the last one that succeeded.
      this.options.logger.warn({ err: error, since }, 'hazard view feed: listing changed hazards failed');
    }
  }

  /** Offers the memo view of every run a visibility query lists, page by page, until `enough`. */
  private async readViews(query: string, enough = (): boolean => false): Promise<void> {
    const { client, namespace } = this.options;
    let nextPageToken: Uint8Array | undefined;
    do {
      this.feedCall = new AbortController();
      const page = await listPage(client, namespace, { query, pageSize: 1000, nextPageToken, signal: this.feedCall.signal });
      for (const execution of page.executions) {
        const view = execution.memo[HAZARD_VIEW_MEMO_KEY] as HazardView | undefined;
        if (view) this.offer(execution.workflowId, view);
      }
      nextPageToken = page.nextPageToken ?? undefined;
    } while (nextPageToken && !enough() && !this.feedStopped);
  }
}
