import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import type { MediaError, MediaFile } from 'mediashelf/core';
import { LIST_STALE_TIME_MS } from '../provider/MediaConfig';
import { useMediaContext } from '../provider/useMediaContext';

/**
 * One file by id (any status). Disabled while `id` is null or undefined, so a details panel can
 * call it unconditionally.
 */
export function useMediaFile(id: string | null | undefined): UseQueryResult<MediaFile, MediaError> {
  const { adapter, keys, queryClient, config } = useMediaContext();
  return useQuery<MediaFile, MediaError>(
    {
      queryKey: keys.file(id ?? ''),
      queryFn: ({ signal }) => adapter.getMedia({ id: id!, signal }),
      enabled: Boolean(id),
      staleTime: config.staleTimeMs ?? LIST_STALE_TIME_MS,
    },
    queryClient,
  );
}
