import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import type { MediaError, MediaUsage } from 'mediashelf/core';
import { LIST_STALE_TIME_MS } from '../provider/MediaConfig';
import { useMediaContext } from '../provider/useMediaContext';

/** Where a file is used, oldest link first. Disabled while `id` is empty. */
export function useMediaUsage(id: string | null | undefined): UseQueryResult<MediaUsage[], MediaError> {
  const { adapter, keys, queryClient, config } = useMediaContext();
  return useQuery<MediaUsage[], MediaError>(
    {
      queryKey: keys.usage(id ?? ''),
      queryFn: ({ signal }) => adapter.getUsage({ id: id!, signal }),
      enabled: Boolean(id),
      staleTime: config.staleTimeMs ?? LIST_STALE_TIME_MS,
    },
    queryClient,
  );
}
