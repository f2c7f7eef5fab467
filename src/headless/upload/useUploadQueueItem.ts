import { useCallback, useSyncExternalStore } from 'react';
import type { UploadItem } from './UploadItem';
import type { UploadQueue } from './UploadQueue';

/** One item of a queue; the calling row re-renders only when this item changes. */
export function useUploadQueueItem(queue: UploadQueue, key: string): UploadItem | undefined {
  const subscribe = useCallback((listener: () => void) => queue.subscribeItem(key, listener), [queue, key]);
  const read = () => queue.getItem(key);
  return useSyncExternalStore(subscribe, read, read);
}
