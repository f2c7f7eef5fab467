import { MediaError } from 'mediashelf/core';
import { type BodySource, openBodySource } from '../storage/openBodySource';
import type { StorageBody } from '../storage/StorageDriver';
import { isAccepted } from './ServiceRuntime';
import { checkContentType, SNIFF_BYTES } from './sniffMimeType';

/** Options of {@link inspectBody}. */
export interface InspectBodyOptions {
  declaredType: string;
  acceptTypes: string[] | null;
  /** Called once the leading bytes have decided the stored type. */
  onType: (fileType: string) => void;
  onProgress?: (loaded: number, total: number | undefined) => void;
  total?: number;
}

function concat(chunks: Uint8Array[], length: number): Uint8Array {
  const joined = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.length;
  }
  return joined;
}

/**
 * Passes an upload body through while it streams to storage: holds back only the first 64 bytes
 * until they decide the file's type (magic bytes against the declared type, then the accepted
 * types), reports progress after every chunk, and fails the stream with `UNSUPPORTED_TYPE`
 * before any byte is stored when the content is refused.
 *
 * Stopping it (`return()`, as the storage write does on abort, size limit or failure) cancels the
 * body at once, even while a read of a stalled body is pending: a plain async generator would
 * only see the request when that read completes, leaving the producer (the HTTP request) open.
 */
export function inspectBody(
  body: StorageBody,
  options: InspectBodyOptions,
): AsyncIterableIterator<Uint8Array> {
  const source = openBodySource(body);
  let stopping: Promise<void> | undefined;
  const stop = (reason: unknown) => {
    stopping ??= source.cancel(reason).then(
      () => undefined,
      () => undefined,
    );
    return stopping;
  };
  const generator = inspect(source, options, stop, () => stopping !== undefined);
  const iterator: AsyncIterableIterator<Uint8Array> = {
    next: () => generator.next(),
    return: (value?: unknown) => {
      void stop('upload stopped');
      return generator.return(value as undefined);
    },
    throw: (error?: unknown) => {
      void stop(error);
      return generator.throw(error);
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

async function* inspect(
  source: BodySource,
  options: InspectBodyOptions,
  stop: (reason: unknown) => Promise<void>,
  stopped: () => boolean,
): AsyncGenerator<Uint8Array, void, undefined> {
  let head: Uint8Array[] = [];
  let headLength = 0;
  let decided = false;
  let loaded = 0;
  let finished = false;
  const decide = () => {
    const fileType = checkContentType(
      options.declaredType,
      concat(head, headLength).subarray(0, SNIFF_BYTES),
    );
    if (!isAccepted(fileType, options.acceptTypes)) {
      throw new MediaError('UNSUPPORTED_TYPE', `Files of type ${fileType} are not accepted`, {
        details: { fileType, accepted: options.acceptTypes },
      });
    }
    options.onType(fileType);
    decided = true;
  };
  try {
    for (;;) {
      const step = await source.next();
      // A cancelled body ends early: that is not its real end, so decide nothing from it.
      if (stopped()) return;
      if (step.done) break;
      const chunk = step.value;
      if (!(chunk instanceof Uint8Array)) {
        throw new MediaError('VALIDATION_ERROR', 'A storage body must deliver Uint8Array chunks');
      }
      loaded += chunk.length;
      options.onProgress?.(loaded, options.total);
      if (decided) {
        yield chunk;
        continue;
      }
      head.push(chunk);
      headLength += chunk.length;
      if (headLength >= SNIFF_BYTES) {
        decide();
        yield* head;
        head = [];
      }
    }
    if (!decided) {
      decide();
      yield* head;
    }
    finished = true;
  } finally {
    // Refused, failed or stopped early: tell the producer to stop too.
    if (!finished) void stop('upload stopped');
  }
}
