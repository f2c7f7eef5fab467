/**
 * The wire layer of the server SDK: the Web-standard HTTP handler of the media protocol, the
 * Node server (with the realtime WebSocket endpoint), the event batcher both transports share,
 * and the protocol's OpenAPI document.
 *
 * @packageDocumentation
 */
export type { AttachedWebSocketServer, WebSocketOptions } from './attachWebSocketServer';
export { attachWebSocketServer } from './attachWebSocketServer';
export type { MediaCorsOptions } from './cors';
export type { EventBatcher, EventBatcherOptions } from './createEventBatcher';
export { createEventBatcher } from './createEventBatcher';
export type { MediaRequestHandler } from './createMediaHandler';
export {
  createMediaHandler,
  DEFAULT_BASE_PATH,
  DEFAULT_HEARTBEAT_MS,
  DEFAULT_MAX_OPERATION_BODY_BYTES,
  normalizeBasePath,
} from './createMediaHandler';
export type { NodeMediaServer, NodeServerOptions } from './createNodeServer';
export { createNodeServer } from './createNodeServer';
export type {
  AuthenticateRequest,
  MediaEventStreamOptions,
  MediaHandlerLimits,
  MediaHandlerOptions,
  MediaIdentity,
  SignedUrlRedirectOptions,
  TenantEventSource,
} from './MediaHandlerOptions';
export type { HttpMethod, RouteMatch, RoutePattern } from './matchRoute';
export type { MediaRoute } from './mediaRoutes';
export { MEDIA_ROUTES } from './mediaRoutes';
export type {
  JsonSchema,
  OpenApiDocument,
  OpenApiMethod,
  OpenApiOperation,
  OpenApiParameter,
  OpenApiResponse,
} from './OpenApiDocument';
export { openApiDocument } from './openapi';
export { DEFAULT_MAX_JSON_BODY_BYTES } from './readJsonBody';
