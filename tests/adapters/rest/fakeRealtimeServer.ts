import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BulkOperation, MediaEvent } from 'mediashelf/core';
import { type WebSocket, WebSocketServer } from 'ws';
import { operation as makeOperation } from './mswHelpers';

const BASE_PATH = '/api/media';

/**
 * A small HTTP + WebSocket server the realtime tests control: `POST /operations`,
 * `GET /operations/:id`, `GET /events` (SSE) and the `/ws` upgrade, each switchable on and off,
 * with a log of what clients did.
 */
export async function startFakeRealtimeServer() {
  const operations = new Map<string, BulkOperation>();
  const sockets = new Set<WebSocket>();
  const streams = new Set<ServerResponse>();
  const log: string[] = [];
  const state = {
    websocket: true,
    sse: true,
    upgradeHeaders: [] as IncomingHttpHeaders[],
    upgradeAttempts: [] as number[],
    wsMessages: [] as string[],
    operationGets: 0,
  };
  let nextId = 1;

  const json = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (request.method === 'POST' && path === `${BASE_PATH}/operations`) {
      log.push('POST /operations');
      const started = makeOperation({ id: `op-${nextId++}` });
      operations.set(started.id, started);
      request.resume();
      request.on('end', () => json(response, 202, { success: true, data: started }));
      return;
    }
    const match = /^\/api\/media\/operations\/([^/]+)$/.exec(path);
    if (request.method === 'GET' && match) {
      state.operationGets++;
      log.push(`GET /operations/${match[1]}`);
      const found = operations.get(decodeURIComponent(match[1]!));
      if (found) json(response, 200, { success: true, data: found });
      else
        json(response, 404, { success: false, error: { code: 'NOT_FOUND', message: 'No such operation' } });
      return;
    }
    if (request.method === 'GET' && path === `${BASE_PATH}/events` && state.sse) {
      log.push('SSE open');
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      response.write(': connected\n\n');
      streams.add(response);
      request.on('close', () => streams.delete(response));
      return;
    }
    response.writeHead(404, { 'content-type': 'text/html' });
    response.end('<h1>Not Found</h1>');
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (request, socket, head) => {
    state.upgradeAttempts.push(Date.now());
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (!state.websocket || path !== `${BASE_PATH}/ws`) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    state.upgradeHeaders.push(request.headers);
    wss.handleUpgrade(request, socket, head, (ws) => {
      log.push('WS open');
      sockets.add(ws);
      ws.on('message', (data) => state.wsMessages.push(data.toString()));
      ws.on('close', () => {
        log.push('WS closed');
        sockets.delete(ws);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}${BASE_PATH}`,
    state,
    log,
    /** Open WebSocket connections. */
    get sockets() {
      return sockets.size;
    },
    /** Open SSE streams. */
    get streams() {
      return streams.size;
    },
    operations,
    /** Sets an operation's state without telling anyone. */
    setOperation(operation: BulkOperation) {
      operations.set(operation.id, operation);
    },
    /** Sends an event to every WebSocket and SSE client. */
    broadcast(event: MediaEvent) {
      const text = JSON.stringify(event);
      for (const socket of sockets) socket.send(text);
      for (const stream of streams) stream.write(`event: ${event.type}\ndata: ${text}\n\n`);
    },
    /** Cuts every realtime connection, as a network failure would. */
    drop() {
      for (const socket of sockets) socket.terminate();
      for (const stream of streams) stream.destroy();
    },
    async close() {
      this.drop();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The server type, for helpers. */
export type FakeRealtimeServer = Awaited<ReturnType<typeof startFakeRealtimeServer>>;
