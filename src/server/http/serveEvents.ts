import type { MediaEvent } from 'mediashelf/core';
import { createEventBatcher } from './createEventBatcher';
import { publicErrorShape } from './jsonReply';
import { listValue } from './queryValues';
import type { RouteContext } from './RouteContext';

const encoder = new TextEncoder();

function frame(event: MediaEvent): Uint8Array {
  // JSON never holds a raw newline, so one `data:` line carries the whole event.
  return encoder.encode(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
}

/**
 * `GET /events`: a Server-Sent Events stream of the caller's tenant only, batched per operation
 * and change kind, with a heartbeat comment so dead connections are noticed. `?operationId=a,b`
 * sends those operations' current state first, so a reconnecting client resumes where it is.
 * Everything is released when the client goes away (request signal) or cancels the stream.
 */
export async function serveEvents(context: RouteContext): Promise<Response> {
  const { request, url, identity, service, options } = context;
  const tenantId = identity.tenantId;
  const resumeIds = [...new Set(listValue(url.searchParams, 'operationId') ?? [])].slice(0, 100);
  let cleanup = () => {};

  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      const write = (bytes: Uint8Array) => {
        if (!open) return;
        try {
          controller.enqueue(bytes);
        } catch {
          cleanup();
        }
      };
      const batcher = createEventBatcher({
        intervalMs: options.batchMs,
        send: (event) => write(frame(event)),
      });
      const unsubscribe = options.events.subscribe((tenantEvent) => {
        if (tenantEvent.tenantId === tenantId) batcher.push(tenantEvent.event);
      });
      const heartbeat = setInterval(() => write(encoder.encode(': heartbeat\n\n')), options.heartbeatMs);
      cleanup = () => {
        if (!open) return;
        open = false;
        clearInterval(heartbeat);
        unsubscribe();
        batcher.close();
        request.signal.removeEventListener('abort', cleanup);
        try {
          controller.close();
        } catch {
          // Already closed or errored by the consumer.
        }
      };
      request.signal.addEventListener('abort', cleanup);
      if (request.signal.aborted) cleanup();
      write(encoder.encode('retry: 3000\n: connected\n\n'));
      for (const id of resumeIds) {
        service.getOperation(identity, { id }).then(
          (operation) => batcher.push({ type: 'operation.progress', operation }),
          (error: unknown) => {
            const { code, message } = publicErrorShape(error);
            write(
              encoder.encode(`event: error\ndata: ${JSON.stringify({ operationId: id, code, message })}\n\n`),
            );
          },
        );
      }
    },
    cancel() {
      cleanup();
    },
  });

  return new Response(stream, {
    status: 200,
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Accel-Buffering': 'no',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
