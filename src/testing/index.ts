/**
 * `mediashelf/testing`: prove a `MediaAdapter` with the contract suite
 * ({@link runMediaAdapterContract}), stub one for UI and hook tests ({@link createTestAdapter}),
 * and build honest test files ({@link createTestFile}, {@link fixtures}). Needs `vitest` (an
 * optional peer dependency) for the suite.
 *
 * @packageDocumentation
 */

export type {
  MediaAdapterContractCapabilities,
  MediaAdapterContractOptions,
} from './contract/options';
export { runMediaAdapterContract } from './contract/runMediaAdapterContract';
export type { TestAdapterOverrides } from './createTestAdapter';
export { createTestAdapter } from './createTestAdapter';
export type { TestFileOptions, TestFixtures } from './fixtures';
export { createTestFile, fixtures } from './fixtures';
export { MAGIC_BYTES, magicBytesFor } from './magicBytes';
export type { WaitForOperationOptions } from './waitForOperation';
export { FINAL_OPERATION_STATUSES, waitForOperation } from './waitForOperation';
