import { type MediaFile, toMediaError } from 'mediashelf/core';
import type { UploadError, UploadItem, UploadQueueSummary } from './UploadItem';

/** Sends one file; the queue passes progress and abort. */
export type UploadFunction = (
  file: Blob,
  fileName: string,
  context: { onProgress: (loaded: number, total: number) => void; signal: AbortSignal },
) => Promise<MediaFile>;

/** Options of {@link UploadQueue}. */
export interface UploadQueueOptions {
  upload: UploadFunction;
  /** Uploads running at once; default 3. */
  concurrency?: number;
  /** Checks a file on enqueue; an error marks it failed without sending it. */
  validate?: (file: Blob & { name?: string }) => UploadError | null;
  /** Called once per finished upload with the server's file. */
  onUploaded?: (file: MediaFile, item: UploadItem) => void;
  /**
   * Schedules the batched notification; default: a microtask. To batch per frame pass
   * `(flush) => requestAnimationFrame(() => flush())` (a wrapper: browsers reject a bare
   * `requestAnimationFrame` called as this option's method with "Illegal invocation").
   */
  scheduleNotify?: (flush: () => void) => void;
  /** Client key factory; default a random per-queue prefix plus a counter. */
  createKey?: () => string;
}

interface Run {
  controller: AbortController;
}

const EMPTY_SUMMARY: UploadQueueSummary = {
  total: 0,
  queued: 0,
  uploading: 0,
  done: 0,
  error: 0,
  cancelled: 0,
  loaded: 0,
  size: 0,
  progress: 0,
  active: false,
};

let queueCounter = 0;
// One random prefix per queue plus a counter: unique across queues and tabs, and cheap enough for
// 10,000 files (a randomUUID() per file costs more than the rest of enqueue together).
function createKeyFactory(): () => string {
  const prefix =
    typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function'
      ? crypto.randomUUID().slice(0, 8)
      : `q${++queueCounter}`;
  let counter = 0;
  return () => `${prefix}-${++counter}`;
}

const counts = (item: UploadItem) => item.status !== 'error' && item.status !== 'cancelled';

/**
 * A React-free upload queue: many files, `concurrency` at a time, each with status, progress,
 * cancel (AbortController), retry and remove. Built for 10,000 files: enqueueing is O(n) once,
 * totals are kept incrementally, and listeners are told in batches (one notification per
 * microtask by default, however many items changed), per item (`subscribeItem`) or for the
 * queue as a whole (`subscribe`) — so a row re-renders only when its own item changes.
 */
export class UploadQueue {
  private readonly items = new Map<string, UploadItem>();
  private keys: readonly string[] = [];
  private readonly pending: string[] = [];
  private pendingHead = 0;
  private readonly runs = new Map<string, Run>();
  private readonly listeners = new Set<() => void>();
  private readonly itemListeners = new Map<string, Set<() => void>>();
  private dirtyKeys = new Set<string>();
  private flushScheduled = false;
  private summaryDirty = false;
  private summary: UploadQueueSummary = EMPTY_SUMMARY;
  private readonly tally = { queued: 0, uploading: 0, done: 0, error: 0, cancelled: 0, loaded: 0, size: 0 };
  private options: Required<Omit<UploadQueueOptions, 'validate' | 'onUploaded'>> &
    Pick<UploadQueueOptions, 'validate' | 'onUploaded'>;

  constructor(options: UploadQueueOptions) {
    this.options = {
      concurrency: 3,
      // Wrapped: called as `this.options.scheduleNotify(...)`, a bare queueMicrotask would get the
      // options object as `this`, which browsers reject ("Illegal invocation"); Node does not.
      scheduleNotify: (flush) => queueMicrotask(flush),
      createKey: createKeyFactory(),
      ...options,
    };
  }

  /** Changes options; a higher concurrency starts waiting uploads at once. */
  configure(options: Partial<UploadQueueOptions>): void {
    this.options = { ...this.options, ...options };
    this.pump();
  }

  /** Adds files; returns their client keys. Invalid files are added as failed (with the reason). */
  enqueue(files: Iterable<Blob> | ArrayLike<Blob>): string[] {
    const added: string[] = [];
    for (const file of Array.from(files as ArrayLike<Blob>)) {
      const key = this.options.createKey();
      const named = file as Blob & { name?: string };
      const error = this.options.validate?.(named) ?? null;
      const item: UploadItem = {
        key,
        file,
        fileName: named.name ?? 'file',
        fileSize: file.size,
        fileType: file.type,
        status: error ? 'error' : 'queued',
        loaded: 0,
        progress: 0,
        error,
        serverId: null,
      };
      this.write(item);
      added.push(key);
      if (!error) this.pending.push(key);
    }
    if (added.length === 0) return added;
    this.keys = this.keys.concat(added);
    this.pump();
    return added;
  }

  /** Stops an upload (aborting it if it runs) or takes a waiting one out of the queue. */
  cancel = (key: string): void => {
    const item = this.items.get(key);
    if (!item || (item.status !== 'queued' && item.status !== 'uploading')) return;
    this.stopRun(key);
    this.write({ ...item, status: 'cancelled', loaded: 0, progress: 0 });
    this.pump();
  };

  /** Cancels everything waiting or running. */
  cancelAll = (): void => {
    for (const key of this.keys) this.cancel(key);
  };

  /** Queues a cancelled or failed (retryable) upload again. */
  retry = (key: string): void => {
    const item = this.items.get(key);
    if (!item || !(item.status === 'cancelled' || (item.status === 'error' && item.error?.retryable))) return;
    this.write({ ...item, status: 'queued', loaded: 0, progress: 0, error: null });
    this.pending.push(key);
    this.pump();
  };

  /** Removes an item from the queue, cancelling it first if needed. */
  remove = (key: string): void => {
    if (!this.items.has(key)) return;
    this.cancel(key);
    this.forget([key]);
  };

  /** Removes finished items: done and cancelled (failed ones stay, for retry or reading). */
  clearFinished = (): void => {
    this.forget(
      this.keys.filter((key) => {
        const status = this.items.get(key)?.status;
        return status === 'done' || status === 'cancelled';
      }),
    );
  };

  /** Client keys in enqueue order (same array until keys are added or removed). */
  getKeys = (): readonly string[] => this.keys;

  /** One item (same object until it changes). */
  getItem = (key: string): UploadItem | undefined => this.items.get(key);

  /** Totals (same object until they change). */
  getSummary = (): UploadQueueSummary => {
    if (this.summaryDirty) {
      const { queued, uploading, done, error, cancelled, loaded, size } = this.tally;
      const counted = queued + uploading + done;
      this.summary = {
        total: this.items.size,
        queued,
        uploading,
        done,
        error,
        cancelled,
        loaded,
        size,
        progress: size > 0 ? loaded / size : counted > 0 && done === counted ? 1 : 0,
        active: queued + uploading > 0,
      };
      this.summaryDirty = false;
    }
    return this.summary;
  };

  /** Called once per batch of changes of any kind. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Called once per batch in which this item changed. */
  subscribeItem = (key: string, listener: () => void): (() => void) => {
    const set = this.itemListeners.get(key) ?? new Set<() => void>();
    this.itemListeners.set(key, set);
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.itemListeners.delete(key);
    };
  };

  private write(next: UploadItem): void {
    const previous = this.items.get(next.key);
    if (previous) this.count(previous, -1);
    this.count(next, 1);
    this.items.set(next.key, next);
    this.dirtyKeys.add(next.key);
    this.summaryDirty = true;
    this.schedule();
  }

  private count(item: UploadItem, sign: 1 | -1): void {
    this.tally[item.status] += sign;
    if (!counts(item)) return;
    this.tally.size += sign * item.fileSize;
    this.tally.loaded += sign * (item.status === 'done' ? item.fileSize : item.loaded);
  }

  private forget(keys: readonly string[]): void {
    if (keys.length === 0) return;
    const gone = new Set(keys);
    for (const key of keys) {
      this.count(this.items.get(key)!, -1);
      this.items.delete(key);
      this.dirtyKeys.add(key);
    }
    this.keys = this.keys.filter((key) => !gone.has(key));
    this.summaryDirty = true;
    this.schedule();
  }

  private nextPending(): string | undefined {
    while (this.pendingHead < this.pending.length) {
      const key = this.pending[this.pendingHead++]!;
      if (this.items.get(key)?.status === 'queued' && !this.runs.has(key)) return key;
    }
    // Everything consumed: reset instead of letting the array grow forever.
    this.pending.length = 0;
    this.pendingHead = 0;
    return undefined;
  }

  private pump(): void {
    while (this.runs.size < this.options.concurrency) {
      const key = this.nextPending();
      if (key === undefined) return;
      this.start(key);
    }
  }

  private stopRun(key: string): void {
    const run = this.runs.get(key);
    if (!run) return;
    this.runs.delete(key);
    run.controller.abort();
  }

  private start(key: string): void {
    const item = this.items.get(key)!;
    const run: Run = { controller: new AbortController() };
    this.runs.set(key, run);
    this.write({ ...item, status: 'uploading', loaded: 0, progress: 0, error: null });
    const current = () => this.runs.get(key) === run;
    const onProgress = (loaded: number, total: number) => {
      const latest = this.items.get(key);
      if (!current() || !latest) return;
      const size = total > 0 ? total : latest.fileSize;
      this.write({
        ...latest,
        loaded: Math.min(loaded, size),
        progress: size > 0 ? Math.min(1, loaded / size) : 0,
      });
    };
    let sending: Promise<MediaFile>;
    try {
      sending = this.options.upload(item.file, item.fileName, { onProgress, signal: run.controller.signal });
    } catch (error) {
      sending = Promise.reject(error);
    }
    sending
      .then(
        (media) => {
          if (!current()) return;
          this.runs.delete(key);
          const done: UploadItem = {
            ...this.items.get(key)!,
            status: 'done',
            loaded: item.fileSize,
            progress: 1,
            serverId: media.id,
          };
          this.write(done);
          try {
            this.options.onUploaded?.(media, done);
          } catch (error) {
            // A failing callback must not turn a finished upload into a failed one.
            console.error('mediashelf: onUploaded threw', error);
          }
        },
        (reason: unknown) => {
          if (!current()) return;
          this.runs.delete(key);
          const error = toMediaError(reason);
          const latest = this.items.get(key)!;
          if (error.code === 'ABORTED')
            this.write({ ...latest, status: 'cancelled', loaded: 0, progress: 0 });
          else {
            const retryable = error.code !== 'FILE_TOO_LARGE' && error.code !== 'UNSUPPORTED_TYPE';
            this.write({
              ...latest,
              status: 'error',
              error: { code: error.code, message: error.message, retryable },
            });
          }
        },
      )
      .finally(() => this.pump());
  }

  private schedule(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    this.options.scheduleNotify(() => this.flush());
  }

  /** Notifies listeners of everything changed since the last flush (normally automatic). */
  flush(): void {
    this.flushScheduled = false;
    const dirty = this.dirtyKeys;
    if (dirty.size === 0) return;
    this.dirtyKeys = new Set();
    for (const key of dirty) {
      const set = this.itemListeners.get(key);
      if (set) for (const listener of [...set]) listener();
    }
    for (const listener of [...this.listeners]) listener();
  }
}
