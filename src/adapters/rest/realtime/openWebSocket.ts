import type { WebSocketConstructorLike } from '../RestAdapterOptions';
import { parseRealtimeMessage } from './parseRealtimeMessage';
import type { OpenTransport } from './RealtimeTransport';

/** The `ws:`/`wss:` URL of `<baseUrl>/ws`, resolving a relative base URL against the page. */
export function webSocketUrl(baseUrl: string): string {
  const base = typeof globalThis.location === 'object' ? globalThis.location.href : undefined;
  const url = new URL(`${baseUrl.replace(/\/+$/, '')}/ws`, base);
  url.protocol = url.protocol === 'https:' ? 'wss:' : url.protocol === 'http:' ? 'ws:' : url.protocol;
  return url.toString();
}

const textOf = (data: unknown): string | null => {
  if (typeof data === 'string') return data;
  // `ws` may hand over a Buffer; browsers a Blob or ArrayBuffer only for binary frames we never send.
  if (data instanceof Uint8Array) return new TextDecoder().decode(data);
  if (data instanceof ArrayBuffer) return new TextDecoder().decode(new Uint8Array(data));
  return null;
};

/**
 * The WebSocket transport at `<baseUrl>/ws`. Headers are offered as the constructor's third
 * argument (`ws` sends them, browsers ignore it). A socket that does not open within
 * `connectTimeoutMs` counts as failed.
 */
export function openWebSocket(options: {
  /** The handler's base URL; the socket URL is derived when connecting (a relative one needs a page). */
  baseUrl: string;
  WebSocket: WebSocketConstructorLike;
  headers: () => Promise<Record<string, string>>;
  connectTimeoutMs: number;
}): OpenTransport {
  return (handlers) => {
    let socket: { close(): void } | null = null;
    let closed = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = (error?: unknown) => {
      if (closed) return;
      closed = true;
      clearTimeout(timer);
      try {
        socket?.close();
      } catch {
        // Closing a socket that never opened may throw in some runtimes; it is gone either way.
      }
      handlers.onClose(error);
    };
    void options
      .headers()
      .then((headers) => {
        if (closed) return;
        const ws = new options.WebSocket(webSocketUrl(options.baseUrl), undefined, { headers });
        socket = ws;
        timer = setTimeout(
          () => finish(new Error('WebSocket did not open in time')),
          options.connectTimeoutMs,
        );
        ws.addEventListener('open', () => {
          clearTimeout(timer);
          if (!closed) handlers.onOpen();
        });
        ws.addEventListener('message', (message) => {
          if (closed) return;
          const text = textOf(message.data);
          const event = text === null ? null : parseRealtimeMessage(text);
          if (event) handlers.onEvent(event);
        });
        ws.addEventListener('error', () => finish(new Error('WebSocket error')));
        ws.addEventListener('close', () => finish());
      })
      .catch(finish);
    return {
      close() {
        closed = true;
        clearTimeout(timer);
        try {
          socket?.close();
        } catch {
          // See above.
        }
      },
    };
  };
}
