/**
 * Realtime across server instances: {@link createRealtimeHub} shares the service's events
 * between every instance on one database through PostgreSQL LISTEN/NOTIFY (or inside embedded
 * PGlite), as a `TenantEventSource` for the SSE route and the WebSocket endpoint.
 *
 * ```ts
 * const hub = await createRealtimeHub({ service, database: { connectionString: process.env.DATABASE_URL! } });
 * const handler = createMediaHandler({ service, authenticate, events: hub });
 * const server = await createNodeServer({ handler, websocket: { service, authenticate, events: hub } });
 * // on shutdown: await server.close(); await hub.close(); await service.close(); await database.close();
 * ```
 *
 * Delivery is best effort: notifications sent while an instance's LISTEN connection is down
 * are lost to it. Clients never depend on a single message: they resume from the operation's
 * current state when they reconnect or subscribe, and poll `GET /operations/:id` as a fallback.
 *
 * @packageDocumentation
 */
export type { RealtimeDatabase, RealtimeHub, RealtimeHubOptions } from './createRealtimeHub';
export { createRealtimeHub, DEFAULT_REALTIME_CHANNEL, REALTIME_SYSTEM_USER } from './createRealtimeHub';
export type { RealtimeReconnectOptions } from './notifyTransports';
export type { OperationReference, RealtimeMessage } from './realtimeMessages';
export {
  decodeRealtimeMessage,
  encodeTenantEvent,
  MAX_NOTIFY_PAYLOAD_BYTES,
  PayloadTooLargeError,
  REALTIME_MESSAGE_VERSION,
} from './realtimeMessages';
