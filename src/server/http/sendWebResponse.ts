import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';

/**
 * Writes a Web `Response` to a Node response: status, headers (each `Set-Cookie` separately) and
 * the body streamed with backpressure. When the client goes away the body stream is cancelled,
 * which releases what feeds it (a storage read, an event subscription). A reply sent before the
 * request body was read to its end (a 413, a refused upload) closes the connection, so the rest
 * of that body is never read.
 */
export async function sendWebResponse(
  response: Response,
  target: ServerResponse,
  source?: IncomingMessage,
): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  if (source && !source.complete) headers.connection = 'close';
  target.writeHead(response.status, response.statusText || undefined, headers);
  if (!response.body) {
    target.end();
    return;
  }
  // Event streams must reach the client before the first event.
  target.flushHeaders();
  try {
    await pipeline(Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>), target);
  } catch {
    // The client disconnected or the body failed mid-way; the socket is already destroyed.
  }
}
