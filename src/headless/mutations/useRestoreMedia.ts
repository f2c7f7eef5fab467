import { type UseMutationResult, useMutation } from '@tanstack/react-query';
import type { MediaError, MediaFile } from 'mediashelf/core';
import { useMediaContext } from '../provider/useMediaContext';

/**
 * Brings a file back from the trash (`mutate(id)`). Not optimistic (its place in the active
 * lists depends on their sort): on success it leaves the trash lists, and only the active lists,
 * analytics and its history are refetched.
 */
export function useRestoreMedia(): UseMutationResult<MediaFile, MediaError, string> {
  const { adapter, cache, keys, queryClient } = useMediaContext();
  return useMutation<MediaFile, MediaError, string>(
    {
      mutationFn: (id) => {
        cache.expectChange([id], 'restored');
        return adapter.restoreMedia({ id });
      },
      onError: (_error, id) => cache.forgetChange([id], 'restored'),
      onSuccess: (file) => {
        cache.removeFromLists([file.id], (filters) => filters.status === 'deleted');
        cache.putFile(file);
        void cache.invalidateLists((filters) => filters.status === 'active');
        void cache.invalidateAnalytics();
        void cache.invalidate(keys.history(file.id));
      },
    },
    queryClient,
  );
}
