import { type UseMutationResult, useMutation } from '@tanstack/react-query';
import type { LinkMediaParams, MediaError, MediaUsage } from 'mediashelf/core';
import { useMediaContext } from '../provider/useMediaContext';
import { refreshAfterUsageChange, type UsageMutationContext } from './refreshAfterUsageChange';

const OPTIMISTIC_PREFIX = 'optimistic:';

/**
 * Links a file to a resource (course, chapter, lesson). When the file's usage list is cached the
 * link appears at once and `usageCount` goes up (unless the link already existed: links are
 * idempotent); on error both roll back. On success the placeholder becomes the server's usage.
 */
export function useLinkMedia(): UseMutationResult<
  MediaUsage,
  MediaError,
  LinkMediaParams,
  UsageMutationContext
> {
  const { adapter, cache, keys, queryClient } = useMediaContext();
  return useMutation<MediaUsage, MediaError, LinkMediaParams, UsageMutationContext>(
    {
      mutationFn: (params) => {
        cache.expectChange([params.mediaId], 'linked');
        return adapter.linkMedia(params);
      },
      onMutate: async (params) => {
        const { mediaId, resourceType, resourceId } = params;
        await cache.cancel([mediaId]);
        const snapshot = cache.snapshot([mediaId]);
        const cached = queryClient.getQueryData<MediaUsage[]>(keys.usage(mediaId));
        if (!cached) return { snapshot, known: false };
        if (cached.some((u) => u.resourceType === resourceType && u.resourceId === resourceId)) {
          return { snapshot, known: true };
        }
        const placeholder: MediaUsage = {
          id: `${OPTIMISTIC_PREFIX}${resourceType}:${resourceId}`,
          mediaId,
          resourceType,
          resourceId,
          ...(params.resourceTitle === undefined ? {} : { resourceTitle: params.resourceTitle }),
          linkedAt: new Date().toISOString(),
        };
        queryClient.setQueryData(keys.usage(mediaId), [...cached, placeholder]);
        cache.updateFile(mediaId, (file) => ({ ...file, usageCount: file.usageCount + 1 }));
        return { snapshot, known: true };
      },
      onError: (_error, { mediaId }, context) => {
        cache.forgetChange([mediaId], 'linked');
        cache.restore(context?.snapshot);
      },
      onSuccess: (usage, { mediaId }, context) => {
        queryClient.setQueryData<MediaUsage[]>(keys.usage(mediaId), (list) =>
          list?.map((item) =>
            item.resourceType === usage.resourceType && item.resourceId === usage.resourceId ? usage : item,
          ),
        );
        return refreshAfterUsageChange(adapter, cache, mediaId, context?.known ?? false);
      },
    },
    queryClient,
  );
}
