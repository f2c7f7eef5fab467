import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import type { MediaError, StorageAnalytics } from 'mediashelf/core';
import { ANALYTICS_STALE_TIME_MS } from '../provider/MediaConfig';
import { useMediaContext } from '../provider/useMediaContext';

/** Options of {@link useStorageAnalytics}. */
export interface UseStorageAnalyticsOptions {
  /** Age after which an unused file counts as orphaned; default 30 (the adapter's). */
  orphanAgeDays?: number;
  enabled?: boolean;
}

/** Storage figures, fresh for 5 minutes by default (`config.analyticsStaleTimeMs`). */
export function useStorageAnalytics(
  options: UseStorageAnalyticsOptions = {},
): UseQueryResult<StorageAnalytics, MediaError> {
  const { adapter, keys, queryClient, config } = useMediaContext();
  const { orphanAgeDays, enabled = true } = options;
  return useQuery<StorageAnalytics, MediaError>(
    {
      queryKey: keys.analytics(orphanAgeDays),
      queryFn: ({ signal }) =>
        adapter.getAnalytics({ ...(orphanAgeDays === undefined ? {} : { orphanAgeDays }), signal }),
      staleTime: config.analyticsStaleTimeMs ?? ANALYTICS_STALE_TIME_MS,
      enabled,
    },
    queryClient,
  );
}
