import type { IncomingMessage, ServerResponse } from 'node:http';

// Enough chunks in flight to keep the disk or network busy without reading the whole body ahead.
const BODY_HIGH_WATER_MARK = 16;

function abortError(): Error {
  const error = new Error('The client disconnected');
  error.name = 'AbortError';
  return error;
}

/**
 * A Web `ReadableStream` over a Node request body that pulls only as fast as it is read (the
 * socket is paused while the queue is full) and fails with an `AbortError` when the client
 * disconnects before the end.
 */
function bodyStream(request: IncomingMessage, signal: AbortSignal): ReadableStream<Uint8Array> {
  let done = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        request.pause();
        request.on('data', (chunk: Buffer) => {
          if (done) return;
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 0) <= 0) request.pause();
        });
        request.on('end', () => {
          if (done) return;
          done = true;
          controller.close();
        });
        request.on('error', (error) => {
          if (done) return;
          done = true;
          controller.error(error);
        });
        signal.addEventListener('abort', () => {
          if (done) return;
          done = true;
          controller.error(abortError());
        });
      },
      pull() {
        request.resume();
      },
      cancel() {
        done = true;
        // Drain what is left so the connection can be reused; the bytes are dropped.
        request.resume();
      },
    },
    { highWaterMark: BODY_HIGH_WATER_MARK },
  );
}

function hasBody(request: IncomingMessage): boolean {
  if (request.method === 'GET' || request.method === 'HEAD') return false;
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * Converts a Node request into a Web `Request` without buffering: the body streams with
 * backpressure and `request.signal` aborts when the client disconnects before the response is
 * complete (an interrupted upload, a closed event stream).
 */
export function toWebRequest(request: IncomingMessage, response: ServerResponse, origin: string): Request {
  const controller = new AbortController();
  const abort = () => {
    if (!controller.signal.aborted) controller.abort(abortError());
  };
  request.on('aborted', abort);
  request.on('close', () => {
    if (!request.complete) abort();
  });
  response.on('close', () => {
    if (!response.writableFinished) abort();
  });
  const headers = new Headers();
  for (let index = 0; index + 1 < request.rawHeaders.length; index += 2) {
    const name = request.rawHeaders[index]!;
    // HTTP/2 pseudo-headers are not valid Fetch header names.
    if (!name.startsWith(':')) headers.append(name, request.rawHeaders[index + 1]!);
  }
  const url = new URL(request.url ?? '/', origin);
  const init: RequestInit & { duplex?: 'half' } = {
    method: request.method ?? 'GET',
    headers,
    signal: controller.signal,
  };
  if (hasBody(request)) {
    init.body = bodyStream(request, controller.signal);
    init.duplex = 'half';
  }
  return new Request(url, init);
}
