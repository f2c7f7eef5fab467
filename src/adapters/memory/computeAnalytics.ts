import { MEDIA_KINDS, type MediaKind, type StorageAnalytics } from 'mediashelf/core';
import { currentVersion, type MemoryStore } from './MemoryStore';

const DAY_MS = 86_400_000;

/**
 * Storage figures over the store: totals and `byKind` count active files only, the trash is
 * reported apart, and sizes are those of current versions. Orphaned files are active, unused and
 * uploaded strictly more than `orphanAgeDays` before `nowMs`.
 */
export function computeAnalytics(store: MemoryStore, orphanAgeDays: number, nowMs: number): StorageAnalytics {
  const byKind = Object.fromEntries(MEDIA_KINDS.map((kind) => [kind, { count: 0, size: 0 }])) as Record<
    MediaKind,
    { count: number; size: number }
  >;
  const analytics: StorageAnalytics = {
    totalFiles: 0,
    usedFiles: 0,
    unusedFiles: 0,
    totalSize: 0,
    orphanedFiles: 0,
    orphanedSize: 0,
    trashFiles: 0,
    trashSize: 0,
    byKind,
  };
  const orphanCutoff = nowMs - orphanAgeDays * DAY_MS;
  for (const file of store.files.values()) {
    const { fileSize, kind } = currentVersion(file);
    if (file.status === 'deleted') {
      analytics.trashFiles += 1;
      analytics.trashSize += fileSize;
      continue;
    }
    analytics.totalFiles += 1;
    analytics.totalSize += fileSize;
    byKind[kind].count += 1;
    byKind[kind].size += fileSize;
    if (file.usage.length > 0) {
      analytics.usedFiles += 1;
    } else {
      analytics.unusedFiles += 1;
      if (file.uploadMs < orphanCutoff) {
        analytics.orphanedFiles += 1;
        analytics.orphanedSize += fileSize;
      }
    }
  }
  return analytics;
}
