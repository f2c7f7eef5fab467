import type { MediaAdapter, MediaChange, MediaEvent } from 'mediashelf/core';
import type { MediaCache } from '../cache/MediaCache';

/** Options of {@link MediaRealtimeBridge}. */
export interface MediaRealtimeBridgeOptions {
  adapter: MediaAdapter;
  cache: MediaCache;
  /** Quiet time after the last change event before the refetch; default 100 ms. */
  coalesceMs?: number;
  /** Longest delay of a refetch while events keep coming; default 1 000 ms. */
  maxWaitMs?: number;
}

// A rename changes what lists show but not totals; every other change moves storage figures.
const CHANGES_WITHOUT_ANALYTICS: ReadonlySet<MediaChange> = new Set(['updated']);

/**
 * The observer between an adapter's realtime events and the query cache (DESIGN.md §2:
 * transport -> observer -> cache -> components). No React: `MediaProvider` starts it in an
 * effect and stops it on unmount.
 *
 * - `operation.progress` is merged into `keys.operation(id)` (never backwards); a final state
 *   refetches lists, analytics and the files the operation changed, once.
 * - `media.changed` events are gathered: after `coalesceMs` of quiet (or `maxWaitMs` at most)
 *   the changed files' queries, the lists and (unless only renames) analytics are refetched in one
 *   go, so a burst of 100 events costs one list refetch. Echoes of this client's own mutations
 *   are skipped: those mutations already updated the cache precisely.
 */
export class MediaRealtimeBridge {
  private readonly coalesceMs: number;
  private readonly maxWaitMs: number;
  private pendingIds = new Set<string>();
  private pendingAnalytics = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private firstPendingAt = 0;
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly options: MediaRealtimeBridgeOptions) {
    this.coalesceMs = options.coalesceMs ?? 100;
    this.maxWaitMs = options.maxWaitMs ?? 1_000;
  }

  /** Whether the adapter delivers events at all. */
  static supports(adapter: MediaAdapter): boolean {
    return adapter.capabilities.realtime && typeof adapter.subscribe === 'function';
  }

  /** Subscribes to the adapter; returns the function that stops the bridge. */
  start(): () => void {
    const { adapter } = this.options;
    if (!this.unsubscribe && MediaRealtimeBridge.supports(adapter)) {
      this.unsubscribe = adapter.subscribe!((event) => this.handle(event));
    }
    return () => this.stop();
  }

  /** Unsubscribes and drops pending work. */
  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.pendingIds = new Set();
    this.pendingAnalytics = false;
  }

  /** Applies one event (public so tests and custom transports can feed events directly). */
  handle(event: MediaEvent): void {
    const { cache } = this.options;
    if (event.type === 'operation.progress') {
      cache.writeOperation(event.operation);
      return;
    }
    const foreign = cache.localChanges.filterForeign(event.ids, event.change);
    if (foreign.length === 0) return;
    for (const id of foreign) this.pendingIds.add(id);
    if (!CHANGES_WITHOUT_ANALYTICS.has(event.change)) this.pendingAnalytics = true;
    this.schedule();
  }

  private schedule(): void {
    const now = Date.now();
    if (this.timer === null) this.firstPendingAt = now;
    else clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(this.coalesceMs, this.firstPendingAt + this.maxWaitMs - now));
    this.timer = setTimeout(() => this.flush(), wait);
  }

  /** Runs the gathered refetches now. */
  flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const ids = [...this.pendingIds];
    const analytics = this.pendingAnalytics;
    this.pendingIds = new Set();
    this.pendingAnalytics = false;
    if (ids.length === 0) return;
    const { cache } = this.options;
    void cache.invalidateFiles(ids);
    void cache.invalidateLists();
    if (analytics) void cache.invalidateAnalytics();
  }
}
