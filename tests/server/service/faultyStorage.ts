import { MediaError } from 'mediashelf/core';
import { createMemoryStorage, type MemoryStorage } from '../../../src/server/storage';
import type {
  SignedUrlOptions,
  StorageBody,
  StorageDriver,
  StorageGetOptions,
  StoragePutOptions,
} from '../../../src/server/storage/StorageDriver';

/**
 * Where an injected `put` failure strikes:
 * - `beforeWrite`: the backend refuses at once; no byte is read, nothing is stored;
 * - `midBody`: the backend fails after reading the first chunk; nothing is stored (as the driver
 *   contract demands of a failed put);
 * - `afterWrite`: the object is stored completely, then the put still rejects (a lost response,
 *   a timeout after the backend committed): the nastiest case, an object the caller thinks failed.
 */
export type PutFault = 'beforeWrite' | 'midBody' | 'afterWrite';

/**
 * How an injected `deleteMany` failure strikes: `all` deletes nothing, `partial` deletes the
 * first key only and then rejects (a multi-object delete that failed half-way).
 */
export type DeleteFault = 'all' | 'partial';

type Fault =
  | { op: 'put'; mode: PutFault }
  | { op: 'deleteMany'; mode: DeleteFault }
  | { op: 'get'; mode: 'fail' };

/** A memory storage that fails on command and records what it was asked to do. */
export interface FaultyStorage extends StorageDriver {
  readonly inner: MemoryStorage;
  /** Keys of all stored objects, sorted. */
  keys(): string[];
  /** The next `times` calls of `op` fail (calls queue: each failNext adds to the queue). */
  failNext(op: 'put', mode: PutFault, times?: number): void;
  failNext(op: 'deleteMany', mode?: DeleteFault, times?: number): void;
  failNext(op: 'get', mode?: 'fail', times?: number): void;
  /** Faults armed and not yet fired. */
  pendingFaults(): number;
  /** Drops every armed fault. */
  heal(): void;
  /** Keys of puts that completed (the object was stored), in order, including `afterWrite` faults. */
  readonly stored: string[];
  /** How many times each key was removed by a `deleteMany` that actually deleted it. */
  readonly deletions: Map<string, number>;
  /** Every key passed to `deleteMany`, in order, repeats included (whether it existed or not). */
  readonly deleteRequests: string[];
  /** Forgets `stored`, `deletions` and `deleteRequests`. */
  resetLog(): void;
}

/** Options of {@link createFaultyStorage}. */
export interface FaultyStorageOptions {
  /** Offer `signedUrl` (like S3), so `signedContentUrl` answers URLs. Default false. */
  signedUrls?: boolean;
}

function injected(op: string, mode: string): MediaError {
  return new MediaError('STORAGE_ERROR', `Injected storage fault: ${op} (${mode})`, {
    details: { injected: true },
  });
}

async function* iterate(body: StorageBody): AsyncGenerator<Uint8Array> {
  if (body instanceof Uint8Array) {
    yield body;
    return;
  }
  if (body instanceof ReadableStream) {
    const reader = body.getReader();
    try {
      for (;;) {
        const step = await reader.read();
        if (step.done) return;
        yield step.value;
      }
    } finally {
      await reader.cancel().catch(() => undefined);
    }
  }
  yield* body as AsyncIterable<Uint8Array>;
}

/** Yields the first chunk of `body`, then fails the way a backend dropping the connection would. */
async function* failAfterFirstChunk(body: StorageBody, error: MediaError): AsyncGenerator<Uint8Array> {
  for await (const chunk of iterate(body)) {
    yield chunk;
    throw error;
  }
  throw error;
}

async function cancelBody(body: StorageBody): Promise<void> {
  if (body instanceof Uint8Array) return;
  if (body instanceof ReadableStream) {
    await body.cancel().catch(() => undefined);
    return;
  }
  const iterator = (body as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
  await iterator.return?.().catch(() => undefined);
}

/**
 * Wraps {@link createMemoryStorage} with injectable failures of `put` (before writing, after
 * consuming part of the body, after completing), `deleteMany` (all or partial) and `get`.
 */
export function createFaultyStorage(options: FaultyStorageOptions = {}): FaultyStorage {
  const inner = createMemoryStorage();
  let faults: Fault[] = [];
  const stored: string[] = [];
  const deletions = new Map<string, number>();
  const deleteRequests: string[] = [];

  const take = <T extends Fault['op']>(op: T): Extract<Fault, { op: T }> | undefined => {
    const index = faults.findIndex((fault) => fault.op === op);
    if (index < 0) return undefined;
    const [fault] = faults.splice(index, 1);
    return fault as Extract<Fault, { op: T }>;
  };

  const storage: FaultyStorage = {
    name: 'faulty-memory',
    inner,
    stored,
    deletions,
    deleteRequests,

    async put(key: string, body: StorageBody, putOptions: StoragePutOptions) {
      const fault = take('put');
      if (fault?.mode === 'beforeWrite') {
        await cancelBody(body);
        throw injected('put', fault.mode);
      }
      if (fault?.mode === 'midBody') {
        return inner.put(key, failAfterFirstChunk(body, injected('put', fault.mode)), putOptions);
      }
      const result = await inner.put(key, body, putOptions);
      stored.push(key);
      if (fault?.mode === 'afterWrite') throw injected('put', fault.mode);
      return result;
    },

    async get(key: string, getOptions?: StorageGetOptions) {
      const fault = take('get');
      if (fault) throw injected('get', fault.mode);
      return inner.get(key, getOptions);
    },

    async deleteMany(keys: string[]) {
      const fault = take('deleteMany');
      deleteRequests.push(...keys);
      const doomed = fault?.mode === 'all' ? [] : fault?.mode === 'partial' ? keys.slice(0, 1) : keys;
      const existing = new Set(inner.keys());
      await inner.deleteMany(doomed);
      for (const key of doomed) {
        if (existing.has(key)) deletions.set(key, (deletions.get(key) ?? 0) + 1);
      }
      if (fault) throw injected('deleteMany', fault.mode);
    },

    exists: (key: string) => inner.exists(key),

    keys: () => inner.keys(),

    failNext(op: Fault['op'], mode?: string, times = 1) {
      for (let i = 0; i < times; i += 1) {
        if (op === 'put') faults.push({ op, mode: (mode ?? 'beforeWrite') as PutFault });
        else if (op === 'deleteMany') faults.push({ op, mode: (mode ?? 'all') as DeleteFault });
        else faults.push({ op: 'get', mode: 'fail' });
      }
    },

    pendingFaults: () => faults.length,

    heal() {
      faults = [];
    },

    resetLog() {
      stored.length = 0;
      deletions.clear();
      deleteRequests.length = 0;
    },
  };
  if (options.signedUrls) {
    storage.signedUrl = async (key: string, urlOptions: SignedUrlOptions) => {
      if (!(await inner.exists(key))) throw new MediaError('NOT_FOUND', 'No stored object under this key');
      return `https://storage.example/${key}?expires=${urlOptions.expiresInSeconds}`;
    };
  }
  return storage;
}
