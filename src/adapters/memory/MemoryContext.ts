import { type MediaChange, MediaError } from 'mediashelf/core';
import type { NetworkSimulator } from './createNetworkSimulator';
import type { MemoryStore } from './MemoryStore';
import { matchesAcceptTypes } from './matchesAcceptTypes';

/** What the adapter's method groups share. */
export interface MemoryContext {
  store: MemoryStore;
  network: NetworkSimulator;
  /** Emits one `media.changed` event. */
  changed(ids: string[], change: MediaChange): void;
  maxFileSize: number | undefined;
  acceptTypes: readonly string[] | undefined;
  chunkSize: number;
}

/**
 * Applies the size limit and accepted types to new content: `FILE_TOO_LARGE` above
 * `maxFileSize`, `UNSUPPORTED_TYPE` outside `acceptTypes`. Runs before any byte is read.
 */
export function checkAcceptance(context: MemoryContext, fileSize: number, fileType: string): void {
  const { maxFileSize, acceptTypes } = context;
  if (maxFileSize !== undefined && fileSize > maxFileSize) {
    throw new MediaError(
      'FILE_TOO_LARGE',
      `The file is ${fileSize} bytes; at most ${maxFileSize} are allowed`,
      {
        details: { fileSize, maxFileSize },
      },
    );
  }
  if (!matchesAcceptTypes(fileType, acceptTypes)) {
    throw new MediaError('UNSUPPORTED_TYPE', `Files of type ${fileType} are not accepted`, {
      details: { fileType, acceptTypes: acceptTypes ? [...acceptTypes] : [] },
    });
  }
}

/** Rejects `NETWORK_ERROR` once the adapter is disposed, e.g. when an upload finishes reading late. */
export function ensureOpen(context: MemoryContext): void {
  if (context.network.disposed) throw new MediaError('NETWORK_ERROR', 'The memory adapter was disposed');
}
