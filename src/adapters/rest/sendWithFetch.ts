import { parseRetryAfter, readEnvelopeReply } from './readEnvelopeReply';
import type { BodyRequest } from './sendWithXhr';
import { toRequestError } from './toRequestError';

// Blob streams may yield the whole file as one chunk; slices this big give progress a useful pace.
const SLICE_BYTES = 64 * 1024;

/** A Blob's bytes as a stream; Blob implementations without `stream()` (jsdom) are read whole. */
function blobStream(blob: Blob): ReadableStream<Uint8Array> {
  if (typeof blob.stream === 'function') return blob.stream();
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(new Uint8Array(await blob.arrayBuffer()));
      controller.close();
    },
  });
}

/** The body as a stream that reports progress as `fetch` reads it. */
function countingStream(request: BodyRequest): ReadableStream<Uint8Array> {
  const reader = blobStream(request.body).getReader();
  let loaded = 0;
  let rest: Uint8Array | null = null;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!rest || rest.byteLength === 0) {
        const { done, value } = await reader.read();
        if (done) {
          controller.close();
          return;
        }
        rest = value;
      }
      const value = rest.subarray(0, SLICE_BYTES);
      rest = rest.subarray(value.byteLength);
      loaded += value.byteLength;
      controller.enqueue(value);
      // After enqueueing, so an abort from the callback cannot race the chunk in flight.
      request.progress.report(loaded);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}

/**
 * Sends a body with `fetch` as a stream (`duplex: 'half'`), for runtimes without
 * XMLHttpRequest (Node, SSR, workers). Progress counts the bytes `fetch` has read, which tracks
 * what was sent within the transport's buffers.
 */
export async function sendWithFetch<T>(fetchImpl: typeof fetch, request: BodyRequest): Promise<T> {
  let reply: Parameters<typeof readEnvelopeReply>[0];
  try {
    request.progress.report(0);
    const response = await fetchImpl(request.url, {
      method: request.method,
      headers: request.headers,
      body: countingStream(request),
      signal: request.signal,
      duplex: 'half',
    } as RequestInit);
    reply = {
      status: response.status,
      statusText: response.statusText,
      contentType: response.headers.get('content-type'),
      text: await response.text(),
      request: request.description,
      retryAfterSeconds: parseRetryAfter(response.headers.get('retry-after')),
    };
  } catch (error) {
    throw toRequestError(error, request.description, request.signal);
  }
  const value = readEnvelopeReply<T>(reply);
  request.progress.finish();
  return value;
}
