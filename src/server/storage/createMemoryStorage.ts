import { MediaError } from 'mediashelf/core';
import { assertValidContentType } from './assertValidContentType';
import { meterBody } from './meterBody';
import { assertValidRange, resolveRange } from './resolveRange';
import type { StorageBody, StorageDriver, StorageGetOptions, StoragePutOptions } from './StorageDriver';
import { sliceBytes } from './sliceBytes';
import { toReadableStream } from './toReadableStream';
import { assertValidStorageKey, validateStorageKeyList } from './validateStorageKey';

interface StoredObject {
  chunks: Uint8Array[];
  size: number;
  contentType: string;
}

/** A {@link StorageDriver} held in memory, with a few extras for tests. */
export interface MemoryStorage extends StorageDriver {
  /** Keys of all stored objects, sorted. */
  keys(): string[];
  /** Content type recorded by the last put of `key`, or `undefined` when there is none. */
  contentTypeOf(key: string): string | undefined;
}

/**
 * A storage driver that keeps objects in memory, for tests, stories and demos. It validates keys
 * and enforces `maxSize` and abort exactly as the disk and S3 drivers do, and commits an object
 * only once its body has been read completely.
 */
export function createMemoryStorage(): MemoryStorage {
  const objects = new Map<string, StoredObject>();

  return {
    name: 'memory',

    async put(key: string, body: StorageBody, options: StoragePutOptions) {
      assertValidStorageKey(key);
      assertValidContentType(options?.contentType);
      const metered = meterBody(body, options);
      const chunks: Uint8Array[] = [];
      for await (const chunk of metered.chunks) {
        // The caller may reuse its buffers once a chunk is handed over.
        chunks.push(chunk.slice());
      }
      const result = metered.result();
      objects.set(key, { chunks, size: result.size, contentType: options.contentType });
      return result;
    },

    async get(key: string, options: StorageGetOptions = {}) {
      assertValidStorageKey(key);
      assertValidRange(options.range);
      const object = objects.get(key);
      if (!object) throw new MediaError('NOT_FOUND', 'No stored object under this key', { details: { key } });
      if (!options.range) {
        return {
          body: toReadableStream(sliceBytes(object.chunks, 0, object.size, { copy: true })),
          size: object.size,
          contentLength: object.size,
        };
      }
      const range = resolveRange(options.range, object.size);
      return {
        body: toReadableStream(
          sliceBytes(object.chunks, range.start, range.end - range.start + 1, { copy: true }),
        ),
        size: object.size,
        contentLength: range.end - range.start + 1,
        range,
      };
    },

    async deleteMany(keys: string[]) {
      for (const key of validateStorageKeyList(keys)) objects.delete(key);
    },

    async exists(key: string) {
      assertValidStorageKey(key);
      return objects.has(key);
    },

    keys() {
      return [...objects.keys()].sort();
    },

    contentTypeOf(key: string) {
      return objects.get(key)?.contentType;
    },
  };
}
