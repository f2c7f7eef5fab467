/**
 * `mediashelf/adapters/rest`: a `MediaAdapter` over the HTTP protocol of `createMediaHandler`
 * (fetch and XMLHttpRequest for requests and uploads; WebSocket, Server-Sent Events or polling
 * for realtime progress). Runs in browsers, Node and edge runtimes.
 *
 * @packageDocumentation
 */

export { createRestAdapter } from './createRestAdapter';
export { codeForStatus } from './errorFromStatus';
export type {
  EventSourceConstructorLike,
  EventSourceLike,
  HeadersSource,
  RealtimeMode,
  RealtimeTransportKind,
  ReconnectOptions,
  RestAdapter,
  RestAdapterOptions,
  WebSocketConstructorLike,
  WebSocketLike,
} from './RestAdapterOptions';
