import { createHash } from 'node:crypto';
import { isAbortError, isMediaError, MediaError } from 'mediashelf/core';
import { openBodySource } from './openBodySource';
import type { StorageBody, StoragePutResult } from './StorageDriver';

/** Options of {@link meterBody}. */
export interface MeterBodyOptions {
  /** Largest accepted size in bytes. */
  maxSize?: number;
  /** Stops reading, even while the body is waiting for data. */
  signal?: AbortSignal;
}

/** A body being measured; see {@link meterBody}. */
export interface MeteredBody {
  /** The body's chunks, passed through unchanged after they were counted and hashed. */
  readonly chunks: AsyncGenerator<Uint8Array, void, undefined>;
  /** Size and SHA-256 of everything read; throws until `chunks` has run to its end. */
  result(): StoragePutResult;
  /**
   * The error `chunks` failed with, already a `MediaError`. A driver reports it rather than the
   * error its backend saw, which is often a consequence (a destroyed pipe, an aborted upload).
   */
  readonly failure: MediaError | undefined;
  /**
   * Makes `chunks` fail (`ABORTED`) and cancels the body, even while a read is pending. A driver
   * calls it when its backend failed first, so a stalled body does not hold the put open.
   */
  stop(): void;
}

function abortedError(signal: AbortSignal): MediaError {
  return new MediaError('ABORTED', 'The upload was aborted', { cause: signal.reason });
}

function stoppedError(): MediaError {
  return new MediaError('ABORTED', 'The storage write stopped reading the body');
}

function bodyError(error: unknown): MediaError {
  if (isMediaError(error)) return error;
  if (isAbortError(error)) return new MediaError('ABORTED', 'The upload body was aborted', { cause: error });
  const reason = error instanceof Error && error.message ? `: ${error.message}` : '';
  return new MediaError('STORAGE_ERROR', `Reading the upload body failed${reason}`, { cause: error });
}

/**
 * Wraps an upload body so that reading it counts its bytes, hashes them (SHA-256) and enforces
 * `maxSize` and `signal`, in one pass and constant memory. Chunks are handed on as they come;
 * nothing is buffered. Reading fails with `FILE_TOO_LARGE` as soon as the count passes `maxSize`
 * (before the offending chunk is handed on), with `ABORTED` as soon as the signal fires (a stalled
 * body does not delay it), and the body is then cancelled so its producer stops too.
 */
export function meterBody(body: StorageBody, options: MeterBodyOptions = {}): MeteredBody {
  const { maxSize, signal } = options;
  if (maxSize !== undefined && !(Number.isSafeInteger(maxSize) && maxSize >= 0)) {
    throw new MediaError('VALIDATION_ERROR', 'maxSize must be a non-negative integer', {
      details: { maxSize },
    });
  }
  const source = openBodySource(body);
  const hash = createHash('sha256');
  let size = 0;
  let sha256: string | undefined;
  let failure: MediaError | undefined;
  const stopper = new AbortController();

  async function* read(): AsyncGenerator<Uint8Array, void, undefined> {
    let finished = false;
    // Rejects the read in progress. A fresh promise per read: racing every read against one
    // long-lived promise would keep a reaction, and so every chunk read, alive until it settles.
    let interrupt: ((error: MediaError) => void) | undefined;
    const onAbort = () => interrupt?.(signal?.aborted ? abortedError(signal) : stoppedError());
    signal?.addEventListener('abort', onAbort, { once: true });
    stopper.signal.addEventListener('abort', onAbort, { once: true });
    try {
      for (;;) {
        if (signal?.aborted) throw abortedError(signal);
        if (stopper.signal.aborted) throw stoppedError();
        let step: IteratorResult<unknown>;
        try {
          const next = source.next();
          step = await new Promise<IteratorResult<unknown>>((resolve, reject) => {
            interrupt = reject;
            next.then(resolve, reject);
          });
        } catch (error) {
          if (signal?.aborted) throw abortedError(signal);
          throw stopper.signal.aborted ? stoppedError() : bodyError(error);
        } finally {
          interrupt = undefined;
        }
        if (step.done) break;
        const chunk = step.value;
        if (!(chunk instanceof Uint8Array)) {
          throw new MediaError('VALIDATION_ERROR', 'A storage body must yield Uint8Array chunks', {
            details: { chunkType: typeof chunk },
          });
        }
        size += chunk.byteLength;
        if (maxSize !== undefined && size > maxSize) {
          throw new MediaError('FILE_TOO_LARGE', `The file is larger than ${maxSize} bytes`, {
            details: { maxSize },
          });
        }
        hash.update(chunk);
        if (chunk.byteLength > 0) yield chunk;
      }
      if (signal?.aborted) throw abortedError(signal);
      sha256 = hash.digest('hex');
      finished = true;
    } catch (error) {
      failure = bodyError(error);
      throw failure;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      stopper.signal.removeEventListener('abort', onAbort);
      // Reached on failure and when the consumer stops early: tell the producer to stop. Not
      // awaited: an async generator stuck in an `await` settles `return()` only when it resumes.
      if (!finished) {
        Promise.resolve()
          .then(() => source.cancel(failure ?? 'storage write stopped'))
          .catch(() => undefined);
      }
    }
  }

  return {
    chunks: read(),
    result() {
      if (sha256 === undefined) throw new Error('meterBody: the body has not been read to its end');
      return { size, sha256 };
    },
    get failure() {
      return failure;
    },
    stop() {
      if (stopper.signal.aborted || sha256 !== undefined) return;
      stopper.abort();
      Promise.resolve()
        .then(() => source.cancel(stoppedError()))
        .catch(() => undefined);
    },
  };
}
