import { createEventEmitter, MediaError, type MediaEventListener } from 'mediashelf/core';
import { createBulkRunner } from './createBulkRunner';
import { createContentMethods } from './createContentMethods';
import { createFileMethods } from './createFileMethods';
import { createNetworkSimulator } from './createNetworkSimulator';
import { createUsageMethods } from './createUsageMethods';
import type { MemoryAdapter, MemoryAdapterOptions } from './MemoryAdapterOptions';
import type { MemoryContext } from './MemoryContext';
import { MemoryStore } from './MemoryStore';
import { DEFAULT_UPLOAD_CHUNK_SIZE } from './readBlobContent';
import { seedStore } from './seedStore';
import { requireId, requireParams } from './validateParams';

const DEFAULT_BULK_BATCH_SIZE = 25;

function optionError(field: string, message: string): MediaError {
  return new MediaError('VALIDATION_ERROR', `${field} ${message}`, { details: { field } });
}

function checkOptions(options: MemoryAdapterOptions): void {
  const { clock, random, maxFileSize, acceptTypes, bulkBatchSize, bulkItemDelayMs, uploadChunkSize } =
    options;
  if (clock !== undefined && typeof clock !== 'function') throw optionError('clock', 'must be a function');
  if (random !== undefined && typeof random !== 'function') throw optionError('random', 'must be a function');
  if (maxFileSize !== undefined && !(typeof maxFileSize === 'number' && maxFileSize >= 0)) {
    throw optionError('maxFileSize', 'must be a number >= 0');
  }
  if (
    acceptTypes !== undefined &&
    !(Array.isArray(acceptTypes) && acceptTypes.every((t) => typeof t === 'string'))
  ) {
    throw optionError('acceptTypes', 'must be an array of MIME patterns');
  }
  if (bulkBatchSize !== undefined && !(Number.isInteger(bulkBatchSize) && bulkBatchSize >= 1)) {
    throw optionError('bulkBatchSize', 'must be a positive integer');
  }
  if (bulkItemDelayMs !== undefined && !(Number.isFinite(bulkItemDelayMs) && bulkItemDelayMs >= 0)) {
    throw optionError('bulkItemDelayMs', 'must be a number >= 0');
  }
  if (uploadChunkSize !== undefined && !(Number.isInteger(uploadChunkSize) && uploadChunkSize >= 1)) {
    throw optionError('uploadChunkSize', 'must be a positive integer');
  }
}

/**
 * Creates an in-memory {@link MemoryAdapter}: the whole `MediaAdapter` contract with real
 * semantics (keyset pages, trash, usage protection, versions, history, bulk jobs with batched
 * progress events), for stories, demos and tests in browsers and Node.
 *
 * Every call first waits the configured `latency`, then may fail with `NETWORK_ERROR`
 * (`failRate`), before it validates or changes anything. Every returned object is a copy.
 *
 * Choices beyond the written contract, which the contract suite relies on:
 * - Renaming, replacing, restoring a version of and linking a file in the trash reject `CONFLICT`.
 * - History is newest first by operation order, also when the clock repeats a timestamp.
 * - The `orphaned` filter means unused and uploaded more than `orphanAgeDays` ago, combined with
 *   the `status` filter (active by default).
 *
 * Invalid options or seed data throw `VALIDATION_ERROR` synchronously.
 *
 * @example
 * ```ts
 * const adapter = createMemoryAdapter({ seed: createSeedFiles(40), latency: { min: 50, max: 300 } });
 * ```
 */
export function createMemoryAdapter(options: MemoryAdapterOptions = {}): MemoryAdapter {
  checkOptions(options);
  const store = new MemoryStore({
    clock: options.clock ?? (() => new Date()),
    objectUrls: options.objectUrls ?? true,
    ...(options.actorId === undefined ? {} : { actorId: options.actorId }),
  });
  const emitter = createEventEmitter((error) => {
    console.error('mediashelf memory adapter: an event listener threw', error);
  });
  const listeners = new Set<() => void>();
  const network = createNetworkSimulator({
    latency: options.latency ?? 0,
    failRate: options.failRate ?? 0,
    random: options.random ?? Math.random,
  });
  const bulk = createBulkRunner({
    store,
    emit: (event) => emitter.emit(event),
    batchSize: options.bulkBatchSize ?? DEFAULT_BULK_BATCH_SIZE,
    itemDelayMs: options.bulkItemDelayMs ?? 0,
  });
  const context: MemoryContext = {
    store,
    network,
    changed: (ids, change) => emitter.emit({ type: 'media.changed', ids, change }),
    maxFileSize: options.maxFileSize,
    acceptTypes: options.acceptTypes ? [...options.acceptTypes] : undefined,
    chunkSize: options.uploadChunkSize ?? DEFAULT_UPLOAD_CHUNK_SIZE,
  };
  seedStore(store, options.seed);

  return {
    capabilities: Object.freeze({ realtime: true, resumableUpload: false, versions: true }),
    ...createFileMethods(context),
    ...createContentMethods(context),
    ...createUsageMethods(context),

    async startBulkOperation(params) {
      const { type, ids } = requireParams(params);
      return network.call(undefined, () => bulk.start(type, ids));
    },

    async getOperation(params) {
      const { id, signal } = requireParams(params);
      return network.call(signal, () => bulk.get(requireId(id)));
    },

    subscribe(listener: MediaEventListener) {
      if (typeof listener !== 'function') {
        throw new MediaError('VALIDATION_ERROR', 'listener must be a function', {
          details: { field: 'listener' },
        });
      }
      if (network.disposed) return () => {};
      const unsubscribe = emitter.subscribe(listener);
      const remove = () => {
        listeners.delete(remove);
        unsubscribe();
      };
      listeners.add(remove);
      return remove;
    },

    reset(seed) {
      bulk.clear();
      store.clear();
      seedStore(store, seed ?? options.seed);
    },

    dispose() {
      if (network.disposed) return;
      network.dispose();
      bulk.dispose();
      for (const remove of [...listeners]) remove();
      store.clear();
    },
  };
}
