import { type InfiniteData, useInfiniteQuery } from '@tanstack/react-query';
import type { MediaError, MediaHistoryEntry, Page } from 'mediashelf/core';
import { useMemo } from 'react';
import { LIST_STALE_TIME_MS } from '../provider/MediaConfig';
import { useMediaContext } from '../provider/useMediaContext';

/** What {@link useMediaHistory} returns. */
export interface MediaHistoryResult {
  /** Loaded entries, newest first. */
  entries: MediaHistoryEntry[];
  hasNextPage: boolean;
  fetchNextPage: () => void;
  isFetching: boolean;
  isPending: boolean;
  error: MediaError | null;
}

const EMPTY: MediaHistoryEntry[] = [];

/** A file's history as an infinite list (newest first). Disabled while `id` is empty. */
export function useMediaHistory(
  id: string | null | undefined,
  options: { limit?: number } = {},
): MediaHistoryResult {
  const { adapter, keys, queryClient, config } = useMediaContext();
  const query = useInfiniteQuery<
    Page<MediaHistoryEntry>,
    MediaError,
    InfiniteData<Page<MediaHistoryEntry>, string | null>,
    readonly unknown[],
    string | null
  >(
    {
      queryKey: keys.history(id ?? ''),
      queryFn: ({ pageParam, signal }) =>
        adapter.getHistory({ id: id!, cursor: pageParam, limit: options.limit, signal }),
      initialPageParam: null,
      getNextPageParam: (page) => page.nextCursor,
      enabled: Boolean(id),
      staleTime: config.staleTimeMs ?? LIST_STALE_TIME_MS,
    },
    queryClient,
  );
  const pages = query.data?.pages;
  const entries = useMemo(() => (pages ? pages.flatMap((page) => page.items) : EMPTY), [pages]);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  return {
    entries,
    hasNextPage,
    fetchNextPage: () => {
      if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
    },
    isFetching: query.isFetching,
    isPending: query.isPending,
    error: query.error,
  };
}
