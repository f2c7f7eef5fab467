import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import type { ListMediaParams, MediaError, MediaFile } from 'mediashelf/core';
import { useEffect, useMemo } from 'react';
import { LIST_STALE_TIME_MS } from '../provider/MediaConfig';
import { useMediaContext } from '../provider/useMediaContext';
import { useDebouncedValue } from './useDebouncedValue';

/** Filters of {@link useMediaList}: the list parameters without paging internals. */
export type MediaListFilters = Omit<ListMediaParams, 'cursor' | 'signal' | 'includeTotal'>;

/** Options of {@link useMediaList}. */
export interface UseMediaListOptions {
  /** Wait after the last keystroke before searching; default 300 ms. */
  debounceMs?: number;
  /** Default true. */
  enabled?: boolean;
  /**
   * Clear the provider's selection when the (debounced) filters change; default true. Pass false
   * for a secondary list (e.g. a picker) that must not disturb the library's selection.
   */
  clearSelectionOnFilterChange?: boolean;
}

/** What {@link useMediaList} returns. */
export interface MediaListResult {
  /** Loaded files of every page, in order, each id once. */
  items: MediaFile[];
  /** Their ids, in order (for shift-range selection and "select all loaded"). */
  ids: string[];
  /** Matching files in total, when the adapter counts them. */
  total: number | undefined;
  hasNextPage: boolean;
  fetchNextPage: () => void;
  isFetching: boolean;
  isFetchingNextPage: boolean;
  /** No data yet for these filters. */
  isPending: boolean;
  /** Items shown are the previous filters' while the new ones load. */
  isPlaceholderData: boolean;
  /** The typed search differs from the one the list reflects (debounce running). */
  isDebouncing: boolean;
  error: MediaError | null;
  refetch: () => void;
}

const EMPTY: MediaFile[] = [];

/**
 * An infinite list over the adapter's keyset cursors. The search text is debounced and only the
 * debounced value reaches the query key, so typing "lecture" costs one request, not seven. While
 * new filters load, the previous items stay on screen (`isPlaceholderData`).
 *
 * Decision: the selection belongs to the filters it was made under; this hook records the filter
 * identity in the UI store (`setFilterKey`), which clears the selection when it changes.
 */
export function useMediaList(
  filters: MediaListFilters = {},
  options: UseMediaListOptions = {},
): MediaListResult {
  const { adapter, keys, queryClient, config, store } = useMediaContext();
  const { debounceMs = 300, enabled = true, clearSelectionOnFilterChange = true } = options;
  const search = useDebouncedValue(filters.search ?? '', debounceMs);
  const params = { ...filters, search };
  const queryKey = keys.list(params);
  const filterKey = JSON.stringify(queryKey[3]);
  const limit = filters.limit ?? config.pageSize;

  const query = useInfiniteQuery(
    {
      queryKey,
      queryFn: ({ pageParam, signal }) =>
        adapter.listMedia({ ...params, cursor: pageParam, limit, includeTotal: pageParam === null, signal }),
      initialPageParam: null as string | null,
      getNextPageParam: (page) => page.nextCursor,
      staleTime: config.staleTimeMs ?? LIST_STALE_TIME_MS,
      placeholderData: keepPreviousData,
      enabled,
    },
    queryClient,
  );

  useEffect(() => {
    if (clearSelectionOnFilterChange) store.getState().setFilterKey(filterKey);
  }, [clearSelectionOnFilterChange, filterKey, store]);

  const pages = query.data?.pages;
  const items = useMemo(() => {
    if (!pages) return EMPTY;
    // An upload inserted on top of page 1 may also arrive in a later refetched page: show it once.
    const seen = new Set<string>();
    return pages.flatMap((page) => page.items.filter((item) => !seen.has(item.id) && seen.add(item.id)));
  }, [pages]);
  const ids = useMemo(() => items.map((item) => item.id), [items]);
  const { fetchNextPage, hasNextPage, isFetchingNextPage, refetch } = query;

  return {
    items,
    ids,
    total: pages?.[0]?.total,
    hasNextPage,
    fetchNextPage: () => {
      if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
    },
    isFetching: query.isFetching,
    isFetchingNextPage,
    isPending: query.isPending,
    isPlaceholderData: query.isPlaceholderData,
    isDebouncing: search !== (filters.search ?? ''),
    error: query.error as MediaError | null,
    refetch: () => void refetch(),
  };
}
