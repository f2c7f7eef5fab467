/**
 * Memory adapters for every state a story shows. Stories and tests may import adapters;
 * components never do (they go through `mediashelf/headless`).
 */
import { createMemoryAdapter, createSeedFiles, type MemoryAdapter } from 'mediashelf/adapters/memory';

const seed = (count = 60) => createSeedFiles(count, { now: new Date() });

/** 60 realistic LMS files (videos, slides, images, audio), some in use, some in the trash. */
export const populatedAdapter = (): MemoryAdapter => createMemoryAdapter({ seed: seed() });

/** No files at all. */
export const emptyAdapter = (): MemoryAdapter => createMemoryAdapter();

/** Every call waits 800 ms, so loading states stay visible. */
export const slowAdapter = (): MemoryAdapter => createMemoryAdapter({ seed: seed(), latency: 800 });

/** Every call rejects with `NETWORK_ERROR`. */
export const failingAdapter = (): MemoryAdapter => createMemoryAdapter({ seed: seed(), failRate: 1 });

/** Bulk jobs move 5 files every 0.5 s, so a bulk delete shows its progress. */
export const bulkAdapter = (): MemoryAdapter =>
  createMemoryAdapter({ seed: seed(), bulkBatchSize: 5, bulkItemDelayMs: 100 });
