import { MediaError } from 'mediashelf/core';
import type { StorageBody } from './StorageDriver';

/**
 * A body read chunk by chunk that can be cancelled even while a read is pending, whatever form it
 * came in. Chunks are `unknown`: the reader checks they are bytes.
 */
export interface BodySource {
  next(): Promise<IteratorResult<unknown>>;
  cancel(reason: unknown): Promise<unknown>;
}

/** Opens a {@link StorageBody}; any other value rejects `VALIDATION_ERROR`. */
export function openBodySource(body: StorageBody): BodySource {
  if (body instanceof Uint8Array) {
    let sent = false;
    return {
      next: async () => {
        if (sent) return { done: true, value: undefined };
        sent = true;
        return { done: false, value: body };
      },
      cancel: async () => undefined,
    };
  }
  if (typeof ReadableStream !== 'undefined' && body instanceof ReadableStream) {
    const reader = body.getReader();
    return { next: () => reader.read(), cancel: (reason) => reader.cancel(reason) };
  }
  if (body !== null && typeof body === 'object' && Symbol.asyncIterator in body) {
    const iterator = (body as AsyncIterable<unknown>)[Symbol.asyncIterator]();
    return { next: () => iterator.next(), cancel: async () => iterator.return?.() };
  }
  throw new MediaError(
    'VALIDATION_ERROR',
    'A storage body must be a ReadableStream, an async iterable of Uint8Array or a Uint8Array',
  );
}
