import { useSyncExternalStore } from 'react';
import type { UploadQueueSummary } from './UploadItem';
import type { UploadQueue } from './UploadQueue';

/** A queue's totals and overall progress; re-renders at most once per notification batch. */
export function useUploadQueueSummary(queue: UploadQueue): UploadQueueSummary {
  return useSyncExternalStore(queue.subscribe, queue.getSummary, queue.getSummary);
}
