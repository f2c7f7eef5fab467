import { type UseMutationResult, useMutation } from '@tanstack/react-query';
import type { MediaError, MediaFile } from 'mediashelf/core';
import { listDependsOnName } from '../cache/listAcceptsFile';
import type { MediaCacheSnapshot } from '../cache/MediaCache';
import { useMediaContext } from '../provider/useMediaContext';

/** Variables of {@link useRenameMedia}. */
export interface RenameMediaVariables {
  id: string;
  fileName: string;
}

/**
 * Renames a file optimistically: the new name shows at once in every cached list page and the
 * file's query, and is rolled back if the adapter rejects (e.g. `VALIDATION_ERROR`,
 * `NOT_FOUND`). On success the server's file replaces the guess; only lists whose membership or
 * order depends on the name (a search, or sorted by name) are refetched, plus the history.
 */
export function useRenameMedia(): UseMutationResult<
  MediaFile,
  MediaError,
  RenameMediaVariables,
  MediaCacheSnapshot
> {
  const { adapter, cache, keys, queryClient } = useMediaContext();
  return useMutation<MediaFile, MediaError, RenameMediaVariables, MediaCacheSnapshot>(
    {
      mutationFn: ({ id, fileName }) => {
        cache.expectChange([id], 'updated');
        return adapter.renameMedia({ id, fileName });
      },
      onMutate: async ({ id, fileName }) => {
        await cache.cancel([id]);
        const snapshot = cache.snapshot([id]);
        // The server sanitises further; trimming is enough for a faithful preview.
        cache.updateFile(id, (file) => ({ ...file, fileName: fileName.trim() }));
        return snapshot;
      },
      onError: (_error, { id }, snapshot) => {
        cache.forgetChange([id], 'updated');
        cache.restore(snapshot);
      },
      onSuccess: (file) => {
        cache.putFile(file);
        void cache.invalidateLists(listDependsOnName);
        void cache.invalidate(keys.history(file.id));
      },
    },
    queryClient,
  );
}
