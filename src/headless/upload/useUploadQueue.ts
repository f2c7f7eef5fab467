import type { MediaFile } from 'mediashelf/core';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useMediaContext } from '../provider/useMediaContext';
import type { UploadItem } from './UploadItem';
import { UploadQueue } from './UploadQueue';
import { validateUpload } from './validateUpload';

/** Options of {@link useUploadQueue}. */
export interface UseUploadQueueOptions {
  /** Uploads at once; default 3. */
  concurrency?: number;
  /** Accept patterns: MIME types, `image/*`, `.pdf`, or kinds such as `video`. */
  accept?: readonly string[];
  /** Largest file in bytes. */
  maxSize?: number;
  /** Called once per finished upload, after the file was put into the cached lists. */
  onUploaded?: (file: MediaFile, item: UploadItem) => void;
}

/** What {@link useUploadQueue} returns. */
export interface UploadQueueHandle {
  /** The queue, for {@link useUploadQueueItem} and {@link useUploadQueueSummary}. */
  queue: UploadQueue;
  /** Client keys in enqueue order; changes only when items are added or removed. */
  keys: readonly string[];
  enqueue: (files: Iterable<Blob> | ArrayLike<Blob>) => string[];
  cancel: (key: string) => void;
  cancelAll: () => void;
  retry: (key: string) => void;
  remove: (key: string) => void;
  clearFinished: () => void;
}

/**
 * An upload queue bound to the provider's adapter: files are validated (size, accept) with the
 * provider's labels, sent `concurrency` at a time, and each finished upload is put on top of the
 * matching cached lists at once. The component re-renders only when keys are added or removed;
 * rows read their item with {@link useUploadQueueItem}, a progress bar reads
 * {@link useUploadQueueSummary}. Uploads keep running if the component unmounts; call
 * `cancelAll` to stop them.
 */
export function useUploadQueue(options: UseUploadQueueOptions = {}): UploadQueueHandle {
  const context = useMediaContext();
  // The queue lives as long as the component; it reads the latest props and context through this.
  const latest = useRef({ context, options });
  useEffect(() => {
    latest.current = { context, options };
  });
  const [queue] = useState(
    () =>
      new UploadQueue({
        concurrency: options.concurrency ?? 3,
        upload: (file, fileName, { onProgress, signal }) =>
          latest.current.context.adapter.uploadMedia({ file, fileName, onProgress, signal }),
        validate: (file) => {
          const { context: ctx, options: opts } = latest.current;
          return validateUpload(file, { accept: opts.accept, maxSize: opts.maxSize }, ctx.labels, ctx.locale);
        },
        onUploaded: (file, item) => {
          const { context: ctx, options: opts } = latest.current;
          ctx.cache.insertIntoLists(file);
          ctx.queryClient.setQueryData(ctx.keys.file(file.id), file);
          void ctx.cache.invalidateAnalytics();
          opts.onUploaded?.(file, item);
        },
      }),
  );
  const concurrency = options.concurrency ?? 3;
  useEffect(() => queue.configure({ concurrency }), [queue, concurrency]);
  const keys = useSyncExternalStore(queue.subscribe, queue.getKeys, queue.getKeys);
  return {
    queue,
    keys,
    enqueue: (files) => queue.enqueue(files),
    cancel: queue.cancel,
    cancelAll: queue.cancelAll,
    retry: queue.retry,
    remove: queue.remove,
    clearFinished: queue.clearFinished,
  };
}
