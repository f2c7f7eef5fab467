import { randomUUID } from 'node:crypto';
import { type BulkOperation, PROGRESS_BATCH_MS } from 'mediashelf/core';
import type { MediaDatabaseHandle } from '../db/createDatabase';
import { loadPg, type PgModule } from '../db/loadPg';
import { mapDatabaseError } from '../db/mapDatabaseError';
import type { PgPoolLike } from '../db/PgPoolLike';
import type { MediaService, TenantEvent } from '../service/MediaService';
import { createOperationRefresher } from './createOperationRefresher';
import { createProgressThrottle } from './createProgressThrottle';
import {
  type NotifyTransport,
  openPGliteTransport,
  openPostgresTransport,
  type PgListenClientLike,
  type RealtimeReconnectOptions,
} from './notifyTransports';
import { decodeRealtimeMessage, encodeTenantEvent } from './realtimeMessages';

/** Channel of {@link createRealtimeHub} when none is given. */
export const DEFAULT_REALTIME_CHANNEL = 'mediashelf_events';

/** The caller id the hub reads operations with (`getOperation` is scoped by tenant, not user). */
export const REALTIME_SYSTEM_USER = 'system';

/**
 * Where the hub listens and publishes:
 * - a handle from `createDatabase` on embedded PGlite (its `pglite` instance);
 * - `{ connectionString }` of a PostgreSQL server: the hub opens one dedicated client;
 * - `{ pool }`, a `pg` Pool: the hub opens one dedicated client with the pool's settings
 *   (`pool.options`), it never holds a pooled connection.
 *
 * A PostgreSQL `MediaDatabaseHandle` does not expose its connection settings: pass the same
 * `connectionString` or `pool` it was created from instead.
 */
export type RealtimeDatabase =
  | MediaDatabaseHandle
  | {
      connectionString: string;
      /** Extra `pg` Client settings (ssl, timeouts, ...), merged under the connection string. */
      clientConfig?: Record<string, unknown>;
    }
  | { pool: PgPoolLike };

/** Options of {@link createRealtimeHub}. */
export interface RealtimeHubOptions {
  /** This instance's service: the hub forwards its events and re-reads operations through it. */
  service: Pick<MediaService, 'subscribe' | 'getOperation'>;
  database: RealtimeDatabase;
  /**
   * LISTEN/NOTIFY channel shared by every instance (default `mediashelf_events`): a lower-case
   * identifier of at most 63 characters. Instances on one database with different channels do
   * not see each other.
   */
  channel?: string;
  /** Identifies this instance in its messages, so it skips its own echo; random by default. */
  instanceId?: string;
  /** Shortest interval between two published progress messages of one operation (default 100 ms). */
  progressIntervalMs?: number;
  /** Backoff of the PostgreSQL LISTEN connection after it drops. */
  reconnect?: RealtimeReconnectOptions;
  /**
   * Problems that do not stop the hub: a dropped connection, a failed publish or re-read, a
   * failing listener. Default: `console.warn`.
   */
  onError?: (error: unknown) => void;
}

/**
 * Events of every instance on the channel, as a `TenantEventSource`: pass it as `events` to
 * `createMediaHandler` and to the WebSocket options of `createNodeServer` /
 * `attachWebSocketServer`.
 */
export interface RealtimeHub {
  /** Receives every event of every instance with its tenant; returns the unsubscribe function. */
  subscribe(listener: (event: TenantEvent) => void): () => void;
  /** Stops forwarding and listening; the service and database stay open. Safe to call twice. */
  close(): Promise<void>;
  /** This instance's id in the messages it publishes. */
  readonly instanceId: string;
  /** The LISTEN/NOTIFY channel. */
  readonly channel: string;
  /** Whether the channel is listened to right now (false while the PostgreSQL client reconnects). */
  readonly connected: boolean;
}

const CHANNEL_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;
const MAX_INSTANCE_ID_LENGTH = 200;

function isDatabaseHandle(database: RealtimeDatabase): database is MediaDatabaseHandle {
  return typeof database === 'object' && database !== null && 'db' in database && 'dialect' in database;
}

type PgWithClient = PgModule & { Client: new (config: Record<string, unknown>) => PgListenClientLike };

async function postgresClientFactory(database: RealtimeDatabase): Promise<() => PgListenClientLike> {
  const defaults = {
    fallback_application_name: 'mediashelf-realtime',
    // A silently dead connection (no RST) is noticed by TCP keepalive and then reconnected.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  };
  if ('connectionString' in database) {
    if (typeof database.connectionString !== 'string' || database.connectionString.trim() === '') {
      throw new TypeError('database.connectionString must be a non-empty PostgreSQL URL');
    }
    const pg = (await loadPg()) as PgWithClient;
    const config = {
      connectionTimeoutMillis: 10_000,
      ...defaults,
      ...database.clientConfig,
      connectionString: database.connectionString,
    };
    return () => new pg.Client(config);
  }
  if ('pool' in database) {
    const options = (database.pool as { options?: unknown } | null)?.options;
    if (typeof options !== 'object' || options === null) {
      throw new TypeError('database.pool must be a pg Pool (its `options` give the connection settings)');
    }
    const pg = (await loadPg()) as PgWithClient;
    const { Client: custom, ...settings } = options as Record<string, unknown>;
    const Client = typeof custom === 'function' ? (custom as PgWithClient['Client']) : pg.Client;
    return () => new Client({ ...defaults, ...settings });
  }
  throw new TypeError('database must be a MediaDatabaseHandle, { connectionString } or { pool }');
}

/**
 * Shares realtime events between server instances through PostgreSQL LISTEN/NOTIFY.
 *
 * Every event of the local `service` is delivered to the hub's listeners at once and published
 * on `channel` with this instance's id; events published by other instances are delivered too,
 * the instance's own echo is skipped. A NOTIFY payload holds less than 8000 bytes, so:
 * - `media.changed` with many ids is split into several notifications (each a valid event);
 * - `operation.progress` travels whole when it fits, otherwise as a reference
 *   `{operationId, tenantId, status, processed, total}`; the receiving instance re-reads the
 *   operation with `service.getOperation` (at most one read in flight per operation, the final
 *   state always delivered) before delivering it.
 *
 * Progress is published at most every `progressIntervalMs` (100 ms) per operation, the final
 * state always and at once. On PostgreSQL the hub holds one dedicated client; when it drops,
 * it reconnects with backoff, buffering what this instance publishes meanwhile. Notifications
 * of other instances sent during the gap are lost: clients resume from the operation's current
 * state when they reconnect or re-subscribe (`GET /events?operationId=`, WebSocket `subscribe`,
 * polling `GET /operations/:id`), so a lost progress message only delays a progress bar.
 *
 * Resolves once the channel is listened to; rejects (a `MediaError`) when the database cannot
 * be reached. Close the hub before the service and the database.
 */
export async function createRealtimeHub(options: RealtimeHubOptions): Promise<RealtimeHub> {
  const { service, database } = options;
  if (typeof service?.subscribe !== 'function' || typeof service.getOperation !== 'function') {
    throw new TypeError('service must have subscribe and getOperation');
  }
  if (typeof database !== 'object' || database === null) throw new TypeError('database is required');
  const channel = options.channel ?? DEFAULT_REALTIME_CHANNEL;
  if (typeof channel !== 'string' || !CHANNEL_PATTERN.test(channel)) {
    throw new TypeError('channel must be a lower-case identifier (a-z, 0-9, _) of at most 63 characters');
  }
  const instanceId = options.instanceId ?? randomUUID();
  if (typeof instanceId !== 'string' || instanceId === '' || instanceId.length > MAX_INSTANCE_ID_LENGTH) {
    throw new TypeError(
      `instanceId must be a non-empty string of at most ${MAX_INSTANCE_ID_LENGTH} characters`,
    );
  }
  const progressIntervalMs = options.progressIntervalMs ?? PROGRESS_BATCH_MS;
  const onError = options.onError ?? ((error: unknown) => console.warn('[mediashelf] realtime:', error));
  const report = (error: unknown) => {
    try {
      onError(error);
    } catch {
      // An error handler that throws must not break event delivery.
    }
  };

  const listeners = new Set<(event: TenantEvent) => void>();
  let closed = false;
  const deliver = (event: TenantEvent) => {
    if (closed) return;
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (error) {
        report(error);
      }
    }
  };
  const deliverOperation = (tenantId: string, operation: BulkOperation) =>
    deliver({ tenantId, event: { type: 'operation.progress', operation } });

  const refresher = createOperationRefresher({
    read: (tenantId, id) => service.getOperation({ tenantId, userId: REALTIME_SYSTEM_USER }, { id }),
    deliver: deliverOperation,
    onError: report,
  });

  const onPayload = (payload: string) => {
    if (closed) return;
    const message = decodeRealtimeMessage(payload);
    if (!message || message.origin === instanceId) return;
    if (message.kind === 'changed') {
      deliver({
        tenantId: message.tenantId,
        event: { type: 'media.changed', change: message.change, ids: message.ids },
      });
    } else if (message.kind === 'operation') {
      deliverOperation(message.tenantId, message.operation);
    } else {
      refresher.request(message.reference);
    }
  };

  let transport: NotifyTransport;
  const handlers = { channel, onPayload, onError: report };
  try {
    if (isDatabaseHandle(database)) {
      if (database.dialect !== 'pglite' || !database.pglite) {
        throw new TypeError(
          'On PostgreSQL pass { connectionString } or { pool } (the settings the database was opened with): ' +
            'the hub needs its own client for LISTEN',
        );
      }
      transport = await openPGliteTransport(database.pglite, database.db, handlers);
    } else {
      transport = await openPostgresTransport(
        await postgresClientFactory(database),
        handlers,
        options.reconnect,
      );
    }
  } catch (error) {
    await refresher.close();
    throw error instanceof TypeError ? error : mapDatabaseError(error);
  }

  const publish = (event: TenantEvent) => {
    let payloads: string[];
    try {
      payloads = encodeTenantEvent(event, instanceId);
    } catch (error) {
      report(error);
      return;
    }
    for (const payload of payloads) transport.publish(payload);
  };
  const throttle = createProgressThrottle({
    intervalMs: progressIntervalMs,
    send: (tenantId, operation) => publish({ tenantId, event: { type: 'operation.progress', operation } }),
  });

  const unsubscribeService = service.subscribe((event) => {
    deliver(event);
    if (closed) return;
    if (event.event.type === 'operation.progress') throttle.push(event.tenantId, event.event.operation);
    else publish(event);
  });

  let closing: Promise<void> | undefined;
  return {
    instanceId,
    channel,
    get connected() {
      return !closed && transport.connected;
    },
    subscribe(listener) {
      if (typeof listener !== 'function') throw new TypeError('listener must be a function');
      if (closed) return () => {};
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    close() {
      closing ??= (async () => {
        closed = true;
        unsubscribeService();
        throttle.close();
        listeners.clear();
        await transport.close();
        await refresher.close();
      })();
      return closing;
    },
  };
}
