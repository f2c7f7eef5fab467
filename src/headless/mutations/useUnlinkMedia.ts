import { type UseMutationResult, useMutation } from '@tanstack/react-query';
import type { MediaError, MediaUsage, UnlinkMediaParams } from 'mediashelf/core';
import { useMediaContext } from '../provider/useMediaContext';
import { refreshAfterUsageChange, type UsageMutationContext } from './refreshAfterUsageChange';

/**
 * Removes a usage link. When the usage list is cached the link disappears at once and
 * `usageCount` goes down (only if the link was there: unlinking an absent link changes nothing);
 * on error both roll back.
 */
export function useUnlinkMedia(): UseMutationResult<
  void,
  MediaError,
  UnlinkMediaParams,
  UsageMutationContext
> {
  const { adapter, cache, keys, queryClient } = useMediaContext();
  return useMutation<void, MediaError, UnlinkMediaParams, UsageMutationContext>(
    {
      mutationFn: (params) => {
        cache.expectChange([params.mediaId], 'unlinked');
        return adapter.unlinkMedia(params);
      },
      onMutate: async ({ mediaId, resourceType, resourceId }) => {
        await cache.cancel([mediaId]);
        const snapshot = cache.snapshot([mediaId]);
        const cached = queryClient.getQueryData<MediaUsage[]>(keys.usage(mediaId));
        if (!cached) return { snapshot, known: false };
        const kept = cached.filter((u) => !(u.resourceType === resourceType && u.resourceId === resourceId));
        if (kept.length !== cached.length) {
          queryClient.setQueryData(keys.usage(mediaId), kept);
          cache.updateFile(mediaId, (file) => ({ ...file, usageCount: Math.max(0, file.usageCount - 1) }));
        }
        return { snapshot, known: true };
      },
      onError: (_error, { mediaId }, context) => {
        cache.forgetChange([mediaId], 'unlinked');
        cache.restore(context?.snapshot);
      },
      onSuccess: (_nothing, { mediaId }, context) =>
        refreshAfterUsageChange(adapter, cache, mediaId, context?.known ?? false),
    },
    queryClient,
  );
}
