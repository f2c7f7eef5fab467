import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import type { MediaError, MediaVersion } from 'mediashelf/core';
import { LIST_STALE_TIME_MS } from '../provider/MediaConfig';
import { useMediaContext } from '../provider/useMediaContext';

/**
 * A file's versions, newest first. Disabled while `id` is empty or when the adapter does not
 * support versions (`capabilities.versions`), so no request is made that can only fail.
 */
export function useMediaVersions(id: string | null | undefined): UseQueryResult<MediaVersion[], MediaError> {
  const { adapter, keys, queryClient, config } = useMediaContext();
  return useQuery<MediaVersion[], MediaError>(
    {
      queryKey: keys.versions(id ?? ''),
      queryFn: ({ signal }) => adapter.listVersions({ id: id!, signal }),
      enabled: Boolean(id) && adapter.capabilities.versions,
      staleTime: config.staleTimeMs ?? LIST_STALE_TIME_MS,
    },
    queryClient,
  );
}
