import type { PGlite } from '@electric-sql/pglite';
import { type Kysely, sql } from 'kysely';
import type { MediaDatabase } from '../db/MediaDatabase';
import { isConnectionError } from '../db/mapDatabaseError';

/** Publishes and receives the payloads of one LISTEN/NOTIFY channel. */
export interface NotifyTransport {
  /** Whether the channel is listened to right now (false while reconnecting). */
  readonly connected: boolean;
  /** Sends a payload; failures go to `onError` (fire and forget, in order). */
  publish(payload: string): void;
  /** Stops listening after the payloads being sent went out. Safe to call twice. */
  close(): Promise<void>;
}

/** What a transport needs from the hub. */
export interface TransportHandlers {
  channel: string;
  onPayload: (payload: string) => void;
  onError: (error: unknown) => void;
}

/** The parts of a `pg` Client the hub uses; declared here so the types do not need `@types/pg`. */
export interface PgListenClientLike {
  connect(): Promise<unknown>;
  query(text: string, values?: unknown[]): Promise<unknown>;
  end(): Promise<void>;
  on(event: 'notification', listener: (message: { channel: string; payload?: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
}

/** Backoff of the LISTEN connection after it drops. */
export interface RealtimeReconnectOptions {
  /** First delay (default 250 ms); doubled after each failed attempt, with jitter. */
  initialDelayMs?: number;
  /** Longest delay (default 30 000 ms). */
  maxDelayMs?: number;
}

/** Payloads waiting to be sent (while the connection is down, say); beyond this the oldest are dropped. */
const MAX_QUEUED_PAYLOADS = 1000;
/** Payloads sent by one statement: one round trip for a split `media.changed`. */
const MAX_PAYLOADS_PER_STATEMENT = 64;

/** `LISTEN` takes an identifier; the hub only accepts plain lower-case names, quoted anyway. */
function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * LISTEN/NOTIFY on a PostgreSQL server through one dedicated client (never a pooled connection:
 * a pool would hand the session to other work and drop the LISTEN). Payloads are published on
 * the same client, one statement at a time (`pg_notify` over `unnest`, up to 64 payloads per
 * round trip), so they leave in order. When the connection fails (`error` or `end`), the client
 * is replaced after a backoff; payloads published meanwhile wait in the queue (up to 1000, the
 * oldest dropped beyond) and go out after reconnecting. Notifications sent by other instances
 * while this one was disconnected are lost.
 */
export async function openPostgresTransport(
  createClient: () => PgListenClientLike,
  handlers: TransportHandlers,
  reconnect: RealtimeReconnectOptions = {},
): Promise<NotifyTransport> {
  const initialDelayMs = reconnect.initialDelayMs ?? 250;
  const maxDelayMs = reconnect.maxDelayMs ?? 30_000;
  let current: PgListenClientLike | null = null;
  let closed = false;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const queue: string[] = [];
  let overflowReported = false;
  let draining: Promise<void> | null = null;

  const drain = async () => {
    while (queue.length > 0) {
      const client = current;
      if (client === null) return;
      const batch = queue.splice(0, MAX_PAYLOADS_PER_STATEMENT);
      try {
        await client.query('select pg_notify($1, payload) from unnest($2::text[]) as payload', [
          handlers.channel,
          batch,
        ]);
      } catch (error) {
        // The connection went away under the statement: the batch goes first on the next client.
        if (!closed && (client !== current || isConnectionError(error))) {
          queue.unshift(...batch);
          if (client === current) lost(client, error);
          return;
        }
        handlers.onError(error);
      }
    }
  };

  const startDraining = () => {
    if (draining !== null || current === null) return;
    draining = drain().finally(() => {
      draining = null;
      if (current !== null && queue.length > 0) startDraining();
    });
  };

  const lost = (client: PgListenClientLike, error?: unknown) => {
    if (client !== current) return;
    current = null;
    if (error !== undefined && !closed) handlers.onError(error);
    client.end().catch(() => undefined);
    scheduleReconnect();
  };

  const connect = async () => {
    const client = createClient();
    // Listeners first: an error before `connect` resolves must not become an unhandled event.
    client.on('notification', (message) => {
      if (client === current && message.channel === handlers.channel && message.payload !== undefined) {
        handlers.onPayload(message.payload);
      }
    });
    client.on('error', (error) => lost(client, error));
    client.on('end', () => lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${quoteIdentifier(handlers.channel)}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (closed) {
      await client.end().catch(() => undefined);
      return;
    }
    current = client;
    attempt = 0;
    overflowReported = false;
    startDraining();
  };

  const scheduleReconnect = () => {
    if (closed || timer !== null) return;
    const base = Math.min(maxDelayMs, initialDelayMs * 2 ** attempt);
    attempt += 1;
    const delay = Math.round(base / 2 + (Math.random() * base) / 2);
    timer = setTimeout(() => {
      timer = null;
      connect().catch((error: unknown) => {
        if (!closed) handlers.onError(error);
        scheduleReconnect();
      });
    }, delay);
    // The host's server keeps the process alive; a hub waiting to reconnect alone should not.
    timer.unref?.();
  };

  await connect();

  return {
    get connected() {
      return current !== null;
    },
    publish(payload) {
      if (closed) return;
      queue.push(payload);
      if (queue.length > MAX_QUEUED_PAYLOADS) {
        queue.shift();
        if (!overflowReported) {
          overflowReported = true;
          handlers.onError(new Error('realtime events dropped while PostgreSQL was unreachable'));
        }
      }
      startDraining();
    },
    async close() {
      if (closed) return;
      closed = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      // What was published before close still goes out while the connection is up.
      while (draining !== null) await draining;
      const client = current;
      current = null;
      queue.length = 0;
      await client?.end().catch(() => undefined);
    },
  };
}

/**
 * LISTEN/NOTIFY inside embedded PGlite: one session, so every hub on the instance hears every
 * payload (each skips its own). LISTEN and UNLISTEN run while holding the Kysely driver's
 * connection so they never land inside another caller's transaction; payloads go out as
 * single statements through Kysely, which takes the connection the same way.
 */
export async function openPGliteTransport(
  pglite: PGlite,
  db: Kysely<MediaDatabase>,
  handlers: TransportHandlers,
): Promise<NotifyTransport> {
  let closed = false;
  const inFlight = new Set<Promise<void>>();
  const onNotification = (payload: string) => {
    if (!closed) handlers.onPayload(payload);
  };
  const unlisten = await db.connection().execute(() => pglite.listen(handlers.channel, onNotification));

  return {
    get connected() {
      return !closed && !pglite.closed;
    },
    publish(payload) {
      if (closed) return;
      const sending: Promise<void> = sql`select pg_notify(${handlers.channel}, ${payload})`
        .execute(db)
        .then(
          () => undefined,
          (error: unknown) => handlers.onError(error),
        )
        .finally(() => inFlight.delete(sending));
      inFlight.add(sending);
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.allSettled([...inFlight]);
      if (pglite.closed) return;
      await db
        .connection()
        .execute(() => unlisten())
        .catch(() => undefined);
    },
  };
}
