import { type UseMutationResult, useMutation } from '@tanstack/react-query';
import type { MediaError } from 'mediashelf/core';
import { useMediaContext } from '../provider/useMediaContext';

/**
 * Deletes a file from the trash for good (`mutate(id)`). On success it leaves every list, its
 * cached queries are dropped (nothing is left to refetch) and analytics are refetched.
 */
export function usePurgeMedia(): UseMutationResult<void, MediaError, string> {
  const { adapter, cache, queryClient } = useMediaContext();
  return useMutation<void, MediaError, string>(
    {
      mutationFn: (id) => {
        cache.expectChange([id], 'purged');
        return adapter.purgeMedia({ id });
      },
      onError: (_error, id) => cache.forgetChange([id], 'purged'),
      onSuccess: (_nothing, id) => {
        cache.removeFromLists([id]);
        cache.forgetFile(id);
        void cache.invalidateAnalytics();
      },
    },
    queryClient,
  );
}
