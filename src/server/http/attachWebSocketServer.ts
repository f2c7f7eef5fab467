import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { PROGRESS_BATCH_MS } from 'mediashelf/core';
import { type WebSocket, WebSocketServer } from 'ws';
import type { MediaContext, MediaService } from '../service/MediaService';
import { createEventBatcher } from './createEventBatcher';
import { publicErrorShape } from './jsonReply';
import type { AuthenticateRequest, TenantEventSource } from './MediaHandlerOptions';

/** Options of {@link attachWebSocketServer}. */
export interface WebSocketOptions {
  /** Answers `subscribe` messages with an operation's current state (`getOperation`). */
  service: Pick<MediaService, 'getOperation'> & Partial<TenantEventSource>;
  /** Checks the upgrade request (cookies, `Authorization`, a token in the query); null rejects with 401. */
  authenticate: AuthenticateRequest;
  /** Event source (default: `service`). */
  events?: TenantEventSource;
  /** The handler's base path; the endpoint is `<basePath>/ws` (default `/api/media/ws`). */
  basePath?: string;
  /** Ping interval; a connection that has not answered the previous ping is terminated (default 30 000 ms). */
  pingIntervalMs?: number;
  /** Batching window (default 100 ms). */
  batchMs?: number;
}

/** A running WebSocket endpoint. */
export interface AttachedWebSocketServer {
  readonly wss: WebSocketServer;
  /** Closes every connection and stops the heartbeat. */
  close(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 4096;

function reject(socket: Duplex, status: number, reason: string): void {
  const body = JSON.stringify({
    success: false,
    error: { code: status === 401 ? 'UNAUTHENTICATED' : 'NOT_FOUND', message: reason },
  });
  socket.end(
    `HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : 'Not Found'}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\nCache-Control: no-store\r\nConnection: close\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

function upgradeRequest(request: IncomingMessage): Request {
  const headers = new Headers();
  for (let index = 0; index + 1 < request.rawHeaders.length; index += 2) {
    headers.append(request.rawHeaders[index]!, request.rawHeaders[index + 1]!);
  }
  return new Request(new URL(request.url ?? '/', `http://${request.headers.host ?? 'localhost'}`), {
    headers,
  });
}

function isIdentity(value: unknown): value is MediaContext {
  const candidate = value as Partial<MediaContext> | null;
  return (
    typeof candidate?.tenantId === 'string' &&
    candidate.tenantId !== '' &&
    typeof candidate.userId === 'string'
  );
}

function send(socket: WebSocket, message: unknown): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
}

/**
 * Adds the realtime WebSocket endpoint to a Node HTTP server: authenticates the upgrade request
 * (401 rejects it), then sends the caller's tenant events as JSON messages `{type, ...}`,
 * batched like the SSE stream. A client may send `{"type":"subscribe","operationId":"…"}` and
 * gets the operation's current state at once, so a reconnecting client resumes where it was.
 * Ping/pong detects dead peers.
 */
export function attachWebSocketServer(server: Server, options: WebSocketOptions): AttachedWebSocketServer {
  const basePath = (options.basePath ?? '/api/media').replace(/\/+$/, '');
  const events = options.events ?? (options.service as TenantEventSource);
  if (typeof events?.subscribe !== 'function')
    throw new TypeError('websocket.events (or a service with subscribe) is required');
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const alive = new WeakMap<WebSocket, boolean>();

  const onConnection = (socket: WebSocket, identity: MediaContext) => {
    alive.set(socket, true);
    socket.on('pong', () => alive.set(socket, true));
    const batcher = createEventBatcher({
      intervalMs: options.batchMs ?? PROGRESS_BATCH_MS,
      send: (event) => send(socket, event),
    });
    const unsubscribe = events.subscribe(({ tenantId, event }) => {
      if (tenantId === identity.tenantId) batcher.push(event);
    });
    socket.on('message', (data, isBinary) => {
      let message: { type?: unknown; operationId?: unknown };
      try {
        message = isBinary ? {} : JSON.parse(data.toString());
      } catch {
        message = {};
      }
      if (message?.type !== 'subscribe' || typeof message.operationId !== 'string') {
        send(socket, {
          type: 'error',
          error: { code: 'VALIDATION_ERROR', message: 'Expected {"type":"subscribe","operationId":"…"}' },
        });
        return;
      }
      const operationId = message.operationId;
      options.service.getOperation(identity, { id: operationId }).then(
        (operation) => send(socket, { type: 'operation.progress', operation }),
        (error: unknown) => send(socket, { type: 'error', operationId, error: publicErrorShape(error) }),
      );
    });
    socket.on('close', () => {
      unsubscribe();
      batcher.close();
    });
    socket.on('error', () => socket.terminate());
  };

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // A peer that resets during authentication must not crash the process.
    socket.on('error', () => socket.destroy());
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path !== `${basePath}/ws`) {
      reject(socket, 404, 'No such WebSocket endpoint');
      return;
    }
    Promise.resolve()
      .then(() => options.authenticate(upgradeRequest(request)))
      .then(
        (identity) => {
          if (!isIdentity(identity)) {
            reject(socket, 401, 'Authentication required');
            return;
          }
          wss.handleUpgrade(request, socket, head, (ws) => onConnection(ws, identity));
        },
        (error: unknown) => {
          console.error('[mediashelf] WebSocket authentication failed', error);
          socket.destroy();
        },
      );
  };
  server.on('upgrade', onUpgrade);

  const heartbeat = setInterval(() => {
    for (const socket of wss.clients) {
      if (alive.get(socket) === false) {
        socket.terminate();
        continue;
      }
      alive.set(socket, false);
      socket.ping();
    }
  }, options.pingIntervalMs ?? 30_000);
  heartbeat.unref();

  return {
    wss,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(heartbeat);
        server.off('upgrade', onUpgrade);
        for (const socket of wss.clients) socket.terminate();
        wss.close(() => resolve());
      }),
  };
}
