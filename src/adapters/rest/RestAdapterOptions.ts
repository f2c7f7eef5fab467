import type { MediaAdapter } from 'mediashelf/core';

/** Request headers, or a function that answers them per request (for short-lived auth tokens). */
export type HeadersSource =
  | Record<string, string>
  | (() => Record<string, string> | Promise<Record<string, string>>);

/**
 * How {@link RestAdapter.subscribe} receives events. `auto` prefers a WebSocket, falls back to
 * Server-Sent Events when the socket cannot open, and to polling when neither can.
 */
export type RealtimeMode = 'auto' | 'websocket' | 'sse' | 'poll';

/** The transport a subscription currently uses. */
export type RealtimeTransportKind = 'websocket' | 'sse' | 'poll';

/** The part of the WebSocket API the adapter uses (browser `WebSocket` or the `ws` package). */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'close' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

/**
 * A WebSocket constructor. The adapter calls it as `new WebSocket(url, undefined, { headers })`:
 * the `ws` package sends those headers with the upgrade request; browsers ignore the third
 * argument (they send cookies instead).
 */
export type WebSocketConstructorLike = new (
  url: string,
  protocols?: string | string[],
  options?: { headers?: Record<string, string> },
) => WebSocketLike;

/** The part of the EventSource API the adapter uses. */
export interface EventSourceLike {
  close(): void;
  addEventListener(type: string, listener: (event: { data?: unknown }) => void): void;
}

/** An EventSource constructor (browser `EventSource` or a polyfill). */
export type EventSourceConstructorLike = new (
  url: string,
  init?: { withCredentials?: boolean },
) => EventSourceLike;

/** Backoff of reconnects (and of polling after errors): exponential with jitter. */
export interface ReconnectOptions {
  /** First delay; default 500 ms. */
  initialDelayMs?: number;
  /** Largest delay; default 30 000 ms. */
  maxDelayMs?: number;
}

/** Options of {@link createRestAdapter}. */
export interface RestAdapterOptions {
  /** URL of the HTTP handler's base path, e.g. `https://lms.example/api/media` or `/api/media`. */
  baseUrl: string;
  /** The fetch to use; default `globalThis.fetch`. Wrap it to add retries or tracing. */
  fetch?: typeof fetch;
  /** Extra request headers (e.g. `authorization`), or a function answering them per request. */
  headers?: HeadersSource;
  /**
   * Whether requests carry cookies: `include` for an API on another origin that authenticates by
   * session cookie (its handler needs `cors: { origin, credentials: true }`). Applies to fetch
   * requests, Server-Sent Events over fetch and XMLHttpRequest uploads (`withCredentials`).
   * Default: the runtime's (`same-origin` in browsers).
   */
  credentials?: RequestCredentials;
  /** Realtime transport; default `auto`. */
  realtime?: RealtimeMode;
  /** WebSocket constructor; default `globalThis.WebSocket`. In Node 20 pass `WebSocket` from `ws`. */
  WebSocket?: WebSocketConstructorLike;
  /**
   * EventSource constructor. When omitted, Server-Sent Events are read over `fetch` streaming,
   * which works in browsers and Node and, unlike `EventSource`, sends {@link headers}.
   */
  EventSource?: EventSourceConstructorLike;
  /** Reconnect backoff. */
  reconnect?: ReconnectOptions;
  /** Base interval of operation polling (poll mode and fallback); default 1 000 ms. */
  pollIntervalMs?: number;
  /**
   * How uploads and replacements send their body. `auto` (default) uses XMLHttpRequest where it
   * exists (browsers: real upload progress) and `fetch` with a streamed body elsewhere (Node,
   * SSR), which reports progress as the body is read. `xhr` bypasses a custom {@link fetch}.
   */
  upload?: 'auto' | 'xhr' | 'fetch';
  /** XMLHttpRequest constructor; default `globalThis.XMLHttpRequest`. */
  XMLHttpRequest?: typeof XMLHttpRequest;
  /** Longest wait for a realtime connection to open before it counts as failed; default 10 000 ms. */
  connectTimeoutMs?: number;
}

/** The REST adapter: a {@link MediaAdapter} plus realtime diagnostics and cleanup. */
export interface RestAdapter extends MediaAdapter {
  subscribe: NonNullable<MediaAdapter['subscribe']>;
  /** Transport of the open realtime connection, or null while none is open. */
  readonly realtimeTransport: RealtimeTransportKind | null;
  /** Closes the realtime connection and drops every listener; requests keep working. */
  close(): void;
}
