import type { MediaAdapter } from 'mediashelf/core';
import type { MediaCache } from '../cache/MediaCache';

/** Context of an optimistic link or unlink. */
export interface UsageMutationContext {
  snapshot: ReturnType<MediaCache['snapshot']>;
  /** Whether the cached usage list told us the change for sure (so usageCount was adjusted). */
  known: boolean;
}

/**
 * After a link or unlink: the history and the lists filtered by usage are refetched (their
 * membership may change). When the usage list was not cached, the optimistic step could not know
 * whether the link existed, so the file is read once and written into every list instead of
 * guessing its `usageCount`.
 */
export async function refreshAfterUsageChange(
  adapter: MediaAdapter,
  cache: MediaCache,
  mediaId: string,
  known: boolean,
): Promise<void> {
  void cache.invalidate(cache.keys.history(mediaId));
  void cache.invalidateLists((filters) => filters.usage !== null);
  void cache.invalidateAnalytics();
  if (!known) cache.putFile(await adapter.getMedia({ id: mediaId }));
}
