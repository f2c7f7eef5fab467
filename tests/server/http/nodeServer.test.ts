import { createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { Readable } from 'node:stream';
import type { BulkOperation, MediaFile } from 'mediashelf/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createNodeServer, type NodeMediaServer } from '../../../src/server/http';
import { patternBytes, patternSha256 } from '../storage/helpers';
import {
  authenticateFromHeader,
  createHttpTestKit,
  type HttpTestKit,
  PNG_BYTES,
  waitUntil,
} from './httpTestKit';

const MIB = 1024 * 1024;
let kit: HttpTestKit;
let server: NodeMediaServer;
const finishedStatuses: number[] = [];

beforeAll(async () => {
  kit = await createHttpTestKit({ service: { bulk: { batchSize: 10 } } });
  server = await createNodeServer({
    handler: async (request) => {
      const response = await kit.handler(request);
      finishedStatuses.push(response.status);
      return response;
    },
    // The default heartbeat (30 s): a short one would terminate sockets whenever PGlite keeps
    // this shared event loop busy longer than the interval, which happens under CI load.
    websocket: { service: kit.service, authenticate: authenticateFromHeader },
  });
});
afterAll(async () => {
  await server?.close();
  await kit?.close();
});

const auth = (tenant: string) => ({ authorization: `Bearer ${tenant}:user-1` });

function* patternChunks(size: number, chunkSize = 256 * 1024) {
  for (let offset = 0; offset < size; offset += chunkSize) {
    yield Buffer.from(patternBytes(Math.min(chunkSize, size - offset), 7, offset));
  }
}

function post(path: string, headers: Record<string, string>) {
  return httpRequest(`${server.url}/api/media${path}`, { method: 'POST', headers });
}

describe('createNodeServer', () => {
  it('listens on loopback and serves the handler with JSON envelopes', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const tenant = kit.newTenant();
    const response = await fetch(`${server.url}/api/media/files`, { headers: auth(tenant) });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await response.json()).toEqual({ success: true, data: { items: [], nextCursor: null } });
    const anonymous = await fetch(`${server.url}/api/media/files`);
    expect(anonymous.status).toBe(401);
  });

  it('streams a 50 MiB upload generated on the fly and streams it back', async () => {
    const tenant = kit.newTenant();
    const size = 50 * MIB;
    const request = post('/files', {
      ...auth(tenant),
      'content-type': 'application/octet-stream',
      'x-file-name': 'big.bin',
    });
    const reply = new Promise<{ status: number; body: string }>((resolve, reject) => {
      request.on('response', (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          body += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      });
      request.on('error', reject);
    });
    Readable.from(patternChunks(size)).pipe(request);
    const { status, body } = await reply;
    expect(status).toBe(201);
    const file = JSON.parse(body).data as MediaFile;
    expect(file.fileSize).toBe(size);
    const download = await fetch(`${server.url}/api/media/files/${file.id}/content`, {
      headers: auth(tenant),
    });
    expect(download.headers.get('content-length')).toBe(String(size));
    const hash = createHash('sha256');
    const reader = download.body!.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) hash.update(read.value);
    expect(hash.digest('hex')).toBe(patternSha256(size, 7, 256 * 1024));
    const range = await fetch(`${server.url}/api/media/files/${file.id}/content`, {
      headers: { ...auth(tenant), range: `bytes=${size - 10}-` },
    });
    expect(range.status).toBe(206);
    expect(new Uint8Array(await range.arrayBuffer())).toEqual(patternBytes(10, 7, size - 10));
  }, 60_000);

  it('leaves no row and no object when the client disconnects mid-upload', async () => {
    const tenant = kit.newTenant();
    const before = finishedStatuses.length;
    const request = post('/files', {
      ...auth(tenant),
      'content-type': 'image/png',
      'x-file-name': 'cut.png',
    });
    request.on('error', () => undefined);
    request.write(Buffer.from(PNG_BYTES));
    for (let chunk = 0; chunk < 20; chunk++) request.write(Buffer.alloc(256 * 1024));
    await new Promise((resolve) => setTimeout(resolve, 100));
    request.destroy();
    // The handler answers once the service has cleaned up after the abort.
    await waitUntil(() => finishedStatuses.length > before, 10_000);
    expect(finishedStatuses[before]).toBe(400);
    const list = await kit.service.listMedia({ tenantId: tenant, userId: 'u' }, { status: 'active' });
    const trash = await kit.service.listMedia({ tenantId: tenant, userId: 'u' }, { status: 'deleted' });
    expect([...list.items, ...trash.items]).toEqual([]);
    expect(kit.keysOf(tenant)).toEqual([]);
  });

  it('ends an SSE stream and unsubscribes when the client disconnects', async () => {
    const tenant = kit.newTenant();
    const controller = new AbortController();
    const response = await fetch(`${server.url}/api/media/events`, {
      headers: auth(tenant),
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = response.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain(': connected');
    const received = (async () => {
      let text = '';
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return text;
        text += new TextDecoder().decode(value);
        if (text.includes('event: media.changed')) return text;
      }
    })();
    await kit.upload(tenant, 'x', 'a.txt', 'text/plain');
    expect(await received).toContain('"change":"created"');
    controller.abort();
  });
});

interface SocketClient {
  socket: WebSocket;
  messages: { at: number; message: { type: string; operation?: BulkOperation; error?: { code: string } } }[];
}

function connect(
  tenant: string | null,
  options: { autoPong?: boolean; target?: NodeMediaServer } = {},
): Promise<SocketClient> {
  const socket = new WebSocket(`${(options.target ?? server).url.replace('http', 'ws')}/api/media/ws`, {
    headers: tenant === null ? {} : auth(tenant),
    autoPong: options.autoPong ?? true,
  });
  const client: SocketClient = { socket, messages: [] };
  socket.on('message', (data) =>
    client.messages.push({ at: Date.now(), message: JSON.parse(data.toString()) }),
  );
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(client));
    socket.once('error', reject);
    socket.once('unexpected-response', (_request, response) =>
      reject(new Error(`status ${response.statusCode}`)),
    );
  });
}

describe('WebSocket endpoint', () => {
  it('rejects an unauthenticated upgrade with 401 and unknown paths with 404', async () => {
    await expect(connect(null)).rejects.toThrow('status 401');
    const wrong = new WebSocket(`${server.url.replace('http', 'ws')}/api/media/nope`, { headers: auth('t') });
    await expect(
      new Promise((_resolve, reject) => {
        wrong.once('unexpected-response', (_request, response) =>
          reject(new Error(`status ${response.statusCode}`)),
        );
        wrong.once('error', reject);
      }),
    ).rejects.toThrow('status 404');
  });

  it('sends batched progress of a 500-file bulk delete (about 10 a second at most) and the final state', async () => {
    const tenant = kit.newTenant();
    const context = { tenantId: tenant, userId: 'u' };
    const ids: string[] = [];
    for (let n = 0; n < 500; n++) {
      const file = await kit.service.uploadMedia(context, {
        body: new TextEncoder().encode(`f${n}`),
        fileName: `f${n}.txt`,
        contentType: 'text/plain',
      });
      ids.push(file.id);
    }
    const client = await connect(tenant);
    const other = await connect(kit.newTenant());
    const started = await fetch(`${server.url}/api/media/operations`, {
      method: 'POST',
      headers: { ...auth(tenant), 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'bulk-delete', ids }),
    });
    expect(started.status).toBe(202);
    const operationId = ((await started.json()).data as BulkOperation).id;
    const progressOf = () =>
      client.messages.filter(
        (entry) => entry.message.type === 'operation.progress' && entry.message.operation?.id === operationId,
      );
    await waitUntil(
      () => progressOf().some((entry) => entry.message.operation?.status === 'completed'),
      // Seconds on an idle machine; far more when PGlite shares two cores with other suites.
      80_000,
    );
    const progress = progressOf();
    const final = progress.at(-1)!;
    expect(final.message.operation).toMatchObject({
      status: 'completed',
      processed: 500,
      percentage: 100,
      failed: [],
    });
    // Client and server share one event loop here, so arrival times can bunch up; count per
    // one-second window instead of checking each gap (the unit test checks the gaps exactly).
    for (const entry of progress) {
      const inWindow = progress.filter((other) => other.at >= entry.at && other.at < entry.at + 1000);
      expect(inWindow.length).toBeLessThanOrEqual(12);
    }
    expect(progress.length).toBeGreaterThan(1);
    const changed = client.messages.filter((entry) => entry.message.type === 'media.changed');
    expect(changed.length).toBeGreaterThan(0);
    expect(other.messages).toEqual([]);
    client.socket.close();
    other.socket.close();
  }, 120_000);

  it('answers a subscribe message with the operation current state, and errors for bad messages', async () => {
    const tenant = kit.newTenant();
    const context = { tenantId: tenant, userId: 'u' };
    const file = await kit.service.uploadMedia(context, { body: new Uint8Array([1]), fileName: 'a.bin' });
    const started = await kit.service.startBulkOperation(context, { type: 'bulk-restore', ids: [file.id] });
    const client = await connect(tenant);
    client.socket.send(JSON.stringify({ type: 'subscribe', operationId: started.id }));
    await waitUntil(() => client.messages.length > 0);
    expect(client.messages[0]!.message).toMatchObject({
      type: 'operation.progress',
      operation: { id: started.id },
    });
    client.socket.send(
      JSON.stringify({ type: 'subscribe', operationId: '00000000-0000-4000-8000-000000000000' }),
    );
    client.socket.send('not json');
    await waitUntil(() => client.messages.length >= 3);
    const errors = client.messages.slice(1).map((entry) => entry.message);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'error', error: expect.objectContaining({ code: 'NOT_FOUND' }) }),
        expect.objectContaining({
          type: 'error',
          error: expect.objectContaining({ code: 'VALIDATION_ERROR' }),
        }),
      ]),
    );
    // Another tenant's operation is unknown to this caller.
    const stranger = await connect(kit.newTenant());
    stranger.socket.send(JSON.stringify({ type: 'subscribe', operationId: started.id }));
    await waitUntil(() => stranger.messages.length > 0);
    expect(stranger.messages[0]!.message).toMatchObject({ type: 'error', error: { code: 'NOT_FOUND' } });
    client.socket.close();
    stranger.socket.close();
  });

  describe('heartbeat', () => {
    const PING_MS = 250;
    let heartbeatServer: NodeMediaServer;
    beforeAll(async () => {
      heartbeatServer = await createNodeServer({
        handler: kit.handler,
        websocket: { service: kit.service, authenticate: authenticateFromHeader, pingIntervalMs: PING_MS },
      });
    });
    afterAll(async () => {
      await heartbeatServer?.close();
    });

    it('terminates a connection that stops answering pings', async () => {
      const silent = await connect(kit.newTenant(), { autoPong: false, target: heartbeatServer });
      const closed = new Promise<number>((resolve) => silent.socket.once('close', (code) => resolve(code)));
      expect(await closed).toBe(1006);
    });

    it('keeps a connection that answers pings', async () => {
      const healthy = await connect(kit.newTenant(), { target: heartbeatServer });
      let pings = 0;
      healthy.socket.on('ping', () => pings++);
      await waitUntil(() => pings >= 3, 10_000);
      expect(healthy.socket.readyState).toBe(WebSocket.OPEN);
      healthy.socket.close();
    });
  });
});
