import { type UseMutationResult, useMutation } from '@tanstack/react-query';
import type { MediaError, MediaFile, RestoreVersionParams } from 'mediashelf/core';
import { useMediaContext } from '../provider/useMediaContext';
import { applyNewVersion } from './useReplaceMedia';

/**
 * Makes a new current version with an older version's content (history stays linear). Same cache
 * effects as a replacement.
 */
export function useRestoreVersion(): UseMutationResult<MediaFile, MediaError, RestoreVersionParams> {
  const { adapter, cache, queryClient } = useMediaContext();
  return useMutation<MediaFile, MediaError, RestoreVersionParams>(
    {
      mutationFn: (params) => {
        cache.expectChange([params.id], 'replaced');
        return adapter.restoreVersion(params);
      },
      onError: (_error, { id }) => cache.forgetChange([id], 'replaced'),
      onSuccess: (file) => applyNewVersion(cache, file),
    },
    queryClient,
  );
}
