import type { BulkOperation } from 'mediashelf/core';
import type { HttpClient } from './createHttpClient';
import type { RestAdapterOptions, WebSocketConstructorLike } from './RestAdapterOptions';
import { DEFAULT_INITIAL_DELAY_MS, DEFAULT_MAX_DELAY_MS } from './realtime/backoffDelay';
import { createOperationTracker } from './realtime/createOperationTracker';
import { createRealtimeHub, type RealtimeHub, type TransportCandidate } from './realtime/createRealtimeHub';
import { openEventSource } from './realtime/openEventSource';
import { openFetchEventStream } from './realtime/openFetchEventStream';
import { openWebSocket } from './realtime/openWebSocket';

/** Default base interval of operation polling. */
export const DEFAULT_POLL_INTERVAL_MS = 1_000;
/** Default longest wait for a realtime connection to open. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
// A change right after subscribing waits at most this long for the connection, then goes ahead.
const SETTLE_TIMEOUT_MS = 2_000;

/** Builds the realtime hub of a REST adapter from its options. */
export function createRestRealtime(
  options: RestAdapterOptions,
  client: HttpClient,
  fetchOperation: (id: string) => Promise<BulkOperation>,
): RealtimeHub {
  const mode = options.realtime ?? 'auto';
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const WebSocketImpl =
    options.WebSocket ??
    ((globalThis as { WebSocket?: unknown }).WebSocket as WebSocketConstructorLike | undefined);
  const candidates: TransportCandidate[] = [];
  if ((mode === 'auto' || mode === 'websocket') && typeof WebSocketImpl === 'function') {
    candidates.push({
      kind: 'websocket',
      open: openWebSocket({
        baseUrl: options.baseUrl,
        WebSocket: WebSocketImpl,
        headers: client.headers,
        connectTimeoutMs,
      }),
    });
  }
  if (mode === 'auto' || mode === 'sse') {
    candidates.push({
      kind: 'sse',
      open: options.EventSource
        ? openEventSource({ url: client.url('/events'), EventSource: options.EventSource, connectTimeoutMs })
        : openFetchEventStream({
            url: client.url('/events'),
            fetch: client.fetch,
            headers: client.headers,
            connectTimeoutMs,
          }),
    });
  }
  return createRealtimeHub({
    candidates,
    // 'websocket' without a WebSocket constructor has nothing to open: it polls rather than failing.
    fallbackToPolling: mode === 'auto' || mode === 'poll' || candidates.length === 0,
    tracker: createOperationTracker(),
    fetchOperation,
    initialDelayMs: options.reconnect?.initialDelayMs ?? DEFAULT_INITIAL_DELAY_MS,
    maxDelayMs: options.reconnect?.maxDelayMs ?? DEFAULT_MAX_DELAY_MS,
    pollIntervalMs: options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS,
    settleTimeoutMs: Math.min(SETTLE_TIMEOUT_MS, connectTimeoutMs),
  });
}
