import type { EventSourceConstructorLike } from '../RestAdapterOptions';
import { parseRealtimeMessage } from './parseRealtimeMessage';
import type { OpenTransport } from './RealtimeTransport';

const EVENT_NAMES = ['message', 'operation.progress', 'media.changed'] as const;

/**
 * Server-Sent Events through a given `EventSource` (with credentials, since it cannot send
 * headers). Its own automatic reconnect is cut short: the first error closes it and the hub
 * reconnects with backoff and resumes operation state, which EventSource alone would not.
 */
export function openEventSource(options: {
  url: string;
  EventSource: EventSourceConstructorLike;
  connectTimeoutMs: number;
}): OpenTransport {
  return (handlers) => {
    let closed = false;
    const source = new options.EventSource(options.url, { withCredentials: true });
    const finish = (error?: unknown) => {
      if (closed) return;
      closed = true;
      clearTimeout(timer);
      source.close();
      handlers.onClose(error);
    };
    const timer = setTimeout(
      () => finish(new Error('EventSource did not open in time')),
      options.connectTimeoutMs,
    );
    source.addEventListener('open', () => {
      clearTimeout(timer);
      if (!closed) handlers.onOpen();
    });
    for (const name of EVENT_NAMES) {
      source.addEventListener(name, (message) => {
        const event = closed ? null : parseRealtimeMessage(message.data, name);
        if (event) handlers.onEvent(event);
      });
    }
    source.addEventListener('error', () => finish(new Error('EventSource error')));
    return {
      close() {
        closed = true;
        clearTimeout(timer);
        source.close();
      },
    };
  };
}
