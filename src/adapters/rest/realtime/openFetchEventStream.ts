import { createEventStreamParser } from './parseEventStream';
import { parseRealtimeMessage } from './parseRealtimeMessage';
import type { OpenTransport } from './RealtimeTransport';

/**
 * Server-Sent Events read over `fetch` streaming: works in browsers and Node alike and, unlike
 * `EventSource`, sends the adapter's headers. The connection counts as open once a
 * `text/event-stream` response arrives; any other reply is a failure to open.
 */
export function openFetchEventStream(options: {
  url: string;
  fetch: typeof fetch;
  headers: () => Promise<Record<string, string>>;
  connectTimeoutMs: number;
}): OpenTransport {
  return (handlers) => {
    const controller = new AbortController();
    let closed = false;
    const finish = (error?: unknown) => {
      if (closed) return;
      closed = true;
      controller.abort();
      handlers.onClose(error);
    };
    const timer = setTimeout(
      () => finish(new Error('event stream did not open in time')),
      options.connectTimeoutMs,
    );
    const run = async () => {
      const headers = {
        ...(await options.headers()),
        accept: 'text/event-stream',
        'cache-control': 'no-cache',
      };
      const response = await options.fetch(options.url, { headers, signal: controller.signal });
      clearTimeout(timer);
      const type = response.headers.get('content-type') ?? '';
      if (!response.ok || !type.startsWith('text/event-stream') || !response.body) {
        await response.body?.cancel().catch(() => {});
        throw new Error(`event stream answered HTTP ${response.status} ${type}`);
      }
      if (closed) return;
      handlers.onOpen();
      const parse = createEventStreamParser((message) => {
        const event = parseRealtimeMessage(message.data, message.event);
        if (event && !closed) handlers.onEvent(event);
      });
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done || closed) break;
        parse(value);
      }
      finish();
    };
    run().catch((error: unknown) => {
      clearTimeout(timer);
      finish(error);
    });
    return {
      close() {
        closed = true;
        clearTimeout(timer);
        controller.abort();
      },
    };
  };
}
