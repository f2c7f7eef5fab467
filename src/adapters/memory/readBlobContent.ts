import { MediaError, type ProgressCallback, throwIfAborted } from 'mediashelf/core';
import { sha256Hex } from './sha256Hex';

/** Default bytes per read step. */
export const DEFAULT_UPLOAD_CHUNK_SIZE = 256 * 1024;

/** Options of {@link readBlobContent}. */
export interface ReadBlobOptions {
  chunkSize?: number;
  onProgress?: ProgressCallback;
  signal?: AbortSignal;
}

/** Bytes and checksum of a fully read Blob. */
export interface BlobContent {
  bytes: Uint8Array<ArrayBuffer>;
  checksum: string;
}

async function readChunk(chunk: Blob): Promise<ArrayBuffer> {
  if (typeof chunk.arrayBuffer === 'function') return chunk.arrayBuffer();
  // Older jsdom Blobs lack arrayBuffer(); FileReader is the portable fallback.
  if (typeof FileReader === 'function') {
    return new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result as ArrayBuffer);
      reader.onerror = () => reject(reader.error);
      reader.readAsArrayBuffer(chunk);
    });
  }
  throw new MediaError('INTERNAL', 'This runtime cannot read Blob content');
}

function report(onProgress: ProgressCallback | undefined, loaded: number, total: number): void {
  try {
    onProgress?.(loaded, total);
  } catch {
    // A failing progress callback is the caller's bug; it must not corrupt the transfer.
  }
}

/**
 * Reads a Blob chunk by chunk like an upload would send it, reporting `onProgress(loaded, total)`
 * after each chunk; the last report is always `(total, total)`, also for an empty Blob. An abort
 * before, during or right after reading rejects `ABORTED`. Resolves with a private copy of the
 * bytes and their SHA-256.
 */
export async function readBlobContent(blob: Blob, options: ReadBlobOptions = {}): Promise<BlobContent> {
  const { onProgress, signal } = options;
  const chunkSize = options.chunkSize ?? DEFAULT_UPLOAD_CHUNK_SIZE;
  const total = blob.size;
  const bytes = new Uint8Array(total);
  throwIfAborted(signal);
  let loaded = 0;
  while (loaded < total) {
    const end = Math.min(loaded + chunkSize, total);
    let buffer: ArrayBuffer;
    try {
      buffer = await readChunk(blob.slice(loaded, end));
    } catch (error) {
      throw new MediaError('INTERNAL', 'Could not read the file', { cause: error });
    }
    throwIfAborted(signal);
    if (buffer.byteLength !== end - loaded) {
      throw new MediaError('INTERNAL', 'The file changed while it was read');
    }
    bytes.set(new Uint8Array(buffer), loaded);
    loaded = end;
    report(onProgress, loaded, total);
  }
  if (total === 0) report(onProgress, 0, 0);
  const checksum = await sha256Hex(bytes);
  throwIfAborted(signal);
  return { bytes, checksum };
}
