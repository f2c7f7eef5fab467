import { type UseMutationResult, useMutation } from '@tanstack/react-query';
import { isMediaError, type MediaError, type MediaFile, type MediaUsage } from 'mediashelf/core';
import type { MediaCacheSnapshot } from '../cache/MediaCache';
import { useMediaContext } from '../provider/useMediaContext';

/** What {@link useDeleteMedia} returns: the mutation plus the in-use details. */
export type DeleteMediaResult = UseMutationResult<MediaFile, MediaError, string, MediaCacheSnapshot> & {
  /** Where the file is used when the delete was refused with `MEDIA_IN_USE`, else null. */
  inUseUsage: MediaUsage[] | null;
};

/** `error.details.usage` of a `MEDIA_IN_USE` error, or null. */
export function usageOfInUseError(error: unknown): MediaUsage[] | null {
  if (!isMediaError(error, 'MEDIA_IN_USE')) return null;
  const usage = error.details?.usage;
  return Array.isArray(usage) ? (usage as MediaUsage[]) : [];
}

/**
 * Moves a file to the trash (`mutate(id)`), removing it from active lists at once. When the
 * adapter refuses with `MEDIA_IN_USE` the file comes back, `inUseUsage` lists where it is used
 * (for the delete dialog) and that list also refreshes the file's cached usage. On success the
 * trash lists, analytics and the history are refetched; nothing else.
 */
export function useDeleteMedia(): DeleteMediaResult {
  const { adapter, cache, keys, queryClient } = useMediaContext();
  const mutation = useMutation<MediaFile, MediaError, string, MediaCacheSnapshot>(
    {
      mutationFn: (id) => {
        cache.expectChange([id], 'deleted');
        return adapter.deleteMedia({ id });
      },
      onMutate: async (id) => {
        await cache.cancel([id]);
        const snapshot = cache.snapshot([id]);
        cache.removeFromLists([id], (filters) => filters.status === 'active');
        return snapshot;
      },
      onError: (error, id, snapshot) => {
        cache.forgetChange([id], 'deleted');
        cache.restore(snapshot);
        const usage = usageOfInUseError(error);
        if (usage) queryClient.setQueryData(keys.usage(id), usage);
      },
      onSuccess: (file) => {
        cache.putFile(file);
        void cache.invalidateLists((filters) => filters.status === 'deleted');
        void cache.invalidateAnalytics();
        void cache.invalidate(keys.history(file.id));
      },
    },
    queryClient,
  );
  return { ...mutation, inUseUsage: usageOfInUseError(mutation.error) };
}
