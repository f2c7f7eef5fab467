/**
 * `mediashelf/adapters/memory`: an in-memory `MediaAdapter` with the full contract, for
 * Storybook stories, demos and tests in browsers and Node, plus deterministic LMS fixtures.
 *
 * @packageDocumentation
 */
export { createMemoryAdapter } from './createMemoryAdapter';
export type { CreateSeedFilesOptions } from './createSeedFiles';
export { createSeedFiles, SEED_REFERENCE_DATE } from './createSeedFiles';
export type {
  GetContentParams,
  MemoryAdapter,
  MemoryAdapterOptions,
  MemoryContent,
  MemoryLatency,
  MemorySeedFile,
  MemorySeedUsage,
} from './MemoryAdapterOptions';
export { matchesAcceptTypes } from './matchesAcceptTypes';
