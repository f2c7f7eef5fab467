import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import type { BulkOperation, MediaError } from 'mediashelf/core';
import { isFinalOperation } from '../cache/mergeOperationProgress';
import { useMediaContext } from '../provider/useMediaContext';
import { MediaRealtimeBridge } from '../realtime/MediaRealtimeBridge';
import { operationPollDelay } from './operationPollDelay';

/**
 * A bulk operation's live state. With a realtime adapter it reads the cache that the realtime
 * bridge feeds (one initial fetch, no polling); otherwise it polls `getOperation` with backoff
 * (500 ms doubling to 5 s) until a final status. Either way progress never moves backwards, and
 * the first final state refetches lists and analytics once.
 */
export function useOperation(id: string | null | undefined): UseQueryResult<BulkOperation, MediaError> {
  const { adapter, keys, queryClient, cache } = useMediaContext();
  const realtime = MediaRealtimeBridge.supports(adapter);
  return useQuery<BulkOperation, MediaError>(
    {
      queryKey: keys.operation(id ?? ''),
      queryFn: async ({ signal }) => cache.acceptOperation(await adapter.getOperation({ id: id!, signal })),
      enabled: Boolean(id),
      // Events keep a realtime entry current; a polled one is current as of its last poll.
      staleTime: realtime ? Number.POSITIVE_INFINITY : 0,
      refetchInterval: realtime
        ? false
        : (query) =>
            isFinalOperation(query.state.data) ? false : operationPollDelay(query.state.dataUpdateCount),
      refetchIntervalInBackground: true,
    },
    queryClient,
  );
}
