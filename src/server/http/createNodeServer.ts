import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MediaError } from 'mediashelf/core';
import {
  type AttachedWebSocketServer,
  attachWebSocketServer,
  type WebSocketOptions,
} from './attachWebSocketServer';
import type { MediaRequestHandler } from './createMediaHandler';
import { errorReply } from './jsonReply';
import { sendWebResponse } from './sendWebResponse';
import { toWebRequest } from './toWebRequest';

/** Options of {@link createNodeServer}. */
export interface NodeServerOptions {
  /** Usually `createMediaHandler(...)`; any Web-standard handler works. */
  handler: MediaRequestHandler;
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to listen on (default `127.0.0.1`). */
  host?: string;
  /** Adds the WebSocket endpoint at `<basePath>/ws`. */
  websocket?: WebSocketOptions;
}

/** A listening server. */
export interface NodeMediaServer {
  server: Server;
  /** `http://host:port`, without a trailing slash. */
  url: string;
  /** Closes WebSocket connections, stops accepting requests and ends open ones. */
  close(): Promise<void>;
}

/**
 * Serves a Web-standard handler on Node's `http` module, streaming both ways without buffering
 * (request bodies with backpressure, responses through `pipeline`), with client disconnects
 * aborting `request.signal`; optionally with the realtime WebSocket endpoint. Resolves once
 * listening.
 */
export async function createNodeServer(options: NodeServerOptions): Promise<NodeMediaServer> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer((request, response) => {
    const origin = `http://${request.headers.host ?? host}`;
    let webRequest: Request;
    try {
      webRequest = toWebRequest(request, response, origin);
    } catch (error) {
      // A request line the Fetch API refuses (an unusual method, a malformed header).
      void sendWebResponse(
        errorReply(new MediaError('VALIDATION_ERROR', 'Malformed request', { cause: error })),
        response,
        request,
      );
      return;
    }
    options
      .handler(webRequest)
      .catch((error: unknown) => errorReply(error))
      .then((reply) => sendWebResponse(reply, response, request))
      .catch((error: unknown) => {
        console.error('[mediashelf] writing the response failed', error);
        response.destroy();
      });
  });
  const sockets: AttachedWebSocketServer | null = options.websocket
    ? attachWebSocketServer(server, options.websocket)
    : null;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    server,
    url: `http://${shownHost}:${address.port}`,
    async close() {
      await sockets?.close();
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
