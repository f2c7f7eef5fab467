import { type UseMutationResult, useMutation } from '@tanstack/react-query';
import type { MediaError, MediaFile } from 'mediashelf/core';
import { useCallback, useRef, useState } from 'react';
import type { MediaCache } from '../cache/MediaCache';
import { useMediaContext } from '../provider/useMediaContext';

/** Variables of {@link useReplaceMedia}. */
export interface ReplaceMediaVariables {
  id: string;
  file: Blob;
}

/** What {@link useReplaceMedia} returns: the mutation plus progress and abort. */
export type ReplaceMediaResult = UseMutationResult<MediaFile, MediaError, ReplaceMediaVariables> & {
  /** Upload progress 0..1 of the running replacement, or null when none runs. */
  progress: number | null;
  /** Aborts the running replacement (it rejects `ABORTED`; nothing changes on the server). */
  abort: () => void;
};

/**
 * What a new version changes: the file everywhere (size, type, version, url), its versions and
 * history, analytics, and the lists whose order or membership depend on size or kind.
 */
export function applyNewVersion(cache: MediaCache, file: MediaFile): void {
  cache.putFile(file);
  void cache.invalidate(cache.keys.versions(file.id));
  void cache.invalidate(cache.keys.history(file.id));
  void cache.invalidateAnalytics();
  void cache.invalidateLists((filters) => filters.sort === 'fileSize' || filters.kinds !== null);
}

/**
 * Replaces a file's content with a new version, reporting upload progress; `abort()` cancels.
 * Every course linking the file keeps working (same id, new version).
 */
export function useReplaceMedia(): ReplaceMediaResult {
  const { adapter, cache, queryClient } = useMediaContext();
  const [progress, setProgress] = useState<number | null>(null);
  const controller = useRef<AbortController | null>(null);
  const mutation = useMutation<MediaFile, MediaError, ReplaceMediaVariables>(
    {
      mutationFn: ({ id, file }) => {
        controller.current?.abort();
        const own = new AbortController();
        controller.current = own;
        setProgress(0);
        cache.expectChange([id], 'replaced');
        let shown = 0;
        return adapter.replaceMedia({
          id,
          file,
          signal: own.signal,
          onProgress: (loaded, total) => {
            // Whole percents: a large file reports thousands of chunks, the bar needs 100 steps.
            const next = total > 0 ? Math.floor((loaded / total) * 100) / 100 : 0;
            if (next === shown) return;
            shown = next;
            setProgress(next);
          },
        });
      },
      onError: (_error, { id }) => cache.forgetChange([id], 'replaced'),
      onSuccess: (file) => applyNewVersion(cache, file),
      onSettled: () => {
        controller.current = null;
        setProgress(null);
      },
    },
    queryClient,
  );
  const abort = useCallback(() => controller.current?.abort(), []);
  return { ...mutation, progress, abort };
}
